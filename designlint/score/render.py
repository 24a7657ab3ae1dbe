"""The score card as text for a terminal, JSON for tools and Markdown for a pull request or notes."""

from __future__ import annotations

import json

from designlint.reporters import printable
from designlint.score.grade import ItemGrade, ScoreCard, SignalResult


def _heading(item: ItemGrade) -> str:
    dimension = f" ({item.item.dimension})" if item.item.dimension else ""
    return f"{item.item.number}. {item.item.title}{dimension}"


def _signal_line(result: SignalResult) -> str:
    signal = result.signal
    return f"{signal.label}: {result.count} ({signal.min} needed; {signal.sections})"


def _gap_line(gap) -> str:
    if gap.code:
        return f"{gap.code}: {gap.what}"
    return f"{gap.what}: {f'none ({gap.needed} needed)' if not gap.found else f'{gap.found} of {gap.needed}'}"


def _tally(card: ScoreCard) -> str:
    return ", ".join(f"{card.count(g)} {g}" for g in ("Strong", "Partial", "Missing"))


def render_text(card: ScoreCard) -> str:
    lines = [
        f"{card.file}: L6 readiness {card.points}/{card.max_points} ({_tally(card)})",
        f"verdict: {card.verdict}",
        "",
    ]
    for item in card.items:
        lines.append(f"{_heading(item)}: {item.grade}")
        met = [s for s in item.signals if s.state == "met"]
        for result in met:
            lines.append(f"    + {_signal_line(result)}")
        if item.passed_rules:
            lines.append(f"    + rules passed: {', '.join(item.passed_rules)}")
        for finding in item.suppressed:
            lines.append(f"    + {finding.code} suppressed with a reason at {finding.position}")
        for gap in item.gaps:
            lines.append(f"    - {printable(_gap_line(gap))}")
            lines.append(f"      staff answer adds: {printable(gap.adds)}")
        if item.grade != "Strong":
            lines.append(f"      where L5 stops: {item.item.l5}")
            lines.append(f"      where L6 goes further: {item.item.l6}")
        lines.append("")
    return "\n".join(lines)


def _finding_dict(finding) -> dict:
    return {
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity.value,
        "line": finding.position.line,
        "column": finding.position.column,
        "message": finding.message,
        "path": finding.json_path,
    }


def render_json(card: ScoreCard, version: str) -> str:
    document = {
        "tool": {"name": "designlint", "version": version},
        "file": card.file,
        "points": card.points,
        "maxPoints": card.max_points,
        "grades": {g: card.count(g) for g in ("Strong", "Partial", "Missing")},
        "verdict": card.verdict,
        "items": [
            {
                "number": item.item.number,
                "dimension": item.item.dimension,
                "title": item.item.title,
                "grade": item.grade,
                "coverage": round(item.coverage, 3),
                "signals": [
                    {
                        "id": s.signal.id,
                        "label": s.signal.label,
                        "section": s.signal.sections,
                        "count": s.count,
                        "min": s.signal.min,
                        "core": s.signal.core,
                        "state": s.state,
                    }
                    for s in item.signals
                ],
                "rules": {
                    "passed": list(item.passed_rules),
                    "findings": [_finding_dict(f) for f in item.findings],
                    "suppressed": [_finding_dict(f) for f in item.suppressed],
                },
                "gaps": [
                    {"what": g.what, "code": g.code, "found": g.found, "needed": g.needed, "adds": g.adds}
                    for g in item.gaps
                ],
                "l5": item.item.l5,
                "l6": item.item.l6,
            }
            for item in card.items
        ],
    }
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def render_markdown(card: ScoreCard) -> str:
    from designlint.review.markdown import code, details, html, md

    lines = [
        f"## L6 readiness: {md(card.file)}",
        "",
        f"**{card.points}/{card.max_points}** ({_tally(card)}): {md(card.verdict)}",
        "",
        "| # | Item | Grade | Signals met | Gaps |",
        "| --- | --- | --- | --- | --- |",
    ]
    for item in card.items:
        met = sum(1 for s in item.signals if s.state == "met")
        dimension = f" ({item.item.dimension})" if item.item.dimension else ""
        lines.append(
            f"| {item.item.number} | {md(item.item.title)}{dimension} | "
            f"**{item.grade}** | {met}/{len(item.signals)} | {len(item.gaps)} |"
        )
    lines.append("")
    for item in card.items:
        body = ["**Evidence**", ""]
        body += [f"- {md(_signal_line(s))}" for s in item.signals if s.state == "met"] or ["- none yet"]
        if item.passed_rules:
            body.append(f"- rules passed: {', '.join(code(c) for c in item.passed_rules)}")
        body += [
            f"- {code(f.code)} suppressed with a reason (line {f.position.line})" for f in item.suppressed
        ]
        if item.gaps:
            body += ["", "**Gaps, and what a staff-level answer adds**", ""]
            body += [
                f"- {code(g.code) + ' ' if g.code else ''}{md(_gap_line(g) if not g.code else g.what)}: "
                f"{md(g.adds)}"
                for g in item.gaps
            ]
        if item.grade != "Strong":
            body += [
                "",
                f"*Where L5 stops:* {md(item.item.l5)}",
                "",
                f"*Where L6 goes further:* {md(item.item.l6)}",
            ]
        lines += details(f"{html(_heading(item))}: <b>{item.grade}</b>", body)
    return "\n".join(lines)
