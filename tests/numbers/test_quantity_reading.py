"""How a value is read, field by field: qualifiers, bounds, currencies, ranges, multipliers and refusals."""

from __future__ import annotations

import pytest

from designlint.model.quantity import parse_quantity

_EXAMPLES = "e.g. '200M', '1.5 billion requests/day', '12K/s', '300 ms', '99.9%'"

READINGS = [
    # (written, magnitude, unit, approximate, bound, low of a range)
    ("50 ms", 50.0, "ms", False, "", None),
    ("  7 ms\t", 7.0, "ms", False, "", None),
    ("99.95%", 99.95, "%", False, "", None),
    ("1,000,000", 1_000_000.0, "", False, "", None),
    (".5", 0.5, "", False, "", None),
    ("2.5e3 GB", 2500.0, "GB", False, "", None),
    ("~12K/s", 12_000.0, "/s", True, "", None),
    ("≈ 3 s", 3.0, "s", True, "", None),
    ("<= 300 ms", 300.0, "ms", False, "<=", None),
    ("≤3s", 3.0, "s", False, "<=", None),
    (">=4 qps", 4.0, "qps", False, ">=", None),
    ("≥ 2 nodes", 2.0, "nodes", False, ">=", None),
    ("< 1%", 1.0, "%", False, "<", None),
    ("$1,234/month", 1234.0, "USD/month", False, "", None),
    ("~$0.20/million requests", 0.2, "USD/million requests", True, "", None),
    ("€3 per GB", 3.0, "EUR per GB", False, "", None),
    ("£2/h", 2.0, "GBP/h", False, "", None),
    ("3-4x", 4.0, "x", False, "", 3.0),
    ("200-300 million users", 3e8, "users", False, "", 2e8),
    ("$3 - $4/GB", 4.0, "USD/GB", False, "", 3.0),
    ("5 to 6 s", 6.0, "s", False, "", 5.0),
    ("5 toms", 5.0, "toms", False, "", None),
    ("1.5 billion requests/day", 1.5e9, "requests/day", False, "", None),
    ("12K", 12_000.0, "", False, "", None),
    ("5 G", 5.0, "G", False, "", None),
    ("2 B users", 2e9, "users", False, "", None),
    ("100 B", 100.0, "B", False, "", None),
    ("5M/day", 5e6, "/day", False, "", None),
    ("0 ms", 0.0, "ms", False, "", None),
    ("5 ms extra 7", 5.0, "ms extra 7", False, "", None),
]


@pytest.mark.parametrize("written, magnitude, unit, approximate, bound, low", READINGS)
def test_a_value_is_read_as_written(written, magnitude, unit, approximate, bound, low):
    quantity = parse_quantity(written)
    assert (quantity.text, quantity.magnitude, quantity.unit) == (written.strip(), magnitude, unit)
    assert (quantity.approximate, quantity.bound, quantity.low) == (approximate, bound, low)


REFUSALS = [
    ("$", f"'$' is not a number with a unit ({_EXAMPLES})"),
    ("abc", f"'abc' is not a number with a unit ({_EXAMPLES})"),
    ("5 <x", f"'5 <x' is not a number with a unit ({_EXAMPLES})"),
    ("1e-101", "'1e-101' is out of range: designlint reads magnitudes from 1e-100 to 1e100"),
    ("1e101 s", "'1e101 s' is out of range: designlint reads magnitudes from 1e-100 to 1e100"),
    ("١٢ ms", "'١' (U+0661) is not a digit designlint reads: write numbers with 0-9"),
]


@pytest.mark.parametrize("written, reason", REFUSALS)
def test_a_value_that_cannot_be_read_says_why(written, reason):
    with pytest.raises(ValueError) as refused:
        parse_quantity(written)
    assert str(refused.value) == reason
