"""Which top-level sections of a design a rule reads, so that an invalid section stops only the
rules that read it.

A declarative rule reads the section its ``given`` selects from; a rule on the whole document
(``given: $``) reads the top-level keys its ``then`` and ``where`` schemas name. A check reads
what it declares with :func:`designlint.checks.reads`, plus its ``given`` subject; a check that
declares nothing is taken to read every section.
"""

from __future__ import annotations

from typing import Any

from designlint.rulepacks.registry import CompiledRule

EVERY_SECTION = None
"""What a rule reads when it cannot say: it stops on any invalid section."""

_COMBINATORS = ("allOf", "anyOf", "oneOf")
# Keywords through which a schema may read keys it does not name.
_OPEN_ENDED = (
    "additionalProperties",
    "patternProperties",
    "propertyNames",
    "dependencies",
    "if",
    "then",
    "else",
    "minProperties",
    "maxProperties",
)


def sections_read(rule: CompiledRule) -> frozenset[str] | None:
    """The top-level keys ``rule`` reads, or None (EVERY_SECTION) when that is not known."""
    subject = _given_section(rule)
    if rule.check is not None:
        declared = getattr(rule.check, "reads", None)
        if declared is None:
            return EVERY_SECTION
        return frozenset(declared) | ({subject} if isinstance(subject, str) else frozenset())
    if isinstance(subject, str):
        return frozenset({subject})
    keys: set[str] = set()
    for schema in (rule.rule.then.schema_ if rule.rule.then else None, rule.rule.where):
        if schema is not None and not _top_level_keys(schema, keys):
            return EVERY_SECTION
    return frozenset(keys) if keys else EVERY_SECTION


def _given_section(rule: CompiledRule) -> str | None:
    """The first key of the rule's ``given`` (``$.slos[*]`` -> ``slos``); None for ``$`` or none."""
    if rule.selector is None or not rule.selector.steps:
        return None
    first = rule.selector.steps[0]
    return first if isinstance(first, str) else None


def _top_level_keys(schema: Any, keys: set[str]) -> bool:
    """Add the keys a schema on the whole document names; False when it could read any key."""
    if not isinstance(schema, dict):
        return False
    if any(key in schema for key in _OPEN_ENDED):
        return False
    keys.update(str(key) for key in schema.get("required", ()))
    keys.update(str(key) for key in schema.get("properties", {}))
    for combinator in _COMBINATORS:
        for part in schema.get(combinator, ()):
            if not _top_level_keys(part, keys):
                return False
    return "not" not in schema or _top_level_keys(schema["not"], keys)
