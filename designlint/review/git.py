"""The designs changed since a git revision, and their content at that revision (``git show REV:path``)."""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from designlint.engine.discovery import YAML_SUFFIXES
from designlint.errors import UsageError


@dataclass(frozen=True)
class ChangedFile:
    path: str
    """Relative to the repository's top level, as git names it."""
    status: str
    """``A`` added, ``D`` deleted, ``M`` (or anything else) modified."""
    head: Path | None
    """The working-tree file, or None when it was deleted."""


def _git(args: list[str], cwd: Path) -> bytes:
    try:
        completed = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True, check=False
        )
    except FileNotFoundError:
        raise UsageError("--git needs git, and it is not installed") from None
    if completed.returncode != 0:
        message = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            f"git {args[0]} failed: {message[-1] if message else 'exit ' + str(completed.returncode)}"
        )
    return completed.stdout


def repository_root(cwd: Path) -> Path:
    return Path(_git(["rev-parse", "--show-toplevel"], cwd).decode("utf-8").strip())


def verify_revision(rev: str, cwd: Path) -> None:
    # A revision starting with '-' would be read as an option.
    if not rev or rev.startswith("-"):
        raise UsageError(f"'{rev}' is not a git revision")
    try:
        _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], cwd)
    except UsageError:
        raise UsageError(f"unknown git revision '{rev}'") from None


def changed_files(rev: str, pathspecs: list[str], cwd: Path) -> list[ChangedFile]:
    """YAML files that differ between ``rev`` and the working tree, in git's (sorted) order."""
    verify_revision(rev, cwd)
    root = repository_root(cwd)
    output = _git(["diff", "--name-status", "--no-renames", "-z", rev, "--", *pathspecs], cwd)
    fields = output.decode("utf-8", "surrogateescape").split("\0")
    out = []
    for status, path in zip(fields[0::2], fields[1::2]):
        if not path.endswith(YAML_SUFFIXES):
            continue
        out.append(
            ChangedFile(path=path, status=status[:1], head=None if status.startswith("D") else root / path)
        )
    return out


def content_at(rev: str, path: str, cwd: Path) -> bytes:
    return _git(["show", f"{rev}:{path}"], cwd)


def display_path(root: Path, path: str, cwd: Path) -> str:
    """The repository path as seen from the working directory, as ``check`` would name it."""
    return Path(os.path.relpath(root / path, cwd)).as_posix()
