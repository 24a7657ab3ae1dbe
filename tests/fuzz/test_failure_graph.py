"""The failure graph's shared-work answers equal a plain walk of the whole graph per failure.

``designlint.analysis.graph`` decides what users no longer reach by spreading a failure only as
far as it goes (strongly connected groups in topological order, live-caller counts). The
reference here is the definition itself, written the slow way: walk from the entry points
around the failed components, and read every path's every step. Random graphs with cycles,
self-dependencies, soft and fallback-protected dependencies, routing components, duplicate
dependencies and unknown ids must give identical impacts for every component.
"""

from __future__ import annotations

from collections import deque

from hypothesis import given, settings
from hypothesis import strategies as st

from designlint.analysis.graph import ROUTING_KINDS, contains_failure, failure_impacts, propagates, user_paths
from designlint.analysis.resilience import single_instance, single_points_of_failure
from designlint.model import Design

IDS = [f"c{i}" for i in range(9)]
KINDS = ["service", "service", "database", "cache", "client", "load-balancer", "api-gateway"]


@st.composite
def designs(draw) -> Design:
    count = draw(st.integers(1, len(IDS)))
    ids = IDS[:count]
    dependency = st.fixed_dictionaries(
        {"target": st.sampled_from([*ids, "missing"])},
        optional={
            "criticality": st.sampled_from(["hard", "soft"]),
            "fallback": st.sampled_from(["serve stale data", "fail the request", "none"]),
        },
    )
    components = [
        {
            "id": component,
            "name": component,
            "kind": draw(st.sampled_from(KINDS)),
            "userFacing": draw(st.booleans()),
            "dependsOn": draw(st.lists(dependency, max_size=4)),
            "replicas": draw(st.sampled_from([None, 1, 1, 3])),
        }
        for component in ids
    ]
    step = st.sampled_from([*ids, "missing"])
    paths = [
        {
            "id": f"p{number % 3}",  # ids repeat now and then, as in a careless design
            "name": f"path {number}",
            "flow": draw(st.sampled_from(["read", "write", "control"])),
            "steps": [
                {"name": f"s{i}", "component": component, "budget": "1 ms"}
                for i, component in enumerate(draw(st.lists(step, min_size=1, max_size=5)))
            ],
        }
        for number in range(draw(st.integers(0, 4)))
    ]
    return Design.model_validate(
        {
            "apiVersion": "designlint/v1",
            "kind": "Design",
            "metadata": {"name": "random"},
            "architecture": {"components": components, "paths": paths},
        }
    )


def reference_impacts(design) -> dict[str, tuple]:
    """(failed, degraded, lost paths, degraded paths) per component, by walking everything."""
    components = design.architecture.components
    ids = {c.id for c in components}
    callees: dict[str, list[str]] = {}
    callers: dict[str, list[tuple[str, bool, bool]]] = {}
    called = set()
    for component in components:
        for dependency in component.depends_on:
            if dependency.target in ids:
                callees.setdefault(component.id, []).append(dependency.target)
                callers.setdefault(dependency.target, []).append(
                    (component.id, propagates(component, dependency), contains_failure(dependency))
                )
                if dependency.target != component.id:
                    called.add(dependency.target)
    entries = [c.id for c in components if c.user_facing and c.id not in called]
    entries = entries or [c.id for c in components if c.kind == "client"]

    def reach(blocked: set[str]) -> set[str]:
        seen = {entry for entry in entries if entry not in blocked}
        queue = deque(seen)
        while queue:
            for target in callees.get(queue.popleft(), ()):
                if target not in seen and target not in blocked:
                    seen.add(target)
                    queue.append(target)
        return seen

    def containers(target: str, failed: set[str]) -> set[str]:
        return {
            caller for caller, _, contains in callers.get(target, ()) if contains and caller not in failed
        }

    reachable = reach(set())
    result = {}
    for start in ids:
        failed = {start}
        queue = deque([start])
        while queue:
            for caller, fails, _ in callers.get(queue.popleft(), ()):
                if fails and caller not in failed:
                    failed.add(caller)
                    queue.append(caller)
        degraded = {caller for target in failed for caller in containers(target, failed)}
        still_reached = reach(failed)
        lost, touched = set(), set()
        for path in user_paths(design):
            on_path = {step.component for step in path.steps if step.component}
            for component in on_path:
                if component in failed:
                    touched.add(path.id)
                    if not containers(component, failed) & on_path:
                        lost.add(path.id)
                elif component in reachable and component not in still_reached:
                    lost.add(path.id)
                elif component in degraded:
                    touched.add(path.id)
        result[start] = (failed, degraded, lost, touched - lost)
    return result


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(design=designs())
def test_impacts_equal_a_walk_of_the_whole_graph_per_failure(design):
    expected = reference_impacts(design)
    actual = {
        component: (impact.failed, impact.degraded, impact.lost_paths, impact.degraded_paths)
        for component, impact in failure_impacts(design).items()
    }
    assert actual == expected


def reference_single_points(design) -> list[tuple[str, str, tuple[str, ...]]]:
    """(component, entry, chain) for each single-instance component a user-facing one cannot work
    without: every entry walks the whole graph on its own, and the first entry to reach one names it."""
    by_id = {c.id: c for c in design.architecture.components}
    order = {c.id: i for i, c in enumerate(design.architecture.components)}
    found: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for entry in by_id.values():
        if not entry.user_facing or entry.kind == "client":
            continue
        chains = {entry.id: (entry.id,)}
        queue = deque([entry.id])
        while queue:
            node = queue.popleft()
            if by_id[node].kind in ROUTING_KINDS and node != entry.id:
                continue
            for dependency in by_id[node].depends_on:
                target = dependency.target
                if target in chains or target not in by_id or dependency.mode != "sync":
                    continue
                if not contains_failure(dependency):
                    chains[target] = (*chains[node], target)
                    queue.append(target)
        for candidate, chain in chains.items():
            component = by_id[candidate]
            if candidate not in found and component.kind != "client" and single_instance(component):
                found[candidate] = (candidate, entry.id, chain)
    return sorted(found.values(), key=lambda point: order[point[0]])


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(design=designs())
def test_single_points_equal_a_walk_of_the_whole_graph_per_entry(design):
    actual = [(p.component, p.entry, p.chain) for p in single_points_of_failure(design)]
    assert actual == reference_single_points(design)
