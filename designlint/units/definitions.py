"""The project's units, written once in pint's definition syntax, and a resolver for unit words.

The same text builds the pint registry (:mod:`designlint.units.pint_bridge`) and the table the
checks use. ``designlint check`` resolves words through the table: importing pint and building
a registry costs about 130 ms, far more than checking a design, and a test keeps the two in
agreement for every unit, alias, prefix and plural defined here.

Counts are dimensions of their own (users, loads, writes...), so ``users * loads/user/day`` is
``loads/day`` and adding users to bytes is an error. Any other word of three or more letters
counts things of that name (``follows``, ``vCPU``). Bytes and bits are different dimensions:
``GB`` against ``Gb`` is a mismatch, not a silent factor of 8. ``month`` is the design's own
convention (730 hours unless the design declares another); ``month_730h`` and ``month_30d``
are explicit.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

DEFINITIONS = """
# Prefixes apply to time, data and rate units. K is kilo as engineers write it (KB).
nano- = 1e-9 = n-
micro- = 1e-6 = µ- = u-
milli- = 1e-3 = m-
kilo- = 1e3 = K- = k-
mega- = 1e6 = M-
giga- = 1e9 = G-
tera- = 1e12 = T-
peta- = 1e15 = P-
exa- = 1e18 = E-
kibi- = 1024 = Ki-
mebi- = 1048576 = Mi-
gibi- = 1073741824 = Gi-
tebi- = 1099511627776 = Ti-
pebi- = 1125899906842624 = Pi-

# Time. A year is 365 days (8,760 h, twelve 730-hour months).
second = [time] = s = sec
minute = 60 * second = min
hour = 60 * minute = h = hr
day = 24 * hour = _ = d
week = 7 * day = _ = wk
year = 365 * day = _ = yr
month_730h = 730 * hour
month_30d = 30 * day

# Data: bytes and bits are kept apart on purpose.
byte = [data] = B
bit = [bit_data] = b
bps = bit / second

# Money, one dimension per currency (no exchange rates).
USD = [usd]
EUR = [eur]
GBP = [gbp]

# Ratios.
percent = 0.01 = %
multiplier = 1 = x = times

# Counts: each is its own dimension.
request = [request] = _ = req
user = [user]
item = [item]
load = [load]
post = [post]
write = [write]
read = [read]
session = [session]
event = [event]
op = [op] = _ = ops = operation
query = [query] = _ = queries
follower = [follower]
node = [node]
message = [message] = _ = msg
transaction = [transaction] = _ = txn
io = [io]

# Rates engineers write as one word.
QPS = query / second = qps
RPS = request / second = rps
TPS = transaction / second = tps
IOPS = io / second = iops
"""

PHYSICAL = frozenset({"second", "byte", "bit", "USD", "EUR", "GBP"})
"""Base units that measure something; every other base unit counts things."""

MONTH_WORDS = frozenset({"month", "months", "mo", "mth"})
HOURS_730 = 730.0
SECONDS_PER_HOUR = 3600.0

Dims = tuple[tuple[str, int], ...]
"""Exponents of base units, sorted by name, without zeros: ``(('load', 1), ('second', -1))``."""


class UnitError(ValueError):
    """A unit word or expression that cannot be read."""


@dataclass(frozen=True, slots=True)
class Word:
    """A resolved unit word: ``factor`` times ``dims`` in base units, shown as ``symbol``."""

    symbol: str
    factor: float
    dims: Dims
    count: bool = False


@dataclass(frozen=True, eq=False)
class UnitTable:
    prefixes: dict[str, float]
    prefix_symbols: dict[str, str]  # every prefix spelling -> the symbol results are shown with
    units: dict[str, tuple[float, Dims, str]]  # canonical name -> (factor, dims, display symbol)
    aliases: dict[str, str]  # every accepted spelling -> canonical name


def _number(text: str) -> float:
    if not re.fullmatch(r"\d+(\.\d+)?([eE][-+]?\d+)?", text):
        raise UnitError(f"bad number '{text}' in unit definitions")
    return float(text)


def _definition_value(expr: str, units: dict[str, tuple[float, Dims, str]]) -> tuple[float, Dims]:
    """``60 * second``, ``query / second``, ``0.01``: products and quotients of numbers and units."""
    factor = 1.0
    dims: dict[str, int] = {}
    op = "*"
    for token in expr.split():
        if token in ("*", "/"):
            op = token
            continue
        sign = 1 if op == "*" else -1
        if token[0].isdigit():
            value = _number(token)
            factor = factor * value if sign > 0 else factor / value
            continue
        unit_factor, unit_dims, _ = units[token]
        factor = factor * unit_factor if sign > 0 else factor / unit_factor
        for name, exp in unit_dims:
            dims[name] = dims.get(name, 0) + sign * exp
    return factor, tuple(sorted((k, v) for k, v in dims.items() if v))


@functools.cache
def unit_table() -> UnitTable:
    prefixes: dict[str, float] = {}
    prefix_symbols: dict[str, str] = {}
    units: dict[str, tuple[float, Dims, str]] = {}
    aliases: dict[str, str] = {}
    for raw in DEFINITIONS.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        parts = [part.strip() for part in line.split(" = ")]
        if parts[0].endswith("-"):
            value = _number(parts[1])
            spellings = [name[:-1] for name in (parts[0], *parts[2:])]
            for name in spellings:
                prefixes[name] = value
                prefix_symbols[name] = spellings[1] if len(spellings) > 1 else spellings[0]
            continue
        name, definition, *spellings = parts
        dims: Dims
        if definition.startswith("["):
            factor, dims = 1.0, ((name, 1),)
        else:
            factor, dims = _definition_value(definition, units)
        symbol = spellings[0] if spellings and spellings[0] != "_" else name
        units[name] = (factor, dims, symbol)
        aliases[name] = name
        for spelling in spellings:
            if spelling != "_":
                aliases[spelling] = name
    return UnitTable(prefixes, prefix_symbols, units, aliases)


def singular(word: str) -> str:
    """``queries`` → ``query``, ``boxes`` → ``box``, ``loads`` → ``load``; other words unchanged."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def plural(word: str) -> str:
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _known(table: UnitTable, word: str) -> str | None:
    name = table.aliases.get(word)
    if name is None and len(word) > 1 and word.endswith("s"):
        name = table.aliases.get(word[:-1])  # pint's plural rule: a trailing 's'
    if name is None:
        stem = singular(word)
        name = table.aliases.get(stem) if stem != word else None
    return name


@functools.cache
def _prefixes_longest_first(table: UnitTable) -> tuple[str, ...]:
    return tuple(sorted(table.prefixes, key=lambda p: (-len(p), p)))


def _prefix_symbol(table: UnitTable, prefix: str) -> str:
    """``kilo`` and ``k`` show as ``K``, ``micro`` and ``u`` as ``µ``: the prefix's first symbol."""
    return table.prefix_symbols.get(prefix, prefix)


def _physical(dims: Dims) -> bool:
    return any(base in PHYSICAL for base, _ in dims)


@functools.lru_cache(maxsize=2048)
def resolve_word(word: str, month_seconds: float = HOURS_730 * SECONDS_PER_HOUR) -> Word:
    """One unit word: a defined unit or alias (plural allowed), a prefixed time/data unit, or a count."""
    if word in MONTH_WORDS:
        return Word("month", month_seconds, (("second", 1),))
    table = unit_table()
    name = _known(table, word)
    if name is not None:
        factor, dims, symbol = table.units[name]
        return Word(symbol, factor, dims, count=not _physical(dims) and bool(dims))
    for prefix in _prefixes_longest_first(table):
        if len(word) > len(prefix) and word.startswith(prefix):
            name = _known(table, word[len(prefix) :])
            if name is not None and _physical(table.units[name][1]):
                factor, dims, symbol = table.units[name]
                return Word(_prefix_symbol(table, prefix) + symbol, table.prefixes[prefix] * factor, dims)
    if word.istitle() and word.lower() != word:
        return resolve_word(word.lower(), month_seconds)  # "Users" is "users"
    if len(word) >= 3 and word.isalpha():
        noun = singular(word)
        return Word(noun, 1.0, ((noun, 1),), count=True)
    raise UnitError(f"'{word}' is not a unit designlint knows")


def is_count(base: str) -> bool:
    return base not in PHYSICAL
