"""Numbers the way engineers write them: ``200M``, ``12K/s``, ``300 ms``, ``99.9%``, ``$350/month``.

A :class:`Quantity` keeps the text the author wrote, the magnitude (count suffixes applied),
the unit text and whether the value was marked approximate (``~``). Unit arithmetic lives in
:mod:`designlint.units` (pint); the model only needs a faithful, cheap parse.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

# Count suffixes: only when they stand alone after the digits (so "5TB" is 5 terabytes, "1B" a billion).
COUNT_SUFFIXES = {"K": 1e3, "k": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12}
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}

_NUMBER = r"(?:\d[\d,]*(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?"
_QUANTITY_RE = re.compile(
    rf"""^\s*
    (?P<qualifier>~|≈|<=|>=|<|>|≤|≥)?\s*
    (?P<currency>[$€£])?
    (?P<low>{_NUMBER})(?P<low_suffix>[KkMBGT](?![A-Za-z]))?
    (?:\s*(?:-|–|to)\s*[$€£]?(?P<high>{_NUMBER})(?P<high_suffix>[KkMBGT](?![A-Za-z]))?)?
    \s*(?P<unit>[^\s\d~<>].*?)?\s*$""",
    re.VERBOSE,
)
_UNIT_RE = re.compile(r"^[A-Za-z%$€£µ/·*^ ()\-_.0-9x×]*$")

QUANTITY_PATTERN = (
    r"^\s*(~|≈|<=|>=|<|>|≤|≥)?\s*[$€£]?(\d[\d,]*(\.\d+)?|\.\d+)([eE][-+]?\d+)?[KkMBGT]?"
    r"(\s*(-|–|to)\s*[$€£]?(\d[\d,]*(\.\d+)?|\.\d+)[KkMBGT]?)?(\s*[^\s\d~<>].*)?$"
)


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


def _number(digits: str, suffix: str | None) -> float:
    value = float(digits.replace(",", ""))
    return value * COUNT_SUFFIXES[suffix] if suffix else value


def parse_quantity(value: Any) -> Quantity:
    """Parse a YAML scalar into a Quantity; raise ``ValueError`` with a readable reason."""
    if isinstance(value, Quantity):
        return value
    if isinstance(value, bool):
        raise ValueError("expected a number, not a boolean")
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            raise ValueError("expected a finite number")
        return Quantity(text=str(value), magnitude=float(value))
    if not isinstance(value, str):
        raise ValueError("expected a number or a string such as '12K/s', '300 ms' or '$350/month'")
    match = _QUANTITY_RE.match(value)
    if not match:
        raise ValueError(f"'{value}' is not a number with a unit (e.g. '200M', '12K/s', '300 ms', '99.9%')")
    qualifier = match["qualifier"] or ""
    unit = (match["unit"] or "").strip()
    if unit and not _UNIT_RE.match(unit):
        raise ValueError(f"'{unit}' is not a unit")
    currency = match["currency"]
    if currency:
        code = CURRENCY_SYMBOLS[currency]
        unit = f"{code}{unit}" if unit.startswith("/") or not unit else f"{code} {unit}"
    high = match["high"]
    magnitude = _number(high, match["high_suffix"]) if high else _number(match["low"], match["low_suffix"])
    low = _number(match["low"], match["low_suffix"]) if high else None
    bound = {"≤": "<=", "≥": ">="}.get(qualifier, qualifier) if qualifier not in ("~", "≈") else ""
    return Quantity(
        text=value.strip(),
        magnitude=magnitude,
        unit=unit,
        approximate=qualifier in ("~", "≈"),
        bound=bound,
        low=low,
    )


class _QuantityAnnotation:
    """Pydantic hooks: validate from YAML scalars, describe as number-or-pattern in JSON Schema."""

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        def validate(value: Any) -> Quantity:
            try:
                return parse_quantity(value)
            except ValueError as exc:
                raise PydanticCustomError("quantity", "{reason}", {"reason": str(exc)}) from None

        return core_schema.no_info_plain_validator_function(
            validate, serialization=core_schema.plain_serializer_function_ser_schema(lambda q: q.text)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {
            "anyOf": [{"type": "number"}, {"type": "string", "pattern": QUANTITY_PATTERN}],
            "description": "A number, optionally with a count suffix (K, M, B), a unit and a leading ~ for approximate values.",
        }
