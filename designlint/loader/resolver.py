"""YAML 1.2 core schema: what a scalar means.

PyYAML's own resolver implements YAML 1.1, where `no`, `on`, `0777`, `2024-01-15`
and `1_000` are not strings. Designs are full of such values (country codes, octal-looking
ids, dates in prose), so we resolve plain scalars with the 1.2 core schema instead, and
accept only the core tags: nothing here ever constructs an arbitrary object.
"""

from __future__ import annotations

import math
import re

TAG_PREFIX = "tag:yaml.org,2002:"
STR = TAG_PREFIX + "str"
INT = TAG_PREFIX + "int"
FLOAT = TAG_PREFIX + "float"
BOOL = TAG_PREFIX + "bool"
NULL = TAG_PREFIX + "null"
MAP = TAG_PREFIX + "map"
SEQ = TAG_PREFIX + "seq"
NON_SPECIFIC = "!"

SCALAR_TAGS = frozenset((STR, INT, FLOAT, BOOL, NULL))
ALLOWED_TAGS = SCALAR_TAGS | {MAP, SEQ, NON_SPECIFIC}


class ScalarError(ValueError):
    """A scalar that cannot have the type its tag asks for; `code` is the rule code."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


_NULLS = {"": None, "~": None, "null": None, "Null": None, "NULL": None}
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_SPECIAL_FLOATS = {
    ".inf": math.inf,
    ".Inf": math.inf,
    ".INF": math.inf,
    "+.inf": math.inf,
    "+.Inf": math.inf,
    "+.INF": math.inf,
    "-.inf": -math.inf,
    "-.Inf": -math.inf,
    "-.INF": -math.inf,
    ".nan": math.nan,
    ".NaN": math.nan,
    ".NAN": math.nan,
}
_WORDS = {**_NULLS, **_BOOLS, **_SPECIAL_FLOATS}
WORDS = frozenset(_WORDS)
"""Plain scalars that are words with a non-string meaning (null, booleans, infinities, NaN)."""

# `[0-9]` on purpose, not `\d`: `\d` also matches non-ASCII digits, which int() accepts.
_INT10 = re.compile(r"[-+]?[0-9]+")
_INT8 = re.compile(r"0o[0-7]+")
_INT16 = re.compile(r"0x[0-9a-fA-F]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")

# Every non-string plain scalar starts with one of these; anything else is a string
# without running a regex, which is the common case in a design file.
MAYBE_TYPED = frozenset("0123456789+-.~nNtTfF")


def _to_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        # Only reachable past Python's integer string conversion limit (4300 digits).
        raise ScalarError("DL004", f"integer literal of {len(text)} digits is too long") from None


def _number(text: str) -> int | float | None:
    """The number a core-schema numeral means, or None when it is not one."""
    if _INT10.fullmatch(text):
        return _to_int(text)
    if text[:2] == "0o" and _INT8.fullmatch(text):
        return int(text[2:], 8)
    if text[:2] == "0x" and _INT16.fullmatch(text):
        return int(text[2:], 16)
    if _FLOAT.fullmatch(text):
        return float(text)
    special = _SPECIAL_FLOATS.get(text)
    return special


def resolve_plain(text: str):
    """The value of an untagged plain scalar under the YAML 1.2 core schema."""
    if not text:
        return None
    if text[0] not in MAYBE_TYPED:
        return text
    if text in _WORDS:
        return _WORDS[text]
    number = _number(text)
    return text if number is None else number


def construct(tag: str, text: str):
    """The value of a scalar with an explicit tag; the tag must already be allowed."""
    if tag in (STR, NON_SPECIFIC):
        # `! value` is the non-specific tag: by the spec a scalar with it is a string.
        return text
    if tag == NULL:
        if text in _NULLS:
            return None
    elif tag == BOOL:
        if text in _BOOLS:
            return _BOOLS[text]
    elif tag == INT:
        value = _number(text) if text else None
        if isinstance(value, int):
            return value
    elif tag == FLOAT:
        value = _number(text) if text else None
        if value is not None:
            return float(value)
    else:
        raise ScalarError("DL001", f"tag {short_tag(tag)} cannot be used on a scalar")
    raise ScalarError("DL001", f"{_clip(text)!r} is not a valid {short_tag(tag)} value")


def short_tag(tag: str) -> str:
    """`tag:yaml.org,2002:int` -> `!!int`, as the author wrote it."""
    if tag.startswith(TAG_PREFIX):
        return "!!" + tag[len(TAG_PREFIX) :]
    if tag.startswith("!"):
        return tag
    return f"!<{tag}>"


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 3] + "..."
