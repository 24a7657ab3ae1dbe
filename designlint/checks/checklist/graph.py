"""References between sections and the dependency graph: nothing dangles, no synchronous cycles."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.findings import Problem


def _component_ids(design) -> set[str]:
    return {c.id for c in design.architecture.components} if design.architecture else set()


def _references(design) -> Iterator[tuple[tuple, str, set[str], str]]:
    """Every reference in the design: (path, referenced id, ids it may name, what kind of thing)."""
    components = _component_ids(design)
    users = {u.id for u in design.users}
    operations = {t.operation for t in design.nfr.latency} if design.nfr else set()
    runbooks = {r.id for r in design.runbooks}
    paths = {p.id for p in design.architecture.paths} if design.architecture else set()
    for i, case in enumerate(design.use_cases):
        if case.user is not None:
            yield ("useCases", i, "user"), case.user, users, "user"
        for j, operation in enumerate(case.operations):
            yield ("useCases", i, "operations", j), operation, operations, "latency operation"
    if design.architecture:
        for i, component in enumerate(design.architecture.components):
            for j, dependency in enumerate(component.depends_on):
                yield (
                    ("architecture", "components", i, "dependsOn", j, "target"),
                    dependency.target,
                    components,
                    "component",
                )
        for i, path in enumerate(design.architecture.paths):
            if path.operation is not None:
                yield (
                    ("architecture", "paths", i, "operation"),
                    path.operation,
                    operations,
                    "latency operation",
                )
            for j, step in enumerate(path.steps):
                if step.component is not None:
                    yield (
                        ("architecture", "paths", i, "steps", j, "component"),
                        step.component,
                        components,
                        "component",
                    )
    if design.nfr:
        for i, target in enumerate(design.nfr.availability):
            if target.component is not None:
                yield ("nfr", "availability", i, "component"), target.component, components, "component"
    for i, scenario in enumerate(design.failure_scenarios):
        yield ("failureScenarios", i, "component"), scenario.component, components, "component"
        if scenario.blast_radius:
            for j, flow in enumerate(scenario.blast_radius.flows):
                yield ("failureScenarios", i, "blastRadius", "flows", j), flow, paths, "request path"
    for i, slo in enumerate(design.slos):
        if slo.service is not None:
            yield ("slos", i, "service"), slo.service, components, "component"
    for i, dependency in enumerate(design.cross_team_dependencies):
        if dependency.component is not None:
            yield ("crossTeamDependencies", i, "component"), dependency.component, components, "component"
    if design.observability:
        for i, entry in enumerate(design.observability.metrics):
            yield ("observability", "metrics", i, "component"), entry.component, components, "component"
            for j, alert in enumerate(entry.alerts):
                if alert.runbook is not None:
                    yield (
                        ("observability", "metrics", i, "alerts", j, "runbook"),
                        alert.runbook,
                        runbooks,
                        "runbook",
                    )
    if design.cost:
        for i, item in enumerate(design.cost.items):
            if item.component is not None:
                yield ("cost", "items", i, "component"), item.component, components, "component"


def dangling_reference(design, options) -> Iterator[Problem]:
    import difflib

    for path, target, known, kind in _references(design):
        if target not in known:
            close = difflib.get_close_matches(target, sorted(known), n=1)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else (f"declare a {kind} with id '{target}'" if known else None)
            )
            yield Problem(path, f"'{target}' is not a declared {kind}", hint=hint, at_key=False)


def sync_dependency_cycle(design, options) -> Iterator[Problem]:
    """Report each cycle of synchronous calls once, at the edge that closes it."""
    if not design.architecture:
        return
    components = design.architecture.components
    index = {c.id: i for i, c in enumerate(components)}
    edges = {
        c.id: [(j, d.target) for j, d in enumerate(c.depends_on) if d.mode == "sync" and d.target in index]
        for c in components
    }
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset[str]] = set()
    for start in sorted(edges):
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator]] = [(start, iter(edges[start]))]
        trail = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            step = next(children, None)
            if step is None:
                state[node] = 2
                stack.pop()
                trail.pop()
                continue
            j, target = step
            if state.get(target) == 1:
                cycle = trail[trail.index(target) :] + [target]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    yield Problem(
                        ("architecture", "components", index[node], "dependsOn", j),
                        "synchronous dependency cycle: " + " -> ".join(cycle),
                        hint="break the cycle with an asynchronous hop (a queue) or by inverting one call",
                    )
            elif not state.get(target):
                state[target] = 1
                trail.append(target)
                stack.append((target, iter(edges[target])))


CHECKS = {
    "dangling-reference": dangling_reference,
    "sync-dependency-cycle": sync_dependency_cycle,
}
