"""What a view draws, as plain data: nodes, clusters and edges with their text still raw.

Views build a :class:`Scene` from the design without touching Graphviz; :mod:`.draw` turns it
into DOT, escaping every piece of text there and only there. ``attrs`` hold Graphviz attributes
chosen by the views themselves (colours, styles, ids made from model identifiers), never text
taken from the design.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

ELLIPSIS = "…"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Line:
    """One line of a label; ``size`` and ``color`` style it."""

    text: str
    size: int | None = None
    color: str | None = None
    bold: bool = False


@dataclass
class Node:
    id: str
    lines: list[Line]
    tooltip: str = ""
    icon: tuple[str, str | None] | None = None
    """(kind, technology) for an icon node; None for a plain box."""
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Edge:
    source: str
    target: str
    lines: list[Line] = field(default_factory=list)
    tooltip: str = ""
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Cluster:
    id: str
    lines: list[Line]
    nodes: list[Node] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    tooltip: str = ""
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class Scene:
    name: str
    """The graph's DOT name: a constant chosen by the view."""
    title: list[Line]
    direction: str = "LR"
    nodes: list[Node] = field(default_factory=list)
    clusters: list[Cluster] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)
    """(fill colour, meaning) rows shown under the title."""


def one_line(text: str | None) -> str:
    """Collapse whitespace (newlines included) and drop control characters."""
    if not text:
        return ""
    return " ".join(_CONTROL.sub("", text).split())


def shorten(text: str | None, limit: int) -> str:
    """One line of at most ``limit`` characters, cut with an ellipsis."""
    flat = one_line(text)
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + ELLIPSIS


MAX_LABEL_LINES = 12
"""Labels wrap in full up to this many lines; only text longer than any real name is cut (the
element's hover title still holds all of it)."""


def wrap(text: str | None, width: int, max_lines: int = MAX_LABEL_LINES) -> list[str]:
    """Wrap to lines of ``width`` characters; the last of ``max_lines`` ends in an ellipsis if cut."""
    lines = textwrap.wrap(one_line(text), width=width, break_long_words=True, break_on_hyphens=False)
    if len(lines) <= max_lines:
        return lines
    return lines[: max_lines - 1] + [shorten(" ".join(lines[max_lines - 1 :]), width)]


def tooltip(*parts: str | None, limit: int = 600) -> str:
    """Join the non-empty parts as one line for a hover tooltip."""
    return shorten(" · ".join(one_line(part) for part in parts if part and one_line(part)), limit)


def slug(text: str) -> str:
    """A DOT-safe identifier fragment made from model text (ids are already safe; owners may not be)."""
    return re.sub(r"[^A-Za-z0-9_]+", "_", text).strip("_")[:40] or "x"
