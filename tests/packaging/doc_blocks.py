"""Fenced code blocks of the Markdown docs, so tests run what the docs tell users to run."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple


class CodeBlock(NamedTuple):
    language: str
    text: str
    line: int  # of the opening fence, 1-based


def code_blocks(path: Path) -> list[CodeBlock]:
    """Every fenced block (```lang ... ```) in the file, in order."""
    blocks: list[CodeBlock] = []
    language: str | None = None
    body: list[str] = []
    start = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if language is None and line.startswith("```"):
            language, body, start = line[3:].strip(), [], number
        elif language is not None and line.rstrip() == "```":
            blocks.append(CodeBlock(language, "\n".join(body) + "\n", start))
            language = None
        elif language is not None:
            body.append(line)
    return blocks


def only_block(path: Path, language: str, containing: str) -> CodeBlock:
    """The one block of that language whose text contains ``containing``."""
    found = [b for b in code_blocks(path) if b.language == language and containing in b.text]
    assert len(found) == 1, (
        f"{path.name}: expected one {language} block with {containing!r}, found {len(found)}"
    )
    return found[0]
