"""Which files to check: files named on the command line, and design files found in folders.

Only regular files are ever opened. A FIFO, socket or device (or a link to one, such as
``x.yaml -> /dev/stdin``) would block a read forever: named on the command line it is a usage
error, found in a folder it is skipped and reported in ``skipped`` for the command line to warn
about. A YAML file in a folder that cannot be read at all is kept, so the check reports it
(DL006) instead of passing a design nobody read.
"""

from __future__ import annotations

import os
import re
import stat
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from designlint.errors import UsageError
from designlint.fileio import resolved
from designlint.loader.source import NotARegularFile, file_kind, read_regular

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
# A shared team catalogue is checked with the designs that reference it (``check`` asks for it).
_KIND_CATALOG = re.compile(rb"^kind:[ \t]*[\"']?TeamCatalog[\"']?[ \t]*(#.*)?$", re.MULTILINE)
_HEAD_BYTES = 256 * 1024
YAML_SUFFIXES = (".yaml", ".yml")


class Header(Enum):
    """What the first bytes of a file say about it."""

    DESIGN = "design"
    OTHER = "other"
    UNREADABLE = "unreadable"


class Skipped(NamedTuple):
    """A file found in a folder and not checked: what it is shown as, and why."""

    display: str
    reason: str


def design_header(path: Path, catalogs: bool = False) -> Header:
    """Whether a regular file declares ``apiVersion: designlint/...`` and ``kind: Design`` at the top level."""
    try:
        head = read_regular(path, _HEAD_BYTES)
    except NotARegularFile:
        return Header.OTHER
    except OSError:
        return Header.UNREADABLE
    kind = _KIND_DESIGN.search(head) or (catalogs and _KIND_CATALOG.search(head))
    return Header.DESIGN if _API_VERSION.search(head) and kind else Header.OTHER


def looks_like_design(path: Path) -> bool:
    """A design file declares ``apiVersion: designlint/...`` and ``kind: Design`` at the top level."""
    return design_header(path) is Header.DESIGN


def discover(
    paths: list[str], skipped: list[Skipped] | None = None, catalogs: bool = False
) -> list[tuple[Path, str]]:
    """``(path, display name)`` pairs in a stable order; folders are walked for design files.

    Files in folders that are not regular files are left out and, when ``skipped`` is given,
    listed there.
    """
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            raise UsageError(f"no such file or folder: {raw}") from None
        except OSError:
            _add(found, seen, path)  # exists but cannot be examined: the check reports it (DL006)
            continue
        if stat.S_ISDIR(mode):
            _walk(path, found, seen, skipped, catalogs)
        elif stat.S_ISREG(mode):
            _add(found, seen, path)
        else:
            raise UsageError(f"{raw} is not a regular file ({file_kind(mode)}); designs are read from files")
    return found


def _walk(
    folder: Path,
    found: list[tuple[Path, str]],
    seen: set[Path],
    skipped: list[Skipped] | None,
    catalogs: bool = False,
) -> None:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            candidate = Path(root) / name
            if candidate.suffix not in YAML_SUFFIXES:
                continue
            reason = _not_checkable(candidate)
            if reason is not None:
                if skipped is not None:
                    skipped.append(Skipped(candidate.as_posix(), reason))
                continue
            if design_header(candidate, catalogs) is not Header.OTHER:
                _add(found, seen, candidate)


def _not_checkable(path: Path) -> str | None:
    """Why a YAML file found in a folder is skipped: not a regular file, or a link to nothing."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "is a broken symbolic link" if os.path.islink(path) else "disappeared"
    except OSError:
        return None  # it exists but cannot be examined: the check reports it (DL006)
    if stat.S_ISREG(mode):
        return None
    return f"is not a regular file ({file_kind(mode)})"


def _add(found: list[tuple[Path, str]], seen: set[Path], path: Path) -> None:
    key = resolved(path)  # a loop of links stays: its check reports it
    if key not in seen:
        seen.add(key)
        found.append((path, path.as_posix()))
