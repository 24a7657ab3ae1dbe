"""Completion the schema cannot give: the design's own names where the format expects them.

Component ids after ``target:`` (and in ``dependsOn`` lists), team ids after ``owner:``/``owners``/
``team:``, users, latency operations, request paths and runbooks where those are referred to,
quantity names inside formulas, and rule codes inside ``# designlint: ignore[...]``.

The context is read from the text before the cursor, so completion works while the line being
typed does not parse; the names come from the newest version of the design that validated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lsprotocol import types

from designlint.server.positions import LineIndex, Span
from designlint.server.snapshot import Snapshot

# The key whose value is being typed -> the kind of name it takes.
KEY_KINDS = {
    "target": "component",
    "component": "component",
    "service": "component",
    "dependsOn": "component",
    "owner": "team",
    "owners": "team",
    "team": "team",
    "user": "user",
    "operations": "operation",  # a latency, freshness or throughput target's
    "operation": "latency operation",
    "flows": "request path",
    "runbook": "runbook",
    "formula": "quantity",
    "load": "quantity",
    "quantityRef": "quantity",
    "users": "quantity",  # cost.users; the top-level `users:` section is not a value
}
_ITEM_KINDS = {
    "component": types.CompletionItemKind.Module,
    "team": types.CompletionItemKind.Folder,
    "quantity": types.CompletionItemKind.Variable,
}
_FORMULA_KEYS = frozenset({"formula", "load"})
_SUPPRESSION = re.compile(r"#\s*designlint:\s*ignore\[(?:[^\]]*,)?\s*(?P<word>[A-Za-z0-9]*)$")
_KEY = re.compile(r"(?P<key>[A-Za-z_][A-Za-z0-9_]*)[ \t]*:(?=[ \t]|$)")
_LIST_ITEM = re.compile(r"^(?P<indent>[ \t]*)-[ \t]*[A-Za-z0-9_.-]*$")
_PARENT = re.compile(r"^(?P<indent>[ \t]*)(?:-[ \t]+)?(?P<key>[A-Za-z_][A-Za-z0-9_]*)[ \t]*:[ \t]*(?:#.*)?$")
_ID_WORD = re.compile(r"[A-Za-z0-9_.-]*$")
_NAME_WORD = re.compile(r"[A-Za-z0-9_]*$")
_LOOK_BACK = 200  # lines searched upwards for the key a list item belongs to


def completions(
    lines: LineIndex, position: types.Position, names: Snapshot | None, rules: dict | None
) -> list[types.CompletionItem]:
    offset = lines.offset(position)
    line = lines.line_of(offset)
    prefix = lines.buffer[lines.line_start(line) : offset]
    suppression = _SUPPRESSION.search(prefix)
    if suppression is not None:
        word = Span(offset - len(suppression["word"]), offset)
        return _rule_codes(lines, word, rules or {})
    if _in_comment(prefix) or names is None:
        return []
    key = _key_of(lines, line, prefix)
    kind = KEY_KINDS.get(key or "")
    if kind is None or (key == "users" and not prefix[:1].isspace()):
        return []
    word_pattern = _NAME_WORD if key in _FORMULA_KEYS else _ID_WORD
    typed = word_pattern.search(prefix)
    word = Span(offset - len(typed.group()) if typed else offset, offset)
    template = "target: {}" if key == "dependsOn" and _LIST_ITEM.match(prefix) else "{}"
    return _names(lines, word, kind, names, template)


def _in_comment(prefix: str) -> bool:
    return prefix.lstrip().startswith("#") or " #" in prefix


def _key_of(lines: LineIndex, line: int, prefix: str) -> str | None:
    """The key whose value the cursor is in: on this line, or the list's key above it."""
    found = None
    for match in _KEY.finditer(prefix):
        found = match
    if found is not None:
        rest = prefix[found.end() :]
        return None if "{" in rest else found["key"]
    item = _LIST_ITEM.match(prefix)
    if item is None:
        return None
    indent = len(item["indent"])
    for above in range(line - 1, max(line - _LOOK_BACK, -1), -1):
        text = lines.line_text(above)
        if not text.strip() or text.lstrip().startswith("#"):
            continue
        parent = _PARENT.match(text)
        width = len(text) - len(text.lstrip())
        if parent is not None and len(parent["indent"]) <= indent:
            return parent["key"]
        if width < indent:
            return None
    return None


_KINDS = {"operation": ("latency operation", "freshness operation", "throughput operation")}


def _names(
    lines: LineIndex, word: Span, kind: str, names: Snapshot, template: str
) -> list[types.CompletionItem]:
    design = names.design
    details = _details(design, kind) if design is not None else {}
    found = list(dict.fromkeys(name for each in _KINDS.get(kind, (kind,)) for name in names.names(each)))
    return [
        types.CompletionItem(
            label=name,
            kind=_ITEM_KINDS.get(kind, types.CompletionItemKind.Reference),
            detail=details.get(name) or kind,
            filter_text=name,
            sort_text=f"{index:05d}",
            text_edit=types.TextEdit(range=lines.range(word), new_text=template.format(name)),
        )
        for index, name in enumerate(found)
    ]


def _details(design, kind: str) -> dict[str, str]:
    pairs: Iterable[tuple[str, str]] = ()
    if kind == "component" and design.architecture:
        pairs = ((c.id, f"{c.kind}: {c.name}") for c in design.architecture.components)
    elif kind == "team":
        pairs = ((t.id, t.name or "team") for t in design.teams)
    elif kind == "quantity" and design.scale:
        pairs = (
            (q.name, str(q.value) if q.value is not None else (q.formula or "quantity"))
            for q in design.scale.quantities
        )
    elif kind == "user":
        pairs = ((u.id, u.name) for u in design.users)
    return dict(pairs)


def _rule_codes(lines: LineIndex, word: Span, rules: dict) -> list[types.CompletionItem]:
    return [
        types.CompletionItem(
            label=code,
            kind=types.CompletionItemKind.Value,
            detail=compiled.name,
            documentation=compiled.rule.message,
            sort_text=code,
            text_edit=types.TextEdit(range=lines.range(word), new_text=code),
        )
        for code, compiled in sorted(rules.items())
    ]
