"""Checks that need computation or graph analysis, by the name rule packs use for them.

Every check is pure: ``check(design, options) -> Iterable[Problem]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from designlint.engine.findings import Problem

Check = Callable[[Any, dict[str, Any]], Iterable[Problem]]

CHECKS: dict[str, Check] = {}
