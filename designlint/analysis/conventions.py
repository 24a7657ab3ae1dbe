"""Which month a design's numbers assume: 730 hours (cost convention) or 30 days (SLO windows).

The two differ by 1.4%, enough to put an error budget or a monthly bill off. A design may use
both as long as it says so: ``cost.hoursPerMonth`` declares the month that ``month`` means.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from designlint.formula import FormulaError, parse
from designlint.units import UnitError, from_quantity, resolve_unit
from designlint.units.measure import DEFAULT_MONTH_SECONDS

DAY = 86400.0
_MONTH_WORD = re.compile(r"(?<![A-Za-z0-9_])(?:months?|mo|mth)(?![A-Za-z0-9_])")


class MonthUse(NamedTuple):
    path: tuple
    what: str
    seconds: float  # the month length this use assumes
    explicit: bool  # written out (30 days, 730 h/month) rather than the default meaning of "month"


def _describe(seconds: float) -> str:
    days = seconds / DAY
    return f"{days:g} days" if abs(days - round(days)) < 1e-9 else f"{seconds / 3600:g} h"


def month_uses(design, month_seconds: float) -> list[MonthUse]:
    uses: list[MonthUse] = []
    declared = design.cost is not None and design.cost.hours_per_month is not None
    for index, slo in enumerate(design.slos):
        if slo.window is None:
            continue
        try:
            window = from_quantity(slo.window, month_seconds)
        except UnitError:
            continue
        if window.dims != (("second", 1),):
            continue
        if any(symbol == "month" for symbol, _ in window.display):
            uses.append(
                MonthUse(
                    ("slos", index, "window"),
                    f"SLO '{slo.id}' window of {slo.window}",
                    month_seconds,
                    declared,
                )
            )
        elif 28 * DAY <= window.value <= 31 * DAY:
            uses.append(
                MonthUse(
                    ("slos", index, "window"), f"SLO '{slo.id}' window of {slo.window}", window.value, True
                )
            )
    if design.cost is not None:
        for index, item in enumerate(design.cost.items):
            price = item.unit_price
            if price is None:
                continue
            try:
                info = resolve_unit(price.unit, month_seconds)
            except UnitError:
                continue
            symbols = {symbol for symbol, _ in info.display}
            if ("second", -1) in info.dims and "month" not in symbols:
                uses.append(
                    MonthUse(
                        ("cost", "items", index, "unitPrice"),
                        f"cost item '{item.name}' priced per {_time_word(symbols)} and totalled per month",
                        month_seconds,
                        declared,
                    )
                )
    if design.scale is not None:
        for index, quantity in enumerate(design.scale.quantities):
            if quantity.formula:
                uses.extend(
                    _formula_months(
                        quantity.formula,
                        ("scale", "quantities", index, "formula"),
                        f"formula of '{quantity.name}'",
                    )
                )
    return uses


def _time_word(symbols: set[str]) -> str:
    return next((s for s in ("h", "day", "s", "min", "week", "year") if s in symbols), "hour")


def _formula_months(formula: str, path: tuple, what: str) -> list[MonthUse]:
    """Literal conversions such as ``30 day/month`` or ``730 h/month`` state a month length."""
    if not _MONTH_WORD.search(formula):
        return []
    try:
        tree = parse(formula)
    except FormulaError:
        return []
    found, stack = [], [tree]
    while stack:
        node = stack.pop()
        if node[0] == "num" and node[3]:
            info = resolve_unit(node[3]) if _readable(node[3]) else None
            if info is not None and not info.dims and ("month", -1) in info.display:
                seconds = node[2] * info.factor * DEFAULT_MONTH_SECONDS
                found.append(
                    MonthUse(
                        path,
                        f"{what} ({node[3].split('/')[0]} per month: {_describe(seconds)})",
                        seconds,
                        True,
                    )
                )
        elif node[0] == "neg":
            stack.append(node[2])
        elif node[0] == "bin":
            stack.extend((node[3], node[4]))
        elif node[0] == "call":
            stack.extend(node[3])
    return found


def _readable(unit: str) -> bool:
    try:
        resolve_unit(unit)
    except UnitError:
        return False
    return True


class Mixture(NamedTuple):
    path: tuple
    message: str
    hint: str


def mixed_months(design, month_seconds: float, uses: list[MonthUse] | None = None) -> list[Mixture]:
    """Report months of different lengths used together without the design saying which it means
    (``uses``: the design's :func:`month_uses`, when already found)."""
    if uses is None:
        uses = month_uses(design, month_seconds)
    declared = design.cost is not None and design.cost.hours_per_month is not None
    found: list[Mixture] = []
    if declared:
        # Explicit conversions that contradict the declared month.
        for use in uses:
            if use.path[0] == "scale" and abs(use.seconds - month_seconds) > 3600:
                found.append(
                    Mixture(
                        use.path,
                        f"{use.what} contradicts cost.hoursPerMonth ({_describe(month_seconds)})",
                        "use the declared month, or write the conversion with the unit month",
                    )
                )
        return found
    lengths = {round(use.seconds / 3600) for use in uses}
    if len(lengths) > 1:
        first = uses[0]
        others = "; ".join(f"{use.what} assumes {_describe(use.seconds)}" for use in uses)
        target = next((use for use in uses if not use.explicit), first)
        found.append(
            Mixture(
                target.path,
                f"months of different lengths are mixed: {others}",
                "declare cost.hoursPerMonth (730 h or 720 h) and write SLO windows in days",
            )
        )
    return found
