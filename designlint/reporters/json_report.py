"""Machine output: one JSON document, keys sorted, so the same input gives the same bytes.

One finding per line: readable and diffable, and each line goes through the C encoder
(``json.dumps`` with ``indent`` falls back to the pure-Python one, 10x slower on large reports).
The document is rendered in pieces of whole lines, a result at a time, so a long report is
written as it is rendered rather than held in memory at once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from designlint.findings import format_path
from designlint.reporters.ci_log import JSON, defuse


def finding_dict(finding) -> dict:
    out = {
        "file": finding.file,
        "line": finding.position.line,
        "column": finding.position.column,
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "message": finding.message,
        "path": finding.json_path,
        "hint": finding.hint,
        "dimensions": list(finding.dimensions),
    }
    if finding.related:  # the other places of one gap reported once
        out["related"] = [
            {"line": place.position.line, "column": place.position.column, "path": format_path(place.path)}
            for place in finding.related
        ]
    return out


def render(report) -> str:
    return "".join(render_chunks(report))


def render_chunks(report) -> Iterator[str]:
    """The document in pieces of whole lines, keys in sorted order (as ``sort_keys`` gives them):
    baselined, files, findings, summary, suppressed, tool."""
    totals = report.counted()
    yield _chunk(f'{{\n  "baselined": {_compact(report.baselined)},\n')
    yield from _list("files", report.file_names())
    yield from _list("findings", (finding_dict(f) for result in report.results for f in result.findings))
    summary = {"files": totals.files, "findings": totals.findings, **totals.by_severity()}
    tool = {"name": "designlint", "version": report.version}
    yield _chunk(
        f'  "summary": {_compact(summary)},\n  "suppressed": {_compact(totals.suppressed)},\n'
        f'  "tool": {_compact(tool)}\n}}\n'
    )


def _list(key: str, items: Iterable[object]) -> Iterator[str]:
    """``"key": [...]`` with one item per line (``[]`` when empty), then the comma after it."""
    pending: list[str] = []  # not yet written: an item's comma waits for the next item
    started = False
    for item in items:
        if not started:
            pending.append(f"  {json.dumps(key)}: [\n")
            started = True
        else:
            pending.append(",\n")
            if len(pending) >= _PIECES_PER_CHUNK:
                yield _chunk("".join(pending))
                pending = []
        pending.append(f"    {_compact(item)}")
    if not started:
        yield _chunk(f"  {json.dumps(key)}: [],\n")
        return
    pending.append("\n  ],\n")
    yield _chunk("".join(pending))


_PIECES_PER_CHUNK = 512  # a chunk ends after whole lines only


def _compact(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))


def _chunk(text: str) -> str:
    # Workflow commands never span a line break, so defusing line by line equals defusing the whole.
    return defuse(text, JSON)
