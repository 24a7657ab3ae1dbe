"""Where a design names its own things: every id it defines and every place it refers to one.

One vocabulary of kinds ("component", "user", "team", ...) for both, so a reference can be
followed to its definition (the language server) or reported when it dangles (the checks).
Pure functions of the validated model; paths point at the values as written.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from designlint.findings import DocPath


class Reference(NamedTuple):
    """One place the design names something defined elsewhere in it."""

    path: DocPath
    """Where the name is written (a value)."""
    target: str
    """The name as written."""
    known: set[str]
    """The names it may refer to."""
    kind: str
    """What kind of thing it names, e.g. ``component``."""
    offset: int | None = None
    """For a name inside a longer value (a formula), its character offset in that value."""


class Definition(NamedTuple):
    """One place the design defines a name other sections refer to."""

    path: DocPath
    """Where the name is written (a value)."""
    name: str
    kind: str


def _component_ids(design) -> set[str]:
    return {c.id for c in design.architecture.components} if design.architecture else set()


def references(design) -> Iterator[Reference]:
    """Every reference the format requires to resolve (ids of components, users, operations, runbooks, paths)."""
    components = _component_ids(design)
    users = {u.id for u in design.users}
    operations = {t.operation for t in design.nfr.latency} if design.nfr else set()
    # A use case may name a latency, a freshness or a throughput target's operation.
    freshness = {t.operation for t in design.nfr.freshness} if design.nfr else set()
    throughput = {t.operation for t in design.nfr.throughput} if design.nfr else set()
    targeted = operations | freshness | throughput

    def _operation_kind(name: str) -> str:
        for kind, known in (("latency", operations), ("freshness", freshness), ("throughput", throughput)):
            if name in known:
                return f"{kind} operation"
        return "operation"

    runbooks = {r.id for r in design.runbooks}
    paths = {p.id for p in design.architecture.paths} if design.architecture else set()
    for i, case in enumerate(design.use_cases):
        if case.user is not None:
            yield Reference(("useCases", i, "user"), case.user, users, "user")
        for j, operation in enumerate(case.operations):
            yield Reference(("useCases", i, "operations", j), operation, targeted, _operation_kind(operation))
    if design.architecture:
        for i, component in enumerate(design.architecture.components):
            for j, dependency in enumerate(component.depends_on):
                yield Reference(
                    ("architecture", "components", i, "dependsOn", j, "target"),
                    dependency.target,
                    components,
                    "component",
                )
        for i, path in enumerate(design.architecture.paths):
            if path.operation is not None:
                yield Reference(
                    ("architecture", "paths", i, "operation"),
                    path.operation,
                    operations,
                    "latency operation",
                )
            for j, step in enumerate(path.steps):
                if step.component is not None:
                    yield Reference(
                        ("architecture", "paths", i, "steps", j, "component"),
                        step.component,
                        components,
                        "component",
                    )
    if design.nfr:
        for i, target in enumerate(design.nfr.availability):
            if target.component is not None:
                yield Reference(
                    ("nfr", "availability", i, "component"), target.component, components, "component"
                )
    for i, scenario in enumerate(design.failure_scenarios):
        yield Reference(("failureScenarios", i, "component"), scenario.component, components, "component")
        if scenario.blast_radius:
            for j, flow in enumerate(scenario.blast_radius.flows):
                yield Reference(
                    ("failureScenarios", i, "blastRadius", "flows", j), flow, paths, "request path"
                )
    for i, slo in enumerate(design.slos):
        if slo.service is not None:
            yield Reference(("slos", i, "service"), slo.service, components, "component")
    for i, dependency in enumerate(design.cross_team_dependencies):
        if dependency.component is not None:
            yield Reference(
                ("crossTeamDependencies", i, "component"), dependency.component, components, "component"
            )
    if design.observability:
        for i, entry in enumerate(design.observability.metrics):
            yield Reference(
                ("observability", "metrics", i, "component"), entry.component, components, "component"
            )
            for j, alert in enumerate(entry.alerts):
                if alert.runbook is not None:
                    yield Reference(
                        ("observability", "metrics", i, "alerts", j, "runbook"),
                        alert.runbook,
                        runbooks,
                        "runbook",
                    )
    if design.cost:
        for i, item in enumerate(design.cost.items):
            if item.component is not None:
                yield Reference(("cost", "items", i, "component"), item.component, components, "component")


def team_references(design) -> Iterator[Reference]:
    """Owners that name a declared team (owners may also be people, which name nothing here)."""
    teams = {team.id for team in design.teams}
    if not teams:
        return
    for i, owner in enumerate(design.metadata.owners):
        if owner in teams:
            yield Reference(("metadata", "owners", i), owner, teams, "team")
    if design.architecture:
        for i, component in enumerate(design.architecture.components):
            if component.owner in teams:
                yield Reference(("architecture", "components", i, "owner"), component.owner, teams, "team")
    for i, dependency in enumerate(design.cross_team_dependencies):
        if dependency.team in teams:
            yield Reference(("crossTeamDependencies", i, "team"), dependency.team, teams, "team")


def quantity_references(design) -> Iterator[Reference]:
    """Scale quantities named by formulas, capacity loads, cost items and cost per user.

    A formula that does not parse names nothing (its error is reported by the number rules).
    """
    from designlint.formula import FormulaError, names, parse

    quantities = {q.name for q in design.scale.quantities} if design.scale else set()

    def in_formula(path: DocPath, formula: str) -> Iterator[Reference]:
        try:
            tree = parse(formula)
        except FormulaError:
            return
        for name, offset in names(tree):
            yield Reference(path, name, quantities, "quantity", offset)

    if design.scale:
        for i, quantity in enumerate(design.scale.quantities):
            if quantity.formula:
                yield from in_formula(("scale", "quantities", i, "formula"), quantity.formula)
    if design.architecture:
        for i, component in enumerate(design.architecture.components):
            if component.capacity is not None and component.capacity.load:
                yield from in_formula(
                    ("architecture", "components", i, "capacity", "load"), component.capacity.load
                )
        if design.architecture.availability_formula:
            name = design.architecture.availability_formula
            yield Reference(("architecture", "availabilityFormula"), name, quantities, "quantity")
    if design.cost:
        for i, item in enumerate(design.cost.items):
            if item.quantity_ref:
                yield Reference(
                    ("cost", "items", i, "quantityRef"), item.quantity_ref, quantities, "quantity"
                )
        if design.cost.users:
            yield Reference(("cost", "users"), design.cost.users, quantities, "quantity")


def definitions(design) -> Iterator[Definition]:
    """Every name the design defines for other sections to refer to, in document order."""
    for i, team in enumerate(design.teams):
        yield Definition(("teams", i, "id"), team.id, "team")
    for i, user in enumerate(design.users):
        yield Definition(("users", i, "id"), user.id, "user")
    if design.scale:
        for i, quantity in enumerate(design.scale.quantities):
            yield Definition(("scale", "quantities", i, "name"), quantity.name, "quantity")
    if design.nfr:
        for i, target in enumerate(design.nfr.latency):
            yield Definition(("nfr", "latency", i, "operation"), target.operation, "latency operation")
        for i, freshness in enumerate(design.nfr.freshness):
            yield Definition(("nfr", "freshness", i, "operation"), freshness.operation, "freshness operation")
        for i, throughput in enumerate(design.nfr.throughput):
            yield Definition(
                ("nfr", "throughput", i, "operation"), throughput.operation, "throughput operation"
            )
    if design.architecture:
        for i, component in enumerate(design.architecture.components):
            yield Definition(("architecture", "components", i, "id"), component.id, "component")
        for i, path in enumerate(design.architecture.paths):
            yield Definition(("architecture", "paths", i, "id"), path.id, "request path")
    for i, runbook in enumerate(design.runbooks):
        yield Definition(("runbooks", i, "id"), runbook.id, "runbook")
