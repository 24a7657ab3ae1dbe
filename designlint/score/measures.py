"""Walking the validated design for the grading: instances with their document paths, what counts
as filled in, and the few structural measures a signal names with ``@name``.

Everything here reads the model the engine validated (placeholders already blanked), never the
file's text, and never searches text for words: a text answer counts by being there and long
enough, the rest by structure (types, references between sections).
"""

from __future__ import annotations

import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import BaseModel

from designlint.findings import DocPath
from designlint.model.nfr import LatencyTarget
from designlint.model.quantity import Quantity


@dataclass(frozen=True)
class Instance:
    """One thing a signal counts, at its place in the document."""

    path: DocPath
    value: Any

    @property
    def label(self) -> str:
        """How the evidence names it: its id, name or title, else its place."""
        value = self.value
        for key in LABEL_KEYS:
            found = child(value, key)
            if isinstance(found, str) and found.strip():
                return ("→ " if key == "target" else "") + _shorten(found.strip())
        if isinstance(value, str):
            return _shorten(value.strip())
        return _place(self.path)


LABEL_KEYS = (
    "id",
    "name",
    "title",
    "operation",
    "service",
    "component",
    "target",
    "pattern",
    "scenario",
    "statement",
    "driver",
    "factor",
    "condition",
    "horizon",
    "item",
)


def _shorten(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _place(path: DocPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "$"


def _aliases(model: type[BaseModel]) -> dict[str, str]:
    table = _ALIASES.get(model)
    if table is None:
        table = {(info.alias or name): name for name, info in model.model_fields.items()}
        _ALIASES[model] = table
    return table


_ALIASES: dict[type[BaseModel], dict[str, str]] = {}


def child(node: Any, key: str) -> Any:
    """The value under a YAML key: a model's field by its alias, or a mapping's entry."""
    if isinstance(node, BaseModel):
        name = _aliases(type(node)).get(key)
        return getattr(node, name) if name is not None else None
    if isinstance(node, dict):
        return node.get(key)
    return None


def is_prose(node: Any, key: str) -> bool:
    """Whether a model's field holds free text (not a choice from a list, not an identifier)."""
    if not isinstance(node, BaseModel):
        return isinstance(node, dict)
    model = type(node)
    cached = _PROSE.get((model, key))
    if cached is None:
        name = _aliases(model).get(key)
        info = model.model_fields[name] if name is not None else None
        cached = info is not None and not _is_choice(info.annotation) and not _has_pattern(info)
        _PROSE[(model, key)] = cached
    return cached


_PROSE: dict[tuple[type[BaseModel], str], bool] = {}


def _is_choice(annotation: Any) -> bool:
    options = typing.get_args(annotation) if typing.get_origin(annotation) is not None else ()
    return typing.get_origin(annotation) is typing.Literal or any(_is_choice(a) for a in options)


def _has_pattern(info: Any) -> bool:
    return any(getattr(item, "pattern", None) for item in info.metadata)


def lookup(node: Any, dotted: str) -> Any:
    """The value at a dotted path of keys (no walking into lists), or None."""
    for part in dotted.split("."):
        node = child(node, part)
        if node is None:
            return None
    return node


def filled(value: Any, words: int = 0) -> bool:
    """Whether a value says something; text needs at least ``words`` words."""
    if value is None or value is False:
        return False
    if isinstance(value, Quantity):
        return True
    if isinstance(value, str):
        return bool(value.strip()) and len(value.split()) >= words
    if isinstance(value, (list, tuple)):
        if words and value and all(isinstance(item, str) for item in value):
            return sum(len(item.split()) for item in value) >= words
        return any(filled(item) for item in value)
    if isinstance(value, dict):
        return any(filled(item) for item in value.values())
    if isinstance(value, BaseModel):
        return any(filled(getattr(value, name)) for name in type(value).model_fields)
    return True


def select(design: Any, dotted: str) -> list[Instance]:
    """The filled-in instances a path names; ``name[]`` walks into every item of a list, and a
    final list is its items."""
    nodes: list[Instance] = [Instance((), design)]
    for part in dotted.split("."):
        walk = part.endswith("[]")
        key = part[:-2] if walk else part
        following: list[Instance] = []
        for node in nodes:
            value = child(node.value, key)
            if walk:
                if isinstance(value, list):
                    following.extend(Instance((*node.path, key, i), item) for i, item in enumerate(value))
            elif value is not None:
                following.append(Instance((*node.path, key), value))
        nodes = following
    flattened: list[Instance] = []
    for node in nodes:
        if isinstance(node.value, list):
            flattened.extend(Instance((*node.path, i), item) for i, item in enumerate(node.value))
        else:
            flattened.append(node)
    return [node for node in flattened if filled(node.value)]


class Context:
    """The design, with the cross-section facts some measures read, computed once.

    ``placeholders``: the document paths the engine reported as placeholder answers (``TBD``).
    The engine blanks them where it can; a required field keeps its text, and is not an answer
    either.
    """

    def __init__(self, design: Any, placeholders: frozenset[DocPath] = frozenset()):
        self.design = design
        self.placeholders = placeholders

    @cached_property
    def alerted_components(self) -> frozenset[str]:
        observability = self.design.observability
        if observability is None:
            return frozenset()
        return frozenset(entry.component for entry in observability.metrics if entry.alerts)

    @cached_property
    def operated_components(self) -> list[Any]:
        """Components the design's own team runs: clients and external services excepted."""
        architecture = self.design.architecture
        if architecture is None:
            return []
        return [c for c in architecture.components if c.kind != "client" and not c.external]


@dataclass(frozen=True)
class StructuralMeasure:
    describe: str
    """How a gap reads in the evidence: "no alert on its component"."""
    test: Callable[[Any, Context], bool]


def _alerted(value: Any, context: Context) -> bool:
    return isinstance(child(value, "component"), str) and value.component in context.alerted_components


def _budgeted(value: Any, context: Context) -> bool:
    steps = child(value, "steps") or []
    return len(steps) >= 2 and all(child(step, "budget") is not None for step in steps)


def _fitting(value: Any, context: Context) -> bool:
    # A latency target bounds nothing until it says which percentile; a freshness or throughput
    # target (batch, streaming) is its number.
    if isinstance(value, LatencyTarget):
        return value.percentile is not None
    return child(value, "target") is not None


MEASURES: dict[str, StructuralMeasure] = {
    "alerted": StructuralMeasure("an alert on its component", _alerted),
    "budgeted": StructuralMeasure("latency budget on every step (two steps or more)", _budgeted),
    "fitting": StructuralMeasure("percentile", _fitting),
}

COUNTS: dict[str, Callable[[Context], int]] = {
    "operated-components": lambda context: len(context.operated_components),
}
"""What ``per: @name`` scales a signal's need by."""
