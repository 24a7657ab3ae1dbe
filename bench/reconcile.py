"""Numbers that follow from the design as a whole, worked out with designlint's own analysis.

Which request paths a component's failure takes down depends on every dependency, fallback
and routing rule in the graph, and what availability a component can promise depends on
everything it cannot work without. A reviewer would read both off the graph rather than guess,
so the generator does the same: it asks :mod:`designlint.analysis` instead of keeping a second
copy of those rules here.
"""

from __future__ import annotations

from designlint.analysis.graph import FailureImpact, failure_impacts
from designlint.analysis.resilience import ceilings
from designlint.model import Design
from designlint.units import month_seconds_of

# Objectives engineers actually write, best first.
OBJECTIVES = (99.99, 99.95, 99.9, 99.5, 99.0, 98.5, 98.0, 97.0, 95.0)
MAX_ROUNDS = 8  # lowering one objective can lower the ceiling of a component that depends on it


def model(document: dict) -> Design:
    """The design model of a drafted document (comments and left-out sections dropped)."""
    return Design.model_validate(
        {k: v for k, v in document.items() if not k.startswith("#") and v is not None}
    )


def impacts(name: str, architecture: dict) -> dict[str, FailureImpact]:
    """component id -> what its failure does to the user-facing request paths."""
    design = model(
        {
            "apiVersion": "designlint/v1",
            "kind": "Design",
            "metadata": {"name": name},
            "architecture": architecture,
        }
    )
    return failure_impacts(design)


def attainable(ceiling: float) -> float:
    """The best usual objective at or under ``ceiling`` (a fraction), in percent."""
    for objective in OBJECTIVES:
        if objective / 100 <= ceiling + 1e-12:
            return objective
    return int(ceiling * 1000) / 10


def settle_availability(document: dict, set_slo_objective) -> None:
    """Lower every availability objective its hard dependencies cannot support, until none is left.

    ``set_slo_objective(slo_entry, percent)`` rewrites an SLO with everything that follows from
    its objective (error budget, SLA).
    """
    for _ in range(MAX_ROUNDS):
        design = model(document)
        over = [c for c in ceilings(design, month_seconds_of(design)) if c.ceiling < c.objective - 1e-12]
        if not over:
            return
        for ceiling in over:
            objective = attainable(ceiling.ceiling)
            if ceiling.objective_path[0] == "slos":
                set_slo_objective(document["slos"][ceiling.objective_path[1]], objective)
            else:  # ("nfr", "availability", index, "target")
                document["nfr"]["availability"][ceiling.objective_path[2]]["target"] = f"{objective:g}%"
