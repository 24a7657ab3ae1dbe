"""What breaks when a component fails: failure propagation over the dependency graph.

A dependency *propagates* failure when it is hard and has no real fallback: the caller fails
with its target. A dependency with a real ``fallback`` or ``criticality: soft`` contains the
failure: the caller keeps working, degraded. A fallback that fails the request ("fail the
publish", ``strategy: fail``) is no fallback: the failure still reaches the caller. Routing components (clients, CDNs, load balancers, API
gateways) do not fail with one backend; only the requests routed to it do, which the
reachability rule below accounts for.

A user-facing request path (flow ``read`` or ``write``) *loses capability* when one of its steps

- runs on a failed component and no other component of the same path contains that failure
  (calls it through a fallback or soft dependency and is itself still up) — a cache lookup in a
  cache-miss path is contained by the service that treats a dead cache as a miss; or
- runs on a component that users reach when everything is up (along dependencies from the
  entry points: user-facing components nothing calls) but no longer reach around the failed ones.

A path is *degraded* when a failure touches it without cutting it.

Pure functions of the model; unknown component ids (reported by other checks) are ignored.
"""

from __future__ import annotations

import heapq
import re
from collections import deque
from typing import NamedTuple

from designlint.analysis.strongly_connected import strongly_connected

USER_FLOWS = ("read", "write")
"""Request-path flows that serve users; ``control`` paths are internal."""
ROUTING_KINDS = frozenset({"client", "cdn", "load-balancer", "api-gateway"})


FAILING = "fail"
# Heuristic for a fallback written as a sentence: one that opens by failing the request is none.
_OPENING = re.compile(r"(?:(?:we|it|they|then|just|simply|the\s+caller|callers|the\s+service)\s++)*+")
_FAILS = re.compile(
    r"(?:"
    r"fail(?:s|ed)?+\b(?!\s*+-?\s*+(?:open|over|back|soft|safe|gracefully|static)\b)"
    r"|errors?+\b|error\s+out"
    r"|(?:return|returns|respond|responds|answer|answers|send|sends)\s++(?:with\s++)?+(?:an?\s++)?+"
    r"(?:http\s++)?+(?:[45][0-9x][0-9x]\b|error)"
    r"|reject|refuse|throw|raise|abort|propagate|surface\s++the\s++(?:error|failure)|bubble\s++up"
    r"|give\s++up|no\s++fallback|none\b|nothing\s*+[.;:,]|nothing$"
    r")",
    re.IGNORECASE,
)
_ABSENT = frozenset({"none", "no", "n/a", "na", "nothing", "-", "—", "no fallback"})


def fails_the_request(text: str) -> bool:
    """Heuristic: does a fallback sentence say the caller fails? ``Fail the publish``, ``return a 503``,
    ``reject the request``, ``none``, ``no fallback``; ``fail open`` and ``fail over`` are fallbacks."""
    first = text.strip()[:300].lower()
    if first.rstrip(".!;: ") in _ABSENT:
        return True
    opening = _OPENING.match(first)
    assert opening is not None  # every part of it is optional
    return _FAILS.match(first, opening.end()) is not None


def fallback_strategy(dependency) -> str | None:
    """What a dependency's fallback does: the strategy the design names, else read from its sentence.

    None without a fallback; ``"fail"`` for one that fails the request; a sentence that does not
    open by failing reads as ``"degrade"``.
    """
    fallback = dependency.fallback
    if not fallback:
        return None
    named = getattr(fallback, "strategy", None)
    if named is not None:
        return named
    return FAILING if fails_the_request(str(fallback)) else "degrade"


def real_fallback(dependency) -> bool:
    """A fallback that keeps the caller serving: any but one that fails the request."""
    return fallback_strategy(dependency) not in (None, FAILING)


# An asynchronous dependency on a queue or a stream fails with it: the hand-off itself is lost.
# One on anything else is work handed off (through an outbox, a callback): when the target is
# down the work waits and the caller carries on.
HAND_OFF_KINDS = frozenset({"queue", "stream"})


def contains_failure(dependency) -> bool:
    """Whether the caller survives the dependency's target failing (a real fallback or a soft dependency)."""
    return dependency.criticality == "soft" or real_fallback(dependency)


def survives(dependency, target_kind: str | None) -> bool:
    """Whether the caller survives its target failing: the dependency contains the failure, or it
    hands work off asynchronously to anything but a queue or a stream."""
    return contains_failure(dependency) or (dependency.mode == "async" and target_kind not in HAND_OFF_KINDS)


def propagates(caller, dependency, target_kind: str | None = None) -> bool:
    """Whether the caller fails when the dependency's target (of ``target_kind``) fails."""
    return not survives(dependency, target_kind) and caller.kind not in ROUTING_KINDS


class FailureImpact(NamedTuple):
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


class _Component:
    """The dependency edges of one component id (several components with one id share it)."""

    __slots__ = ("callees", "callers", "contained")

    def __init__(self) -> None:
        self.callees: list[str] = []
        # (caller, caller fails with this component, caller contains this component's failure)
        self.callers: list[tuple[str, bool, bool]] = []
        self.contained: list[str] = []
        """Targets whose failure this component contains (fallback or soft dependency)."""


class _Cluster:
    """A strongly connected group of components users reach: it is decided as one when any of it fails."""

    __slots__ = ("cyclic", "members")

    def __init__(self, members: list[str], cyclic: bool):
        self.members = members
        self.cyclic = cyclic


class FailureGraph:
    """The dependency graph of one design, prepared once so each failure costs about what it touches.

    Failure spreads to callers along propagating dependencies (a breadth-first walk over what
    fails). What users no longer reach is found by removing the failed components from the
    reachable graph and spreading only from them: each reachable component counts its live
    callers from other strongly connected groups, visited in topological order, and a group that
    loses a caller is re-decided on its own. Request paths are looked up through an index from
    component to the paths it is on, so a failure reads only the paths it touches.
    """

    def __init__(self, components, paths=()):
        self._nodes: dict[str, _Component] = {component.id: _Component() for component in components}
        kinds = {component.id: component.kind for component in components}
        called: set[str] = set()
        for component in components:
            node = self._nodes[component.id]
            for dependency in component.depends_on:
                target = self._nodes.get(dependency.target)
                if target is None:
                    continue
                target_kind = kinds[dependency.target]
                contains = survives(dependency, target_kind)
                node.callees.append(dependency.target)
                if contains:
                    node.contained.append(dependency.target)
                target.callers.append(
                    (component.id, propagates(component, dependency, target_kind), contains)
                )
                if dependency.target != component.id:
                    called.add(dependency.target)
        entries = [c.id for c in components if c.user_facing and c.id not in called]
        self._entries = frozenset(entries or [c.id for c in components if c.kind == "client"])
        self.reachable = self._reach_all()
        self._clusters, self._cluster_of = self._group_reachable()
        self._live_callers = self._count_live_callers()
        self._paths = list(paths)
        self._path_ids = [path.id for path in self._paths]
        self._paths_of, self._containers_on_path = self._index_paths()

    # -- preparation -------------------------------------------------------------------------

    def _reach_all(self) -> frozenset[str]:
        seen = set(self._entries)
        queue = deque(seen)
        while queue:
            for target in self._nodes[queue.popleft()].callees:
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
        return frozenset(seen)

    def _group_reachable(self) -> tuple[list[_Cluster], dict[str, int]]:
        """Strongly connected groups of the reachable components, numbered in topological order
        (every dependency leads to the same group or a later one)."""
        finished = strongly_connected(sorted(self.reachable), lambda name: self._nodes[name].callees)
        clusters: list[_Cluster] = []
        cluster_of: dict[str, int] = {}
        for group in reversed(finished):
            number = len(clusters)
            for member in group:
                cluster_of[member] = number
            # One component depending on itself is decided alone: only other groups' callers hold it.
            clusters.append(_Cluster(sorted(group), cyclic=len(group) > 1))
        return clusters, cluster_of

    def _count_live_callers(self) -> dict[str, int]:
        """reachable component -> dependencies on it from reachable components of other groups."""
        counts = dict.fromkeys(self.reachable, 0)
        cluster_of = self._cluster_of
        for caller in self.reachable:
            for target in self._nodes[caller].callees:
                if cluster_of[target] != cluster_of[caller]:
                    counts[target] += 1
        return counts

    def _index_paths(self) -> tuple[dict[str, list[int]], dict[tuple[int, str], list[str]]]:
        """component -> the paths it is on; (path, failed step component) -> the components on the
        same path that contain that component's failure."""
        paths_of: dict[str, list[int]] = {}
        containers: dict[tuple[int, str], list[str]] = {}
        for number, path in enumerate(self._paths):
            on_path = {step.component for step in path.steps if step.component in self._nodes}
            for component in sorted(on_path):
                paths_of.setdefault(component, []).append(number)
                for target in self._nodes[component].contained:
                    if target in on_path:
                        containers.setdefault((number, target), []).append(component)
        return paths_of, containers

    # -- one failure ---------------------------------------------------------------------------

    def failed_with(self, start: str) -> set[str]:
        """``start`` and every component that fails with it."""
        failed = {start}
        queue = deque([start])
        while queue:
            for caller, fails, _ in self._nodes[queue.popleft()].callers:
                if fails and caller not in failed:
                    failed.add(caller)
                    queue.append(caller)
        return failed

    def cut_off(self, failed: set[str]) -> set[str]:
        """Components users reach when everything is up but not around the ``failed`` ones (the
        failed ones they reached included)."""
        lost: set[str] = set()
        live_callers: dict[str, int] = {}  # changed counts only; the shared ones stay as they are
        cluster_of, nodes, shared, entries = self._cluster_of, self._nodes, self._live_callers, self._entries
        queued = {cluster_of[component] for component in failed if component in self.reachable}
        waiting = sorted(queued)
        while waiting:
            number = heapq.heappop(waiting)
            cluster = self._clusters[number]
            if cluster.cyclic:
                dropped = self._decide(cluster, failed, live_callers)
            else:  # most groups are one component: decided inline, as ``_decide`` would
                member = cluster.members[0]
                if member not in failed and (
                    member in entries or live_callers.get(member, shared[member]) > 0
                ):
                    continue
                dropped = cluster.members
            for component in dropped:
                lost.add(component)
                for target in nodes[component].callees:
                    target_number = cluster_of[target]
                    if target_number == number:
                        continue
                    live_callers[target] = live_callers.get(target, shared[target]) - 1
                    if target_number not in queued:
                        queued.add(target_number)
                        heapq.heappush(waiting, target_number)
        return lost

    def _decide(self, cluster: _Cluster, failed: set[str], live_callers: dict[str, int]) -> list[str]:
        """The members of a cyclic group users no longer reach, once every earlier group is decided."""

        def held(component: str) -> bool:
            """Reached from outside the group, or an entry point, and not failed itself."""
            if component in failed:
                return False
            return (
                component in self._entries or live_callers.get(component, self._live_callers[component]) > 0
            )

        reached = {member for member in cluster.members if held(member)}
        queue = deque(sorted(reached))
        number = self._cluster_of[cluster.members[0]]
        while queue:
            for target in self._nodes[queue.popleft()].callees:
                if target not in reached and target not in failed and self._cluster_of[target] == number:
                    reached.add(target)
                    queue.append(target)
        return [member for member in cluster.members if member not in reached]

    def impact(self, component: str) -> FailureImpact | None:
        """What ``component``'s failure does; None for an id no component has."""
        if component not in self._nodes:
            return None
        failed = self.failed_with(component)
        degraded = {
            caller
            for target in failed
            for caller, _, contains in self._nodes[target].callers
            if contains and caller not in failed
        }
        lost: set[str] = set()
        touched: set[str] = set()
        for step_component in failed:
            for number in self._paths_of.get(step_component, ()):
                touched.add(self._path_ids[number])
                containers = self._containers_on_path.get((number, step_component), ())
                if all(container in failed for container in containers):
                    lost.add(self._path_ids[number])
        for step_component in self.cut_off(failed) - failed:
            lost.update(self._path_ids[number] for number in self._paths_of.get(step_component, ()))
        for step_component in degraded:
            touched.update(self._path_ids[number] for number in self._paths_of.get(step_component, ()))
        return FailureImpact(
            component=component,
            failed=frozenset(failed),
            degraded=frozenset(degraded),
            lost_paths=frozenset(lost),
            degraded_paths=frozenset(touched - lost),
        )


def failure_graph(design) -> FailureGraph:
    """The failure graph of ``design``'s components and user-facing request paths."""
    components = design.architecture.components if design.architecture else []
    return FailureGraph(components, user_paths(design))


def failure_impacts(design) -> dict[str, FailureImpact]:
    """component id -> what its failure does, for every component, in document order."""
    if design.architecture is None:
        return {}
    graph = failure_graph(design)
    impacts: dict[str, FailureImpact] = {}
    for component in design.architecture.components:
        if component.id not in impacts:
            impact = graph.impact(component.id)
            assert impact is not None  # every component's id is in its own graph
            impacts[component.id] = impact
    return impacts


def blast_radius(design) -> dict[str, set[str]]:
    """component id -> ids of the user-facing request paths that lose capability when it fails."""
    return {component: set(impact.lost_paths) for component, impact in failure_impacts(design).items()}
