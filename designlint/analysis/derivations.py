"""Derived scale quantities: every formula recomputed from the quantities it names.

Formulas are evaluated in dependency order. A quantity contributes its stated value to the
formulas that name it, unless that value disagrees with its own formula: then it contributes the
recomputed, corrected value. A slip is therefore blamed on the earliest wrong stated value, and
a downstream value that agrees with the corrected arithmetic is not reported a second time.

A quantity without a formula whose rationale is nothing but arithmetic (``1B / 86,400 s``) is
held to that arithmetic the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from designlint.analysis.compare import compare
from designlint.analysis.issues import CYCLE, DUPLICATE, FORMULA, UNIT, UNKNOWN_NAME, UNREADABLE_UNIT, Issue
from designlint.analysis.strongly_connected import strongly_connected
from designlint.analysis.suggestions import NameSuggestions
from designlint.formula import MAX_LENGTH, FormulaError, evaluate, names, names_in, parse
from designlint.units import Measure, UnitError, compatible, from_quantity


@dataclass
class Derived:
    index: int
    name: str
    formula: str | None
    stated: object | None  # the model Quantity, as written
    stated_value: Measure | None = None
    value: Measure | None = None  # recomputed from the formula (or from arithmetic in the rationale)
    references: tuple[tuple[str, int], ...] = ()
    broken: bool = False  # the formula has a reported problem
    rationale_formula: str | None = None  # the rationale, read as arithmetic, when it is nothing else
    corrected: bool = False  # the stated value disagrees with the recomputed one, which others use
    corrected_inputs: list[str] = field(
        default_factory=list
    )  # named quantities used at their corrected value

    @property
    def used(self) -> Measure | None:
        """What other formulas see: the stated value when readable and right, else the recomputed one."""
        if self.corrected or self.stated_value is None:
            return self.value
        return self.stated_value

    @property
    def arithmetic(self) -> str | None:
        """The formula the value is checked against: its own, or its rationale's."""
        return self.formula if self.formula is not None else self.rationale_formula


@dataclass
class Derivations:
    items: list[Derived]
    by_name: dict[str, Derived]
    issues: list[Issue]
    suggestions: NameSuggestions

    def value(self, name: str) -> Measure | None:
        found = self.by_name.get(name)
        return found.used if found else None

    def did_you_mean(self, name: str) -> str | None:
        """A hint naming the defined quantity closest to an unknown ``name``."""
        return self.suggestions.hint(name)


class _Skip(Exception):
    """An input whose problem is reported elsewhere: skip this evaluation quietly."""


def _path(index: int, key: str) -> tuple:
    return ("scale", "quantities", index, key)


def derive(design, month_seconds: float) -> Derivations:
    quantities = design.scale.quantities if design.scale else []
    items: list[Derived] = []
    by_name: dict[str, Derived] = {}
    issues: list[Issue] = []
    for index, quantity in enumerate(quantities):
        item = Derived(index, quantity.name, quantity.formula, quantity.value)
        items.append(item)
        if quantity.name in by_name:
            first = by_name[quantity.name].index
            issues.append(
                Issue(
                    DUPLICATE,
                    _path(index, "name"),
                    f"quantity '{quantity.name}' is already defined at scale.quantities[{first}]",
                    hint="give each quantity its own name; formulas could not tell them apart",
                )
            )
            item.broken = True
            continue
        by_name[quantity.name] = item
        if quantity.value is not None:
            try:
                item.stated_value = from_quantity(quantity.value, month_seconds)
            except UnitError as error:
                issues.append(
                    Issue(
                        UNREADABLE_UNIT,
                        _path(index, "value"),
                        f"'{quantity.name}': {error}",
                        hint="write a unit such as 'loads/day', 'GB', 'ms' or '%'",
                    )
                )
        if quantity.formula is None and item.stated_value is not None:
            item.rationale_formula = arithmetic_of(getattr(quantity, "rationale", None))
    suggestions = NameSuggestions(by_name)
    for item in items:
        if item.formula is None or item.broken:
            continue
        try:
            item.references = names_in(item.formula)
        except FormulaError as error:
            issues.append(
                Issue(
                    FORMULA,
                    _path(item.index, "formula"),
                    f"formula of '{item.name}': {error.message}",
                    offset=error.offset,
                )
            )
            item.broken = True
            continue
        for name, offset in item.references:
            if name not in by_name:
                issues.append(
                    Issue(
                        UNKNOWN_NAME,
                        _path(item.index, "formula"),
                        f"formula of '{item.name}' refers to '{name}', which no quantity defines",
                        hint=suggestions.hint(name),
                        offset=offset,
                    )
                )
                item.broken = True
    cyclic = _cycles(items, by_name, issues)
    _evaluate_all(items, by_name, cyclic, issues, month_seconds)
    return Derivations(items, by_name, issues, suggestions)


def _cycles(items: list[Derived], by_name: dict[str, Derived], issues: list[Issue]) -> set[str]:
    """Report each group of formulas that refer to each other (strongly connected), once."""
    graph = {
        item.name: [n for n, _ in item.references if n in by_name]
        for item in items
        if item.formula is not None and by_name.get(item.name) is item
    }
    if _acyclic(graph):
        return set()
    cyclic: set[str] = set()
    for group in strongly_connected(graph, lambda name: graph.get(name, ())):
        if len(group) > 1 or group[0] in graph.get(group[0], ()):
            cyclic.update(group)
            _report_cycle(group, by_name, graph, issues)
    return cyclic


def _acyclic(graph: dict[str, list[str]]) -> bool:
    """Kahn's algorithm: every node can be removed once its references are gone."""
    waiting = {node: sum(1 for n in targets if n in graph) for node, targets in graph.items()}
    users: dict[str, list[str]] = {}
    for node, targets in graph.items():
        for target in targets:
            if target in graph:
                users.setdefault(target, []).append(node)
    ready = [node for node, count in waiting.items() if count == 0]
    removed = 0
    while ready:
        node = ready.pop()
        removed += 1
        for user in users.get(node, ()):
            waiting[user] -= 1
            if waiting[user] == 0:
                ready.append(user)
    return removed == len(graph)


def _report_cycle(group: list[str], by_name: dict[str, Derived], graph, issues: list[Issue]) -> None:
    members = sorted(group, key=lambda n: by_name[n].index)
    start = members[0]
    loop, current, seen = [start], start, {start}
    while True:  # walk the loop from the first member for a readable "a -> b -> a"
        nxt = next((n for n in graph[current] if n in group), start)
        loop.append(nxt)
        if nxt in seen:
            break
        seen.add(nxt)
        current = nxt
    first = by_name[start]
    offset = next((o for n, o in first.references if n == loop[1]), None)
    issues.append(
        Issue(
            CYCLE,
            _path(first.index, "formula"),
            "formulas refer to each other in a cycle: " + " -> ".join(loop),
            hint="one of them must be an input with a stated value and a rationale",
            offset=offset,
        )
    )


def _evaluate_all(items, by_name, cyclic: set[str], issues: list[Issue], month_seconds: float) -> None:
    """Evaluate every formula after the formulas it names (Kahn's order), each exactly once."""

    def lookup(name: str, offset: int) -> Measure:
        found = by_name[name]  # unknown names were reported and their formulas skipped
        value = found.used
        if value is None:
            if found.formula is None and found.stated is None:
                raise FormulaError(f"'{name}' states no value and has no formula", offset, len(name))
            raise _Skip
        return value

    for item in items:
        if item.rationale_formula is not None and not item.broken:
            _check_rationale(item, month_seconds)
    pending = {
        item.name: item
        for item in items
        if item.formula is not None and not item.broken and item.name not in cyclic
    }
    waiting: dict[str, int] = {}
    users: dict[str, list[Derived]] = {}
    for item in pending.values():
        inputs = {n for n, _ in item.references if n in pending and n != item.name}
        waiting[item.name] = len(inputs)
        for name in inputs:
            users.setdefault(name, []).append(item)
    ready = [item for item in pending.values() if waiting[item.name] == 0]
    ready.sort(key=lambda item: -item.index)  # document order among the ready ones
    while ready:
        item = ready.pop()
        _evaluate_one(item, lookup, by_name, issues, month_seconds)
        for user in users.get(item.name, ()):
            waiting[user.name] -= 1
            if waiting[user.name] == 0:
                ready.append(user)


def _settle(item: Derived, month_seconds: float) -> None:
    """Mark a stated value that its own arithmetic contradicts, so the formulas after it use the corrected one."""
    if item.value is None or item.stated_value is None or item.stated is None:
        return
    verdict = compare(item.stated, item.value, month_seconds, stated=item.stated_value)
    item.corrected = verdict.comparable and not verdict.agrees


def _check_rationale(item: Derived, month_seconds: float) -> None:
    assert item.rationale_formula is not None

    def no_names(name: str, offset: int) -> Measure:
        raise FormulaError(f"'{name}'", offset)

    try:
        item.value = evaluate(item.rationale_formula, no_names, month_seconds)
    except FormulaError:
        item.rationale_formula = None  # prose after all; other rules read it
        return
    assert item.stated_value is not None
    if not compatible(item.stated_value.dims, item.value.dims):
        item.value, item.rationale_formula = None, None  # loose units in prose: not held against the value
        return
    _settle(item, month_seconds)


def _evaluate_one(item: Derived, lookup, by_name, issues: list[Issue], month_seconds: float) -> None:
    assert item.formula is not None  # only items with a formula are pending evaluation
    try:
        item.value = evaluate(item.formula, lookup, month_seconds, known=by_name)
    except _Skip:
        return
    except FormulaError as error:
        kind = {"unit": UNIT, "unreadable-unit": UNREADABLE_UNIT}.get(error.kind, FORMULA)
        issues.append(
            Issue(
                kind,
                _path(item.index, "formula"),
                f"formula of '{item.name}': {error.message}",
                offset=error.offset,
            )
        )
        item.broken = True
        return
    item.corrected_inputs = sorted({name for name, _ in item.references if by_name[name].corrected})
    _settle(item, month_seconds)


_GROUPING = re.compile(r"(?<=[0-9]),(?=[0-9]{3}(?![0-9]))")
_TIMES = re.compile(r"(?<=\S)\s*×\s*|\s+x\s+")
_ARITHMETIC = frozenset("+-*/")


def arithmetic_of(rationale: str | None) -> str | None:
    """The rationale as a formula when it is only arithmetic on numbers (``1B / 86,400 s``), else None.

    Thousands separators are dropped and ``x``/``×`` between terms read as ``*``; a rationale that
    names anything, or has no operator, is prose and is left to the rules that read prose.
    """
    if not rationale or len(rationale) > MAX_LENGTH:
        return None
    text = rationale.strip().rstrip(".")
    # Each rewrite only where its character occurs; most rationales are prose with neither.
    if "," in text:
        text = _GROUPING.sub("", text)
    if "×" in text or "x" in text:
        text = _TIMES.sub(" * ", text)
    if not any(operator in text for operator in _ARITHMETIC):
        return None
    try:
        tree = parse(text)
    except FormulaError:
        return None
    if names(tree) or tree[0] not in ("bin", "call"):
        return None
    return text
