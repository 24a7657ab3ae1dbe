"""Markdown for pull-request comments. Text from designs is data: escaped so it cannot format,
link, mention people or close the HTML blocks it sits in."""

from __future__ import annotations

import re

from designlint.reporters import printable

# "@" would mention people, "#" link issues, "|" end a table cell, "$" open inline maths.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "@": "&#64;", "#": "&#35;", "|": "&#124;", "$": "&#36;"}
_MARKUP = re.compile(r"([\\`*_\[\]~])")


def md(text: object) -> str:
    """Inline Markdown for a piece of design text: one line, no formatting, safe in a table cell."""
    flat = " ".join(printable(str(text)).split())
    flat = "".join(_ENTITIES.get(ch, ch) for ch in flat)
    return _MARKUP.sub(r"\\\1", flat)


def html(text: object) -> str:
    """Text for an HTML element such as ``<summary>``, where Markdown escapes do not apply."""
    flat = " ".join(printable(str(text)).split())
    return "".join(_ENTITIES.get(ch, ch) for ch in flat)


def code(text: object) -> str:
    """A code span for identifiers designlint controls (rule codes); backticks cannot appear."""
    return f"`{str(text).replace('`', '')}`"


def details(summary: str, body: list[str]) -> list[str]:
    """A folded block; ``summary`` must already be HTML-safe (see :func:`html`)."""
    return ["<details>", f"<summary>{summary}</summary>", "", *body, "", "</details>", ""]
