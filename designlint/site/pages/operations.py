"""Change and operation: migrations, invariants, cross-team work, observability, runbooks, evolution."""

from __future__ import annotations

from designlint.site.escape import Raw, anchor, text
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


def migrations(design) -> str:
    parts = [migration(m, n) for n, m in enumerate(design.migrations, 1)]
    deployment = design.deployment
    deploy_md = ""
    if deployment is not None:
        deploy_md = blocks(
            columns(
                ["Requirement", "How"],
                deployment.practices,
                [lambda p: p.requirement, lambda p: p.implementation],
            ),
            blocks("**Canary stages**", numbered(deployment.canary_stages))
            if deployment.canary_stages
            else "",
            labelled([("Rollback trigger", deployment.rollback_trigger)]),
        )
    return section(
        2,
        "Migration and rollout",
        "migration",
        *parts,
        section(3, "Deployment safety", "deployment", deploy_md),
        always=True,
    )


def migration(m, number: int) -> str:
    data = m.data_migration
    phases = columns(
        ["Phase", "Action", "Risk", "Success criteria", "Rollback", "Duration"],
        m.phases,
        [
            lambda p: p.name,
            lambda p: p.action,
            lambda p: p.risk,
            lambda p: p.success_criteria,
            lambda p: p.rollback,
            lambda p: p.duration,
        ],
    )
    return blocks(
        heading(3, m.name, f"migration-{number}"),
        labelled(
            [
                ("Pattern", m.pattern),
                ("From", m.from_),
                ("To", m.to),
                ("Moves data", m.moves_data),
                (
                    "Data migration",
                    f"{data.strategy}" + (f": {data.description}" if data.description else "")
                    if data
                    else None,
                ),
                ("Timeline", m.timeline),
                ("Success criteria", m.success_criteria),
                ("Risk mitigation", m.risk_mitigation),
            ]
        ),
        phases,
    )


def invariants(design) -> str:
    return section(
        2,
        "Data invariants",
        "invariants",
        columns(
            ["Invariant", "Statement", "Enforced by"],
            design.invariants,
            [lambda i: i.name, lambda i: i.statement, lambda i: i.enforcement],
        ),
        always=True,
    )


def cross_team(design) -> str:
    return section(
        2,
        "Cross-team dependencies",
        "cross-team",
        columns(
            ["Service", "Team", "Component", "Contract", "SLA", "Escalation", "If it fails"],
            design.cross_team_dependencies,
            [
                lambda d: d.service,
                lambda d: d.team,
                lambda d: code(d.component),
                lambda d: d.contract,
                lambda d: d.sla,
                lambda d: d.escalation,
                lambda d: d.fallback,
            ],
        ),
        always=True,
    )


def observability(design) -> str:
    obs = design.observability
    if obs is None:
        return section(2, "Observability", "observability", always=True)
    names = {c.id: c.name for c in design.architecture.components} if design.architecture else {}
    runbooks = {r.id for r in design.runbooks}

    def alerts(metrics) -> list[Raw]:
        out = []
        for alert in metrics.alerts:
            line = text(f"{alert.severity}: {alert.condition}" + (f" for {alert.for_}" if alert.for_ else ""))
            if alert.runbook in runbooks:  # an in-page anchor made from a validated identifier
                line = Raw(f"{line} ([runbook](#runbook-{anchor(alert.runbook)}))")
            elif alert.runbook:
                line = Raw(f"{line} (runbook {code(alert.runbook)})")
            out.append(line)
        return out

    metrics = columns(
        ["Component", "Metrics", "Alerts"],
        obs.metrics,
        [lambda m: names.get(m.component, m.component), lambda m: m.metrics, alerts],
    )
    tracing, logging = obs.tracing, obs.logging
    return section(
        2,
        "Observability",
        "observability",
        section(3, "Metrics and alerts", "metrics", metrics),
        section(
            3,
            "Tracing",
            "tracing",
            blocks(
                paragraph(tracing.description),
                labelled([("Propagated context", tracing.context)]),
            )
            if tracing
            else "",
        ),
        section(
            3,
            "Logging",
            "logging",
            labelled(
                [
                    ("Format", logging.format),
                    ("Fields", logging.fields),
                    ("Personal data", logging.pii_policy),
                ]
            )
            if logging
            else "",
        ),
        section(3, "Dashboards", "dashboards", bullets(obs.dashboards)),
        always=True,
    )


def runbooks(design) -> str:
    parts = [
        blocks(
            heading(3, runbook.title, f"runbook-{runbook.id}"),
            labelled([("Symptom", runbook.symptom)]),
            blocks("**Diagnosis**", numbered(runbook.diagnosis)) if runbook.diagnosis else "",
            blocks("**Mitigation**", numbered(runbook.mitigation)) if runbook.mitigation else "",
            blocks("**Escalation**", numbered(runbook.escalation)) if runbook.escalation else "",
        )
        for runbook in design.runbooks
    ]
    human = columns(
        ["Human error", "What happens", "Mitigation"],
        design.human_errors,
        [lambda h: h.pattern, lambda h: h.what_happens, lambda h: h.mitigation],
    )
    return section(
        2,
        "Runbooks",
        "runbooks",
        *parts,
        section(3, "Human error", "human-errors", human),
        always=True,
    )


def evolution(design) -> str:
    roadmap = design.evolution
    if roadmap is None:
        return section(2, "Evolution", "evolution", always=True)
    themes = [blocks(f"**{text(period)}**", bullets(items)) for period, items in roadmap.themes.items()]
    return section(
        2,
        "Evolution",
        "evolution",
        columns(
            ["Horizon", "Change", "Impact", "Trigger"],
            roadmap.steps,
            [lambda s: s.horizon, lambda s: s.change, lambda s: s.impact, lambda s: s.trigger],
        ),
        *themes,
        always=True,
    )
