"""A design's SLOs exported as monitoring: OpenSLO documents and Prometheus rules.

Exporters read the validated model and the shared analyses (error budgets, burn rates); they
print nothing and return plain data the CLI serialises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from designlint.analysis.context import numbers

if TYPE_CHECKING:
    from designlint.model.design import Design
    from designlint.model.operations import Runbook
    from designlint.model.reliability import Slo


@dataclass(frozen=True)
class ExportedSlo:
    """What every exporter needs of one SLO, recomputed once."""

    index: int
    slo: Slo
    objective: float  # fraction of one
    window_seconds: float


def exportable_slos(design: Design) -> tuple[list[ExportedSlo], list[str]]:
    """SLOs with a readable objective and window, and a sentence for each one left out."""
    budgets, _issues = numbers(design).budgets
    kept: list[ExportedSlo] = []
    skipped: list[str] = []
    for budget in budgets:
        slo = budget.slo
        if budget.objective is None or budget.window is None:
            skipped.append(f"SLO '{slo.id}' has no readable objective and window")
            continue
        kept.append(ExportedSlo(budget.index, slo, budget.objective, budget.window.value))
    return kept, skipped


_NOT_NAME = re.compile(r"[^a-z0-9-]+")


def dns_name(text: str) -> str:
    """A lowercase RFC 1123 style name: what OpenSLO and Prometheus labels accept everywhere."""
    name = _NOT_NAME.sub("-", text.lower()).strip("-")
    return name[:63].rstrip("-") or "unnamed"


def runbook_for(design: Design, slo: Slo) -> Runbook | None:
    if slo.runbook is None:
        return None
    return next((runbook for runbook in design.runbooks if runbook.id == slo.runbook), None)
