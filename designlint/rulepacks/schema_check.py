"""Declarative rules' JSON Schema fragments as direct checks, without importing jsonschema.

Built-in packs use a small part of JSON Schema (``required``, ``properties``, ``minItems``,
``const``, ``contains``, ``anyOf``, ``not`` ...). Importing and compiling jsonschema costs more
than the whole check of a design, so a fragment made only of the keywords below is turned into
plain Python checks with Draft 7's meaning: each keyword applies to the types it is defined for,
keywords are tried in the fragment's order, and the errors carry what ``declarative_problems``
reads (``absolute_path``, ``validator``, ``validator_value``, ``instance``). A fragment with any
other keyword returns ``None`` from :func:`compile_schema` and is left to jsonschema.

Each fragment compiles to two functions: one that lists the errors and one that only answers
whether the instance is valid. ``not``, ``anyOf``, ``contains`` and ``where`` ask the second,
which builds no error objects, and an error's message is written only when it is read: the
instance it describes may be the whole document.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

Errors = Callable[[Any], Iterator["SchemaError"]]
Valid = Callable[[Any], bool]


@dataclass
class SchemaError:
    """One failed keyword, shaped like the part of ``jsonschema.ValidationError`` the engine reads."""

    validator: str
    validator_value: Any
    instance: Any
    relative_path: deque = field(default_factory=deque)
    missing: str | None = None
    """The property a ``required`` error is about."""

    @property
    def absolute_path(self) -> deque:
        return self.relative_path

    @property
    def message(self) -> str:
        return _describe(self)


def _describe(error: SchemaError) -> str:
    value, instance = error.validator_value, error.instance
    keyword = error.validator
    if keyword == "required":
        return f"{error.missing!r} is a required property"
    if keyword == "minItems":
        return f"{instance!r} " + (
            "should be non-empty" if value == 1 else f"is too short (fewer than {value} items)"
        )
    if keyword == "maxItems":
        return f"{instance!r} is too long"
    if keyword == "const":
        return f"{value!r} was expected"
    if keyword == "enum":
        return f"{instance!r} is not one of {value!r}"
    if keyword == "contains":
        return f"{instance!r} does not contain items matching"
    if keyword == "not":
        return f"{instance!r} should not be valid under {value!r}"
    if keyword == "anyOf":
        return f"{instance!r} is not valid under any of the given schemas"
    return f"{instance!r} is not of type {value!r}"


class Compiled(NamedTuple):
    errors: Errors
    valid: Valid


class DirectValidator:
    """``iter_errors`` and ``is_valid`` over a compiled fragment."""

    def __init__(self, compiled: Compiled):
        self._compiled = compiled

    def iter_errors(self, instance: Any) -> Iterator[SchemaError]:
        return self._compiled.errors(instance)

    def is_valid(self, instance: Any) -> bool:
        return self._compiled.valid(instance)


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


def _compile(schema: Any) -> Compiled:
    if schema is True or schema == {}:
        return _NOTHING
    if not isinstance(schema, dict):
        raise Unsupported(schema)
    parts = [_keyword(name, value) for name, value in schema.items()]
    if len(parts) == 1:
        return parts[0]
    checks = [part.errors for part in parts]
    tests = [part.valid for part in parts]

    def errors(instance: Any) -> Iterator[SchemaError]:
        for check in checks:
            yield from check(instance)

    def valid(instance: Any) -> bool:
        return all(test(instance) for test in tests)

    return Compiled(errors, valid)


def _no_errors(instance: Any) -> Iterator[SchemaError]:
    return iter(())


def _always(instance: Any) -> bool:
    return True


_NOTHING = Compiled(_no_errors, _always)


def _keyword(name: str, value: Any) -> Compiled:
    builder = _KEYWORDS.get(name)
    if builder is None:
        raise Unsupported(name)
    return builder(value)


def _required(names: Any) -> Compiled:
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise Unsupported("required")

    def errors(instance: Any) -> Iterator[SchemaError]:
        if isinstance(instance, dict):
            for name in names:
                if name not in instance:
                    yield SchemaError("required", names, instance, missing=name)

    def valid(instance: Any) -> bool:
        return not isinstance(instance, dict) or all(name in instance for name in names)

    return Compiled(errors, valid)


def _properties(properties: Any) -> Compiled:
    if not isinstance(properties, dict):
        raise Unsupported("properties")
    compiled = [(name, _compile(sub)) for name, sub in properties.items()]

    def errors(instance: Any) -> Iterator[SchemaError]:
        if isinstance(instance, dict):
            for name, sub in compiled:
                if name in instance:
                    for error in sub.errors(instance[name]):
                        error.relative_path.appendleft(name)
                        yield error

    def valid(instance: Any) -> bool:
        if not isinstance(instance, dict):
            return True
        return all(name not in instance or sub.valid(instance[name]) for name, sub in compiled)

    return Compiled(errors, valid)


def _min_items(limit: Any) -> Compiled:
    if not _is_number(limit):
        raise Unsupported("minItems")

    def valid(instance: Any) -> bool:
        return not isinstance(instance, list) or len(instance) >= limit

    return _single("minItems", limit, valid)


def _max_items(limit: Any) -> Compiled:
    if not _is_number(limit):
        raise Unsupported("maxItems")

    def valid(instance: Any) -> bool:
        return not isinstance(instance, list) or len(instance) <= limit

    return _single("maxItems", limit, valid)


def _const(expected: Any) -> Compiled:
    def valid(instance: Any) -> bool:
        return equal(instance, expected)

    return _single("const", expected, valid)


def _enum(options: Any) -> Compiled:
    if not isinstance(options, list):
        raise Unsupported("enum")

    def valid(instance: Any) -> bool:
        return any(equal(instance, option) for option in options)

    return _single("enum", options, valid)


def _contains(schema: Any) -> Compiled:
    matches = _compile(schema).valid

    def valid(instance: Any) -> bool:
        return not isinstance(instance, list) or any(matches(item) for item in instance)

    return _single("contains", schema, valid)


def _items(schema: Any) -> Compiled:
    if not isinstance(schema, dict) and schema is not True:
        raise Unsupported("items")  # the tuple form (a list of schemas) is left to jsonschema
    sub = _compile(schema)

    def errors(instance: Any) -> Iterator[SchemaError]:
        if isinstance(instance, list):
            for index, item in enumerate(instance):
                for error in sub.errors(item):
                    error.relative_path.appendleft(index)
                    yield error

    def valid(instance: Any) -> bool:
        return not isinstance(instance, list) or all(sub.valid(item) for item in instance)

    return Compiled(errors, valid)


def _not(schema: Any) -> Compiled:
    matches = _compile(schema).valid

    def valid(instance: Any) -> bool:
        return not matches(instance)

    return _single("not", schema, valid)


def _any_of(schemas: Any) -> Compiled:
    if not isinstance(schemas, list) or not schemas:
        raise Unsupported("anyOf")
    tests = [_compile(sub).valid for sub in schemas]

    def valid(instance: Any) -> bool:
        return any(test(instance) for test in tests)

    return _single("anyOf", schemas, valid)


def _all_of(schemas: Any) -> Compiled:
    if not isinstance(schemas, list) or not schemas:
        raise Unsupported("allOf")
    compiled = [_compile(sub) for sub in schemas]
    checks = [sub.errors for sub in compiled]
    tests = [sub.valid for sub in compiled]

    def errors(instance: Any) -> Iterator[SchemaError]:
        for check in checks:
            yield from check(instance)

    def valid(instance: Any) -> bool:
        return all(test(instance) for test in tests)

    return Compiled(errors, valid)


def _single(keyword: str, value: Any, valid: Valid) -> Compiled:
    """A keyword that fails as a whole, with one error on the instance itself."""

    def errors(instance: Any) -> Iterator[SchemaError]:
        if not valid(instance):
            yield SchemaError(keyword, value, instance)

    return Compiled(errors, valid)


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


def _type(expected: Any) -> Compiled:
    names = [expected] if isinstance(expected, str) else expected
    if not isinstance(names, list) or not all(name in _TYPES for name in names):
        raise Unsupported("type")
    tests = [_TYPES[name] for name in names]

    def valid(instance: Any) -> bool:
        return any(test(instance) for test in tests)

    return _single("type", expected, valid)


_KEYWORDS: dict[str, Callable[[Any], Compiled]] = {
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
