"""Derived scale quantities: every formula recomputed from the quantities it names.

Each formula is evaluated from the *stated* values of its inputs (a quantity without a stated
value contributes its own recomputed value), so every slip is reported once, where it is made,
rather than again in everything downstream of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from designlint.analysis.issues import CYCLE, DUPLICATE, FORMULA, UNIT, UNKNOWN_NAME, UNREADABLE_UNIT, Issue
from designlint.formula import FormulaError, evaluate, names, parse
from designlint.units import Measure, UnitError, from_quantity


@dataclass
class Derived:
    index: int
    name: str
    formula: str | None
    stated: object | None  # the model Quantity, as written
    stated_value: Measure | None = None
    value: Measure | None = None  # recomputed from the formula
    references: list[tuple[str, int]] = field(default_factory=list)
    broken: bool = False  # the formula has a reported problem

    @property
    def used(self) -> Measure | None:
        """What other formulas see: the stated value when readable, else the recomputed one."""
        return self.stated_value if self.stated_value is not None else self.value


@dataclass
class Derivations:
    items: list[Derived]
    by_name: dict[str, Derived]
    issues: list[Issue]

    def value(self, name: str) -> Measure | None:
        found = self.by_name.get(name)
        return found.used if found else None


class _Skip(Exception):
    """An input whose problem is reported elsewhere: skip this evaluation quietly."""


def _path(index: int, key: str) -> tuple:
    return ("scale", "quantities", index, key)


def did_you_mean(name: str, known) -> str | None:
    import difflib

    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f"did you mean '{close[0]}'?" if close else None


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
    for item in items:
        if item.formula is None or item.broken:
            continue
        try:
            tree = parse(item.formula)
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
        item.references = names(tree)
        for name, offset in item.references:
            if name not in by_name:
                issues.append(
                    Issue(
                        UNKNOWN_NAME,
                        _path(item.index, "formula"),
                        f"formula of '{item.name}' refers to '{name}', which no quantity defines",
                        hint=did_you_mean(name, by_name),
                        offset=offset,
                    )
                )
                item.broken = True
    cyclic = _cycles(items, by_name, issues)
    _evaluate_all(items, by_name, cyclic, issues, month_seconds)
    return Derivations(items, by_name, issues)


def _cycles(items: list[Derived], by_name: dict[str, Derived], issues: list[Issue]) -> set[str]:
    """Report each group of formulas that refer to each other (strongly connected), once."""
    graph = {
        item.name: [n for n, _ in item.references if n in by_name]
        for item in items
        if item.formula is not None and by_name.get(item.name) is item
    }
    if _acyclic(graph):
        return set()
    index_of: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    cyclic: set[str] = set()
    counter = 0
    for root in graph:
        if root in index_of:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index_of[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            successors = graph.get(node, [])
            if child < len(successors):
                work.append((node, child + 1))
                nxt = successors[child]
                if nxt not in index_of:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index_of[nxt])
                continue
            if low[node] == index_of[node]:
                group = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group.append(member)
                    if member == node:
                        break
                if len(group) > 1 or node in graph.get(node, []):
                    cyclic.update(group)
                    _report_cycle(group, by_name, graph, issues)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
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
    done: set[str] = set()

    def lookup(name: str, offset: int) -> Measure:
        found = by_name[name]  # unknown names were reported and their formulas skipped
        value = found.used
        if value is None:
            if found.formula is None and found.stated is None:
                raise FormulaError(f"'{name}' states no value and has no formula", offset, len(name))
            raise _Skip
        return value

    # Inputs first: a formula only waits for quantities whose value comes from their own formula.
    pending = [
        item for item in items if item.formula is not None and not item.broken and item.name not in cyclic
    ]
    while pending:
        progressed, waiting = False, []
        for item in pending:
            needs = [
                n
                for n, _ in item.references
                if by_name[n].stated_value is None
                and by_name[n].formula is not None
                and n not in done
                and not by_name[n].broken
                and n not in cyclic
            ]
            if needs:
                waiting.append(item)
                continue
            _evaluate_one(item, lookup, by_name, issues, month_seconds)
            done.add(item.name)
            progressed = True
        if not progressed:
            break
        pending = waiting


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
