"""References to another design's element, written ``design-name#element-id``."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

ElementRef = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*#[A-Za-z0-9][A-Za-z0-9_.-]*$",
        max_length=201,
        description="Another design's element: the design's metadata.name, '#', and the element's id.",
    ),
]
