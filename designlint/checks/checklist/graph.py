"""References between sections and the dependency graph: nothing dangles, no synchronous cycles."""

from __future__ import annotations

from collections.abc import Iterator

from designlint.analysis.references import references
from designlint.analysis.suggestions import NameSuggestions
from designlint.checks import reads
from designlint.findings import Problem
from designlint.model.reference import is_element_ref


def dangling_reference(design, options) -> Iterator[Problem]:
    # One index per set of known names (references of a kind share one set); each set stays
    # referenced by ``indexed`` so its id is not reused.
    indexes: dict[int, NameSuggestions] = {}
    indexed: list[set[str]] = []
    for reference in references(design):
        target, known, kind = reference.target, reference.known, reference.kind
        # Another design's element (design#element) is resolved across designs (DL600, DL601).
        if target not in known and not is_element_ref(target):
            index = indexes.get(id(known))
            if index is None:
                index = indexes[id(known)] = NameSuggestions(known)
                indexed.append(known)
            hint = index.hint(target) or (f"declare a {kind} with id '{target}'" if known else None)
            yield Problem(reference.path, f"'{target}' is not a declared {kind}", hint=hint, at_key=False)


@reads("architecture")
def sync_dependency_cycle(design, options) -> Iterator[Problem]:
    """Report each cycle of synchronous calls once, at the edge that closes it."""
    if not design.architecture:
        return
    components = design.architecture.components
    index = {c.id: i for i, c in enumerate(components)}
    edges = {
        c.id: [(j, d.target) for j, d in enumerate(c.depends_on) if d.mode == "sync" and d.target in index]
        for c in components
    }
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    reported: set[frozenset[str]] = set()
    for start in sorted(edges):
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator]] = [(start, iter(edges[start]))]
        trail = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            step = next(children, None)
            if step is None:
                state[node] = 2
                stack.pop()
                trail.pop()
                continue
            j, target = step
            if state.get(target) == 1:
                cycle = trail[trail.index(target) :] + [target]
                key = frozenset(cycle)
                if key not in reported:
                    reported.add(key)
                    yield Problem(
                        ("architecture", "components", index[node], "dependsOn", j),
                        "synchronous dependency cycle: " + " -> ".join(cycle),
                        hint="break the cycle with an asynchronous hop (a queue) or by inverting one call",
                    )
            elif not state.get(target):
                state[target] = 1
                trail.append(target)
                stack.append((target, iter(edges[target])))


CHECKS = {
    "dangling-reference": dangling_reference,
    "sync-dependency-cycle": sync_dependency_cycle,
}
