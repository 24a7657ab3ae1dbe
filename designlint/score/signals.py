"""Counting signals in a design: how many substantive items a section holds, not whether its key exists."""

from __future__ import annotations

from typing import Any

from designlint.score.guidance import Signal


def filled(value: Any) -> bool:
    """Whether a value says something: not missing, empty or false."""
    return value not in (None, "", [], {}, False)


def lookup(node: Any, dotted: str) -> Any:
    """The value at a dotted path of mappings, or None."""
    for part in dotted.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def select(data: dict, path: str) -> list[Any]:
    """The items a path names; ``name[]`` walks into every item of a list, a final list is its items."""
    nodes: list[Any] = [data]
    for part in path.split("."):
        walk = part.endswith("[]")
        key = part[:-2] if walk else part
        following: list[Any] = []
        for node in nodes:
            value = node.get(key) if isinstance(node, dict) else None
            if walk:
                following.extend(value if isinstance(value, list) else [])
            elif value is not None:
                following.append(value)
        nodes = following
    flattened: list[Any] = []
    for node in nodes:
        flattened.extend(node if isinstance(node, list) else [node])
    return [node for node in flattened if filled(node)]


def count(signal: Signal, data: dict) -> int:
    """How many substantive instances of ``signal`` the design data holds."""
    if signal.present:
        return sum(1 for path in signal.present if filled(lookup(data, path)))
    items = [item for item in select(data, signal.count or "") if _qualifies(signal, item)]
    if signal.distinct:
        return len({str(value) for item in items if filled(value := lookup(item, signal.distinct))})
    return len(items)


def _qualifies(signal: Signal, item: Any) -> bool:
    if isinstance(item, str):
        return not signal.where and not signal.having and len(item.split()) >= signal.words
    if isinstance(item, dict):
        if any(item.get(key) != value for key, value in signal.where.items()):
            return False
        return all(filled(lookup(item, key)) for key in signal.having)
    return filled(item) and not signal.where and not signal.having
