"""Grading: each checklist item earns a fraction from the substance its signals measure, trimmed by
the item's rules that found a problem; the fraction is then shown as Strong, Partial or Missing.

- **substance**: the weighted mean of the item's signal credits (each signal gives partial
  credit per instance, see :mod:`designlint.score.signals`).
- **rules**: of the item's rules that actually checked something here (outcome passed, found or
  accepted; a rule with nothing to check is *vacuous* and counts for nothing either way), the share
  that found a problem takes up to 30 % off; an accepted (suppressed) one counts half.
- **Strong**: a fraction of at least 0.75, every core signal at least half met, and no open
  error-level finding. **Missing**: below 0.2. **Partial**: in between.
"""

from __future__ import annotations

from dataclasses import dataclass

from designlint.engine.runner import PLACEHOLDER_ANSWER
from designlint.findings import Finding, Outcome, Severity
from designlint.score.guidance import Item, load_guidance
from designlint.score.measures import Context
from designlint.score.signals import MET, SignalResult, measure

STRONG, PARTIAL, MISSING = "Strong", "Partial", "Missing"
GRADES = (STRONG, PARTIAL, MISSING)
STRONG_AT, PARTIAL_AT = 0.75, 0.2
RULE_WEIGHT = 0.3


@dataclass(frozen=True)
class Gap:
    """Something the design lacks for the item, and what a staff-level answer adds."""

    what: str
    adds: str
    code: str | None = None  # the rule that found it, when a rule did
    signal: SignalResult | None = None  # the signal that measured it, when one did


@dataclass(frozen=True)
class RuleOutcomes:
    """The item's rules by what they did on this design."""

    passed: tuple[str, ...] = ()
    found: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    vacuous: tuple[str, ...] = ()
    """Nothing to check: the section they read is absent. Not a pass."""
    not_run: tuple[str, ...] = ()

    @property
    def ran(self) -> int:
        return len(self.passed) + len(self.found) + len(self.accepted)

    @property
    def factor(self) -> float:
        """What the problems they found leave of the substance."""
        if not self.ran:
            return 1.0
        return 1.0 - RULE_WEIGHT * (len(self.found) + 0.5 * len(self.accepted)) / self.ran


@dataclass(frozen=True)
class ItemGrade:
    item: Item
    signals: tuple[SignalResult, ...]
    rules: RuleOutcomes
    findings: tuple[Finding, ...]
    suppressed: tuple[Finding, ...]
    gaps: tuple[Gap, ...]

    @property
    def substance(self) -> float:
        total = sum(s.signal.weight for s in self.signals)
        return sum(s.signal.weight * s.credit for s in self.signals) / total if total else 0.0

    @property
    def fraction(self) -> float:
        return self.substance * self.rules.factor

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity is Severity.ERROR)

    @property
    def grade(self) -> str:
        fraction = self.fraction
        core_held = all(s.credit >= 0.5 for s in self.signals if s.signal.core)
        if fraction >= STRONG_AT and core_held and not self.blocking:
            return STRONG
        return MISSING if fraction < PARTIAL_AT else PARTIAL

    @property
    def accepted_signals(self) -> tuple[SignalResult, ...]:
        return tuple(s for s in self.signals if s.state == "accepted")

    @property
    def met_signals(self) -> tuple[SignalResult, ...]:
        return tuple(s for s in self.signals if s.state == MET)


@dataclass(frozen=True)
class ScoreCard:
    file: str
    items: tuple[ItemGrade, ...]

    @property
    def score(self) -> float:
        """The mean of the items' fractions, as a percentage."""
        return 100 * sum(item.fraction for item in self.items) / len(self.items) if self.items else 0.0

    @property
    def percent(self) -> int:
        return round(self.score)

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
    """Grade a checked design. ``result`` is the engine's FileResult (its validated ``design`` and
    each rule's ``outcomes``); ``rules`` the enabled compiled rules it was checked with."""
    if result.design is None:
        raise ValueError("only a design that validates can be graded")
    placeholders = frozenset(
        path
        for f in (*result.findings, *result.suppressed)
        if f.code == PLACEHOLDER_ANSWER
        for path in (f.path, *(related.path for related in f.related))
    )
    context = Context(result.design, placeholders)
    by_code = {rule.code: rule for rule in rules}
    items = tuple(_grade_item(item, context, result, by_code) for item in load_guidance().items)
    return ScoreCard(file=result.file, items=items)


def _grade_item(item: Item, context: Context, result, by_code: dict) -> ItemGrade:
    codes = sorted(
        code
        for code, rule in by_code.items()
        if code in item.rules or (item.dimension and item.dimension in rule.rule.dimensions)
    )
    outcomes = _outcomes(codes, result.outcomes)
    signals = tuple(
        measure(signal, context, result.findings, accepted=signal.rule in outcomes.accepted)
        for signal in item.signals
    )
    findings = tuple(f for f in result.findings if f.code in codes)
    suppressed = tuple(f for f in result.suppressed if f.code in codes)
    gaps = [Gap(s.signal.label, s.signal.adds, signal=s) for s in signals if s.state not in (MET, "accepted")]
    for code in outcomes.found:
        rule = by_code[code]
        messages = [f for f in findings if f.code == code]
        if not messages:
            continue
        what = messages[0].message + (f" (and {len(messages) - 1} more)" if len(messages) > 1 else "")
        adds = rule.rule.docs.fix or rule.rule.hint or rule.rule.docs.why
        gaps.append(Gap(what, " ".join(adds.split()), code=code))
    return ItemGrade(
        item=item,
        signals=signals,
        rules=outcomes,
        findings=findings,
        suppressed=suppressed,
        gaps=tuple(gaps),
    )


def _outcomes(codes: list[str], recorded: dict[str, Outcome]) -> RuleOutcomes:
    buckets: dict[Outcome, list[str]] = {outcome: [] for outcome in Outcome}
    for code in codes:
        buckets[recorded.get(code, Outcome.NOT_RUN)].append(code)
    return RuleOutcomes(
        passed=tuple(buckets[Outcome.PASSED]),
        found=tuple(buckets[Outcome.FOUND]),
        accepted=tuple(buckets[Outcome.ACCEPTED]),
        vacuous=tuple(buckets[Outcome.VACUOUS]),
        not_run=tuple(buckets[Outcome.NOT_RUN]),
    )


def score_file(session, path, display: str):
    """Check one design with ``session`` (a CheckSession) and grade it.

    Returns ``(result, card)``; ``card`` is None when the design does not validate or a rule crashed.
    The design is checked with the opt-in presets too (see :func:`graded_session`).
    """
    from designlint.engine.organisation import apply_organisation

    session = graded_session(session)
    files = [(path, display)]
    result = session.check(files)[0]
    # References to other designs resolve the way `check` resolves them (against the designs
    # beside this one), so the card and `check` agree.
    apply_organisation(files, [result], session.engine_for)
    _reconcile_outcomes(result)
    if result.design is None or result.internal_error:
        return result, None
    engine = session.engine_for(path)
    rules = [rule for rule in engine.ruleset if engine.config.enabled(rule, display)]
    return result, grade_design(result, rules)


def graded_session(session):
    """``session`` with the opt-in presets added: a grade reads the depth of a write-up (user
    types, reversibility, an evolution roadmap, mental models) that ``check`` leaves out by
    default because a pre-merge review does not ask for it."""
    from dataclasses import replace

    from designlint.rulepacks.registry import OPT_IN_PRESETS

    missing = [preset for preset in OPT_IN_PRESETS if preset not in session.overrides.packs]
    if not missing:
        return session
    overrides = replace(session.overrides, packs=[*session.overrides.packs, *missing])
    return type(session)(overrides, keep_designs=session.keep_designs)


def _reconcile_outcomes(result) -> None:
    """Outcomes of the rules that ran, from the findings as they stand after the cross-design pass."""
    found = {f.code for f in result.findings}
    accepted = {f.code for f in result.suppressed} - found
    for code, outcome in result.outcomes.items():
        if outcome in (Outcome.PASSED, Outcome.FOUND, Outcome.ACCEPTED):
            result.outcomes[code] = (
                Outcome.FOUND if code in found else Outcome.ACCEPTED if code in accepted else Outcome.PASSED
            )
