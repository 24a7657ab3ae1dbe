"""Checks on the SLOs as monitoring: stated burn-rate alerts against the derived ones, and the
queries an export needs."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.analysis.burn_rate import budget_share, disagreements, duration_text
from designlint.analysis.context import numbers
from designlint.findings import Problem
from designlint.units import UnitError, from_quantity
from designlint.units.display import format_number

SECOND = (("second", 1),)


def burn_rate_mismatch(design, options) -> Iterator[Problem]:
    """A stated burn-rate alert at a standard window whose rate is not what the SLO's window gives."""
    data = numbers(design)
    budgets, _issues = data.budgets
    for budget in budgets:
        if budget.window is None or not budget.slo.burn_rate_alerts:
            continue
        stated: list[tuple[float, float]] = []
        for alert in budget.slo.burn_rate_alerts:
            try:
                window = from_quantity(alert.window, data.month_seconds)
            except UnitError:
                window = None
            stated.append(
                (window.value if window is not None and window.dims == SECOND else -1.0, alert.burn_rate)
            )
        slo_window = budget.window.value
        for found in disagreements(stated, slo_window):
            window_text = duration_text(found.derived.long_seconds)
            share = budget_share(found.stated, found.derived.long_seconds, slo_window)
            yield Problem(
                ("slos", budget.index, "burnRateAlerts", found.index, "burnRate"),
                f"SLO '{budget.slo.id}' alerts at {format_number(found.stated)}x over {window_text}, which "
                f"spends {share:.1%} of its {budget.slo.window} budget before firing; the standard "
                f"{found.derived.severity} alert for that window is {format_number(found.derived.burn_rate)}x "
                f"({found.derived.budget_share:.0%} of the budget)",
                hint="burn rate = budget share x SLO window / alert window; "
                "`designlint export prometheus` derives the standard pairs",
                at_key=False,
            )


def slo_export_query(design, options) -> Iterator[Problem]:
    """A design that exports its SLOs gives each one the PromQL of its good and total events."""
    if design.observability is None or not design.observability.export:
        return
    for index, slo in enumerate(design.slos):
        if slo.query is None:
            yield Problem(
                ("slos", index),
                f"SLO '{slo.id}' is exported to {', '.join(design.observability.export)} but has no query",
                hint="add query: {good: <PromQL of good events>, total: <PromQL of all events>}",
            )


CHECKS = {
    "burn-rate-mismatch": burn_rate_mismatch,
    "slo-export-query": slo_export_query,
}
