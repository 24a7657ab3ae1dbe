"""Latency budgets along request paths: sequential steps add up, a parallel group costs its slowest step."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from designlint.analysis.issues import UNIT, UNREADABLE_UNIT, Issue
from designlint.units import Measure, UnitError, from_quantity, measure

SECOND = (("second", 1),)


@dataclass
class PathLatency:
    index: int
    path: object
    total: Measure | None = None
    terms: list[str] = field(default_factory=list)  # "5 ms", "max(50 ms, 50 ms)", for showing the sum
    target: object | None = None  # the nfr.latency entry of the path's operation
    target_value: Measure | None = None


class StepCost(NamedTuple):
    """What one step costs: its duration, how it is shown, and the parallel group it runs in."""

    duration: Measure
    text: str
    group: str | None = None


class PathSum(NamedTuple):
    total: Measure
    terms: list[str]  # "5 ms", "max(50 ms, 50 ms)", for showing the sum


def sum_steps(steps: list[StepCost]) -> PathSum:
    """Sequential steps add up; the steps of a parallel group cost the slowest of them."""
    groups: dict[str, list[tuple[Measure, str]]] = {}
    order: list[tuple[Literal["step"], tuple[Measure, str]] | tuple[Literal["group"], str]] = []
    for step in steps:
        if step.group:
            if step.group not in groups:
                groups[step.group] = []
                order.append(("group", step.group))
            groups[step.group].append((step.duration, step.text))
        else:
            order.append(("step", (step.duration, step.text)))
    return _sum_order(order, groups)


def _sum_order(
    order: list[tuple[Literal["step"], tuple[Measure, str]] | tuple[Literal["group"], str]],
    groups: dict[str, list[tuple[Measure, str]]],
) -> PathSum:
    total = measure(0, "ms")
    terms: list[str] = []
    for entry in order:
        if entry[0] == "step":
            total = total + entry[1][0]
            terms.append(entry[1][1])
        else:
            members = groups[entry[1]]
            total = total + max((m for m, _ in members), key=lambda m: m.value)
            terms.append("max(" + ", ".join(text for _, text in members) + ")")
    return PathSum(total, terms)


def path_latencies(design, month_seconds: float) -> tuple[list[PathLatency], list[Issue]]:
    results: list[PathLatency] = []
    issues: list[Issue] = []
    if design.architecture is None:
        return results, issues
    targets = {t.operation: t for t in design.nfr.latency} if design.nfr else {}
    for index, path in enumerate(design.architecture.paths):
        result = PathLatency(index, path)
        results.append(result)
        groups: dict[str, list[tuple[Measure, str]]] = {}
        # ("step", (measure, text)) or ("group", name)
        order: list[tuple[Literal["step"], tuple[Measure, str]] | tuple[Literal["group"], str]] = []
        readable = True
        for j, step in enumerate(path.steps):
            where = ("architecture", "paths", index, "steps", j, "budget")
            if step.budget is None:
                readable = False  # a step without a budget is reported by its own rule
                continue
            try:
                budget = from_quantity(step.budget, month_seconds)
            except UnitError as error:
                issues.append(Issue(UNREADABLE_UNIT, where, f"step '{step.name}': {error}"))
                readable = False
                continue
            if budget.dims != SECOND:
                issues.append(
                    Issue(
                        UNIT,
                        where,
                        f"step '{step.name}' budget {step.budget} is not a duration",
                        hint="write step budgets as durations such as 50 ms",
                    )
                )
                readable = False
                continue
            if step.parallel_group:
                if step.parallel_group not in groups:
                    groups[step.parallel_group] = []
                    order.append(("group", step.parallel_group))
                groups[step.parallel_group].append((budget, step.budget.text))
            else:
                order.append(("step", (budget, step.budget.text)))
        if readable and order:
            summed = _sum_order(order, groups)
            result.total, result.terms = summed.total, summed.terms
        if path.total is not None:
            try:
                from_quantity(path.total, month_seconds)
            except UnitError as error:
                issues.append(
                    Issue(
                        UNREADABLE_UNIT,
                        ("architecture", "paths", index, "total"),
                        f"path '{path.id}': {error}",
                    )
                )
        target = targets.get(path.operation) if path.operation else None
        if target is not None:
            try:
                value = from_quantity(target.target, month_seconds)
            except UnitError:
                value = None
            if value is not None and value.dims == SECOND:
                result.target, result.target_value = target, value
    return results, issues
