"""``given`` selectors: a small, predictable subset of JSONPath.

Supported: ``$`` (the document), ``.key``, ``['key']``, ``[n]``, ``[*]`` (every list item) and
``.*`` (every value of a mapping). Selecting is separate from asserting (Spectral's given/then).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from designlint.findings import DocPath

_TOKEN = re.compile(
    r"\.(?P<key>[A-Za-z_][A-Za-z0-9_-]*)|\.\*(?P<star>)|\[\*\](?P<all>)|\[(?P<index>\d+)\]|\['(?P<quoted>[^']+)'\]"
)

WILDCARD = object()


class SelectorError(ValueError):
    pass


class Selector(NamedTuple):  # a named tuple: cheaper to define at start-up than a dataclass
    text: str
    steps: tuple[Any, ...]

    def select(self, document: Any) -> Iterator[tuple[DocPath, Any]]:
        frontier: list[tuple[DocPath, Any]] = [((), document)]
        for step in self.steps:
            nxt: list[tuple[DocPath, Any]] = []
            append = nxt.append
            if step is WILDCARD:
                for path, node in frontier:
                    if isinstance(node, list):
                        for index, item in enumerate(node):
                            append(((*path, index), item))
                    elif isinstance(node, dict):
                        for key, value in node.items():
                            append(((*path, key), value))
            elif isinstance(step, int):
                for path, node in frontier:
                    if isinstance(node, list) and step < len(node):
                        append(((*path, step), node[step]))
            else:
                for path, node in frontier:
                    if isinstance(node, dict) and step in node:
                        append(((*path, step), node[step]))
            frontier = nxt
        return iter(frontier)

    def nodes(self, document: Any) -> Iterator[Any]:
        """The selected nodes without their paths, one at a time: enough to ask whether there is one."""
        return _nodes(document, self.steps, 0)


def _nodes(node: Any, steps: tuple[Any, ...], depth: int) -> Iterator[Any]:
    # Keys lead most selectors: follow them without a frame each.
    while depth < len(steps) and steps[depth] is not WILDCARD:
        step = steps[depth]
        if isinstance(step, int):
            if not (isinstance(node, list) and step < len(node)):
                return
        elif not (isinstance(node, dict) and step in node):
            return
        node = node[step]
        depth += 1
    if depth == len(steps):
        yield node
        return
    children = node if isinstance(node, list) else node.values() if isinstance(node, dict) else ()
    for child in children:
        yield from _nodes(child, steps, depth + 1)


def compile_selector(text: str) -> Selector:
    if not text.startswith("$"):
        raise SelectorError(f"selector '{text}' must start with '$'")
    steps: list[Any] = []
    pos = 1
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise SelectorError(f"selector '{text}': cannot read '{text[pos:]}' (use .key, [*], .*, [n])")
        if match["key"] is not None:
            steps.append(match["key"])
        elif match["quoted"] is not None:
            steps.append(match["quoted"])
        elif match["index"] is not None:
            steps.append(int(match["index"]))
        else:
            steps.append(WILDCARD)
        pos = match.end()
    return Selector(text, tuple(steps))
