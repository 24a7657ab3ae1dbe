"""Errors that know their exit code and how to print themselves (the click way).

Exit codes are part of the public contract:
0 clean, 1 findings, 2 usage, configuration or internal error.
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_ERROR = 2


@dataclass(frozen=True, order=True)
class Position:
    """A 1-based line and column in a source file."""

    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}"


class DesignlintError(Exception):
    """Base for every error designlint reports itself; never shown as a traceback."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, *, file: str | None = None, position: Position | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.position = position

    def location(self) -> str:
        if self.file is None:
            return ""
        if self.position is None:
            return f"{self.file}: "
        return f"{self.file}:{self.position}: "

    def format(self) -> str:
        return f"{self.location()}error: {self.message}"

    def __str__(self) -> str:
        return self.format()


class UsageError(DesignlintError):
    """Bad command line, configuration or rule pack: exit code 2."""


class LoadError(DesignlintError):
    """A design file that cannot be read as a safe YAML document.

    Carries a stable rule code so it is reported like any other finding (exit code 1).
    """

    exit_code = EXIT_FINDINGS

    def __init__(self, code: str, message: str, *, file: str | None = None, position: Position | None = None):
        super().__init__(message, file=file, position=position)
        self.code = code

    def format(self) -> str:
        return f"{self.location()}error {self.code} {self.message}"
