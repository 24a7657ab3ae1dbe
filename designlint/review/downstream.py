"""What a change to one design does to the designs that reference it (in the same folder).

Loosening what an element promises, removing an element others reference, or slowing its p99
moves the ceilings and budgets of the designs that depend on it; a reviewer sees each of them.
"""

from __future__ import annotations

from pathlib import Path

from designlint.analysis.organisation import DesignIndex, ceilings, ms, path_latencies, pct
from designlint.review.model import DOWNSTREAM, Change


def _neighbours(head_path: Path) -> list[DesignIndex]:
    """The designs beside ``head_path``, by file."""
    from designlint.engine.discovery import discover
    from designlint.engine.organisation import load_index

    found = []
    from designlint.fileio import resolved

    head = resolved(head_path)
    for path, display in discover([str(head_path.parent)], catalogs=True):
        if resolved(path) == head:
            continue
        index = load_index(path, display)
        if index is not None:
            found.append(index.design)
    return sorted(found, key=lambda index: index.file)


def downstream_changes(base, head, head_path: Path | None) -> list[Change]:
    """``base``/``head``: the FileResults of the two versions (either None when added or removed)."""
    before = getattr(base, "organisation", None) if base is not None else None
    after = getattr(head, "organisation", None) if head is not None else None
    if before is None or head_path is None:
        return []
    old: DesignIndex = before.design
    new: DesignIndex | None = after.design if after is not None else None
    neighbours = _neighbours(head_path)
    others = {index.name: index for index in neighbours if index.name != old.name}
    changes = []
    dependents = [n for n in neighbours if any(ref.design == old.name for ref in n.references)]
    for dependent in dependents:
        seen: set[str] = set()
        for ref in dependent.references:
            if ref.design != old.name or ref.element not in old.elements or ref.element in seen:
                continue  # an element it never had is the dependent's own finding (DL601)
            seen.add(ref.element)
            subject = f"'{dependent.name}' ({dependent.file}) uses {ref.design}#{ref.element}"
            if new is None or ref.element not in new.elements:
                changes.append(Change(DOWNSTREAM, subject, "removed", concern=True))
                continue
            was, now = old.promised.get(ref.element), new.promised.get(ref.element)
            if was is not None and now is not None and now != was:
                verdict = "loosened" if now < was else "tightened"
                changes.append(
                    Change(
                        DOWNSTREAM, f"{subject}: availability", verdict, pct(was), pct(now), concern=now < was
                    )
                )
            was_p99, now_p99 = old.p99.get(ref.element), new.p99.get(ref.element)
            if was_p99 is not None and now_p99 is not None and now_p99 != was_p99:
                verdict = "loosened" if now_p99 > was_p99 else "tightened"
                changes.append(
                    Change(
                        DOWNSTREAM,
                        f"{subject}: p99",
                        verdict,
                        ms(was_p99),
                        ms(now_p99),
                        concern=now_p99 > was_p99,
                    )
                )
        changes.extend(_ceiling_moves(dependent, others, old, new))
        changes.extend(_path_moves(dependent, others, old, new))
    return changes


def _path_moves(
    dependent: DesignIndex, others: dict[str, DesignIndex], old: DesignIndex, new: DesignIndex | None
) -> list[Change]:
    """Request paths of ``dependent`` whose sum across designs moves with the change."""
    before = {found.path.id: found for found in path_latencies(dependent, {**others, old.name: old})}
    after_run = {**others, new.name: new} if new is not None else others
    after = {found.path.id: found for found in path_latencies(dependent, after_run)}
    moves = []
    for path_id, was in sorted(before.items()):
        now = after.get(path_id)
        if now is None or abs(now.total - was.total) < 1e-9:
            continue
        moves.append(
            Change(
                DOWNSTREAM,
                f"'{dependent.name}' path '{path_id}' latency across designs",
                "slower" if now.total > was.total else "faster",
                ms(was.total),
                ms(now.total),
                detail=f"target {was.path.target_text}",
                concern=now.total > was.path.target_seconds,
            )
        )
    return moves


def _ceiling_moves(
    dependent: DesignIndex, others: dict[str, DesignIndex], old: DesignIndex, new: DesignIndex | None
) -> list[Change]:
    before = {c.objective.slo: c for c in ceilings(dependent, {**others, old.name: old})}
    after_run = {**others, new.name: new} if new is not None else others
    after = {c.objective.slo: c for c in ceilings(dependent, after_run)}
    moves = []
    for slo, was in sorted(before.items()):
        now = after.get(slo)
        if now is None or now.ceiling == was.ceiling:
            continue
        moves.append(
            Change(
                DOWNSTREAM,
                f"'{dependent.name}' SLO '{slo}' availability ceiling",
                "lowered" if now.ceiling < was.ceiling else "raised",
                pct(was.ceiling),
                pct(now.ceiling),
                detail=f"objective {pct(was.objective.objective)}",
                concern=now.ceiling < was.objective.objective,
            )
        )
    return moves
