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

import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass

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


def contains_failure(dependency) -> bool:
    """Whether the caller survives the dependency's target failing (a real fallback or a soft dependency)."""
    return dependency.criticality == "soft" or real_fallback(dependency)


def propagates(caller, dependency) -> bool:
    """Whether the caller fails when the dependency's target fails."""
    return not contains_failure(dependency) and caller.kind not in ROUTING_KINDS


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


class _Graph:
    def __init__(self, components):
        ids = {component.id for component in components}
        self.callees: dict[str, list[str]] = {}
        # target -> [(caller, caller fails with it, caller contains its failure)]
        self.callers: dict[str, list[tuple[str, bool, bool]]] = {}
        called: set[str] = set()
        for component in components:
            for dependency in component.depends_on:
                if dependency.target not in ids:
                    continue
                self.callees.setdefault(component.id, []).append(dependency.target)
                self.callers.setdefault(dependency.target, []).append(
                    (component.id, propagates(component, dependency), contains_failure(dependency))
                )
                if dependency.target != component.id:
                    called.add(dependency.target)
        entries = [c.id for c in components if c.user_facing and c.id not in called]
        self.entries = entries or [c.id for c in components if c.kind == "client"]
        self.reachable = self.reach(frozenset())

    def failed_with(self, start: str) -> set[str]:
        failed = {start}
        queue = deque([start])
        while queue:
            for caller, fails, _ in self.callers.get(queue.popleft(), ()):
                if fails and caller not in failed:
                    failed.add(caller)
                    queue.append(caller)
        return failed

    def reach(self, failed: Iterable[str]) -> set[str]:
        """Components users reach from the entry points without passing a failed one."""
        blocked = set(failed)
        seen = {entry for entry in self.entries if entry not in blocked}
        queue = deque(sorted(seen))
        while queue:
            for target in self.callees.get(queue.popleft(), ()):
                if target not in seen and target not in blocked:
                    seen.add(target)
                    queue.append(target)
        return seen

    def containers(self, target: str, failed: set[str]) -> set[str]:
        """Callers still up whose fallback or soft dependency contains ``target`` failing."""
        return {
            caller
            for caller, _, contains in self.callers.get(target, ())
            if contains and caller not in failed
        }


def _impact(graph: _Graph, component: str, paths) -> FailureImpact:
    failed = graph.failed_with(component)
    degraded = {caller for target in failed for caller in graph.containers(target, failed)}
    still_reached = graph.reach(failed)
    lost: set[str] = set()
    touched: set[str] = set()
    for path in paths:
        on_path = {step.component for step in path.steps if step.component}
        for step_component in on_path:
            if step_component in failed:
                touched.add(path.id)
                if not graph.containers(step_component, failed) & on_path:
                    lost.add(path.id)
            elif step_component in graph.reachable and step_component not in still_reached:
                lost.add(path.id)
            elif step_component in degraded:
                touched.add(path.id)
    return FailureImpact(
        component=component,
        failed=frozenset(failed),
        degraded=frozenset(degraded),
        lost_paths=frozenset(lost),
        degraded_paths=frozenset(touched - lost),
    )


def failure_impacts(design) -> dict[str, FailureImpact]:
    """component id -> what its failure does, for every component, in document order."""
    if design.architecture is None:
        return {}
    components = design.architecture.components
    graph = _Graph(components)
    paths = user_paths(design)
    return {component.id: _impact(graph, component.id, paths) for component in components}


def blast_radius(design) -> dict[str, set[str]]:
    """component id -> ids of the user-facing request paths that lose capability when it fails."""
    return {component: set(impact.lost_paths) for component, impact in failure_impacts(design).items()}
