"""Checklist coverage: for each dimension A-J, which of a design's rules fired and which passed."""

from __future__ import annotations

from dataclasses import dataclass, field

from designlint.rulepacks.model import DIMENSIONS
from designlint.site.collect import DesignEntry


@dataclass
class DimensionCoverage:
    letter: str
    title: str
    passed: list[str] = field(default_factory=list)
    fired: list[str] = field(default_factory=list)
    suppressed: list[str] = field(default_factory=list)
    """Rules whose only findings here are suppressed with a reason."""

    @property
    def total(self) -> int:
        return len(self.passed) + len(self.fired) + len(self.suppressed)

    @property
    def clean(self) -> bool:
        return not self.fired


@dataclass
class Coverage:
    dimensions: list[DimensionCoverage]

    @property
    def rules_total(self) -> int:
        return len({code for d in self.dimensions for code in (*d.passed, *d.fired, *d.suppressed)})

    @property
    def rules_passed(self) -> int:
        fired = {code for d in self.dimensions for code in d.fired}
        return self.rules_total - len(fired)

    @property
    def rules_suppressed(self) -> int:
        fired = {code for d in self.dimensions for code in d.fired}
        return len({code for d in self.dimensions for code in d.suppressed} - fired)

    @property
    def suppressed_note(self) -> str:
        n = self.rules_suppressed
        return f" ({n} of them with accepted suppressions)" if n else ""

    @property
    def percent(self) -> int:
        return round(100 * self.rules_passed / self.rules_total) if self.rules_total else 100

    @property
    def clean_dimensions(self) -> list[str]:
        return [d.letter for d in self.dimensions if d.total and d.clean]

    @property
    def assessed_dimensions(self) -> list[str]:
        return [d.letter for d in self.dimensions if d.total]


def coverage(entry: DesignEntry) -> Coverage | None:
    """``None`` when the design could not be validated, so its rules never ran."""
    if entry.design is None:
        return None
    fired = {finding.code for finding in entry.result.findings}
    suppressed = {finding.code for finding in entry.result.suppressed} - fired
    dimensions = []
    for letter, title in DIMENSIONS.items():
        row = DimensionCoverage(letter, title)
        for rule in entry.rules:
            if letter not in rule.rule.dimensions:
                continue
            bucket = (
                row.fired if rule.code in fired else row.suppressed if rule.code in suppressed else row.passed
            )
            bucket.append(rule.code)
        dimensions.append(row)
    return Coverage(dimensions)
