"""Values a design leaves out but its own numbers determine: what ``designlint fix`` writes in.

Only missing values are filled; a stated value that disagrees stays for a person to resolve.
"""

from __future__ import annotations

from dataclasses import dataclass

from designlint.analysis.context import numbers
from designlint.analysis.cost import monthly_unit
from designlint.units.display import format_measure


@dataclass(frozen=True)
class Fill:
    mapping: tuple  # document path of the mapping that gets the key
    key: str  # the YAML key to add
    after: tuple[str, ...]  # insert after the first of these keys present (else at the end)
    text: str  # the value, as quantity text
    why: str  # the arithmetic, for the summary


def fills(design) -> list[Fill]:
    data = numbers(design)
    month = data.month_seconds
    found: list[Fill] = []
    for item in data.derivations.items:
        if item.stated is None and item.value is not None and item.formula is not None:
            text = format_measure(item.value, month_seconds=month)
            found.append(
                Fill(
                    ("scale", "quantities", item.index),
                    "value",
                    ("name",),
                    text,
                    f"{item.name} = {item.formula} = {text}",
                )
            )
    budgets, _ = data.budgets
    for budget in budgets:
        if budget.slo.error_budget is not None or budget.objective is None:
            continue
        value = (
            budget.time if budget.slo.kind == "availability" and budget.time is not None else budget.fraction
        )
        if value is None or (budget.slo.kind == "availability" and budget.time is None):
            continue
        text = format_measure(value, month_seconds=month)
        over = f" over {budget.slo.window}" if value is budget.time else ""
        found.append(
            Fill(
                ("slos", budget.index),
                "errorBudget",
                ("window", "objective"),
                text,
                f"error budget of {budget.slo.id}: (100% - {budget.slo.objective}){over} = {text}",
            )
        )
    found.extend(_cost_fills(design, data, month))
    return found


def _cost_fills(design, data, month: float) -> list[Fill]:
    cost = design.cost
    if cost is None:
        return []
    found: list[Fill] = []
    summary = data.cost
    for line in summary.lines:
        if line.item.monthly is None and line.computed is not None:
            text = format_measure(line.computed, monthly_unit(line.computed), month_seconds=month)
            found.append(
                Fill(
                    ("cost", "items", line.index),
                    "monthly",
                    ("unitPrice", "quantityRef", "quantity"),
                    text,
                    f"{line.item.name}: quantity x unit price = {text}",
                )
            )
    if cost.total is None and summary.total is not None:
        text = format_measure(summary.total, monthly_unit(summary.total), month_seconds=month)
        found.append(Fill(("cost",), "total", ("items",), text, f"cost total: sum of the items = {text}"))
    if cost.per_user is None and summary.per_user is not None:
        text = format_measure(summary.per_user, month_seconds=month)
        found.append(
            Fill(
                ("cost",),
                "perUser",
                ("users", "total", "items"),
                text,
                f"cost per user: total / {cost.users} = {text}",
            )
        )
    return found
