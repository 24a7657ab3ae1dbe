"""Inline suppressions: ``# designlint: ignore[DL201, DL305] reason: why this is acceptable``.

A trailing comment covers its own line; a comment alone on a line covers the next line. Either
covers everything beneath the mapping key on the covered line. A reason is required, and a
suppression that matches nothing is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from designlint.errors import Position, UsageError

_MARKER = re.compile(r"(?:^|\s)#\s*designlint:(?P<body>.*)$")
_IGNORE = re.compile(r"^\s*ignore\[(?P<codes>[^\]]*)\]\s*(?:reason:\s*(?P<reason>.*?))?\s*$")
_CODE = re.compile(r"^[A-Z]{1,6}[0-9]{3,4}$")


@dataclass
class Suppression:
    position: Position
    target_line: int
    codes: tuple[str, ...]
    reason: str
    used: set[str] = field(default_factory=set)


def parse_suppressions(text: str, file: str) -> list[Suppression]:
    lines = text.splitlines()
    found: list[Suppression] = []
    for index, line in enumerate(lines):
        if "designlint:" not in line:
            continue
        marker = _MARKER.search(line)
        if not marker:
            continue
        position = Position(index + 1, marker.start("body") - len("designlint:") + 1)
        match = _IGNORE.match(marker["body"])
        if not match:
            raise UsageError(
                "malformed suppression: write '# designlint: ignore[CODE, ...] reason: <why>'",
                file=file,
                position=position,
            )
        codes = tuple(code.strip() for code in match["codes"].split(",") if code.strip())
        bad = [code for code in codes if not _CODE.match(code)]
        if not codes or bad:
            raise UsageError(
                f"malformed suppression: {'no rule code' if not codes else 'not a rule code: ' + ', '.join(bad)}",
                file=file,
                position=position,
            )
        if not (match["reason"] or "").strip():
            raise UsageError(
                "suppression needs a reason: '# designlint: ignore[...] reason: <why>'",
                file=file,
                position=position,
            )
        standalone = line[: marker.start()].strip() == "" or line.lstrip().startswith("#")
        target = _next_content_line(lines, index) if standalone else index + 1
        found.append(Suppression(position, target, codes, match["reason"].strip()))
    return found


def _next_content_line(lines: list[str], index: int) -> int:
    for later in range(index + 1, len(lines)):
        stripped = lines[later].strip()
        if stripped and not stripped.startswith("#"):
            return later + 1
    return index + 1
