"""The score card as text for a terminal, JSON for tools and Markdown for a pull request or notes."""

from __future__ import annotations

import json

from designlint.reporters import printable
from designlint.score.grade import GRADES, STRONG, Gap, ItemGrade, RuleOutcomes, ScoreCard
from designlint.score.signals import ABSENT, ACCEPTED, MET, SignalResult

MARKS = {MET: "+", "partial": "~", ABSENT: "-", ACCEPTED: "="}
SHOWN_SHORTFALLS = 3


def _heading(item: ItemGrade) -> str:
    dimension = f" ({item.item.dimension})" if item.item.dimension else ""
    return f"{item.item.number}. {item.item.title}{dimension}"


def _amount(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def _signal_line(result: SignalResult) -> str:
    signal = result.signal
    line = f"{signal.label}: {_amount(result.found)} of {result.needed} ({signal.sections})"
    if result.state != MET and result.shortfalls:
        shown = [
            f"{s.label}: "
            + ("; ".join(f"{code} reports a problem" for code in s.faulted_by) or ", ".join(s.lacks))
            for s in result.shortfalls[:SHOWN_SHORTFALLS]
        ]
        more = len(result.shortfalls) - SHOWN_SHORTFALLS
        line += "; " + "; ".join(shown) + (f"; and {more} more" if more > 0 else "")
    if result.state == ACCEPTED:
        line += f"; {result.signal.rule} suppressed with a reason"
    return line


def _gap_line(gap: Gap) -> str:
    if gap.code:
        return f"{gap.code}: {gap.what}"
    assert gap.signal is not None
    return _signal_line(gap.signal)


def _rule_lines(rules: RuleOutcomes) -> list[str]:
    lines = []
    for label, codes in (
        ("rules checked and passed", rules.passed),
        ("rules that found a problem", rules.found),
        ("rules with nothing to check here (not counted)", rules.vacuous),
        ("rules not run", rules.not_run),
    ):
        if codes:
            lines.append(f"{label}: {', '.join(codes)}")
    return lines


def _accepted_lines(item: ItemGrade) -> list[str]:
    """One line per rule whose findings here are suppressed with a reason: accepted gaps."""
    lines: dict[str, list[int]] = {}
    for finding in item.suppressed:
        lines.setdefault(finding.code, []).append(finding.position.line)
    return [
        f"{code} accepted: suppressed with a reason (line{'s' if len(at) > 1 else ''} "
        f"{', '.join(str(n) for n in sorted(set(at)))})"
        for code, at in sorted(lines.items())
    ]


def _tally(card: ScoreCard) -> str:
    return ", ".join(f"{card.count(g)} {g}" for g in GRADES)


def render_text(card: ScoreCard) -> str:
    lines = [
        f"{card.file}: L6 readiness {card.percent} % ({_tally(card)})",
        f"verdict: {card.verdict}",
        "",
    ]
    for item in card.items:
        lines.append(f"{_heading(item)}: {item.grade} ({round(100 * item.fraction)} %)")
        for result in item.signals:
            if result.state in (MET, ACCEPTED):
                lines.append(f"    {MARKS[result.state]} {printable(_signal_line(result))}")
        for line in _accepted_lines(item):
            lines.append(f"    = {line}")
        for line in _rule_lines(item.rules):
            lines.append(f"    {line}")
        for gap in item.gaps:
            mark = MARKS[gap.signal.state] if gap.signal else "-"
            lines.append(f"    {mark} {printable(_gap_line(gap))}")
            lines.append(f"      staff answer adds: {printable(gap.adds)}")
        if item.grade != STRONG:
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


def _signal_dict(result: SignalResult) -> dict:
    signal = result.signal
    return {
        "id": signal.id,
        "label": signal.label,
        "section": signal.sections,
        "found": round(result.found, 3),
        "needed": result.needed,
        "instances": result.instances,
        "credit": round(result.credit, 3),
        "weight": signal.weight,
        "core": signal.core,
        "state": result.state,
        "shortfalls": [
            {"label": s.label, "lacks": list(s.lacks), "faultedBy": list(s.faulted_by)}
            for s in result.shortfalls
        ],
    }


def render_json(card: ScoreCard, version: str) -> str:
    document = {
        "tool": {"name": "designlint", "version": version},
        "file": card.file,
        "score": round(card.score, 1),
        "percent": card.percent,
        "grades": {g: card.count(g) for g in GRADES},
        "verdict": card.verdict,
        "items": [
            {
                "number": item.item.number,
                "dimension": item.item.dimension,
                "title": item.item.title,
                "grade": item.grade,
                "fraction": round(item.fraction, 3),
                "substance": round(item.substance, 3),
                "ruleFactor": round(item.rules.factor, 3),
                "signals": [_signal_dict(s) for s in item.signals],
                "rules": {
                    "passed": list(item.rules.passed),
                    "found": list(item.rules.found),
                    "accepted": list(item.rules.accepted),
                    "vacuous": list(item.rules.vacuous),
                    "notRun": list(item.rules.not_run),
                    "findings": [_finding_dict(f) for f in item.findings],
                    "suppressed": [_finding_dict(f) for f in item.suppressed],
                },
                "gaps": [
                    {
                        "what": g.what,
                        "code": g.code,
                        "signal": g.signal.signal.id if g.signal else None,
                        "adds": g.adds,
                    }
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
        f"**{card.percent} %** ({_tally(card)}): {md(card.verdict)}",
        "",
        "| # | Item | Grade | Score | Signals met | Gaps |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for item in card.items:
        dimension = f" ({item.item.dimension})" if item.item.dimension else ""
        lines.append(
            f"| {item.item.number} | {md(item.item.title)}{dimension} | **{item.grade}** | "
            f"{round(100 * item.fraction)} % | {len(item.met_signals)}/{len(item.signals)} | {len(item.gaps)} |"
        )
    lines.append("")
    for item in card.items:
        body = ["**Evidence**", ""]
        body += [f"- {md(_signal_line(s))}" for s in item.met_signals] or ["- none yet"]
        body += [f"- accepted gap: {md(_signal_line(s))}" for s in item.accepted_signals]
        body += [f"- {md(line)}" for line in _accepted_lines(item)]
        body += [f"- {md(line)}" for line in _rule_lines(item.rules)]
        if item.gaps:
            body += ["", "**Gaps, and what a staff-level answer adds**", ""]
            body += [
                f"- {code(g.code) + ' ' if g.code else ''}{md(g.what if g.code else _gap_line(g))} — {md(g.adds)}"
                for g in item.gaps
            ]
        if item.grade != STRONG:
            body += [
                "",
                f"*Where L5 stops:* {md(item.item.l5)}",
                "",
                f"*Where L6 goes further:* {md(item.item.l6)}",
            ]
        summary = f"{html(_heading(item))}: <b>{item.grade}</b> ({round(100 * item.fraction)} %)"
        lines += details(summary, body)
    return "\n".join(lines)
