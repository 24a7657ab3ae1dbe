"""Hovers: what the review knows about the thing under the cursor.

On a finding, the rule's what, why and how to fix; on an id, what it names (a component's kind,
team, dependencies and blast radius; a quantity's formula and recomputed value); on a number the
design derives, the arithmetic ``designlint calc`` shows; on a key, the field's documentation.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from lsprotocol import types

from designlint.findings import DocPath
from designlint.server.fields import field_doc, field_markdown
from designlint.server.snapshot import Occurrence, Snapshot

RULER = "\n\n---\n\n"


def hover_markdown(
    snapshot: Snapshot, offset: int, diagnostics: Iterable[types.Diagnostic], rules: dict | None
) -> str | None:
    """Everything worth saying about ``offset``, most pressing first; None when nothing is."""
    parts = [
        finding_markdown(diagnostic, rules)
        for diagnostic in diagnostics
        if snapshot.lines.span(diagnostic.range).contains(offset)
    ]
    occurrence = snapshot.occurrence_at(offset)
    node = snapshot.node_at(offset)
    specific = None
    if occurrence is not None:
        specific = _guarded(describe, snapshot, occurrence)
    elif node is not None:
        specific = _guarded(numbers_markdown, snapshot, node.path)
    if specific:
        parts.append(specific)
    if node is not None and (node.is_key or not specific):
        doc = field_doc(node.path)
        if doc is not None:
            parts.append(field_markdown(doc, None if node.is_key else node.value))
    return RULER.join(parts) or None


def _guarded(function, *args) -> str | None:
    # A hover is a courtesy: an analysis that fails on a half-written design shows nothing.
    try:
        return function(*args)
    except Exception:
        return None


def _code(diagnostic: types.Diagnostic) -> str | None:
    return diagnostic.code if isinstance(diagnostic.code, str) else None


def finding_markdown(diagnostic: types.Diagnostic, rules: dict | None) -> str:
    code = _code(diagnostic)
    compiled = rules.get(code) if rules is not None and code else None
    if compiled is None:
        return f"**{code or 'designlint'}** {diagnostic.message}"
    rule = compiled.rule
    parts = [f"**{rule.code} {rule.name}** ({compiled.severity.value})\n\n{diagnostic.message}"]
    parts.append(f"**What it does.** {rule.docs.what.strip()}")
    parts.append(f"**Why it matters.** {rule.docs.why.strip()}")
    if rule.docs.fix:
        parts.append(f"**How to fix.** {rule.docs.fix.strip()}")
    return "\n\n".join(parts)


# --- ids -------------------------------------------------------------------------------------


def describe(snapshot: Snapshot, occurrence: Occurrence) -> str | None:
    describer = _DESCRIBERS.get(occurrence.kind)
    design = snapshot.design
    if describer is None or design is None:
        return None
    text = describer(snapshot, design, occurrence.name)
    if text is None:
        return f"`{occurrence.name}`: not a declared {occurrence.kind}"
    return text


def _ids(items: Iterable[str]) -> str:
    return ", ".join(f"`{item}`" for item in items) or "none"


def _component(snapshot: Snapshot, design, name: str) -> str | None:
    from designlint.analysis.context import numbers

    components = design.architecture.components if design.architecture else []
    component = next((c for c in components if c.id == name), None)
    if component is None:
        return None
    team = next((t for t in design.teams if t.id == component.owner), None)
    owner = component.owner or "no owner stated"
    if team is not None and team.name:
        owner += f" ({team.name})"
    lines = [
        f"**{component.id}** · {component.name} · {component.kind}"
        + (" · external" if component.external else "")
    ]
    lines.append(
        f"Team: {owner}" + (f" · technology: {component.technology}" if component.technology else "")
    )
    dependencies = [
        f"`{d.target}` ({d.mode}, {d.criticality}" + (", with a fallback" if d.fallback else "") + ")"
        for d in component.depends_on
    ]
    lines.append("Depends on: " + (", ".join(dependencies) or "nothing"))
    callers = [c.id for c in components if any(d.target == name for d in c.depends_on)]
    lines.append("Called by: " + _ids(callers))
    impact = numbers(design).failure_impacts.get(name)
    if impact is not None:
        others = sorted(impact.failed - {name})
        radius = f"Blast radius: its failure loses {_ids(sorted(impact.lost_paths))}"
        radius += f"; degrades {_ids(sorted(impact.degraded_paths))}"
        radius += f"; fails with it: {_ids(others)}"
        lines.append(radius)
    calculation = snapshot.calculation or {}
    for row in calculation.get("availability", []):
        if row["component"] == name:
            lines.append(
                f"Availability ceiling: {row['formula']} = {row['ceiling']} against {row['objective']} [{row['status']}]"
            )
    for row in calculation.get("capacity", []):
        if row["component"] == name:
            lines.append(f"Capacity: {row['formula']} = {_nodes(row['nodesNeeded'])} [{row['status']}]")
    return "\n\n".join(lines)


def _nodes(count: int) -> str:
    return f"{count} node{'s' if count != 1 else ''}"


def _quantity(snapshot: Snapshot, design, name: str) -> str | None:
    quantities = design.scale.quantities if design.scale else []
    quantity = next((q for q in quantities if q.name == name), None)
    if quantity is None:
        return None
    row = next((r for r in (snapshot.calculation or {}).get("quantities", []) if r["name"] == name), None)
    lines = [f"**{name}**" + (f" · {quantity.label}" if quantity.label else "")]
    if row is not None:
        lines.append(_arithmetic(row["formula"], row["value"], row["stated"], row["status"]))
    elif quantity.value is not None:
        lines.append(f"`{name} = {quantity.value}` (stated, no formula)")
    used_by = [
        quantities[o.path[2]].name
        for o in snapshot.occurrences_of("quantity", name)
        if not o.definition and o.path[:2] == ("scale", "quantities") and isinstance(o.path[2], int)
    ]
    if used_by:
        lines.append("Used in the formulas of: " + _ids(dict.fromkeys(used_by)))
    if quantity.rationale:
        lines.append(quantity.rationale)
    return "\n\n".join(lines)


def _arithmetic(formula: str | None, value: str | None, stated: str | None, status: str) -> str:
    text = f"`= {formula}`" if formula else ""
    text += f" = **{value}**" if value is not None else " (cannot compute)"
    if stated is not None:
        text += f" · stated {stated}: {status}"
    elif status not in ("ok", "not stated"):
        text += f" · {status}"
    return text.strip()


def _team(snapshot: Snapshot, design, name: str) -> str | None:
    team = next((t for t in design.teams if t.id == name), None)
    if team is None:
        return None
    components = design.architecture.components if design.architecture else []
    lines = [f"**{team.id}**" + (f" · {team.name}" if team.name else "")]
    if team.responsibilities:
        lines.append(team.responsibilities)
    if team.oncall:
        lines.append(f"On call: {team.oncall}")
    lines.append("Owns: " + _ids(c.id for c in components if c.owner == name))
    return "\n\n".join(lines)


def _user(snapshot: Snapshot, design, name: str) -> str | None:
    user = next((u for u in design.users if u.id == name), None)
    if user is None:
        return None
    lines = [f"**{user.id}** · {user.name} · {user.type}, {user.role}"]
    if user.description:
        lines.append(user.description)
    lines.append("Use cases: " + _ids(c.id for c in design.use_cases if c.user == name))
    return "\n\n".join(lines)


def _operation(snapshot: Snapshot, design, name: str) -> str | None:
    targets = design.nfr.latency if design.nfr else []
    target = next((t for t in targets if t.operation == name), None)
    if target is None:
        return None
    goal = f"{target.target}" + (f" at {target.percentile}" if target.percentile else "")
    lines = [f"**{name}**" + (f" · {target.name}" if target.name else "") + f" · latency target {goal}"]
    paths = design.architecture.paths if design.architecture else []
    lines.append("Request paths: " + _ids(p.id for p in paths if p.operation == name))
    return "\n\n".join(lines)


def _request_path(snapshot: Snapshot, design, name: str) -> str | None:
    paths = design.architecture.paths if design.architecture else []
    path = next((p for p in paths if p.id == name), None)
    if path is None:
        return None
    lines = [f"**{path.id}** · {path.name} · {path.flow} path"]
    row = next((r for r in (snapshot.calculation or {}).get("paths", []) if r["path"] == name), None)
    if row is not None:
        lines.append(_arithmetic(row["formula"], row["value"], row["stated"], row["status"]))
        if row["target"]:
            lines.append(f"Target: {row['target']}")
    lines.append("Through: " + _ids(dict.fromkeys(s.component for s in path.steps if s.component)))
    return "\n\n".join(lines)


def _runbook(snapshot: Snapshot, design, name: str) -> str | None:
    runbook = next((r for r in design.runbooks if r.id == name), None)
    if runbook is None:
        return None
    return f"**{runbook.id}** · {runbook.title}\n\nSymptom: {runbook.symptom}"


_DESCRIBERS = {
    "component": _component,
    "quantity": _quantity,
    "team": _team,
    "user": _user,
    "latency operation": _operation,
    "request path": _request_path,
    "runbook": _runbook,
}


# --- numbers ---------------------------------------------------------------------------------


def numbers_markdown(snapshot: Snapshot, path: DocPath) -> str | None:
    """The arithmetic behind the number at ``path``, for the places ``calc`` recomputes."""
    design = snapshot.design
    calculation = snapshot.calculation
    if design is None or calculation is None or len(path) < 2:
        return None
    section, rest = path[0], path[1:]
    if section == "scale" and rest[:1] == ("quantities",) and len(rest) >= 2 and isinstance(rest[1], int):
        quantities = design.scale.quantities if design.scale else []
        if rest[1] < len(quantities):
            return _quantity(snapshot, design, quantities[rest[1]].name)
    if section == "slos" and isinstance(rest[0], int) and rest[0] < len(design.slos):
        slo = design.slos[rest[0]].id
        row = _row(calculation["errorBudgets"], "slo", slo)
        return (
            f"**Error budget of {slo}** {_arithmetic(row['formula'], row['value'], row['stated'], row['status'])}"
            if row
            else None
        )
    if section == "architecture" and rest[:1] == ("paths",) and len(rest) >= 2:
        paths = design.architecture.paths if design.architecture else []
        if isinstance(rest[1], int) and rest[1] < len(paths):
            return _request_path(snapshot, design, paths[rest[1]].id)
    if section == "architecture" and rest[:1] == ("components",) and len(rest) >= 3 and rest[2] == "capacity":
        components = design.architecture.components if design.architecture else []
        if isinstance(rest[1], int) and rest[1] < len(components):
            row = _row(calculation["capacity"], "component", components[rest[1]].id)
            return (
                f"**Capacity** `= {row['formula']}` = **{_nodes(row['nodesNeeded'])}** · {row['status']}"
                if row
                else None
            )
    if section == "cost":
        return _cost(design, calculation["cost"], rest)
    return None


def _row(rows: list[dict], key: str, value: Any) -> dict | None:
    return next((row for row in rows if row[key] == value), None)


def _cost(design, cost: dict, rest: DocPath) -> str | None:
    if rest[:1] == ("items",) and len(rest) >= 2 and isinstance(rest[1], int):
        items = design.cost.items if design.cost else []
        if rest[1] >= len(items):
            return None
        row = _row(cost["items"], "name", items[rest[1]].name)
        if row is None:
            return None
        return f"**{row['name']}** (monthly) {_arithmetic(row['formula'], row['value'], row['stated'], row['status'])}"
    if rest[:1] == ("total",):
        return f"**Cost total** (monthly) {_arithmetic('sum of the items', cost['total'], cost['statedTotal'], cost['totalStatus'])}"
    if rest[:1] == ("perUser",):
        return f"**Cost per user** {_arithmetic('total / users', cost['perUser'], cost['statedPerUser'], cost['perUserStatus'])}"
    return None
