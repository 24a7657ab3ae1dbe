"""Comparing a stated number with a recomputed one: tolerance, ranges, bounds and likely unit slips."""

from __future__ import annotations

import math
from typing import NamedTuple

from designlint.units import Measure, UnitError, compatible, from_quantity
from designlint.units.display import format_number

EXACT_TOLERANCE = 0.01
APPROXIMATE_TOLERANCE = 0.10


class Comparison(NamedTuple):
    """The verdict on one stated number: ``agrees``; if not, whether units or values differ."""

    agrees: bool
    comparable: bool
    stated: Measure | None
    ratio: float | None = None  # stated / recomputed
    tolerance: float = EXACT_TOLERANCE


def tolerance_for(quantity, options: dict | None = None) -> float:
    options = options or {}
    if quantity.approximate:
        return float(options.get("approximate_tolerance", APPROXIMATE_TOLERANCE))
    return float(options.get("tolerance", EXACT_TOLERANCE))


def compare(
    quantity,
    recomputed: Measure,
    month_seconds: float,
    options: dict | None = None,
    stated: Measure | None = None,
    tolerance: float | None = None,
) -> Comparison:
    """Does the stated ``quantity`` agree with ``recomputed``? Ranges and bounds are honoured.

    A stated unit that names no count (``12K/s``) is compared with any count; otherwise the
    dimensions must be the same. ``tolerance`` overrides the one the ``~`` mark gives. Raises
    UnitError if the stated unit cannot be read.
    """
    if tolerance is None:
        tolerance = tolerance_for(quantity, options)
    if stated is None:
        stated = from_quantity(quantity, month_seconds)
    if not compatible(stated.dims, recomputed.dims):
        return Comparison(False, False, stated, tolerance=tolerance)
    value, computed = stated.value, recomputed.value
    ratio = value / computed if computed else (math.inf if value else 1.0)
    scale = stated.value / quantity.magnitude if quantity.magnitude else 1.0
    if quantity.low is not None:
        low, high = quantity.low * scale, quantity.magnitude * scale
        agrees = _at_least(computed, low, tolerance) and _at_most(computed, high, tolerance)
    elif quantity.bound in ("<", "<="):
        agrees = _at_most(computed, value, tolerance)
    elif quantity.bound in (">", ">="):
        agrees = _at_least(computed, value, tolerance)
    else:
        agrees = _close(computed, value, tolerance)
    return Comparison(agrees, True, stated, ratio, tolerance)


def _close(computed: float, stated: float, tolerance: float) -> bool:
    if computed == stated:
        return True
    return abs(stated - computed) <= tolerance * max(abs(computed), abs(stated)) * (1 + 1e-12)


def _at_most(computed: float, bound: float, tolerance: float) -> bool:
    return computed <= bound + tolerance * abs(bound)


def _at_least(computed: float, bound: float, tolerance: float) -> bool:
    return computed >= bound - tolerance * abs(bound)


def measured(quantity, month_seconds: float) -> Measure | None:
    try:
        return from_quantity(quantity, month_seconds)
    except UnitError:
        return None


def factor_text(ratio: float | None) -> str:
    """``100× the stated value`` style wording for how far apart two numbers are."""
    if ratio is None or ratio <= 0 or not math.isfinite(ratio):
        return ""
    if ratio >= 1:
        return (
            f"the stated value is {format_number(ratio, suffixes=False, grouping=True)}× the recomputed one"
        )
    return (
        f"the recomputed value is {format_number(1 / ratio, suffixes=False, grouping=True)}× the stated one"
    )


_TIME_SLIPS = {
    86400.0: "seconds in a day: a per-day figure divided by a plain 86400 rather than by 86400 s/day?",
    3600.0: "seconds in an hour: hours and seconds mixed up?",
    60.0: "a factor of 60: minutes and seconds (or hours and minutes) mixed up?",
    24.0: "hours in a day: per-hour and per-day mixed up?",
    7.0: "days in a week: per-week and per-day mixed up?",
    30.0: "days in a month: per-month and per-day mixed up?",
    365.0: "days in a year: per-year and per-day mixed up?",
    730.0: "hours in a month: per-month and per-hour mixed up?",
}
_DATA_SLIPS = {
    8.0: "bits in a byte: bits written where bytes were meant (1 Gbps is 125 MB/s), or the reverse?",
}
_PREFIX_SLIPS = {
    1000.0: "one decimal prefix step (K, M, G...): a prefix or a count suffix slipped?",
    1e6: "two decimal prefix steps: KB written for GB, or K for B?",
    1e9: "three decimal prefix steps: a prefix or a count suffix slipped?",
    1.024: "binary against decimal prefixes (KiB vs KB)?",
    1.048576: "binary against decimal prefixes (MiB vs MB)?",
    1.073741824: "binary against decimal prefixes (GiB vs GB)?",
    1.099511627776: "binary against decimal prefixes (TiB vs TB)?",
}


def slip_hint(ratio: float | None, dims) -> str | None:
    """When two numbers differ by a telling factor, name the probable unit slip."""
    if ratio is None or ratio <= 0 or not math.isfinite(ratio):
        return None
    factor = ratio if ratio >= 1 else 1 / ratio
    candidates: dict[float, str] = dict(_PREFIX_SLIPS)
    if any(base == "second" for base, _ in dims):
        candidates.update(_TIME_SLIPS)
    if any(base == "byte" for base, _ in dims):
        candidates.update(_DATA_SLIPS)
    if not dims:
        candidates[100.0] = "a fraction written where a percentage was meant (0.999 against 99.9%)?"
    for known, text in candidates.items():
        if abs(factor / known - 1) < 0.005:
            return f"the values differ by {format_number(known, suffixes=False, grouping=True, significant=10)}×, {text}"
    return None
