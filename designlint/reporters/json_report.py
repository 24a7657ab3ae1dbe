"""Machine output: one JSON document, keys sorted, so the same input gives the same bytes."""

from __future__ import annotations

import json


def finding_dict(finding) -> dict:
    return {
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
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
