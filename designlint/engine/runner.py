"""The engine: load, validate, run rules, then position, stamp, filter and suppress findings.

One check of a document, in order:

1. placeholder answers (``rollback: TBD``) are found and blanked, so nothing can be satisfied by one;
2. the design is validated section by section: an error in one section stops only the rules that
   read it (their outcome is NOT_RUN), the others run on what validated;
3. every problem is positioned and stamped, then suppressions apply, item by item;
4. a finding on a field whose answer is a placeholder is folded into the placeholder's finding;
5. a gap one rule reports on many items becomes one finding that lists them;
6. suppressions that matched nothing (for rules that ran) and malformed ones are reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from designlint.engine.config import Config
from designlint.engine.grouping import group_findings
from designlint.engine.reads import sections_read
from designlint.engine.suppressions import Suppression, SuppressionScan, scan_suppressions
from designlint.errors import LoadError, Position
from designlint.findings import Finding, Outcome, Problem, Severity, stable_path
from designlint.rulepacks.registry import CompiledRule, RuleSet

INTERNAL_ERROR = "DL000"
INVALID_SUPPRESSION = "DL008"
UNUSED_SUPPRESSION = "DL009"
PLACEHOLDER_ANSWER = "DL015"
_FORMAT_ERRORS = frozenset({"DL011", "DL012", "DL013"})  # a value's type, a missing key, an unreadable value


@dataclass
class FileResult:
    file: str
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    # The validated design; None when any part of the file does not validate.
    design: object | None = None
    internal_error: bool = False
    text: str = ""
    # Per rule code, what the rule did here (see Outcome); empty when the file did not load.
    outcomes: dict[str, Outcome] = field(default_factory=dict)
    # The design without its invalid sections, which the rules that ran were given (None when
    # not even that validates); equal to ``design`` when everything validates.
    partial_design: object | None = None
    # The light index the cross-design pass reads (designlint.engine.organisation.FileIndex).
    organisation: object | None = None
    # Set by compact(), which drops ``text``: the source lines a finding may point at, by number,
    # and the rule codes inline suppressions cover, by line.
    kept_lines: dict[int, str] | None = None
    kept_suppressions: dict[int, frozenset[str]] | None = None

    def source_line(self, line: int) -> str | None:
        if self.kept_lines is not None:
            return self.kept_lines.get(line)
        lines = self._source_lines
        return lines[line - 1] if 0 < line <= len(lines) else None

    def suppressions_by_line(self) -> dict[int, frozenset[str]]:
        """Line -> the rule codes an inline suppression covers there (what the cross-design pass needs)."""
        if self.kept_suppressions is not None:
            return self.kept_suppressions
        if "designlint:" not in self.text:
            return {}
        from designlint.engine.suppressions import scan_suppressions

        covered: dict[int, set[str]] = {}
        for suppression in scan_suppressions(self.text).suppressions:
            covered.setdefault(suppression.target_line, set()).update(suppression.codes)
        return {line: frozenset(codes) for line, codes in covered.items()}

    def compact(self) -> FileResult:
        """What ``check`` still reads once the file is done: findings, the lines they (and the
        cross-design pass) point at, and the organisation index; no text, models or outcomes.

        A run keeps every file's compact result, packed (``engine/result_store.py``), until the
        report is written, so each must be small.
        """
        lines = {finding.position.line for finding in self.findings}
        index = self.organisation
        positions = getattr(index, "positions", None) or {}
        lines.update(position.line for position in positions.values())
        lines.add(1)  # where a cross-design finding without a recorded position is put
        source = self._source_lines if self.text else []
        return FileResult(
            self.file,
            findings=self.findings,
            suppressed=self.suppressed,
            internal_error=self.internal_error,
            organisation=index,
            kept_lines={line: source[line - 1] for line in sorted(lines) if 0 < line <= len(source)},
            kept_suppressions=self.suppressions_by_line() if index is not None else {},
        )

    @cached_property
    def _source_lines(self) -> list[str]:
        # Split once: reporters ask for a line per finding, and a design may have hundreds.
        return self.text.splitlines()


class Engine:
    """Checks documents against a rule set under a configuration. Holds no per-file state."""

    def __init__(self, ruleset: RuleSet, config: Config):
        self.ruleset = ruleset
        self.config = config
        self._reads: dict[str, frozenset[str] | None] = {}
        self._checked: list[tuple[str, CompiledRule]] | None = None
        # The enabled rules with their stamps, per distinct set of path overrides: every file
        # without an override shares one, instead of asking the configuration per rule and finding.
        self._stamps: dict[tuple[int, ...], dict[str, _RuleStamp]] = {}
        self._last_stamps: tuple[str | None, dict[str, _RuleStamp]] = (None, {})

    def _checked_rules(self) -> list[tuple[str, CompiledRule]]:
        """(code, rule) of every rule that runs on a design (not the engine's own), by code."""
        if self._checked is None:
            self._checked = [(rule.code, rule) for rule in self.ruleset if not rule.rule.engine]
        return self._checked

    def _stamps_for(self, file: str) -> dict[str, _RuleStamp]:
        """Rule code -> how its findings are stamped in ``file``, for the rules enabled there."""
        last_file, last = self._last_stamps
        if file == last_file:  # asked once per rule run and once per finding of the same file
            return last
        overrides = self.config.applicable(file)
        key = tuple(id(override) for override in overrides)
        found = self._stamps.get(key)
        if found is None:
            found = self._stamps[key] = {
                rule.code: _rule_stamp(rule, self.config, file)
                for rule in self.ruleset
                if self.config.enabled(rule, file)
            }
        self._last_stamps = (file, found)
        return found

    def enabled_codes(self, file: str) -> tuple[str, ...]:
        """The codes of the rules enabled in ``file``, in rule-set order."""
        return tuple(self._stamps_for(file))

    def check_path(self, path: Path, display: str | None = None) -> FileResult:
        from designlint.loader import load_path

        display = display or str(path)
        try:
            document = load_path(path, display)
        except LoadError as error:
            result = FileResult(display)
            result.findings = self._stamp_load_error(error, display)
            return result
        return self.check_document(document)

    def check_document(self, document) -> FileResult:
        from designlint.engine.model_validators import model_validator
        from designlint.engine.organisation import index_document
        from designlint.model import Design
        from designlint.model.placeholders import blank, find_placeholders
        from designlint.model.validation import validate_design

        result = FileResult(document.file, text=document.text)
        # A team catalogue is validated like a design and indexed for references; no rule reads it.
        catalog = isinstance(document.data, dict) and document.data.get("kind") == "TeamCatalog"
        root = _catalog_model() if catalog else Design
        placeholders = find_placeholders(document.data, root)
        data = blank(document.data, placeholders)
        validation = validate_design(data, root, model_validator(root))
        raw: list[tuple[str, Problem]] = list(validation.problems)
        raw.extend((PLACEHOLDER_ANSWER, _placeholder_problem(p)) for p in placeholders)
        result.partial_design = validation.model
        result.design = validation.model if validation.complete else None
        result.organisation = index_document(document, validation.model)
        if not catalog:
            raw.extend(
                self._run_rules(
                    validation.model, validation.data, document, validation.invalid_sections, result
                )
            )

        stamped = [self._stamp(code, problem, document) for code, problem in raw]
        scan = scan_suppressions(document.text, getattr(document, "scalar_spans", ()))
        kept, suppressed = self._suppress([f for f in stamped if f is not None], scan, document)
        _record_outcomes(result.outcomes, kept, suppressed)
        kept = _fold_into_placeholders(kept, suppressed, placeholders)
        result.findings = group_findings(kept, self.ruleset, document.data)
        result.suppressed = suppressed
        result.findings.extend(self._suppression_findings(scan, document, result.outcomes))
        result.findings.sort(key=Finding.sort_key)
        result.suppressed.sort(key=Finding.sort_key)
        return result

    def _run_rules(
        self, design: Any, data: Any, document, invalid: frozenset[str], result: FileResult
    ) -> list[tuple[str, Problem]]:
        """Run every enabled rule that can run; record what each did in ``result.outcomes``."""
        raw: list[tuple[str, Problem]] = []
        ran = result.outcomes
        enabled = self._stamps_for(document.file)
        for code, rule in self._checked_rules():
            if design is None or code not in enabled or (invalid and self._reads_any(rule, invalid)):
                ran[code] = Outcome.NOT_RUN
                continue
            try:
                run = rule.run(design, data)
            except Exception as exc:  # a broken check must not hide the others
                ran[code] = Outcome.PASSED
                result.internal_error = True
                message = f"rule {code} ({rule.name}) failed: {type(exc).__name__}: {exc}"
                raw.append((INTERNAL_ERROR, Problem((), message, hint=_origin(exc))))
                continue
            if not run.subject:
                ran[code] = Outcome.VACUOUS
                continue
            ran[code] = Outcome.PASSED
            for problem in run.problems:
                raw.append((code, problem))
        return raw

    def _reads_any(self, rule: CompiledRule, invalid: frozenset[str]) -> bool:
        """Whether the rule reads one of the sections that did not validate."""
        if not invalid:
            return False
        if rule.code not in self._reads:
            self._reads[rule.code] = sections_read(rule)
        reads = self._reads[rule.code]
        return reads is None or not reads.isdisjoint(invalid)

    def _stamp(self, code: str, problem: Problem, document) -> Finding | None:
        from designlint.findings import RelatedLocation

        stamp = self._stamps_for(document.file).get(code)
        if stamp is None:
            rule = self.ruleset.rules.get(code)
            if rule is None:
                stamp = _UNKNOWN_RULE_STAMP
            elif code == INTERNAL_ERROR:
                stamp = _rule_stamp(rule, self.config, document.file)
            else:
                return None  # the rule is disabled for this file
        related = (
            tuple(
                RelatedLocation(
                    path, document.locate(path, at_key=problem.at_key), stable_path(path, document.data)
                )
                for path in problem.related
            )
            if problem.related
            else ()
        )
        return Finding(
            file=document.file,
            position=document.locate(problem.path, at_key=problem.at_key, offset=problem.offset),
            code=code,
            name=stamp.name,
            severity=stamp.severity,
            message=problem.message,
            path=problem.path,
            hint=problem.hint or stamp.hint,
            dimensions=stamp.dimensions,
            fingerprint_path=stable_path(problem.path, document.data),
            related=related,
        )

    def _stamp_load_error(self, error: LoadError, display: str) -> list[Finding]:
        rule = self.ruleset.rules.get(error.code)
        return [
            Finding(
                file=display,
                position=error.position or Position(1, 1),
                code=error.code,
                name=rule.name if rule else "load-error",
                severity=Severity.ERROR,
                message=error.message,
            )
        ]

    def _suppress(
        self, findings: list[Finding], scan: SuppressionScan, document
    ) -> tuple[list[Finding], list[Finding]]:
        """Split findings into those reported and those a suppression covers (marking it used)."""
        if not scan.suppressions:
            return findings, []
        by_line: dict[int, dict[str, Suppression]] = {}
        for suppression in scan.suppressions:
            for code in suppression.codes:
                by_line.setdefault(suppression.target_line, {}).setdefault(code, suppression)
        lines = _PathLines(document)
        kept, suppressed = [], []
        for finding in findings:
            match = None
            for line in (finding.position.line, *lines.of(finding.path)):
                match = by_line.get(line, {}).get(finding.code)
                if match is not None:
                    break
            if match is None:
                kept.append(finding)
            else:
                match.used.add(finding.code)
                suppressed.append(finding)
        return kept, suppressed

    def _suppression_findings(
        self, scan: SuppressionScan, document, outcomes: dict[str, Outcome]
    ) -> list[Finding]:
        """Malformed suppressions (DL008) and suppressions that matched nothing (DL009)."""
        out = []
        for malformed in scan.malformed:
            out.extend(
                self._engine_finding(INVALID_SUPPRESSION, malformed.position, malformed.message, document)
            )
        for suppression in scan.suppressions:
            for code in suppression.codes:
                rule = self.ruleset.rules.get(code)
                if rule is None:
                    message = f"suppression names unknown rule code {code}"
                    out.extend(
                        self._engine_finding(INVALID_SUPPRESSION, suppression.position, message, document)
                    )
                    continue
                if code in suppression.used or not self.config.enabled(rule, document.file):
                    continue
                if outcomes.get(code) is Outcome.NOT_RUN:
                    continue  # the rule did not run here: the suppression may well be needed
                out.extend(
                    self._engine_finding(
                        UNUSED_SUPPRESSION,
                        suppression.position,
                        f"suppression of {code} matches no finding",
                        document,
                        hint="remove it, or move it to the line it is meant for",
                    )
                )
        return out

    def _engine_finding(
        self, code: str, position: Position, message: str, document, hint: str | None = None
    ) -> list[Finding]:
        rule = self.ruleset.rules.get(code)
        if rule is None or not self.config.enabled(rule, document.file):
            return []
        return [
            Finding(
                file=document.file,
                position=position,
                code=code,
                name=rule.name,
                severity=self.config.severity(rule, document.file),
                message=message,
                hint=hint or rule.rule.hint,
            )
        ]


class _RuleStamp(NamedTuple):
    """What stamping adds to a rule's problems in one file: resolved once per configuration."""

    name: str
    severity: Severity
    hint: str | None
    dimensions: tuple[str, ...]


_UNKNOWN_RULE_STAMP = _RuleStamp("internal-error", Severity.ERROR, None, ())


def _rule_stamp(rule: CompiledRule, config: Config, file: str) -> _RuleStamp:
    return _RuleStamp(rule.name, config.severity(rule, file), rule.rule.hint, tuple(rule.rule.dimensions))


class _PathLines:
    """The lines of every prefix of a document path (a suppression on any of them covers it),
    each prefix looked up once per document."""

    def __init__(self, document):
        self._positions = document.positions
        self._lines: dict[tuple, tuple[int, ...]] = {(): ()}

    def of(self, path: tuple) -> tuple[int, ...]:
        found = self._lines.get(path)
        if found is None:
            spot = self._positions.key(path) or self._positions.value(path)
            own = (spot.line,) if spot is not None else ()
            found = self._lines[path] = (*self.of(path[:-1]), *own)
        return found


def _placeholder_message(placeholder, asks: str | None = None) -> str:
    shown = placeholder.text.strip()
    shown = repr(shown if len(shown) <= 40 else shown[:37] + "...")
    return (
        f"{shown} is a placeholder, not an answer: {asks or repr(placeholder.field) + ' needs a real answer'}"
    )


def _catalog_model() -> type:
    from designlint.model.catalog import TeamCatalog

    return TeamCatalog


def _placeholder_problem(placeholder) -> Problem:
    if placeholder.offset is not None:
        return Problem(
            placeholder.path,
            f"{placeholder.text!r} leaves an answer open in {placeholder.field!r}",
            hint="write the answer, or list it among the design's open questions with an owner",
            at_key=False,
            offset=placeholder.offset,
        )
    return Problem(
        placeholder.path,
        _placeholder_message(placeholder),
        hint="write the answer, or leave the field out until there is one",
        at_key=False,
    )


def _fold_into_placeholders(
    kept: list[Finding], suppressed: list[Finding], placeholders: list
) -> list[Finding]:
    """Drop findings on a field whose answer is a placeholder; the placeholder's finding says
    what the field asks, in the words of the rule that would have reported it."""
    # An open item inside an answer ("Dedup TBD.") leaves the rest of the field standing.
    whole = {p.path for p in placeholders if p.offset is None}
    reported = {f.path for f in (*kept, *suppressed) if f.code == PLACEHOLDER_ANSWER and f.path in whole}
    if not reported:
        return kept
    by_path = {p.path: p for p in placeholders}
    asks: dict[tuple, str] = {}
    out = []
    for finding in kept:
        if finding.code != PLACEHOLDER_ANSWER and finding.path in reported:
            if finding.code not in _FORMAT_ERRORS:  # "'TBD' is not a number" says nothing new
                asks.setdefault(finding.path, finding.message)
        else:
            out.append(finding)
    return [
        replace(f, message=_placeholder_message(by_path[f.path], asks[f.path]))
        if f.code == PLACEHOLDER_ANSWER and f.path in asks and f.path in by_path
        else f
        for f in out
    ]


def _record_outcomes(outcomes: dict[str, Outcome], kept: list[Finding], suppressed: list[Finding]) -> None:
    for finding in suppressed:
        if outcomes.get(finding.code) is Outcome.PASSED:
            outcomes[finding.code] = Outcome.ACCEPTED
    for finding in kept:
        if finding.code in outcomes and outcomes[finding.code] is not Outcome.NOT_RUN:
            outcomes[finding.code] = Outcome.FOUND


def _origin(exc: Exception) -> str | None:
    import traceback  # only when a rule failed

    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return None
    last = frames[-1]
    return f"raised at {Path(last.filename).name}:{last.lineno}; please report it"
