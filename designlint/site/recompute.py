"""Recomputed numbers for design pages: what ``designlint calc`` computes, looked up by what it belongs to."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from designlint.site.escape import Raw, text

log = logging.getLogger("mkdocs.plugins.designlint")

_AGREES = {"ok"}
_NEUTRAL = {"not stated", "nodes not stated"}


@dataclass
class Numbers:
    """The numbers engine's report on one design, indexed for the page builders."""

    report: dict = field(default_factory=dict)

    def _by(self, section: str, key: str) -> dict[str, dict]:
        return {row[key]: row for row in self.report.get(section, [])}

    @property
    def quantities(self) -> dict[str, dict]:
        return self._by("quantities", "name")

    @property
    def budgets(self) -> dict[str, dict]:
        return self._by("errorBudgets", "slo")

    @property
    def paths(self) -> dict[str, dict]:
        return self._by("paths", "path")

    @property
    def capacity(self) -> dict[str, dict]:
        return self._by("capacity", "component")

    @property
    def availability(self) -> list[dict]:
        return list(self.report.get("availability", []))

    @property
    def blast_radius(self) -> list[dict]:
        return list(self.report.get("blastRadius", []))

    @property
    def cost(self) -> dict:
        return dict(self.report.get("cost") or {})


def verdict(value: str | None, status: str | None) -> Raw:
    """``value`` with a mark saying whether it agrees with the figure the design states."""
    if value is None:
        return text(status) if status and status not in _NEUTRAL else Raw("")
    if status in _AGREES:
        return Raw(f"{text(value)}&nbsp;✓")
    if status in _NEUTRAL or not status:
        return text(value)
    return Raw(f"{text(value)} <strong>({text(status)})</strong>")


def numbers_for(design, name: str) -> Numbers:
    """The numbers engine's calculation, or nothing when it cannot run (the page then shows stated figures only)."""
    try:
        from designlint.analysis.report import calculation
    except ImportError:
        return Numbers()
    try:
        return Numbers(calculation(design))
    except Exception as exc:  # a numbers bug must not cost the page: show the stated figures and say so
        log.info(f"designlint: numbers for '{name}' not recomputed: {type(exc).__name__}: {exc}")
        return Numbers()
