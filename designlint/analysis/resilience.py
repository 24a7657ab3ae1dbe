"""Composite availability and single points of failure, over the dependency graph.

Failure semantics are :mod:`designlint.analysis.graph`'s: a dependency with a fallback or
``criticality: soft`` contains its target's failure, and routing components (clients, CDNs,
load balancers, gateways) do not fail with one backend. What remains, synchronous hard
dependencies without a fallback, is what caps a component's availability.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import NamedTuple

from designlint.analysis.graph import ROUTING_KINDS, contains_failure
from designlint.units import UnitError, from_quantity

ACTIVE_ACTIVE = ("active-active-read", "active-active-full")
SHOWN_CHAIN = 8  # longer chains are shown by their ends: a message stays short on any graph


def availability_fraction(quantity) -> float | None:
    """A quantity read as a fraction in (0, 1] (an availability or an objective), else None."""
    try:
        value = from_quantity(quantity)
    except UnitError:
        return None
    return value.value if not value.dims and 0 < value.value <= 1 else None


class ComponentIndex:
    """The design's components by id, what each cannot work without, and the availability each declares."""

    def __init__(self, design):
        components = design.architecture.components if design.architecture else []
        self.by_id = {c.id: c for c in components}
        self.order = {c.id: i for i, c in enumerate(components)}
        self.promised: dict[str, list] = {}
        for slo in design.slos:
            if slo.kind == "availability" and slo.service:
                self.promised.setdefault(slo.service, []).append(slo.objective)
        for target in design.nfr.availability if design.nfr else []:
            if target.component:
                self.promised.setdefault(target.component, []).append(target.target)
        self._hard: dict[str, list[str]] = {}
        # Each component's figures are read once: several analyses ask for the same ones.
        self._own: dict[str, float | None] = {}
        self._availability: dict[str, float | None] = {}

    def own_availability(self, component_id: str) -> float | None:
        if component_id not in self._own:
            component = self.by_id.get(component_id)
            self._own[component_id] = (
                availability_fraction(component.availability)
                if component is not None and component.availability
                else None
            )
        return self._own[component_id]

    def availability(self, component_id: str) -> float | None:
        """A dependency's availability: its own, else what its SLO or target promises."""
        if component_id not in self._availability:
            own = self.own_availability(component_id)
            self._availability[component_id] = (
                own
                if own is not None
                else next(
                    (
                        value
                        for value in map(availability_fraction, self.promised.get(component_id, ()))
                        if value is not None
                    ),
                    None,
                )
            )
        return self._availability[component_id]

    def hard_dependencies(self, start: str) -> list[str]:
        """Components ``start`` cannot work without, nearest first."""
        if start not in self._hard:
            self._hard[start] = self.walk(start).reached
        return self._hard[start]

    def walk(self, start: str, known: set[str] | frozenset[str] = frozenset()) -> Walk:
        """A breadth-first walk of ``start``'s hard synchronous dependencies, not entering the
        components in ``known``: a walk that reached them has already gone wherever they lead."""
        if start not in self.by_id:
            return Walk(start, [], {})
        reached: list[str] = []
        parent: dict[str, str] = {start: start}
        queue: deque[str] = deque([start])
        while queue:
            node = queue.popleft()
            component = self.by_id[node]
            if component.kind in ROUTING_KINDS and node != start:
                continue  # a router does not fail with one of its backends
            for dependency in component.depends_on:
                target = dependency.target
                if target in parent or target in known or target not in self.by_id:
                    continue
                if dependency.mode != "sync" or contains_failure(dependency):
                    continue
                parent[target] = node
                reached.append(target)
                queue.append(target)
        return Walk(start, reached, parent)


class Walk(NamedTuple):
    """Where a walk from ``start`` reached, nearest first, and the component each was reached from:
    chains are read back from it only when shown, so a long chain costs its length once."""

    start: str
    reached: list[str]
    parent: dict[str, str]

    def chain(self, target: str) -> tuple[str, ...]:
        """``start`` -> ... -> ``target``, shortened to its ends when longer than SHOWN_CHAIN."""
        tail = [target]
        while tail[-1] != self.start:
            tail.append(self.parent[tail[-1]])
        tail.reverse()
        if len(tail) <= SHOWN_CHAIN:
            return tuple(tail)
        return (*tail[:3], f"... {len(tail) - 5} more ...", *tail[-2:])


@dataclass
class Ceiling:
    """The best availability a component can reach given what it cannot do without."""

    component: str
    objective: float
    objective_path: tuple
    window_seconds: float
    ceiling: float
    factors: list[tuple[str, float]] = field(default_factory=list)  # (component, availability) multiplied
    regions: int = 1  # active regions the whole stack is repeated in

    @property
    def gap_seconds(self) -> float:
        """Downtime per window the ceiling allows beyond the objective's budget."""
        return max(0.0, (self.objective - self.ceiling) * self.window_seconds)


def composite(factors: list[float], regions: int = 1) -> float:
    """Serial factors multiply; a stack repeated in ``regions`` active regions combines as 1 - (1 - a)^n."""
    serial = 1.0
    for factor in factors:
        serial *= factor
    return 1 - (1 - serial) ** regions if regions > 1 else serial


def active_regions(design) -> int:
    multi = design.multi_region
    if multi is None:
        return 1
    live = multi.current or multi.pattern
    return max(1, len(multi.regions)) if live in ACTIVE_ACTIVE else 1


def ceilings(design, month_seconds: float, index: ComponentIndex | None = None) -> list[Ceiling]:
    """For each availability objective tied to a component, the ceiling its dependencies allow."""
    if design.architecture is None:
        return []
    index = index or ComponentIndex(design)
    targets: list[tuple[str, object, tuple, object]] = []
    with_slo = set()
    for position, slo in enumerate(design.slos):
        if slo.kind == "availability" and slo.service:
            targets.append((slo.service, slo.objective, ("slos", position, "objective"), slo.window))
            with_slo.add(slo.service)
    if design.nfr:
        for position, target in enumerate(design.nfr.availability):
            if target.component and target.component not in with_slo:
                targets.append(
                    (target.component, target.target, ("nfr", "availability", position, "target"), None)
                )
    regions = active_regions(design)
    results = []
    for component, objective_quantity, path, window in targets:
        try:
            objective = from_quantity(objective_quantity).value
            window_seconds = (
                from_quantity(window, month_seconds).value if window is not None else 30 * 86400.0
            )
        except UnitError:
            continue
        if not 0 < objective <= 1 or window_seconds <= 0:
            continue
        factors = []
        own = index.own_availability(component)
        if own is not None:
            factors.append((component, own))
        for dependency in index.hard_dependencies(component):
            value = index.availability(dependency)
            if value is not None:
                factors.append((dependency, value))
        if not factors:
            continue
        ceiling = composite([value for _, value in factors], regions)
        results.append(Ceiling(component, objective, path, window_seconds, ceiling, factors, regions))
    return results


class SinglePoint(NamedTuple):
    component: str
    entry: str
    chain: tuple[str, ...]


def single_instance(component) -> bool:
    nodes = component.capacity.nodes if component.capacity else None
    return component.replicas == 1 or (component.replicas is None and nodes == 1)


def single_points_of_failure(design, index: ComponentIndex | None = None) -> list[SinglePoint]:
    """Single-instance components that a user-facing component cannot work without."""
    if design.architecture is None:
        return []
    index = index or ComponentIndex(design)
    found: dict[str, SinglePoint] = {}
    # Each entry's walk skips what earlier entries' walks reached: those components are claimed
    # already, and so is everything past them, so all the walks together cost one pass.
    reached: set[str] = set()
    for entry in index.by_id.values():
        if not entry.user_facing or entry.kind == "client":
            continue
        walk = index.walk(entry.id, reached)
        for candidate in [entry.id, *walk.reached]:
            component = index.by_id[candidate]
            if candidate in found or component.kind == "client" or not single_instance(component):
                continue
            found[candidate] = SinglePoint(candidate, entry.id, walk.chain(candidate))
        reached.add(entry.id)
        reached.update(walk.reached)
    return sorted(found.values(), key=lambda point: index.order[point.component])
