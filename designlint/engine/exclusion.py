"""``exclude`` / ``extend-exclude``: glob patterns for files and folders a folder walk skips.

A pattern without a slash matches any single path component (``legacy``, ``*.draft.yaml``); one
with a slash matches the path relative to the configuration's folder (``designs/old/*``).
Files named explicitly on the command line are always checked (as in ruff).
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

from designlint.fileio import resolved


class Exclusion:
    def __init__(self, patterns: list[str], root: Path):
        self.root = root.resolve()
        self.component_patterns = [p.rstrip("/") for p in patterns if "/" not in p.rstrip("/")]
        self.path_patterns = [p.strip("/") for p in patterns if "/" in p.rstrip("/")]

    def __bool__(self) -> bool:
        return bool(self.component_patterns or self.path_patterns)

    def excludes(self, path: Path) -> bool:
        try:
            relative = resolved(path).relative_to(self.root)
        except ValueError:
            relative = Path(path)
        parts = relative.parts
        for pattern in self.component_patterns:
            if any(fnmatch.fnmatchcase(part, pattern) for part in parts):
                return True
        text = relative.as_posix()
        return any(
            fnmatch.fnmatchcase(text, pattern) or fnmatch.fnmatchcase(text, pattern + "/*")
            for pattern in self.path_patterns
        )
