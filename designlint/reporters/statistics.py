"""``check --statistics``: how many findings each rule produced, most frequent first (like ruff)."""

from __future__ import annotations

from collections import Counter


def render(report) -> str:
    counts = Counter((f.code, f.name, f.severity.value) for r in report.results for f in r.findings)
    if not counts:
        return ""
    width = len(str(max(counts.values())))
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0][0]))
    return "".join(
        f"{count:>{width}}  {code:<7} {severity:<8} {name}\n" for (code, name, severity), count in rows
    )
