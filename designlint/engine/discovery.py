"""Which files to check: files named on the command line, and design files found in folders."""

from __future__ import annotations

import os
import re
from pathlib import Path

from designlint.errors import UsageError

_SKIP_DIRS = {
    ".git",
    ".hg",
    ".svn",
    ".venv",
    "venv",
    "node_modules",
    "__pycache__",
    ".designlint_cache",
    "site-packages",
}
_API_VERSION = re.compile(rb"^apiVersion:[ \t]*[\"']?designlint/", re.MULTILINE)
_KIND_DESIGN = re.compile(rb"^kind:[ \t]*[\"']?Design[\"']?[ \t]*(#.*)?$", re.MULTILINE)
YAML_SUFFIXES = (".yaml", ".yml")


def looks_like_design(path: Path) -> bool:
    """A design file declares ``apiVersion: designlint/...`` and ``kind: Design`` at the top level."""
    try:
        with path.open("rb") as handle:
            head = handle.read(256 * 1024)
    except OSError:
        return False
    return bool(_API_VERSION.search(head) and _KIND_DESIGN.search(head))


def discover(paths: list[str]) -> list[tuple[Path, str]]:
    """``(path, display name)`` pairs in a stable order; folders are walked for design files."""
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    candidate = Path(root) / name
                    if candidate.suffix in YAML_SUFFIXES and looks_like_design(candidate):
                        _add(found, seen, candidate)
        elif path.is_file():
            _add(found, seen, path)
        else:
            raise UsageError(f"no such file or folder: {raw}")
    return found


def _add(found: list[tuple[Path, str]], seen: set[Path], path: Path) -> None:
    key = path.resolve()
    if key not in seen:
        seen.add(key)
        found.append((path, path.as_posix()))
