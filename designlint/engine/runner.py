"""The engine: load, validate, run rules, then position, stamp, filter and suppress findings."""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import ValidationError

from designlint.engine.config import Config
from designlint.engine.suppressions import Suppression, parse_suppressions
from designlint.errors import LoadError, Position
from designlint.findings import Finding, Outcome, Problem, Severity, stable_path
from designlint.model.validation import problems_from_validation
from designlint.rulepacks.registry import CompiledRule, RuleSet, declarative_problems

INTERNAL_ERROR = "DL000"
UNUSED_SUPPRESSION = "DL009"


@dataclass
class FileResult:
    file: str
    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)
    design: object | None = None
    internal_error: bool = False
    text: str = ""
    # Per rule code, what the rule did here (see Outcome); empty when the file did not load.
    outcomes: dict[str, Outcome] = field(default_factory=dict)

    def source_line(self, line: int) -> str | None:
        lines = self._source_lines
        return lines[line - 1] if 0 < line <= len(lines) else None

    @cached_property
    def _source_lines(self) -> list[str]:
        # Split once: reporters ask for a line per finding, and a design may have hundreds.
        return self.text.splitlines()


class Engine:
    """Checks documents against a rule set under a configuration. Holds no per-file state."""

    def __init__(self, ruleset: RuleSet, config: Config):
        self.ruleset = ruleset
        self.config = config

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
        from designlint.model import Design

        result = FileResult(document.file, text=document.text)
        raw: list[tuple[str, Problem]] = []
        try:
            design = Design.model_validate(document.data)
        except ValidationError as error:
            raw = problems_from_validation(error, Design)
        else:
            result.design = design
            ran = result.outcomes
            for rule in self.ruleset:
                if rule.rule.engine or not self.config.enabled(rule, document.file):
                    continue
                if not rule.has_subject(document.data):
                    ran[rule.code] = Outcome.VACUOUS
                    continue
                ran[rule.code] = Outcome.PASSED
                try:
                    raw.extend((rule.code, problem) for problem in self._run(rule, design, document))
                except Exception as exc:  # a broken check must not hide the others
                    result.internal_error = True
                    raw.append(
                        (
                            INTERNAL_ERROR,
                            Problem(
                                (),
                                f"rule {rule.code} ({rule.name}) failed: {type(exc).__name__}: {exc}",
                                hint=_origin(exc),
                            ),
                        )
                    )
        stamped = [self._stamp(code, problem, document) for code, problem in raw]
        findings = [f for f in stamped if f is not None]
        self._apply_suppressions(findings, document, result)
        _record_outcomes(result)
        result.findings.sort(key=Finding.sort_key)
        result.suppressed.sort(key=Finding.sort_key)
        return result

    def _run(self, rule: CompiledRule, design, document):
        if rule.check is not None:
            return list(rule.check(design, rule.options))
        return list(declarative_problems(rule, document.data))

    def _stamp(self, code: str, problem: Problem, document) -> Finding | None:
        rule = self.ruleset.rules.get(code)
        if rule is not None and code != INTERNAL_ERROR and not self.config.enabled(rule, document.file):
            return None
        severity = self.config.severity(rule, document.file) if rule is not None else Severity.ERROR
        return Finding(
            file=document.file,
            position=document.locate(problem.path, at_key=problem.at_key, offset=problem.offset),
            code=code,
            name=rule.name if rule else "internal-error",
            severity=severity,
            message=problem.message,
            path=problem.path,
            hint=problem.hint or (rule.rule.hint if rule else None),
            dimensions=tuple(rule.rule.dimensions) if rule else (),
            fingerprint_path=stable_path(problem.path, document.data),
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

    def _apply_suppressions(self, findings: list[Finding], document, result: FileResult) -> None:
        suppressions = parse_suppressions(document.text, document.file)
        by_line: dict[int, list[Suppression]] = {}
        for suppression in suppressions:
            by_line.setdefault(suppression.target_line, []).append(suppression)
        for finding in findings:
            match = self._suppression_for(finding, document, by_line) if by_line else None
            if match is None:
                result.findings.append(finding)
            else:
                match.used.add(finding.code)
                result.suppressed.append(finding)
        unused_rule = self.ruleset.rules.get(UNUSED_SUPPRESSION)
        for suppression in suppressions:
            for code in suppression.codes:
                rule = self.ruleset.rules.get(code)
                if rule is None:
                    from designlint.errors import UsageError

                    raise UsageError(
                        f"suppression names unknown rule code {code}",
                        file=document.file,
                        position=suppression.position,
                    )
                if code in suppression.used or not self.config.enabled(rule, document.file):
                    continue
                if unused_rule is not None and self.config.enabled(unused_rule, document.file):
                    result.findings.append(
                        Finding(
                            file=document.file,
                            position=suppression.position,
                            code=UNUSED_SUPPRESSION,
                            name=unused_rule.name,
                            severity=self.config.severity(unused_rule, document.file),
                            message=f"suppression of {code} matches no finding",
                            hint="remove it, or move it to the line it is meant for",
                        )
                    )

    @staticmethod
    def _suppression_for(finding: Finding, document, by_line) -> Suppression | None:
        lines = {finding.position.line}
        positions = document.positions
        for depth in range(1, len(finding.path) + 1):
            prefix = finding.path[:depth]
            spot = positions.key(prefix) or positions.value(prefix)
            if spot is not None:
                lines.add(spot.line)
        for line in lines:
            for suppression in by_line.get(line, ()):
                if finding.code in suppression.codes:
                    return suppression
        return None


def _record_outcomes(result: FileResult) -> None:
    outcomes = result.outcomes
    for finding in result.suppressed:
        if outcomes.get(finding.code) is Outcome.PASSED:
            outcomes[finding.code] = Outcome.ACCEPTED
    for finding in result.findings:
        if finding.code in outcomes:
            outcomes[finding.code] = Outcome.FOUND


def _origin(exc: Exception) -> str | None:
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return None
    last = frames[-1]
    return f"raised at {Path(last.filename).name}:{last.lineno}; please report it"
