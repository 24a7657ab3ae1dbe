"""Checks that need computation or graph analysis, by the name rule packs use for them.

Every check is pure: ``check(design, options) -> Iterable[Problem]``. Each family of checks
keeps its own table; this module only joins them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from designlint.findings import Problem

Check = Callable[[Any, dict[str, Any]], Iterable[Problem]]


def all_checks() -> dict[str, Check]:
    from designlint.checks.checklist import CHECKS as CHECKLIST
    from designlint.checks.numbers import CHECKS as NUMBERS

    return {**CHECKLIST, **NUMBERS}
