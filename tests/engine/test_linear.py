"""Suppressions and unknown keys are handled in time linear in the input: four times the input
takes at most eight times as long (see tests/growth.py for how it is measured)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from designlint.engine.suppressions import scan_suppressions
from designlint.loader import load_text
from designlint.model import Design
from designlint.model.validation import validate_design
from tests.growth import assert_near_linear


def standalone_suppressions(n: int) -> str:
    """n suppression comments alone on their lines, all covering the one line after them."""
    comment = "# designlint: ignore[DL400] reason: agreed in review\n"
    return "tradeoffs:\n" + comment * n + "  - {name: A, choice: x}\n"


def spaced_reason(n: int) -> str:
    return "metadata:  # designlint: ignore[DL400] reason:" + " " * n + "x\n"


def scanning(make_text: Callable[[int], str]) -> Callable[[int], Callable[[], object]]:
    def prepare(n: int) -> Callable[[], object]:
        text = make_text(n)
        return lambda: scan_suppressions(text)

    return prepare


def unknown_keys(n: int):
    text = "apiVersion: designlint/v1\nkind: Design\nmetadata: {name: x}\n" + "".join(
        f"k{i}: 1\n" for i in range(n)
    )
    data = load_text(text, "keys.yaml").data
    return lambda: validate_design(data, Design)


@pytest.mark.parametrize(
    "make, size",
    [
        (scanning(standalone_suppressions), 5_000),
        (scanning(spaced_reason), 200_000),
        (unknown_keys, 10_000),
    ],
    ids=["many-suppressions", "long-reason", "many-unknown-keys"],
)
def test_growth_is_linear(make, size):
    assert_near_linear(make(size), make(4 * size))
