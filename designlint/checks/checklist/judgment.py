"""Judgment checks that read across sections: a heavy tail the numbers state, user types, partial failure.

All three read structure: quantities with their units, enumerated types and scopes. None of them
searches text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from designlint.analysis.context import numbers
from designlint.checks import reads
from designlint.findings import Problem
from designlint.units import Measure, UnitError, from_quantity
from designlint.units.definitions import is_count


class HeavyTail(NamedTuple):
    """Two scale numbers of one per-item unit far apart: a typical item and the heaviest one."""

    typical_index: int
    heaviest_index: int
    ratio: float


def _per_item_counts(design) -> dict[tuple, list[tuple[int, Measure]]]:
    """Scale quantities counted per item (``followers/user``, ``writes/post``), grouped by unit.

    Counts only: a rate (anything per second) describes load over time, and a size (bytes per
    item) differs between kinds of item without any key being hot.
    """
    groups: dict[tuple, list[tuple[int, Measure]]] = {}
    derivations = numbers(design).derivations
    for index, quantity in enumerate(design.scale.quantities if design.scale else []):
        if quantity.value is None:
            continue
        item = derivations.items[index]
        if derivations.by_name.get(item.name) is item:
            # Read once by the derivations (a count per item does not depend on the month).
            if item.stated_value is None:
                continue  # an unreadable unit
            value = item.stated_value
        else:  # a second quantity of one name, which the derivations do not read
            try:
                value = from_quantity(quantity.value)
            except UnitError:
                continue
        powers = dict(value.dims)
        counted = [base for base, power in powers.items() if power > 0]
        per = [base for base, power in powers.items() if power < 0]
        if counted and per and all(is_count(base) for base in powers) and value.value > 0:
            groups.setdefault(value.dims, []).append((index, value))
    return groups


def heavy_tail(design, ratio: float) -> HeavyTail | None:
    """The widest spread of one per-item count the scale states, when it reaches ``ratio``."""
    widest: HeavyTail | None = None
    for members in _per_item_counts(design).values():
        if len(members) < 2:
            continue
        typical = min(members, key=lambda member: member[1].value)
        heaviest = max(members, key=lambda member: member[1].value)
        spread = heaviest[1].value / typical[1].value
        if spread >= ratio and (widest is None or spread > widest.ratio):
            widest = HeavyTail(typical[0], heaviest[0], spread)
    return widest


@reads("scale", "architecture")
def hot_key_skew(design, options) -> Iterator[Problem]:
    tail = heavy_tail(design, float(options.get("ratio", 100)))
    if tail is None:
        return
    components = design.architecture.components if design.architecture else []
    if any(component.hot_keys for component in components):
        return
    quantities = design.scale.quantities
    heaviest, typical = quantities[tail.heaviest_index], quantities[tail.typical_index]
    yield Problem(
        ("scale", "quantities", tail.heaviest_index),
        f"'{heaviest.name}' ({heaviest.value}) is {_times(tail.ratio)} '{typical.name}' ({typical.value}), "
        "but no component says how it handles the hot keys this skew creates",
        hint="add `hotKeys` to the component that takes the skewed load: what happens to the heaviest "
        "key (pull instead of push above a threshold, a dedicated partition, coalescing, caching)",
    )


def _times(ratio: float) -> str:
    for limit, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if ratio >= limit:
            return f"{ratio / limit:,.0f} {word} times"
    return f"{ratio:,.0f} times"


@reads("users")
def user_types(design, options) -> Iterator[Problem]:
    wanted = options.get("types", ["human", "system", "operational"])
    present = {u.type for u in design.users}
    missing = [t for t in wanted if t not in present]
    if design.users and missing:
        yield Problem(
            ("users",),
            f"no {', '.join(missing)} users identified",
            hint="name the services you integrate with and the people who operate the system",
        )


@reads("failureScenarios", "partialFailures")
def partial_failure(design, options) -> Iterator[Problem]:
    partial = any(
        s.partial or s.scope in ("partial", "slow", "node", "shard", "partition")
        for s in design.failure_scenarios
    )
    if design.failure_scenarios and not partial and not design.partial_failures:
        yield Problem(
            ("failureScenarios",),
            "failure analysis covers only whole-component outages, not partial failure",
            hint="add degraded states: a slow dependency, one shard down, some cache nodes slow",
        )


CHECKS = {
    "hot-key-skew": hot_key_skew,
    "user-types": user_types,
    "partial-failure": partial_failure,
}
