"""Machine output: one JSON document, keys sorted, so the same input gives the same bytes."""

from __future__ import annotations

import json

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
    findings = [finding_dict(f) for f in report.findings]
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")}
    document = {
        "tool": {"name": "designlint", "version": report.version},
        "files": [r.file for r in report.results],
        "findings": findings,
        "suppressed": sum(len(r.suppressed) for r in report.results),
        "baselined": report.baselined,
        "summary": {"files": len(report.results), "findings": len(findings), **counts},
    }

    # One finding per line: readable and diffable, and each line goes through the C encoder
    # (json.dumps with ``indent`` falls back to the pure-Python one, 10x slower on large reports).
    def compact(value: object) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))

    lines = []
    for key in sorted(document):
        value = document[key]
        if key in ("findings", "files") and value:
            items = ",\n".join(f"    {compact(item)}" for item in value)
            lines.append(f"  {json.dumps(key)}: [\n{items}\n  ]")
        else:
            lines.append(f"  {json.dumps(key)}: {compact(value)}")
    return defuse("{\n" + ",\n".join(lines) + "\n}\n", JSON)
