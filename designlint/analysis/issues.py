"""What an analysis found wrong, by kind, pointing at a document path (and a column inside a formula)."""

from __future__ import annotations

from typing import NamedTuple

# Kinds, each reported by one rule of the numbers pack.
FORMULA = "formula"  # cannot be read or evaluated
UNKNOWN_NAME = "unknown-name"  # refers to a quantity that does not exist
CYCLE = "cycle"  # formulas refer to each other in a loop
UNIT = "unit"  # dimensions that do not agree
UNREADABLE_UNIT = "unreadable-unit"  # a unit designlint cannot read
DUPLICATE = "duplicate"  # two quantities share a name


class Issue(NamedTuple):
    kind: str
    path: tuple
    message: str
    hint: str | None = None
    offset: int | None = None  # column within the scalar at ``path`` (0-based), for formula errors
