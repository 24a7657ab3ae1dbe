"""Units: counts as dimensions, bytes apart from bits, month conventions, and agreement with pint."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designlint.model import parse_quantity
from designlint.units import (
    DimensionError,
    UnitError,
    compatible,
    from_quantity,
    measure,
    resolve_unit,
    to_pint,
)
from designlint.units.definitions import unit_table
from designlint.units.display import format_measure

HOUR = 3600.0


def value(text: str, month_seconds: float = 730 * HOUR):
    return from_quantity(parse_quantity(text), month_seconds)


@pytest.mark.parametrize(
    ("text", "base_value", "dims"),
    [
        ("300 ms", 0.3, (("second", 1),)),
        ("12K loads/s", 12_000, (("load", 1), ("second", -1))),
        ("5 loads/user/day", 5 / 86_400, (("load", 1), ("second", -1), ("user", -1))),
        ("99.9%", 0.999, ()),
        ("4x", 4, ()),
        ("5 TB", 5e12, (("byte", 1),)),
        ("5 Tb", 5e12 / 8, (("byte", 1),)),
        ("2 KiB", 2048, (("byte", 1),)),
        ("1 Gbps", 1.25e8, (("byte", 1), ("second", -1))),
        ("200 million users", 2e8, (("user", 1),)),
        ("1.5 billion requests/day", 1.5e9 / 86_400, (("request", 1), ("second", -1))),
        ("$0.20/million requests", 0.2e-6, (("USD", 1), ("request", -1))),
        ("$0.48/hour", 0.48 / 3600, (("USD", 1), ("second", -1))),
        ("100 queries/s", 100, (("query", 1), ("second", -1))),
        ("3 QPS", 3, (("query", 1), ("second", -1))),
        ("10 cart reads per day", 10 / 86_400, (("read", 1), ("second", -1))),
        ("8 GB RAM", 8e9, (("byte", 1),)),
        ("200 follows/user", 200, (("follow", 1), ("user", -1))),
    ],
)
def test_units_read_as_engineers_write_them(text, base_value, dims):
    result = value(text)
    assert result.value == pytest.approx(base_value)
    assert result.dims == dims


def test_counts_are_dimensions_of_their_own():
    users, loads_per_user_day = value("200M users"), value("5 loads/user/day")
    assert (users * loads_per_user_day).dims == (("load", 1), ("second", -1))
    with pytest.raises(DimensionError):
        users + value("1 GB")


def test_bits_are_an_eighth_of_a_byte():
    assert compatible(value("1 GB/s").dims, value("1 Gbps").dims)
    assert (value("1 GB") + value("8 Gb")).value == pytest.approx(2e9)
    assert value("10 Gbps").value == pytest.approx(value("1.25 GB/s").value)


def test_a_stated_unit_without_a_count_accepts_any_count():
    assert compatible(value("12K/s").dims, value("12K loads/s").dims)
    assert not compatible(value("12K writes/s").dims, value("12K loads/s").dims)


@pytest.mark.parametrize(("month_seconds", "hours"), [(730 * HOUR, 730), (30 * 86_400.0, 720)])
def test_month_is_the_designs_convention(month_seconds, hours):
    assert value("1 month", month_seconds).value == pytest.approx(hours * HOUR)
    assert value("1 month_730h", month_seconds).value == pytest.approx(730 * HOUR)
    assert value("1 month_30d", month_seconds).value == pytest.approx(720 * HOUR)


@pytest.mark.parametrize("text", ["5 zz", "5 GB)", "5 (GB", "5 GB/", "5 s^99", "5 ?"])
def test_unreadable_units_raise_unit_error(text):
    with pytest.raises(UnitError):
        resolve_unit(text.split(" ", 1)[1])


def _spellings():
    """Every unit spelling the definitions give, with prefixes on the measured units."""
    table = unit_table()
    spellings = set(table.aliases)
    for prefix in table.prefixes:
        for name in ("second", "byte", "bit", "bps"):
            for spelling, target in table.aliases.items():
                if target == name:
                    spellings.add(prefix + spelling)
    return sorted(s for s in spellings if s.isidentifier() or s == "%")


def test_every_spelling_agrees_with_pint():
    """The check path's resolver and the pint registry read every defined spelling identically."""
    from designlint.units import registry

    ureg = registry()
    for spelling in _spellings():
        mine = resolve_unit(spelling)
        factor, root = ureg.get_root_units(spelling)
        assert math.isclose(mine.factor, factor, rel_tol=1e-12), spelling
        assert dict(mine.dims) == dict(root._units), spelling


UNITS = [
    "ms",
    "s",
    "min",
    "h",
    "day",
    "week",
    "GB",
    "MB",
    "KiB",
    "TB",
    "loads/s",
    "loads/day",
    "USD/month",
    "USD/hour",
    "GB/day",
    "bytes/item",
    "%",
    "x",
    "req/s",
    "Gbps",
    "Mb/s",
    "writes/user/day",
]
PAIRS = [(a, b) for a in UNITS for b in UNITS if a != b and resolve_unit(a).dims == resolve_unit(b).dims]
finite = st.floats(min_value=1e-6, max_value=1e15, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(magnitude=finite, pair=st.sampled_from(PAIRS))
def test_conversions_round_trip(magnitude, pair):
    source, target = pair
    there = measure(magnitude, source).value / resolve_unit(target).factor
    back = measure(there, target).value / resolve_unit(source).factor
    assert math.isclose(back, magnitude, rel_tol=1e-9)


@settings(max_examples=100, deadline=None)
@given(magnitude=finite, pair=st.sampled_from(PAIRS))
def test_pint_round_trips_and_agrees(magnitude, pair):
    source, target = pair
    quantity = to_pint(parse_quantity(f"{magnitude!r} {source}"))
    converted = quantity.to(to_pint(parse_quantity(f"1 {target}")).units)
    assert math.isclose(converted.to(quantity.units).magnitude, quantity.magnitude, rel_tol=1e-9)
    fast = measure(magnitude, source).value / resolve_unit(target).factor
    assert math.isclose(converted.magnitude, fast, rel_tol=1e-9)


@settings(max_examples=300, deadline=None)
@given(magnitude=st.floats(min_value=1e-5, max_value=1e14, allow_nan=False), unit=st.sampled_from(UNITS))
def test_displayed_values_read_back_to_the_value_shown(magnitude, unit):
    original = measure(magnitude, unit)
    text = format_measure(original)
    shown = from_quantity(parse_quantity(text))
    assert compatible(shown.dims, original.dims)
    tolerance = 0.006 if text.startswith("~") else 1e-9
    assert math.isclose(shown.value, original.value, rel_tol=tolerance), text


def test_checking_never_imports_pint():
    import subprocess
    import sys

    from tests.conftest import ROOT

    code = (
        "import sys\nfrom designlint.cli import main\n"
        "main(['check', '--no-source', 'designs/newsfeed.yaml', 'designs/url-shortener.yaml'])\n"
        "print('PINT:' + str('pint' in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "PINT:False", result.stderr[-500:]


def test_a_measure_is_a_value():
    import pickle

    from designlint.units import Measure

    speed = value("12K requests/s")
    same = Measure(speed.value, speed.dims, speed.display)
    assert speed == same and hash(speed) == hash(same) and speed is not same
    assert value("12000 requests/s") == speed
    assert speed != value("12K requests/min") and speed != (speed.value, speed.dims, speed.display)
    assert pickle.loads(pickle.dumps(speed)) == speed
    assert repr(Measure(2.0, (("second", 1),))) == "Measure(value=2.0, dims=(('second', 1),), display=())"
    assert (speed * Measure(2.0)).value == 24_000 and (speed * Measure(2.0)).dims == speed.dims
    with pytest.raises(AttributeError):
        speed.extra = 1


def test_one_reading_serves_every_spelling_of_a_value_and_keeps_its_own_words():
    # Read once per magnitude, unit and month, then handed out again: what a reader sees must
    # not depend on which spelling came first.
    assert value("12K requests/s") is value("12,000 requests/s")
    assert value("3 GB", 720 * HOUR) == value("3 GB") and value("1 month", 720 * HOUR) != value("1 month")
    zero, negative_zero = value("0"), from_quantity(parse_quantity(-0.0))
    assert math.copysign(1, zero.value) == 1 and math.copysign(1, negative_zero.value) == -1
    for text in ("1e100 EB^6", "10e99 EB^6"):
        with pytest.raises(UnitError, match=re.escape(f"'{text}' is out of range in base units")):
            value(text)
