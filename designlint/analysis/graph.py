"""What breaks when a component fails: failure propagation over the dependency graph.

A dependency *propagates* failure when it is hard and has no fallback: the caller fails with
its target. A dependency with a ``fallback`` or ``criticality: soft`` contains the failure: the
caller keeps working, degraded.

A user-facing request path (flow ``read`` or ``write``) *loses capability* when one of its steps
runs on a failed component and no other component of the same path contains that failure
(calls it through a fallback or soft dependency and is itself still up). A cache lookup in a
cache-miss path is such a step: the service that does the lookup treats a dead cache as a miss.
A path is *degraded* when a failure touches it but is contained.

Pure functions of the model; unknown component ids (reported by other checks) are ignored.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

USER_FLOWS = ("read", "write")
"""Request-path flows that serve users; ``control`` paths are internal."""


def propagates(dependency) -> bool:
    """Whether the caller fails when this dependency's target fails."""
    return dependency.criticality == "hard" and not dependency.fallback


@dataclass(frozen=True)
class FailureImpact:
    """The consequences of one component failing."""

    component: str
    failed: frozenset[str]
    """The component and every component that fails with it."""
    degraded: frozenset[str]
    """Components still up that lose a soft or fallback-protected dependency."""
    lost_paths: frozenset[str]
    """User-facing request paths that lose capability."""
    degraded_paths: frozenset[str]
    """User-facing request paths that keep working in a degraded way."""


def user_paths(design) -> list:
    """The user-facing request paths, in document order."""
    if design.architecture is None:
        return []
    return [path for path in design.architecture.paths if path.flow in USER_FLOWS]


def _callers(components) -> dict[str, list[tuple[str, bool]]]:
    """target id -> [(caller id, propagates)], in document order."""
    callers: dict[str, list[tuple[str, bool]]] = {}
    for component in components:
        for dependency in component.depends_on:
            callers.setdefault(dependency.target, []).append((component.id, propagates(dependency)))
    return callers


def _failed_with(start: str, callers: dict[str, list[tuple[str, bool]]]) -> set[str]:
    failed = {start}
    queue = deque([start])
    while queue:
        target = queue.popleft()
        for caller, hard in callers.get(target, ()):
            if hard and caller not in failed:
                failed.add(caller)
                queue.append(caller)
    return failed


def _contained_within(path, failed_component: str, failed: set[str], containers: dict[str, set[str]]) -> bool:
    """Whether a component of this path that is still up contains the failure of ``failed_component``."""
    on_path = {step.component for step in path.steps if step.component}
    return any(caller in on_path and caller not in failed for caller in containers.get(failed_component, ()))


def failure_impacts(design) -> dict[str, FailureImpact]:
    """component id -> what its failure does, for every component, in document order."""
    if design.architecture is None:
        return {}
    components = design.architecture.components
    callers = _callers(components)
    containers = {
        target: {caller for caller, hard in entries if not hard} for target, entries in callers.items()
    }
    paths = user_paths(design)
    impacts: dict[str, FailureImpact] = {}
    for component in components:
        failed = _failed_with(component.id, callers)
        degraded = {
            caller
            for target in failed
            for caller, hard in callers.get(target, ())
            if not hard and caller not in failed
        }
        lost: set[str] = set()
        touched: set[str] = set()
        for path in paths:
            for step in path.steps:
                if step.component in failed:
                    touched.add(path.id)
                    if not _contained_within(path, step.component, failed, containers):
                        lost.add(path.id)
                elif step.component in degraded:
                    touched.add(path.id)
        impacts[component.id] = FailureImpact(
            component=component.id,
            failed=frozenset(failed),
            degraded=frozenset(degraded),
            lost_paths=frozenset(lost),
            degraded_paths=frozenset(touched - lost),
        )
    return impacts


def blast_radius(design) -> dict[str, set[str]]:
    """component id -> ids of the user-facing request paths that lose capability when it fails."""
    return {component: set(impact.lost_paths) for component, impact in failure_impacts(design).items()}
