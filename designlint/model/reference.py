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

LocalOrElementRef = Annotated[
    str,
    Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*(#[A-Za-z0-9][A-Za-z0-9_.-]*)?$",
        max_length=201,
        description="An id in this design, or another design's element as 'design-name#element-id'.",
    ),
]


def is_element_ref(value: object) -> bool:
    """Whether a value names another design's element (``design#element``) rather than a local id."""
    return isinstance(value, str) and "#" in value
