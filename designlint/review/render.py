"""A review diff as text for a terminal, Markdown for a pull-request comment, and JSON for tools."""

from __future__ import annotations

import json
from dataclasses import asdict

from designlint.reporters import printable
from designlint.review.model import Change, DesignDiff


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _arrow(change: Change) -> str:
    if change.before is None and change.after is None:
        return ""
    if change.before is None:
        return f": {change.after}"
    if change.after is None:
        return f" (was {change.before})"
    return f": {change.before} -> {change.after}"


def headline(diffs: list[DesignDiff], against: str) -> str:
    concerns = sum(len(d.concerns) for d in diffs)
    introduced = sum(len(d.introduced) for d in diffs)
    fixed = sum(len(d.fixed) for d in diffs)
    if not diffs:
        return f"No designs changed {against}."
    parts = [
        f"{_plural(len(diffs), 'design')} changed {against}",
        f"{_plural(concerns, 'change')} to look at" if concerns else "nothing loosened or lost",
        f"{_plural(introduced, 'finding')} introduced, {fixed} fixed",
    ]
    return "; ".join(parts) + "."


def _change_line(change: Change) -> str:
    return (
        f"{change.verdict}: {change.subject}{_arrow(change)}{f' ({change.detail})' if change.detail else ''}"
    )


def _file_summary(diff: DesignDiff) -> list[tuple[bool, str]]:
    """The lines a reviewer reads first, flagged when they need a look: risks first, then counts."""
    lines = [(True, f"design {diff.status}")] if diff.status != "modified" else []
    lines += [(True, _change_line(change)) for change in diff.concerns]
    others = len(diff.changes) - len(diff.concerns)
    if others:
        lines.append((False, _plural(others, "other change")))
    if diff.introduced or diff.fixed:
        lines.append(
            (
                bool(diff.introduced),
                f"{_plural(len(diff.introduced), 'finding')} introduced, {len(diff.fixed)} fixed",
            )
        )
    lines += [(False, note) for note in diff.notes]
    return lines or [(False, "no review-relevant changes")]


def render_text(diffs: list[DesignDiff], against: str) -> str:
    lines = [headline(diffs, against), ""]
    for diff in diffs:
        lines.append(printable(diff.file))
        lines += [f"  {'!' if flagged else '-'} {printable(text)}" for flagged, text in _file_summary(diff)]
        for area, changes in diff.by_area():
            lines.append(f"  {area}:")
            lines += [f"    {printable(_change_line(change))}" for change in changes]
        for label, findings in (("introduced", diff.introduced), ("fixed", diff.fixed)):
            if findings:
                lines.append(f"  findings {label}:")
                lines += [
                    f"    {f.code} {printable(f.message)} (line {f.line}, {printable(f.path)})"
                    for f in findings
                ]
        lines.append("")
    return "\n".join(lines)


def render_markdown(diffs: list[DesignDiff], against: str) -> str:
    from designlint.review.markdown import code, details, html, md

    lines = ["## designlint review", "", md(headline(diffs, against)), ""]
    for diff in diffs:
        lines += [f"### {md(diff.file)}", ""]
        for flagged, text in _file_summary(diff):
            verdict, _, rest = text.partition(": ")
            # Flagged change lines lead with their verdict in bold; counts and notes stay plain.
            lines.append(
                f"- **{md(verdict)}**: {md(rest)}"
                if flagged and rest
                else f"- **{md(text)}**"
                if flagged
                else f"- {md(text)}"
            )
        lines.append("")
        for area, changes in diff.by_area():
            table = ["| Change | Before | After |", "| --- | --- | --- |"]
            table += [
                f"| {md(c.subject)} **{c.verdict}**{f' ({md(c.detail)})' if c.detail else ''} | "
                f"{md(c.before) if c.before is not None else '-'} | {md(c.after) if c.after is not None else '-'} |"
                for c in changes
            ]
            lines += details(f"{html(area)} ({len(changes)})", table)
        for label, findings in (("Findings introduced", diff.introduced), ("Findings fixed", diff.fixed)):
            if findings:
                body = [f"- {code(f.code)} {md(f.message)} (line {f.line}, {md(f.path)})" for f in findings]
                lines += details(f"{label} ({len(findings)})", body)
    return "\n".join(lines).rstrip("\n") + "\n"


def render_json(diffs: list[DesignDiff], against: str, version: str) -> str:
    document = {
        "tool": {"name": "designlint", "version": version},
        "against": against,
        "summary": {
            "designs": len(diffs),
            "concerns": sum(len(d.concerns) for d in diffs),
            "changes": sum(len(d.changes) for d in diffs),
            "introduced": sum(len(d.introduced) for d in diffs),
            "fixed": sum(len(d.fixed) for d in diffs),
        },
        "designs": [
            {
                "file": d.file,
                "status": d.status,
                "changes": [asdict(c) for c in d.changes],
                "introduced": [asdict(f) for f in d.introduced],
                "fixed": [asdict(f) for f in d.fixed],
                "notes": d.notes,
            }
            for d in diffs
        ],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
