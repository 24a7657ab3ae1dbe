"""The rule reference: one page per rule from its pack's docs, and an index by dimension."""

from __future__ import annotations

import re
from collections import Counter

from designlint.rulepacks.model import DIMENSIONS
from designlint.site.escape import Raw, fenced, prose, text
from designlint.site.layout import RULES_INDEX, rule_page
from designlint.site.markdown import blocks, heading, link, paragraph, section, table

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def message_shown(message: str) -> Raw:
    """A rule's message with its placeholders as variables ("trade-off <var>name</var>"), not '{name}'."""
    parts, start = [], 0
    for match in _PLACEHOLDER.finditer(message):
        parts += [text(message[start : match.start()]), f"<var>{text(match[1])}</var>"]
        start = match.end()
    parts.append(text(message[start:]))
    return Raw("".join(parts))


def fired_counts(entries) -> dict[str, Counter]:
    """rule code -> design page -> open findings of that rule there."""
    counts: dict[str, Counter] = {}
    for entry in entries:
        for finding in entry.findings:
            counts.setdefault(finding.code, Counter())[entry.page] += 1
    return counts


def rule_docs(rule) -> str:
    """The sections ``designlint rule CODE`` prints, escaped: a pack may come from the repository
    being published, so its docs keep their `code spans` and nothing else of Markdown or HTML."""
    docs = rule.rule.docs
    dimensions = ", ".join(f"{d} ({DIMENSIONS[d]})" for d in rule.rule.dimensions) or "none"
    return blocks(
        heading(1, f"{rule.code} {rule.name}"),
        paragraph(
            Raw(
                f"Severity: {text(rule.severity.value)} · Dimensions: {text(dimensions)} · "
                f"Pack: {text(rule.pack)}"
            )
        ),
        section(2, "What it does", "what-it-does", paragraph(prose(docs.what))),
        section(2, "Why it matters", "why-it-matters", paragraph(prose(docs.why))),
        section(2, "Example", "example", fenced(docs.failing)),
        section(2, "Use instead", "use-instead", fenced(docs.passing)),
        section(2, "How to fix", "how-to-fix", paragraph(prose(docs.fix)) if docs.fix else ""),
        section(2, "Notes", "notes", paragraph(prose(docs.notes)) if docs.notes else ""),
    )


def rule_page_markdown(rule, entries, fired: Counter | None) -> str:
    """The pack's own docs (the sections of ``designlint rule CODE``), then where the rule fires."""
    page = rule_page(rule.code)
    titles = {entry.page: entry.title for entry in entries}
    rows = [(link(titles[p], p, from_page=page), n) for p, n in sorted((fired or {}).items())]
    where = section(
        2,
        "Where it fires",
        "where-it-fires",
        table(["Design", "Open findings"], rows)
        if rows
        else paragraph("No design on this site has an open finding for it."),
    )
    docs = rule_docs(rule)
    back = f"[All rules]({'index.md'}) · `designlint rule {rule.code}` prints this page in a terminal."
    return blocks(docs, where if entries else "", back) + "\n"


def rules_index(ruleset, entries, fired: dict[str, Counter]) -> str:
    rules = list(ruleset)
    parts = [
        heading(1, "Rules"),
        paragraph(
            f"{len(rules)} rules from the packs this site's designs are checked with. Each rule has a stable "
            "code, the checklist dimensions (A–J) it serves, and docs with a failing and a passing example."
        ),
    ]

    def rows(chosen):
        return [
            (
                link(rule.code, rule_page(rule.code), from_page=RULES_INDEX),
                Raw(f"<code>{text(rule.name)}</code>"),
                rule.severity.value,
                ", ".join(rule.rule.dimensions) or "—",
                message_shown(rule.rule.message),
                sum(fired.get(rule.code, Counter()).values()) if entries else "—",
            )
            for rule in chosen
        ]

    headers = ["Code", "Name", "Severity", "Dimensions", "Finding message", "Open findings"]
    for letter, title in DIMENSIONS.items():
        chosen = [rule for rule in rules if letter in rule.rule.dimensions]
        parts.append(section(2, f"{letter}. {title}", f"dimension-{letter}", table(headers, rows(chosen))))
    undimensioned = [rule for rule in rules if not rule.rule.dimensions]
    parts.append(
        section(
            2,
            "Reading and format rules",
            "format-rules",
            paragraph(
                "Rules about reading the file and the shape of the format; they serve no single dimension."
            )
            if undimensioned
            else "",
            table(headers, rows(undimensioned)),
        )
    )
    return blocks(*parts) + "\n"
