"""Where each value of a loaded document was written.

The builder records positions in a tree that mirrors the data: a collection is a tuple
`(mark, key_marks, children)` (key_marks is None for a sequence; children is a dict for a
mapping and a list for a sequence), anything else is the parser's mark of that value,
including an alias site, so paths into an alias stop there. Marks are the parser's own
0-based objects and are turned into Positions only when asked: most are never looked at,
and building them up front would cost more than parsing.
"""

from __future__ import annotations

from designlint.errors import Position

TYPE_CHECKING = False  # typing is not imported at run time
if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import Any

Path = tuple  # of str (mapping keys) and int (list indices); the root is ()


def to_position(mark: Any) -> Position:
    return Position(mark.line + 1, mark.column + 1)


def _value_mark(entry: Any) -> Any:
    return entry[0] if type(entry) is tuple else entry


class PositionIndex:
    """Positions of values and mapping keys, by path."""

    __slots__ = ("_root",)

    def __init__(self, root: Any):
        self._root = root

    def _locate(self, path: Path) -> tuple[int, Any, Any]:
        """How many steps of `path` exist, the entry reached, and its key mark (or None)."""
        entry = self._root
        key_mark = None
        for depth, step in enumerate(path):
            if type(entry) is not tuple:
                return depth, entry, key_mark
            _, key_marks, children = entry
            if key_marks is not None:
                if type(step) is not str or step not in children:
                    return depth, entry, key_mark
                key_mark = key_marks[step]
            else:
                # bool is an int subclass but never a list index in a path.
                if type(step) is not int or not 0 <= step < len(children):
                    return depth, entry, key_mark
                key_mark = None
            entry = children[step]
        return len(path), entry, key_mark

    def value(self, path: Path) -> Position | None:
        """Where the value at `path` starts, or None if there is no such value."""
        found, entry, _ = self._locate(tuple(path))
        return to_position(_value_mark(entry)) if found == len(path) else None

    def key(self, path: Path) -> Position | None:
        """Where the mapping key of `path` starts; None for list items, the root, or no such path."""
        found, _, key_mark = self._locate(tuple(path))
        if found != len(path) or key_mark is None:
            return None
        return to_position(key_mark)

    def resolve(self, path: Path) -> tuple[Position, Path]:
        """The best position for a diagnostic about `path`, and the path it belongs to.

        That is the key's position when `path` exists and ends in a mapping key, the value's
        for a list item or the root; when `path` does not exist (or leads into an alias),
        the same for its nearest existing ancestor.
        """
        path = tuple(path)
        found, entry, key_mark = self._locate(path)
        mark = key_mark if key_mark is not None else _value_mark(entry)
        return to_position(mark), path[:found]

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
    """The position ``offset`` characters into a scalar written on one line (after its quote, if quoted)."""
    lines = text.splitlines()
    line = lines[start.line - 1] if 0 < start.line <= len(lines) else ""
    column = start.column - 1
    if line[column : column + 1] in ("'", '"'):
        column += 1
    elif line[column : column + 1] in ("|", ">"):
        return start  # a block scalar: its text starts on a later line
    if column + offset > len(line):
        return start
    return Position(start.line, column + offset + 1)
