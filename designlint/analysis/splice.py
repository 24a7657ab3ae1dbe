"""Put filled values into a design's own text without re-writing anything else.

The document is never serialised again. The parser's marks say where each mapping, key and
value was written; a value for a block mapping becomes one new line with its siblings'
indentation and the line ending of the line it follows, a value for a flow mapping becomes
``, key: value`` after the entry it follows. Every other byte stays as it was. The result is
read back and must hold exactly the original data plus the filled keys, or nothing is returned.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field

from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from designlint.errors import DesignlintError, LoadError
from designlint.loader import load_text
from designlint.loader.builder import PythonParser

try:
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # PyYAML built without libyaml
    _Parser = PythonParser  # type: ignore[assignment,misc]

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

# Line breaks as the YAML parser counts them.
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BREAK_CHARS = "\r\n\x85\u2028\u2029"
_BLANK = " \t" + _BREAK_CHARS
_NULLS = ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True)
class Placement:
    """One value to write: ``key`` in the mapping at document path ``mapping``."""

    mapping: tuple
    key: str
    after: tuple[str, ...]  # goes after the first of these keys present, else at the end
    text: str  # the value as written by designlint (quantity text or a plain number)


class CannotPlace(DesignlintError):
    """The values cannot be written without changing something else: nothing is written."""


# --- where things were written ---------------------------------------------------------------


@dataclass
class _Leaf:
    start: int
    end: int
    null: bool  # a plain null (``~``, ``null`` or nothing), which a fill may replace


@dataclass
class _Alias:
    start: int


@dataclass
class _Entry:
    key: str | None  # None for a complex (non-scalar) key
    key_column: int
    node: Any
    value_end: int  # just past the last character written for the value
    keeps_trailing_lines: bool  # the value ends in a block scalar whose trailing blank lines are its text


@dataclass
class _Collection:
    mapping: bool
    flow: bool
    start: int
    entries: dict[str, _Entry] = field(default_factory=dict)
    order: list[_Entry] = field(default_factory=list)
    items: list[Any] = field(default_factory=list)


@dataclass
class _Frame:
    node: _Collection
    key: str | None = None
    key_column: int = -1
    awaiting_value: bool = False


def _outline(text: str) -> Any:
    """The root collection of ``text`` with where each key and value was written."""
    parser = _Parser(text)
    try:
        return _walk(parser.get_event, text)
    finally:
        parser.dispose()


def _keeps(text: str, start: int) -> bool:
    """Whether the block scalar header at ``start`` (after any anchor or tag) asks to keep trailing lines."""
    header = text[start : _line_end(text, start)].split("#", 1)[0]
    return "+" in header


def _walk(get: Any, text: str) -> Any:
    stack: list[_Frame] = []
    root: Any = None
    last_end = 0  # end of the last thing written: a scalar, an alias or a flow collection's bracket
    last_keeps = False  # that thing is a block scalar with "keep" chomping (|+ or >+)

    def finished(node: Any, event: Any, kind: type) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        frame = stack[-1]
        parent = frame.node
        if not parent.mapping:
            parent.items.append(node)
        elif not frame.awaiting_value:
            frame.key = event.value if kind is ScalarEvent else None
            frame.key_column = event.start_mark.column
            frame.awaiting_value = True
        else:
            entry = _Entry(frame.key, frame.key_column, node, last_end, last_keeps)
            parent.order.append(entry)
            if entry.key is not None:
                parent.entries.setdefault(entry.key, entry)
            frame.awaiting_value = False

    while True:
        event = get()
        if event is None:
            break
        kind = event.__class__
        if kind is ScalarEvent:
            last_end = event.end_mark.index
            last_keeps = event.style in ("|", ">") and _keeps(text, event.start_mark.index)
            null = bool(event.implicit[0]) and not event.style and event.value in _NULLS
            finished(_Leaf(event.start_mark.index, last_end, null), event, kind)
        elif kind is AliasEvent:
            last_end = event.end_mark.index
            last_keeps = False
            finished(_Alias(event.start_mark.index), event, kind)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            mapping = kind is MappingStartEvent
            stack.append(_Frame(_Collection(mapping, bool(event.flow_style), event.start_mark.index)))
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            node = stack.pop().node
            if node.flow:
                last_end = event.end_mark.index
                last_keeps = False
            finished(node, event, kind)
        elif root is not None:
            break  # the end of the (only) document
    return root


# --- scalars --------------------------------------------------------------------------------


def value_of(text: str) -> Any:
    """What a filled value is in the data: a finite plain number is a number, anything else text."""
    try:
        number = float(text)
    except ValueError:
        return text
    if not math.isfinite(number):
        return text
    return int(number) if number.is_integer() and "." not in text else number


def _double_quoted(text: str) -> str:
    out = ['"']
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif char.isprintable() and char not in "\x85\u2028\u2029":
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


def _reads_as(written: str, flow: bool, wanted: Any) -> bool:
    snippet = f"k: {{v: {written}, z: 0}}\n" if flow else f"k:\n  v: {written}\n  z: 0\n"
    try:
        data = load_text(snippet, "<value>").data
    except LoadError:
        return False
    return _same(data, {"k": {"v": wanted, "z": 0}})


def _scalar_text(text: str, flow: bool, file: str) -> tuple[str, Any]:
    """How ``text`` is written in a block or flow mapping, and the value it reads as."""
    plain = value_of(text)
    if _reads_as(text, flow, plain):
        return text, plain
    quoted = _double_quoted(text)
    if _reads_as(quoted, flow, text):
        return quoted, text
    raise CannotPlace(f"cannot write the value {text!r} as YAML; nothing was written", file=file)


# --- edits ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int  # == start for an insertion
    depth: int  # deeper mappings first at one offset: their lines belong inside the outer entry
    order: int
    text: str


def _line_end(text: str, index: int) -> int:
    """Just past the line break that ends the line holding ``index`` (the end of the text if none)."""
    match = _LINE_BREAK.search(text, index)
    return len(text) if match is None else match.end()


def _break_before(text: str, offset: int) -> str:
    """The line break that ends just before ``offset``, or ""."""
    if text.endswith("\r\n", 0, offset):
        return "\r\n"
    return text[offset - 1] if offset > 0 and text[offset - 1] in _BREAK_CHARS else ""


def _line_start(text: str, index: int) -> int:
    # walk back along this one line: a search for each kind of break could cross the whole text
    while index > 0 and text[index - 1] not in _BREAK_CHARS:
        index -= 1
    return index


def _usual_break(text: str) -> str:
    """The file's most common line break, for a line added after a last line that has none."""
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    best = max((lf, "\n"), (crlf, "\r\n"), (cr, "\r"))
    return best[1] if best[0] else "\n"


class _Planner:
    def __init__(self, text: str, file: str, root: Any, tight: bool):
        self.text = text
        self.file = file
        self.root = root
        self.tight = tight  # insert right after a value's last character (else where its node ends)
        self.edits: list[_Edit] = []
        # keys placed so far, by mapping: an anchor that was itself filled puts the next one after it
        self.placed: dict[int, dict[str, int]] = {}

    @functools.cached_property
    def usual_break(self) -> str:
        return _usual_break(self.text)

    def refuse(self, why: str) -> CannotPlace:
        return CannotPlace(f"{why}; nothing was written", file=self.file)

    def mapping_at(self, path: tuple) -> _Collection:
        node = self.root
        for step in path:
            if isinstance(node, _Alias):
                break
            if not isinstance(node, _Collection):
                raise self.refuse(f"cannot find {_where(path)} in the text")
            if node.mapping:
                entry = node.entries.get(step) if isinstance(step, str) else None
                if entry is None:
                    raise self.refuse(f"cannot find {_where(path)} in the text")
                node = entry.node
            else:
                if type(step) is not int or not 0 <= step < len(node.items):
                    raise self.refuse(f"cannot find {_where(path)} in the text")
                node = node.items[step]
        if isinstance(node, _Alias):
            raise self.refuse(f"{_where(path)} is written through an alias; fill it by hand")
        if not isinstance(node, _Collection) or not node.mapping:
            raise self.refuse(f"{_where(path)} is not a mapping")
        return node

    def place(self, placement: Placement, order: int) -> Any:
        """Plan one value; returns the value it reads as."""
        mapping = self.mapping_at(placement.mapping)
        depth = len(placement.mapping)
        existing = mapping.entries.get(placement.key)
        if existing is not None:
            return self.replace_null(placement, mapping, existing, depth, order)
        written, value = _scalar_text(placement.text, mapping.flow, self.file)
        offset = self.offset_after(mapping, placement.after)
        self.placed.setdefault(id(mapping), {})[placement.key] = offset
        if mapping.flow:
            separator = ", " if mapping.order else ""
            self.insert(offset, depth, order, f"{separator}{placement.key}: {written}")
            return value
        line = f"{' ' * mapping.order[0].key_column}{placement.key}: {written}"
        before = _break_before(self.text, offset)
        if before:
            self.insert(offset, depth, order, line + before)
        else:  # the end of a file without a final line break: it still ends without one
            self.insert(offset, depth, order, self.usual_break + line)
        return value

    def replace_null(
        self, placement: Placement, mapping: _Collection, entry: _Entry, depth: int, order: int
    ) -> Any:
        leaf = entry.node
        if not isinstance(leaf, _Leaf) or not leaf.null:
            raise self.refuse(f"{_where((*placement.mapping, placement.key))} already has a value")
        written, value = _scalar_text(placement.text, mapping.flow, self.file)
        spaced = written if leaf.end > leaf.start or self.text[leaf.start - 1] in " \t" else " " + written
        self.edits.append(_Edit(leaf.start, leaf.end, depth, order, spaced))
        return value

    def insert(self, offset: int, depth: int, order: int, text: str) -> None:
        self.edits.append(_Edit(offset, offset, depth, order, text))

    def offset_after(self, mapping: _Collection, after: Sequence[str]) -> int:
        placed = self.placed.get(id(mapping), {})
        for key in after:
            if key in placed:
                return placed[key]
            entry = mapping.entries.get(key)
            if entry is not None:
                return self.end_of(mapping, entry)
        if not mapping.order:
            return mapping.start + 1  # inside an empty flow mapping's brace
        return self.end_of(mapping, mapping.order[-1])

    def end_of(self, mapping: _Collection, entry: _Entry) -> int:
        """Where a new entry after ``entry`` goes: right after its value in a flow mapping, on the
        next line in a block one."""
        end = entry.value_end
        if mapping.flow:
            return end
        if self.tight and not entry.keeps_trailing_lines:
            # a block scalar's node runs on over the blank lines after its text: stop at its text
            last = end
            while last > 0 and self.text[last - 1] in _BLANK:
                last -= 1
            return self.past_nested_comments(_line_end(self.text, last), mapping.order[0].key_column)
        if _break_before(self.text, end):
            return end
        start = _line_start(self.text, end)
        return start if start > 0 and not self.text[start:end].strip() else _line_end(self.text, end)

    def past_nested_comments(self, offset: int, column: int) -> int:
        """Past the comment lines at ``offset`` indented deeper than ``column``: they belong to
        the entry above, and the new line goes after them."""
        text = self.text
        while offset < len(text):
            end = _line_end(text, offset)
            line = text[offset:end]
            content = line.lstrip(" ")
            if not content.startswith("#") or len(line) - len(content) <= column:
                break
            offset = end
        return offset

    def result(self) -> str:
        out: list[str] = []
        position = 0
        for edit in sorted(self.edits, key=lambda e: (e.start, -e.depth, e.order)):
            if edit.start < position:
                raise self.refuse("two values would overlap")
            out.append(self.text[position : edit.start])
            out.append(edit.text)
            position = edit.end
        out.append(self.text[position:])
        return "".join(out)


def _where(path: tuple) -> str:
    from designlint.findings import format_path

    return format_path(path)


def _same(a: Any, b: Any) -> bool:
    """Equal data (mappings in any key order), with NaN equal to itself."""
    if type(a) is not type(b):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and a == b and type(a) is not bool
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def splice(text: str, file: str, data: Any, placements: Iterable[Placement]) -> str:
    """``text`` with every placement written in and nothing else changed.

    ``data`` is what ``text`` loads as; raises CannotPlace when the values cannot be written
    without changing anything else.
    """
    placements = list(placements)
    if not placements:
        return text
    try:
        root = _outline(text)
    except Exception:  # text that loaded a moment ago; a parser that disagrees is a refusal, not a crash
        raise CannotPlace("cannot find where the values go; nothing was written", file=file) from None
    for tight in (True, False):
        planner = _Planner(text, file, root, tight)
        values = [planner.place(placement, order) for order, placement in enumerate(placements)]
        candidate = planner.result()
        if candidate == text:
            continue
        try:
            loaded = load_text(candidate, file).data
        except LoadError:
            continue
        if _same(loaded, _expected(data, placements, values)):
            return candidate
    raise CannotPlace(
        "could not add the values without changing the rest of the document; nothing was written", file=file
    )


def _expected(data: Any, placements: Sequence[Placement], values: Sequence[Any]) -> Any:
    """The data with each placed key set, in the order the text will hold them."""
    import copy

    expected = copy.deepcopy(data)
    for placement, value in zip(placements, values, strict=True):
        node = expected
        for step in placement.mapping:
            node = node[step]
        node[placement.key] = value
    return expected
