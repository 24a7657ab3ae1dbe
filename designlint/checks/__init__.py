"""Checks that need computation or graph analysis, by the name rule packs use for them.

Every check is pure: ``check(design, options) -> Iterable[Problem]``. Each family of checks
keeps its own table; this module only joins them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from designlint.findings import Problem

Check = Callable[[Any, dict[str, Any]], Iterable[Problem]]


def reads(*sections: str) -> Callable[[Check], Check]:
    """Declare the top-level sections a check reads (``architecture``, ``failureScenarios``...).

    When one of them does not validate, the engine does not run the check on that design. A check
    that declares nothing is taken to read every section.
    """

    def declare(check: Check) -> Check:
        setattr(check, "reads", frozenset(sections))  # noqa: B010 - a plain attribute mypy cannot see
        return check

    return declare


def subject(present: Callable[[Any], bool]) -> Callable[[Check], Check]:
    """Declare what a check looks at when no ``given`` selector can name it (the numeric claims
    found in prose, references to other designs): ``present(design)`` on the validated model.
    Where it is false the rule had nothing to check (vacuous), which is not a pass.
    """

    def declare(check: Check) -> Check:
        setattr(check, "subject", present)  # noqa: B010 - a plain attribute mypy cannot see
        return check

    return declare


def all_checks() -> dict[str, Check]:
    from designlint.checks.checklist import CHECKS as CHECKLIST
    from designlint.checks.numbers import CHECKS as NUMBERS
    from designlint.checks.organisation import CHECKS as ORGANISATION

    return {**CHECKLIST, **NUMBERS, **ORGANISATION}
