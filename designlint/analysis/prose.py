"""Numbers in a design's prose, found and recomputed: one pass over every free-text field.

:mod:`prose_text` finds the prose and its numbers, :mod:`prose_claims` the claims made with
them, :mod:`prose_check` recomputes them. This module puts them together per design and
relates what prose says to the design's own SLOs and cost total. Every result keeps the path of
its field and the offset of the stated value, where a finding points.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from designlint.analysis.prose_check import (
    DowntimeVerdict,
    Verdict,
    check_arithmetic,
    check_downtime,
    check_total,
)
from designlint.analysis.prose_claims import ArithmeticClaim, DowntimeClaim, sentence_claims
from designlint.analysis.prose_commitments import SlaClaim, TotalClaim
from designlint.analysis.prose_text import ProseField, claim_sentences, prose_fields
from designlint.units import Measure

# Where a design states its overall cost in prose (per-item notes price the item, not the design).
TOTAL_KEYS = frozenset({"summary", "notes"})


class ArithmeticResult(NamedTuple):
    field: ProseField
    claim: ArithmeticClaim
    verdict: Verdict


class DowntimeResult(NamedTuple):
    field: ProseField
    claim: DowntimeClaim
    verdict: DowntimeVerdict


class SlaResult(NamedTuple):
    """An SLA in prose and the SLO it must stay looser than (``slo_id`` None when the text states it)."""

    field: ProseField
    claim: SlaClaim
    objective: float  # as a fraction of one
    objective_text: str
    slo_id: str | None

    @property
    def looser(self) -> bool:
        return self.claim.sla.quantity.as_fraction() < self.objective - 1e-12


class TotalResult(NamedTuple):
    field: ProseField
    claim: TotalClaim
    verdict: Verdict
    source: str  # "items" (the sum of cost.items) or "total" (cost.total)


class DesignTotal(NamedTuple):
    """The design's own monthly cost, and where it comes from."""

    amount: Measure
    source: str  # "items" (the sum of cost.items) or "total" (cost.total)


@dataclass
class ProseReport:
    arithmetic: list[ArithmeticResult] = field(default_factory=list)
    downtime: list[DowntimeResult] = field(default_factory=list)
    sla: list[SlaResult] = field(default_factory=list)
    totals: list[TotalResult] = field(default_factory=list)


def analyse_prose(numbers) -> ProseReport:
    """Every claim in ``numbers.design``'s prose that can be recomputed, with its verdict."""
    design, month = numbers.design, numbers.month_seconds
    report = ProseReport()
    total: DesignTotal | None = None
    total_known = False
    for prose in prose_fields(design):
        text = prose.text
        for start, end in claim_sentences(text):
            claims = sentence_claims(text, start, end)
            for claim in claims.arithmetic:
                verdict = check_arithmetic(claim, month)
                if verdict is not None:
                    report.arithmetic.append(ArithmeticResult(prose, claim, verdict))
            for downtime in claims.downtime:
                budget = check_downtime(downtime, month)
                if budget is not None:
                    report.downtime.append(DowntimeResult(prose, downtime, budget))
            for sla in claims.sla:
                report.sla.extend(_sla_results(design, prose, sla))
            if claims.totals and _states_design_total(prose.path):
                if not total_known:
                    total, total_known = _design_total(numbers), True
                if total is None:
                    continue
                for claim_total in claims.totals:
                    if _names_a_part(design, claim_total.sentence):
                        continue
                    checked = check_total(claim_total, total.amount, month)
                    if checked is not None:
                        report.totals.append(TotalResult(prose, claim_total, checked, total.source))
    return report


def _states_design_total(path: tuple) -> bool:
    return bool(path) and path[-1] in TOTAL_KEYS and not any(isinstance(step, int) for step in path)


def _names_a_part(design, sentence: str) -> bool:
    """A sentence that names a cost item may give that item's total rather than the design's."""
    items = design.cost.items if design.cost is not None else []
    return any(_names(sentence, item.name, ignore_case=True) for item in items)


def _design_total(numbers) -> DesignTotal | None:
    from designlint.analysis.cost import stated_monthly

    summary = numbers.cost
    if summary.total is not None:
        return DesignTotal(summary.total, "items")
    cost = numbers.design.cost
    stated = stated_monthly(cost.total, numbers.month_seconds) if cost is not None else None
    return DesignTotal(stated, "total") if stated is not None else None


# --- Whose SLA, which SLO -----------------------------------------------------------------


def _sla_results(design, prose: ProseField, claim: SlaClaim) -> list[SlaResult]:
    if claim.owner is not None and claim.owner not in _our_names(design):
        return []  # "Stripe's SLA": someone else's promise
    if claim.slo is not None:
        objective = claim.slo.quantity
        return [SlaResult(prose, claim, objective.as_fraction(), objective.text, None)]
    candidates = _slos_for(design, prose.path, claim.sentence)
    if not candidates:
        return []
    strictest = max(candidates, key=lambda slo: slo.objective.as_fraction())
    return [
        SlaResult(prose, claim, strictest.objective.as_fraction(), strictest.objective.text, strictest.id)
    ]


def _slos_for(design, path: tuple, sentence: str) -> list:
    """The availability SLOs an SLA written at ``path`` is measured against; [] when it is not ours."""
    if path[:1] == ("crossTeamDependencies",):
        return []
    slos = [slo for slo in design.slos if slo.kind == "availability" and slo.objective.is_percent]
    if path[:1] == ("slos",) and len(path) > 1:
        return [design.slos[path[1]]] if design.slos[path[1]] in slos else []
    named = [
        slo for slo in slos if _names(sentence, slo.id) or (slo.service and _names(sentence, slo.service))
    ]
    if named:
        return named
    if path[:2] == ("architecture", "components") and len(path) > 2 and design.architecture is not None:
        component = design.architecture.components[path[2]]
        if component.external or component.kind == "external-service":
            return []
        return [slo for slo in slos if slo.service == component.id]
    return slos


def _our_names(design) -> set[str]:
    """What the design calls itself and its parts, lower case: owners of SLAs that are ours."""
    names = {design.metadata.name.lower(), "our", "its", "this", "the"}
    names.update(slo.id.lower() for slo in design.slos)
    names.update(slo.service.lower() for slo in design.slos if slo.service)
    if design.architecture is not None:
        for component in design.architecture.components:
            if not component.external:
                names.update((component.id.lower(), component.name.lower()))
    return names


def _names(sentence: str, identifier: str, *, ignore_case: bool = False) -> bool:
    flags = re.IGNORECASE if ignore_case else 0
    return re.search(rf"(?<![\w-]){re.escape(identifier)}(?![\w-])", sentence, flags) is not None
