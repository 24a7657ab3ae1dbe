"""One gap repeated across many items of a design is one finding that lists them.

A rule with a ``group`` reports per item as usual; after suppressions (which apply per item, so an
accepted gap on one component stays accepted), the engine folds what is left of that rule in one
file into a single finding: at the first item the rule reported (checks report the most critical
first), naming the count and the first few, with every other item as a related location. A rule
that fires on one item keeps its own, more specific message.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from designlint.findings import Finding, RelatedLocation
from designlint.rulepacks.registry import RuleSet, render_message

NAMED = 3
"""How many items the message names before "and N more"."""


def group_findings(findings: list[Finding], ruleset: RuleSet, data: Any) -> list[Finding]:
    """``findings`` (in the order the rules reported them) with each grouped rule's folded into one."""
    by_code: dict[str, list[Finding]] = {}
    for finding in findings:
        rule = ruleset.rules.get(finding.code)
        if rule is not None and rule.rule.group is not None:
            by_code.setdefault(finding.code, []).append(finding)
    if not any(len(group) > 1 for group in by_code.values()):
        return findings
    out = []
    for finding in findings:
        group = by_code.get(finding.code)
        if group is None or len(group) == 1:
            out.append(finding)
        elif group[0] is finding:
            out.append(_folded(group, ruleset, data))
    return out


def _folded(group: list[Finding], ruleset: RuleSet, data: Any) -> Finding:
    spec = ruleset.rules[group[0].code].rule.group
    assert spec is not None
    labels = [_label(finding, spec.item, data) for finding in group]
    named = ", ".join(f"'{label}'" for label in labels[:NAMED])
    if len(labels) > NAMED:
        named += f" and {len(labels) - NAMED} more"
    elif len(labels) > 1:
        head, _, last = named.rpartition(", ")
        named = f"{head} and {last}"
    message = spec.message.replace("{count}", str(len(group))).replace("{items}", named)
    first = group[0]
    others = tuple(RelatedLocation(other.path, other.position, other.fingerprint_path) for other in group[1:])
    related = (*first.related, *others, *(location for other in group[1:] for location in other.related))
    return replace(first, message=message, related=related)


def _label(finding: Finding, template: str, data: Any) -> str:
    """The item's name from the deepest mapping on the finding's path (a component, a phase)."""
    node, mapping = data, None
    for part in finding.path:
        in_mapping = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if not (in_mapping or in_list):
            break
        node = node[part]
        if isinstance(node, dict):
            mapping = node
    label = render_message(template, mapping) if mapping is not None else template
    if "{" in label:  # the item has no such key: name it by its place
        label = finding.fingerprint_path or finding.json_path
    return label if len(label) <= 60 else label[:57] + "..."
