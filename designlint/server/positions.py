"""Between designlint's positions and the editor's.

designlint counts 1-based lines at YAML's line breaks (which include U+0085, U+2028 and U+2029)
and 1-based columns in code points, in the text without a byte-order mark. The Language Server
Protocol counts 0-based lines at ``\\n``, ``\\r\\n`` and ``\\r`` only, and characters in the
encoding agreed at start-up: UTF-16 code units unless the client offers UTF-8 or UTF-32. Every
conversion goes through a character offset into the editor's buffer, so the two ways of
counting lines never meet.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property

from lsprotocol import types

from designlint.errors import Position
from designlint.loader.source import LINE_BREAK

_LSP_BREAK = re.compile("\r\n|[\r\n]")
_BOM = "\ufeff"


def _utf16_units(text: str) -> int:
    return len(text) + sum(1 for char in text if char > "\uffff")


def _utf8_units(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


_UNITS = {
    types.PositionEncodingKind.Utf16: _utf16_units,
    types.PositionEncodingKind.Utf8: _utf8_units,
    types.PositionEncodingKind.Utf32: len,
}


def _line_starts(text: str, breaks: re.Pattern[str]) -> list[int]:
    return [0, *(match.end() for match in breaks.finditer(text))]


@dataclass(frozen=True)
class Span:
    """A stretch of the buffer, as character offsets (end exclusive)."""

    start: int
    end: int

    def contains(self, offset: int) -> bool:
        return self.start <= offset <= self.end


class LineIndex:
    """Offsets, designlint positions and LSP positions of one version of one buffer."""

    def __init__(self, buffer: str, encoding: str = types.PositionEncodingKind.Utf16):
        self.buffer = buffer
        self._units = _UNITS.get(encoding, _utf16_units)  # type: ignore[call-overload]
        # designlint's positions refer to the text after a byte-order mark.
        self.base = 1 if buffer.startswith(_BOM) else 0

    # Line starts are found on first use: a clean design converts no position at all.
    @cached_property
    def _lsp_starts(self) -> list[int]:
        return _line_starts(self.buffer, _LSP_BREAK)

    @cached_property
    def _yaml_starts(self) -> list[int]:
        return _line_starts(self.buffer[self.base :], LINE_BREAK)

    # --- designlint -> offsets --------------------------------------------------------------

    def offset_of(self, position: Position) -> int:
        """The buffer offset of a designlint position, clamped to its line."""
        starts = self._yaml_starts
        line = min(max(position.line, 1), len(starts)) - 1
        start = starts[line]
        end = starts[line + 1] if line + 1 < len(starts) else len(self.buffer) - self.base
        text_line = self.buffer[self.base + start : self.base + end]
        content = len(text_line.rstrip("\r\n\x85\u2028\u2029"))
        return self.base + start + min(max(position.column - 1, 0), content)

    def text_offset(self, offset: int) -> int:
        """A buffer offset as an offset into designlint's text (without the byte-order mark)."""
        return max(offset - self.base, 0)

    # --- offsets <-> LSP ---------------------------------------------------------------------

    def position(self, offset: int) -> types.Position:
        offset = min(max(offset, 0), len(self.buffer))
        line = bisect.bisect_right(self._lsp_starts, offset) - 1
        start = self._lsp_starts[line]
        return types.Position(line=line, character=self._units(self.buffer[start:offset]))

    def offset(self, position: types.Position) -> int:
        """The buffer offset of an LSP position; past the end of a line means its end."""
        starts = self._lsp_starts
        if position.line >= len(starts):
            return len(self.buffer)
        start = starts[position.line]
        end = starts[position.line + 1] if position.line + 1 < len(starts) else len(self.buffer)
        line = self.buffer[start:end].rstrip("\r\n")
        if self._units is len:
            return start + min(position.character, len(line))
        units = 0
        for index, char in enumerate(line):
            if units >= position.character:
                return start + index
            units += self._units(char)
        return start + len(line)

    def range(self, span: Span) -> types.Range:
        return types.Range(start=self.position(span.start), end=self.position(span.end))

    def span(self, lsp_range: types.Range) -> Span:
        return Span(self.offset(lsp_range.start), self.offset(lsp_range.end))

    # --- lines -------------------------------------------------------------------------------

    def line_of(self, offset: int) -> int:
        """The 0-based LSP line of a buffer offset."""
        return bisect.bisect_right(self._lsp_starts, offset) - 1

    def line_text(self, line: int) -> str:
        """LSP line ``line`` without its line break ('' past the end)."""
        starts = self._lsp_starts
        if not 0 <= line < len(starts):
            return ""
        end = starts[line + 1] if line + 1 < len(starts) else len(self.buffer)
        return self.buffer[starts[line] : end].rstrip("\r\n")

    def line_start(self, line: int) -> int:
        starts = self._lsp_starts
        return starts[min(max(line, 0), len(starts) - 1)]

    @property
    def line_count(self) -> int:
        return len(self._lsp_starts)

    def line_break(self) -> str:
        """The buffer's first line break, for inserted lines ('\\n' when it has none)."""
        match = _LSP_BREAK.search(self.buffer)
        return match.group() if match else "\n"

    # --- tokens ------------------------------------------------------------------------------

    def token(self, offset: int) -> Span:
        """The YAML token that starts at ``offset``: a quoted scalar, or a plain key or value.

        A plain scalar ends at the end of its line, a comment, ``: `` or a flow indicator; an
        empty token is widened to one character so an editor can still underline it.
        """
        text = self.buffer
        line_end = self._line_end(offset)
        if offset >= line_end:
            return Span(offset, offset)
        quote = text[offset]
        if quote in "'\"":
            index = offset + 1
            while index < line_end:
                char = text[index]
                if quote == '"' and char == "\\":
                    index += 2
                    continue
                if char == quote:
                    if quote == "'" and text[index + 1 : index + 2] == "'":
                        index += 2
                        continue
                    return Span(offset, index + 1)
                index += 1
            return Span(offset, line_end)
        index = offset
        while index < line_end:
            char = text[index]
            if char in ",[]{}":
                break
            if char == "#" and index > offset and text[index - 1] in " \t":
                break
            if char == ":" and (index + 1 >= line_end or text[index + 1] in " \t"):
                break
            index += 1
        end = index
        while end > offset and text[end - 1] in " \t":
            end -= 1
        return Span(offset, end if end > offset else min(offset + 1, line_end))

    def _line_end(self, offset: int) -> int:
        line = self.line_of(offset)
        starts = self._lsp_starts
        end = starts[line + 1] if line + 1 < len(starts) else len(self.buffer)
        while end > starts[line] and self.buffer[end - 1] in "\r\n":
            end -= 1
        return end
