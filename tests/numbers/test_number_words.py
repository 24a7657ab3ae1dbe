"""Numbers as engineers write them: number words and abbreviations, and the words that are not numbers."""

from __future__ import annotations

import re

import pytest

from designlint.formula import FormulaError, evaluate
from designlint.model import parse_quantity
from designlint.units import UnitError, from_quantity
from tests.conftest import with_header
from tests.growth import assert_near_linear

READ = [
    # (written, value in base units, dimensions)
    ("200 million users", 2e8, (("user", 1),)),
    ("200 Million users", 2e8, (("user", 1),)),
    ("200 MILLION users", 2e8, (("user", 1),)),
    ("200million users", 2e8, (("user", 1),)),
    ("1.5 billion requests/day", 1.5e9 / 86_400, (("request", 1), ("second", -1))),
    ("3 trillion bytes", 3e12, (("byte", 1),)),
    ("10 thousand users", 1e4, (("user", 1),)),
    ("10thousand users", 1e4, (("user", 1),)),
    ("4 hundred nodes", 400, (("node", 1),)),
    ("5k users", 5e3, (("user", 1),)),
    ("5 k users", 5e3, (("user", 1),)),
    ("5 K users", 5e3, (("user", 1),)),
    ("5 M users", 5e6, (("user", 1),)),
    ("3 MM users", 3e6, (("user", 1),)),
    ("3MM", 3e6, ()),
    ("2 mn users", 2e6, (("user", 1),)),
    ("2 mil users", 2e6, (("user", 1),)),
    ("2bn users", 2e9, (("user", 1),)),
    ("2 Bn users", 2e9, (("user", 1),)),
    ("2 B users", 2e9, (("user", 1),)),
    ("1.5 T", 1.5e12, ()),
    ("1B", 1e9, ()),
    ("1B/day", 1e9 / 86_400, (("second", -1),)),
    ("$2 million/month", 2e6 / (730 * 3600), (("USD", 1), ("second", -1))),
    ("$1.5B", 1.5e9, (("USD", 1),)),
    ("$0.20/million requests", 0.2e-6, (("USD", 1), ("request", -1))),
    # Units that look like multipliers stay units: the README's rule.
    ("5TB", 5e12, (("byte", 1),)),
    ("5 TB", 5e12, (("byte", 1),)),
    ("100 B", 100, (("byte", 1),)),
    ("100 B/item", 100, (("byte", 1), ("item", -1))),
    ("100 B per item", 100, (("byte", 1), ("item", -1))),
    ("5 Mb", 5e6 / 8, (("byte", 1),)),
    ("5 min", 300, (("second", 1),)),
]


@pytest.mark.parametrize(("text", "base_value", "dims"), READ)
def test_number_words_and_abbreviations_scale_the_number(text, base_value, dims):
    value = from_quantity(parse_quantity(text))
    assert value.value == pytest.approx(base_value)
    assert value.dims == dims


RANGES = [
    ("200-300 million users", 2e8, 3e8),  # one multiplier written once covers both ends
    ("3-4K", 3e3, 4e3),
    ("500-2K", 500, 2e3),  # 500K-2K would be backwards: 500 stays 500
    ("1-2 bn", 1e9, 2e9),
    ("3-4x", 3, 4),
]


@pytest.mark.parametrize(("text", "low", "high"), RANGES)
def test_ranges_share_a_trailing_multiplier(text, low, high):
    quantity = parse_quantity(text)
    assert (quantity.low, quantity.magnitude) == (pytest.approx(low), pytest.approx(high))


UNREADABLE = [
    # (written, fragment of the error) - a word is either read or refused, never dropped
    ("200 mln users", "not a number word"),
    ("200 millions users", "not a number word"),
    ("5 lakh users", "not a number word"),
    ("5 abs", "'abs' is not a unit"),
    ("5 xds", "'xds' is not a unit"),
    ("5 users million", "must come right after the number"),
]


@pytest.mark.parametrize(("text", "fragment"), UNREADABLE)
def test_unknown_words_are_errors_not_dropped(text, fragment):
    with pytest.raises(UnitError, match=fragment):
        from_quantity(parse_quantity(text))


REFUSED = [
    ("١٢ users", "U+0661"),
    ("𝟏 GB", "U+1D7CF"),
    ("5² GB", "U+00B2"),
    ("1e999", "not a finite number"),
    ("1e308 GB", "out of range"),
    ("1e-300 s", "out of range"),
    (-1e308, "out of range"),
    (float("nan"), "not a finite number"),
    (10**400, "not a finite number"),
]


@pytest.mark.parametrize(("value", "fragment"), REFUSED)
def test_values_outside_what_designlint_reads_are_refused_with_a_reason(value, fragment):
    with pytest.raises(ValueError, match=re.escape(fragment)):
        parse_quantity(value)


FORMULAS = [
    ("1.5 billion requests/day / (86400 s/day)", 1.5e9 / 86_400),
    ("200 million * 5", 1e9),
    ("3 MM + 2bn", 2.003e9),
    ("10thousand / 10", 1e3),
]


@pytest.mark.parametrize(("text", "expected"), FORMULAS)
def test_formulas_read_number_words_too(text, expected):
    assert evaluate(text, _no_names).value == pytest.approx(expected)


FORMULA_ERRORS = [
    # (formula, 1-based column, fragment)
    ("$²", 2, "U+00B2"),
    ("١ + 1", 1, "U+0661"),
    ("𝟏 + 1", 1, "U+1D7CF"),
    ("2 * 3²", 6, "U+00B2"),
    ("ceil(1e308 GB)", 6, "out of range"),
    ("1e308 * 1e308", 1, "out of range"),
    ("5 abs", 3, "'abs' is not a unit"),
    ("2 mln", 3, "not a number word"),
]


@pytest.mark.parametrize(("text", "column", "fragment"), FORMULA_ERRORS)
def test_formula_errors_on_odd_numbers_are_positioned(text, column, fragment):
    with pytest.raises(FormulaError) as caught:
        evaluate(text, _no_names)
    assert fragment in caught.value.message
    assert caught.value.offset + 1 == column


def _no_names(name: str, offset: int):
    raise FormulaError(f"unknown name '{name}'", offset, len(name))


def test_a_value_in_number_words_reaches_the_arithmetic(check_text):
    """``200 million users`` was read as 200 users: the derivation below would be off by a million."""
    text = with_header("""scale:
  quantities:
    - {name: dau, value: 200 million users, rationale: given}
    - {name: sessions, value: 5 loads/user/day, rationale: measured}
    - {name: loads_per_day, value: 1 billion loads/day, formula: dau * sessions}
""")
    assert [f.code for f in check_text(text) if f.code.startswith("DL5")] == []


@pytest.mark.parametrize(("head", "tail"), [("1 a", "b"), ("1", "GB"), ("~1", "K users")])
def test_reading_a_value_takes_linear_time(head, tail):
    """A value with a long run of spaces inside its unit once took quadratic time (51 s for 100 KB)."""

    def reading(text: str):
        def read() -> None:
            try:
                from_quantity(parse_quantity(text))
            except ValueError:  # refused (the unit is too long) or unreadable: either way, answered
                pass

        return read

    assert_near_linear(reading(head + " " * 200_000 + tail), reading(head + " " * 800_000 + tail), runs=9)
