"""Numbers the way engineers write them: ``200M``, ``1.5 billion``, ``12K/s``, ``300 ms``, ``99.9%``, ``$350/month``.

A :class:`Quantity` keeps the text the author wrote, the magnitude (count multipliers applied),
the unit text and whether the value was marked approximate (``~``). Unit arithmetic lives in
:mod:`designlint.units` (pint); the model only needs a faithful, cheap parse.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass
from typing import Any, NamedTuple

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from designlint.units.measure import MAX_MAGNITUDE
from designlint.units.multipliers import read_multiplier

# Count multipliers (200M, 1.5 billion, 3 MM) are read by designlint.units.multipliers: only when
# they stand alone after the digits, so "5TB" is 5 terabytes and "1B" a billion.
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}

# Every pattern here is anchored and free of nested or overlapping quantifiers, and whitespace
# runs are possessive (``\s*+``), so reading a value takes time linear in its length.
_NUMBER = r"(?:[0-9][0-9,]*+(?:\.[0-9]++)?|\.[0-9]++)(?:[eE][-+]?[0-9]++)?"
_QUALIFIER_RE = re.compile(r"\s*+(~|≈|<=|>=|<|>|≤|≥)?\s*+([$€£])?")
_NUMBER_RE = re.compile(_NUMBER)
_RANGE_RE = re.compile(r"(?:-|–|to(?![A-Za-z]))\s*+([$€£])?")
_SPACES_RE = re.compile(r"\s*+")
_UNIT_RE = re.compile(r"[A-Za-z%$€£µ/·*^ ()\-_.0-9x×]*+")

# JSON Schema (ECMA) patterns: ``\d`` is ASCII there. Editors only; designlint reads values itself.
QUANTITY_PATTERN = (
    r"^\s*(~|≈|<=|>=|<|>|≤|≥)?\s*[$€£]?(\d[\d,]*(\.\d+)?|\.\d+)([eE][-+]?\d+)?[KkMBGT]?"
    r"(\s*(-|–|to)\s*[$€£]?(\d[\d,]*(\.\d+)?|\.\d+)[KkMBGT]?)?(\s*[^\s\d~<>].*)?$"
)
MAX_UNIT_LENGTH = 200
_EXAMPLES = "e.g. '200M', '1.5 billion requests/day', '12K/s', '300 ms', '99.9%'"


@dataclass(frozen=True)
class Quantity:
    """A parsed engineering number."""

    text: str
    magnitude: float
    unit: str = ""
    approximate: bool = False
    bound: str = ""  # "<", ">", "<=" or ">=" when the author wrote a bound rather than a value
    low: float | None = None  # lower end of a range such as "3-4x"

    def __str__(self) -> str:
        return self.text

    @property
    def is_range(self) -> bool:
        return self.low is not None

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    def as_fraction(self) -> float:
        """A ratio as a fraction of one: ``99.9%`` → 0.999, ``0.999`` → 0.999."""
        return self.magnitude / 100 if self.is_percent else self.magnitude


def _shown(text: str) -> str:
    """The value as written, cut short for a message."""
    text = text.strip()
    return text if len(text) <= 60 else text[:57] + "..."


def _checked(value: float, text: str) -> float:
    if not math.isfinite(value):
        raise ValueError(f"'{_shown(text)}' is not a finite number")
    if value != 0 and not 1 / MAX_MAGNITUDE <= abs(value) <= MAX_MAGNITUDE:
        raise ValueError(
            f"'{_shown(text)}' is out of range: designlint reads magnitudes from 1e-100 to 1e100"
        )
    return value


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _foreign_digit(text: str) -> str | None:
    """A digit-like character that is not 0-9 (``١``, ``𝟏``, ``²``), which float() would quietly accept."""
    if text.isascii():
        return None
    for match in _NON_ASCII.finditer(text):
        char = match.group()
        if char.isdigit() or char.isnumeric():
            return char
    return None


class _Number(NamedTuple):
    value: float
    gap_end: int  # where the whitespace after the number (and its multiplier) ends
    multiplier: float | None  # the count multiplier written after the digits, if any


def _read_number(text: str, position: int) -> _Number | None:
    match = _NUMBER_RE.match(text, position)
    if match is None:
        return None
    value = float(match.group().replace(",", ""))
    spaces = _spaces_after(text, match.end())
    found = read_multiplier(text, match.end(), spaces)
    if found is None:
        return _Number(value, spaces, None)
    return _Number(value, _spaces_after(text, found.end), found.factor)


def _spaces_after(text: str, position: int) -> int:
    match = _SPACES_RE.match(text, position)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def parse_quantity(value: Any) -> Quantity:
    """Parse a YAML scalar into a Quantity; raise ``ValueError`` with a readable reason.

    Each stretch of the text is scanned a bounded number of times, so a value of any length is
    read in linear time (a run of 200,000 spaces takes about a millisecond).
    """
    if isinstance(value, str):  # nearly every value: answered from the parses of earlier spellings
        if len(value) > CACHED_UP_TO:
            return _parse_text(value)
        parsed = _parse_cached(value)
        if isinstance(parsed, _Unreadable):
            raise ValueError(parsed.reason)
        return parsed
    if isinstance(value, Quantity):
        return value
    if isinstance(value, bool):
        raise ValueError("expected a number, not a boolean")
    if isinstance(value, (int, float)):
        number = float(value) if not isinstance(value, int) or abs(value) < 10**300 else math.inf
        return Quantity(text=str(value), magnitude=_checked(number, str(value)))
    raise ValueError("expected a number or a string such as '12K/s', '300 ms' or '$350/month'")


CACHED_UP_TO = 200
"""Values up to this many characters are parsed once per spelling: the same few (``99.9%``,
``300 ms``) recur across sections, the rules that re-read them, and the files of a run."""


class _Unreadable(NamedTuple):
    reason: str


@functools.lru_cache(maxsize=8192)
def _parse_cached(value: str) -> Quantity | _Unreadable:
    """The parse of one spelling, or why it is none (a Quantity is immutable, so it can be shared)."""
    try:
        return _parse_text(value)
    except ValueError as error:
        return _Unreadable(str(error))


def _parse_text(value: str) -> Quantity:
    foreign = _foreign_digit(value)
    if foreign is not None:
        raise ValueError(
            f"'{foreign}' (U+{ord(foreign):04X}) is not a digit designlint reads: write numbers with 0-9"
        )
    head = _QUALIFIER_RE.match(value)
    assert head is not None  # every part of it is optional
    qualifier, currency = head.group(1) or "", head.group(2)
    first = _read_number(value, head.end())
    if first is None:
        raise ValueError(f"'{_shown(value)}' is not a number with a unit ({_EXAMPLES})")
    low: float | None = None
    magnitude = first.value * (first.multiplier or 1.0)
    unit_start = first.gap_end
    dash = _RANGE_RE.match(value, first.gap_end)
    second = _read_number(value, dash.end()) if dash else None
    if dash is not None and second is not None:
        low_value = magnitude
        if first.multiplier is None and second.multiplier is not None and first.value <= second.value:
            low_value = first.value * second.multiplier  # "200-300 million": one multiplier for both
        low, magnitude = low_value, second.value * (second.multiplier or 1.0)
        currency = currency or dash.group(1)
        unit_start = second.gap_end
    unit_end = len(value.rstrip())
    if unit_end - unit_start > MAX_UNIT_LENGTH:
        raise ValueError(f"the unit of '{_shown(value)}' is longer than {MAX_UNIT_LENGTH} characters")
    unit = value[unit_start:unit_end] if unit_end > unit_start else ""
    if unit and (unit[0].isdigit() or unit[0] in "~<>"):
        raise ValueError(f"'{_shown(value)}' is not a number with a unit ({_EXAMPLES})")
    if unit and _UNIT_RE.fullmatch(unit) is None:
        raise ValueError(f"'{unit}' is not a unit")
    if currency:
        code = CURRENCY_SYMBOLS[currency]
        unit = f"{code}{unit}" if unit.startswith("/") or not unit else f"{code} {unit}"
    text = value.strip()
    _checked(magnitude, text)
    if low is not None:
        _checked(low, text)
    bound = {"≤": "<=", "≥": ">="}.get(qualifier, qualifier) if qualifier not in ("~", "≈") else ""
    return Quantity(
        text=text,
        magnitude=magnitude,
        unit=unit,
        approximate=qualifier in ("~", "≈"),
        bound=bound,
        low=low,
    )


def _validate_quantity(value: Any) -> Quantity:
    try:
        return parse_quantity(value)
    except ValueError as exc:
        raise PydanticCustomError("quantity", "{reason}", {"reason": str(exc)}) from None


def _quantity_text(quantity: Quantity) -> str:
    return quantity.text


class _QuantityAnnotation:
    """Pydantic hooks: validate from YAML scalars, describe as number-or-pattern in JSON Schema.

    The hooks are module-level functions so the core schema pickles (it is cached between runs).
    """

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _validate_quantity,
            serialization=core_schema.plain_serializer_function_ser_schema(_quantity_text),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [{"type": "number"}, {"type": "string", "pattern": QUANTITY_PATTERN}],
            "description": "A number, optionally with a count suffix (K, M, B), a unit and a leading ~ for approximate values.",
        }
