"""Code actions: fill in the numbers the design determines, suppress a finding with a reason, and
turn a placeholder answer back into the prompt of the field it stands in for.

Filled values are exactly what ``designlint fix`` writes: the same fills
(``designlint.analysis.fills``) spliced into the text the same way (``designlint.analysis.splice``),
returned as edits instead of written to disk.
"""

from __future__ import annotations

import difflib
import re

from lsprotocol import types

from designlint.errors import DesignlintError
from designlint.server.checking import Located
from designlint.server.fields import field_doc
from designlint.server.positions import Span
from designlint.server.snapshot import Snapshot

FIX_ALL = "source.fixAll.designlint"
PLACEHOLDER = "DL015"
# Findings a suppression comment cannot or should not cover: internal errors, files that do not
# load (DL001-DL006), malformed and unused suppressions themselves.
_NOT_SUPPRESSIBLE = frozenset(
    {"DL000", "DL001", "DL002", "DL003", "DL004", "DL005", "DL006", "DL008", "DL009"}
)
REASON_PLACEHOLDER = "<why this is acceptable>"
_SUGGESTION = re.compile(r"did you mean '(?P<name>[^']+)'\?")
_WORD = re.compile(r"[A-Za-z0-9_.-]+")
_KEY_LINE = re.compile(r"^(?P<indent>[ \t]*)(?P<key>[A-Za-z_][A-Za-z0-9_]*)[ \t]*:[ \t]")


def code_actions(
    snapshot: Snapshot, requested: Span, located: list[Located], only: list[str] | None
) -> list[types.CodeAction]:
    actions: list[types.CodeAction] = []

    def wanted(kind: str) -> bool:
        return not only or any(kind == o or kind.startswith(o + ".") for o in only)

    here = [entry for entry in located if _overlaps(snapshot.lines.span(entry.diagnostic.range), requested)]
    if wanted(types.CodeActionKind.QuickFix):
        for entry in here:
            if entry.finding is not None and entry.finding.code == PLACEHOLDER:
                action = _prompt(snapshot, entry)
                if action is not None:
                    actions.append(action)
        for entry in here:
            action = _did_you_mean(snapshot, entry)
            if action is not None:
                actions.append(action)
        actions.extend(_fill_here(snapshot, requested))
        for entry in here:
            action = _suppress(snapshot, entry)
            if action is not None:
                actions.append(action)
    if wanted(FIX_ALL):
        action = _fill_all(snapshot)
        if action is not None:
            actions.append(action)
    return actions


def _overlaps(a: Span, b: Span) -> bool:
    return a.start <= b.end and b.start <= a.end


def _edit(snapshot: Snapshot, span: Span, text: str) -> types.TextEdit:
    return types.TextEdit(range=snapshot.lines.range(span), new_text=text)


def _workspace(snapshot: Snapshot, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={snapshot.uri: edits})


# --- suppression -----------------------------------------------------------------------------


def _suppress(snapshot: Snapshot, entry: Located) -> types.CodeAction | None:
    finding = entry.finding
    if finding is None or finding.code in _NOT_SUPPRESSIBLE:
        return None
    lines = snapshot.lines
    line = lines.line_of(lines.span(entry.diagnostic.range).start)
    text = lines.line_text(line)
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    comment = f"{indent}# designlint: ignore[{finding.code}] reason: {REASON_PLACEHOLDER}{lines.line_break()}"
    start = lines.line_start(line)
    return types.CodeAction(
        title=f"Suppress {finding.code} here (say why in the reason)",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[entry.diagnostic],
        edit=_workspace(snapshot, [_edit(snapshot, Span(start, start), comment)]),
    )


# --- did you mean ---------------------------------------------------------------------------


def _did_you_mean(snapshot: Snapshot, entry: Located) -> types.CodeAction | None:
    """A finding whose hint suggests a name (an unknown key, an undeclared id): write the suggestion in."""
    finding = entry.finding
    suggestion = _SUGGESTION.search(finding.hint or "") if finding is not None else None
    if suggestion is None:
        return None
    buffer = snapshot.lines.buffer
    start = snapshot.lines.span(entry.diagnostic.range).start
    if buffer[start : start + 1] in ("'", '"'):
        start += 1
    word = _WORD.match(buffer, start)
    if word is None or word.group() == suggestion["name"]:
        return None
    return types.CodeAction(
        title=f"Change '{word.group()}' to '{suggestion['name']}'",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[entry.diagnostic],
        is_preferred=True,
        edit=_workspace(snapshot, [_edit(snapshot, Span(start, word.end()), suggestion["name"])]),
    )


# --- placeholders ----------------------------------------------------------------------------


def _prompt(snapshot: Snapshot, entry: Located) -> types.CodeAction | None:
    """``rollback: TBD`` -> ``# rollback: <what the field asks>``, when the field may be left out.

    Only a placeholder written on its key's own line (not a list item's first key, not inside a
    flow mapping) is turned back into a prompt: anything else would change the structure around it.
    """
    finding = entry.finding
    assert finding is not None
    path = finding.path
    if not path or not isinstance(path[-1], str) or snapshot.document is None:
        return None
    doc = field_doc(path)
    if doc is None or doc.required:
        return None
    lines = snapshot.lines
    where = snapshot.document.positions.key(path)
    if where is None:
        return None
    key_start = lines.offset_of(where)
    line = lines.line_of(key_start)
    text = lines.line_text(line)
    match = _KEY_LINE.match(text)
    value = snapshot.document.positions.value(path)
    if match is None or match["key"] != path[-1] or value is None:
        return None
    if lines.line_of(lines.offset_of(value)) != line:
        return None  # a block scalar: the placeholder is on the lines below
    ask = (doc.description or "what this field asks").strip().split("\n\n")[0].replace("\n", " ")
    start = lines.line_start(line)
    replacement = f"{match['indent']}# {path[-1]}: {ask}"
    return types.CodeAction(
        title=f"Replace the placeholder with the prompt for '{path[-1]}'",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[entry.diagnostic],
        is_preferred=True,
        edit=_workspace(snapshot, [_edit(snapshot, Span(start, start + len(text)), replacement)]),
    )


# --- fill ------------------------------------------------------------------------------------


def _fills(snapshot: Snapshot) -> list:
    if snapshot.design is None:
        return []
    if "fills" not in snapshot.memo:
        from designlint.analysis.fills import fills

        try:
            snapshot.memo["fills"] = fills(snapshot.design)
        except Exception:  # a half-written design's numbers: no fill offered rather than an error
            snapshot.memo["fills"] = []
    return snapshot.memo["fills"]


def fill_edits(snapshot: Snapshot, planned: list) -> list[types.TextEdit] | None:
    """The edits ``designlint fix`` would make for ``planned`` fills; None when it would refuse."""
    from designlint.analysis.splice import Placement, splice

    document = snapshot.document
    if document is None or not planned:
        return None
    placements = [Placement(fill.mapping, fill.key, fill.after, fill.text) for fill in planned]
    try:
        updated = splice(document.text, document.file, document.data, placements)
    except DesignlintError:
        return None
    return text_edits(snapshot, document.text, updated)


def text_edits(snapshot: Snapshot, before: str, after: str) -> list[types.TextEdit]:
    """Line-wise edits turning ``before`` (the buffer without a byte-order mark) into ``after``."""
    old = before.splitlines(keepends=True)
    new = after.splitlines(keepends=True)
    starts = [0]
    for line in old:
        starts.append(starts[-1] + len(line))
    base = snapshot.lines.base
    edits = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            span = Span(base + starts[i1], base + starts[i2])
            edits.append(_edit(snapshot, span, "".join(new[j1:j2])))
    return edits


def _fill_all(snapshot: Snapshot) -> types.CodeAction | None:
    planned = _fills(snapshot)
    edits = fill_edits(snapshot, planned)
    if not edits:
        return None
    count = len(planned)
    return types.CodeAction(
        title=f"Fill in the {count} value{'s' if count != 1 else ''} the design determines (designlint fix)",
        kind=FIX_ALL,
        edit=_workspace(snapshot, edits),
    )


def _fill_here(snapshot: Snapshot, requested: Span) -> list[types.CodeAction]:
    """A quick fix per fill whose mapping the cursor is in (on its first line or one of its keys)."""
    document = snapshot.document
    if document is None:
        return []
    lines = snapshot.lines
    cursor_line = lines.line_of(requested.start)
    actions = []
    for fill in _fills(snapshot):
        mapping = snapshot.value_at(fill.mapping)
        if not isinstance(mapping, dict):
            continue
        places = [document.positions.value(fill.mapping)]
        places += [document.positions.key((*fill.mapping, key)) for key in mapping]
        touched = {lines.line_of(lines.offset_of(place)) for place in places if place is not None}
        if cursor_line not in touched:
            continue
        edits = fill_edits(snapshot, [fill])
        if edits:
            actions.append(
                types.CodeAction(
                    title=f"Fill in {fill.key}: {fill.text} ({fill.why})",
                    kind=types.CodeActionKind.QuickFix,
                    edit=_workspace(snapshot, edits),
                )
            )
    return actions
