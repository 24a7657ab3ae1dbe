"""Declarative rules' JSON Schema fragments as direct checks, without importing jsonschema.

Built-in packs use a small part of JSON Schema (``required``, ``properties``, ``minItems``,
``const``, ``contains``, ``anyOf``, ``not`` ...). Importing and compiling jsonschema costs more
than the whole check of a design, so a fragment made only of the keywords below is turned into
plain Python checks with Draft 7's meaning: each keyword applies to the types it is defined for,
keywords are tried in the fragment's order, and the errors carry what ``declarative_problems``
reads (``absolute_path``, ``validator``, ``validator_value``, ``instance``). A fragment with any
other keyword returns ``None`` from :func:`compile_schema` and is left to jsonschema.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

Check = Callable[[Any], Iterator["SchemaError"]]


@dataclass
class SchemaError:
    """One failed keyword, shaped like the part of ``jsonschema.ValidationError`` the engine reads."""

    validator: str
    validator_value: Any
    instance: Any
    message: str
    relative_path: deque = field(default_factory=deque)

    @property
    def absolute_path(self) -> deque:
        return self.relative_path


class DirectValidator:
    """``iter_errors`` and ``is_valid`` over a compiled fragment."""

    def __init__(self, check: Check):
        self._check = check

    def iter_errors(self, instance: Any) -> Iterator[SchemaError]:
        return self._check(instance)

    def is_valid(self, instance: Any) -> bool:
        return next(self._check(instance), None) is None


class Unsupported(Exception):
    """The fragment uses a keyword (or a form of one) this module does not implement."""


def compile_schema(schema: Any) -> DirectValidator | None:
    """A direct validator for ``schema``, or ``None`` when jsonschema is needed."""
    try:
        return DirectValidator(_compile(schema))
    except Unsupported:
        return None


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def equal(one: Any, other: Any) -> bool:
    """JSON equality: ``true`` is not ``1``, ``1`` is ``1.0``, containers compare item by item."""
    if isinstance(one, bool) or isinstance(other, bool):
        return isinstance(one, bool) and isinstance(other, bool) and one == other
    if _is_number(one) and _is_number(other):
        return one == other
    if isinstance(one, dict) and isinstance(other, dict):
        return one.keys() == other.keys() and all(equal(one[key], other[key]) for key in one)
    if isinstance(one, list) and isinstance(other, list):
        return len(one) == len(other) and all(equal(a, b) for a, b in zip(one, other))
    return bool(one == other)


def _compile(schema: Any) -> Check:
    if schema is True or schema == {}:
        return _nothing
    if not isinstance(schema, dict):
        raise Unsupported(schema)
    checks = [_keyword(name, value) for name, value in schema.items()]

    def run(instance: Any) -> Iterator[SchemaError]:
        for check in checks:
            yield from check(instance)

    return run


def _nothing(instance: Any) -> Iterator[SchemaError]:
    return iter(())


def _keyword(name: str, value: Any) -> Check:
    builder = _KEYWORDS.get(name)
    if builder is None:
        raise Unsupported(name)
    return builder(value)


def _required(names: Any) -> Check:
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise Unsupported("required")

    def run(instance: Any) -> Iterator[SchemaError]:
        if isinstance(instance, dict):
            for name in names:
                if name not in instance:
                    yield SchemaError("required", names, instance, f"{name!r} is a required property")

    return run


def _properties(properties: Any) -> Check:
    if not isinstance(properties, dict):
        raise Unsupported("properties")
    compiled = [(name, _compile(sub)) for name, sub in properties.items()]

    def run(instance: Any) -> Iterator[SchemaError]:
        if isinstance(instance, dict):
            for name, check in compiled:
                if name in instance:
                    for error in check(instance[name]):
                        error.relative_path.appendleft(name)
                        yield error

    return run


def _min_items(limit: Any) -> Check:
    if not _is_number(limit):
        raise Unsupported("minItems")

    def run(instance: Any) -> Iterator[SchemaError]:
        if isinstance(instance, list) and len(instance) < limit:
            message = "should be non-empty" if limit == 1 else f"is too short (fewer than {limit} items)"
            yield SchemaError("minItems", limit, instance, f"{instance!r} {message}")

    return run


def _max_items(limit: Any) -> Check:
    if not _is_number(limit):
        raise Unsupported("maxItems")

    def run(instance: Any) -> Iterator[SchemaError]:
        if isinstance(instance, list) and len(instance) > limit:
            yield SchemaError("maxItems", limit, instance, f"{instance!r} is too long")

    return run


def _const(expected: Any) -> Check:
    def run(instance: Any) -> Iterator[SchemaError]:
        if not equal(instance, expected):
            yield SchemaError("const", expected, instance, f"{expected!r} was expected")

    return run


def _enum(options: Any) -> Check:
    if not isinstance(options, list):
        raise Unsupported("enum")

    def run(instance: Any) -> Iterator[SchemaError]:
        if not any(equal(instance, option) for option in options):
            yield SchemaError("enum", options, instance, f"{instance!r} is not one of {options!r}")

    return run


def _contains(schema: Any) -> Check:
    valid = DirectValidator(_compile(schema)).is_valid

    def run(instance: Any) -> Iterator[SchemaError]:
        if isinstance(instance, list) and not any(valid(item) for item in instance):
            yield SchemaError("contains", schema, instance, f"{instance!r} does not contain items matching")

    return run


def _items(schema: Any) -> Check:
    if not isinstance(schema, dict) and schema is not True:
        raise Unsupported("items")  # the tuple form (a list of schemas) is left to jsonschema
    check = _compile(schema)

    def run(instance: Any) -> Iterator[SchemaError]:
        if isinstance(instance, list):
            for index, item in enumerate(instance):
                for error in check(item):
                    error.relative_path.appendleft(index)
                    yield error

    return run


def _not(schema: Any) -> Check:
    valid = DirectValidator(_compile(schema)).is_valid

    def run(instance: Any) -> Iterator[SchemaError]:
        if valid(instance):
            yield SchemaError("not", schema, instance, f"{instance!r} should not be valid under {schema!r}")

    return run


def _any_of(schemas: Any) -> Check:
    if not isinstance(schemas, list) or not schemas:
        raise Unsupported("anyOf")
    valid = [DirectValidator(_compile(sub)).is_valid for sub in schemas]

    def run(instance: Any) -> Iterator[SchemaError]:
        if not any(check(instance) for check in valid):
            yield SchemaError(
                "anyOf", schemas, instance, f"{instance!r} is not valid under any of the given schemas"
            )

    return run


def _all_of(schemas: Any) -> Check:
    if not isinstance(schemas, list) or not schemas:
        raise Unsupported("allOf")
    compiled = [_compile(sub) for sub in schemas]

    def run(instance: Any) -> Iterator[SchemaError]:
        for check in compiled:
            yield from check(instance)

    return run


_TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "number": _is_number,
    # Draft 7: a float with no fractional part is an integer.
    "integer": lambda value: _is_number(value) and float(value).is_integer(),
}


def _type(expected: Any) -> Check:
    names = [expected] if isinstance(expected, str) else expected
    if not isinstance(names, list) or not all(name in _TYPES for name in names):
        raise Unsupported("type")
    tests = [_TYPES[name] for name in names]

    def run(instance: Any) -> Iterator[SchemaError]:
        if not any(test(instance) for test in tests):
            yield SchemaError("type", expected, instance, f"{instance!r} is not of type {expected!r}")

    return run


_KEYWORDS: dict[str, Callable[[Any], Check]] = {
    "required": _required,
    "properties": _properties,
    "minItems": _min_items,
    "maxItems": _max_items,
    "const": _const,
    "enum": _enum,
    "contains": _contains,
    "items": _items,
    "not": _not,
    "anyOf": _any_of,
    "allOf": _all_of,
    "type": _type,
}
