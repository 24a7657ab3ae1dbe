"""Values are parsed once per spelling: the same answer, and the same refusal, every time."""

from __future__ import annotations

import pytest

from designlint.model.quantity import CACHED_UP_TO, parse_quantity


def test_a_spelling_is_parsed_once_and_shared():
    first, again = parse_quantity("12K requests/s"), parse_quantity("12K requests/s")
    assert first is again and first.magnitude == 12_000 and first.unit == "requests/s"


@pytest.mark.parametrize("value", ["abc ms", "1e308 GB" * 2, "١٢ ms"])
def test_a_refusal_is_the_same_every_time(value):
    reasons = []
    for _ in range(2):
        with pytest.raises(ValueError) as refused:
            parse_quantity(value)
        reasons.append(str(refused.value))
    assert reasons[0] == reasons[1]


def test_long_values_are_parsed_without_being_kept():
    long_value = "1 " + "x" * CACHED_UP_TO + " ms"
    with pytest.raises(ValueError, match="longer than"):
        parse_quantity(long_value)
    assert parse_quantity("5" + " " * CACHED_UP_TO + "ms").unit == "ms"
