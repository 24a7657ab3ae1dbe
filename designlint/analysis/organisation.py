"""Designs that reference one another: what each reference resolves to, and what it may assume.

Pure functions over the light index of each design (:mod:`designlint.analysis.org_index`): unknown
designs and elements, synchronous cycles through other designs, assumptions tighter than what the
provider promises (availability, a step's p99, a request path's sum across designs) and
availability ceilings across designs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from designlint.analysis.org_index import (
    COMPONENT,
    DEPENDENCY,
    DesignIndex,
    DocPath,
    Objective,
    Reference,
    RemotePath,
    index_catalog,
    index_design,
)
from designlint.analysis.resilience import composite
from designlint.analysis.strongly_connected import strongly_connected

__all__ = ["DesignIndex", "OrgProblem", "ceilings", "index_catalog", "index_design", "ms", "pct", "resolve"]


class OrgProblem(NamedTuple):
    """A cross-design problem, at a reference of ``design``."""

    kind: str  # "unknown-design" | "unknown-element" | "cycle" | "assumption" | "ceiling" | "path-latency"
    design: str
    file: str
    path: DocPath
    message: str
    hint: str


def pct(value: float) -> str:
    return f"{value * 100:.4g}%"


def resolve(indexes: Iterable[DesignIndex]) -> list[OrgProblem]:
    """Every problem of the references between ``indexes`` (one run), in a stable order."""
    by_name: dict[str, DesignIndex] = {}
    for index in sorted(indexes, key=lambda i: i.file):
        by_name.setdefault(index.name, index)
    problems: list[OrgProblem] = []
    for index in by_name.values():
        unknown: dict[str, list[Reference]] = {}
        for ref in index.references:
            provider = by_name.get(ref.design)
            if provider is None:
                unknown.setdefault(ref.design, []).append(ref)
            elif ref.element not in provider.elements:
                problems.append(
                    OrgProblem(
                        "unknown-element",
                        index.name,
                        index.file,
                        ref.path,
                        f"'{ref.local}' references '{ref.element}', which design '{ref.design}' does not define",
                        f"use the id of a component or team of '{ref.design}'",
                    )
                )
            else:
                problems.extend(_assumption(index, ref, provider))
        problems.extend(_unknown_designs(index, unknown))
        problems.extend(_latency_assumptions(index, by_name))
        problems.extend(_path_latency(index, by_name))
        problems.extend(_ceilings(index, by_name))
    problems.extend(_cycles(by_name))
    problems.sort(key=lambda p: (p.file, p.path, p.kind, p.message))
    return problems


def _unknown_designs(index: DesignIndex, unknown: dict[str, list[Reference]]) -> list[OrgProblem]:
    """One finding per design nobody defines, at its first reference: one missing design is one gap."""
    problems = []
    for name, refs in unknown.items():
        more = len(refs) - 1
        also = f" ({more} more reference{'s' if more > 1 else ''} to it)" if more else ""
        problems.append(
            OrgProblem(
                "unknown-design",
                index.name,
                index.file,
                refs[0].path,
                f"'{refs[0].local}' references design '{name}', which is not among the designs checked{also}",
                "check the design's metadata.name, or check the folder that holds it too",
            )
        )
    return problems


def _assumption(index: DesignIndex, ref: Reference, provider: DesignIndex) -> list[OrgProblem]:
    promise = provider.promised.get(ref.element)
    if ref.assumed_availability is None or promise is None or ref.assumed_availability <= promise:
        return []
    return [
        OrgProblem(
            "assumption",
            index.name,
            index.file,
            ref.path,
            f"'{ref.local}' assumes {pct(ref.assumed_availability)} availability of "
            f"{ref.design}#{ref.element}, which promises only {pct(promise)}",
            f"assume at most {pct(promise)}, or agree a tighter SLO with the owners of '{ref.design}'",
        )
    ]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.4g} ms"


def _latency_assumptions(index: DesignIndex, by_name: dict[str, DesignIndex]) -> list[OrgProblem]:
    """A step budget on a referenced element below the p99 its design promises."""
    problems = []
    for budget in index.step_budgets:
        provider = by_name.get(budget.design)
        promise = provider.p99.get(budget.element) if provider is not None else None
        if promise is None or budget.seconds >= promise:
            continue
        problems.append(
            OrgProblem(
                "assumption",
                index.name,
                index.file,
                budget.path,
                f"step '{budget.step}' budgets {ms(budget.seconds)} for {budget.design}#{budget.element}, "
                f"whose p99 is {ms(promise)}: one request in a hundred overruns it",
                f"budget at least {ms(promise)}, or agree a faster p99 with the owners of '{budget.design}'",
            )
        )
    return problems


class CrossPathLatency(NamedTuple):
    """A request path summed across designs: each step another design does costs that design's p99."""

    path: RemotePath
    total: float  # seconds
    terms: tuple[str, ...]


def path_latencies(index: DesignIndex, by_name: dict[str, DesignIndex]) -> list[CrossPathLatency]:
    """The sums of the paths through other designs; a path with a step that has no cost has no sum."""
    from designlint.analysis.latency import StepCost, sum_steps
    from designlint.units import measure

    found = []
    for path in index.remote_paths:
        costs = []
        for step in path.steps:
            provider = by_name.get(step.design) if step.design is not None else None
            promise = provider.p99.get(step.element) if provider is not None and step.element else None
            if promise is not None:
                text = f"{ms(promise)} (p99 of {step.design}#{step.element})"
                costs.append(StepCost(measure(promise, "s"), text, step.group))
            elif step.seconds is not None:
                costs.append(StepCost(measure(step.seconds, "s"), step.text, step.group))
            else:
                break
        else:
            summed = sum_steps(costs)
            found.append(CrossPathLatency(path, summed.total.value, tuple(summed.terms)))
    return found


def _path_latency(index: DesignIndex, by_name: dict[str, DesignIndex]) -> list[OrgProblem]:
    """A path whose sum across designs (their stated p99s) exceeds its latency target."""
    problems = []
    for found in path_latencies(index, by_name):
        path = found.path
        # Summed in floating point: a sum equal to the target within rounding is within it.
        if found.total <= path.target_seconds * (1 + 1e-9):
            continue
        problems.append(
            OrgProblem(
                "path-latency",
                index.name,
                index.file,
                path.path,
                f"path '{path.id}' takes {ms(found.total)} across designs ({' + '.join(found.terms)}), "
                f"over its {path.target_text} target",
                "cut a step, run steps in parallel, or agree a faster p99 with the providing design's owners",
            )
        )
    return problems


class CrossCeiling(NamedTuple):
    """An availability objective and the ceiling the designs it needs put on it."""

    objective: Objective
    ceiling: float
    inherited: tuple[tuple[str, float], ...]  # (design#element, what it promises)


def ceilings(index: DesignIndex, by_name: dict[str, DesignIndex]) -> list[CrossCeiling]:
    """The composite ceiling of each availability objective that needs another design's element."""
    found = []
    for objective in index.objectives:
        inherited = []
        for design, element in objective.needs:
            provider = by_name.get(design)
            promise = provider.promised.get(element) if provider is not None else None
            if promise is not None:
                inherited.append((f"{design}#{element}", promise))
        if inherited:
            ceiling = composite([*objective.own_factors, *(value for _, value in inherited)])
            found.append(CrossCeiling(objective, ceiling, tuple(inherited)))
    return found


def _ceilings(index: DesignIndex, by_name: dict[str, DesignIndex]) -> list[OrgProblem]:
    """An availability objective above what the design can reach given the designs it needs."""
    problems = []
    for found in ceilings(index, by_name):
        objective = found.objective
        if objective.objective <= found.ceiling:
            continue
        named = ", ".join(f"{name} ({pct(value)})" for name, value in found.inherited)
        problems.append(
            OrgProblem(
                "ceiling",
                index.name,
                index.file,
                objective.path,
                f"SLO '{objective.slo}' promises {pct(objective.objective)}, but it needs {named} "
                f"synchronously: the composite ceiling across designs is {pct(found.ceiling)}",
                "add a fallback or make the dependency soft, or promise no more than the ceiling",
            )
        )
    return problems


Node = tuple[str, str]  # (design name, component id)


def _cycles(by_name: dict[str, DesignIndex]) -> list[OrgProblem]:
    """A reference that lies on a cycle of synchronous calls through other designs' elements."""
    edges: dict[Node, list[Node]] = {}
    ref_edges: list[tuple[Node, Node, DesignIndex, Reference]] = []
    entries: dict[str, set[str]] = {}  # design -> its elements other designs call
    exits: dict[str, set[str]] = {}  # design -> its components that call another design
    for index in by_name.values():
        for ref in index.references:
            provider = by_name.get(ref.design)
            if ref.calls and provider is not None and ref.element in provider.elements:
                source, target = (index.name, ref.local), (ref.design, ref.element)
                edges.setdefault(source, []).append(target)
                ref_edges.append((source, target, index, ref))
                entries.setdefault(ref.design, set()).add(ref.element)
                exits.setdefault(index.name, set()).add(ref.local)
    # Inside a design, a cycle across designs only goes from an element others call to a
    # component that calls out: each design is contracted to those edges, so the graph searched
    # is as small as the references, however large the designs.
    for name in sorted(entries.keys() & exits.keys()):
        for entry, reached in _reachable(by_name[name], sorted(entries[name]), exits[name]):
            edges.setdefault((name, entry), []).extend((name, exit_) for exit_ in reached)
    component = _components(edges)
    problems = []
    for source, target, index, ref in ref_edges:
        if (
            source != target
            and component.get(source) is not None
            and component.get(source) == component.get(target)
        ):
            problems.append(
                OrgProblem(
                    "cycle",
                    index.name,
                    index.file,
                    ref.path,
                    f"'{ref.local}' {_verb(ref)} {ref.target}, which calls back into "
                    f"'{index.name}' synchronously: the designs wait on each other",
                    "make one direction asynchronous, or move the shared work into one design",
                )
            )
    return problems


def _reachable(index: DesignIndex, starts: list[str], goals: set[str]) -> list[tuple[str, list[str]]]:
    """For each start, the goals its synchronous calls reach inside the design (itself excluded)."""
    calls: dict[str, list[str]] = {}
    for caller, callee in index.sync_calls:
        calls.setdefault(caller, []).append(callee)
    found = []
    for start in starts:
        seen = {start}
        queue = [start]
        while queue:
            for callee in calls.get(queue.pop(), ()):
                if callee not in seen:
                    seen.add(callee)
                    queue.append(callee)
        found.append((start, sorted(goal for goal in goals & seen if goal != start)))
    return found


def _verb(ref: Reference) -> str:
    return {COMPONENT: "stands for", DEPENDENCY: "calls"}.get(ref.role, "uses")


def _components(edges: dict[Node, list[Node]]) -> dict[Node, int]:
    """node -> number of its group, for the nodes on a cycle of more than one node."""
    groups = strongly_connected(sorted(edges), lambda node: edges.get(node, ()))
    return {member: number for number, group in enumerate(groups) if len(group) > 1 for member in group}


def cross_design_availability(index: DesignIndex, by_name: dict[str, DesignIndex]) -> float | None:
    """The product of what the referenced providers promise (the availability a design inherits)."""
    factors = [
        by_name[ref.design].promised[ref.element]
        for ref in index.references
        if ref.calls and ref.design in by_name and ref.element in by_name[ref.design].promised
    ]
    return composite(factors) if factors else None
