"""What a review diff is made of: changes in review terms, and the findings that came and went."""

from __future__ import annotations

from dataclasses import dataclass, field

# Areas, in the order a reviewer reads them.
TARGETS = "Reliability and latency targets"
RECOVERY = "Disaster recovery"
COST = "Cost"
ARCHITECTURE = "Components and dependencies"
MIGRATIONS = "Migrations"
DOWNSTREAM = "Designs that depend on this one"
AREAS = (TARGETS, RECOVERY, COST, ARCHITECTURE, MIGRATIONS, DOWNSTREAM)


@dataclass(frozen=True)
class Change:
    area: str
    subject: str
    """What changed, in words: ``SLO 'feed-availability' objective``."""
    verdict: str
    """tightened, loosened, raised, lowered, increased, decreased, added, removed, changed, ..."""
    before: str | None = None
    after: str | None = None
    detail: str | None = None
    """A computed figure such as ``+18%``."""
    concern: bool = False
    """Whether a reviewer should look before approving (a loosened target, a lost rollback, ...)."""


@dataclass(frozen=True)
class FindingChange:
    code: str
    name: str
    severity: str
    message: str
    path: str
    line: int


@dataclass
class DesignDiff:
    file: str
    """The design as it is now (or was, when it was deleted)."""
    status: str = "modified"  # modified, added, removed
    changes: list[Change] = field(default_factory=list)
    introduced: list[FindingChange] = field(default_factory=list)
    fixed: list[FindingChange] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    """Why parts could not be compared (a version that does not validate, say)."""

    @property
    def concerns(self) -> list[Change]:
        return [change for change in self.changes if change.concern]

    def by_area(self) -> list[tuple[str, list[Change]]]:
        return [
            (area, [c for c in self.changes if c.area == area])
            for area in AREAS
            if any(c.area == area for c in self.changes)
        ]
