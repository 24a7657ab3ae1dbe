"""Load a design file as plain Python data, with the position of every key and value.

Only safe YAML is accepted: one document whose top level is a mapping, YAML 1.2 core
scalars, core tags only, no duplicate keys, within size limits. Anything else raises
`designlint.errors.LoadError` with its rule code and a 1-based position:

    DL001 yaml-syntax          DL002 duplicate-key       DL003 forbidden-tag
    DL004 document-too-large   DL005 encoding            DL006 unreadable-file
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from designlint.errors import LoadError, Position, UsageError

from .builder import build
from .limits import DEFAULT_LIMITS, Limits
from .positions import Point, PositionIndex, inside_scalar
from .source import NotARegularFile, check_text, decode, read_regular, too_large

TYPE_CHECKING = False  # typing is not imported at run time: the loader is on every lint's path
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "CODES",
    "DEFAULT_LIMITS",
    "Limits",
    "LoadError",
    "LoadedDocument",
    "Position",
    "PositionIndex",
    "load_bytes",
    "load_path",
    "load_text",
]

CODES = {
    "DL001": "yaml-syntax",
    "DL002": "duplicate-key",
    "DL003": "forbidden-tag",
    "DL004": "document-too-large",
    "DL005": "encoding",
    "DL006": "unreadable-file",
}


@dataclass(frozen=True)
class LoadedDocument:
    """A loaded design file.

    Values reached through an alias are the anchored objects themselves, shared: treat
    `data` as read-only.
    """

    file: str  # display path as given
    text: str  # decoded source without a BOM; positions refer to it
    data: Any  # the root mapping: dict / list / str / int / float / bool / None inside
    positions: PositionIndex
    # Start and end places (see `positions`) of every quoted or block scalar.
    span_places: tuple = ()

    @property
    def scalar_spans(self) -> tuple[tuple[Point, Point], ...]:
        """Start and end (0-based ``line`` and ``column``) of every quoted or block scalar: a
        `#` inside one is text, not a comment."""
        point = self.positions.lines.point
        return tuple((point(start), point(end)) for start, end in self.span_places)

    def locate(self, path: tuple, *, at_key: bool = True, offset: int | None = None) -> Position:
        """The one place a document path becomes a position.

        The key's position (or the value's, with ``at_key=False``), ``offset`` characters into a
        scalar value when given; the nearest existing parent when the path is gone.
        """
        if not at_key:
            found = self.positions.value(path)
            if found is not None:
                return inside_scalar(self.text, found, offset) if offset is not None else found
        position, _ = self.positions.resolve(path)
        return position


def load_text(text: str, file: str, *, limits: Limits = DEFAULT_LIMITS) -> LoadedDocument:
    """Load a design from already decoded text (an editor buffer, say)."""
    text = check_text(text, file, limits)
    return _load(text, file, limits)


def load_bytes(raw: bytes, file: str, *, limits: Limits = DEFAULT_LIMITS) -> LoadedDocument:
    """Load a design from the bytes of a file; `file` is only used in messages."""
    text = decode(raw, file, limits)
    return _load(text, file, limits)


def load_path(
    path: str | os.PathLike, display: str | None = None, *, limits: Limits = DEFAULT_LIMITS
) -> LoadedDocument:
    """Load a design file; `display` (default: the path as given) names it in messages.

    Only a regular file is read: a FIFO, socket or device raises UsageError (exit code 2) before
    it is opened, as does a file that does not exist. A file that exists but cannot be read
    (permissions, a loop of links, an I/O error) is a finding about that file: LoadError DL006.
    """
    file = display if display is not None else os.fsdecode(path)
    try:
        # One byte past the limit is enough to know it is too large.
        raw = read_regular(path, limits.max_bytes)
    except NotARegularFile as exc:
        raise UsageError(f"cannot read design file: {exc}", file=file) from None
    except FileNotFoundError as exc:
        raise UsageError(f"cannot read design file: {exc.strerror}", file=file) from None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise LoadError(
            "DL006", f"cannot read the file: {reason}", file=file, position=Position(1, 1)
        ) from None
    if len(raw) > limits.max_bytes:
        raise too_large(None, file, limits)
    return load_bytes(raw, file, limits=limits)


def _load(text: str, file: str, limits: Limits) -> LoadedDocument:
    data, shadow, spans, lines = build(text, file, limits)
    return LoadedDocument(
        file=file, text=text, data=data, positions=PositionIndex(shadow, lines), span_places=tuple(spans)
    )
