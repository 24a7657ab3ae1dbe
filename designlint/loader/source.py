"""From bytes to checked source text, and from offsets to positions.

Everything here runs before the YAML parser, so encoding problems are reported as such
(with the position of the offending byte) instead of as confusing syntax errors.
"""

from __future__ import annotations

import os
import re
import stat

from designlint.errors import LoadError, Position

from .limits import Limits

TYPE_CHECKING = False  # typing is not imported at run time
if TYPE_CHECKING:
    from typing import Any

_UTF8_BOM = b"\xef\xbb\xbf"
_OTHER_BOMS = (
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\xfe\xff", "UTF-16"),
    (b"\xff\xfe", "UTF-16"),
)

# Line breaks as the YAML parser counts them, so our positions agree with its marks.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

# YAML's printable set (spec 5.1), complemented. Lone surrogates can only come from a
# str handed to load_text, and are caught here too.
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# For ASCII text a byte translate finds the same characters about ten times faster.
_ASCII_PRINTABLE = b"\t\n\r" + bytes(range(0x20, 0x7F))


_NOT_REGULAR = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)
# Opening never waits for a writer (FIFO) or makes a terminal ours; reading a regular file is unaffected.
_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
)


class NotARegularFile(OSError):
    """A FIFO, socket, device or folder where a design file was expected; reading it could block forever."""

    def __init__(self, kind: str):
        super().__init__(f"not a regular file ({kind})")
        self.kind = kind


def file_kind(mode: int) -> str:
    """What a ``st_mode`` describes, in words: "a named pipe", "a regular file", ..."""
    for test, kind in _NOT_REGULAR:
        if test(mode):
            return kind
    return "a regular file" if stat.S_ISREG(mode) else "a special file"


def read_regular(path: str | os.PathLike, max_bytes: int) -> bytes:
    """At most ``max_bytes + 1`` bytes of a regular file (one past the limit tells it is too large).

    Anything else raises :class:`NotARegularFile` before it is opened, so a FIFO or a device never
    blocks the run; the descriptor is checked again after opening, in case the file was swapped.
    """
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise NotARegularFile(file_kind(mode))
    with open(os.open(path, _OPEN_FLAGS), "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise NotARegularFile(file_kind(mode))
        return handle.read(max_bytes + 1)


def position_at(text: str, index: int) -> Position:
    """The 1-based position of character `index` in `text`."""
    line = 1
    line_start = 0
    for match in LINE_BREAK.finditer(text, 0, index):
        line += 1
        line_start = match.end()
    return Position(line, index - line_start + 1)


def position_in(lines: list[str], mark: Any) -> Position:
    """A parser mark as a position inside the text split into `lines`, for a caret.

    At the end of a file without a final line break libyaml puts its mark on the line
    after the last one; the end of the last line is where the problem is.
    """
    if mark.line >= len(lines):
        return Position(len(lines), len(lines[-1]) + 1)
    return Position(mark.line + 1, min(mark.column, len(lines[mark.line])) + 1)


def decode(raw: bytes, file: str, limits: Limits) -> str:
    """Strict UTF-8 text of `raw` without its BOM, after the size and character checks."""
    if len(raw) > limits.max_bytes:
        raise too_large(len(raw), file, limits)
    if raw.startswith(_UTF8_BOM):
        raw = raw[len(_UTF8_BOM) :]
    else:
        for bom, name in _OTHER_BOMS:
            if raw.startswith(bom):
                raise LoadError(
                    "DL005",
                    f"file is {name} encoded; designs must be UTF-8",
                    file=file,
                    position=Position(1, 1),
                )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = raw[: exc.start].decode("utf-8")
        raise LoadError(
            "DL005",
            f"not valid UTF-8: byte 0x{raw[exc.start]:02x} cannot appear here",
            file=file,
            position=position_at(prefix, len(prefix)),
        ) from None
    _check_characters(text, raw if text.isascii() else None, file)
    return text


def check_text(text: str, file: str, limits: Limits) -> str:
    """`text` without a leading BOM, after the character and size checks."""
    if len(text) > limits.max_bytes:  # never fewer bytes than characters
        raise too_large(None, file, limits)
    if text.startswith("\ufeff"):
        text = text[1:]
    ascii_only = text.isascii()
    _check_characters(text, text.encode("ascii") if ascii_only else None, file)
    if not ascii_only:
        size = len(text.encode("utf-8"))
        if size > limits.max_bytes:
            raise too_large(size, file, limits)
    return text


def _check_characters(text: str, ascii_bytes: bytes | None, file: str) -> None:
    if ascii_bytes is not None and not ascii_bytes.translate(None, _ASCII_PRINTABLE):
        return
    match = _NOT_PRINTABLE.search(text)
    if match is None:
        return
    char = match.group()
    if "\ud800" <= char <= "\udfff":
        kind = "surrogate"
    elif char < "\xa0":
        kind = "control character"
    else:
        kind = "non-character"
    raise LoadError(
        "DL005",
        f"{kind} U+{ord(char):04X} is not allowed in YAML",
        file=file,
        position=position_at(text, match.start()),
    )


def too_large(size: int | None, file: str, limits: Limits) -> LoadError:
    size_text = "larger than the limit of" if size is None else f"{size} bytes; the limit is"
    return LoadError(
        "DL004", f"file is {size_text} {limits.max_bytes} bytes", file=file, position=Position(1, 1)
    )
