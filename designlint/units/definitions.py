"""The project's units, written once in pint's definition syntax, and a resolver for unit words.

The same text builds the pint registry (:mod:`designlint.units.pint_bridge`) and the table the
checks use. ``designlint check`` resolves words through the table: importing pint and building
a registry costs about 130 ms, far more than checking a design, and a test keeps the two in
agreement for every unit, alias, prefix and plural defined here.

Counts are dimensions of their own (users, loads, writes...), so ``users * loads/user/day`` is
``loads/day`` and adding users to bytes is an error. Any other word of three or more letters
counts things of that name (``follows``, ``vCPU``). A bit is an eighth of a byte, so ``GB/s``
against ``Gbps`` converts (and a value that carries bits over as bytes is off by exactly 8).
``month`` is the design's own convention (730 hours unless the design declares another);
``month_730h`` and ``month_30d`` are explicit.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from designlint.units.multipliers import number_word, unsupported_word

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

# Data: a bit is an eighth of a byte; NIC speeds in Gbps convert to GB/s.
byte = [data] = B
bit = byte / 8 = b
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
    """A resolved unit word: ``factor`` times ``dims`` in base units, shown as ``symbol``.

    ``bits`` marks data counted in bits (``Gb``, ``Gbps``); ``multiplier`` a number word inside a
    unit (``$0.20/million requests``), which has no dimensions and must precede what it counts.
    """

    symbol: str
    factor: float
    dims: Dims
    count: bool = False
    bits: bool = False
    multiplier: bool = False


@dataclass(frozen=True, eq=False)
class UnitTable:
    prefixes: dict[str, float]
    prefix_symbols: dict[str, str]  # every prefix spelling -> the symbol results are shown with
    units: dict[str, tuple[float, Dims, str]]  # canonical name -> (factor, dims, display symbol)
    aliases: dict[str, str]  # every accepted spelling -> canonical name
    bit_units: frozenset[str]  # canonical names of units counted in bits
    parts: dict[str, Dims]  # units defined as a plain product of others -> their symbols (bps: b/s)


def _number(text: str) -> float:
    if not re.fullmatch(r"\d+(\.\d+)?([eE][-+]?\d+)?", text):
        raise UnitError(f"bad number '{text}' in unit definitions")
    return float(text)


def _definition_value(
    expr: str, units: dict[str, tuple[float, Dims, str]]
) -> tuple[float, Dims, list[tuple[str, int]]]:
    """``60 * second``, ``query / second``, ``0.01``: products and quotients of numbers and units.

    Also returns the units named, with their exponents, in the order written.
    """
    factor = 1.0
    dims: dict[str, int] = {}
    named: list[tuple[str, int]] = []
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
        named.append((token, sign))
        factor = factor * unit_factor if sign > 0 else factor / unit_factor
        for name, exp in unit_dims:
            dims[name] = dims.get(name, 0) + sign * exp
    return factor, tuple(sorted((k, v) for k, v in dims.items() if v)), named


@functools.cache
def unit_table() -> UnitTable:
    prefixes: dict[str, float] = {}
    prefix_symbols: dict[str, str] = {}
    units: dict[str, tuple[float, Dims, str]] = {}
    aliases: dict[str, str] = {}
    bit_units: set[str] = set()
    parts: dict[str, Dims] = {}
    for raw in DEFINITIONS.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        fields = [part.strip() for part in line.split(" = ")]
        if fields[0].endswith("-"):
            value = _number(fields[1])
            spellings = [name[:-1] for name in (fields[0], *fields[2:])]
            for name in spellings:
                prefixes[name] = value
                prefix_symbols[name] = spellings[1] if len(spellings) > 1 else spellings[0]
            continue
        name, definition, *spellings = fields
        dims: Dims
        if definition.startswith("["):
            factor, dims = 1.0, ((name, 1),)
        else:
            factor, dims, named = _definition_value(definition, units)
            if any(unit == "bit" or unit in bit_units for unit, _ in named) or name == "bit":
                bit_units.add(name)
            if len(named) > 1 and not any(token[0].isdigit() for token in definition.split()):
                parts[name] = tuple((units[unit][2], exp) for unit, exp in named)
        symbol = spellings[0] if spellings and spellings[0] != "_" else name
        units[name] = (factor, dims, symbol)
        aliases[name] = name
        for spelling in spellings:
            if spelling != "_":
                aliases[spelling] = name
    return UnitTable(prefixes, prefix_symbols, units, aliases, frozenset(bit_units), parts)


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


MIN_COUNT_NOUN = 3
"""A word counts things when its singular has at least this many letters (``users``, ``vCPU``)."""


@functools.lru_cache(maxsize=2048)
def resolve_word(word: str, month_seconds: float = HOURS_730 * SECONDS_PER_HOUR) -> Word:
    """One unit word: a defined unit or alias (plural allowed), a prefixed time/data unit, or a count."""
    if word in MONTH_WORDS:
        return Word("month", month_seconds, (("second", 1),))
    table = unit_table()
    name = _known(table, word)
    if name is not None:
        factor, dims, symbol = table.units[name]
        return Word(
            symbol, factor, dims, count=not _physical(dims) and bool(dims), bits=name in table.bit_units
        )
    for prefix in _prefixes_longest_first(table):
        if len(word) > len(prefix) and word.startswith(prefix):
            name = _known(table, word[len(prefix) :])
            if name is not None and _physical(table.units[name][1]):
                factor, dims, symbol = table.units[name]
                return Word(
                    _prefix_symbol(table, prefix) + symbol,
                    table.prefixes[prefix] * factor,
                    dims,
                    bits=name in table.bit_units,
                )
    scale = number_word(word)
    if scale is not None:
        return Word(word, scale, (), multiplier=True)
    if unsupported_word(word):
        raise UnitError(
            f"'{word}' is not a number word designlint reads: write 200M, 200 million or 200000000"
        )
    if word.istitle() and word.lower() != word:
        return resolve_word(word.lower(), month_seconds)  # "Users" is "users"
    if word.isascii() and word.isalpha():
        noun = singular(word)
        if len(noun) >= MIN_COUNT_NOUN:
            return Word(noun, 1.0, ((noun, 1),), count=True)
    raise UnitError(
        f"'{word}' is not a unit designlint knows (name what is counted in {MIN_COUNT_NOUN} or more letters)"
    )


def parts_of(symbol: str) -> Dims | None:
    """The symbols a compound unit is made of, prefix kept on the first: ``Gbps`` → Gb/s, ``QPS`` → query/s."""
    table = unit_table()
    name = _known(table, symbol)
    prefix = ""
    if name is None:
        for candidate in _prefixes_longest_first(table):
            if len(symbol) > len(candidate) and symbol.startswith(candidate):
                name = _known(table, symbol[len(candidate) :])
                if name is not None:
                    prefix = _prefix_symbol(table, candidate)
                    break
    found = table.parts.get(name) if name is not None else None
    if found is None:
        return None
    (first, exp), *rest = found
    return ((prefix + first, exp), *rest)


def is_count(base: str) -> bool:
    return base not in PHYSICAL
