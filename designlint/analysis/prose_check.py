"""Recomputing the claims found in prose, with the units and tolerances of structured numbers.

Prose leaves units implicit where a formula would not ("50B × 100 B × 7 days" means 50B rows
*a day*), so a claim is recomputed under a few readings, in this order:

1. as written, every unit taken literally (the formula evaluator's own arithmetic);
2. with a plain conversion constant read as the conversion it stands for
   (``1B requests/day / 86,400`` divides by 86,400 s/day);
3. bits and bytes related by 8, for a claim that restates one as the other (8 Gbps = 1 GB/s);
4. for arithmetic with operators only: counts ignored, and one time unit the writer left
   implicit on one side supplied from the unit written on the other side (per day).

A month is the design's month (730 h unless it declares another) or 30 days, whichever agrees.
A claim is reported only when at least one reading can compare the two sides and none of them
agrees. The tolerance is the structured one (1 %, 10 % for ``~``, ``≈``, ``about``, ``roughly``),
widened to the rounding of the stated digits (``12K`` is 11.5K to 12.5K), at most 5 %.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import NamedTuple

from designlint.analysis.compare import APPROXIMATE_TOLERANCE, EXACT_TOLERANCE, compare
from designlint.analysis.prose_claims import ARROWS, ArithmeticClaim, DowntimeClaim, Window
from designlint.analysis.prose_commitments import TotalClaim
from designlint.analysis.prose_text import APPROXIMATE_RELATIONS, Term
from designlint.formula import FormulaError, evaluate
from designlint.model.quantity import Quantity
from designlint.units import Measure, UnitError, compatible, from_quantity, measure
from designlint.units.measure import has_counts, physical

DAYS_30 = 30 * 86_400.0
SECOND = (("second", 1),)
MAX_ROUNDING = 0.05
TIME_WORDS = frozenset({"s", "ms", "min", "h", "day", "week", "month", "year", "µs", "ns"})
# Plain numbers that are usually a conversion between time units, with the units they convert.
CONVERSIONS = {
    60.0: ("s/min", "min/h"),
    24.0: ("h/day",),
    7.0: ("day/week",),
    12.0: ("month/year",),
    30.0: ("day/month_30d",),
    52.0: ("week/year",),
    365.0: ("day/year",),
    730.0: ("h/month",),
    1440.0: ("min/day",),
    3600.0: ("s/h",),
    8760.0: ("h/year",),
    86400.0: ("s/day",),
    604800.0: ("s/week",),
}
MAX_VARIANTS = 8


class Verdict(NamedTuple):
    """A recomputed claim: whether it agrees, and the recomputed value in the stated unit's terms."""

    agrees: bool
    recomputed: Measure  # with the stated value's dimensions and display
    stated: Measure
    month_seconds: float  # the month the reading used
    tolerance: float


def tolerance(stated: Term, approximate: bool, options: dict | None = None) -> float:
    """The rule's tolerance, widened to the rounding the stated digits imply (at most 5 %)."""
    return max(_base_tolerance(approximate or stated.quantity.approximate, options), rounding(stated))


def _base_tolerance(approximate: bool, options: dict | None) -> float:
    options = options or {}
    if approximate:
        return float(options.get("approximate_tolerance", APPROXIMATE_TOLERANCE))
    return float(options.get("tolerance", EXACT_TOLERANCE))


def rounding(stated: Term) -> float:
    """Half a unit of the last written digit, relative to the value: ``12K`` -> 0.5/12."""
    mantissa, half_unit = _written_precision(stated.quantity)
    return min(MAX_ROUNDING, half_unit / mantissa) if mantissa else 0.0


def _written_precision(quantity: Quantity) -> tuple[float, float]:
    """The digits as written (``12`` of ``12K``) and half a unit of the last of them."""
    number = quantity.text.split(" ")[0]
    digits = "".join(c for c in number if c.isdigit() or c == ".")
    if not digits.strip(".") or "e" in number.lower():  # 1e+16, from 10^16: no digits were written
        return 0.0, 0.0
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return float(digits), 0.5 * 10.0**-decimals


def months(month_seconds: float, *texts: str, days_first: bool = False) -> tuple[float, ...]:
    """The month lengths to try: the design's, and 30 days when a text says month."""
    if abs(month_seconds - DAYS_30) > 1 and any("month" in text for text in texts):
        return (DAYS_30, month_seconds) if days_first else (month_seconds, DAYS_30)
    return (month_seconds,)


def _agreement(computed: Measure, quantity: Quantity, stated: Measure, month: float, tol: float) -> Verdict:
    shown = Measure(computed.value, stated.dims, stated.display)
    verdict = compare(quantity, shown, month, {"tolerance": tol, "approximate_tolerance": tol}, stated)
    if _is_availability(quantity) and not shown.dims:
        agrees = _availability_agrees(shown.value, stated.value, quantity, tol)
    else:
        agrees = (
            verdict.agrees
            or _binary_prefix(verdict.ratio, stated, tol)
            or _whole_count(shown, quantity, stated)
        )
    return Verdict(agrees, shown, stated, month, tol)


def _is_availability(quantity: Quantity) -> bool:
    return quantity.is_percent and 90 <= quantity.magnitude < 100


def _availability_agrees(computed: float, stated: float, quantity: Quantity, tol: float) -> bool:
    """Availabilities compare by what they leave out: 99.95% is a third of 99.84%'s downtime.

    The tolerance applies to the unavailable share; the rounding of the written digits (99.8%
    covers 99.75% to 99.85%) is allowed in full.
    """
    _, half_unit = _written_precision(quantity)
    allowed = max(half_unit / 100, tol * abs(1 - computed))
    return abs(stated - computed) <= allowed * (1 + 1e-9)


def _whole_count(computed: Measure, quantity: Quantity, stated: Measure) -> bool:
    """``50K/s ÷ 6K/s per node = 9 nodes``: a count of things, rounded up or to the nearest whole."""
    if physical(stated.dims) or not quantity.magnitude or not float(quantity.magnitude).is_integer():
        return False
    scale = stated.value / quantity.magnitude  # base units per written unit
    written = computed.value / scale
    return quantity.magnitude in (math.ceil(written - 1e-9), round(written))


def _binary_prefix(ratio: float | None, stated: Measure, tol: float) -> bool:
    """``1 KB = 1024 bytes``: decimal and binary prefixes mixed, which prose does freely."""
    if ratio is None or ratio <= 0 or not any(base in ("byte", "bit") for base, _ in stated.dims):
        return False
    factor = ratio if ratio >= 1 else 1 / ratio
    return any(abs(factor / 1.024**power - 1) <= tol for power in (1, 2, 3, 4, 5))


# --- Arithmetic ---------------------------------------------------------------------------


def check_arithmetic(
    claim: ArithmeticClaim, month_seconds: float, options: dict | None = None
) -> Verdict | None:
    """The verdict on an arithmetic claim, or None when no reading can compare its two sides."""
    if not _recognised(claim):
        return None
    approximate = claim.approximate or any(term.quantity.approximate for term in claim.terms)
    if claim.single_result:
        tol = tolerance(claim.stated, approximate, options)
    else:
        tol = _base_tolerance(approximate, options)
    units = [term.quantity.unit for term in claim.terms]
    first: Verdict | None = None
    for month in months(month_seconds, *units):
        for verdict in _readings(claim, month, tol):
            if verdict.agrees:
                return verdict
            first = first or verdict
    return first


def _recognised(claim: ArithmeticClaim) -> bool:
    if any(term.quantity.bound for term in claim.terms):
        return False
    # "99.9% × 30 days" means the unavailable share: not arithmetic as written. Availabilities
    # multiplied together (99.9% × 99.95%) or subtracted from 100% are.
    percents = [t.quantity.is_percent for t in claim.terms]
    availability = any(t.quantity.is_percent and t.quantity.magnitude >= 90 for t in claim.terms)
    if availability and not all(percents) and "-" not in claim.expression + claim.result:
        return False
    if claim.operators or not claim.single_result:
        return True
    # One number restated: only a conversion between two different units is a claim.
    term, stated = claim.terms
    if claim.relation in ARROWS or not _measures_something(term) or not _measures_something(stated):
        return False
    if _unit_key(term.quantity.unit) == _unit_key(stated.quantity.unit):
        return False
    if claim.relation not in ("=", "==", "equals") and claim.relation not in APPROXIMATE_RELATIONS:
        return _is_rate(term) and _is_rate(stated)
    return True


def _measures_something(term: Term) -> bool:
    """A unit with dimensions: percentages and ratios of times are for the downtime rule."""
    try:
        return bool(term.quantity.unit) and bool(from_quantity(term.quantity).dims)
    except UnitError:
        return False


def _unit_key(unit: str) -> str:
    return unit.replace(" ", "").lower().rstrip("s")


def _is_rate(term: Term) -> bool:
    try:
        dims = from_quantity(term.quantity).dims
    except UnitError:
        return False
    return ("second", -1) in dims


def _readings(claim: ArithmeticClaim, month: float, tol: float) -> Iterator[Verdict]:
    try:
        operands = [from_quantity(term.quantity, month) for term in claim.terms]
    except UnitError:
        return
    stated_quantity = claim.stated.quantity
    for values in _variants(claim, operands, month):
        try:
            computed = evaluate(claim.expression, _lookup(values), month)
            stated = evaluate(claim.result, _lookup(values), month)
        except FormulaError:
            continue
        if not (math.isfinite(computed.value) and math.isfinite(stated.value)):
            continue
        if not claim.single_result:
            stated_quantity = Quantity(text=claim.result, magnitude=stated.value)
        if compatible(stated.dims, computed.dims):
            yield _agreement(computed, stated_quantity, stated, month, tol)
            continue
        as_bytes = _bits_as_bytes(computed, stated)
        if as_bytes is not None:
            yield _agreement(as_bytes, stated_quantity, stated, month, tol)
            continue
        # One number restated may name its count differently (redirections/s as requests/day).
        same_measure = bool(physical(stated.dims)) and physical(stated.dims) == physical(computed.dims)
        if (claim.operators and stated.dims) or same_measure:
            implicit = _implicit_time(computed, stated, month)
            if implicit is not None:
                yield _agreement(implicit, stated_quantity, stated, month, tol)


def _lookup(values: list[Measure]):
    def lookup(name: str, _offset: int) -> Measure:
        return values[int(name[1:])]

    return lookup


def _variants(claim: ArithmeticClaim, operands: list[Measure], month: float) -> Iterator[list[Measure]]:
    """The operands as written, then with plain conversion constants read as conversions."""
    yield operands
    choices: list[tuple[int, tuple[str, ...]]] = []
    for index, (term, value) in enumerate(zip(claim.terms[: claim.left_terms], operands, strict=False)):
        if not value.dims and not term.quantity.unit and value.value in CONVERSIONS:
            choices.append((index, CONVERSIONS[value.value]))
    produced = 0
    for index, units in choices:
        for unit in units:
            if produced >= MAX_VARIANTS:
                return
            variant = list(operands)
            variant[index] = measure(operands[index].value, unit, month)
            produced += 1
            yield variant


def _bits_as_bytes(computed: Measure, stated: Measure) -> Measure | None:
    """``computed`` in the stated unit's terms when the two differ only in bits against bytes."""
    bits = {"bit": "byte", "byte": "bit"}
    stated_kind = next((base for base, _ in stated.dims if base in bits), None)
    if stated_kind is None:
        return None
    other = bits[stated_kind]
    exponent = dict(computed.dims).get(other)
    if not exponent:
        return None
    swapped = tuple(sorted((stated_kind if base == other else base, exp) for base, exp in computed.dims))
    if not compatible(stated.dims, swapped):
        return None
    factor = 8.0 ** (exponent if other == "bit" else -exponent)
    return Measure(computed.value / factor, swapped, stated.display)


def _implicit_time(computed: Measure, stated: Measure, month: float) -> Measure | None:
    """Counts ignored, and a per-time the writer left implicit supplied from the written unit.

    ``50B × 100 B × 7 days`` against ``GB``: the extra day is the "per day" of 50B rows;
    ``50B items × 100 bytes`` against ``TB/day``: the missing day is the stated rate's.
    """
    left, right = dict(physical(computed.dims)), dict(physical(stated.dims))
    extra = left.get("second", 0) - right.get("second", 0)
    if {k: v for k, v in left.items() if k != "second"} != {k: v for k, v in right.items() if k != "second"}:
        return None
    if extra not in (-1, 0, 1):
        return None
    value = computed.value
    if extra:
        words = {
            symbol for symbol, exp in computed.display if symbol in TIME_WORDS and (exp > 0) == (extra > 0)
        } | {symbol for symbol, exp in stated.display if symbol in TIME_WORDS and (exp < 0) == (extra > 0)}
        if len(words) != 1:
            return None
        length = measure(1.0, next(iter(words)), month).value
        value = value / length if extra > 0 else value * length
    elif not (has_counts(computed.dims) or has_counts(stated.dims)):
        return None  # nothing was ignored: the literal reading already spoke
    return Measure(value, stated.dims, stated.display)


# --- Availability and downtime ------------------------------------------------------------


class DowntimeVerdict(NamedTuple):
    agrees: bool
    allowed: Measure  # the downtime the availability leaves, in the stated unit's terms
    window_seconds: float | None  # the window of the first reading; None for a ratio such as min/year
    month_seconds: float  # the month the reading used
    tolerance: float


def check_downtime(
    claim: DowntimeClaim, month_seconds: float, options: dict | None = None
) -> DowntimeVerdict | None:
    unavailable = 1 - claim.availability.quantity.as_fraction()
    tol = tolerance(claim.stated, claim.approximate or claim.availability.quantity.approximate, options)
    first: DowntimeVerdict | None = None
    # An availability window of a month is 30 days first, as error budgets are counted.
    units = [window.unit for window in claim.windows]
    for month in months(month_seconds, claim.stated.quantity.unit, *units, days_first=True):
        try:
            stated = from_quantity(claim.stated.quantity, month)
        except UnitError:
            return None
        candidates: list[tuple[float | None, float]]
        if stated.dims == SECOND:
            candidates = [(w, unavailable * w) for w in _window_lengths(claim.windows, month)]
        elif not stated.dims:
            candidates = [(None, unavailable)]
        else:
            return None
        for window, allowed in candidates:
            verdict = _agreement(Measure(allowed, stated.dims), claim.stated.quantity, stated, month, tol)
            result = DowntimeVerdict(verdict.agrees, verdict.recomputed, window, month, tol)
            if result.agrees:
                return result
            first = first or result
    return first


def _window_lengths(windows: tuple[Window, ...], month: float) -> list[float]:
    lengths: list[float] = []
    for window in windows:
        try:
            value = measure(window.count, window.unit, month)
        except UnitError:
            continue
        if value.dims == SECOND and value.value > 0 and value.value not in lengths:
            lengths.append(value.value)
    return lengths


# --- Totals -------------------------------------------------------------------------------


def check_total(
    claim: TotalClaim, total: Measure, month_seconds: float, options: dict | None = None
) -> Verdict | None:
    """A monthly total stated in prose against the design's own total."""
    try:
        stated = from_quantity(claim.stated.quantity, month_seconds)
    except UnitError:
        return None
    if not compatible(stated.dims, total.dims):
        return None
    tol = tolerance(claim.stated, claim.approximate, options)
    return _agreement(total, claim.stated.quantity, stated, month_seconds, tol)
