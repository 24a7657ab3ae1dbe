"""Error budgets: what an objective leaves over its window (99.9% over 30 days is 43.2 minutes)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from designlint.analysis.issues import UNIT, UNREADABLE_UNIT, Issue
from designlint.units import Measure, UnitError, from_quantity, measure

if TYPE_CHECKING:
    from designlint.model.reliability import Slo

SECOND = (("second", 1),)


@dataclass
class Budget:
    index: int
    slo: Slo
    objective: float | None = None  # as a fraction of one
    window: Measure | None = None
    fraction: Measure | None = None  # 1 - objective, in percent
    time: Measure | None = None  # fraction x window, in minutes

    @property
    def computed(self) -> Measure | None:
        """The budget in the form the SLO states it (time unless it states a ratio)."""
        stated = self.slo.error_budget
        if stated is not None and self.fraction is not None and not _is_time(stated):
            return self.fraction
        return self.time or self.fraction


def _is_time(quantity) -> bool:
    try:
        return from_quantity(quantity).dims == SECOND
    except UnitError:
        return False


def budget_time(objective: float, window_seconds: float) -> Measure:
    """(1 - objective) x window, shown in minutes."""
    return measure((1 - objective) * window_seconds / 60, "min")


def error_budgets(design, month_seconds: float) -> tuple[list[Budget], list[Issue]]:
    budgets: list[Budget] = []
    issues: list[Issue] = []
    for index, slo in enumerate(design.slos):
        budget = Budget(index, slo)
        budgets.append(budget)
        if slo.error_budget is not None:
            try:
                from_quantity(slo.error_budget, month_seconds)
            except UnitError as error:
                issues.append(
                    Issue(UNREADABLE_UNIT, ("slos", index, "errorBudget"), f"SLO '{slo.id}': {error}")
                )
        try:
            objective = from_quantity(slo.objective, month_seconds)
        except UnitError as error:
            issues.append(Issue(UNREADABLE_UNIT, ("slos", index, "objective"), f"SLO '{slo.id}': {error}"))
            continue
        if objective.dims or not 0 < objective.value <= 1:
            issues.append(
                Issue(
                    UNIT,
                    ("slos", index, "objective"),
                    f"SLO '{slo.id}' objective {slo.objective} is not a share of good events",
                    hint="write the objective as a percentage such as 99.9%",
                )
            )
            continue
        budget.objective = objective.value
        budget.fraction = measure((1 - objective.value) * 100, "%")
        if slo.window is None:
            continue
        try:
            window = from_quantity(slo.window, month_seconds)
        except UnitError as error:
            issues.append(Issue(UNREADABLE_UNIT, ("slos", index, "window"), f"SLO '{slo.id}': {error}"))
            continue
        if window.dims != SECOND:
            issues.append(
                Issue(
                    UNIT,
                    ("slos", index, "window"),
                    f"SLO '{slo.id}' window {slo.window} is not a length of time",
                    hint="write the window as a duration such as 30 d or 4 weeks",
                )
            )
            continue
        budget.window = window
        budget.time = budget_time(objective.value, window.value)
    return budgets, issues
