"""Values with units: a magnitude in base units, its dimensions, and the unit words to show it in.

Arithmetic here is plain float and small-tuple work (about a microsecond per operation), so
recomputing every number of hundreds of designs stays cheap. Unit text is read once per
distinct spelling and cached.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Final, NamedTuple

from designlint.units.definitions import (
    HOURS_730,
    SECONDS_PER_HOUR,
    Dims,
    UnitError,
    is_count,
    resolve_word,
)

DEFAULT_MONTH_SECONDS = HOURS_730 * SECONDS_PER_HOUR
MAX_MAGNITUDE = 1e100
"""Numbers designlint reads lie between 1e-100 and 1e100 (or are zero): every product and quotient
of two of them, in any unit, stays a finite float."""
CURRENCY_CODES = {"$": "USD", "€": "EUR", "£": "GBP"}

_UNIT_TOKEN = re.compile(r"\s*(?:(?P<word>[A-Za-zµ_][A-Za-z0-9µ_]*|%)|(?P<op>[/*·×()^])|(?P<int>-?\d+))")


class DimensionError(ValueError):
    """Arithmetic between values whose dimensions do not agree."""


def _merge(left: Dims, right: Dims, sign: int) -> Dims:
    if not right:
        return left
    if not left and sign == 1:
        return right
    return _merged(left, right, sign)


@functools.lru_cache(maxsize=4096)
def _merged(left: Dims, right: Dims, sign: int) -> Dims:
    """The few dimension tuples a run uses combine the same ways over and over: merge each pair once."""
    merged = dict(left)
    for name, exp in right:
        merged[name] = merged.get(name, 0) + sign * exp
    return tuple(sorted((k, v) for k, v in merged.items() if v))


def physical(dims: Dims) -> Dims:
    """The dimensions that measure something, without the counts."""
    return tuple((k, v) for k, v in dims if not is_count(k))


def has_counts(dims: Dims) -> bool:
    return any(is_count(k) for k, _ in dims)


def compatible(stated: Dims, computed: Dims) -> bool:
    """Same dimensions; a stated unit that names no count (``12K/s``) accepts any count."""
    if stated == computed:
        return True
    return not has_counts(stated) and stated == physical(computed)


class UnitInfo(NamedTuple):
    factor: float
    dims: Dims
    display: Dims  # unit symbols with exponents, as they should be shown


class Measure:
    """``value`` is in base units (seconds, bytes, bits, currency units, counts).

    A value: never changed once made (``Final``), compared and hashed by its fields. A plain class
    with slots rather than a frozen dataclass, whose every field is set through
    ``object.__setattr__``: the checks make tens of thousands of these per run.
    """

    __slots__ = ("dims", "display", "value")
    __match_args__ = ("value", "dims", "display")

    def __init__(self, value: float, dims: Dims = (), display: Dims = ()) -> None:
        self.value: Final = value
        self.dims: Final = dims
        self.display: Final = display

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Measure):
            return NotImplemented
        return (self.value, self.dims, self.display) == (other.value, other.dims, other.display)

    def __hash__(self) -> int:
        return hash((self.value, self.dims, self.display))

    def __repr__(self) -> str:
        return f"Measure(value={self.value!r}, dims={self.dims!r}, display={self.display!r})"

    def __mul__(self, other: Measure) -> Measure:
        return Measure(
            self.value * other.value, _merge(self.dims, other.dims, 1), _merge(self.display, other.display, 1)
        )

    def __truediv__(self, other: Measure) -> Measure:
        if other.value == 0:
            raise ZeroDivisionError("division by zero")
        return Measure(
            self.value / other.value,
            _merge(self.dims, other.dims, -1),
            _merge(self.display, other.display, -1),
        )

    def __add__(self, other: Measure) -> Measure:
        return Measure(self.value + other.value, *self._common(other))

    def __sub__(self, other: Measure) -> Measure:
        return Measure(self.value - other.value, *self._common(other))

    def __neg__(self) -> Measure:
        return Measure(-self.value, self.dims, self.display)

    def _common(self, other: Measure) -> tuple[Dims, Dims]:
        if self.dims == other.dims:
            return self.dims, self.display or other.display
        # A value that names no count (``12K/s``) adds to one that does (``reads/s``).
        if not has_counts(other.dims) and physical(self.dims) == other.dims:
            return self.dims, self.display
        if not has_counts(self.dims) and physical(other.dims) == self.dims:
            return other.dims, other.display
        raise DimensionError(f"cannot combine {describe(self)} with {describe(other)}")

    def with_value(self, value: float) -> Measure:
        return Measure(value, self.dims, self.display)

    def in_unit(self, unit: UnitInfo) -> float:
        """The magnitude expressed in ``unit`` (the caller has checked the dimensions)."""
        return self.value / unit.factor


def describe(measure: Measure) -> str:
    """A unit text for messages: ``loads/s``, ``bytes``, ``a plain number``."""
    from designlint.units.display import unit_text

    return unit_text(measure.display) or ("a plain number" if not measure.dims else _dims_text(measure.dims))


def _dims_text(dims: Dims) -> str:
    return "·".join(f"{k}^{v}" if v != 1 else k for k, v in dims)


class _UnitParser:
    """``loads/user/day``, ``USD/node/month``, ``cart reads per day``, ``s^2``, ``/(user·day)``."""

    def __init__(self, text: str, month_seconds: float):
        self.text = text
        self.month_seconds = month_seconds
        self.tokens = self._tokens(text)
        self.pos = 0

    @staticmethod
    def _tokens(text: str) -> list[tuple[str, str, bool]]:
        tokens: list[tuple[str, str, bool]] = []
        index = 0
        text = re.sub(r"(?<![A-Za-z])per(?![A-Za-z0-9_])", "/", text)
        while index < len(text):
            if text[index:].strip() == "":
                break
            match = _UNIT_TOKEN.match(text, index)
            if not match:
                raise UnitError(f"cannot read '{text[index:].strip()}' in unit '{text.strip()}'")
            kind = "word" if match["word"] else "op" if match["op"] else "int"
            # A space between two words is a qualifier (``cart reads``), between others nothing.
            gap = match.start(kind) > index
            tokens.append((kind, match[kind], gap))
            index = match.end()
        return tokens

    def peek(self):
        return self.tokens[self.pos] if self.pos < len(self.tokens) else (None, None, False)

    def parse(self) -> UnitInfo:
        kind, value, _ = self.peek()
        if kind == "int" and value == "1":
            self.pos += 1
            result = UnitInfo(1.0, (), ())
        elif kind == "op" and value == "/":
            result = UnitInfo(1.0, (), ())
        else:
            result = self.term()
        while self.pos < len(self.tokens):
            kind, value, _ = self.peek()
            if kind == "op" and value in "/*·×":
                self.pos += 1
                right = self.term()
                sign = -1 if value == "/" else 1
                result = UnitInfo(
                    result.factor * right.factor**sign,
                    _merge(result.dims, right.dims, sign),
                    _merge(result.display, right.display, sign),
                )
            elif kind == "op" and value == ")":
                return result
            else:
                raise UnitError(f"cannot read '{value}' in unit '{self.text.strip()}'")
        return result

    def term(self) -> UnitInfo:
        kind, value, _ = self.peek()
        if kind == "op" and value == "(":
            self.pos += 1
            inner = self.parse()
            if self.peek()[1] != ")":
                raise UnitError(f"unbalanced parentheses in unit '{self.text.strip()}'")
            self.pos += 1
            return self._power(inner)
        if kind != "word":
            raise UnitError(f"expected a unit in '{self.text.strip()}'")
        words = [resolve_word(value, self.month_seconds)]
        self.pos += 1
        while self.peek()[0] == "word" and self.peek()[2]:
            words.append(resolve_word(self.peek()[1], self.month_seconds))
            self.pos += 1
        # ``$0.20/million requests``: a number word scales what follows it and names nothing itself.
        scale = words.pop(0) if words[0].multiplier and len(words) > 1 else None
        misplaced = next((w for w in words if w.multiplier), None)
        if misplaced is not None:
            raise UnitError(
                f"'{misplaced.symbol}' must come right after the number or before what it counts, "
                f"in unit '{self.text.strip()}'"
            )
        measured = [w for w in words if not w.count]
        # ``GB RAM`` is gigabytes; ``cart reads`` counts reads: qualifiers are dropped.
        chosen = measured if measured and len(measured) < len(words) else measured or [words[-1]]
        info = UnitInfo(scale.factor if scale else 1.0, (), ())
        for word in chosen:
            info = UnitInfo(
                info.factor * word.factor,
                _merge(info.dims, word.dims, 1),
                _merge(info.display, ((word.symbol, 1),), 1),
            )
        return self._power(info)

    def _power(self, info: UnitInfo) -> UnitInfo:
        if self.peek()[1] != "^":
            return info
        self.pos += 1
        kind, value, _ = self.peek()
        if kind != "int":
            raise UnitError(f"expected a whole exponent in unit '{self.text.strip()}'")
        self.pos += 1
        exp = int(value)
        if not -6 <= exp <= 6:
            raise UnitError(f"exponent {exp} is out of range in unit '{self.text.strip()}'")
        return UnitInfo(
            info.factor**exp,
            tuple((k, v * exp) for k, v in info.dims if v * exp),
            tuple((k, v * exp) for k, v in info.display if v * exp),
        )


@functools.lru_cache(maxsize=4096)
def resolve_unit(text: str, month_seconds: float = DEFAULT_MONTH_SECONDS) -> UnitInfo:
    """Read a unit text such as ``loads/user/day`` or ``USD/GB/month``; raise UnitError if it cannot be read."""
    stripped = text.strip()
    if not stripped:
        return UnitInfo(1.0, (), ())
    if len(stripped) > 200:
        raise UnitError("unit text is too long")
    code = CURRENCY_CODES.get(stripped[0])
    if code:  # "$/month" written as a unit
        stripped = code + stripped[1:]
    parser = _UnitParser(stripped, month_seconds)
    info = parser.parse()
    if parser.pos != len(parser.tokens):
        raise UnitError(f"unbalanced parentheses in unit '{stripped}'")
    return info


def measure(magnitude: float, unit: str = "", month_seconds: float = DEFAULT_MONTH_SECONDS) -> Measure:
    info = resolve_unit(unit, month_seconds)
    return Measure(magnitude * info.factor, info.dims, info.display)


# A value in base units lies within these (or is zero); see MAX_MAGNITUDE.
_SMALLEST_BASE = 1 / MAX_MAGNITUDE**2
_LARGEST_BASE = MAX_MAGNITUDE**2


def from_quantity(
    quantity, month_seconds: float = DEFAULT_MONTH_SECONDS, *, use_low: bool = False
) -> Measure:
    """A model ``Quantity`` as a Measure; a range gives its midpoint unless ``use_low``."""
    magnitude = quantity.magnitude
    low = quantity.low
    if low is not None:
        magnitude = low if use_low else (low + magnitude) / 2
    if not math.isfinite(magnitude):
        raise UnitError("the number is not finite")
    if magnitude == 0:  # 0.0 and -0.0 are equal keys but different values: made each time
        info = resolve_unit(quantity.unit, month_seconds)
        return Measure(magnitude * info.factor, info.dims, info.display)
    found = _in_base_units(magnitude, quantity.unit, month_seconds)
    if found is None:
        raise UnitError(f"'{quantity}' is out of range in base units")
    return found


@functools.lru_cache(maxsize=4096)
def _in_base_units(magnitude: float, unit: str, month_seconds: float) -> Measure | None:
    """A magnitude in a unit as a Measure, made once (None when out of range in base units).

    The analyses of a design read most of its quantities several times, and designs share their
    spellings (``99.9%``, ``300 ms``). A Measure is never changed, so one serves every reader.
    """
    info = resolve_unit(unit, month_seconds)
    value = magnitude * info.factor
    # Not finite (inf, nan) fails the range test too.
    if value != 0 and not _SMALLEST_BASE <= abs(value) <= _LARGEST_BASE:
        return None
    return Measure(value, info.dims, info.display)


def month_seconds_of(design) -> float:
    """The design's month: ``cost.hoursPerMonth`` when declared, else 730 hours."""
    cost = getattr(design, "cost", None)
    declared = getattr(cost, "hours_per_month", None) if cost is not None else None
    if declared is not None:
        try:
            value = from_quantity(declared)
        except UnitError:
            return DEFAULT_MONTH_SECONDS
        if value.dims == (("second", 1),) and value.value > 0:
            return value.value
        if not value.dims and value.value > 0:  # "730" means hours
            return value.value * SECONDS_PER_HOUR
    return DEFAULT_MONTH_SECONDS
