"""``given`` selectors: a small, predictable subset of JSONPath.

Supported: ``$`` (the document), ``.key``, ``['key']``, ``[n]``, ``[*]`` (every list item) and
``.*`` (every value of a mapping). Selecting is separate from asserting (Spectral's given/then).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from designlint.findings import DocPath

_TOKEN = re.compile(
    r"\.(?P<key>[A-Za-z_][A-Za-z0-9_-]*)|\.\*(?P<star>)|\[\*\](?P<all>)|\[(?P<index>\d+)\]|\['(?P<quoted>[^']+)'\]"
)

WILDCARD = object()


class SelectorError(ValueError):
    pass


@dataclass(frozen=True)
class Selector:
    text: str
    steps: tuple[Any, ...]

    def select(self, document: Any) -> Iterator[tuple[DocPath, Any]]:
        frontier: list[tuple[DocPath, Any]] = [((), document)]
        for step in self.steps:
            nxt: list[tuple[DocPath, Any]] = []
            for path, node in frontier:
                if step is WILDCARD:
                    if isinstance(node, list):
                        nxt.extend(((*path, i), item) for i, item in enumerate(node))
                    elif isinstance(node, dict):
                        nxt.extend(((*path, k), v) for k, v in node.items())
                elif isinstance(step, int):
                    if isinstance(node, list) and step < len(node):
                        nxt.append(((*path, step), node[step]))
                elif isinstance(node, dict) and step in node:
                    nxt.append(((*path, step), node[step]))
            frontier = nxt
        yield from frontier


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
