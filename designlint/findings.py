"""What rules produce (problems, pointing at document paths) and what the engine reports (findings)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from designlint.errors import Position

DocPath = tuple[str | int, ...]


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Outcome(str, Enum):
    """What one rule did on one file: what coverage and grades are built from.

    A rule that had nothing to check has not passed: its subject (``given``) selected nothing.
    """

    FOUND = "found"  # it ran and reported at least one unsuppressed finding
    ACCEPTED = "accepted"  # it ran and every finding it reported is suppressed with a reason
    PASSED = "passed"  # it ran on something and found nothing
    VACUOUS = "vacuous"  # nothing to check: its subject is absent from the design
    NOT_RUN = "not-run"  # disabled, or the design (or the section it reads) did not validate


@dataclass(frozen=True)
class Problem:
    """A rule's verdict on one place in the document, before the engine positions and stamps it."""

    path: DocPath
    message: str
    hint: str | None = None
    # Point at the mapping key (default) or at the value itself.
    at_key: bool = True
    # For a problem inside a scalar (a formula), the 0-based character offset into its text.
    offset: int | None = None
    # Other places the same problem occurs (one gap repeated across items), reported once.
    related: tuple[DocPath, ...] = ()


@dataclass(frozen=True)
class RelatedLocation:
    """Another place a finding's problem occurs, positioned like the finding itself."""

    path: DocPath
    position: Position
    fingerprint_path: str = ""


@dataclass(frozen=True)
class Finding:
    """A positioned, stamped problem as every reporter sees it."""

    file: str
    position: Position
    code: str
    name: str
    severity: Severity
    message: str
    path: DocPath = ()
    hint: str | None = None
    dimensions: tuple[str, ...] = ()
    fingerprint_path: str = field(default="", compare=False)
    related: tuple[RelatedLocation, ...] = ()

    def sort_key(self) -> tuple:
        return (self.file, self.position.line, self.position.column, self.code, self.message)

    @property
    def json_path(self) -> str:
        return format_path(self.path)


def stable_path(path: DocPath, document) -> str:
    """Like :func:`format_path`, but list items with an ``id`` (or ``name``) are named by it.

    ``architecture.components[feed-cache].kind`` survives inserting a component before it, so
    baselines and code-scanning fingerprints keep matching after edits.
    """
    out, node = "", document
    for part in path:
        if isinstance(part, int):
            item = node[part] if isinstance(node, list) and part < len(node) else None
            key = item.get("id") or item.get("name") if isinstance(item, dict) else None
            out += f"[{key}]" if isinstance(key, str) else f"[{part}]"
            node = item
        else:
            out += f".{part}" if out else str(part)
            node = node.get(part) if isinstance(node, dict) else None
    return out or "$"


def format_path(path: DocPath) -> str:
    """``('architecture', 'components', 2, 'kind')`` → ``architecture.components[2].kind``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "$"
