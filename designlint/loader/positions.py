"""Where each value of a loaded document was written.

The builder records positions in a tree that mirrors the data: a collection is a tuple
`(where, key_places, children)` (key_places is None for a sequence; children is a dict for a
mapping and a list for a sequence), anything else is where that value was written, including
an alias site, so paths into an alias stop there.

A place is one int: the character offset of the parser's mark (its ``index``), turned into a
line and column only when asked (by counting line breaks, see `Lines`); most places are never
looked at. Ints are not tracked by the cyclic garbage collector, so a loaded document
adds next to nothing to its passes, where the parser's mark objects (one per value) would be
scanned again and again. One exception: at the very end of a text without a final line break,
libyaml moves its marks to a line of their own, so a mark there keeps its own line and column,
packed into a negative int (`exact_place`).
"""

from __future__ import annotations

import functools

from designlint.errors import Position

from .source import LINE_BREAK

TYPE_CHECKING = False  # typing is not imported at run time
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

Path = tuple  # of str (mapping keys) and int (list indices); the root is ()

_COLUMN_BITS = 32  # no line of a loadable file is 2**32 characters long
_COLUMN_MASK = (1 << _COLUMN_BITS) - 1
_BREAKS = "\r\n\x85\u2028\u2029"  # what LINE_BREAK matches, character by character


def exact_place(mark: Any) -> int:
    """A mark as a place that keeps the mark's own line and column."""
    return ~(mark.line << _COLUMN_BITS | mark.column)


def end_of_text(text: str) -> int:
    """The offset at which marks must be kept with `exact_place`: the end of a text that does
    not end in a line break (-1, no offset, for one that does)."""
    return len(text) if text and text[-1] not in _BREAKS else -1


def place_of(mark: Any, end: int) -> int:
    """A mark as a place, for the rare marks taken off the builder's hot path."""
    index = mark.index
    return exact_place(mark) if index == end else index


class Point:
    """A place read back as the parser's marks are: 0-based ``line`` and ``column``."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int):
        self.line = line
        self.column = column

    def __repr__(self) -> str:
        return f"Point(line={self.line}, column={self.column})"


class Lines:
    """Places of one text as 0-based lines and columns, counting line breaks as the parser does."""

    __slots__ = ("_block_breaks", "_block_line_starts", "_starts", "text")

    def __init__(self, text: str):
        self.text = text
        self._starts: list[int] | None = None
        # Texts broken by line feeds alone (nearly all) are read in blocks rather than through a
        # table of every line start: see `_counted_point`.
        self._block_breaks: list[int] | None = None
        self._block_line_starts: list[int] = [0]

    def point(self, place: int) -> Point:
        if place < 0:
            packed = ~place
            return Point(packed >> _COLUMN_BITS, packed & _COLUMN_MASK)
        if self._block_breaks is not None:
            return self._counted_point(place)
        if self._starts is None:
            text = self.text
            if not ("\r" in text or "\x85" in text or "\u2028" in text or "\u2029" in text):
                self._block_breaks = [0]
                return self._counted_point(place)
            self._starts = _line_starts(text)
        from bisect import bisect_right  # on first use: importing the loader stays light

        starts = self._starts
        line = bisect_right(starts, place) - 1
        return Point(line, place - starts[line])

    def _counted_point(self, place: int) -> Point:
        """A place in a text whose only line break is the line feed.

        A document is asked for a few dozen places (its findings, its quoted scalars), while a
        table of every line start costs an object per line. So the text is cut into blocks of
        `_BLOCK` characters, and for each block read so far the line breaks before it and the
        start of the line it begins in are kept; a place is then found by counting within its
        own block. Blocks are read once, in order, only as far as the places asked for: time
        stays linear in the size of the text, and a lookup reads one block besides those it is
        the first to reach.
        """
        text = self.text
        breaks = self._block_breaks
        line_starts = self._block_line_starts
        assert breaks is not None
        block = place // _BLOCK
        while len(breaks) <= block:
            end = len(breaks) * _BLOCK
            begin = end - _BLOCK
            breaks.append(breaks[-1] + text.count("\n", begin, end))
            last = text.rfind("\n", begin, end)
            line_starts.append(last + 1 if last >= 0 else line_starts[-1])
        begin = block * _BLOCK
        last = text.rfind("\n", begin, place)
        line_start = last + 1 if last >= 0 else line_starts[block]
        return Point(breaks[block] + text.count("\n", begin, line_start), place - line_start)

    def position(self, place: int) -> Position:
        point = self.point(place)
        return Position(point.line + 1, point.column + 1)


_BLOCK = 2048


def _line_starts(text: str) -> list[int]:
    """The offset where each line starts (one more entry after a final line break)."""
    return [0, *(match.end() for match in LINE_BREAK.finditer(text))]


def _value_place(entry: Any) -> int:
    return entry[0] if type(entry) is tuple else entry


class PositionIndex:
    """Positions of values and mapping keys, by path."""

    __slots__ = ("_root", "lines")

    def __init__(self, root: Any, lines: Lines):
        self._root = root
        self.lines = lines

    def _locate(self, path: Path) -> tuple[int, Any, int | None]:
        """How many steps of `path` exist, the entry reached, and its key's place (or None)."""
        entry = self._root
        key_place: int | None = None
        for depth, step in enumerate(path):
            if type(entry) is not tuple:
                return depth, entry, key_place
            _, key_places, children = entry
            if key_places is not None:
                if type(step) is not str or step not in children:
                    return depth, entry, key_place
                key_place = key_places[step]
            else:
                # bool is an int subclass but never a list index in a path.
                if type(step) is not int or not 0 <= step < len(children):
                    return depth, entry, key_place
                key_place = None
            entry = children[step]
        return len(path), entry, key_place

    def value(self, path: Path) -> Position | None:
        """Where the value at `path` starts, or None if there is no such value."""
        found, entry, _ = self._locate(tuple(path))
        return self.lines.position(_value_place(entry)) if found == len(path) else None

    def key(self, path: Path) -> Position | None:
        """Where the mapping key of `path` starts; None for list items, the root, or no such path."""
        found, _, key_place = self._locate(tuple(path))
        if found != len(path) or key_place is None:
            return None
        return self.lines.position(key_place)

    def resolve(self, path: Path) -> tuple[Position, Path]:
        """The best position for a diagnostic about `path`, and the path it belongs to.

        That is the key's position when `path` exists and ends in a mapping key, the value's
        for a list item or the root; when `path` does not exist (or leads into an alias),
        the same for its nearest existing ancestor.
        """
        path = tuple(path)
        found, entry, key_place = self._locate(path)
        place = key_place if key_place is not None else _value_place(entry)
        return self.lines.position(place), path[:found]

    def paths(self) -> Iterator[Path]:
        """Every path that has a recorded position, in document order, the root first."""
        stack: list[tuple[Path, Any]] = [((), self._root)]
        while stack:
            path, entry = stack.pop()
            yield path
            if type(entry) is tuple:
                children = entry[2]
                steps = children.keys() if entry[1] is not None else range(len(children))
                stack.extend((path + (step,), children[step]) for step in reversed(steps))


def inside_scalar(text: str, start: Position, offset: int) -> Position:
    """The position of character ``offset`` of a scalar's parsed value, the scalar starting at ``start``.

    Plain, single- and double-quoted scalars over any number of lines and literal (``|``) and
    folded (``>``) block scalars are walked the way the parser builds their value: indentation
    and trailing spaces dropped, line breaks folded into spaces, ``''`` and backslash escapes
    shortened. Only the lines up to the offset are read. When the walk cannot place the
    offset, the start of the scalar is the answer.
    """
    if offset < 0:
        return start
    lines, breaks = _split_lines(text)
    row, column = start.line - 1, start.column - 1
    if not 0 <= row < len(lines) or column > len(lines[row]):
        return start
    column = _after_properties(lines[row], column)
    lead = lines[row][column : column + 1]
    walk = _ScalarWalk(lines, breaks, offset)
    if lead in ("|", ">"):
        found = walk.block(row, column, folded=lead == ">")
    elif lead in ("'", '"'):
        found = walk.quoted(row, column + 1, double=lead == '"')
    else:
        found = walk.plain(row, column)
    return found or start


@functools.lru_cache(maxsize=4)
def _split_lines(text: str) -> tuple[list[str], list[str]]:
    """The lines of ``text`` as the parser counts them, and the break that ends each one."""
    return LINE_BREAK.split(text), LINE_BREAK.findall(text)


def _after_properties(line: str, column: int) -> int:
    """Skip an anchor (``&a``) or tag (``!!str``) written before the scalar on its line."""
    while line[column : column + 1] in ("&", "!"):
        end = column
        while end < len(line) and line[end] not in " \t":
            end += 1
        while end < len(line) and line[end] in " \t":
            end += 1
        column = end
    return column


_BLANK = frozenset(" \t")
_HEX_ESCAPE_WIDTH = {"x": 4, "u": 6, "U": 10}


class _ScalarWalk:
    """Counts down ``remaining`` characters of a value while walking its source lines."""

    __slots__ = ("breaks", "lines", "remaining")

    def __init__(self, lines: list[str], breaks: list[str], offset: int):
        self.lines = lines
        self.breaks = breaks
        self.remaining = offset

    def take(self, count: int) -> bool:
        """Account for ``count`` value characters; True when the offset falls among them."""
        if self.remaining < count:
            return True
        self.remaining -= count
        return False

    def at(self, row: int, column: int) -> Position:
        return Position(row + 1, column + 1)

    def fold(self, row: int) -> tuple[int, int]:
        """After line ``row`` of a flow scalar: the next line with content and the empty lines between."""
        empty = 0
        row += 1
        while row < len(self.lines) and not self.lines[row].strip(" \t"):
            empty += 1
            row += 1
        return row, empty

    def folded_break(self, row: int, empty: int) -> int:
        """How many characters a folded line break and ``empty`` empty lines become (YAML 1.2, 7.3.3)."""
        if row < len(self.breaks) and self.breaks[row] in ("\u2028", "\u2029"):
            return 1 + empty  # kept as written, like the parser does
        return empty or 1

    def plain(self, row: int, column: int) -> Position | None:
        while row < len(self.lines):
            line = self.lines[row]
            end = len(line.rstrip(" \t"))
            if column < end and self.take(end - column):
                return self.at(row, column + self.remaining)
            row, empty = self.fold(row)
            if row >= len(self.lines):
                return None
            column = len(self.lines[row]) - len(self.lines[row].lstrip(" \t"))
            if self.take(self.folded_break(row - empty - 1, empty)):
                return self.at(row, column)
        return None

    def quoted(self, row: int, column: int, *, double: bool) -> Position | None:
        quote = '"' if double else "'"
        while row < len(self.lines):
            line = self.lines[row]
            index, escaped_break = column, False
            while index < len(line):
                char = line[index]
                if char in _BLANK:
                    run_end = index
                    while run_end < len(line) and line[run_end] in _BLANK:
                        run_end += 1
                    if run_end == len(line):
                        break  # spaces before a line break are folded away
                    if self.take(run_end - index):
                        return self.at(row, index + self.remaining)
                    index = run_end
                    continue
                if char == quote:
                    if double or not line.startswith("''", index):
                        return None  # the closing quote: the offset is past the value
                    width = 2
                elif double and char == "\\":
                    following = line[index + 1 : index + 2]
                    if not following:
                        escaped_break = True
                        break
                    width = _HEX_ESCAPE_WIDTH.get(following, 2)
                else:
                    width = 1
                if self.take(1):
                    return self.at(row, index)
                index += width
            next_row, empty = self.fold(row)
            if next_row >= len(self.lines):
                return None
            column = len(self.lines[next_row]) - len(self.lines[next_row].lstrip(" \t"))
            # An escaped line break joins the lines with nothing between them.
            joint = empty if escaped_break else self.folded_break(row, empty)
            if self.take(joint):
                return self.at(next_row, column)
            row = next_row
        return None

    def block(self, row: int, column: int, *, folded: bool) -> Position | None:
        header = self.lines[row]
        explicit = next((int(c) for c in header[column + 1 : column + 3] if c.isdigit()), None)
        first = row + 1
        while first < len(self.lines) and not self.lines[first].strip(" "):
            first += 1
        if first >= len(self.lines):
            return None
        line = self.lines[first]
        indent = len(line) - len(line.lstrip(" "))
        if explicit is not None:
            indent = _parent_indent(header, column) + explicit
        # Empty lines before the first content line each give one line break.
        if self.take(first - row - 1):
            return self.at(first, indent)
        row = first
        while row < len(self.lines):
            line = self.lines[row]
            if len(line) - len(line.lstrip(" ")) < indent and line.strip(" "):
                return None  # a less indented line ends the scalar
            if self.take(max(0, len(line) - indent)):
                return self.at(row, indent + self.remaining)
            next_row = row + 1
            while next_row < len(self.lines) and _empty_in_block(self.lines[next_row], indent):
                next_row += 1
            if next_row >= len(self.lines):
                return None
            empty = next_row - row - 1
            following = self.lines[next_row]
            kept_break = row < len(self.breaks) and self.breaks[row] in ("\u2028", "\u2029")
            # Folding joins two lines that start at the indentation; more indented lines keep breaks.
            folds = (
                folded
                and not kept_break
                and line[indent : indent + 1] not in _BLANK
                and following[indent : indent + 1] not in _BLANK
            )
            joint = (empty or 1) if folds else 1 + empty
            if self.take(joint):
                return self.at(next_row, indent)
            row = next_row
        return None


def _empty_in_block(line: str, indent: int) -> bool:
    """A line of a block scalar that holds nothing but (at most ``indent``) spaces."""
    return len(line) <= indent and not line.strip(" ")


def _parent_indent(header: str, column: int) -> int:
    """The indentation a block scalar's explicit indentation indicator counts from."""
    before = header[:column].rstrip(" ")
    if before.endswith(":"):
        return len(before) - len(before.lstrip(" -"))
    dash = before.rfind("-")
    return dash if dash >= 0 else 0
