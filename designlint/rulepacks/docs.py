"""A rule's documentation in the same sections for every rule (the ruff way)."""

from __future__ import annotations

from designlint.rulepacks.model import DIMENSIONS
from designlint.rulepacks.registry import OPT_IN_PRESETS

OPT_IN_NOTE = (
    'Opt-in: `check` runs this rule with the `{pack}` preset (`packs = ["{pack}"]` or '
    "`--pack {pack}`); `designlint score` always grades with it."
)


def _fence(text: str) -> str:
    longest = max((len(run) for run in text.split("\n") if set(run) == {"`"}), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}yaml\n{text.rstrip()}\n{fence}"


def rule_markdown(compiled) -> str:
    rule = compiled.rule
    dims = ", ".join(f"{d} ({DIMENSIONS[d]})" for d in rule.dimensions) or "none"
    parts = [
        f"# {rule.code} {rule.name}",
        "",
        f"Severity: {compiled.severity.value} · Dimensions: {dims} · Pack: {compiled.pack}",
        "",
    ]
    if compiled.pack in OPT_IN_PRESETS:
        parts += [OPT_IN_NOTE.format(pack=compiled.pack), ""]
    parts += [
        "## What it does",
        "",
        rule.docs.what.strip(),
        "",
        "## Why it matters",
        "",
        rule.docs.why.strip(),
        "",
        "## Example",
        "",
        _fence(rule.docs.failing),
        "",
        "## Use instead",
        "",
        _fence(rule.docs.passing),
    ]
    if rule.docs.fix:
        parts += ["", "## How to fix", "", rule.docs.fix.strip()]
    if rule.docs.notes:
        parts += ["", "## Notes", "", rule.docs.notes.strip()]
    return "\n".join(parts) + "\n"
