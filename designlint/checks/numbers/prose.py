"""Checks on the numbers written in prose: arithmetic, downtime, SLAs and the cost total.

The claims and their recomputation live in :mod:`designlint.analysis.prose`; each check turns
the claims that do not hold into problems pointing at the stated value inside the text.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from designlint.analysis.compare import slip_hint
from designlint.analysis.context import numbers
from designlint.checks import subject
from designlint.findings import Problem
from designlint.units import Measure
from designlint.units.display import format_measure, format_number

_LONGEST_EXPRESSION = 60


@subject(lambda design: bool(numbers(design).prose.arithmetic))
def prose_arithmetic(design, options) -> Iterator[Problem]:
    """Products, quotients, sums and unit conversions written in prose, recomputed."""
    for result in numbers(design).prose.arithmetic:
        verdict = result.verdict
        if verdict.agrees:
            continue
        claim = result.claim
        expression = _excerpt(result.field.text[claim.start : claim.end])
        stated = _excerpt(result.field.text[claim.stated.start : claim.stated_end])
        recomputed = _shown(verdict.recomputed, verdict.month_seconds)
        ratio = verdict.stated.value / verdict.recomputed.value if verdict.recomputed.value else None
        yield Problem(
            result.field.path,
            f"{expression} is {recomputed}, not {stated}",
            hint=slip_hint(ratio, verdict.stated.dims)
            or "correct the stated result, or the numbers it comes from",
            at_key=False,
            offset=claim.stated.start,
        )


@subject(lambda design: bool(numbers(design).prose.downtime))
def prose_downtime(design, options) -> Iterator[Problem]:
    """Downtime stated in prose for an availability, against (100% - availability) x window."""
    for result in numbers(design).prose.downtime:
        verdict = result.verdict
        if verdict.agrees:
            continue
        claim = result.claim
        allowed = format_measure(verdict.allowed, month_seconds=verdict.month_seconds)
        over = f" over {_window(verdict.window_seconds)}" if verdict.window_seconds else ""
        yield Problem(
            result.field.path,
            f"{claim.availability.text}{over} allows {allowed} of downtime, not {claim.stated.text}",
            hint="downtime is (100% - availability) x window: 99.9% is 43.2 min over 30 days, 8.76 h a year",
            at_key=False,
            offset=claim.stated.start,
        )


@subject(lambda design: bool(numbers(design).prose.sla))
def prose_sla_tighter_than_slo(design, options) -> Iterator[Problem]:
    """An SLA promised in prose must be looser than the SLO it is measured against."""
    for result in numbers(design).prose.sla:
        if result.looser:
            continue
        against = f"SLO '{result.slo_id}'" if result.slo_id else "the SLO stated beside it"
        yield Problem(
            result.field.path,
            f"SLA {result.claim.sla.text} is not looser than {against} ({result.objective_text})",
            hint="promise less than you aim for, e.g. SLO 99.95% with SLA 99.9%",
            at_key=False,
            offset=result.claim.sla.start,
        )


@subject(lambda design: bool(numbers(design).prose.totals))
def prose_cost_total(design, options) -> Iterator[Problem]:
    """A monthly total stated in a summary or notes against the design's own cost total."""
    for result in numbers(design).prose.totals:
        verdict = result.verdict
        if verdict.agrees:
            continue
        total = format_measure(
            verdict.recomputed, month_seconds=verdict.month_seconds, mark_approximate=False
        )
        source = "the cost items add up to" if result.source == "items" else "cost.total is"
        yield Problem(
            result.field.path,
            f"the text states a total of {result.claim.stated.text}, but {source} {total}",
            hint="update the prose, or the cost items it no longer matches",
            at_key=False,
            offset=result.claim.stated.start,
        )


def _shown(value: Measure, month_seconds: float) -> str:
    """A value as prose writes it; a plain number beyond the count suffixes as a power of ten."""
    if not value.dims and ("%", 1) in value.display and 0.9 <= value.value < 1:
        # An availability keeps the digits that tell its downtime apart: 99.84%, not 99.8%.
        places = max(1, 1 - math.floor(math.log10((1 - value.value) * 100)))
        return f"{value.value * 100:.{places}f}%"
    if not value.dims and abs(value.value) >= 1e15:
        exponent = math.floor(math.log10(abs(value.value)))
        return f"~{format_number(value.value / 10**exponent)} x 10^{exponent}"
    return format_measure(value, month_seconds=month_seconds)


def _excerpt(text: str) -> str:
    words = " ".join(text.split())
    if len(words) <= _LONGEST_EXPRESSION:
        return words
    return words[: _LONGEST_EXPRESSION - 3].rstrip() + "..."


def _window(seconds: float) -> str:
    days = seconds / 86_400
    if abs(days - round(days)) < 1e-9:
        return f"{format_number(days)} days" if days != 1 else "a day"
    return f"{format_number(seconds / 3600)} h"
