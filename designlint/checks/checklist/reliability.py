"""Reliability checks beyond schema fragments: paging alerts lead to runbooks that exist."""

from __future__ import annotations

from collections.abc import Iterator

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


CHECKS = {
    "paging-alert-runbook": paging_alert_runbook,
}
