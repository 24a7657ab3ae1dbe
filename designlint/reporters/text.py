"""Human output: ``file:line:col: severity CODE message``, the source line with a caret, and a hint."""

from __future__ import annotations

from collections.abc import Iterator

import click

from designlint.findings import Finding
from designlint.reporters import printable as _printable
from designlint.reporters.ci_log import TEXT, defuse

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def help_link(code: str, rules, site_url: str | None) -> str | None:
    """Where a rule is explained: its pack's own link, else its page on the team's site when
    ``site-url`` is configured, else None (the docs ship with designlint: ``designlint rule CODE``)."""
    from designlint.reporters.sarif import rule_url

    compiled = rules.get(code) if rules is not None else None
    if compiled is not None and compiled.rule.help_uri:
        return str(compiled.rule.help_uri)
    return rule_url(code, site_url)


def help_text(code: str, rules, site_url: str | None) -> str:
    """The help link, or the command that prints the rule's documentation."""
    return help_link(code, rules, site_url) or f"designlint rule {code}"


SOURCE_WIDTH = 160  # characters of a source line shown around a finding's column


def source_window(source: str, column: int) -> tuple[str, int]:
    """The part of ``source`` shown for a finding at ``column`` (0-based), and the column within it.
    A long line (a minified or flow-style design) is cut around the column, so each finding costs
    what it shows, not the whole line again."""
    if len(source) <= SOURCE_WIDTH:
        return source, column
    start = max(0, min(column - SOURCE_WIDTH // 4, len(source) - SOURCE_WIDTH))
    end = start + SOURCE_WIDTH
    before = "…" if start > 0 else ""
    after = "…" if end < len(source) else ""
    return before + source[start:end] + after, column - start + len(before)


def _caret_block(source: str, finding: Finding, color: bool) -> list[str]:
    number = str(finding.position.line)
    gutter = " " * len(number)
    # A tab shown as one space keeps every column where it was, so cutting first is the same.
    visible, column = source_window(source, max(finding.position.column - 1, 0))
    visible = visible.expandtabs(1)
    caret = " " * min(column, len(visible)) + "^"
    style = (
        (lambda text: click.style(text, fg=_COLORS[finding.severity.value], bold=True))
        if color
        else (lambda text: text)
    )
    return [f"{gutter} |", f"{number} | {_printable(visible)}", f"{gutter} | {style(caret)}"]


def render(report) -> str:
    return "".join(render_chunks(report))


def render_chunks(report) -> Iterator[str]:
    """The text report one finding at a time (then the summary), each chunk whole lines, so a
    long report is written as it is rendered rather than held in memory at once."""
    rules = getattr(report.ruleset, "rules", None)
    for result in report.results:
        for finding in result.findings:
            yield _chunk(_finding_lines(finding, result, rules, report))
    if not report.quiet:
        yield _chunk([summary(report)])


def _chunk(lines: list[str]) -> str:
    # Workflow commands never span a line break, so defusing line by line equals defusing the whole.
    return defuse("".join(line + "\n" for line in lines), TEXT)


def _finding_lines(finding: Finding, result, rules, report) -> list[str]:
    severity = finding.severity.value
    label = click.style(severity, fg=_COLORS[severity], bold=True) if report.color else severity
    code = click.style(finding.code, bold=True) if report.color else finding.code
    lines = [
        f"{_printable(finding.file)}:{finding.position}: {label} {code} {_printable(finding.message)} "
        f"[{finding.name}]"
    ]
    source = result.source_line(finding.position.line) if report.show_source else None
    if source is not None:
        lines.extend(_caret_block(source, finding, report.color))
    gutter = " " * len(str(finding.position.line))
    if finding.hint:
        lines.append(f"{gutter} = hint: {_printable(finding.hint)}")
    if report.show_source:
        lines.append(f"{gutter} = help: {_printable(help_text(finding.code, rules, report.site_url))}")
        lines.append("")
    return lines


def summary(report) -> str:
    totals = report.counted()
    files = totals.files
    noun = "file" if files == 1 else "files"
    if not totals.findings:
        if report.baselined:
            return f"All clear: {files} {noun} checked, no new findings ({report.baselined} in baseline)."
        return f"All clear: {files} {noun} checked, no findings."
    counts = totals.by_severity()
    parts = [
        f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "info") if counts[s]
    ]
    total = totals.findings
    tail = f", {totals.suppressed} suppressed" if totals.suppressed else ""
    tail += f", {report.baselined} in baseline" if report.baselined else ""
    return f"Found {total} finding{'s' if total != 1 else ''} ({', '.join(parts)}{tail}) in {files} {noun} checked."
