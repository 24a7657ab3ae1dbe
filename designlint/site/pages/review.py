"""The review itself: lint findings linked to their rules, suppressions, and checklist coverage A-J."""

from __future__ import annotations

from designlint.findings import Severity
from designlint.site.coverage import Coverage
from designlint.site.escape import Raw, text
from designlint.site.markdown import blocks, code, paragraph, section, table
from designlint.site.pages.context import PageContext

SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)


def counts_phrase(entry) -> str:
    findings = entry.findings
    if not findings:
        return "no findings"
    parts = [
        f"{entry.count(s)} {s.value}{'s' if entry.count(s) != 1 else ''}"
        for s in SEVERITY_ORDER
        if entry.count(s)
    ]
    return ", ".join(parts)


def findings(ctx: PageContext) -> str:
    entry = ctx.entry
    result = entry.result
    ordered = sorted(
        result.findings, key=lambda f: (-f.severity.rank, f.position.line, f.position.column, f.code)
    )
    rows = [
        (
            Raw(f'<span class="designlint-severity designlint-{f.severity.value}">{f.severity.value}</span>'),
            Raw(f"{ctx.rule_link(f.code)}<br>{text(f.name)}"),
            f.position.line,
            code(f.fingerprint_path or f.json_path),
            f.message,
            f.hint,
        )
        for f in ordered
    ]
    summary = Raw(f"designlint reports {counts_phrase(entry)} for {code(entry.display)}.")
    suppressed = [
        (ctx.rule_link(f.code), f.position.line, code(f.fingerprint_path or f.json_path), f.message)
        for f in result.suppressed
    ]
    reasons = _suppression_reasons(ctx)
    return section(
        2,
        "Lint findings",
        "lint-findings",
        paragraph(summary),
        table(
            ["Severity", "Rule", "Line", "Where", "Finding", "How to fix"], rows, css="designlint-findings"
        ),
        section(
            3,
            "Suppressed findings",
            "suppressed-findings",
            paragraph("Findings the design's authors accepted, each with a reason in a suppression comment.")
            if suppressed
            else "",
            table(["Rule", "Line", "Where", "Finding"], suppressed, css="designlint-suppressed"),
            blocks("**Reasons given**", table(["Line", "Rules", "Reason"], reasons)) if reasons else "",
        ),
        always=True,
    )


def _suppression_reasons(ctx: PageContext) -> list[tuple]:
    from designlint.engine.suppressions import parse_suppressions
    from designlint.errors import DesignlintError

    try:
        suppressions = parse_suppressions(ctx.entry.result.text, ctx.entry.result.file)
    except DesignlintError:
        return []  # a malformed comment is already a finding of its own
    return [
        (s.position.line, Raw(", ".join(ctx.rule_link(code_) for code_ in s.codes)), s.reason)
        for s in suppressions
    ]


def coverage(ctx: PageContext, cover: Coverage | None) -> str:
    if cover is None:
        return section(
            2,
            "Checklist coverage",
            "checklist-coverage",
            paragraph("The checklist did not run: the file is not a valid design (see the findings)."),
        )

    def links(codes: list[str]) -> Raw:
        return Raw(", ".join(ctx.rule_link(code_) for code_ in codes)) if codes else Raw("—")

    rows = []
    for d in cover.dimensions:
        if not d.total:
            verdict = "nothing to check yet" if d.not_applicable or d.not_run else "no rules in the packs"
        else:
            verdict = "clean" if d.clean else f"{len(d.fired)} of {d.total} checked rules found a problem"
        rows.append(
            (
                Raw(f"**{d.letter}** {text(d.title)}"),
                verdict,
                links(d.passed),
                links(d.fired),
                links(d.suppressed),
                links([*d.not_applicable, *d.not_run]),
            )
        )
    lead = (
        f"Of the {cover.rules_total} checklist rules that had something to check, {cover.rules_passed} "
        f"pass ({cover.percent} %), {cover.rules_fired} found a problem{cover.suppressed_note}; "
        f"{cover.rules_not_applicable} had nothing to check in this design"
        + (f" and {cover.rules_not_run} did not run" if cover.rules_not_run else "")
        + f" and are not counted. {len(cover.clean_dimensions)} of {len(cover.assessed_dimensions)} "
        "assessed dimensions are clean."
    )
    return section(
        2,
        "Checklist coverage",
        "checklist-coverage",
        paragraph(lead),
        table(
            ["Dimension", "Verdict", "Passed", "Found a problem", "Accepted", "Nothing to check"],
            rows,
            css="designlint-coverage",
        ),
        always=True,
    )
