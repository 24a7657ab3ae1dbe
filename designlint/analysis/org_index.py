"""The light index of one design (or team catalogue) that the cross-design pass reads.

Its name, the ids of its elements, every reference it makes to another design's element
(``design-name#element-id``) with where it is written, the synchronous calls between its
components, and what it promises (availability, p99) and assumes (step budgets, availability
objectives, request paths through other designs). The index is small and picklable, so worker
processes build it beside their findings and the cross-design pass never reloads a design.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from designlint.analysis.latency import SECOND
from designlint.analysis.resilience import ComponentIndex, availability_fraction
from designlint.model.reference import is_element_ref
from designlint.units import UnitError, from_quantity

DocPath = tuple[str | int, ...]

# Where a reference is written, which decides what it means:
COMPONENT = "component"  # a component that stands for the element (``ref:``)
DEPENDENCY = "dependency"  # a dependency whose target is the element
STEP = "step"  # a request-path step done by the element
TEAM = "team"  # a team described in a catalogue (``teams[].ref``)
OWNER = "owner"  # a component owned by a catalogue's team
CROSS_TEAM = "cross-team"  # a cross-team dependency's service or owning team


@dataclass(frozen=True)
class Reference:
    """One ``design#element`` written in a design."""

    path: DocPath  # where the reference is written
    local: str  # what carries it: a component, a team, a caller, a step or a service name
    design: str
    element: str
    assumed_availability: float | None  # the availability the referencing design states for it
    role: str = COMPONENT
    calls: bool = True  # whether ``local`` waits on the element (a synchronous call)

    @property
    def target(self) -> str:
        return f"{self.design}#{self.element}"


@dataclass(frozen=True)
class StepBudget:
    """A request-path step budget for work another design's element does."""

    path: DocPath  # where the budget is written
    local: str  # the step's component as written
    step: str
    seconds: float
    design: str
    element: str


@dataclass(frozen=True)
class PathStepCost:
    """One step of a request path that goes through another design: its budget, or whose p99 it costs."""

    text: str  # the budget as written, or "" without one
    seconds: float | None
    group: str | None
    design: str | None = None  # the design whose element does the step, when another design's
    element: str | None = None


@dataclass(frozen=True)
class RemotePath:
    """A request path with a latency target and at least one step another design does."""

    path: DocPath  # where the finding goes: the path's id
    id: str
    target_text: str
    target_seconds: float
    steps: tuple[PathStepCost, ...]


@dataclass(frozen=True)
class Objective:
    """An availability SLO, with the referenced components its service cannot work without."""

    path: DocPath  # where the objective is written
    slo: str
    objective: float
    own_factors: tuple[float, ...]  # availabilities of its local hard dependencies (and itself)
    needs: tuple[tuple[str, str], ...]  # (design, element) of other designs it cannot work without


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
    remote_paths: tuple[RemotePath, ...] = ()
    kind: str = "Design"  # or "TeamCatalog"
    owners: dict[str, str] = field(default_factory=dict)  # component -> the team that owns it, as written
    teams: dict[str, str] = field(default_factory=dict)  # team id -> its name (or the id)


def _seconds(quantity) -> float | None:
    try:
        value = from_quantity(quantity)
    except UnitError:
        return None
    return value.value if value.dims == SECOND else None


def _split(value: str) -> tuple[str, str]:
    design, _, element = value.partition("#")
    return design, element


def _p99(design) -> dict[str, float]:
    """Per component, the tightest latency bound its SLOs promise to at least 99 % of requests."""
    promised: dict[str, float] = {}
    for slo in design.slos:
        if slo.kind != "latency" or not slo.service or slo.threshold is None:
            continue
        share = availability_fraction(slo.objective)
        seconds = _seconds(slo.threshold)
        if share is not None and share >= 0.99 and seconds is not None:
            promised[slo.service] = min(seconds, promised.get(slo.service, seconds))
    return promised


def _remote_of(step_component: str | None, component_refs: dict[str, Reference]) -> tuple[str, str] | None:
    """The other design's element a step's component stands for (directly or through ``ref:``)."""
    if step_component is None:
        return None
    if is_element_ref(step_component):
        return _split(step_component)
    ref = component_refs.get(step_component)
    return (ref.design, ref.element) if ref is not None else None


def _step_budgets(design, component_refs: dict[str, Reference]) -> tuple[StepBudget, ...]:
    budgets = []
    for p, path in enumerate(design.architecture.paths if design.architecture else []):
        for s, step in enumerate(path.steps):
            remote = _remote_of(step.component, component_refs)
            if remote is not None and step.budget is not None:
                seconds = _seconds(step.budget)
                if seconds is not None:
                    where = ("architecture", "paths", p, "steps", s, "budget")
                    budgets.append(StepBudget(where, step.component, step.name, seconds, *remote))
    return tuple(budgets)


def _remote_paths(design, component_refs: dict[str, Reference]) -> tuple[RemotePath, ...]:
    """Paths with a latency target whose steps include work another design does."""
    if design.architecture is None or design.nfr is None:
        return ()
    targets = {t.operation: t for t in design.nfr.latency}
    found = []
    for p, path in enumerate(design.architecture.paths):
        target = targets.get(path.operation) if path.operation else None
        if target is None:
            continue
        remotes = [_remote_of(step.component, component_refs) for step in path.steps]
        if all(remote is None for remote in remotes):
            continue  # the path stays inside this design: its budgets are not read here
        target_seconds = _seconds(target.target)
        if target_seconds is None:
            continue
        steps = []
        for step, remote in zip(path.steps, remotes):
            seconds = _seconds(step.budget) if step.budget is not None else None
            text = step.budget.text if step.budget is not None else ""
            design_name, element = remote if remote is not None else (None, None)
            steps.append(PathStepCost(text, seconds, step.parallel_group, design_name, element))
        if any(step.design is not None for step in steps):
            found.append(
                RemotePath(
                    ("architecture", "paths", p, "id"),
                    path.id,
                    target.target.text,
                    target_seconds,
                    tuple(steps),
                )
            )
    return tuple(found)


def _objectives(design, component_refs: dict[str, Reference], index: ComponentIndex) -> tuple[Objective, ...]:
    """Availability SLOs on a component that synchronously needs another design's element: through
    a component that stands for it, or a dependency whose target names it."""
    if design.architecture is None:
        return ()
    from designlint.analysis.graph import contains_failure

    objectives = []
    for number, slo in enumerate(design.slos):
        if slo.kind != "availability" or not slo.service or slo.service not in index.by_id:
            continue
        objective = availability_fraction(slo.objective)
        needed = [slo.service, *index.hard_dependencies(slo.service)]
        standing = [c for c in needed if c in component_refs and index.own_availability(c) is None]
        needs = [(component_refs[c].design, component_refs[c].element) for c in standing]
        for c in needed:
            for dependency in index.by_id[c].depends_on:
                if (
                    is_element_ref(dependency.target)
                    and dependency.mode == "sync"
                    and not contains_failure(dependency)
                ):
                    needs.append(_split(dependency.target))
        if objective is None or not needs:
            continue
        own = tuple(
            value
            for value in (index.own_availability(c) for c in needed if c not in standing)
            if value is not None
        )
        unique = tuple(dict.fromkeys(needs))
        objectives.append(Objective(("slos", number, "objective"), slo.id, objective, own, unique))
    return tuple(objectives)


def design_references(design) -> tuple[Reference, ...]:
    """Every ``design#element`` the design writes, in document order of the sections that hold them.

    Computed once per design: read it through ``numbers(design).references``."""
    components = design.architecture.components if design.architecture else []
    found = []
    where: DocPath
    for number, team in enumerate(design.teams):
        if team.ref:
            found.append(Reference(("teams", number, "ref"), team.id, *_split(team.ref), None, TEAM, False))
    for number, component in enumerate(components):
        where = ("architecture", "components", number)
        if component.ref:
            assumed = availability_fraction(component.availability) if component.availability else None
            found.append(Reference((*where, "ref"), component.id, *_split(component.ref), assumed))
        if component.owner and is_element_ref(component.owner):
            found.append(
                Reference((*where, "owner"), component.id, *_split(component.owner), None, OWNER, False)
            )
        for d, dependency in enumerate(component.depends_on):
            if is_element_ref(dependency.target):
                found.append(
                    Reference(
                        (*where, "dependsOn", d, "target"),
                        component.id,
                        *_split(dependency.target),
                        None,
                        DEPENDENCY,
                        dependency.mode == "sync",
                    )
                )
    for p, path in enumerate(design.architecture.paths if design.architecture else []):
        for s, step in enumerate(path.steps):
            if step.component and is_element_ref(step.component):
                where = ("architecture", "paths", p, "steps", s, "component")
                found.append(Reference(where, step.name, *_split(step.component), None, STEP, False))
    for number, dependency in enumerate(design.cross_team_dependencies):
        for key in ("component", "team"):
            value = getattr(dependency, key)
            if value and is_element_ref(value):
                where = ("crossTeamDependencies", number, key)
                found.append(Reference(where, dependency.service, *_split(value), None, CROSS_TEAM, False))
    return tuple(found)


def references_other_designs(design) -> bool:
    """Whether the design writes any ``design#element`` reference: what the cross-design rules check."""
    from designlint.analysis.context import numbers

    return bool(numbers(design).references)


def index_design(design, file: str) -> DesignIndex:
    """The light index of a validated design, built once per design (the engine indexes each
    design for the cross-design pass, and its rules resolve the same index alone)."""
    from designlint.analysis.context import numbers

    index = numbers(design).design_index
    return index if index.file == file else replace(index, file=file)


def build_index(design, components_index: ComponentIndex) -> DesignIndex:
    """The light index of a validated design (``file`` left empty); see :func:`index_design`."""
    file = ""
    components = design.architecture.components if design.architecture else []
    elements = {c.id for c in components} | {t.id for t in design.teams}
    from designlint.analysis.context import numbers

    references = numbers(design).references
    sync_calls = [
        (component.id, d.target)
        for component in components
        for d in component.depends_on
        if d.mode == "sync" and not is_element_ref(d.target)
    ]
    promised = {}
    if components:
        for component in components:
            value = components_index.availability(component.id)
            if value is not None:
                promised[component.id] = value
    design_promise = [
        value
        for value in (
            availability_fraction(s.objective)
            for s in design.slos
            if s.kind == "availability" and not s.service
        )
        if value is not None
    ]
    if design_promise:
        # What the design promises as a whole stands for every element it does not promise alone.
        for component in components:
            promised.setdefault(component.id, min(design_promise))
    component_refs = {ref.local: ref for ref in references if ref.role == COMPONENT}
    return DesignIndex(
        design.metadata.name,
        file,
        frozenset(elements),
        references,
        tuple(sync_calls),
        promised,
        _p99(design),
        _step_budgets(design, component_refs),
        _objectives(design, component_refs, components_index),
        _remote_paths(design, component_refs),
        "Design",
        {c.id: c.owner for c in components if c.owner},
        {t.id: t.name or t.id for t in design.teams},
    )


def index_catalog(catalog, file: str) -> DesignIndex:
    """A team catalogue's index: its teams are the elements designs may reference."""
    return DesignIndex(
        catalog.metadata.name,
        file,
        frozenset(team.id for team in catalog.teams),
        (),
        (),
        kind="TeamCatalog",
        teams={team.id: team.name or team.id for team in catalog.teams},
    )
