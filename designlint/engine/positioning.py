"""From document paths to ``file:line:col``, the one place positions are resolved."""

from __future__ import annotations

from pydantic import BaseModel, ValidationError

from designlint.engine.findings import Problem
from designlint.engine.structure import problems_from_validation
from designlint.errors import Position, UsageError


def locate(document, problem: Problem) -> Position:
    """Key position for key-level problems, value position otherwise; nearest parent when the path is gone."""
    positions = document.positions
    if not problem.at_key:
        found = positions.value(problem.path)
        if found is not None:
            return _inside_scalar(document.text, found, problem.offset) if problem.offset else found
    position, _ = positions.resolve(problem.path)
    return position


def _inside_scalar(text: str, start: Position, offset: int) -> Position:
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


def validate_or_raise(document, model: type[BaseModel], what: str):
    """Validate configuration-like documents (rule packs, config): the first error is a usage error (exit 2)."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        _code, problem = problems_from_validation(error, model)[0]
        message = problem.message + (f" ({problem.hint})" if problem.hint else "")
        raise UsageError(
            f"invalid {what}: {message}", file=document.file, position=locate(document, problem)
        ) from None
