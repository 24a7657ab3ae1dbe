"""Build plain Python values, and where they were written, from the parser's event stream.

Why events and not PyYAML's composer or constructor:
- the C composer recurses once per nesting level and crashes the interpreter on a deeply
  nested file; here nesting is an explicit stack, checked against the depth limit;
- aliases are counted at their expanded size without expanding them, so a billion-laughs
  file is rejected after about a million steps, in bounded memory;
- alias sites keep their own position, and a non-specific `!` tag stays visible;
- it is faster than composing nodes and walking them (measured on design-like files).
"""

from __future__ import annotations

import re

from yaml.error import MarkedYAMLError, YAMLError
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.parser import Parser
from yaml.reader import Reader, ReaderError
from yaml.scanner import Scanner

from designlint.errors import LoadError, Position

from .limits import Limits
from .positions import Lines, end_of_text, exact_place, place_of
from .resolver import (
    ALLOWED_TAGS,
    MAP,
    MAYBE_TYPED,
    NON_SPECIFIC,
    SEQ,
    WORDS,
    ScalarError,
    construct,
    resolve_plain,
    short_tag,
)
from .source import LINE_BREAK, position_at, position_in
from .syntax import syntax_error

TYPE_CHECKING = False  # typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any


class PythonParser(Reader, Scanner, Parser):
    """PyYAML's pure-Python parser: the same events as libyaml's, only slower."""

    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)


try:
    # The stubs do not re-export CParser from yaml.cyaml, where PyYAML itself imports it.
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # PyYAML built without libyaml
    _Parser = PythonParser  # type: ignore[assignment,misc]


_OPEN = object()  # an anchored collection still being built: an alias to it is recursive


_NESTING_PROBLEM = "exceeded maximum nesting depth"


def build(text: str, file: str, limits: Limits, parser_class: Any = None) -> tuple[dict, Any, list, Lines]:
    """The root mapping of `text`, its position tree, the start and end places of every quoted
    or block scalar (a `#` inside one is text, not a comment), and what turns places into lines
    and columns; raises LoadError for anything else."""
    parser = (parser_class or _Parser)(text)
    try:
        builder = _Builder(text, file, limits)
        data, shadow = builder.run(parser.get_event)
        return data, shadow, builder.spans, builder.lines
    except MarkedYAMLError as exc:
        if exc.problem == _NESTING_PROBLEM and not isinstance(parser, PythonParser):
            # libyaml 0.2.6 stops deep flow nesting itself, while scanning ahead and so
            # before our own depth check sees the events; the pure-Python parser has no such
            # limit and reports the level where our limit was crossed (only on this path).
            _raise_nesting_from_prefix(text, file, limits)
            return build(text, file, limits, PythonParser)
        raise syntax_error(exc, text, file) from None
    except ReaderError as exc:
        byte_offset = not isinstance(parser, PythonParser)
        raise _reader_error(exc, text, file, byte_offset) from None
    except YAMLError as exc:
        raise LoadError("DL001", f"invalid YAML: {exc}", file=file, position=Position(1, 1)) from None
    finally:
        parser.dispose()


def _raise_nesting_from_prefix(text: str, file: str, limits: Limits) -> None:
    """Our depth error, read by libyaml from the text up to where brackets first nest past the limit.

    The pure-Python scanner checks every open bracket on a line against every other (simple keys
    may span 1024 characters), so a line of a thousand brackets costs it a million steps. Cut
    there, libyaml reads the prefix and our depth check fires before its end. Brackets inside
    quotes or comments are counted too, which can only cut early: then the prefix is not a
    nesting error and nothing is raised here (the caller parses the whole text as before).
    """
    depth = 0
    cut = None
    for match in _BRACKET.finditer(text):
        depth += 1 if match[0] in "[{" else -1 if depth else 0
        if depth > limits.max_depth:
            cut = match.end()
            break
    if cut is None:
        return
    try:
        build(text[:cut], file, limits)
    except LoadError as error:
        if error.code == "DL004":
            raise
    except RecursionError:
        pass


_BRACKET = re.compile(r"[\[\]{}]")


class _Builder:
    def __init__(self, text: str, file: str, limits: Limits):
        self.text = text
        self.file = file
        self.limits = limits
        self.spans: list = []
        self.lines = Lines(text)
        self.end = end_of_text(text)

    def fail(self, code: str, message: str, mark: Any) -> LoadError:
        position = position_in(LINE_BREAK.split(self.text), mark)
        return LoadError(code, message, file=self.file, position=position)

    def run(self, get: Any) -> tuple[dict, Any]:
        get()  # stream start
        event = get()
        if event.__class__ is StreamEndEvent:
            raise LoadError(
                "DL001",
                "file is empty; expected a mapping at the top level",
                file=self.file,
                position=Position(1, 1),
            )
        root_event = get()  # the document start was `event`
        tag = getattr(root_event, "tag", None)  # an alias has none
        if tag is not None and tag not in ALLOWED_TAGS:
            raise self.forbidden(root_event)
        if root_event.__class__ is not MappingStartEvent:
            raise self.fail(
                "DL001", f"the top level must be a mapping, not {_kind(root_event)}", root_event.start_mark
            )
        if tag is not None:
            self.check_collection_tag(root_event)
        data, shadow = self.fill(get, root_event)
        get()  # document end
        event = get()
        if event.__class__ is DocumentStartEvent:
            raise self.fail(
                "DL001", "more than one document in the file; a design is one document", event.start_mark
            )
        return data, shadow

    def fill(self, get: Any, root_event: Any) -> tuple[dict, Any]:
        """Consume events up to the end of the root mapping.

        Kept as one flat loop with local variables: this is the hot path of every lint run.
        The state of the collection being filled lives in locals; its ancestors' in `stack`.
        Places are taken inline (see `positions`): a call per value would cost more than the rest.
        """
        fail = self.fail
        max_nodes = self.limits.max_nodes
        max_stack = self.limits.max_depth - 1  # the root is depth 1 and is not on the stack
        end = self.end  # a mark at this offset keeps its own line and column
        anchors: dict = {}
        stack: list = []
        # A plain key means something else than its text only if it is a core-schema word (null,
        # booleans, .inf, .nan) or starts like a number, between '+' and '9'; the rest are text.
        words = WORDS
        maybe_typed = MAYBE_TYPED
        # id(mapping) -> the typed keys (null, bool, int, float) it has so far, by their value.
        typed_keys: dict[int, dict] = {}
        spans = self.spans

        data: dict = {}
        # The collection being filled is a dict or a list, as `is_map` says (a list has no key places).
        children: Any = {}
        key_places: Any = {}
        shadow = (place_of(root_event.start_mark, end), key_places, children)
        current: Any = data
        is_map = True
        key: str | None = None  # None while a mapping waits for its next key
        anchor = root_event.anchor
        if anchor is not None:
            anchors[anchor] = _OPEN
        start_count = 0
        count = 1  # values so far, aliases at their expanded size

        event = root_event
        try:
            while True:
                event = get()
                cls = event.__class__
                if cls is ScalarEvent:
                    mark = event.start_mark
                    place = mark.index
                    if place == end:
                        place = exact_place(mark)
                    style = event.style
                    if key is None and is_map:
                        if event.tag is None and event.anchor is None:
                            key = event.value
                            if key in current:
                                raise self.duplicate(key, key_places[key], mark)
                            key_places[key] = place
                            # Only a word or a numeral can mean something else than its text.
                            if ("+" <= key < ":" or key in words) and not style:
                                meaning = _key_value(key)
                                if not isinstance(meaning, str):
                                    self.same_value(typed_keys, current, key, meaning, key_places)
                        else:
                            key, meaning = self.key_text(event, anchors)
                            if key in current:
                                raise self.duplicate(key, key_places[key], mark)
                            key_places[key] = place
                            if not isinstance(meaning, str):
                                self.same_value(typed_keys, current, key, meaning, key_places)
                        if style:
                            spans.append((place, place_of(event.end_mark, end)))
                        continue
                    count += 1
                    if count > max_nodes:
                        raise self.too_many(event)
                    value = event.value
                    if style:
                        spans.append((place, place_of(event.end_mark, end)))
                        if event.tag is not None:
                            value = self.tagged(event)
                    elif event.tag is not None:
                        value = self.tagged(event)
                    elif not value or value[0] in maybe_typed:
                        # Most plain values are text: only these can mean something else.
                        value = resolve_plain(value)
                    if event.anchor is not None:
                        anchors[event.anchor] = (value, 1, event.value)
                    if is_map:
                        current[key] = value
                        children[key] = place
                        key = None
                    else:
                        current.append(value)
                        children.append(place)
                elif cls is MappingStartEvent or cls is SequenceStartEvent:
                    if key is None and is_map:
                        raise fail(
                            "DL001", f"mapping keys must be scalars, not {_kind(event)}", event.start_mark
                        )
                    if len(stack) >= max_stack:
                        raise self.too_deep(event)
                    if event.tag is not None:
                        self.check_collection_tag(event)
                    if cls is MappingStartEvent:
                        new: Any = {}
                        new_keys: Any = {}
                        new_children: Any = {}
                    else:
                        new = []
                        new_keys = None
                        new_children = []
                    mark = event.start_mark
                    place = mark.index
                    if place == end:
                        place = exact_place(mark)
                    opened = (place, new_keys, new_children)
                    if is_map:
                        current[key] = new
                        children[key] = opened
                    else:
                        current.append(new)
                        children.append(opened)
                    stack.append((current, key_places, children, is_map, anchor, start_count))
                    current, key_places, children = new, new_keys, new_children
                    is_map = new_keys is not None
                    key = None
                    anchor = event.anchor
                    start_count = count
                    count += 1
                    if count > max_nodes:
                        raise self.too_many(event)
                    if anchor is not None:
                        anchors[anchor] = _OPEN
                elif cls is MappingEndEvent or cls is SequenceEndEvent:
                    if anchor is not None:
                        anchors[anchor] = (current, count - start_count, None)
                    if not stack:
                        return data, shadow
                    current, key_places, children, is_map, anchor, start_count = stack.pop()
                    key = None
                elif cls is AliasEvent:
                    entry = anchors.get(event.anchor)
                    if entry is None:
                        raise self.bad_alias("DL001", "refers to no anchor defined before it", event)
                    if entry is _OPEN:
                        raise self.bad_alias("DL004", "refers to a collection that contains it", event)
                    value, size, scalar_text = entry
                    if key is None and is_map:
                        if scalar_text is None:
                            raise self.bad_alias(
                                "DL001", "is a collection; mapping keys must be scalars", event
                            )
                        key = scalar_text
                        if key in current:
                            raise self.duplicate(key, key_places[key], event.start_mark)
                        key_places[key] = place_of(event.start_mark, end)
                        if not isinstance(value, str):
                            self.same_value(typed_keys, current, key, value, key_places)
                        continue
                    count += size
                    if count > max_nodes:
                        raise self.too_many(event)
                    # The anchored value itself, shared: its own positions are recorded where
                    # it was written; paths through this site resolve to the alias.
                    if is_map:
                        current[key] = value
                        children[key] = place_of(event.start_mark, end)
                        key = None
                    else:
                        current.append(value)
                        children.append(place_of(event.start_mark, end))
                else:  # the parser guarantees balanced collections inside a document
                    raise fail("DL001", f"unexpected {cls.__name__}", event.start_mark)
        except ScalarError as exc:  # a plain integer too long to convert
            raise fail(exc.code, exc.message, event.start_mark) from None

    def key_text(self, event: Any, anchors: dict) -> tuple[str, Any]:
        """A mapping key with a tag or an anchor: checked like a value, kept as its text.

        Returns the text and what the key means (its value under the core schema).
        """
        if event.tag is not None:
            value = self.tagged(event)
        else:
            value = event.value if event.style else _key_value(event.value)
        if event.anchor is not None:
            anchors[event.anchor] = (value, 1, event.value)
        return event.value, value

    def same_value(self, typed_keys: dict, mapping: dict, key: str, meaning: Any, key_places: dict) -> None:
        """Keys written differently can mean the same (``true``/``True``, ``~``/``null``, ``1``/``0x1``):
        YAML compares keys by value, so those are duplicates too."""
        seen = typed_keys.setdefault(id(mapping), {})
        identity = _identity(meaning)
        first = seen.get(identity)
        if first is None:
            seen[identity] = key
            return
        shown = key if len(key) <= 60 else key[:57] + "..."
        message = (
            f"duplicate key {shown!r}: YAML reads it as {_describe(meaning)}, like {first!r} "
            f"on line {self.lines.point(key_places[first]).line + 1}"
        )
        raise self.fail("DL002", message, self.lines.point(key_places[key]))

    def tagged(self, event: Any) -> Any:
        tag = event.tag
        if tag not in ALLOWED_TAGS:
            raise self.forbidden(event)
        try:
            return construct(tag, event.value)
        except ScalarError as exc:
            raise self.fail(exc.code, exc.message, event.start_mark) from None

    def check_collection_tag(self, event: Any) -> None:
        tag = event.tag
        if tag not in ALLOWED_TAGS:
            raise self.forbidden(event)
        expected = MAP if event.__class__ is MappingStartEvent else SEQ
        if tag != expected and tag != NON_SPECIFIC:
            message = f"tag {short_tag(tag)} cannot be used on {_kind(event)}"
            raise self.fail("DL001", message, event.start_mark)

    def forbidden(self, event: Any) -> LoadError:
        return self.fail(
            "DL003",
            f"tag {short_tag(event.tag)} is not allowed; only the YAML core tags "
            "(!!str, !!int, !!float, !!bool, !!null, !!map, !!seq) are",
            event.start_mark,
        )

    def duplicate(self, key: str, first: int, mark: Any) -> LoadError:
        shown = key if len(key) <= 60 else key[:57] + "..."
        message = f"duplicate key {shown!r}; it is first defined on line {self.lines.point(first).line + 1}"
        return self.fail("DL002", message, mark)

    def bad_alias(self, code: str, problem: str, event: Any) -> LoadError:
        return self.fail(code, f"alias *{event.anchor} {problem}", event.start_mark)

    def too_deep(self, event: Any) -> LoadError:
        message = f"nesting is deeper than the limit of {self.limits.max_depth} levels"
        return self.fail("DL004", message, event.start_mark)

    def too_many(self, event: Any) -> LoadError:
        return self.fail(
            "DL004",
            f"document has more than {self.limits.max_nodes} values (aliases count at their expanded size)",
            event.start_mark,
        )


def _key_value(text: str) -> Any:
    """What a plain key means; a numeral too long to convert is kept as text (it is only a key)."""
    try:
        return resolve_plain(text)
    except ScalarError:
        return text


def _identity(value: Any) -> tuple:
    """Equal for keys YAML's core schema calls equal: same type, same value (1 and 1.0 differ)."""
    if isinstance(value, float):
        return ("float", repr(value))  # one NaN equals another, -0.0 stays apart from 0.0
    return (type(value).__name__, value)


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the integer {value}" if abs(value) < 10**30 else "a long integer"
    return f"the float {value!r}"


def _kind(event: Any) -> str:
    if event.__class__ is MappingStartEvent:
        return "a mapping"
    if event.__class__ is SequenceStartEvent:
        return "a sequence"
    if event.__class__ is AliasEvent:
        return "an alias"
    return "a scalar"


def _reader_error(exc: ReaderError, text: str, file: str, byte_offset: bool) -> LoadError:
    # Only reached for characters the source checks let through. The C reader reports a
    # byte offset into the UTF-8 encoding of the text, the Python one a character index.
    index = exc.position
    if byte_offset:
        index = len(text.encode("utf-8")[:index].decode("utf-8", "ignore"))
    return LoadError(
        "DL005",
        f"character U+{exc.character:04X} is not allowed in YAML"
        if isinstance(exc.character, int)
        else f"invalid character: {exc.reason}",
        file=file,
        position=position_at(text, min(index, len(text))),
    )
