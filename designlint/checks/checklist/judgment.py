"""Judgment checks that read across sections: skew at fan-out, user types, partial failure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from pydantic import BaseModel

from designlint.findings import Problem

_FANOUT = re.compile(r"fan[\s_-]?out", re.IGNORECASE)
_SKEW = re.compile(
    r"celebrit|hot[\s_-]?(key|spot|partition|content)|skew|power[\s_-]?law|thundering|stampede", re.IGNORECASE
)


def _texts(value) -> Iterator[str]:
    """Every string in a model, for keyword checks."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _texts(getattr(value, name))
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def _fans_out(design) -> tuple | None:
    if design.scale:
        for i, quantity in enumerate(design.scale.quantities):
            if _FANOUT.search(quantity.name) or _FANOUT.search(quantity.label or ""):
                return ("scale", "quantities", i)
    if design.architecture:
        for i, component in enumerate(design.architecture.components):
            if (
                _FANOUT.search(component.name)
                or _FANOUT.search(component.id)
                or _FANOUT.search(component.responsibility or "")
            ):
                return ("architecture", "components", i)
    return None


def hot_key_skew(design, options) -> Iterator[Problem]:
    where = _fans_out(design)
    if where is None:
        return
    addressed = [
        *(c for c in design.use_cases if c.category == "edge"),
        *design.decisions,
        *design.tradeoffs,
        *design.cascade_protections,
        *design.failure_scenarios,
        *design.partial_failures,
    ]
    if any(_SKEW.search(text) for text in _texts(addressed)):
        return
    if any(p.pattern == "request-coalescing" for p in design.cascade_protections):
        return
    yield Problem(
        where,
        "the design fans out but never addresses hot keys or skewed load (celebrities, power-law traffic)",
        hint="add an edge case and a decision for the heavy tail, e.g. pull instead of push above a follower threshold",
    )


def user_types(design, options) -> Iterator[Problem]:
    wanted = options.get("types", ["human", "system", "operational"])
    present = {u.type for u in design.users}
    missing = [t for t in wanted if t not in present]
    if design.users and missing:
        yield Problem(
            ("users",),
            f"no {', '.join(missing)} users identified",
            hint="name the services you integrate with and the people who operate the system",
        )


def partial_failure(design, options) -> Iterator[Problem]:
    partial = any(
        s.partial or s.scope in ("partial", "slow", "node", "shard", "partition")
        for s in design.failure_scenarios
    )
    if design.failure_scenarios and not partial and not design.partial_failures:
        yield Problem(
            ("failureScenarios",),
            "failure analysis covers only whole-component outages, not partial failure",
            hint="add degraded states: a slow dependency, one shard down, some cache nodes slow",
        )


CHECKS = {
    "hot-key-skew": hot_key_skew,
    "user-types": user_types,
    "partial-failure": partial_failure,
}
