"""Output that may end up in a CI log never carries a workflow command it did not mean to.

GitHub Actions reads two kinds of command out of every line a job prints: a line that starts
with ``::`` after leading white space (``::error ...::``, ``::add-mask::``, ``::stop-commands::``)
and ``##[command]`` anywhere in a line; Azure Pipelines reads ``##vso[`` anywhere. Design text
(file names, keys, values, messages) reaches designlint's output, so every format that can be
printed defuses both, each in a way that keeps its own meaning: JSON and XML readers get the
same characters back, Markdown shows them, and plain text shows a percent escape like the
runner's own. ``--format github`` writes the commands designlint means; its data is escaped
separately (:mod:`designlint.reporters.github`), and its lines all start with a command anyway.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class Escapes(NamedTuple):
    """How one output format writes a ':' and a '[' so that they stay the same characters to its readers."""

    colon: str
    bracket: str


TEXT = Escapes(colon="%3A", bracket="%5B")
JSON = Escapes(colon="\\u003a", bracket="\\u005b")  # only ever inside a string, where both are valid
XML = Escapes(colon="&#58;", bracket="&#91;")
MARKDOWN = Escapes(colon="\\:", bracket="\\[")

# A line's leading white space as a trim might drop it (older .NET trimmed U+180E, U+200B and
# U+FEFF too). Lines are split at every break a log reader might split at (str.splitlines: the
# runner's \r and \n and more), so each line's indentation is scanned once: linear time.
_INDENT = re.compile(r"(?:\s|[\u180e\u200b\ufeff])*")
_HASH_COMMAND = re.compile(r"(##(?:[vV][sS][oO])?)\[")


def defuse(output: str, escapes: Escapes) -> str:
    """``output`` with every workflow command a CI runner would read in it escaped."""
    if "::" in output:
        lines = output.splitlines(keepends=True)
        for number, line in enumerate(lines):
            if "::" not in line:
                continue
            start = _INDENT.match(line).end()  # type: ignore[union-attr]  # matches the empty string
            if line.startswith("::", start):
                lines[number] = line[:start] + escapes.colon + line[start + 1 :]
        output = "".join(lines)
    if "##" in output:
        output = _HASH_COMMAND.sub(lambda match: match.group(1) + escapes.bracket, output)
    return output
