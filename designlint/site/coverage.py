"""Checklist coverage: for each dimension A-J, what each of a design's rules did on it.

Built from the engine's per-rule outcomes, never guessed from the findings: a rule passes only
when it checked something and found nothing. A rule whose subject is absent (no SLOs for an SLO
rule) had nothing to check and is not applicable, not passed; a rule that did not run (disabled,
or its section did not validate) is neither.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from designlint.findings import Outcome
from designlint.rulepacks.model import DIMENSIONS
from designlint.site.collect import DesignEntry


@dataclass
class DimensionCoverage:
    letter: str
    title: str
    passed: list[str] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)
    """Rules whose only findings here are suppressed with a reason: accepted gaps."""
    not_applicable: list[str] = field(default_factory=list)
    """Rules with nothing to check in this design (vacuous)."""
    not_run: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Rules that checked something here."""
        return len(self.passed) + len(self.fired) + len(self.suppressed)

    @property
    def clean(self) -> bool:
        return not self.fired


@dataclass
class Coverage:
    dimensions: list[DimensionCoverage]

    def _codes(self, bucket: str) -> set[str]:
        return {code for d in self.dimensions for code in getattr(d, bucket)}

    @property
    def rules_total(self) -> int:
        """Checklist rules that checked something in this design."""
        return len(self._codes("passed") | self._codes("fired") | self._codes("suppressed"))

    @property
    def rules_passed(self) -> int:
        return len(self._codes("passed"))

    @property
    def rules_fired(self) -> int:
        return len(self._codes("fired"))

    @property
    def rules_suppressed(self) -> int:
        return len(self._codes("suppressed"))

    @property
    def rules_not_applicable(self) -> int:
        return len(self._codes("not_applicable"))

    @property
    def rules_not_run(self) -> int:
        return len(self._codes("not_run"))

    @property
    def suppressed_note(self) -> str:
        n = self.rules_suppressed
        return f", {n} accepted with a reason" if n else ""

    @property
    def percent(self) -> int:
        """The share of the rules that checked something which passed; 0 when none did."""
        return round(100 * self.rules_passed / self.rules_total) if self.rules_total else 0

    @property
    def clean_dimensions(self) -> list[str]:
        return [d.letter for d in self.dimensions if d.total and d.clean]

    @property
    def assessed_dimensions(self) -> list[str]:
        """Dimensions where at least one rule checked something."""
        return [d.letter for d in self.dimensions if d.total]


_BUCKETS = {
    Outcome.PASSED: "passed",
    Outcome.FOUND: "fired",
    Outcome.ACCEPTED: "suppressed",
    Outcome.VACUOUS: "not_applicable",
    Outcome.NOT_RUN: "not_run",
}


def coverage(entry: DesignEntry) -> Coverage | None:
    """``None`` when no rule ran on the file (it did not load or validate at all)."""
    outcomes = entry.result.outcomes
    if not outcomes:
        return None
    dimensions = []
    for letter, title in DIMENSIONS.items():
        row = DimensionCoverage(letter, title)
        for rule in entry.rules:
            if letter in rule.rule.dimensions:
                getattr(row, _BUCKETS[outcomes.get(rule.code, Outcome.NOT_RUN)]).append(rule.code)
        dimensions.append(row)
    return Coverage(dimensions)
