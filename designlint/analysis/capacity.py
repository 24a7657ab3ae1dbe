"""Capacity and headroom: nodes needed at peak load to stay inside the target utilisation band.

The nodes serving a load are ``capacity.nodes`` when stated, else the component's ``shards`` times
its ``replicas``, else its ``replicas``; a limit written per shard (``50K ops/s/shard``) is
compared with ``shards``. Writes to a replicated data store count once per replica.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from designlint.analysis.issues import FORMULA, UNIT, UNKNOWN_NAME, UNREADABLE_UNIT, Issue
from designlint.formula import FormulaError, evaluate
from designlint.units import Measure, UnitError, compatible, describe, from_quantity, resolve_unit

DEFAULT_BAND = (0.60, 0.70)
DATA_KINDS = frozenset(
    {
        "database",
        "wide-column-store",
        "key-value-store",
        "cache",
        "search-index",
        "queue",
        "stream",
        "object-store",
    }
)
"""Kinds whose replicas are copies of the data: a write lands on every copy."""
WRITES = (("write", 1),)


@dataclass
class CapacityPlan:
    """How a component's load fits the units that serve it (nodes, or shards when the limit is per shard).

    ``copies`` is how many times each unit of load is applied: a write to a replicated data store
    lands on every replica, so its nodes absorb the load that many times over.
    """

    index: int  # component index
    component: object
    load: Measure
    per_node: Measure
    band: tuple[float, float]  # target utilisation, low and high, as fractions
    declared: int | None
    declared_path: tuple | None
    unit: str = "node"  # "node", or "shard" for a limit written per shard
    copies: int = 1
    counted: str = ""  # how the declared count is made up when it is a product: "16 shards x 3 replicas"

    @property
    def node_loads(self) -> float:
        """Peak load in units of one node's (or shard's) capacity."""
        return self.load.value * self.copies / self.per_node.value

    def nodes_for(self, utilisation: float) -> int:
        return max(1, math.ceil(self.node_loads / utilisation - 1e-9))

    @property
    def needed(self) -> int:
        """Fewest nodes (or shards) that keep peak utilisation at or under the band's top."""
        return self.nodes_for(self.band[1])

    @property
    def utilisation(self) -> float | None:
        return self.node_loads / self.declared if self.declared else None

    @property
    def units(self) -> str:
        return self.unit + ("" if self.needed == 1 else "s")


def _band(quantity) -> tuple[float, float] | None:
    """Target utilisation as (low, high) fractions: ``60-70%``, ``80%`` (70-80%), ``<=70%``; 60-70% if unset."""
    if quantity is None:
        return DEFAULT_BAND
    try:
        unit = resolve_unit(quantity.unit)
    except UnitError:
        return None
    if unit.dims:
        return None
    high = quantity.magnitude * unit.factor
    # A single target (80%) is the top of a band as wide as the default one (70-80%).
    width = DEFAULT_BAND[1] - DEFAULT_BAND[0]
    low = quantity.low * unit.factor if quantity.low is not None else max(high - width, high / 2)
    if not 0 < low <= high <= 1:
        return None
    return low, high


def capacities(numbers) -> tuple[list[CapacityPlan], list[Issue]]:
    design = numbers.design
    plans: list[CapacityPlan] = []
    issues: list[Issue] = []
    if design.architecture is None:
        return plans, issues
    derivations = numbers.derivations

    def lookup(name: str, offset: int) -> Measure:
        value = derivations.value(name)
        if value is None:
            raise FormulaError(
                f"'{name}' is not a scale quantity with a value", offset, len(name), kind=UNKNOWN_NAME
            )
        return value

    for index, component in enumerate(design.architecture.components):
        capacity = component.capacity
        if capacity is None or not capacity.load:
            continue
        base = ("architecture", "components", index, "capacity")
        try:
            load = evaluate(capacity.load, lookup, numbers.month_seconds, known=derivations.by_name)
        except FormulaError as error:
            kind = {"unit": UNIT, "unreadable-unit": UNREADABLE_UNIT, UNKNOWN_NAME: UNKNOWN_NAME}.get(
                error.kind, FORMULA
            )
            issues.append(
                Issue(
                    kind,
                    (*base, "load"),
                    f"capacity load of '{component.id}': {error.message}",
                    offset=error.offset,
                )
            )
            continue
        try:
            per_node = from_quantity(capacity.per_node, numbers.month_seconds)
        except UnitError as error:
            issues.append(Issue(UNREADABLE_UNIT, (*base, "perNode"), f"'{component.id}': {error}"))
            continue
        unit = "shard" if ("shard", -1) in per_node.dims else "node"
        if (unit, -1) in per_node.dims:  # "10K writes/s/node" is what one node handles
            per_node = per_node * Measure(1.0, ((unit, 1),))
        if (
            not (compatible(per_node.dims, load.dims) or compatible(load.dims, per_node.dims))
            or per_node.value <= 0
        ):
            issues.append(
                Issue(
                    UNIT,
                    (*base, "perNode"),
                    f"'{component.id}' handles {capacity.per_node} per node but its load is in "
                    f"{describe(load)}; they cannot be compared",
                    hint="state the per-node limit in the unit of the load, e.g. 10K writes/s",
                )
            )
            continue
        band = _band(capacity.target_utilisation)
        if band is None:
            issues.append(
                Issue(
                    UNIT,
                    (*base, "targetUtilisation"),
                    f"'{component.id}' target utilisation {capacity.target_utilisation} is not a share",
                    hint="write a percentage or a band such as 60-70%",
                )
            )
            continue
        if not (math.isfinite(load.value) and math.isfinite(per_node.value)) or not math.isfinite(
            load.value / per_node.value
        ):
            continue  # out of range: the values themselves are reported
        declared, declared_path, counted = _declared(component, index, unit)
        copies = 1
        if component.kind in DATA_KINDS and (component.replicas or 1) > 1 and _writes(load):
            copies = component.replicas
        plans.append(
            CapacityPlan(
                index,
                component,
                load,
                per_node,
                band,
                declared,
                declared_path,
                unit=unit,
                copies=copies,
                counted=counted,
            )
        )
    return plans, issues


def _writes(load: Measure) -> bool:
    return any(item in load.dims for item in WRITES)


def _declared(component, index: int, unit: str) -> tuple[int | None, tuple | None, str]:
    """The count of nodes (or shards) serving the load, where the design states it, and how it is made up.

    ``capacity.nodes`` when stated; else ``shards`` times ``replicas`` (each shard on its replicas);
    else ``replicas``. A limit written per shard counts shards.
    """
    where: tuple[str | int, ...] = ("architecture", "components", index)
    shards, replicas = component.shards, component.replicas
    if unit == "shard":
        return (shards, (*where, "shards"), "") if shards else (None, None, "")
    if component.capacity.nodes is not None:
        return component.capacity.nodes, (*where, "capacity", "nodes"), ""
    if shards:
        if replicas and replicas > 1:
            return shards * replicas, (*where, "shards"), f"{shards} shards x {replicas} replicas"
        return shards, (*where, "shards"), f"{shards} shards"
    if replicas is not None:
        return replicas, (*where, "replicas"), ""
    return None, None, ""
