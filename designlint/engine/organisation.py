"""The cross-design pass of ``check``: references resolved across every design of the run.

Each file's check (in whichever worker process) leaves a light :class:`FileIndex` on its result:
the design's index and the position of every reference it makes. After the per-file checks,
:func:`cross_design_findings` resolves the references of the whole run and gives, per file, the
run's organisation findings, stamped under that file's configuration and inline suppressions,
which replace those the per-file check computed as if the file were alone. It edits no result:
``check`` keeps them packed (:mod:`designlint.engine.result_store`) and merges these in as each is
read; :func:`apply_organisation` merges them into results held as objects.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import NamedTuple

from designlint.analysis.organisation import DesignIndex, OrgProblem, index_catalog, index_design, resolve
from designlint.errors import Position
from designlint.findings import Finding

RULE_OF_KIND = {
    "unknown-design": "unknown-design-reference",
    "unknown-element": "unknown-referenced-element",
    "cycle": "cross-design-sync-cycle",
    "assumption": "assumption-beyond-provider-slo",
    "ceiling": "cross-design-availability-ceiling",
    "path-latency": "cross-design-path-latency",
}


@dataclass(frozen=True)
class FileIndex:
    design: DesignIndex
    positions: dict[tuple, Position]  # reference or step-budget path -> where the value is written
    lines: dict[tuple, tuple[int, ...]]  # reference or step-budget path -> the lines a suppression may sit on
    fingerprints: dict[tuple, str]  # reference or step-budget path -> its stable path (for baselines)


def index_document(document, design) -> FileIndex | None:
    """The index a worker leaves on a file's result; None when the design has no name to be referenced by."""
    if design is None or getattr(design, "metadata", None) is None:
        return None
    if getattr(design, "kind", None) == "TeamCatalog":
        return FileIndex(index_catalog(design, document.file), {}, {}, {})
    index = index_design(design, document.file)
    from designlint.findings import stable_path

    positions = {}
    lines: dict[tuple, tuple[int, ...]] = {}
    fingerprints = {}
    paths = [
        *(ref.path for ref in index.references),
        *(budget.path for budget in index.step_budgets),
        *(objective.path for objective in index.objectives),
        *(path.path for path in index.remote_paths),
    ]
    for where in paths:
        positions[where] = document.locate(where)
        lines[where] = (positions[where].line, document.locate(where[:-1]).line)
        fingerprints[where] = stable_path(where, document.data)
    return FileIndex(index, positions, lines, fingerprints)


def load_index(path: Path, display: str) -> FileIndex | None:
    """Index a file whose result came from the cache (which keeps findings, not models)."""
    from designlint.engine.model_validators import model_validator
    from designlint.errors import LoadError
    from designlint.loader import load_path
    from designlint.model import Design
    from designlint.model.validation import validate_design

    try:
        document = load_path(path, display)
    except LoadError:
        return None
    kind = document.data.get("kind") if isinstance(document.data, dict) else None
    if kind not in ("Design", "TeamCatalog"):
        return None
    if kind == "TeamCatalog":
        from designlint.model.catalog import TeamCatalog

        validate = model_validator(TeamCatalog)
        return index_document(document, validate_design(document.data, TeamCatalog, validate).model)
    validation = validate_design(document.data, Design, model_validator(Design))
    return index_document(document, validation.model)


def design_roots(files: list[tuple[Path, str]], engine_for: Callable) -> list[str]:
    """The folders configured as design roots (``design-root``) for the checked files."""
    roots: set[str] = set()
    for path, _ in files:
        config = engine_for(path).config
        roots.update(str(config.root / root) for root in config.model.design_roots())
    return sorted(roots)


def _neighbours(
    files: list[tuple[Path, str]], known: list[DesignIndex], roots: Callable[[], Sequence[str]] = tuple
) -> list[DesignIndex]:
    """Designs beside the checked files, or under a configured design root, that their references
    name but the run does not hold.

    A hook that passes only the changed file still resolves its references against the designs in
    its folder and design roots; those designs are read for their index only, and get no findings.
    """
    from designlint.engine.discovery import discover

    names = {index.name for index in known}
    if all(ref.design in names for index in known for ref in index.references):
        return []
    from designlint.fileio import resolved

    checked = {resolved(path) for path, _ in files}
    folders = sorted(
        {str(path.parent) for path, _ in files} | {root for root in roots() if Path(root).is_dir()}
    )
    found = []
    for path, display in discover(folders, catalogs=True):
        if resolved(path) not in checked:
            index = load_index(path, display)
            if index is not None:
                found.append(replace(index.design, file="\0" + display))  # never a checked file's name
    return found


class CrossDesignFindings(NamedTuple):  # cheaper to define at start-up than a dataclass
    """What the cross-design pass writes back to one file's result: the findings of its rules
    for the whole run, which replace those the file's own check computed as if it were alone."""

    replaced: frozenset[str]  # the codes of the cross-design rules
    findings: tuple[Finding, ...] = ()
    suppressed: tuple[Finding, ...] = ()

    def write_into(self, result) -> None:
        result.findings = [f for f in result.findings if f.code not in self.replaced]
        result.suppressed = [f for f in result.suppressed if f.code not in self.replaced]
        result.findings.extend(self.findings)
        result.suppressed.extend(self.suppressed)
        result.findings.sort(key=Finding.sort_key)
        result.suppressed.sort(key=Finding.sort_key)


def apply_organisation(files: list[tuple[Path, str]], results: list, engine_for: Callable) -> None:
    """Resolve references across the run and merge the findings into ``results`` (in place)."""
    indexes: list[FileIndex | None] = []
    for (path, display), result in zip(files, results):
        index = getattr(result, "organisation", None)
        if index is None and result.text and "#" in result.text and not result.internal_error:
            index = load_index(path, display)
        indexes.append(index)
    written = cross_design_findings(
        files, indexes, engine_for, lambda number: _covered_lines(results[number])
    )
    for number, findings in written.items():
        findings.write_into(results[number])


def cross_design_findings(
    files: list[tuple[Path, str]],
    indexes: Sequence[FileIndex | None],
    engine_for: Callable,
    covered: Callable[[int], dict[int, frozenset[str]]],
) -> dict[int, CrossDesignFindings]:
    """Resolve references across the run: by position in ``files``, what to write back to each
    indexed file. ``covered(n)`` gives the lines of file n that inline suppressions cover (asked
    only of files that get a finding)."""
    if not any(index is not None and index.design.references for index in indexes):
        return {}
    known = [index.design for index in indexes if index is not None]
    problems = resolve([*known, *_neighbours(files, known, lambda: design_roots(files, engine_for))])
    by_file: dict[str, list[OrgProblem]] = {}
    for problem in problems:
        by_file.setdefault(problem.file, []).append(problem)
    rules_by_engine: dict[int, tuple[dict, CrossDesignFindings]] = {}
    written: dict[int, CrossDesignFindings] = {}
    for number, ((path, _), index) in enumerate(zip(files, indexes)):
        if index is None:
            continue
        engine = engine_for(path)
        if id(engine) not in rules_by_engine:  # engines are shared by the files of a configuration
            rules = rules_of(engine)
            nothing = CrossDesignFindings(frozenset(rule.code for rule in rules.values()))
            rules_by_engine[id(engine)] = (rules, nothing)
        rules, nothing = rules_by_engine[id(engine)]
        stamped = [_stamp(engine, rules, problem, index) for problem in by_file.get(index.design.file, [])]
        found = [finding for finding in stamped if finding is not None]
        written[number] = _suppress(found, covered(number), index, nothing.replaced) if found else nothing
    return written


def rules_of(engine) -> dict:
    """The engine's cross-design rules by name."""
    wanted = set(RULE_OF_KIND.values())
    return {rule.name: rule for rule in engine.ruleset if rule.name in wanted}


def _stamp(engine, rules: dict, problem: OrgProblem, index: FileIndex) -> Finding | None:
    rule = rules.get(RULE_OF_KIND[problem.kind])
    if rule is None or not engine.config.enabled(rule, problem.file):
        return None
    position = index.positions.get(problem.path) or Position(1, 1)
    return Finding(
        file=problem.file,
        position=position,
        code=rule.code,
        name=rule.name,
        severity=engine.config.severity(rule, problem.file),
        message=problem.message,
        path=problem.path,
        hint=problem.hint or rule.rule.hint,
        dimensions=tuple(rule.rule.dimensions),
        fingerprint_path=index.fingerprints.get(problem.path, ""),
    )


def _covered_lines(result) -> dict[int, frozenset[str]]:
    """Line -> the codes an inline suppression covers there; a compact result keeps them, else the text is read."""
    kept = getattr(result, "suppressions_by_line", None)
    if kept is not None:
        return kept()
    if "designlint:" not in result.text:
        return {}
    from designlint.engine.suppressions import scan_suppressions

    covered: dict[int, set[str]] = {}
    for suppression in scan_suppressions(result.text).suppressions:
        covered.setdefault(suppression.target_line, set()).update(suppression.codes)
    return {line: frozenset(codes) for line, codes in covered.items()}


def _suppress(
    findings: list[Finding], covered: dict[int, frozenset[str]], index: FileIndex, replaced: frozenset[str]
) -> CrossDesignFindings:
    kept, suppressed = [], []
    for finding in findings:
        lines = index.lines.get(finding.path, (finding.position.line,))
        if any(finding.code in covered.get(line, ()) for line in lines):
            suppressed.append(finding)
        else:
            kept.append(finding)
    return CrossDesignFindings(replaced, tuple(kept), tuple(suppressed))
