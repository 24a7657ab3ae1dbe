"""Showing values the way engineers write them: ``~11.6K loads/s``, ``35 TB``, ``43.2 min``, ``$1,135/month``.

Everything produced here reads back through :func:`designlint.model.parse_quantity` to the
value shown (a property test holds it to that).
"""

from __future__ import annotations

import functools
import math

from designlint.units.definitions import Dims, UnitError, parts_of, plural, resolve_word
from designlint.units.measure import DEFAULT_MONTH_SECONDS, Measure, UnitInfo, resolve_unit

CURRENCY_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}
_COUNT_SUFFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
_DECIMAL_PREFIXES = ("", "K", "M", "G", "T", "P", "E")
_BINARY_PREFIXES = ("", "Ki", "Mi", "Gi", "Ti", "Pi")
_TIME_UNITS = ("ms", "s", "min", "h", "day")
BITS_PER_BYTE = 8.0


def unit_text(display: Dims, count: float | None = None) -> str:
    """``(('load', 1), ('second', -1))`` → ``loads/s``; counts are plural unless ``count`` is 1."""
    return _unit_text(display, count == 1)


@functools.lru_cache(maxsize=1024)
def _unit_text(display: Dims, singular: bool) -> str:
    numerator: list[str] = []
    denominator: list[str] = []
    for symbol, exp in sorted(display, key=lambda item: (item[1] < 0, _order(item[0]))):
        word = symbol
        if exp > 0 and _is_count_symbol(symbol) and not singular:
            word = plural(symbol)
        power = f"^{abs(exp)}" if abs(exp) != 1 else ""
        (numerator if exp > 0 else denominator).append(word + power)
    text = "·".join(numerator)
    for word in denominator:
        text += "/" + word
    return text


def _order(symbol: str) -> tuple[int, str]:
    # Money first, then counts and data, then time: "$/node/month", "loads/user/day".
    if symbol in CURRENCY_SYMBOLS:
        return (0, "")
    word = resolve_word(symbol)
    if word.dims == (("second", 1),):
        return (3, "")
    return (1 if word.count else 2, "")


def _is_count_symbol(symbol: str) -> bool:
    try:
        return resolve_word(symbol).count
    except UnitError:
        return False


@functools.lru_cache(maxsize=1024)
def reduce_display(display: Dims, month_seconds: float = DEFAULT_MONTH_SECONDS) -> Dims:
    """Cancel unit words of the same kind: ``TB·node/GB`` → ``node``, ``%·min`` → ``min``; keep ``h/year``.

    Compound words are taken apart when that cancels more (``GB·node/(Gbps·s)`` → ``node``), and
    kept otherwise (``QPS`` stays ``QPS``).
    """
    kept = _reduce(display, month_seconds)
    expanded = _expand(display)
    if expanded != display:
        simpler = _reduce(expanded, month_seconds)
        if sum(abs(exp) for _, exp in simpler) < sum(abs(exp) for _, exp in kept):
            return simpler
    return kept


def _expand(display: Dims) -> Dims:
    merged: dict[str, int] = {}
    for symbol, exp in display:
        for part, power in parts_of(symbol) or ((symbol, 1),):
            merged[part] = merged.get(part, 0) + power * exp
    return tuple(sorted((k, v) for k, v in merged.items() if v))


def _reduce(display: Dims, month_seconds: float) -> Dims:
    groups: dict[Dims, list[tuple[str, int]]] = {}
    for symbol, exp in display:
        groups.setdefault(resolve_word(symbol, month_seconds).dims, []).append((symbol, exp))
    kept: list[tuple[str, int]] = []
    cancelled: list[tuple[str, int]] = []
    for dims, words in groups.items():
        if not dims:
            continue  # percent and multipliers are ratios, not units of the result
        net = sum(exp for _, exp in words)
        if len(words) == 1:
            kept.extend(words)
        elif net == 0:
            cancelled.extend(words)
        else:
            best = max(words, key=lambda item: item[1] * (1 if net > 0 else -1))
            kept.append((best[0], net))
    if not kept:
        kept = cancelled  # "h/year" stays a ratio of times rather than a bare number
    return tuple(sorted(kept))


def format_number(
    value: float, *, significant: int = 3, suffixes: bool = True, grouping: bool = False
) -> str:
    if value == 0:
        return "0"
    if not math.isfinite(value):
        raise ValueError("not a finite number")
    sign = "-" if value < 0 else ""
    value = abs(value)
    suffix = ""
    if suffixes:
        for size, letter in _COUNT_SUFFIXES:
            if value >= size:
                value, suffix = value / size, letter
                break
    rounded = float(f"{value:.{significant}g}")
    if rounded >= 10**significant or (grouping and rounded >= 1000):
        text = f"{rounded:,.0f}" if grouping else f"{rounded:.0f}"
    elif rounded < 1e-6:
        text = f"{rounded:.{significant - 1}e}"
    else:
        decimals = max(0, significant - 1 - math.floor(math.log10(rounded)))
        text = f"{rounded:.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{rounded:.0f}"
    return sign + text + suffix


def _compact(value: float, display: Dims, month_seconds: float) -> tuple[float, Dims]:
    """Pick a prefix or time unit that keeps the number readable: 8e9 KB → 8 TB, 2592 s → 43.2 min."""
    data = [
        (symbol, exp)
        for symbol, exp in display
        if exp == 1 and resolve_word(symbol, month_seconds).dims == (("byte", 1),)
    ]
    if len(data) == 1:
        symbol = data[0][0]
        word = resolve_word(symbol, month_seconds)
        base_value = value * word.factor
        binary = symbol[1:2] == "i"
        prefixes, step = (_BINARY_PREFIXES, 1024.0) if binary else (_DECIMAL_PREFIXES, 1000.0)
        unit = "b" if word.bits else "B"
        if word.bits:
            base_value *= BITS_PER_BYTE
        if symbol.endswith("bps"):
            return value, display  # a rate written as one word keeps its word
        index = 0
        while index + 1 < len(prefixes) and abs(base_value) >= step ** (index + 1):
            index += 1
        rest = tuple(item for item in display if item[0] != symbol)
        return base_value / step**index, tuple(sorted(((prefixes[index] + unit, 1), *rest)))
    if len(display) != 1 or display[0][1] != 1:
        return value, display
    symbol = display[0][0]
    word = resolve_word(symbol, month_seconds)
    if word.dims == (("second", 1),) and not 1 <= abs(value) < 1000 and symbol in _TIME_UNITS:
        base_value = value * word.factor
        chosen = _TIME_UNITS[0]
        for candidate in _TIME_UNITS:
            if abs(base_value) >= resolve_word(candidate).factor:
                chosen = candidate
        return base_value / resolve_word(chosen).factor, ((chosen, 1),)
    return value, display


def format_measure(
    measure: Measure,
    unit: str | None = None,
    *,
    month_seconds: float = DEFAULT_MONTH_SECONDS,
    mark_approximate: bool = True,
) -> str:
    """The measure as quantity text, in ``unit`` when given (its dimensions must agree) or in its own units."""
    if unit is not None:
        info = resolve_unit(unit, month_seconds)
        display = info.display
        value = measure.value / info.factor
    else:
        display = reduce_display(measure.display, month_seconds)
        if not display and not measure.dims:
            # A ratio written in percent (or as a multiplier) stays that way.
            display = next(((item,) for item in (("%", 1), ("x", 1)) if item in measure.display), ())
        info = _info(display, month_seconds)
        value = measure.value / info.factor
        value, display = _compact(value, display, month_seconds)
    return _render(value, display, mark_approximate)


@functools.lru_cache(maxsize=1024)
def _info(display: Dims, month_seconds: float) -> UnitInfo:
    factor = 1.0
    dims: dict[str, int] = {}
    for symbol, exp in display:
        word = resolve_word(symbol, month_seconds)
        factor *= word.factor**exp
        for base, power in word.dims:
            dims[base] = dims.get(base, 0) + power * exp
    return UnitInfo(factor, tuple(sorted((k, v) for k, v in dims.items() if v)), display)


def _render(value: float, display: Dims, mark_approximate: bool) -> str:
    currency = next((s for s, e in display if s in CURRENCY_SYMBOLS and e == 1), None)
    rest = tuple(item for item in display if item[0] != currency)
    is_ratio = not display
    if currency:
        number = format_number(value, significant=4, suffixes=abs(value) >= 1e6, grouping=True)
    else:
        counts_only = all(_is_count_symbol(s) for s, _ in rest if _ > 0)
        number = format_number(value, suffixes=counts_only and abs(value) >= 1e4)
    shown = _parse_back(number)
    exact = shown == value or (value != 0 and abs(shown - value) / abs(value) < 1e-9)
    text_unit = unit_text(rest, count=shown)
    if currency:
        text = f"{CURRENCY_SYMBOLS[currency]}{number}{text_unit if text_unit.startswith('/') or not text_unit else ' ' + text_unit}"
    elif is_ratio:
        text = number
    elif text_unit in ("%", "x") or text_unit.startswith("/"):
        text = number + text_unit
    else:
        text = f"{number} {text_unit}"
    return ("~" if mark_approximate and not exact else "") + text


def _parse_back(number: str) -> float:
    multiplier = 1.0
    for size, letter in _COUNT_SUFFIXES:
        if number.endswith(letter):
            number, multiplier = number[:-1], size
            break
    return float(number.replace(",", "")) * multiplier
