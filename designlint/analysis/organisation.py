"""Designs that reference one another: what each reference resolves to, and what it may assume.

Pure functions over a light index per design (:class:`DesignIndex`): its name, the ids of its
elements, the references it makes (``design-name#element-id``) with where each is written, the
synchronous calls between its components and the availability each element promises. The index is
small and picklable, so worker processes build it beside their findings and the cross-design pass
never reloads a design.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from designlint.analysis.resilience import ComponentIndex, composite

DocPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Reference:
    """One ``design#element`` written in a design."""

    path: DocPath  # where the reference is written
    local: str  # the component that carries it
    design: str
    element: str
    assumed_availability: float | None  # the availability the referencing design states for it


@dataclass(frozen=True)
class StepBudget:
    """A request-path step that runs on a component standing for another design's element."""

    path: DocPath  # where the budget is written
    local: str
    step: str
    seconds: float


@dataclass(frozen=True)
class Objective:
    """An availability SLO, with the referenced components its service cannot work without."""

    path: DocPath  # where the objective is written
    slo: str
    objective: float
    own_factors: tuple[float, ...]  # availabilities of its local hard dependencies (and itself)
    hard_refs: tuple[str, ...]  # local components standing for another design's element


@dataclass(frozen=True)
class DesignIndex:
    name: str
    file: str
    elements: frozenset[str]
    references: tuple[Reference, ...]
    sync_calls: tuple[tuple[str, str], ...]  # (caller, callee) between this design's components
    promised: dict[str, float] = field(default_factory=dict)  # element -> availability it promises
    p99: dict[str, float] = field(default_factory=dict)  # element -> the p99 latency it promises (s)
    step_budgets: tuple[StepBudget, ...] = ()
    objectives: tuple[Objective, ...] = ()


@dataclass(frozen=True)
class OrgProblem:
    """A cross-design problem, at a reference of ``design``."""

    kind: str  # "unknown-design" | "unknown-element" | "cycle" | "assumption"
    design: str
    file: str
    path: DocPath
    message: str
    hint: str


def _fraction(quantity) -> float | None:
    from designlint.units import UnitError, from_quantity

    try:
        value = from_quantity(quantity)
    except UnitError:
        return None
    return value.value if not value.dims and 0 < value.value <= 1 else None


def _seconds(quantity) -> float | None:
    from designlint.analysis.latency import SECOND
    from designlint.units import UnitError, from_quantity

    try:
        value = from_quantity(quantity)
    except UnitError:
        return None
    return value.value if value.dims == SECOND else None


def _p99(design) -> dict[str, float]:
    """Per component, the tightest latency bound its SLOs promise to at least 99 % of requests."""
    promised: dict[str, float] = {}
    for slo in design.slos:
        if slo.kind != "latency" or not slo.service or slo.threshold is None:
            continue
        share = _fraction(slo.objective)
        seconds = _seconds(slo.threshold)
        if share is not None and share >= 0.99 and seconds is not None:
            promised[slo.service] = min(seconds, promised.get(slo.service, seconds))
    return promised


def _step_budgets(design, referencing: set[str]) -> tuple[StepBudget, ...]:
    budgets = []
    for p, path in enumerate(design.architecture.paths if design.architecture else []):
        for s, step in enumerate(path.steps):
            if step.component in referencing and step.budget is not None:
                seconds = _seconds(step.budget)
                if seconds is not None:
                    where = ("architecture", "paths", p, "steps", s, "budget")
                    budgets.append(StepBudget(where, step.component, step.name, seconds))
    return tuple(budgets)


def _objectives(design, referencing: set[str]) -> tuple[Objective, ...]:
    """Availability SLOs on a component that synchronously needs a referenced element."""
    if not referencing or design.architecture is None:
        return ()
    index = ComponentIndex(design)
    objectives = []
    for number, slo in enumerate(design.slos):
        if slo.kind != "availability" or not slo.service or slo.service not in index.by_id:
            continue
        objective = _fraction(slo.objective)
        needed = [slo.service, *(target for target, _ in index.hard_dependencies(slo.service))]
        hard_refs = tuple(c for c in needed if c in referencing and index.own_availability(c) is None)
        if objective is None or not hard_refs:
            continue
        own = tuple(
            value
            for value in (index.own_availability(c) for c in needed if c not in hard_refs)
            if value is not None
        )
        objectives.append(Objective(("slos", number, "objective"), slo.id, objective, own, hard_refs))
    return tuple(objectives)


def index_design(design, file: str) -> DesignIndex:
    """The light index of a validated design."""
    components = design.architecture.components if design.architecture else []
    elements = {c.id for c in components} | {t.id for t in design.teams}
    references = []
    sync_calls: list[tuple[str, str]] = []
    for number, component in enumerate(components):
        if component.ref:
            target_design, _, element = component.ref.partition("#")
            references.append(
                Reference(
                    ("architecture", "components", number, "ref"),
                    component.id,
                    target_design,
                    element,
                    _fraction(component.availability) if component.availability else None,
                )
            )
        sync_calls.extend((component.id, d.target) for d in component.depends_on if d.mode == "sync")
    promised = {}
    if components:
        index = ComponentIndex(design)
        for component in components:
            value = index.availability(component.id)
            if value is not None:
                promised[component.id] = value
    design_promise = [
        value
        for value in (
            _fraction(s.objective) for s in design.slos if s.kind == "availability" and not s.service
        )
        if value is not None
    ]
    if design_promise:
        # What the design promises as a whole stands for every element it does not promise alone.
        for component in components:
            promised.setdefault(component.id, min(design_promise))
    return DesignIndex(
        design.metadata.name,
        file,
        frozenset(elements),
        tuple(references),
        tuple(sync_calls),
        promised,
        _p99(design),
        _step_budgets(design, {ref.local for ref in references}),
        _objectives(design, {ref.local for ref in references}),
    )


def pct(value: float) -> str:
    return f"{value * 100:.4g}%"


def resolve(indexes: Iterable[DesignIndex]) -> list[OrgProblem]:
    """Every problem of the references between ``indexes`` (one run), in a stable order."""
    by_name: dict[str, DesignIndex] = {}
    for index in sorted(indexes, key=lambda i: i.file):
        by_name.setdefault(index.name, index)
    problems: list[OrgProblem] = []
    for index in by_name.values():
        for ref in index.references:
            provider = by_name.get(ref.design)
            if provider is None:
                problems.append(
                    OrgProblem(
                        "unknown-design",
                        index.name,
                        index.file,
                        ref.path,
                        f"'{ref.local}' references design '{ref.design}', which is not among the designs checked",
                        "check the design's metadata.name, or check the folder that holds it too",
                    )
                )
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
        problems.extend(_latency_assumptions(index, by_name))
        problems.extend(_ceilings(index, by_name))
    problems.extend(_cycles(by_name))
    problems.sort(key=lambda p: (p.file, p.path, p.kind, p.message))
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
    refs = {ref.local: ref for ref in index.references}
    problems = []
    for budget in index.step_budgets:
        ref = refs[budget.local]
        provider = by_name.get(ref.design)
        promise = provider.p99.get(ref.element) if provider is not None else None
        if promise is None or budget.seconds >= promise:
            continue
        problems.append(
            OrgProblem(
                "assumption",
                index.name,
                index.file,
                budget.path,
                f"step '{budget.step}' budgets {ms(budget.seconds)} for {ref.design}#{ref.element}, "
                f"whose p99 is {ms(promise)}: one request in a hundred overruns it",
                f"budget at least {ms(promise)}, or agree a faster p99 with the owners of '{ref.design}'",
            )
        )
    return problems


@dataclass(frozen=True)
class CrossCeiling:
    """An availability objective and the ceiling the designs it needs put on it."""

    objective: Objective
    ceiling: float
    inherited: tuple[tuple[str, float], ...]  # (design#element, what it promises)


def ceilings(index: DesignIndex, by_name: dict[str, DesignIndex]) -> list[CrossCeiling]:
    """The composite ceiling of each availability objective that needs another design's element."""
    refs = {ref.local: ref for ref in index.references}
    found = []
    for objective in index.objectives:
        inherited = []
        for local in objective.hard_refs:
            ref = refs[local]
            provider = by_name.get(ref.design)
            promise = provider.promised.get(ref.element) if provider is not None else None
            if promise is not None:
                inherited.append((f"{ref.design}#{ref.element}", promise))
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
    for index in by_name.values():
        for caller, callee in index.sync_calls:
            edges.setdefault((index.name, caller), []).append((index.name, callee))
        for ref in index.references:
            provider = by_name.get(ref.design)
            if provider is not None and ref.element in provider.elements:
                source, target = (index.name, ref.local), (ref.design, ref.element)
                edges.setdefault(source, []).append(target)
                ref_edges.append((source, target, index, ref))
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
                    f"'{ref.local}' stands for {ref.design}#{ref.element}, which calls back into "
                    f"'{index.name}' synchronously: the designs wait on each other",
                    "make one direction asynchronous, or move the shared work into one design",
                )
            )
    return problems


def _components(edges: dict[Node, list[Node]]) -> dict[Node, int]:
    """Strongly connected components (iterative Tarjan); nodes alone on no cycle are left out."""
    index_of: dict[Node, int] = {}
    low: dict[Node, int] = {}
    on_stack: set[Node] = set()
    stack: list[Node] = []
    result: dict[Node, int] = {}
    counter = 0
    for root in sorted(edges):
        if root in index_of:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index_of[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = edges.get(node, [])
            if child < len(successors):
                work.append((node, child + 1))
                successor = successors[child]
                if successor not in index_of:
                    work.append((successor, 0))
                elif successor in on_stack:
                    low[node] = min(low[node], index_of[successor])
                continue
            if low[node] == index_of[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    members.append(member)
                    if member == node:
                        break
                if len(members) > 1:
                    for member in members:
                        result[member] = index_of[node]
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result


def cross_design_availability(index: DesignIndex, by_name: dict[str, DesignIndex]) -> float | None:
    """The product of what the referenced providers promise (the availability a design inherits)."""
    factors = [
        by_name[ref.design].promised[ref.element]
        for ref in index.references
        if ref.design in by_name and ref.element in by_name[ref.design].promised
    ]
    return composite(factors) if factors else None
