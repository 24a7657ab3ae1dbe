"""Grading: each checklist item is Strong, Partial or Missing, from its signals and its rules.

- **Strong**: at least three quarters of the signals are substantive (a thin one counts half),
  every core signal is met, and no rule of the item reports a warning or an error.
- **Missing**: less than a fifth of the signals (a trace at most), and no core signal.
- **Partial**: anything in between.

Suppressed findings carry a reason the author wrote, so they do not count against the design;
they are listed as evidence. Info-level findings are listed but do not block Strong.
"""

from __future__ import annotations

from dataclasses import dataclass

from designlint.findings import Finding, Severity
from designlint.score.guidance import Item, Signal, load_guidance
from designlint.score.signals import count

STRONG, PARTIAL, MISSING = "Strong", "Partial", "Missing"
GRADES = (STRONG, PARTIAL, MISSING)
POINTS = {STRONG: 2, PARTIAL: 1, MISSING: 0}
MET, THIN, ABSENT = "met", "thin", "absent"


@dataclass(frozen=True)
class SignalResult:
    signal: Signal
    count: int

    @property
    def state(self) -> str:
        if self.count >= self.signal.min:
            return MET
        return THIN if self.count else ABSENT

    @property
    def credit(self) -> float:
        return {MET: 1.0, THIN: 0.5, ABSENT: 0.0}[self.state]


@dataclass(frozen=True)
class Gap:
    """Something the design lacks for the item, and what a staff-level answer adds."""

    what: str
    adds: str
    code: str | None = None  # the rule that found it, when a rule did
    found: int | None = None  # for a signal: how many the design has, and how many it takes
    needed: int | None = None


@dataclass(frozen=True)
class ItemGrade:
    item: Item
    grade: str
    coverage: float
    signals: tuple[SignalResult, ...]
    rules: tuple[str, ...]
    """Codes of the enabled rules that bear on the item."""
    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    gaps: tuple[Gap, ...]

    @property
    def passed_rules(self) -> tuple[str, ...]:
        # A suppressed finding is an accepted gap, listed on its own, not a pass.
        reported = {f.code for f in (*self.findings, *self.suppressed)}
        return tuple(code for code in self.rules if code not in reported)

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity.rank >= Severity.WARNING.rank)


@dataclass(frozen=True)
class ScoreCard:
    file: str
    items: tuple[ItemGrade, ...]

    @property
    def points(self) -> int:
        return sum(POINTS[item.grade] for item in self.items)

    @property
    def max_points(self) -> int:
        return POINTS[STRONG] * len(self.items)

    def count(self, grade: str) -> int:
        return sum(1 for item in self.items if item.grade == grade)

    @property
    def verdict(self) -> str:
        if self.count(STRONG) == len(self.items):
            return "L6-ready: every item is Strong"
        if self.count(MISSING) == 0 and self.count(PARTIAL) <= 2:
            return "close: no item is missing, a few are partial"
        return "not yet: close the gaps below, the missing items first"


def grade_design(result, rules) -> ScoreCard:
    """Grade a checked design. ``result`` is the engine's FileResult (with ``design``); ``rules`` the
    enabled compiled rules it was checked with."""
    if result.design is None:
        raise ValueError("only a design that validates can be graded")
    data = result.design.model_dump(by_alias=True, exclude_none=True)
    by_code = {rule.code: rule for rule in rules}
    items = tuple(_grade_item(item, data, result, by_code) for item in load_guidance().items)
    return ScoreCard(file=result.file, items=items)


def _grade_item(item: Item, data: dict, result, by_code: dict) -> ItemGrade:
    signals = tuple(SignalResult(signal, count(signal, data)) for signal in item.signals)
    codes = tuple(
        sorted(
            code
            for code, rule in by_code.items()
            if code in item.rules or (item.dimension and item.dimension in rule.rule.dimensions)
        )
    )
    findings = tuple(f for f in result.findings if f.code in codes)
    suppressed = tuple(f for f in result.suppressed if f.code in codes)
    coverage = sum(s.credit for s in signals) / len(signals)
    core = [s for s in signals if s.signal.core]
    core_met = [s for s in core if s.state == MET]
    blocking = [f for f in findings if f.severity.rank >= Severity.WARNING.rank]
    if coverage >= 0.75 and len(core_met) == len(core) and not blocking:
        grade = STRONG
    elif coverage < 0.2 and not core_met:
        grade = MISSING
    else:
        grade = PARTIAL
    gaps = [
        Gap(s.signal.label, s.signal.adds, found=s.count, needed=s.signal.min)
        for s in signals
        if s.state != MET
    ]
    for code in dict.fromkeys(f.code for f in findings):
        rule = by_code[code]
        messages = [f for f in findings if f.code == code]
        what = messages[0].message + (f" (and {len(messages) - 1} more)" if len(messages) > 1 else "")
        adds = rule.rule.docs.fix or rule.rule.hint or rule.rule.docs.why
        gaps.append(Gap(what, " ".join(adds.split()), code=code))
    return ItemGrade(
        item=item,
        grade=grade,
        coverage=coverage,
        signals=signals,
        rules=codes,
        findings=findings,
        suppressed=suppressed,
        gaps=tuple(gaps),
    )


def score_file(session, path, display: str):
    """Check one design with ``session`` (a CheckSession) and grade it.

    Returns ``(result, card)``; ``card`` is None when the design does not validate or a rule crashed.
    """
    result = session.check([(path, display)])[0]
    if result.design is None or result.internal_error:
        return result, None
    engine = session.engine_for(path)
    rules = [rule for rule in engine.ruleset if engine.config.enabled(rule, display)]
    return result, grade_design(result, rules)
