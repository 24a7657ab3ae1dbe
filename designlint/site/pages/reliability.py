"""Failure and its limits: failure scenarios and blast radius, SLOs and error budgets, DR, incidents."""

from __future__ import annotations

from designlint.site.escape import Raw, text
from designlint.site.markdown import (
    blocks,
    bullets,
    code,
    columns,
    heading,
    labelled,
    numbered,
    paragraph,
    section,
)
from designlint.site.pages.context import PageContext
from designlint.site.recompute import verdict


def failure(design, ctx: PageContext) -> str:
    names = {c.id: c.name for c in design.architecture.components} if design.architecture else {}
    paths = {p.id: p.name for p in design.architecture.paths} if design.architecture else {}
    overview = columns(
        ["Scenario", "Component", "Scope", "Users affected", "Revenue at risk"],
        design.failure_scenarios,
        [
            lambda s: s.name or s.id,
            lambda s: names.get(s.component, s.component),
            lambda s: s.scope,
            lambda s: s.blast_radius.users if s.blast_radius else None,
            lambda s: s.blast_radius.revenue if s.blast_radius else None,
        ],
    )
    scenarios = [scenario(s, names, paths) for s in design.failure_scenarios]
    partial = columns(
        ["Partial failure", "What happens", "User impact", "Response"],
        design.partial_failures,
        [lambda p: p.scenario, lambda p: p.what_happens, lambda p: p.user_impact, lambda p: p.response],
    )
    protections = columns(
        ["Pattern", "Applied to", "Setting", "Why"],
        design.cascade_protections,
        [lambda p: p.pattern, lambda p: p.applied_to, lambda p: p.value, lambda p: p.rationale],
    )
    graph = columns(
        ["If this fails", "Request paths lost", "Request paths degraded"],
        ctx.numbers.blast_radius,
        [
            lambda r: names.get(r["component"], r["component"]),
            lambda r: [paths.get(p, p) for p in r["loses"]],
            lambda r: [paths.get(p, p) for p in r["degrades"]],
        ],
    )
    return section(
        2,
        "Failure and blast radius",
        "failure",
        ctx.diagram("failure"),
        section(
            3,
            "Blast radius from the dependency graph",
            "graph-blast-radius",
            paragraph(
                "Worked out from the dependencies: what each component's failure takes down, given "
                "the fallbacks and soft dependencies the design declares."
            )
            if graph
            else "",
            graph,
        ),
        section(3, "Failure scenarios", "failure-scenarios", overview, *scenarios),
        section(3, "Partial failures", "partial-failures", partial),
        section(3, "Cascade protection", "cascade-protection", protections),
        always=True,
    )


def scenario(s, names, paths) -> str:
    radius = s.blast_radius
    return blocks(
        heading(4, s.name or s.id, f"failure-{s.id}"),
        labelled(
            [
                ("Component", f"{names.get(s.component, s.component)} ({s.scope})"),
                ("Impact", s.impact),
                ("Degradation", s.degradation),
                ("Detection", s.detection),
                ("Action", s.action),
                ("Duration", s.duration),
                ("Users affected", radius.users if radius else None),
                ("Capabilities lost", radius.capabilities if radius else None),
                ("Request paths affected", [paths.get(f, f) for f in radius.flows] if radius else None),
                ("Revenue at risk", radius.revenue if radius else None),
            ]
        ),
    )


def slos(design, ctx: PageContext) -> str:
    budgets = ctx.numbers.budgets

    def alerts(slo) -> list[str]:
        return [f"{a.burn_rate}x over {a.window} → {a.severity}" for a in slo.burn_rate_alerts]

    def sla(slo) -> str | None:
        if slo.sla is None:
            return None
        return f"{slo.sla.target}" + (f": {slo.sla.consequence}" if slo.sla.consequence else "")

    def budget(slo):
        row = budgets.get(slo.id)
        if row is None or row.get("value") is None:
            return None
        return Raw(f"{code(row['formula'])}<br>= {verdict(row['value'], row['status'])}")

    slo_table = columns(
        [
            "SLO",
            "Service",
            "SLI",
            "Kind",
            "Objective",
            "Threshold",
            "Window",
            "Error budget",
            "Budget worked out",
            "Burn-rate alerts",
            "SLA",
        ],
        design.slos,
        [
            lambda s: code(s.id),
            lambda s: code(s.service),
            lambda s: s.sli,
            lambda s: s.kind,
            lambda s: s.objective,
            lambda s: s.threshold,
            lambda s: s.window,
            lambda s: s.error_budget,
            budget,
            alerts,
            sla,
        ],
        css="designlint-slos",
    )
    ceilings = columns(
        ["Component", "Availability ceiling", "Objective", "Downtime per window", "Error budget", "Verdict"],
        ctx.numbers.availability,
        [
            lambda r: code(r.get("component")),
            lambda r: Raw(f"{code(r.get('formula'))}<br>= {text(r.get('ceiling'))}"),
            lambda r: r.get("objective"),
            lambda r: r.get("downtimePerWindow"),
            lambda r: r.get("budgetPerWindow"),
            lambda r: r.get("status"),
        ],
    )
    return section(
        2,
        "SLOs and error budgets",
        "slos",
        slo_table,
        section(
            3,
            "Availability the dependencies allow",
            "availability-ceilings",
            paragraph(
                "Serial hard dependencies multiply; a dependency with a fallback, or a soft one, does not "
                "cap the flow."
            )
            if ceilings
            else "",
            ceilings,
        ),
        always=True,
    )


def disaster_recovery(design) -> str:
    dr, region = design.dr, design.multi_region
    dr_md = ""
    if dr is not None:
        dr_md = blocks(
            labelled(
                [
                    ("Tier", dr.tier),
                    ("Strategy", dr.strategy),
                    ("RPO", dr.rpo),
                    ("RTO", dr.rto),
                    ("Replication", dr.replication),
                    ("Detection", dr.detection),
                    ("Decision", dr.decision_process),
                    ("Validation", dr.validation),
                    ("Post-mortem", dr.post_mortem),
                    ("Drills", dr.drill_cadence),
                ]
            ),
            blocks("**Scenarios covered**", bullets(dr.scenarios)) if dr.scenarios else "",
            blocks("**Failover**", numbered(dr.failover)) if dr.failover else "",
            blocks("**Failback**", numbered(dr.failback)) if dr.failback else "",
            bullets(dr.notes),
        )
    region_md = ""
    if region is not None:
        region_md = blocks(
            labelled(
                [
                    ("Target pattern", region.pattern),
                    ("Today", region.current),
                    ("Regions", region.regions),
                    ("Routing", region.routing),
                    ("Replication", region.replication),
                    ("Replication lag", region.replication_lag),
                    ("Conflict resolution", region.conflict_resolution),
                ]
            ),
            columns(
                ["Part", "Single region", "Multi-region"],
                region.changes,
                [lambda c: c.component, lambda c: c.single_region, lambda c: c.multi_region],
            ),
            columns(
                ["Cross-region scenario", "Challenge", "Resolution"],
                region.consistency_challenges,
                [lambda c: c.scenario, lambda c: c.challenge, lambda c: c.resolution],
            ),
        )
    return section(
        2,
        "Disaster recovery",
        "disaster-recovery",
        section(3, "Recovery plan", "dr-plan", dr_md),
        section(3, "Multi-region", "multi-region", region_md),
        always=True,
    )


def incidents(design) -> str:
    blocks_ = [
        blocks(
            heading(3, incident.title, f"incident-{number}"),
            labelled(
                [
                    ("Context", incident.context),
                    ("Trigger", incident.trigger),
                    ("Propagation", incident.propagation),
                    ("Impact", incident.impact),
                    ("Response", incident.response),
                    ("Root cause", incident.root_cause),
                    ("Design change", incident.design_change),
                    ("Lesson", incident.lesson),
                ]
            ),
        )
        for number, incident in enumerate(design.incidents, 1)
    ]
    return section(2, "Incidents", "incidents", *blocks_, always=True)


def summary_row(design) -> list[tuple[str, Raw]]:
    """Reliability facts for the page header."""
    facts = []
    if design.slos:
        facts.append(("SLOs", Raw(", ".join(f"{code(s.id)} {text(s.objective)}" for s in design.slos))))
    if design.dr is not None and (design.dr.tier or design.dr.rpo or design.dr.rto):
        dr = design.dr
        facts.append(
            (
                "DR",
                text(
                    ", ".join(
                        x
                        for x in (
                            f"tier {dr.tier}" if dr.tier else "",
                            f"RPO {dr.rpo}" if dr.rpo else "",
                            f"RTO {dr.rto}" if dr.rto else "",
                        )
                        if x
                    )
                ),
            )
        )
    return facts
