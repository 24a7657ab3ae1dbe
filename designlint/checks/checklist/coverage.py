"""Coverage checks: every core use case, user-facing component and component is accounted for.

Checks that report per component report the most critical first (see ``_by_criticality``): when
a rule groups one gap repeated across components into one finding, that finding sits on the
component a reviewer would ask about first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from designlint.analysis.context import numbers
from designlint.analysis.graph import ROUTING_KINDS
from designlint.checks import reads
from designlint.findings import Problem
from designlint.model.architecture import Component

# Which targets fit a use case of each kind; the first word names them in messages.
FITTING_TARGETS = {
    "interactive": ("latency",),
    "batch": ("freshness", "throughput"),
    "offline": ("freshness", "throughput"),
    "streaming": ("freshness",),
}
# Infrastructure a client resolves or passes through rather than another team's service.
NOT_A_SERVICE = frozenset({"client", "cdn", "load-balancer"})
RANKED = 64  # components ranked by what their failure costs; a design rarely lists more


@reads("useCases", "nfr", "slos")
def core_use_case_latency(design, options) -> Iterator[Problem]:
    """Every core use case has the target its kind calls for: a latency percentile for interactive
    use, freshness or throughput for batch and offline work, freshness (lag) for streaming.

    The target of batch or streaming work is an objective on its output; in a design with no
    objective at all, DL200's missing SLOs is that one gap, so it is not reported again here."""
    nfr = design.nfr
    others = {
        "freshness": {t.operation for t in nfr.freshness} if nfr else set(),
        "throughput": {t.operation for t in nfr.throughput} if nfr else set(),
    }
    categories = set(options.get("categories", ["core"]))
    for i, case in enumerate(design.use_cases):
        if case.category not in categories:
            continue
        if case.kind != "interactive":
            if not design.slos:
                continue
            fitting = FITTING_TARGETS[case.kind]
            if not any(operation in others[target] for target in fitting for operation in case.operations):
                wanted = " or ".join(fitting) + (" (lag)" if case.kind == "streaming" else "")
                yield Problem(
                    ("useCases", i),
                    f"{case.kind} use case '{case.name}' has no {wanted} target",
                    hint=f"give its operation an nfr.{fitting[0]} target and list it under 'operations'",
                )
            continue
        if not case.operations:
            yield Problem(
                ("useCases", i),
                f"core use case '{case.name}' has no latency-targeted operation",
                hint="list the operation(s) it exercises under 'operations' and give each a target in nfr.latency",
            )
        # An operation with a latency target but no percentile has a target: DL104 reports the
        # missing percentile once, on the target itself.


@reads("architecture", "nfr", "slos")
def user_facing_availability(design, options) -> Iterator[Problem]:
    if not design.architecture:
        return
    covered = {t.component for t in design.nfr.availability if t.component} if design.nfr else set()
    covered |= {s.service for s in design.slos if s.kind == "availability" and s.service}
    uncovered = [
        (i, component)
        for i, component in enumerate(design.architecture.components)
        # A component may state its own availability.
        if component.availability is None
        and component.user_facing
        and component.id not in covered
        and not _skipped(component, options)
        and not _another_teams(design, component)
    ]
    for i, component in _by_criticality(design, uncovered):
        yield Problem(
            ("architecture", "components", i),
            f"user-facing component '{component.id}' has no availability target",
            hint="add an nfr.availability entry or an availability SLO for it",
        )


def _skipped(component, options) -> bool:
    return component.kind in set(options.get("exclude_kinds", ["client"]))


def _another_teams(design, component) -> bool:
    """Whether the design declares ``component`` another team's service (a cross-team dependency
    names it): its targets and the calls it makes are that team's to state. An owner that differs
    from the design's is not enough; one design often spans several teams' components."""
    return any(dependency.component == component.id for dependency in design.cross_team_dependencies)


def _by_criticality(design, entries: list[tuple[int, Component]]) -> list[tuple[int, Component]]:
    """``entries`` (document index, component), those whose failure costs most first: the request
    paths it loses, then how many components fail with it, then document order. Rules that list
    components lead with the one a reviewer would ask about first. Only the components a rule
    reports are ranked, so a design without a gap computes no failure, and at most RANKED of them."""
    if len(entries) < 2:
        return list(entries)  # nothing to rank: no failure is computed
    if len(entries) > RANKED:
        # Each failure is a walk of the graph: ranking every component of a huge design would
        # cost its size squared. Past RANKED the rest follow in document order.
        return _by_criticality(design, entries[:RANKED]) + list(entries[RANKED:])
    data = numbers(design)

    def cost(entry: tuple[int, Component]) -> tuple[int, int, int]:
        index, component = entry
        impact = data.failure_impact(component.id)
        if impact is None:
            return (0, 0, index)
        return (-len(impact.lost_paths), -len(impact.failed), index)

    return sorted(entries, key=cost)


@reads("architecture", "failureScenarios")
def component_failure_scenarios(design, options) -> Iterator[Problem]:
    if not design.architecture:
        return
    degraded = {s.component for s in design.failure_scenarios if s.degradation}
    mentioned = {s.component for s in design.failure_scenarios}
    uncovered = [
        (i, component)
        for i, component in enumerate(design.architecture.components)
        if not _skipped(component, options) and component.id not in degraded
    ]
    for i, component in _by_criticality(design, uncovered):
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


@reads("architecture", "observability", "slos")
def component_observability(design, options) -> Iterator[Problem]:
    """Every component the team runs has metrics with alert thresholds, once the design measures
    anything: a design with neither an SLO nor a metric lacks the foundation (DL200), and one
    finding about that is worth more than asking for each component's alerts."""
    measured = design.observability.metrics if design.observability else []
    if not design.architecture or (not design.slos and not measured):
        return
    alerted = set()
    for entry in measured:
        if entry.metrics and entry.alerts:
            alerted.add(entry.component)
    # An SLO on the component with burn-rate alerts is a metric with alert thresholds too.
    alerted |= {slo.service for slo in design.slos if slo.service and slo.burn_rate_alerts}
    skip_external = options.get("skip_external", True)
    unalerted = [
        (i, component)
        for i, component in enumerate(design.architecture.components)
        if not _skipped(component, options)
        and not (component.external and skip_external)
        and component.id not in alerted
    ]
    for i, component in _by_criticality(design, unalerted):
        yield Problem(
            ("architecture", "components", i),
            f"component '{component.id}' has no metrics with alert thresholds",
            hint="add observability.metrics for it with at least one alert",
        )


@reads("architecture", "failureScenarios", "crossTeamDependencies")
def cross_team_sync_calls(design, options) -> Iterator[Problem]:
    """Synchronous service calls into another team's service need a timeout and a fallback.

    A call is cross-team business only when a server-side component calls another team's
    service: what a client resolves or passes through (a CDN, a load balancer) is not a service,
    and a client or a router is not the caller that owns the call's failure.
    """
    if not design.architecture:
        return
    by_id = {c.id: c for c in design.architecture.components}
    survived = _survived_targets(design)
    for i, caller in enumerate(design.architecture.components):
        if caller.kind in ROUTING_KINDS or _another_teams(design, caller):
            continue
        for j, dependency in enumerate(caller.depends_on):
            target = by_id.get(dependency.target)
            if dependency.mode != "sync" or target is None or target.kind in NOT_A_SERVICE:
                continue
            foreign = target.external or (caller.owner and target.owner and caller.owner != target.owner)
            if not foreign:
                continue
            fallback = dependency.fallback or target.id in survived
            missing = [
                name for name, value in (("timeout", dependency.timeout), ("fallback", fallback)) if not value
            ]
            if missing:
                yield Problem(
                    ("architecture", "components", i, "dependsOn", j),
                    f"synchronous call from '{caller.id}' to another team's '{target.id}' has no {' or '.join(missing)}",
                    hint="bound the call with a timeout and say what the caller serves when it fails",
                )


def _survived_targets(design) -> set[str]:
    """Components whose outage the design says how it survives: a failure scenario of the whole
    component (not one node or shard) with its degradation, or a cross-team dependency's fallback."""
    partial = ("node", "shard", "partition", "partial")
    survived = {s.component for s in design.failure_scenarios if s.degradation and s.scope not in partial}
    survived |= {d.component for d in design.cross_team_dependencies if d.component and d.fallback}
    return survived


@reads("scale")
def scale_over_time(design, options) -> Iterator[Problem]:
    """The design says what breaks first as it grows: a growth step with its bottleneck."""
    scale = design.scale
    if scale is None:
        yield Problem(("scale",), "the design does not say what breaks first as it grows")
        return
    if scale.over_time:
        return
    if scale.bottlenecks:
        count = len(scale.bottlenecks)
        yield Problem(
            ("scale", "overTime"),
            f"the design names {count} bottleneck{'s' if count > 1 else ''} but not the growth at which "
            f"{'each one breaks' if count > 1 else 'it breaks'} first",
            hint="add scale.overTime rows: at what multiple of today's load each bottleneck is hit, and the mitigation",
        )
        return
    yield Problem(("scale", "overTime"), "the design does not say what breaks first as it grows")


@reads("slos")
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


@reads("slos")
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


@reads("failureScenarios", "architecture")
def failure_blast_radius(design, options) -> Iterator[Problem]:
    """Every failure scenario users would feel quantifies its blast radius.

    A scenario that does not yet say what happens (no impact, no degradation) is DL220's or the
    placeholder's gap first; a component whose failure reaches no user-facing component or path
    (a batch job, an offline pipeline) has no share of users to quantify.
    """
    data = numbers(design)
    user_facing = (
        {c.id for c in design.architecture.components if c.user_facing} if design.architecture else set()
    )
    for i, scenario in enumerate(design.failure_scenarios):
        if scenario.blast_radius is not None or not (scenario.impact or scenario.degradation):
            continue
        impact = data.failure_impact(scenario.component)
        if impact is not None and not (
            impact.lost_paths or impact.degraded_paths or (impact.failed | impact.degraded) & user_facing
        ):
            continue
        yield Problem(
            ("failureScenarios", i, "blastRadius"),
            f"failure scenario '{scenario.id}' does not quantify its blast radius",
            hint="add blastRadius with the share of users affected and what they lose",
            at_key=False,
        )


@reads("scale")
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
    "failure-blast-radius": failure_blast_radius,
    "component-observability": component_observability,
    "cross-team-sync-calls": cross_team_sync_calls,
    "slo-count": slo_count,
    "sla-looser-than-slo": sla_looser_than_slo,
    "scale-numbers-derived": scale_numbers_derived,
    "scale-over-time": scale_over_time,
}
