"""The site's inputs: design files found, each checked by the engine, and the rules they ran with."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from designlint.engine.runner import FileResult
from designlint.findings import Finding, Severity
from designlint.rulepacks.registry import CompiledRule, RuleSet
from designlint.site.layout import DESIGNS_SECTION

PROGRESS_EVERY = 25


@dataclass
class DesignEntry:
    """One design file as the site shows it."""

    source: Path
    """The YAML file."""
    display: str
    """Its path relative to the site's root folder, as findings and the edit link name it."""
    page: str
    """The generated page's path in the docs tree, e.g. ``designs/newsfeed.md``."""
    result: FileResult
    rules: list[CompiledRule] = field(default_factory=list)
    """The rules enabled for this file (its configuration may select or ignore some)."""

    @property
    def design(self):
        return self.result.design

    @property
    def slug(self) -> str:
        return self.page[len(DESIGNS_SECTION) + 1 : -len(".md")]

    @property
    def name(self) -> str:
        return self.design.metadata.name if self.design is not None else Path(self.display).stem

    @property
    def title(self) -> str:
        if self.design is not None and self.design.metadata.title:
            return self.design.metadata.title
        return self.name

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.result.findings if finding.severity == severity)

    @property
    def findings(self) -> list[Finding]:
        return self.result.findings


@dataclass
class SiteInputs:
    designs: list[DesignEntry]
    ruleset: RuleSet


def _slug(part: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", part.lower()).strip("-") or "design"


def _page_for(path: Path, base: Path, taken: set[str]) -> str:
    relative = path.relative_to(base) if path != base and path.is_relative_to(base) else Path(path.name)
    parts = [_slug(part) for part in relative.with_suffix("").parts]
    candidate = "/".join(parts)
    unique, n = candidate, 1
    while unique in taken:
        n += 1
        unique = f"{candidate}-{n}"
    taken.add(unique)
    return f"{DESIGNS_SECTION}/{unique}.md"


def _display(path: Path, root: Path) -> str:
    resolved = path.resolve()
    return resolved.relative_to(root).as_posix() if resolved.is_relative_to(root) else resolved.as_posix()


def collect(
    sources: list[Path], root: Path, progress: Callable[[int, int], None] | None = None
) -> SiteInputs:
    """Find the designs under ``sources`` (files or folders) and check each with its configuration.

    Raises :class:`designlint.errors.UsageError` for a missing source; a design that cannot be
    read or validated still gets a page (showing why), so one broken file never hides the others.
    """
    from designlint.engine.discovery import discover
    from designlint.engine.session import CheckSession

    root = root.resolve()
    found: list[tuple[Path, Path]] = []
    seen: set[Path] = set()
    for source in sources:
        base = source.resolve()
        for path, _ in discover([str(source)]):
            if path.resolve() not in seen:
                seen.add(path.resolve())
                found.append((path, base if base.is_dir() else base.parent))
    session = CheckSession()
    taken = {"index"}  # the section's own index page
    designs: list[DesignEntry] = []
    for number, (path, base) in enumerate(found, 1):
        display = _display(path, root)
        engine = session.engine_for(path)
        entry = DesignEntry(
            source=path.resolve(),
            display=display,
            page=_page_for(path.resolve(), base, taken),
            result=engine.check_path(path, display),
            rules=[rule for rule in engine.ruleset if engine.config.enabled(rule, display)],
        )
        designs.append(entry)
        if progress is not None and (number % PROGRESS_EVERY == 0 or number == len(found)):
            progress(number, len(found))
    return SiteInputs(designs=designs, ruleset=_merged_rules(session, found))


def _merged_rules(session, found: list[tuple[Path, Path]]) -> RuleSet:
    """Every rule some design ran with (configurations may add packs); the built-in ones otherwise."""
    if not found:
        from designlint.rulepacks.registry import load_ruleset

        return load_ruleset()
    merged = RuleSet()
    for path, _ in found:
        for rule in session.engine_for(path).ruleset:
            merged.rules.setdefault(rule.code, rule)
    return merged
