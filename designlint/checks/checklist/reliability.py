"""Reliability checks beyond schema fragments: a DR tier, and paging alerts that lead to runbooks."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.analysis.prose_deferrals import recovery_deferral
from designlint.checks import reads
from designlint.findings import Problem


@reads("observability", "runbooks")
def paging_alert_runbook(design, options) -> Iterator[Problem]:
    """Each paging alert links a runbook. A design with no runbook at all is one gap, which DL432
    reports; naming every alert that lacks one would repeat it."""
    if not design.observability or not design.runbooks:
        return
    for i, entry in enumerate(design.observability.metrics):
        for j, alert in enumerate(entry.alerts):
            if alert.severity == "page" and not alert.runbook:
                yield Problem(
                    ("observability", "metrics", i, "alerts", j),
                    f"paging alert '{alert.condition}' on '{entry.component}' has no runbook",
                    hint="link the runbook on-call follows, or downgrade the alert to a ticket",
                )


@reads("dr")
def dr_plan_declared(design, options) -> Iterator[Problem]:
    """A DR tier with RPO and RTO. Without a DR section, a sentence that puts recovery off ("DR
    later", "backups TBD") is where the reader looks for the plan, so the finding points there."""
    dr = design.dr
    if dr is not None and dr.tier is not None and dr.rpo is not None and dr.rto is not None:
        return
    message = "the design declares no disaster-recovery tier with RPO and RTO"
    hint = "pick the tier the business needs and state its RPO and RTO under dr"
    deferral = recovery_deferral(design) if dr is None else None
    if deferral is None:
        yield Problem(("dr",), message, hint=hint)
        return
    yield Problem(
        deferral.path,
        f"{message}; the design puts recovery off: '{deferral.clause}'",
        hint=hint,
        at_key=False,
        offset=deferral.offset,
    )


CHECKS = {
    "dr-plan-declared": dr_plan_declared,
    "paging-alert-runbook": paging_alert_runbook,
}
