"""Formulas in designs, read by a small parser of our own and evaluated over values with units.

    feed_loads_per_day / (86400 s/day)
    (100% - feed_availability) * 30 day * 1440 min/day
    ceil(cache_memory_active / cache_node_memory)

The language: quantity names; numbers (ASCII digits) with an optional count multiplier (``1B``,
``86.4K``, ``1.5 billion``; see :mod:`designlint.units.multipliers`), an optional currency sign (``$0.48``) and a unit written right after them (``86400 s/day``,
``100 bytes/item``, ``99.9%``, ``$0.48/h``; a space ends the unit); ``+ - * /``; parentheses; and the
functions ``min``, ``max``, ``ceil``, ``floor`` and ``round``. Nothing is ever handed to
``eval``; length and nesting are bounded; any input that is not a formula raises
:class:`FormulaError` with the 0-based offset of the offending character, and nothing else.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Container
from typing import NamedTuple

from designlint.units.definitions import UnitError
from designlint.units.measure import (
    CURRENCY_CODES,
    DEFAULT_MONTH_SECONDS,
    MAX_MAGNITUDE,
    DimensionError,
    Measure,
    measure,
)
from designlint.units.multipliers import read_multiplier

MAX_LENGTH = 1000
MAX_DEPTH = 40
MAX_TOKENS = 400
FUNCTIONS = ("min", "max", "ceil", "floor", "round")
_DIGITS = frozenset("0123456789")

# ASCII digits only: ``\d`` would also take ``١`` or ``𝟏``, which float() reads without a word.
_NUMBER = re.compile(r"(?:[0-9]++(?:\.[0-9]++)?|\.[0-9]++)(?:[eE][-+]?[0-9]++)?")
_UNIT = re.compile(r"(?:[A-Za-zµ_][A-Za-z0-9µ_]*+|%)(?:[/·][A-Za-zµ_][A-Za-z0-9µ_]*+|\^-?[0-9])*+")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*+")
_CALL = re.compile(r"\s*+\(")


class FormulaError(ValueError):
    """A formula that cannot be read or evaluated; ``offset`` is the 0-based column in the formula."""

    def __init__(self, message: str, offset: int = 0, length: int = 1, kind: str = "formula"):
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.length = max(1, length)
        self.kind = kind  # "formula", "unit" (dimensions disagree) or "unreadable-unit"

    def __str__(self) -> str:
        return f"{self.message} (column {self.offset + 1})"


class Token(NamedTuple):  # a named tuple: cheaper to define at start-up than a dataclass
    kind: str  # number, name, op, end
    text: str
    offset: int
    value: float = 0.0
    unit: str = ""
    unit_offset: int = 0


# Syntax tree: tuples, immutable and cheap to cache.
#   ("num", offset, value, unit, unit_offset)   ("name", offset, name)
#   ("neg", offset, operand)   ("bin", offset, op, left, right)   ("call", offset, function, args)


def _tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    index, end = 0, len(text)
    while index < end:
        char = text[index]
        if char.isspace():
            index += 1
            continue
        if len(tokens) >= MAX_TOKENS:
            raise FormulaError(f"formula has more than {MAX_TOKENS} tokens", index)
        _refuse_foreign_digit(text, index)
        currency = CURRENCY_CODES.get(char)
        if currency or char in _DIGITS or (char == "." and index + 1 < end and text[index + 1] in _DIGITS):
            token, index = _number_token(text, index, currency)
            tokens.append(token)
        elif char.isascii() and (char.isalpha() or char == "_"):
            match = _NAME.match(text, index)
            assert match is not None  # an ASCII letter or "_" always starts a name
            name = match.group()
            if name not in FUNCTIONS and _CALL.match(text, match.end()):
                # Reported here, before whatever follows it, so `__import__('os')` reads as what it is.
                raise FormulaError(
                    f"unknown function '{name}' (formulas may use {', '.join(FUNCTIONS)})", index, len(name)
                )
            tokens.append(Token("name", name, index))
            index = match.end()
        elif text.startswith("**", index):
            raise FormulaError("powers ('**') are not supported; multiply instead", index, 2)
        elif char in "+-*/(),":
            tokens.append(Token("op", char, index))
            index += 1
        elif char == ".":
            raise FormulaError("attribute access is not allowed in formulas", index)
        else:
            raise FormulaError(f"unexpected character '{char}'", index)
    tokens.append(Token("end", "", end))
    return tokens


def _refuse_foreign_digit(text: str, index: int) -> None:
    """``١``, ``𝟏`` and ``²`` look like digits (and float() reads some of them): name them precisely."""
    char = text[index]
    if not char.isascii() and (char.isdigit() or char.isnumeric()):
        raise FormulaError(
            f"'{char}' (U+{ord(char):04X}) is not a digit designlint reads: write numbers with 0-9", index
        )


def _number_token(text: str, start: int, currency: str | None) -> tuple[Token, int]:
    """A number with its count suffix and unit; returns the token and where the next one starts."""
    index = start + (1 if currency else 0)
    if index < len(text):
        _refuse_foreign_digit(text, index)
    match = _NUMBER.match(text, index)
    if match is None:
        found = f"'{text[index]}'" if index < len(text) else "the end of the formula"
        raise FormulaError(f"expected a number after the currency sign but found {found}", index)
    try:
        value = float(match.group())
    except (ValueError, OverflowError):
        raise FormulaError("number out of range", index, match.end() - index) from None
    position = match.end()
    multiplier = read_multiplier(text, position)
    if multiplier is not None:
        value *= multiplier.factor
        position = multiplier.end
    if not math.isfinite(value) or (value != 0 and not 1 / MAX_MAGNITUDE <= abs(value) <= MAX_MAGNITUDE):
        raise FormulaError(
            "number out of range (designlint reads magnitudes from 1e-100 to 1e100)", index, position - index
        )
    number_text = text[start:position]
    unit_start = position
    while unit_start < len(text) and text[unit_start] == " ":
        unit_start += 1
    unit_match = _UNIT.match(text, unit_start)
    unit, unit_offset, after = "", position, position
    if unit_match:
        unit, unit_offset, after = unit_match.group(), unit_start, unit_match.end()
    elif currency and text.startswith("/", position):  # a price: "$0.48/h"
        per = _UNIT.match(text, position + 1)
        if per:
            unit, unit_offset, after = "/" + per.group(), position, per.end()
    if currency:
        unit = currency + (unit if not unit or unit.startswith("/") else "·" + unit)
    return Token("number", number_text, start, value, unit, unit_offset), after


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokenize(text)
        self.pos = 0
        self.depth = 0

    def peek(self) -> Token:
        return self.tokens[self.pos]

    def take(self) -> Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def expect(self, text: str) -> Token:
        token = self.peek()
        if token.text != text or token.kind != "op":
            found = f"'{token.text}'" if token.kind != "end" else "the end of the formula"
            raise FormulaError(f"expected '{text}' but found {found}", token.offset)
        return self.take()

    def enter(self, token: Token) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise FormulaError(f"formula is nested more than {MAX_DEPTH} levels deep", token.offset)

    def expression(self):
        self.enter(self.peek())
        node = self.term()
        while self.peek().kind == "op" and self.peek().text in "+-":
            op = self.take()
            node = ("bin", op.offset, op.text, node, self.term())
        self.depth -= 1
        return node

    def term(self):
        node = self.unary()
        while self.peek().kind == "op" and self.peek().text in "*/":
            op = self.take()
            node = ("bin", op.offset, op.text, node, self.unary())
        return node

    def unary(self):
        token = self.peek()
        if token.kind == "op" and token.text in "+-":
            self.take()
            self.enter(token)
            operand = self.unary()
            self.depth -= 1
            return ("neg", token.offset, operand) if token.text == "-" else operand
        return self.primary()

    def primary(self):
        token = self.take()
        if token.kind == "number":
            return ("num", token.offset, token.value, token.unit, token.unit_offset)
        if token.kind == "name":
            if self.peek().kind == "op" and self.peek().text == "(":
                return self.call(token)
            return ("name", token.offset, token.text)
        if token.kind == "op" and token.text == "(":
            node = self.expression()
            self.expect(")")
            return node
        if token.kind == "end":
            raise FormulaError("the formula ends where a value was expected", token.offset)
        raise FormulaError(f"expected a value but found '{token.text}'", token.offset)

    def call(self, name: Token):
        if name.text not in FUNCTIONS:
            raise FormulaError(
                f"unknown function '{name.text}' (formulas may use {', '.join(FUNCTIONS)})",
                name.offset,
                len(name.text),
            )
        self.take()  # "("
        args = [] if self.peek().text == ")" and self.peek().kind == "op" else [self.expression()]
        while self.peek().kind == "op" and self.peek().text == ",":
            self.take()
            args.append(self.expression())
        self.expect(")")
        wanted = (1, 1) if name.text in ("ceil", "floor", "round") else (1, 64)
        if not wanted[0] <= len(args) <= wanted[1]:
            raise FormulaError(
                f"{name.text}() takes {'one value' if wanted[1] == 1 else 'one or more values'}",
                name.offset,
                len(name.text),
            )
        return ("call", name.offset, name.text, tuple(args))


@functools.lru_cache(maxsize=4096)
def parse(text: str):
    """The syntax tree of a formula, or FormulaError."""
    if not isinstance(text, str):
        raise FormulaError("a formula is text")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"formula is longer than {MAX_LENGTH} characters", MAX_LENGTH)
    if not text.strip():
        raise FormulaError("the formula is empty", 0)
    parser = _Parser(text)
    node = parser.expression()
    token = parser.peek()
    if token.kind != "end":
        if token.kind == "op" and token.text == ")":
            raise FormulaError("unbalanced ')'", token.offset)
        raise FormulaError(f"unexpected '{token.text}' after a complete formula", token.offset)
    return node


@functools.lru_cache(maxsize=4096)
def names_in(text: str) -> tuple[tuple[str, int], ...]:
    """``names(parse(text))``: a formula's names, read once per formula text (or FormulaError)."""
    return tuple(names(parse(text)))


def names(node) -> list[tuple[str, int]]:
    """Every quantity name a formula refers to, with its offset, in order."""
    found: list[tuple[str, int]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        kind = item[0]
        if kind == "name":
            found.append((item[2], item[1]))
        elif kind == "neg":
            stack.append(item[2])
        elif kind == "bin":
            stack.extend((item[4], item[3]))
        elif kind == "call":
            stack.extend(reversed(item[3]))
    return found


Lookup = Callable[[str, int], Measure]


def evaluate(
    text: str, lookup: Lookup, month_seconds: float = DEFAULT_MONTH_SECONDS, known: Container[str] = ()
) -> Measure:
    """Evaluate a formula; ``lookup(name, offset)`` gives a quantity's value or raises FormulaError.

    ``known`` holds the quantity names, so that ``2 dau`` (a name where a unit belongs) is an
    error rather than two of a unit called "dau".
    """
    return _Evaluator(lookup, month_seconds, known).run(parse(text))


class _Evaluator:
    def __init__(self, lookup: Lookup, month_seconds: float, known: Container[str]):
        self.lookup = lookup
        self.month_seconds = month_seconds
        self.known = known

    def run(self, node) -> Measure:
        kind = node[0]
        if kind == "num":
            return self.number(node)
        if kind == "name":
            return self.lookup(node[2], node[1])
        if kind == "neg":
            return -self.run(node[2])
        if kind == "bin":
            return self.binary(node)
        return self.call(node)

    def number(self, node) -> Measure:
        _, _offset, value, unit, unit_offset = node
        word = _NAME.match(unit.split("·", 1)[-1]) if unit else None
        if word and word.group() in self.known:
            raise FormulaError(
                f"'{word.group()}' is a quantity, not a unit: write '* {word.group()}'",
                unit_offset,
                len(word.group()),
            )
        try:
            result = measure(value, unit, self.month_seconds)
        except UnitError as error:
            raise FormulaError(str(error), unit_offset, len(unit), kind="unreadable-unit") from None
        if not math.isfinite(result.value):
            raise FormulaError("number out of range", _offset)
        return result

    def binary(self, node) -> Measure:
        _, offset, op, left_node, right_node = node
        left, right = self.run(left_node), self.run(right_node)
        try:
            if op == "+":
                result = left + right
            elif op == "-":
                result = left - right
            elif op == "*":
                result = left * right
            else:
                result = left / right
        except DimensionError as error:
            raise FormulaError(str(error), offset, kind="unit") from None
        except ZeroDivisionError:
            raise FormulaError("division by zero", offset) from None
        if not math.isfinite(result.value):
            raise FormulaError("the result is too large to be a number", offset)
        return result

    def call(self, node) -> Measure:
        _, offset, function, arg_nodes = node
        args = [self.run(arg) for arg in arg_nodes]
        if function in ("min", "max"):
            first = args[0]
            for other in args[1:]:
                try:
                    first + other
                except DimensionError as error:
                    raise FormulaError(f"{function}(): {error}", offset, len(function), kind="unit") from None
            pick = min if function == "min" else max
            return pick(args, key=lambda m: m.value)
        value = args[0].value
        if not math.isfinite(value):
            raise FormulaError(f"{function}() of a number out of range", offset, len(function))
        slack = abs(value) * 1e-9  # 123.0000000001 from float arithmetic is still 123
        rounders: dict[str, Callable[[float], int]] = {
            "ceil": lambda v: math.ceil(v - slack),
            "floor": lambda v: math.floor(v + slack),
            "round": round,
        }
        rounded = rounders[function](value)
        return args[0].with_value(float(rounded))
