"""Reporters turn findings into text for people and formats for machines. They never decide exit codes."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from designlint.engine.runner import FileResult
from designlint.findings import Finding, Severity

if TYPE_CHECKING:
    from designlint.engine.result_store import Tally


@dataclass
class Totals:
    """What summary lines count, counted as results pass by (so no report needs them all at once)."""

    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    suppressed: int = 0
    internal_error: bool = False

    @classmethod
    def of(cls, results: Iterable[FileResult]) -> Totals:
        totals = cls()
        for result in results:
            totals.add(result)
        return totals

    def add(self, result: FileResult) -> None:
        from designlint.engine.result_store import Tally

        self.add_tally(Tally.of(result))

    def add_tally(self, tally: Tally) -> None:
        """Count a result from its tally (a packed result need not be read to be counted)."""
        self.files += 1
        self.errors += tally.errors
        self.warnings += tally.warnings
        self.infos += tally.infos
        self.suppressed += tally.suppressed
        self.internal_error = self.internal_error or tally.internal_error

    @property
    def findings(self) -> int:
        return self.errors + self.warnings + self.infos

    def by_severity(self) -> dict[str, int]:
        return {"error": self.errors, "warning": self.warnings, "info": self.infos}


@dataclass(frozen=True)
class Report:
    # In input order; ``check`` passes a ResultStore, which unpacks each result as it is read.
    results: Sequence[FileResult]
    # A RuleSet holding every rule any checked file ran with (merged by code), for rule metadata.
    ruleset: object
    color: bool = False
    show_source: bool = True
    version: str = ""
    # Display file name -> codes of the rules enabled for that file (JUnit lists each as a test case).
    enabled: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Findings hidden because a baseline already records them.
    baselined: int = 0
    # Findings only: no summary line (check --quiet).
    quiet: bool = False
    # Display file name -> the severity at which a finding fails the run (--fail-on or the config);
    # CI reports mark only those as failures so they agree with the exit code.
    fail_on: dict[str, Severity] = field(default_factory=dict)
    # The team's published design site (config `site-url`); rule links point at its rule pages.
    site_url: str | None = None
    # The counts of ``results`` when the caller has them; else they are counted when asked for.
    totals: Totals | None = None

    def fails(self, finding) -> bool:
        threshold = self.fail_on.get(finding.file, Severity.INFO)
        return bool(finding.severity.rank >= threshold.rank)

    @property
    def findings(self):
        return [finding for result in self.results for finding in result.findings]

    def counted(self) -> Totals:
        return self.totals if self.totals is not None else Totals.of(self.results)

    def file_names(self) -> Sequence[str]:
        """The file of each result, in order (a ResultStore knows them without unpacking any)."""
        from designlint.engine.result_store import ResultStore

        if isinstance(self.results, ResultStore):
            return self.results.files
        return [result.file for result in self.results]


def repository_path(file: str) -> str:
    """The file as a relative POSIX path from the working directory (the repository root in CI).

    Files outside it keep their absolute POSIX path.
    """
    path = PurePath(file)
    if path.is_absolute():
        try:
            path = Path(file).resolve().relative_to(Path.cwd().resolve())
        except ValueError:
            return Path(file).as_posix()
    parts = [part for part in path.parts if part != "."]
    return PurePath(*parts).as_posix() if parts else "."


def repository_paths() -> Callable[[str], str]:
    """``repository_path``, worked out once per file for one report (it resolves the file on disk,
    and a report asks again for every finding)."""
    known: dict[str, str] = {}

    def path_of(file: str) -> str:
        path = known.get(file)
        if path is None:
            path = known[file] = repository_path(file)
        return path

    return path_of


def in_path_order(report: Report) -> Iterator[Finding]:
    """Every finding ordered by repository path, then by ``Finding.sort_key`` (as sorting them all
    at once would order them), reading results one file at a time in the order of their paths.

    A result's findings are about its own file, so only files that share a repository path are
    sorted together.
    """
    path_of = repository_paths()
    paths = [path_of(name) for name in report.file_names()]
    order = sorted(range(len(paths)), key=paths.__getitem__)
    start = 0
    while start < len(order):
        end = start + 1
        while end < len(order) and paths[order[end]] == paths[order[start]]:
            end += 1
        group = [finding for number in order[start:end] for finding in report.results[number].findings]
        group.sort(key=lambda f: (path_of(f.file), *f.sort_key()))
        yield from group
        start = end


def printable(text: str) -> str:
    # Text from designs is data: never let it drive a terminal or a log viewer.
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def message_with_hint(finding) -> str:
    return f"{finding.message}\nhint: {finding.hint}" if finding.hint else finding.message


def _text(report: Report) -> str:
    from designlint.reporters.text import render

    return render(report)


def _json(report: Report) -> str:
    from designlint.reporters.json_report import render

    return render(report)


def _sarif(report: Report) -> str:
    from designlint.reporters.sarif import render

    return render(report)


def _github(report: Report) -> str:
    from designlint.reporters.github import render

    return render(report)


def _junit(report: Report) -> str:
    from designlint.reporters.junit import render

    return render(report)


REPORTERS: dict[str, Callable[[Report], str]] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
    "github": _github,
    "junit": _junit,
}
