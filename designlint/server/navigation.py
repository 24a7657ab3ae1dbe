"""Following names around a design: definition, references, rename and the outline.

Every id the format cross-references is covered (components, teams, users, latency operations,
request paths, runbooks, and quantity names inside formulas), from the same walk the
dangling-reference check uses (``designlint.analysis.references``).
"""

from __future__ import annotations

import re
from typing import Any

from lsprotocol import types

from designlint.findings import DocPath
from designlint.server.positions import Span
from designlint.server.snapshot import Occurrence, Snapshot

_IDENTIFIER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_QUANTITY_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class RenameRefused(ValueError):
    """A rename that would break the design; the message says why."""


def _location(snapshot: Snapshot, span: Span) -> types.Location:
    return types.Location(uri=snapshot.uri, range=snapshot.lines.range(span))


def definition(snapshot: Snapshot, offset: int) -> list[types.Location]:
    occurrence = snapshot.occurrence_at(offset)
    if occurrence is None:
        return []
    return [
        _location(snapshot, o.span)
        for o in snapshot.occurrences_of(occurrence.kind, occurrence.name)
        if o.definition
    ]


def references(snapshot: Snapshot, offset: int, include_declaration: bool) -> list[types.Location]:
    occurrence = snapshot.occurrence_at(offset)
    if occurrence is None:
        return []
    return [
        _location(snapshot, o.span)
        for o in snapshot.occurrences_of(occurrence.kind, occurrence.name)
        if include_declaration or not o.definition
    ]


def prepare_rename(snapshot: Snapshot, offset: int) -> types.PrepareRenamePlaceholder | None:
    occurrence = snapshot.occurrence_at(offset)
    if occurrence is None or not any(
        o.definition for o in snapshot.occurrences_of(occurrence.kind, occurrence.name)
    ):
        return None
    return types.PrepareRenamePlaceholder(
        range=snapshot.lines.range(occurrence.span), placeholder=occurrence.name
    )


def rename(snapshot: Snapshot, offset: int, new_name: str) -> types.WorkspaceEdit | None:
    """Every definition of and reference to the name under ``offset``, renamed; RenameRefused if unsafe."""
    from designlint.loader.resolver import resolve_plain

    occurrence = snapshot.occurrence_at(offset)
    if occurrence is None:
        return None
    pattern = _QUANTITY_NAME if occurrence.kind == "quantity" else _IDENTIFIER
    if not pattern.match(new_name) or len(new_name) > 100:
        allowed = (
            "letters, digits and '_'"
            if occurrence.kind == "quantity"
            else "letters, digits, '-', '_' and '.'"
        )
        raise RenameRefused(f"'{new_name}' is not a {occurrence.kind} name: use {allowed}")
    if not isinstance(resolve_plain(new_name), str):
        raise RenameRefused(
            f"'{new_name}' would be read as a {type(resolve_plain(new_name)).__name__}, not a name"
        )
    if new_name != occurrence.name and any(
        o.definition for o in snapshot.occurrences_of(occurrence.kind, new_name)
    ):
        raise RenameRefused(f"there is already a {occurrence.kind} named '{new_name}'")
    everywhere: list[Occurrence] = snapshot.occurrences_of(occurrence.kind, occurrence.name)
    edits = [types.TextEdit(range=snapshot.lines.range(o.span), new_text=new_name) for o in everywhere]
    return types.WorkspaceEdit(changes={snapshot.uri: edits})


# --- outline ---------------------------------------------------------------------------------

_NAME_KEYS = ("id", "name", "operation", "title", "statement", "item", "pattern", "factor", "driver")
_ITEM_KINDS = {
    "components": types.SymbolKind.Class,
    "paths": types.SymbolKind.Function,
    "quantities": types.SymbolKind.Variable,
    "teams": types.SymbolKind.Struct,
    "users": types.SymbolKind.Object,
    "slos": types.SymbolKind.Number,
    "latency": types.SymbolKind.Number,
}
_MAX_DEPTH = 2
_MAX_NAME = 60


def document_symbols(snapshot: Snapshot) -> list[types.DocumentSymbol]:
    """Sections, and inside them the named items and sub-sections (components, paths, quantities...)."""
    if snapshot.document is None:
        return []
    return _mapping_symbols(snapshot, (), snapshot.document.data, len(snapshot.lines.buffer), 0)


def _key_start(snapshot: Snapshot, path: DocPath) -> int | None:
    assert snapshot.document is not None
    position = snapshot.document.positions.key(path)
    return snapshot.lines.offset_of(position) if position is not None else None


def _value_start(snapshot: Snapshot, path: DocPath) -> int | None:
    assert snapshot.document is not None
    position = snapshot.document.positions.value(path)
    return snapshot.lines.offset_of(position) if position is not None else None


def _trimmed(snapshot: Snapshot, start: int, end: int) -> int:
    buffer = snapshot.lines.buffer
    while end > start and buffer[end - 1] in " \t\r\n":
        end -= 1
    return end


def _children(
    snapshot: Snapshot, path: DocPath, value: Any, end: int, depth: int
) -> list[types.DocumentSymbol]:
    if depth > _MAX_DEPTH:
        return []
    if isinstance(value, dict):
        return _mapping_symbols(snapshot, path, value, end, depth)
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return _item_symbols(snapshot, path, value, end, depth)
    return []


def _mapping_symbols(
    snapshot: Snapshot, path: DocPath, mapping: dict, end: int, depth: int
) -> list[types.DocumentSymbol]:
    starts = [(key, _key_start(snapshot, (*path, key))) for key in mapping]
    placed = [(key, start) for key, start in starts if start is not None]
    symbols = []
    for index, (key, start) in enumerate(placed):
        stop = placed[index + 1][1] if index + 1 < len(placed) else end
        stop = _trimmed(snapshot, start, max(start, stop))
        children = _children(snapshot, (*path, key), mapping[key], stop, depth + 1)
        if depth > 0 and not children:
            continue  # below the sections, only keys that hold named things
        selection = snapshot.lines.token(start)
        symbols.append(
            types.DocumentSymbol(
                name=str(key) or '""',
                kind=types.SymbolKind.Module if depth == 0 else types.SymbolKind.Namespace,
                range=snapshot.lines.range(Span(start, max(stop, selection.end))),
                selection_range=snapshot.lines.range(selection),
                children=children or None,
            )
        )
    return symbols


def _item_symbols(
    snapshot: Snapshot, path: DocPath, items: list, end: int, depth: int
) -> list[types.DocumentSymbol]:
    starts = [_value_start(snapshot, (*path, i)) for i in range(len(items))]
    kind = _ITEM_KINDS.get(str(path[-1]), types.SymbolKind.Object)
    symbols = []
    for index, item in enumerate(items):
        start = starts[index]
        if start is None:
            continue
        following = next((s for s in starts[index + 1 :] if s is not None), end)
        stop = _trimmed(snapshot, start, max(start, following))
        name_key = next((k for k in _NAME_KEYS if isinstance(item.get(k), str | int | float)), None)
        name = str(item[name_key]) if name_key else f"[{index}]"
        if len(name) > _MAX_NAME:
            name = name[: _MAX_NAME - 3] + "..."
        selection = (
            snapshot.value_span((*path, index, name_key)) if name_key else None
        ) or snapshot.lines.token(start)
        detail = item.get("kind") if isinstance(item.get("kind"), str) else None
        if detail is None and name_key == "id" and isinstance(item.get("name"), str):
            detail = item["name"]
        symbols.append(
            types.DocumentSymbol(
                name=name or f"[{index}]",
                kind=kind,
                detail=detail,
                range=snapshot.lines.range(Span(start, max(stop, selection.end))),
                selection_range=snapshot.lines.range(selection),
            )
        )
    return symbols
