"""Cost: line items recomputed (quantity x unit price, hourly prices over the design's month), totals, cost per user."""

from __future__ import annotations

from dataclasses import dataclass, field

from designlint.analysis.issues import UNIT, UNKNOWN_NAME, UNREADABLE_UNIT, Issue
from designlint.units import DimensionError, Measure, UnitError, from_quantity
from designlint.units.definitions import resolve_word
from designlint.units.measure import physical

CURRENCIES = ("USD", "EUR", "GBP")


@dataclass
class CostLine:
    index: int
    item: object
    quantity: Measure | None = None
    reference: Measure | None = None  # the scale quantity named by quantityRef
    replicas: int = 1  # copies of stored data the component keeps
    unit_price: Measure | None = None
    computed: Measure | None = None  # monthly, from quantity x unit price
    stated: Measure | None = None  # the stated monthly figure
    approximate: bool = False  # the monthly figure is marked ~, or is computed from a number that is

    @property
    def monthly(self) -> Measure | None:
        return self.stated if self.stated is not None else self.computed


@dataclass
class CostSummary:
    lines: list[CostLine] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    total: Measure | None = None  # sum of the items' monthly figures, when every item has one
    users: Measure | None = None
    per_user: Measure | None = None  # total / users


def per_month(value: Measure, month_seconds: float) -> Measure:
    """A bare amount (``$350``) on a monthly field is per month."""
    dims = physical(value.dims)
    if len(dims) == 1 and dims[0][0] in CURRENCIES and dims[0][1] == 1:
        return value / Measure(month_seconds, (("second", 1),), (("month", 1),))
    return value


def _shown_per_month(value: Measure) -> Measure:
    """A monthly amount computed from an hourly price is still shown per month."""
    currency = next(base for base, _ in value.dims if base in CURRENCIES)
    counts = tuple(item for item in value.display if item[0] != currency and resolve_word(item[0]).count)
    return Measure(value.value, value.dims, tuple(sorted(((currency, 1), ("month", -1), *counts))))


def stated_monthly(quantity, month_seconds: float, currency: str | None = None) -> Measure | None:
    """A stated monthly figure as a per-month amount (``$350`` on a monthly field is per month).

    With ``currency``, a plain number (``6300``) is an amount in it: the field says it is money.
    """
    if quantity is None:
        return None
    try:
        value = from_quantity(quantity, month_seconds)
    except UnitError:
        return None
    if currency is not None:
        value = in_currency(value, currency)
    return per_month(value, month_seconds)


def in_currency(value: Measure, currency: str) -> Measure:
    """A plain number on a money field (``unitPrice: 1800``) as an amount in the cost's currency."""
    if value.dims:
        return value
    return Measure(value.value, ((currency, 1),), ((currency, 1),))


def monthly_unit(value: Measure) -> str:
    """``USD/month`` (or the value's own currency): the unit monthly figures are shown in."""
    currency = next((base for base, _ in value.dims if base in CURRENCIES), "USD")
    return f"{currency}/month"


def is_monthly_money(value: Measure) -> bool:
    dims = physical(value.dims)
    return len(dims) == 2 and dims[0][0] in CURRENCIES and dims[0][1] == 1 and dims[1] == ("second", -1)


def cost_summary(numbers) -> CostSummary:
    design, month = numbers.design, numbers.month_seconds
    summary = CostSummary()
    cost = design.cost
    if cost is None:
        return summary
    derivations = numbers.derivations
    components = {c.id: c for c in design.architecture.components} if design.architecture else {}
    for index, item in enumerate(cost.items):
        line = CostLine(index, item)
        summary.lines.append(line)
        where = ("cost", "items", index)
        line.quantity = _read(item.quantity, month, (*where, "quantity"), summary.issues)
        if item.quantity_ref:
            line.reference = derivations.value(item.quantity_ref)
            if item.quantity_ref not in derivations.by_name:
                summary.issues.append(
                    Issue(
                        UNKNOWN_NAME,
                        (*where, "quantityRef"),
                        f"cost item '{item.name}' refers to '{item.quantity_ref}', which no quantity defines",
                        hint=derivations.did_you_mean(item.quantity_ref),
                    )
                )
        component = components.get(item.component) if item.component else None
        if component is not None and component.replicas and component.replicas > 1:
            line.replicas = component.replicas
        line.unit_price = _read(item.unit_price, month, (*where, "unitPrice"), summary.issues)
        if line.unit_price is not None:
            line.unit_price = in_currency(line.unit_price, cost.currency)
        stated = _read(item.monthly, month, (*where, "monthly"), summary.issues)
        if stated is not None:
            stated = in_currency(stated, cost.currency)
        line.stated = per_month(stated, month) if stated is not None else None
        line.approximate = _approximate(item, derivations)
        unreadable_amount = item.quantity is not None and line.quantity is None
        if line.unit_price is not None and not unreadable_amount:
            amount = line.quantity or line.reference or Measure(1.0)
            if (
                line.quantity is None
                and line.reference is not None
                and line.replicas > 1
                and _is_data(line.reference)
            ):
                amount = line.reference * Measure(float(line.replicas))
            computed = per_month(amount * line.unit_price, month)
            if is_monthly_money(computed):
                line.computed = _shown_per_month(computed)
            else:
                summary.issues.append(
                    Issue(
                        UNIT,
                        (*where, "unitPrice"),
                        f"cost item '{item.name}': quantity x unit price is not a monthly amount",
                        hint="price per unit of the quantity and per time, e.g. $0.48/node/hour",
                    )
                )
    _totals(summary, cost, derivations, month)
    return summary


def _approximate(item, derivations) -> bool:
    if item.monthly is not None:
        return bool(item.monthly.approximate)
    referenced = derivations.by_name.get(item.quantity_ref) if item.quantity_ref else None
    inputs = (item.quantity, item.unit_price, referenced.stated if referenced is not None else None)
    return any(quantity is not None and quantity.approximate for quantity in inputs)


def total_tolerance(summary: CostSummary, exact: float, approximate: float) -> float | None:
    """How far an approximate total may stray: each item's own tolerance, added up, over the sum.

    ``~$1,135/month`` over items of which only ~$230 is approximate may be off by 10% of $230 plus
    1% of the exact $905, about $32 (2.8%), not by a blanket 10% ($113).
    """
    if summary.total is None or summary.total.value == 0:
        return None
    allowed = 0.0
    for line in summary.lines:
        if line.monthly is None:
            return None
        allowed += abs(line.monthly.value) * (approximate if line.approximate else exact)
    return allowed / abs(summary.total.value)


def _is_data(value: Measure) -> bool:
    return any(base in ("byte", "bit") for base, _ in value.dims)


def _read(quantity, month: float, path: tuple, issues: list[Issue]) -> Measure | None:
    if quantity is None:
        return None
    try:
        return from_quantity(quantity, month)
    except UnitError as error:
        issues.append(Issue(UNREADABLE_UNIT, path, str(error)))
        return None


def _totals(summary: CostSummary, cost, derivations, month: float) -> None:
    monthly = [line.monthly for line in summary.lines]
    amounts = [value for value in monthly if value is not None]
    if monthly and len(amounts) == len(monthly):
        total = amounts[0]
        try:
            for value in amounts[1:]:
                total = total + value
        except DimensionError as error:
            summary.issues.append(
                Issue(
                    UNIT,
                    ("cost", "items"),
                    f"cost items do not add up: {error}",
                    hint="price every item in the same currency",
                )
            )
        else:
            summary.total = total
    if cost.users:
        summary.users = derivations.value(cost.users)
        if cost.users not in derivations.by_name:
            summary.issues.append(
                Issue(
                    UNKNOWN_NAME,
                    ("cost", "users"),
                    f"cost.users refers to '{cost.users}', which no quantity defines",
                    hint=derivations.did_you_mean(cost.users),
                )
            )
    for key, quantity in (("total", cost.total), ("perUser", cost.per_user)):
        _read(quantity, month, ("cost", key), summary.issues)
    base = summary.total
    if base is None:
        base = stated_monthly(cost.total, month, cost.currency)
    if base is not None and summary.users is not None and summary.users.value > 0:
        summary.per_user = base / summary.users
