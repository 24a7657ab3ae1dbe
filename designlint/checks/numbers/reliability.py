"""Checks on the reliability arithmetic: error budgets, burn-rate alerting, availability ceilings,
DR consistency, blast radius and single points of failure."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.analysis.compare import compare, measured, slip_hint
from designlint.analysis.context import numbers
from designlint.findings import Problem
from designlint.units.display import format_measure, format_number


def error_budget_mismatch(design, options) -> Iterator[Problem]:
    """A stated error budget must be what the objective leaves over the window."""
    data = numbers(design)
    budgets, _ = data.budgets
    for budget in budgets:
        stated = budget.slo.error_budget
        computed = budget.computed
        stated_value = measured(stated, data.month_seconds) if stated is not None else None
        if stated_value is None or computed is None:
            continue  # nothing stated, or a unit reported as unreadable
        verdict = compare(stated, computed, data.month_seconds, options, stated=stated_value)
        path = ("slos", budget.index, "errorBudget")
        if not verdict.comparable:
            yield Problem(
                path,
                f"SLO '{budget.slo.id}' error budget {stated} is neither a duration nor a share",
                hint="state it as time over the window (43.2 min) or as a share (0.1%)",
                at_key=False,
            )
            continue
        if verdict.agrees:
            continue
        objective, window = budget.slo.objective, budget.slo.window
        shown = format_measure(computed, month_seconds=data.month_seconds)
        over = f" over {window}" if computed is budget.time else ""
        hint = (
            _other_month_hint(budget, stated, data.month_seconds)
            or slip_hint(verdict.ratio, computed.dims)
            or "the budget is (100% - objective) x window"
        )
        yield Problem(
            path,
            f"SLO '{budget.slo.id}' states an error budget of {stated}, but {objective}{over} leaves {shown}",
            hint=hint,
            at_key=False,
        )


def _other_month_hint(budget, stated, month_seconds: float) -> str | None:
    """When a window written in months has a budget that fits the other month convention."""
    from designlint.analysis.slo import budget_time

    if budget.time is None or not any(symbol == "month" for symbol, _ in budget.window.display):
        return None
    months = budget.window.value / month_seconds
    for seconds, name in ((30 * 86400.0, "a 30-day month"), (730 * 3600.0, "a 730-hour month")):
        if abs(seconds - month_seconds) < 1:
            continue
        if compare(stated, budget_time(budget.objective, seconds * months), month_seconds).agrees:
            return (
                f"{stated} is the budget over {name}, but this design's month is {month_seconds / 3600:g} h "
                f"({format_measure(budget.time)}): write the window in days or declare cost.hoursPerMonth"
            )
    return None


def slo_burn_rate_alerts(design, options) -> Iterator[Problem]:
    """Every SLO names the burn-rate alerts that page before its budget is gone."""
    for index, slo in enumerate(design.slos):
        if slo.burn_rate_alerts:
            continue
        yield Problem(
            ("slos", index),
            f"SLO '{slo.id}' names no burn-rate alerts",
            hint="add burnRateAlerts, e.g. 14.4x over 1 h (page) and 1x over 3 d (ticket)",
        )


def availability_ceiling(design, options) -> Iterator[Problem]:
    """The dependencies a component cannot do without cap its availability below its objective."""
    data = numbers(design)
    for ceiling in data.availability:
        if ceiling.ceiling >= ceiling.objective - 1e-12:
            continue
        factors = " x ".join(f"{name} {_percent(value)}" for name, value in ceiling.factors)
        regions = f", repeated in {ceiling.regions} active regions" if ceiling.regions > 1 else ""
        allowed = (1 - ceiling.ceiling) * ceiling.window_seconds / 60
        budget = (1 - ceiling.objective) * ceiling.window_seconds / 60
        window = _duration(ceiling.window_seconds)
        yield Problem(
            ceiling.objective_path,
            f"'{ceiling.component}' cannot reach {_percent(ceiling.objective)}: what it cannot work without "
            f"({factors}{regions}) caps it at {_percent(ceiling.ceiling)}, "
            f"{format_number(allowed)} min of downtime per {window} against a "
            f"{format_number(budget)} min budget ({format_number(ceiling.gap_seconds / 60)} min short)",
            hint="add redundancy or a fallback for the weakest hard dependency, or relax the objective",
            at_key=False,
        )


def hard_dependency_with_fallback(design, options) -> Iterator[Problem]:
    """``criticality: hard`` written beside a fallback that keeps the caller serving: one of them is wrong."""
    from designlint.analysis.graph import real_fallback

    if design.architecture is None:
        return
    for i, component in enumerate(design.architecture.components):
        for j, dependency in enumerate(component.depends_on):
            if "criticality" not in dependency.model_fields_set or dependency.criticality != "hard":
                continue
            if not real_fallback(dependency):
                continue
            named = getattr(dependency.fallback, "strategy", None)
            how = f"its {named} fallback" if named else f"its fallback ({_shorten(str(dependency.fallback))})"
            yield Problem(
                ("architecture", "components", i, "dependsOn", j, "criticality"),
                f"'{component.id}' calls '{dependency.target}' as a hard dependency, yet {how} keeps it "
                f"serving when '{dependency.target}' fails: a hard dependency's failure fails the caller",
                hint=(
                    "if the fallback really serves the request, make the dependency soft; if it fails the "
                    "request, say so: fallback: {strategy: fail, description: ...}"
                    + (
                        ""
                        if named
                        else " (a sentence that does not open by failing reads as a real fallback)"
                    )
                ),
                at_key=False,
            )


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3].rstrip() + "..."


def _percent(fraction: float) -> str:
    return format_number(fraction * 100, significant=6, suffixes=False) + "%"


def _duration(seconds: float) -> str:
    days = seconds / 86400
    return f"{format_number(days)} days" if days >= 1 else f"{format_number(seconds / 3600)} h"


def dr_tier_objectives(design, options) -> Iterator[Problem]:
    yield from _dr(design, "objective")


def dr_tier_topology(design, options) -> Iterator[Problem]:
    yield from _dr(design, "topology")


def rpo_below_replication(design, options) -> Iterator[Problem]:
    yield from _dr(design, "replication")


def _dr(design, kind: str) -> Iterator[Problem]:
    for finding in numbers(design).dr:
        if finding.kind == kind:
            yield Problem(finding.path, finding.message, hint=finding.hint, at_key=False)


def blast_radius_mismatch(design, options) -> Iterator[Problem]:
    """Declared blast radii against what the dependency graph says a failure takes down."""
    from designlint.analysis.graph import user_paths

    data = numbers(design)
    path_ids = {path.id for path in user_paths(design)}
    for index, scenario in enumerate(design.failure_scenarios):
        declared = scenario.blast_radius
        impact = data.failure_impact(scenario.component) if declared is not None else None
        if impact is None:
            continue
        touched = impact.lost_paths | impact.degraded_paths
        for j, flow in enumerate(declared.flows):
            if flow in path_ids and flow not in touched:
                yield Problem(
                    ("failureScenarios", index, "blastRadius", "flows", j),
                    f"failure of '{scenario.component}' does not reach request path '{flow}'",
                    hint="no step of the path runs on it or on anything that depends on it",
                    at_key=False,
                )
        if scenario.scope not in ("cluster", "region", "all"):
            continue  # a node or shard failure loses part of a flow; the graph cannot say which part
        missing = sorted(impact.lost_paths - set(declared.flows))
        if missing:
            yield Problem(
                ("failureScenarios", index, "blastRadius"),
                f"failure of '{scenario.component}' also takes down {_list(missing)}, "
                "which the blast radius does not list",
                hint="list the request paths in blastRadius.flows, or give their callers a fallback",
            )


def _list(ids: list[str]) -> str:
    quoted = [f"'{i}'" for i in ids]
    return ("request path " if len(ids) == 1 else "request paths ") + ", ".join(quoted)


def single_point_of_failure(design, options) -> Iterator[Problem]:
    data = numbers(design)
    index = data.components.order
    for point in data.single_points_of_failure:
        chain = " -> ".join(point.chain)
        via = f" ({chain})" if len(point.chain) > 1 else ""
        yield Problem(
            ("architecture", "components", index[point.component]),
            f"'{point.component}' runs as a single instance and user-facing '{point.entry}' cannot work "
            f"without it{via}",
            hint="run it redundantly, or give its callers a fallback so a failure degrades the flow",
        )
