"""Compare two versions of a design in review terms: targets, recovery, cost, architecture, migrations.

Pure functions of two validated ``Design`` models. Numbers are compared through
:mod:`designlint.units`, so ``300 ms`` and ``0.3 s`` are the same target.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from designlint.review.model import ARCHITECTURE, COST, MIGRATIONS, RECOVERY, TARGETS, Change

HIGHER_IS_TIGHTER = 1
LOWER_IS_TIGHTER = -1


def _value(quantity):
    """``(value, dims)`` of a quantity, or None when it has no unit designlint understands."""
    from designlint.units import UnitError, from_quantity

    if quantity is None:
        return None
    try:
        measured = from_quantity(quantity)
    except UnitError:
        return None
    return measured.value, measured.dims


def _text(quantity) -> str | None:
    return None if quantity is None else str(quantity)


def compare_target(area: str, subject: str, before, after, direction: int) -> Change | None:
    """A target that got stricter or looser; ``direction`` says which way is stricter."""
    if _text(before) == _text(after):
        return None
    if before is None or after is None:
        verdict = "added" if before is None else "removed"
        return Change(area, subject, verdict, _text(before), _text(after), concern=after is None)
    old, new = _value(before), _value(after)
    if old is None or new is None or old[1] != new[1] or old[0] == new[0]:
        return Change(area, subject, "changed", _text(before), _text(after))
    tighter = (new[0] - old[0]) * direction > 0
    return Change(
        area,
        subject,
        "tightened" if tighter else "loosened",
        _text(before),
        _text(after),
        concern=not tighter,
    )


def _keyed(items: Iterable, key: Callable) -> dict:
    return {key(item): item for item in items}


def _common(before: dict, after: dict) -> list:
    """Keys in both, in the new version's order (never set order: output must be deterministic)."""
    return [key for key in after if key in before]


def _added_removed(area: str, noun: str, before: dict, after: dict, removed_is_concern: bool) -> list[Change]:
    out = [Change(area, f"{noun} '{key}'", "added") for key in after if key not in before]
    out += [
        Change(area, f"{noun} '{key}'", "removed", concern=removed_is_concern)
        for key in before
        if key not in after
    ]
    return out


def slo_changes(base, head) -> list[Change]:
    before, after = _keyed(base.slos, lambda s: s.id), _keyed(head.slos, lambda s: s.id)
    out: list[Change | None] = list(_added_removed(TARGETS, "SLO", before, after, removed_is_concern=True))
    for key in _common(before, after):
        old, new = before[key], after[key]
        out.append(
            compare_target(TARGETS, f"SLO '{key}' objective", old.objective, new.objective, HIGHER_IS_TIGHTER)
        )
        # A latency or freshness bound is tighter when lower; a throughput floor when higher.
        bound = HIGHER_IS_TIGHTER if new.kind == "throughput" else LOWER_IS_TIGHTER
        out.append(compare_target(TARGETS, f"SLO '{key}' threshold", old.threshold, new.threshold, bound))
        out.append(
            compare_target(
                TARGETS,
                f"SLO '{key}' SLA",
                old.sla.target if old.sla else None,
                new.sla.target if new.sla else None,
                HIGHER_IS_TIGHTER,
            )
        )
        if _text(old.window) != _text(new.window):
            out.append(
                Change(TARGETS, f"SLO '{key}' window", "changed", _text(old.window), _text(new.window))
            )
    return [change for change in out if change is not None]


def latency_changes(base, head) -> list[Change]:
    def targets(design) -> dict:
        return _keyed(design.nfr.latency if design.nfr else [], lambda t: t.operation)

    before, after = targets(base), targets(head)
    out: list[Change | None] = list(
        _added_removed(TARGETS, "latency target", before, after, removed_is_concern=True)
    )
    for key in _common(before, after):
        old, new = before[key], after[key]
        out.append(
            compare_target(TARGETS, f"latency target '{key}'", old.target, new.target, LOWER_IS_TIGHTER)
        )
        if (old.percentile or "") != (new.percentile or ""):
            out.append(_percentile_change(key, old.percentile, new.percentile))
    return [change for change in out if change is not None]


def _percentile_change(operation: str, before: str | None, after: str | None) -> Change:
    subject = f"latency target '{operation}' percentile"
    if before is None or after is None:
        return Change(
            TARGETS, subject, "added" if before is None else "removed", before, after, concern=after is None
        )
    tighter = float(after[1:]) > float(before[1:])
    return Change(
        TARGETS, subject, "tightened" if tighter else "loosened", before, after, concern=not tighter
    )


def availability_changes(base, head) -> list[Change]:
    def targets(design) -> dict:
        return _keyed(design.nfr.availability if design.nfr else [], lambda t: t.component or t.name)

    before, after = targets(base), targets(head)
    out: list[Change | None] = list(
        _added_removed(TARGETS, "availability target", before, after, removed_is_concern=True)
    )
    for key in _common(before, after):
        out.append(
            compare_target(
                TARGETS,
                f"availability target '{key}'",
                before[key].target,
                after[key].target,
                HIGHER_IS_TIGHTER,
            )
        )
    return [change for change in out if change is not None]


def ceiling_changes(base, head) -> list[Change]:
    """The availability each component's hard dependencies allow (the composite of their availabilities)."""
    from designlint.analysis.resilience import ceilings
    from designlint.units import month_seconds_of

    def by_component(design) -> dict[str, float]:
        return {c.component: c.ceiling for c in ceilings(design, month_seconds_of(design))}

    before, after = by_component(base), by_component(head)
    out = []
    for key in sorted({*before, *after}):
        old, new = before.get(key), after.get(key)
        if old is not None and new is not None and round(old, 7) == round(new, 7):
            continue
        subject = f"availability ceiling of '{key}'"
        if old is None or new is None:
            out.append(
                Change(
                    TARGETS,
                    subject,
                    "now computed" if old is None else "no longer computed",
                    percent(old),
                    percent(new),
                )
            )
        else:
            out.append(
                Change(
                    TARGETS,
                    subject,
                    "raised" if new > old else "lowered",
                    percent(old),
                    percent(new),
                    concern=new < old,
                )
            )
    return out


def percent(fraction: float | None) -> str | None:
    if fraction is None:
        return None
    return f"{fraction * 100:.4f}".rstrip("0").rstrip(".") + "%"


def dr_changes(base, head) -> list[Change]:
    old, new = base.dr, head.dr
    if old is None and new is None:
        return []
    if old is None or new is None:
        return [
            Change(
                RECOVERY, "disaster-recovery plan", "added" if old is None else "removed", concern=new is None
            )
        ]
    out: list[Change | None] = []
    if old.tier != new.tier:
        if old.tier is None or new.tier is None:
            out.append(
                Change(
                    RECOVERY,
                    "DR tier",
                    "added" if old.tier is None else "removed",
                    _str(old.tier),
                    _str(new.tier),
                    concern=new.tier is None,
                )
            )
        else:  # tier 1 is the most demanding
            tighter = new.tier < old.tier
            out.append(
                Change(
                    RECOVERY,
                    "DR tier",
                    "tightened" if tighter else "loosened",
                    str(old.tier),
                    str(new.tier),
                    concern=not tighter,
                )
            )
    if old.strategy != new.strategy:
        out.append(Change(RECOVERY, "DR strategy", "changed", old.strategy, new.strategy))
    out.append(compare_target(RECOVERY, "RPO", old.rpo, new.rpo, LOWER_IS_TIGHTER))
    out.append(compare_target(RECOVERY, "RTO", old.rto, new.rto, LOWER_IS_TIGHTER))
    if old.drill_cadence != new.drill_cadence:
        out.append(
            Change(
                RECOVERY,
                "DR drill cadence",
                "changed" if new.drill_cadence else "removed",
                old.drill_cadence,
                new.drill_cadence,
                concern=not new.drill_cadence,
            )
        )
    return [change for change in out if change is not None]


def _str(value) -> str | None:
    return None if value is None else str(value)


def cost_changes(base, head) -> list[Change]:
    out = []
    for subject, old, new in (
        ("monthly cost", base.cost and base.cost.total, head.cost and head.cost.total),
        ("cost per user", base.cost and base.cost.per_user, head.cost and head.cost.per_user),
    ):
        out.append(_cost_change(subject, old or None, new or None))
    return [change for change in out if change is not None]


def _cost_change(subject: str, before, after) -> Change | None:
    if _text(before) == _text(after):
        return None
    if before is None or after is None:
        return Change(COST, subject, "added" if before is None else "removed", _text(before), _text(after))
    old, new = _value(before), _value(after)
    if old is None or new is None or old[1] != new[1] or old[0] == new[0] or old[0] == 0:
        return Change(COST, subject, "changed", _text(before), _text(after))
    ratio = new[0] / old[0] - 1
    return Change(
        COST,
        subject,
        "increased" if ratio > 0 else "decreased",
        _text(before),
        _text(after),
        detail=f"{ratio:+.0%}" if abs(ratio) >= 0.01 else f"{ratio:+.1%}",
        concern=ratio > 0,
    )


def architecture_changes(base, head) -> list[Change]:
    def components(design) -> dict:
        return _keyed(design.architecture.components if design.architecture else [], lambda c: c.id)

    before, after = components(base), components(head)
    out = _added_removed(ARCHITECTURE, "component", before, after, removed_is_concern=False)

    def dependencies(parts: dict) -> dict:
        return {(c.id, d.target): d for c in parts.values() for d in c.depends_on}

    old_deps, new_deps = dependencies(before), dependencies(after)
    for caller, target in [key for key in new_deps if key not in old_deps]:
        dependency = new_deps[(caller, target)]
        out.append(
            Change(
                ARCHITECTURE,
                f"dependency {caller} -> {target}",
                "added",
                after=dependency.mode,
                concern=dependency.mode == "sync"
                and not dependency.fallback
                and dependency.criticality == "hard",
            )
        )
    for caller, target in [key for key in old_deps if key not in new_deps]:
        out.append(
            Change(
                ARCHITECTURE,
                f"dependency {caller} -> {target}",
                "removed",
                before=old_deps[(caller, target)].mode,
            )
        )
    for key in _common(old_deps, new_deps):
        old, new = old_deps[key], new_deps[key]
        subject = f"dependency {key[0]} -> {key[1]}"
        if old.mode != new.mode:
            out.append(
                Change(
                    ARCHITECTURE, f"{subject} mode", "changed", old.mode, new.mode, concern=new.mode == "sync"
                )
            )
        if old.fallback and not new.fallback:
            out.append(Change(ARCHITECTURE, subject, "lost its fallback", old.fallback, None, concern=True))
    return sorted(out, key=lambda change: (change.verdict != "added", change.subject))


def migration_changes(base, head) -> list[Change]:
    before, after = _keyed(base.migrations, lambda m: m.name), _keyed(head.migrations, lambda m: m.name)
    out = _added_removed(MIGRATIONS, "migration", before, after, removed_is_concern=False)
    for name, migration in after.items():
        old_phases = _keyed(before[name].phases, lambda p: p.name) if name in before else {}
        for phase in migration.phases:
            if phase.rollback:
                continue
            previous = old_phases.get(phase.name)
            if previous is not None and previous.rollback:
                out.append(
                    Change(
                        MIGRATIONS,
                        f"migration '{name}' phase '{phase.name}'",
                        "lost its rollback",
                        previous.rollback,
                        None,
                        concern=True,
                    )
                )
            elif previous is None:
                out.append(
                    Change(
                        MIGRATIONS,
                        f"migration '{name}' phase '{phase.name}'",
                        "added without a rollback",
                        concern=True,
                    )
                )
    return out


COMPARISONS = (
    slo_changes,
    latency_changes,
    availability_changes,
    ceiling_changes,
    dr_changes,
    cost_changes,
    architecture_changes,
    migration_changes,
)


def design_changes(base, head) -> list[Change]:
    return [change for compare in COMPARISONS for change in compare(base, head)]
