"""Structural validation: the pydantic model's errors as problems with stable codes, for the engine to position."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from designlint.errors import UsageError
from designlint.findings import DocPath, Problem

UNKNOWN_KEY = "DL010"
WRONG_TYPE = "DL011"
MISSING_KEY = "DL012"
INVALID_VALUE = "DL013"
UNSUPPORTED_VERSION = "DL014"

_TYPE_ERRORS = {
    "string_type",
    "int_type",
    "int_parsing",
    "int_from_float",
    "float_type",
    "float_parsing",
    "bool_type",
    "bool_parsing",
    "list_type",
    "dict_type",
    "model_type",
    "model_attributes_type",
    "tuple_type",
    "none_required",
}
_EXPECTED = {
    "string_type": "a string",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
}


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _model_at(root: type[BaseModel], path: DocPath) -> type[BaseModel] | None:
    """The model class that validates the mapping at ``path`` (for 'did you mean' hints)."""
    current: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        by_alias = {f.alias or n: f for n, f in current.model_fields.items()}
        field = by_alias.get(part)
        if field is None:
            return None
        current = _innermost_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _innermost_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _innermost_model(arg)
        if found is not None:
            return found
    return None


def _allowed_keys(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [f.alias or n for n, f in model.model_fields.items()]


def problems_from_validation(error: ValidationError, root: type[BaseModel]) -> list[tuple[str, Problem]]:
    """Map every pydantic error to ``(code, problem)``; the engine positions them."""
    out: list[tuple[str, Problem]] = []
    for item in error.errors(include_url=False):
        loc: DocPath = tuple(item["loc"])
        kind = item["type"]
        if kind == "extra_forbidden":
            key = str(loc[-1])
            allowed = _allowed_keys(_model_at(root, loc[:-1]))
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else (f"allowed keys: {', '.join(allowed)}" if allowed and len(allowed) <= 12 else None)
            )
            out.append((UNKNOWN_KEY, Problem(loc, f"unknown key '{key}'", hint=hint)))
        elif kind == "missing":
            parent = loc[:-1]
            out.append((MISSING_KEY, Problem(parent, f"missing required key '{loc[-1]}'", at_key=True)))
        elif kind == "literal_error" and loc in (("apiVersion",), ("kind",)):
            out.append(
                (
                    UNSUPPORTED_VERSION,
                    Problem(
                        loc,
                        f"{loc[0]} must be {item['ctx']['expected']}, found {_describe(item['input'])}",
                        at_key=False,
                    ),
                )
            )
        elif kind in _TYPE_ERRORS:
            expected = _EXPECTED.get(kind, item["msg"].lower())
            out.append(
                (
                    WRONG_TYPE,
                    Problem(loc, f"expected {expected}, found {_describe(item['input'])}", at_key=False),
                )
            )
        elif kind == "literal_error":
            out.append(
                (
                    INVALID_VALUE,
                    Problem(
                        loc,
                        f"{_describe(item['input'])} is not one of {item['ctx']['expected']}",
                        at_key=False,
                    ),
                )
            )
        elif kind == "string_pattern_mismatch":
            out.append(
                (
                    INVALID_VALUE,
                    Problem(
                        loc,
                        f"{_describe(item['input'])} does not match the pattern {item['ctx']['pattern']}",
                        at_key=False,
                    ),
                )
            )
        else:
            out.append((INVALID_VALUE, Problem(loc, item["msg"], at_key=False)))
    return out


def validate_or_raise(document: Any, model: type[BaseModel], what: str) -> Any:
    """Validate configuration-like documents (rule packs, config): the first error is a usage error (exit 2)."""
    try:
        return model.model_validate(document.data)
    except ValidationError as error:
        _code, problem = problems_from_validation(error, model)[0]
        message = problem.message + (f" ({problem.hint})" if problem.hint else "")
        position = document.locate(problem.path, at_key=problem.at_key, offset=problem.offset)
        raise UsageError(f"invalid {what}: {message}", file=document.file, position=position) from None
