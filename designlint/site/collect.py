"""The site's inputs: design files found, each checked by the engine, and the rules they ran with."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

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
    metadata: Any = None
    """The validated design's ``metadata`` (``None`` when the design is not valid); kept when the
    design itself is let go (:meth:`summary`)."""
    owners: tuple[str, ...] = ()
    """The teams owning the design, read from what validated even when not everything did."""

    def __post_init__(self) -> None:
        design: Any = self.result.design
        if self.metadata is None and design is not None:
            self.metadata = design.metadata
        partial: Any = self.result.partial_design
        if not self.owners and partial is not None:
            self.owners = tuple(partial.metadata.owners)

    @property
    def design(self):
        """The validated design; ``None`` when it is not valid, or in a :meth:`summary`."""
        return self.result.design

    def summary(self) -> DesignEntry:
        """What the site-wide pages read (findings, metadata, the organisation index), without the
        design model, its source text or its rules: small enough to send between processes."""
        return DesignEntry(
            self.source, self.display, self.page, self.result.compact(), [], self.metadata, self.owners
        )

    @property
    def slug(self) -> str:
        return self.page[len(DESIGNS_SECTION) + 1 : -len(".md")]

    @property
    def name(self) -> str:
        return self.metadata.name if self.metadata is not None else Path(self.display).stem

    @property
    def title(self) -> str:
        if self.metadata is not None and self.metadata.title:
            return self.metadata.title
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


class FoundDesign(NamedTuple):
    """A design file the site publishes, and where."""

    path: Path
    display: str
    page: str


def find_designs(sources: list[Path], root: Path) -> list[FoundDesign]:
    """The design files under ``sources`` (files or folders), each once, with its page.

    Raises :class:`designlint.errors.UsageError` for a missing source.
    """
    from designlint.engine.discovery import discover

    root = root.resolve()
    found: list[FoundDesign] = []
    seen: set[Path] = set()
    taken = {"index"}  # the section's own index page
    for source in sources:
        base = source.resolve()
        for path, _ in discover([str(source)]):
            resolved = path.resolve()
            if resolved not in seen:
                seen.add(resolved)
                page = _page_for(resolved, base if base.is_dir() else base.parent, taken)
                found.append(FoundDesign(path, _display(path, root), page))
    return found


def check_design(session, found: FoundDesign) -> DesignEntry:
    """One design checked with its configuration (a design that cannot be read or validated still
    gets an entry, showing why)."""
    engine = session.engine_for(found.path)
    return DesignEntry(
        source=found.path.resolve(),
        display=found.display,
        page=found.page,
        result=engine.check_path(found.path, found.display),
        rules=[rule for rule in engine.ruleset if engine.config.enabled(rule, found.display)],
    )


def collect(
    sources: list[Path], root: Path, progress: Callable[[int, int], None] | None = None
) -> SiteInputs:
    """Find the designs under ``sources`` (files or folders) and check each with its configuration.

    Raises :class:`designlint.errors.UsageError` for a missing source; a design that cannot be
    read or validated still gets a page (showing why), so one broken file never hides the others.
    """
    from designlint.engine.session import CheckSession

    found = find_designs(sources, root)
    session = CheckSession()
    designs: list[DesignEntry] = []
    for number, design in enumerate(found, 1):
        designs.append(check_design(session, design))
        if progress is not None and (number % PROGRESS_EVERY == 0 or number == len(found)):
            progress(number, len(found))
    return SiteInputs(designs=designs, ruleset=merged_rules(session, found))


def merged_rules(session, found: list[FoundDesign]) -> RuleSet:
    """Every rule some design ran with (configurations may add packs); the built-in ones otherwise."""
    if not found:
        from designlint.rulepacks.registry import load_ruleset

        return load_ruleset()
    merged = RuleSet()
    for design in found:
        for rule in session.engine_for(design.path).ruleset:
            merged.rules.setdefault(rule.code, rule)
    return merged
