"""Coverage checks: every core use case, user-facing component and component is accounted for."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from designlint.findings import Problem


def core_use_case_latency(design, options) -> Iterator[Problem]:
    """Every core use case names at least one operation, and each has a latency target with a percentile."""
    targets = {t.operation: t for t in design.nfr.latency} if design.nfr else {}
    categories = set(options.get("categories", ["core"]))
    for i, case in enumerate(design.use_cases):
        if case.category not in categories:
            continue
        if not case.operations:
            yield Problem(
                ("useCases", i),
                f"core use case '{case.name}' has no latency-targeted operation",
                hint="list the operation(s) it exercises under 'operations' and give each a target in nfr.latency",
            )
            continue
        for j, operation in enumerate(case.operations):
            target = targets.get(operation)
            if target is not None and not target.percentile:
                yield Problem(
                    ("useCases", i, "operations", j),
                    f"latency target for '{operation}' has no percentile",
                    at_key=False,
                )


def user_facing_availability(design, options) -> Iterator[Problem]:
    if not design.architecture:
        return
    covered = {t.component for t in design.nfr.availability if t.component} if design.nfr else set()
    covered |= {s.service for s in design.slos if s.kind == "availability" and s.service}
    for i, component in enumerate(design.architecture.components):
        if component.user_facing and component.id not in covered and not _skipped(component, options):
            yield Problem(
                ("architecture", "components", i),
                f"user-facing component '{component.id}' has no availability target",
                hint="add an nfr.availability entry or an availability SLO for it",
            )


def _skipped(component, options) -> bool:
    return component.kind in set(options.get("exclude_kinds", ["client"]))


def component_failure_scenarios(design, options) -> Iterator[Problem]:
    if not design.architecture:
        return
    degraded = {s.component for s in design.failure_scenarios if s.degradation}
    mentioned = {s.component for s in design.failure_scenarios}
    for i, component in enumerate(design.architecture.components):
        if _skipped(component, options) or component.id in degraded:
            continue
        detail = (
            "has a failure scenario without a degradation strategy"
            if component.id in mentioned
            else "has no failure scenario"
        )
        yield Problem(
            ("architecture", "components", i),
            f"component '{component.id}' {detail}",
            hint="say what breaks, how the system degrades and what on-call does",
        )


def component_observability(design, options) -> Iterator[Problem]:
    if not design.architecture:
        return
    alerted = set()
    for entry in design.observability.metrics if design.observability else []:
        if entry.metrics and entry.alerts:
            alerted.add(entry.component)
    for i, component in enumerate(design.architecture.components):
        if _skipped(component, options) or (component.external and options.get("skip_external", True)):
            continue
        if component.id not in alerted:
            yield Problem(
                ("architecture", "components", i),
                f"component '{component.id}' has no metrics with alert thresholds",
                hint="add observability.metrics for it with at least one alert",
            )


def _team_of(component) -> str | None:
    return component.owner


def cross_team_sync_calls(design, options) -> Iterator[Problem]:
    """Synchronous calls into another team's service need a timeout and a fallback."""
    if not design.architecture:
        return
    by_id = {c.id: c for c in design.architecture.components}
    for i, caller in enumerate(design.architecture.components):
        for j, dependency in enumerate(caller.depends_on):
            target = by_id.get(dependency.target)
            if dependency.mode != "sync" or target is None:
                continue
            foreign = target.external or (caller.owner and target.owner and caller.owner != target.owner)
            if not foreign:
                continue
            missing = [
                name
                for name, value in (("timeout", dependency.timeout), ("fallback", dependency.fallback))
                if not value
            ]
            if missing:
                yield Problem(
                    ("architecture", "components", i, "dependsOn", j),
                    f"synchronous call from '{caller.id}' to another team's '{target.id}' has no {' or '.join(missing)}",
                    hint="bound the call with a timeout and say what the caller serves when it fails",
                )


def slo_count(design, options) -> Iterator[Problem]:
    limit = int(options.get("max_per_service", 5))
    counts = Counter(s.service or "(design)" for s in design.slos)
    reported = set()
    for i, slo in enumerate(design.slos):
        service = slo.service or "(design)"
        if counts[service] > limit and service not in reported:
            reported.add(service)
            yield Problem(
                ("slos", i),
                f"{counts[service]} SLOs for '{service}'; more than {limit} dilutes attention",
                hint="keep the 3-5 objectives that represent what users experience",
            )


def sla_looser_than_slo(design, options) -> Iterator[Problem]:
    for i, slo in enumerate(design.slos):
        if slo.sla is None or slo.kind not in (
            "availability",
            "durability",
            "error-rate",
            "freshness",
            "latency",
        ):
            continue
        promised, aimed = slo.sla.target.as_fraction(), slo.objective.as_fraction()
        if promised >= aimed:
            yield Problem(
                ("slos", i, "sla", "target"),
                f"SLA {slo.sla.target} is not looser than the SLO {slo.objective} it should leave a buffer below",
                hint="promise less than you aim for, e.g. SLO 99.95% with SLA 99.9%",
                at_key=False,
            )


def scale_numbers_derived(design, options) -> Iterator[Problem]:
    if not design.scale:
        return
    for i, quantity in enumerate(design.scale.quantities):
        if not quantity.formula and not quantity.rationale:
            yield Problem(
                ("scale", "quantities", i),
                f"scale number '{quantity.name}' is neither derived nor justified",
                hint="add a formula over other quantities, or a rationale if it is an input",
            )


CHECKS = {
    "core-use-case-latency": core_use_case_latency,
    "user-facing-availability": user_facing_availability,
    "component-failure-scenarios": component_failure_scenarios,
    "component-observability": component_observability,
    "cross-team-sync-calls": cross_team_sync_calls,
    "slo-count": slo_count,
    "sla-looser-than-slo": sla_looser_than_slo,
    "scale-numbers-derived": scale_numbers_derived,
}
