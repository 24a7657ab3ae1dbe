"""What a rule pack's JSON Schema may ask for before designlint runs it on anyone's design.

A pack from a repository is input like a design: its schema fragments are checked once, when
the pack loads, so a bad one is a usage error at the rule's position rather than a failure on
every design. Three things are refused:

- a ``$ref`` that leaves the fragment (``http://...``, ``file:///...``): jsonschema would fetch
  it, so a pack could make a check read files or the network; local references
  (``#/definitions/...``) must name something that exists;
- a ``pattern`` whose repeats nest (``(a+)+``): Python's regular expressions backtrack, and such
  a pattern takes exponential time on a short string in a design;
- a fragment that refers to itself without end (``{$ref: '#'}``).

Validators are built with an empty reference registry, so nothing is ever retrieved.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import unquote

# Keywords whose value is a map of names to schemas: the names are data, not keywords.
_NAMED_SCHEMAS = ("properties", "patternProperties", "definitions", "dependencies")
_PROBES: tuple[Any, ...] = ({}, [], "", 0, None, True)


class UnsafeSchema(ValueError):
    """Why a schema fragment cannot be run."""


def validator(schema: dict[str, Any]):
    """A Draft 7 validator for ``schema`` that never retrieves a reference from anywhere."""
    import jsonschema
    from referencing import Registry

    return jsonschema.Draft7Validator(schema, registry=Registry())


def check(schema: Any) -> None:
    """Raise :class:`UnsafeSchema` when ``schema`` (already valid Draft 7) may not be run."""
    for keyword, value in _keywords(schema):
        if keyword == "$ref":
            _check_reference(value, schema)
        elif keyword == "pattern" and isinstance(value, str):
            _check_pattern(value)
        elif keyword == "patternProperties" and isinstance(value, dict):
            for pattern in value:
                _check_pattern(pattern)
    _check_terminates(schema)


def _keywords(schema: Any) -> Iterator[tuple[str, Any]]:
    """Every (keyword, value) of every schema in ``schema``, without recursion (packs may nest deep)."""
    pending = [schema]
    while pending:
        node = pending.pop()
        if isinstance(node, list):
            pending.extend(node)
            continue
        if not isinstance(node, dict):
            continue
        for keyword, value in node.items():
            yield keyword, value
            if keyword in _NAMED_SCHEMAS and isinstance(value, dict):
                pending.extend(value.values())
            elif keyword not in ("enum", "const", "default", "examples"):
                pending.append(value)


def _check_reference(reference: Any, root: Any) -> None:
    if not isinstance(reference, str) or not reference.startswith("#"):
        raise UnsafeSchema(
            f"$ref {reference!r} points outside the rule's schema; only local references such as "
            "'#/definitions/name' are allowed"
        )
    node = root
    for token in reference[1:].split("/")[1:] if reference != "#" else ():
        key = unquote(token).replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and key.isdigit() and int(key) < len(node):
            node = node[int(key)]
        else:
            raise UnsafeSchema(f"$ref {reference!r} names nothing in the rule's schema")


def _check_pattern(pattern: str) -> None:
    import re

    try:
        parsed = re._parser.parse(pattern)  # type: ignore[attr-defined]  # the stdlib's own regex parser
    except (re.error, RecursionError, OverflowError) as error:
        raise UnsafeSchema(f"pattern {pattern!r} is not a regular expression: {error}") from None
    if _nested_repeat(parsed):
        raise UnsafeSchema(
            f"pattern {pattern!r} repeats a repetition, which takes exponential time on some text; "
            "write it without the nested repeat"
        )


def _nested_repeat(parsed: Any) -> bool:
    """Whether an unbounded repeat contains another unbounded repeat (the ``(a+)+`` shape)."""
    import re

    sre = re._parser  # type: ignore[attr-defined]
    repeats = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None))
    pending: list[tuple[Any, bool]] = [(parsed, False)]
    while pending:
        items, inside_repeat = pending.pop()
        for op, argument in items:
            if op in repeats:
                _low, high, body = argument
                unbounded = high == sre.MAXREPEAT or high > 100
                if unbounded and inside_repeat:
                    return True
                pending.append((body, inside_repeat or unbounded))
            elif op == sre.SUBPATTERN:
                pending.append((argument[-1], inside_repeat))
            elif op == sre.BRANCH:
                pending.extend((branch, inside_repeat) for branch in argument[1])
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                pending.append((argument[1], inside_repeat))
            elif op == sre.GROUPREF_EXISTS:
                pending.extend((branch, inside_repeat) for branch in argument[1:] if branch is not None)
            elif op == getattr(sre, "ATOMIC_GROUP", None):
                pending.append((argument, inside_repeat))
    return False


def _check_terminates(schema: Any) -> None:
    """A fragment that refers to itself without reading into the instance never ends: try it once."""
    compiled = validator(schema)
    for probe in _PROBES:
        try:
            compiled.is_valid(probe)
        except RecursionError:
            raise UnsafeSchema("the schema refers to itself without end") from None
