"""One version of one open design: its text read, validated and indexed for the editor's questions.

A snapshot never changes once built; the server keeps the newest one per document and builds
another when the text changes. Everything beyond reading and validating (the node index, the
cross-reference table, the recomputed numbers) is computed on the first question that needs it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import ValidationError

from designlint.errors import LoadError
from designlint.findings import DocPath
from designlint.loader import LoadedDocument, load_text
from designlint.server.positions import LineIndex, Span


@dataclass(frozen=True)
class Node:
    """A mapping key or a scalar value as written, with where it is in the buffer."""

    path: DocPath
    span: Span
    is_key: bool
    value: Any


@dataclass(frozen=True)
class Occurrence:
    """A name the design defines or refers to, where it is written."""

    kind: str
    name: str
    span: Span
    definition: bool
    path: DocPath


class Snapshot:
    """A buffer version, the document read from it (or why it cannot be read) and its design."""

    def __init__(
        self,
        uri: str,
        version: int | None,
        lines: LineIndex,
        document: LoadedDocument | None,
        load_error: LoadError | None,
        design: Any | None,
    ):
        self.uri = uri
        self.version = version
        self.lines = lines
        self.document = document
        self.load_error = load_error
        self.design = design
        # Answers other modules compute from this snapshot (code actions' edits, say), kept with it.
        self.memo: dict[str, Any] = {}

    @classmethod
    def read(cls, uri: str, version: int | None, lines: LineIndex, file: str) -> Snapshot:
        """Read and validate a buffer (no rules run)."""
        from designlint.model import Design

        try:
            document = load_text(lines.buffer, file)
        except LoadError as error:
            return cls(uri, version, lines, None, error, None)
        try:
            design = Design.model_validate(document.data)
        except ValidationError:
            design = None
        return cls(uri, version, lines, document, None, design)

    # --- what is where ----------------------------------------------------------------------

    def value_at(self, path: DocPath) -> Any:
        node: Any = self.document.data if self.document else None
        for step in path:
            if isinstance(step, str) and isinstance(node, dict):
                node = node.get(step)
            elif isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
                node = node[step]
            else:
                return None
        return node

    @cached_property
    def _node_starts(self) -> tuple[list[int], list[tuple[DocPath, bool]]]:
        """Where every key and scalar value starts, in buffer order (their ends are found on demand)."""
        document = self.document
        if document is None:
            return [], []
        positions = document.positions
        found: list[tuple[int, bool, DocPath]] = []
        for path in positions.paths():
            key = positions.key(path)
            if key is not None:
                found.append((self.lines.offset_of(key), True, path))
            if path and not isinstance(self.value_at(path), dict | list):
                where = positions.value(path)
                if where is not None:
                    found.append((self.lines.offset_of(where), False, path))
        found.sort(key=lambda entry: (entry[0], not entry[1]))
        return [start for start, _, _ in found], [(path, is_key) for _, is_key, path in found]

    def node_at(self, offset: int) -> Node | None:
        """The key or scalar under ``offset`` (a cursor just after a token is still on it)."""
        starts, entries = self._node_starts
        index = bisect.bisect_right(starts, offset) - 1
        while index >= 0:
            path, is_key = entries[index]
            span = self.lines.token(starts[index])
            if span.contains(offset):
                return Node(path, span, is_key, path[-1] if is_key else self.value_at(path))
            if starts[index] < offset:
                return None
            index -= 1
        return None

    def value_span(self, path: DocPath, offset: int | None = None, length: int | None = None) -> Span | None:
        """Where the value at ``path`` is written, or ``length`` characters ``offset`` into it.

        Inside quotes for a quoted value. None when the path has no position or the written text
        is not the value itself (escapes, block scalars): better nothing than a wrong place.
        """
        if self.document is None:
            return None
        where = self.document.positions.value(path)
        if where is None:
            return None
        buffer = self.lines.buffer
        start = self.lines.offset_of(where)
        if buffer[start : start + 1] in ("'", '"'):
            start += 1
        value = self.value_at(path)
        if not isinstance(value, str):
            return None
        if offset is None:
            offset, length = 0, len(value)
        length = len(value) - offset if length is None else length
        expected = value[offset : offset + length]
        start += offset
        if buffer[start : start + length] != expected:
            return None
        return Span(start, start + length)

    # --- cross-references -------------------------------------------------------------------

    @cached_property
    def occurrences(self) -> list[Occurrence]:
        """Every definition of and reference to an id, team or quantity name, in buffer order."""
        design = self.design
        if design is None:
            return []
        from designlint.analysis.references import (
            definitions,
            quantity_references,
            references,
            team_references,
        )

        found: list[Occurrence] = []
        for definition in definitions(design):
            span = self.value_span(definition.path)
            if span is not None:
                found.append(Occurrence(definition.kind, definition.name, span, True, definition.path))
        for group in (references(design), team_references(design), quantity_references(design)):
            for reference in group:
                span = self.value_span(reference.path, reference.offset, len(reference.target))
                if span is not None:
                    found.append(Occurrence(reference.kind, reference.target, span, False, reference.path))
        found.sort(key=lambda occurrence: occurrence.span.start)
        return found

    def occurrence_at(self, offset: int) -> Occurrence | None:
        for occurrence in self.occurrences:
            if occurrence.span.contains(offset):
                return occurrence
            if occurrence.span.start > offset:
                break
        return None

    def occurrences_of(self, kind: str, name: str) -> list[Occurrence]:
        return [o for o in self.occurrences if o.kind == kind and o.name == name]

    def names(self, kind: str) -> list[str]:
        """The names of one kind the design defines, in document order, each once."""
        seen: dict[str, None] = {}
        for occurrence in self.occurrences:
            if occurrence.definition and occurrence.kind == kind:
                seen.setdefault(occurrence.name)
        return list(seen)

    # --- numbers ----------------------------------------------------------------------------

    @cached_property
    def calculation(self) -> dict | None:
        """What ``designlint calc`` shows for this design; None when it does not validate."""
        if self.design is None:
            return None
        from designlint.analysis.report import calculation

        return calculation(self.design)
