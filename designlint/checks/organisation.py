"""References to other designs, checked as if the design were the only one in the run.

Checking one file, every design it references but itself is unknown. ``check`` on a folder runs
the cross-design pass (:mod:`designlint.engine.organisation`) over every design of the run, which
replaces these findings with the run's.
"""

from __future__ import annotations

from collections.abc import Iterator

from designlint.analysis.context import numbers
from designlint.analysis.org_index import references_other_designs
from designlint.analysis.organisation import OrgProblem
from designlint.checks import Check, reads, subject
from designlint.findings import Problem

KIND_OF_RULE = {
    "unknown-design-reference": "unknown-design",
    "unknown-referenced-element": "unknown-element",
    "cross-design-sync-cycle": "cycle",
    "assumption-beyond-provider-slo": "assumption",
    "cross-design-availability-ceiling": "ceiling",
    "cross-design-path-latency": "path-latency",
}


def as_problem(problem: OrgProblem) -> Problem:
    return Problem(problem.path, problem.message, hint=problem.hint)


def _alone(design, kind: str) -> Iterator[Problem]:
    for problem in numbers(design).references_alone:
        if problem.kind == kind:
            yield as_problem(problem)


def _across_designs(check: Check) -> Check:
    """What every rule about other designs looks at: a design that references none has nothing to check."""
    return subject(references_other_designs)(
        reads("metadata", "architecture", "teams", "slos", "nfr", "crossTeamDependencies")(check)
    )


@_across_designs
def unknown_design_reference(design, options) -> Iterator[Problem]:
    return _alone(design, "unknown-design")


@_across_designs
def unknown_referenced_element(design, options) -> Iterator[Problem]:
    return _alone(design, "unknown-element")


@_across_designs
def cross_design_sync_cycle(design, options) -> Iterator[Problem]:
    return _alone(design, "cycle")


@_across_designs
def assumption_beyond_provider_slo(design, options) -> Iterator[Problem]:
    return _alone(design, "assumption")


@_across_designs
def cross_design_availability_ceiling(design, options) -> Iterator[Problem]:
    return _alone(design, "ceiling")


@_across_designs
def cross_design_path_latency(design, options) -> Iterator[Problem]:
    return _alone(design, "path-latency")


CHECKS = {
    "unknown-design-reference": unknown_design_reference,
    "unknown-referenced-element": unknown_referenced_element,
    "cross-design-sync-cycle": cross_design_sync_cycle,
    "assumption-beyond-provider-slo": assumption_beyond_provider_slo,
    "cross-design-availability-ceiling": cross_design_availability_ceiling,
    "cross-design-path-latency": cross_design_path_latency,
}
