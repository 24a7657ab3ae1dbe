"""Checks on the scale quantities' formulas: readable, closed, acyclic, in agreement with the stated values."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.analysis import issues as kinds
from designlint.analysis.compare import APPROXIMATE_TOLERANCE, compare, factor_text, slip_hint
from designlint.analysis.context import numbers
from designlint.checks import reads, subject
from designlint.findings import Problem
from designlint.units import Measure, UnitError, compatible, describe, resolve_unit
from designlint.units.display import format_measure
from designlint.units.measure import physical

QUANTITY_SECTIONS = ("scale", "slos", "architecture", "nfr", "cost")
"""Where the analyses behind :func:`all_issues` find numbers and formulas."""


def all_issues(design) -> list:
    """Every analysis issue of the design, from each analysis that reads quantities."""
    data = numbers(design)
    found = list(data.derivations.issues)
    found += data.budgets[1] + data.latency[1] + data.capacity[1] + data.cost.issues
    return found


def _problems(design, kind: str) -> Iterator[Problem]:
    for issue in all_issues(design):
        if issue.kind == kind:
            yield Problem(issue.path, issue.message, hint=issue.hint, at_key=False, offset=issue.offset)


@reads(*QUANTITY_SECTIONS)
def formula_error(design, options) -> Iterator[Problem]:
    yield from _problems(design, kinds.FORMULA)


@reads(*QUANTITY_SECTIONS)
def unknown_quantity(design, options) -> Iterator[Problem]:
    yield from _problems(design, kinds.UNKNOWN_NAME)


def derivation_cycle(design, options) -> Iterator[Problem]:
    yield from _problems(design, kinds.CYCLE)


@reads(*QUANTITY_SECTIONS)
def unreadable_unit(design, options) -> Iterator[Problem]:
    yield from _problems(design, kinds.UNREADABLE_UNIT)


def duplicate_quantity(design, options) -> Iterator[Problem]:
    yield from _problems(design, kinds.DUPLICATE)


@reads(*QUANTITY_SECTIONS)
def unit_mismatch(design, options) -> Iterator[Problem]:
    """Dimensions that disagree inside a formula, or between a formula and its stated value."""
    yield from _problems(design, kinds.UNIT)
    data = numbers(design)
    for item in data.derivations.items:
        if item.value is None or item.stated_value is None:
            continue
        if not compatible(item.stated_value.dims, item.value.dims):
            if _only_a_label_dropped(item, data, options):
                continue
            yield Problem(
                ("scale", "quantities", item.index, "value"),
                f"'{item.name}' is stated in {describe(item.stated_value)} but {item.formula} gives "
                f"{describe(item.value)} ({format_measure(item.value, month_seconds=data.month_seconds)})",
                hint=_unit_hint(item.stated_value.dims, item.value.dims),
                at_key=False,
            )


_TIME = (("second", 1),)


def _only_a_label_dropped(item, data, options) -> bool:
    """Whether the units disagree only by a label the author left off, with the numbers agreeing.

    Two slips leave the arithmetic right: a plain factor standing for a count ratio (``2`` for
    2 calls/payment, so payments/s where calls/s is stated), and a rate divided by the seconds
    of the period its inputs are counted per, written without that period
    (``payments_per_day / 86400 s`` for payments/s). A reviewer reads both as meant. An amount
    stated for a rate (``2 TB`` where the formula gives TB/day) is not read this way: it is also
    what forgetting to multiply by a retention looks like.
    """
    stated, value = item.stated_value, item.value
    readings = [value]
    if _time_power(stated.dims) < 0 and _time_power(value.dims) == _time_power(stated.dims) - 1:
        readings += [value * period for period in _input_periods(item, data)]
    return any(
        physical(reading.dims) == physical(stated.dims)
        and compare(
            item.stated, Measure(reading.value, stated.dims), data.month_seconds, options, stated=stated
        ).agrees
        for reading in readings
    )


def _time_power(dims) -> int:
    return dict(dims).get("second", 0)


def _input_periods(item, data) -> list[Measure]:
    """The periods the formula's inputs are counted per (``day`` in payments/day), once each."""
    periods: dict[str, Measure] = {}
    for name, _ in item.references:
        used = data.derivations.value(name)
        for symbol, exponent in used.display if used is not None else ():
            if exponent < 0 and symbol not in periods:
                try:
                    unit = resolve_unit(symbol, data.month_seconds)
                except UnitError:
                    continue
                if unit.dims == _TIME:
                    periods[symbol] = Measure(unit.factor, _TIME)
    return list(periods.values())


def _unit_hint(stated, computed) -> str:
    bases = {base for base, _ in stated} ^ {base for base, _ in computed}
    if "second" in bases:
        return "a rate and an amount are mixed up: divide or multiply by a duration (e.g. 86400 s/day)"
    return "make the formula's units cancel to the stated unit, e.g. multiply by (1 writes/follower)"


def derivation_mismatch(design, options) -> Iterator[Problem]:
    """A stated value that differs from its formula's result by more than the tolerance.

    Inputs that were themselves wrong enter at their corrected value, so a slip is reported on the
    earliest wrong value only.
    """
    data = numbers(design)
    derivations = data.derivations
    for item in derivations.items:
        if item.value is None or item.stated_value is None:
            continue
        verdict = compare(item.stated, item.value, data.month_seconds, options, stated=item.stated_value)
        if verdict.agrees or not verdict.comparable:
            continue
        recomputed = format_measure(item.value, month_seconds=data.month_seconds)
        how_far = factor_text(verdict.ratio)
        source = item.formula
        if source is None:
            source = f"its rationale {design.scale.quantities[item.index].rationale.strip().rstrip('.')}"
        corrected = _corrected_inputs(derivations, item.corrected_inputs, data.month_seconds)
        basis = "the formula" if item.formula is not None else "the rationale's arithmetic"
        if item.stated.approximate:
            advice = f"correct the stated value or {basis} (approximate values may differ by {verdict.tolerance:.0%})"
        else:
            loose = options.get("approximate_tolerance", APPROXIMATE_TOLERANCE)
            advice = (
                f"correct the stated value or {basis}; if it is rounded, mark it with ~ "
                f"(allows {loose:.0%} instead of {verdict.tolerance:.0%})"
            )
        hint = slip_hint(verdict.ratio, item.value.dims) or advice
        yield Problem(
            ("scale", "quantities", item.index, "value"),
            f"'{item.name}' states {item.stated} but {source} = {recomputed}"
            + (f" ({how_far})" if how_far else "")
            + corrected,
            hint=hint,
            at_key=False,
        )


def _corrected_inputs(derivations, names: list[str], month_seconds: float) -> str:
    """``, with 'avg' at its recomputed ~11.6K/s rather than its stated 120K/s``, for each corrected input."""
    parts = []
    for name in names:
        found = derivations.by_name[name]
        shown = format_measure(found.value, month_seconds=month_seconds)
        parts.append(f"'{name}' at its recomputed {shown} rather than its stated {found.stated}")
    return f", with {' and '.join(parts)}" if parts else ""


def bits_bytes_slip(design, options) -> Iterator[Problem]:
    """A stated data figure eight times (or an eighth of) the one its rationale quotes in the other unit."""
    from designlint.analysis.bits import bit_byte_slips

    data = numbers(design)
    for slip in bit_byte_slips(design, data.derivations):
        stated = data.derivations.by_name[slip.name].stated_value
        assert stated is not None  # only stated values are compared
        converted = format_measure(
            stated.with_value(stated.value / slip.ratio), month_seconds=data.month_seconds
        )
        if slip.ratio > 1:
            how = f"8× the {slip.quoted} its rationale quotes, which is {converted}: bits written as bytes?"
        else:
            how = f"an eighth of the {slip.quoted} its rationale quotes, which is {converted}: bytes written as bits?"
        yield Problem(
            ("scale", "quantities", slip.index, "value"),
            f"'{slip.name}' states {slip.stated}, {how}",
            hint=f"a byte is 8 bits: state {converted}, or correct the figure in the rationale",
            at_key=False,
        )


def _uses_months(design) -> bool:
    return bool(numbers(design).month_uses)


@subject(_uses_months)
def month_convention(design, options) -> Iterator[Problem]:
    from designlint.analysis.conventions import mixed_months

    data = numbers(design)
    for mixture in mixed_months(design, data.month_seconds, data.month_uses):
        yield Problem(mixture.path, mixture.message, hint=mixture.hint, at_key=False)


CHECKS = {
    "formula-error": formula_error,
    "unknown-quantity": unknown_quantity,
    "derivation-cycle": derivation_cycle,
    "derivation-mismatch": derivation_mismatch,
    "unit-mismatch": unit_mismatch,
    "unreadable-unit": unreadable_unit,
    "duplicate-quantity": duplicate_quantity,
    "month-convention": month_convention,
    "bits-bytes-slip": bits_bytes_slip,
}
