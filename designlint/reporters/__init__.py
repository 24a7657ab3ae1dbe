"""Reporters turn findings into text for people and formats for machines. They never decide exit codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from designlint.engine.runner import FileResult


@dataclass(frozen=True)
class Report:
    results: list[FileResult]
    ruleset: object
    color: bool = False
    show_source: bool = True
    version: str = ""

    @property
    def findings(self):
        return [finding for result in self.results for finding in result.findings]


def _text(report: Report) -> str:
    from designlint.reporters.text import render

    return render(report)


def _json(report: Report) -> str:
    from designlint.reporters.json_report import render

    return render(report)


REPORTERS: dict[str, Callable[[Report], str]] = {"text": _text, "json": _json}
