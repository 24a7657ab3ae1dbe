"""Findings introduced and fixed between two versions, matched by rule code and document path (not line)."""

from __future__ import annotations

from collections import Counter

from designlint.engine.baseline import document_path
from designlint.review.model import FindingChange


def _key(finding) -> tuple[str, str]:
    return finding.code, document_path(finding)


def _unmatched(findings, others) -> list[FindingChange]:
    remaining = Counter(_key(f) for f in others)
    out = []
    for finding in findings:
        key = _key(finding)
        if remaining[key] > 0:
            remaining[key] -= 1
            continue
        out.append(
            FindingChange(
                code=finding.code,
                name=finding.name,
                severity=finding.severity.value,
                message=finding.message,
                path=key[1],
                line=finding.position.line,
            )
        )
    return out


def finding_changes(base_findings, head_findings) -> tuple[list[FindingChange], list[FindingChange]]:
    """``(introduced, fixed)``: head's findings base lacks, and base's findings head no longer has."""
    return _unmatched(head_findings, base_findings), _unmatched(base_findings, head_findings)
