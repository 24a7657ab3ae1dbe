"""Every derived number of a design with its arithmetic, as plain data: what ``designlint calc`` prints.

Statuses compare with the stated figure at the default tolerances (1% exact, 10% with ``~``).
"""

from __future__ import annotations

from designlint.analysis.compare import compare
from designlint.analysis.context import numbers
from designlint.analysis.cost import monthly_unit, stated_monthly
from designlint.units.display import format_measure, format_number

OK, DIFFERS, UNITS, NOT_STATED = "ok", "differs", "unit mismatch", "not stated"


def _status(stated, value, month: float, stated_value=None) -> str:
    if value is None:
        return "cannot compute"
    if stated is None:
        return NOT_STATED
    try:
        verdict = compare(stated, value, month, stated=stated_value)
    except ValueError:
        return "unreadable"
    if not verdict.comparable:
        return UNITS
    return OK if verdict.agrees else DIFFERS


def _show(value, month: float, unit: str | None = None) -> str | None:
    return format_measure(value, unit, month_seconds=month) if value is not None else None


def _text(quantity) -> str | None:
    return quantity.text if quantity is not None else None


def calculation(design) -> dict:
    data = numbers(design)
    month = data.month_seconds
    declared = design.cost is not None and design.cost.hours_per_month is not None
    return {
        "month": f"{format_number(month / 3600)} h" + (" (cost.hoursPerMonth)" if declared else " (default)"),
        "quantities": _quantities(data, month),
        "errorBudgets": _budgets(data, month),
        "availability": _availability(data),
        "paths": _paths(data, month),
        "capacity": _capacity(data),
        "cost": _cost(design, data, month),
        "blastRadius": _blast(data),
        "issues": [{"path": list(issue.path), "message": issue.message} for issue in _issues(data)],
    }


def _issues(data) -> list:
    return [
        *data.derivations.issues,
        *data.budgets[1],
        *data.latency[1],
        *data.capacity[1],
        *data.cost.issues,
    ]


def _quantities(data, month: float) -> list[dict]:
    rows = []
    for item in data.derivations.items:
        if item.formula is None:
            continue
        rows.append(
            {
                "name": item.name,
                "formula": item.formula,
                "value": _show(item.value, month),
                "stated": _text(item.stated),
                "status": _status(item.stated, item.value, month, item.stated_value),
            }
        )
    return rows


def _budgets(data, month: float) -> list[dict]:
    budgets, _ = data.budgets
    rows = []
    for budget in budgets:
        computed = budget.computed
        window = f" over {budget.slo.window}" if budget.time is not None and computed is budget.time else ""
        rows.append(
            {
                "slo": budget.slo.id,
                "formula": f"(100% - {budget.slo.objective}){window}",
                "value": _show(computed, month),
                "stated": _text(budget.slo.error_budget),
                "status": _status(budget.slo.error_budget, computed, month),
            }
        )
    return rows


def _percent(fraction: float) -> str:
    return format_number(fraction * 100, significant=6, suffixes=False) + "%"


def _availability(data) -> list[dict]:
    rows = []
    for ceiling in data.availability:
        rows.append(
            {
                "component": ceiling.component,
                "formula": " x ".join(f"{name} {_percent(value)}" for name, value in ceiling.factors)
                + (f", in {ceiling.regions} active regions" if ceiling.regions > 1 else ""),
                "ceiling": _percent(ceiling.ceiling),
                "objective": _percent(ceiling.objective),
                "downtimePerWindow": f"{format_number((1 - ceiling.ceiling) * ceiling.window_seconds / 60)} min",
                "budgetPerWindow": f"{format_number((1 - ceiling.objective) * ceiling.window_seconds / 60)} min",
                "status": OK if ceiling.ceiling >= ceiling.objective - 1e-12 else "below objective",
            }
        )
    return rows


def _paths(data, month: float) -> list[dict]:
    paths, _ = data.latency
    rows = []
    for result in paths:
        target = result.target
        unit = (target.target.unit if target is not None else None) or "ms"
        over = (
            result.total is not None
            and result.target_value is not None
            and result.total.value > result.target_value.value * (1 + 1e-9)
        )
        rows.append(
            {
                "path": result.path.id,
                "formula": " + ".join(result.terms),
                "value": _show(result.total, month, unit) if result.total is not None else None,
                "stated": _text(result.path.total),
                "target": f"{target.operation} {target.target}"
                + (f" {target.percentile}" if target.percentile else "")
                if target is not None
                else None,
                "status": "over target"
                if over
                else _status(result.path.total, result.total, month)
                if result.path.total is not None
                else (OK if result.total is not None else "cannot compute"),
            }
        )
    return rows


def _capacity(data) -> list[dict]:
    plans, _ = data.capacity
    rows = []
    for plan in plans:
        low, high = plan.band
        utilisation = plan.utilisation
        status = OK
        if utilisation is not None and utilisation > high + 1e-9:
            status = "above target"
        elif plan.declared is not None and plan.declared > plan.nodes_for(low):
            status = "surplus"
        elif plan.declared is None:
            status = "nodes not stated"
        rows.append(
            {
                "component": plan.component.id,
                "formula": f"ceil({format_measure(plan.load)}{f' x {plan.copies} replicas' if plan.copies > 1 else ''}"
                f" / ({plan.component.capacity.per_node} x {_percent(high)}))",
                "nodesNeeded": plan.needed,
                "nodesDeclared": plan.declared,
                "utilisation": format_number(utilisation * 100, suffixes=False) + "%"
                if utilisation is not None
                else None,
                "status": status,
            }
        )
    return rows


def _cost(design, data, month: float) -> dict:
    summary = data.cost
    cost = design.cost
    items = []
    for line in summary.lines:
        amount = _text(line.item.quantity) or line.item.quantity_ref or "1"
        items.append(
            {
                "name": line.item.name,
                "formula": f"{amount} x {line.item.unit_price}" if line.item.unit_price is not None else None,
                "value": _show(line.computed, month, monthly_unit(line.computed))
                if line.computed is not None
                else None,
                "stated": _text(line.item.monthly),
                "status": _status(line.item.monthly, line.computed, month, line.stated)
                if line.computed is not None
                else (NOT_STATED if line.item.monthly is None else OK),
            }
        )
    total = summary.total
    stated_total = stated_monthly(cost.total, month) if cost is not None else None
    stated_per_user = stated_monthly(cost.per_user, month) if cost is not None else None
    return {
        "items": items,
        "total": _show(total, month, monthly_unit(total)) if total is not None else None,
        "statedTotal": _text(cost.total) if cost is not None else None,
        "totalStatus": _status(cost.total, total, month, stated_total) if cost is not None else NOT_STATED,
        "perUser": _show(summary.per_user, month),
        "statedPerUser": _text(cost.per_user) if cost is not None else None,
        "perUserStatus": _status(cost.per_user, summary.per_user, month, stated_per_user)
        if cost is not None
        else NOT_STATED,
    }


def _blast(data) -> list[dict]:
    rows = []
    for component, impact in data.failure_impacts.items():
        if impact.lost_paths or impact.degraded_paths:
            rows.append(
                {
                    "component": component,
                    "loses": sorted(impact.lost_paths),
                    "degrades": sorted(impact.degraded_paths),
                }
            )
    return rows
