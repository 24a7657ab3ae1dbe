"""Inline suppressions: ``# designlint: ignore[DL201, DL305] reason: why this is acceptable``.

A trailing comment covers its own line; a comment alone on a line covers the next line. Either
covers everything beneath the mapping key on the covered line. A reason is required, and a
suppression that matches nothing is reported.

Suppressions are comments only: a ``#`` inside a quoted or block scalar is text, whatever follows
it (the loader records where those scalars start and end). A malformed suppression is a
positioned problem of its own file, never an abort of the run.

Everything here is linear in the size of the file: lines are scanned once, scalars are looked up
by line, and a finding is matched by walking its path's prefixes once.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from designlint.errors import Position

MARKER = "designlint:"
_CODE = re.compile(r"[A-Z]{1,6}[0-9]{3,4}")
_COMMENT_MARKER = re.compile(r"#[ \t]*designlint:")
_IGNORE = "ignore["
_REASON = "reason:"
_FORMAT = "write '# designlint: ignore[CODE, ...] reason: <why>'"


@dataclass
class Suppression:
    position: Position
    target_line: int
    codes: tuple[str, ...]
    reason: str
    used: set[str] = field(default_factory=set)


class MalformedSuppression(NamedTuple):
    position: Position
    message: str


@dataclass
class SuppressionScan:
    """The suppressions of one file, and the comments that look like one but are not readable."""

    suppressions: list[Suppression] = field(default_factory=list)
    malformed: list[MalformedSuppression] = field(default_factory=list)

    def by_line(self) -> dict[int, list[Suppression]]:
        index: dict[int, list[Suppression]] = {}
        for suppression in self.suppressions:
            index.setdefault(suppression.target_line, []).append(suppression)
        return index


class _ScalarText:
    """Where quoted and block scalars sit, to tell a comment from a ``#`` inside text.

    ``spans`` are the loader's (start mark, end mark) pairs, 0-based; a scalar owns the characters
    strictly between its start (the quote or the ``|``) and its end.
    """

    def __init__(self, spans: Iterable[tuple]):
        ordered = sorted(((s.line, s.column), (e.line, e.column)) for s, e in spans)
        self._starts = [start for start, _ in ordered]
        self._spans = ordered

    def holds(self, line: int, column: int) -> bool:
        """Whether the 0-based (line, column) is inside a scalar. Scalars never overlap."""
        spot = (line, column)
        index = bisect.bisect_left(self._starts, spot) - 1
        if index < 0:
            return False
        start, end = self._spans[index]
        return start < spot < end


def scan_suppressions(text: str, spans: Iterable[tuple] = ()) -> SuppressionScan:
    """Every suppression comment in ``text``; ``spans`` as recorded by the loader."""
    if MARKER not in text:
        return SuppressionScan()  # most files have none: no lines split, no scalars sorted
    lines = text.splitlines()
    scalars = _ScalarText(spans)
    content = _ContentLines(lines)
    scan = SuppressionScan()
    for index, line in enumerate(lines):
        if MARKER not in line:
            continue
        column = _comment_marker(line, index, scalars)
        if column is None:
            continue
        position = Position(index + 1, column + 1)
        body = line[column + len(MARKER) :]
        parsed = _parse(body)
        if isinstance(parsed, str):
            scan.malformed.append(MalformedSuppression(position, parsed))
            continue
        codes, reason = parsed
        standalone = line[:column].rstrip().rstrip("#").strip() == ""
        target = content.after(index) if standalone else index + 1
        scan.suppressions.append(Suppression(position, target, codes, reason))
    return scan


def parse_suppressions(text: str, file: str = "", spans: Iterable[tuple] = ()) -> list[Suppression]:
    """The readable suppressions of ``text`` (malformed ones are left to the engine to report)."""
    return scan_suppressions(text, spans).suppressions


def _comment_marker(line: str, index: int, scalars: _ScalarText) -> int | None:
    """Column of ``designlint:`` in a comment on this line, or None when there is none."""
    start = 0
    while True:
        hash_at = line.find("#", start)
        if hash_at < 0:
            return None
        start = hash_at + 1
        if hash_at and not line[hash_at - 1].isspace():
            continue  # `a#b` is text in YAML: a comment starts after whitespace
        if not scalars.holds(index, hash_at):
            break
    # The first real comment runs to the end of the line.
    marker = _COMMENT_MARKER.search(line, hash_at)
    return marker.end() - len(MARKER) if marker else None


def _parse(body: str) -> tuple[tuple[str, ...], str] | str:
    """``(codes, reason)`` from the text after ``designlint:``, or why it cannot be read."""
    rest = body.lstrip()
    if not rest.startswith(_IGNORE):
        return f"malformed suppression: {_FORMAT}"
    close = rest.find("]", len(_IGNORE))
    if close < 0:
        return f"malformed suppression: {_FORMAT}"
    codes = tuple(code.strip() for code in rest[len(_IGNORE) : close].split(",") if code.strip())
    if not codes:
        return "malformed suppression: no rule code"
    bad = [code for code in codes if not _CODE.fullmatch(code)]
    if bad:
        return f"malformed suppression: not a rule code: {', '.join(bad)}"
    tail = rest[close + 1 :].strip()
    if tail and not tail.startswith(_REASON):
        return f"malformed suppression: {_FORMAT}"
    reason = tail[len(_REASON) :].strip()
    if not reason:
        return "suppression needs a reason: '# designlint: ignore[...] reason: <why>'"
    return codes, reason


class _ContentLines:
    """The next line holding YAML content after a given line, found in one pass overall."""

    def __init__(self, lines: list[str]):
        self._lines = lines
        # For a blank or comment line: the 1-based content line after it (None: there is none).
        self._next: dict[int, int | None] = {}

    def after(self, index: int) -> int:
        """The 1-based line of the first content line after 0-based ``index`` (its own if none)."""
        visited = []
        later = index + 1
        found: int | None = None
        while later < len(self._lines):
            if later in self._next:
                found = self._next[later]
                break
            stripped = self._lines[later].strip()
            if stripped and not stripped.startswith("#"):
                found = later + 1
                break
            visited.append(later)
            later += 1
        for seen in visited:  # blank and comment lines lead to the same content line
            self._next[seen] = found
        return found if found is not None else index + 1
