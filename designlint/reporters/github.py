"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

Messages come from design files, so they are untrusted: escaping them the way the Actions
runner unescapes them keeps a hostile message from ending the command early or starting another.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from designlint.findings import Severity
from designlint.reporters import (
    Report,
    in_path_order,
    message_with_hint,
    printable,
    repository_path,
    repository_paths,
)

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


# ``##[command]`` (and Azure's ``##vso[``) is read anywhere in a line, inside a command's data too.
_HASH_COMMAND = re.compile(r"(##(?:[vV][sS][oO])?)\[")


def escape_data(text: str) -> str:
    """The message after ``::``: the runner's ``escapeData``; other control characters become ``?``."""
    escaped = printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
    return _HASH_COMMAND.sub(r"\1%5B", escaped) if "##" in escaped else escaped


def escape_property(text: str) -> str:
    """A ``key=value`` property (the runner's ``escapeProperty``): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding, path_of: Callable[[str], str] = repository_path) -> str:
    properties = {
        "file": path_of(finding.file),
        "line": str(finding.position.line),
        "col": str(finding.position.column),
        "title": f"{finding.code} {finding.name}",
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{_COMMANDS[finding.severity]} {joined}::{escape_data(message_with_hint(finding))}"


# GitHub shows at most this many annotations of each level from one step; the rest are dropped.
SHOWN_PER_LEVEL = 10
SUMMARY_ENV = "GITHUB_STEP_SUMMARY"
# Markdown and HTML that a message could use to change the job summary's table or page.
_MARKDOWN_SPECIAL = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        "|": "\\|",
        "\\": "\\\\",
        "`": "\\`",
        "*": "\\*",
        "_": "\\_",
        "[": "\\[",
        "]": "\\]",
        "!": "\\!",
        "#": "\\#",
        "\n": "<br>",
        "\r": " ",
    }
)


def markdown_cell(text: str) -> str:
    return printable(text.replace("\r\n", "\n").translate(_MARKDOWN_SPECIAL))


def truncated(findings) -> bool:
    """Whether GitHub would drop some annotations (more than it shows of one level)."""
    counts = Counter(_COMMANDS[f.severity] for f in findings)
    return any(count > SHOWN_PER_LEVEL for count in counts.values())


def job_summary(findings) -> str:
    """Every finding as a Markdown table for the job summary page."""
    findings = list(findings)
    return "".join(_summary_lines(findings, len(findings)))


def _summary_lines(
    findings: Iterable, total: int, path_of: Callable[[str], str] = repository_path
) -> Iterator[str]:
    yield (
        f"## designlint findings\n\n{total} findings; GitHub shows at most {SHOWN_PER_LEVEL} "
        "annotations of each level per step.\n\n| File | Line | Severity | Rule | Message |\n"
        "| --- | ---: | --- | --- | --- |\n"
    )
    for f in findings:
        cells = (
            path_of(f.file),
            str(f.position.line),
            f.severity.value,
            f"{f.code} {f.name}",
            message_with_hint(f),
        )
        yield "| " + " | ".join(markdown_cell(cell) for cell in cells) + " |\n"


def render(report: Report) -> str:
    return "".join(render_chunks(report))


def render_chunks(report: Report) -> Iterator[str]:
    """An annotation per finding as it is read, then the notice and the summary line."""
    from designlint.reporters.text import summary

    levels: Counter = Counter()
    path_of = repository_paths()
    for finding in in_path_order(report):
        levels[_COMMANDS[finding.severity]] += 1
        yield annotation(finding, path_of) + "\n"
    total = sum(levels.values())
    if any(count > SHOWN_PER_LEVEL for count in levels.values()):
        target = os.environ.get(SUMMARY_ENV)
        if target:
            # Appended, as GitHub collects every step's summary from this file.
            with open(target, "a", encoding="utf-8") as handle:
                handle.writelines(_summary_lines(in_path_order(report), total, path_of))
            where = "every finding is listed in the job summary"
        else:
            where = "run 'designlint check' for the full list"
        yield (
            f"::notice title=designlint::{total} findings; GitHub shows at most {SHOWN_PER_LEVEL} "
            f"annotations of each level per step, so some are not annotated: {where}\n"
        )
    # The summary is a plain log line: nothing the runner interprets.
    yield summary(report) + "\n"
