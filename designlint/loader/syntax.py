"""Parser errors as DL001 findings an author can act on."""

from __future__ import annotations

from yaml.error import MarkedYAMLError

from designlint.errors import LoadError, Position

from .source import LINE_BREAK, position_in

TAB_MESSAGE = "tab character used for indentation; YAML indents with spaces only"


def syntax_error(exc: MarkedYAMLError, text: str, file: str) -> LoadError:
    mark = exc.problem_mark or exc.context_mark
    lines = LINE_BREAK.split(text)
    if mark is None:
        return LoadError("DL001", _describe(exc, lines), file=file, position=Position(1, 1))
    tab = _tab_near(lines, mark.line, mark.column)
    if tab is not None:
        # libyaml's own words for this ("found character that cannot start any token")
        # do not say that the character is a tab.
        return LoadError("DL001", TAB_MESSAGE, file=file, position=tab)
    return LoadError("DL001", _describe(exc, lines), file=file, position=position_in(lines, mark))


def _describe(exc: MarkedYAMLError, lines: list[str]) -> str:
    message = exc.problem or exc.context or "invalid YAML"
    if exc.problem and exc.context:
        if exc.context_mark is not None:
            return f"{message} ({exc.context} at {position_in(lines, exc.context_mark)})"
        return f"{message} ({exc.context})"
    return message


def _tab_near(lines: list[str], line: int, column: int) -> Position | None:
    """The tab that caused an error at 0-based (line, column), if a tab did.

    That is the character at the error, or a tab among the spaces indenting its line.
    """
    if not 0 <= line < len(lines):
        return None
    source = lines[line]
    if column < len(source) and source[column] == "\t":
        return Position(line + 1, column + 1)
    indent = len(source) - len(source.lstrip(" \t"))
    tab = source.find("\t", 0, indent)
    return Position(line + 1, tab + 1) if tab >= 0 else None
