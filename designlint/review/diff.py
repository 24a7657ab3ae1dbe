"""Run the engine on both versions of each design and compare them."""

from __future__ import annotations

import tempfile
from pathlib import Path

from designlint.review.changes import design_changes
from designlint.review.downstream import downstream_changes
from designlint.review.findings import finding_changes
from designlint.review.model import DesignDiff


def compare_results(file: str, base, head) -> DesignDiff:
    """``base``/``head`` are FileResults; either may be None for a design added or removed."""
    status = "added" if base is None else "removed" if head is None else "modified"
    diff = DesignDiff(file=file, status=status)
    diff.introduced, diff.fixed = finding_changes(
        base.findings if base else [], head.findings if head else []
    )
    if base is None or head is None:
        return diff
    for label, result in (("the base version", base), ("the new version", head)):
        if result.design is None:
            diff.notes.append(f"{label} does not validate, so only findings are compared")
    if base.design is not None and head.design is not None:
        diff.changes = design_changes(base.design, head.design)
    return diff


def diff_files(session, base_path: Path, base_display: str, head_path: Path, head_display: str) -> DesignDiff:
    # Both versions are checked under the new version's configuration, so only the design differs.
    engine = session.engine_for(head_path)
    base = engine.check_path(base_path, base_display)
    head = engine.check_path(head_path, head_display)
    diff = compare_results(head_display, base, head)
    diff.changes += downstream_changes(base, head, head_path)
    return diff


def diff_git(session, rev: str, pathspecs: list[str], cwd: Path) -> list[DesignDiff]:
    """Every design changed between ``rev`` and the working tree."""
    from designlint.engine.discovery import looks_like_design
    from designlint.review import git

    root = git.repository_root(cwd)
    diffs = []
    with tempfile.TemporaryDirectory(prefix="designlint-diff-") as scratch:
        for index, changed in enumerate(git.changed_files(rev, pathspecs, cwd)):
            display = git.display_path(root, changed.path, cwd)
            base_file = None
            if changed.status != "A":
                base_file = Path(scratch) / f"{index}{Path(changed.path).suffix}"
                base_file.write_bytes(git.content_at(rev, changed.path, cwd))
            is_design = any(
                path is not None and looks_like_design(path) for path in (changed.head, base_file)
            )
            if not is_design:
                continue
            # The configuration that applies is the one beside the design in the working tree.
            engine = session.engine_for(changed.head or root / changed.path)
            base = engine.check_path(base_file, f"{rev}:{changed.path}") if base_file else None
            head = engine.check_path(changed.head, display) if changed.head else None
            diff = compare_results(display, base, head)
            diff.changes += downstream_changes(base, head, changed.head or root / changed.path)
            diffs.append(diff)
    return diffs
