"""Checks on latency budgets, capacity headroom and cost."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.analysis.compare import (
    APPROXIMATE_TOLERANCE,
    EXACT_TOLERANCE,
    compare,
    factor_text,
    measured,
    slip_hint,
)
from designlint.analysis.context import numbers
from designlint.analysis.cost import monthly_unit, stated_monthly, total_tolerance
from designlint.findings import Problem
from designlint.units import compatible
from designlint.units.display import format_measure, format_number


def _ms(measure, unit: str | None = None) -> str:
    return format_measure(measure, unit or "ms")


def latency_over_target(design, options) -> Iterator[Problem]:
    """A request path whose steps add up to more than its operation's latency target."""
    paths, _ = numbers(design).latency
    for result in paths:
        if result.total is None or result.target_value is None:
            continue
        if result.total.value <= result.target_value.value * (1 + 1e-9):
            continue
        unit = result.target.target.unit or None
        yield Problem(
            ("architecture", "paths", result.index, "steps"),
            f"path '{result.path.id}' spends {_ms(result.total, unit)} ({' + '.join(result.terms)}) but "
            f"'{result.target.operation}' must answer within {result.target.target}"
            + (f" at {result.target.percentile}" if result.target.percentile else ""),
            hint="cut a step's budget, run independent steps in a parallelGroup, or take a step off the path",
        )


def latency_total_mismatch(design, options) -> Iterator[Problem]:
    """A stated path total that is not the sum of its steps."""
    data = numbers(design)
    paths, _ = data.latency
    for result in paths:
        stated = result.path.total
        stated_value = measured(stated, data.month_seconds) if stated is not None else None
        if result.total is None or stated_value is None:
            continue
        verdict = compare(stated, result.total, data.month_seconds, options, stated=stated_value)
        if verdict.agrees:
            continue
        if not verdict.comparable:
            continue  # reported as a unit mismatch on the steps or the total
        yield Problem(
            ("architecture", "paths", result.index, "total"),
            f"path '{result.path.id}' states a total of {stated} but its steps add up to "
            f"{_ms(result.total, stated.unit or None)} ({' + '.join(result.terms)})",
            hint="sequential steps add up; a parallelGroup costs its slowest step",
            at_key=False,
        )


def capacity_headroom(design, options) -> Iterator[Problem]:
    """Declared nodes (or shards) that run above the target utilisation at peak."""
    plans, _ = numbers(design).capacity
    for plan in plans:
        if plan.declared is None or plan.utilisation is None or plan.utilisation <= plan.band[1] + 1e-9:
            continue
        yield Problem(
            plan.declared_path,
            f"'{plan.component.id}' runs at {_percent(plan.utilisation, plan.band[1])} of capacity at peak "
            f"({_sizing(plan)}); staying within {_band(plan.band)} needs {plan.needed} {plan.units}",
            hint="add nodes, raise the per-node limit with evidence, or cut the peak load",
            at_key=False,
        )


def _sizing(plan) -> str:
    """``2.3M writes/s, on every one of 3 replicas, on 16 shards x 3 replicas = 48 x ~10K writes/s``."""
    load = format_measure(plan.load)
    if plan.copies > 1:
        load += f", written to each of {plan.copies} replicas,"
    count = f"{plan.counted} = {plan.declared}" if plan.counted else f"{plan.declared}"
    return f"{load} on {count} x {plan.component.capacity.per_node}"


def capacity_surplus(design, options) -> Iterator[Problem]:
    """Declared nodes well beyond what the peak needs at the target utilisation."""
    plans, _ = numbers(design).capacity
    for plan in plans:
        # One spare node (N+1) and a pair for high availability are never surplus.
        if (
            plan.declared is None
            or plan.utilisation is None
            or plan.declared <= max(plan.nodes_for(plan.band[0]) + 1, 2)
        ):
            continue
        yield Problem(
            plan.declared_path,
            f"'{plan.component.id}' runs at {_percent(plan.utilisation)} of capacity at peak with "
            f"{plan.counted + ' = ' if plan.counted else ''}{plan.declared} {plan.unit}s; "
            f"{plan.needed} would stay within {_band(plan.band)}",
            hint="if the extra nodes are for redundancy (N+1) or growth, say so; otherwise they cost money",
            at_key=False,
        )


def capacity_nodes_unstated(design, options) -> Iterator[Problem]:
    """A load and a per-node limit but no node count: say how many nodes the target band needs."""
    plans, _ = numbers(design).capacity
    for plan in plans:
        if plan.declared is not None or plan.needed <= 1:
            continue  # one node carries it: any count stays within the band's top
        copies = f", written to each of {plan.copies} replicas," if plan.copies > 1 else ""
        what = "shards" if plan.unit == "shard" else "nodes (capacity.nodes, or shards and replicas)"
        yield Problem(
            ("architecture", "components", plan.index, "capacity"),
            f"'{plan.component.id}' states no {plan.unit} count: {format_measure(plan.load)}{copies} at "
            f"{plan.component.capacity.per_node} per {plan.unit} needs {plan.needed} {plan.units} "
            f"to stay within {_band(plan.band)}",
            hint=f"state the {what} the design runs, so headroom can be checked",
        )


def _percent(fraction: float, beside: float | None = None) -> str:
    """A percentage with enough digits not to print as the bound it is compared with (65.03%, not 65%)."""
    for digits in (3, 4, 5, 6):
        text = format_number(fraction * 100, significant=digits, suffixes=False)
        if beside is None or float(text) != round(beside * 100, 6):
            break
    return text + "%"


def _band(band: tuple[float, float]) -> str:
    low, high = band
    return _percent(high) if low == high else f"{format_number(low * 100)}-{_percent(high)}"


def _money(measure, month_seconds: float) -> str:
    return format_measure(measure, monthly_unit(measure), month_seconds=month_seconds)


def cost_item_mismatch(design, options) -> Iterator[Problem]:
    """A line item's stated monthly cost against quantity x unit price."""
    data = numbers(design)
    for line in data.cost.lines:
        if line.computed is None or line.stated is None:
            continue
        verdict = compare(line.item.monthly, line.computed, data.month_seconds, options, stated=line.stated)
        if verdict.agrees or not verdict.comparable:
            continue
        amount = line.item.quantity or (line.item.quantity_ref and f"{line.item.quantity_ref}") or "1"
        hours = f" x {format_number(data.month_seconds / 3600)} h/month" if _hourly(line.unit_price) else ""
        yield Problem(
            ("cost", "items", line.index, "monthly"),
            f"cost item '{line.item.name}' states {line.item.monthly}, but {amount} x "
            f"{line.item.unit_price}{hours} = {_money(line.computed, data.month_seconds)}",
            hint=slip_hint(verdict.ratio, line.computed.dims) or "correct the monthly figure or the price",
            at_key=False,
        )


def _hourly(price) -> bool:
    return (
        price is not None
        and not any(symbol == "month" for symbol, _ in price.display)
        and ("second", -1) in price.dims
    )


def cost_quantity_mismatch(design, options) -> Iterator[Problem]:
    """A line item's quantity against the scale quantity it names (times the copies its component keeps)."""
    data = numbers(design)
    for line in data.cost.lines:
        if line.quantity is None or line.reference is None:
            continue
        expected = line.reference
        copies = ""
        if line.replicas > 1 and any(base in ("byte", "bit") for base, _ in expected.dims):
            from designlint.units import Measure

            expected = expected * Measure(float(line.replicas))
            copies = f" x {line.replicas} replicas of '{line.item.component}'"
        verdict = compare(line.item.quantity, expected, data.month_seconds, options, stated=line.quantity)
        if verdict.agrees:
            continue
        how_far = factor_text(verdict.ratio) if verdict.comparable else "in a different unit"
        yield Problem(
            ("cost", "items", line.index, "quantity"),
            f"cost item '{line.item.name}' prices {line.item.quantity}, but {line.item.quantity_ref}{copies} "
            f"is {format_measure(expected, month_seconds=data.month_seconds)}"
            + (f" ({how_far})" if how_far else ""),
            hint="price what the design stores, every replica included"
            if copies
            else "price the amount the named quantity gives, or name the right quantity",
            at_key=False,
        )


def cost_total_mismatch(design, options) -> Iterator[Problem]:
    """The stated total against the sum of the items, and cost per user against total / users."""
    data = numbers(design)
    cost, summary = design.cost, data.cost
    if cost is None:
        return
    if cost.total is not None and summary.total is not None:
        stated = stated_monthly(cost.total, data.month_seconds, cost.currency)
        tolerance = None
        loose = float(options.get("approximate_tolerance", APPROXIMATE_TOLERANCE))
        if cost.total.approximate:  # as approximate as its approximate parts, no more
            tolerance = total_tolerance(summary, float(options.get("tolerance", EXACT_TOLERANCE)), loose)
        verdict = (
            compare(
                cost.total, summary.total, data.month_seconds, options, stated=stated, tolerance=tolerance
            )
            if stated
            else None
        )
        if verdict is not None and verdict.comparable and not verdict.agrees:
            parts = " + ".join(
                str(line.item.monthly or _money(line.computed, data.month_seconds)) for line in summary.lines
            )
            allowed = ""
            if cost.total.approximate:
                slack = summary.total.with_value(summary.total.value * verdict.tolerance)
                allowed = (
                    f"; rounding in the items allows {_money(slack, data.month_seconds)} "
                    f"({_percent(verdict.tolerance)}), not a blanket {loose:.0%}"
                )
            yield Problem(
                ("cost", "total"),
                f"cost total {cost.total} is not the sum of the items: {parts} = "
                f"{_money(summary.total, data.month_seconds)}{allowed}",
                hint="update the total, or add the missing line items",
                at_key=False,
            )
    if cost.per_user is not None and summary.per_user is not None:
        stated = stated_monthly(cost.per_user, data.month_seconds)
        if stated is None or not compatible(stated.dims, summary.per_user.dims):
            return
        verdict = compare(cost.per_user, summary.per_user, data.month_seconds, options, stated=stated)
        if not verdict.agrees:
            total = cost.total or _money(summary.total, data.month_seconds)
            yield Problem(
                ("cost", "perUser"),
                f"cost per user {cost.per_user} is not {total} / {cost.users} = "
                f"{format_measure(summary.per_user, month_seconds=data.month_seconds)}",
                hint=slip_hint(verdict.ratio, summary.per_user.dims) or "recompute it from the total",
                at_key=False,
            )
