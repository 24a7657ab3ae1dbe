"""GitHub Actions workflow commands: each finding becomes an annotation on the pull request.

Messages come from design files, so they are untrusted: escaping them the way the Actions
runner unescapes them keeps a hostile message from ending the command early or starting another.
"""

from __future__ import annotations

from designlint.findings import Severity
from designlint.reporters import Report, message_with_hint, printable, repository_path

_COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """The message after ``::``: the runner's ``escapeData``; other control characters become ``?``."""
    return printable(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def escape_property(text: str) -> str:
    """A ``key=value`` property (the runner's ``escapeProperty``): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding) -> str:
    properties = {
        "file": repository_path(finding.file),
        "line": str(finding.position.line),
        "col": str(finding.position.column),
        "title": f"{finding.code} {finding.name}",
    }
    joined = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{_COMMANDS[finding.severity]} {joined}::{escape_data(message_with_hint(finding))}"


def render(report: Report) -> str:
    from designlint.reporters.text import summary

    findings = sorted(report.findings, key=lambda f: (repository_path(f.file), *f.sort_key()))
    # The summary is a plain log line: nothing the runner interprets.
    return "".join(annotation(f) + "\n" for f in findings) + summary(report) + "\n"
