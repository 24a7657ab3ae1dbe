"""Numeric claims in prose: the shapes recognised, read from a sentence's tokens.

- arithmetic: numbers joined by ``× x * / ÷ per + -`` (and parentheses), then ``=``, ``≈``,
  ``~=``, ``→``, ``->``, ``is``, ``gives``, ``equals`` or ``yields`` and the stated result:
  ``50B × 100 B × 7 days ≈ 35 TB``; or one number restated in another unit of the same kind:
  ``1B requests/day ≈ 11.6K requests/s``, ``8 Gbps = 1 GB/s``;
- downtime: an availability (90 % to 100 %), a window (``monthly``, ``per year``, ``30 days``,
  ``min/year``), then a relation and a duration: ``99.9 % monthly = 43.2 min``;
- SLAs and totals: see :mod:`designlint.analysis.prose_commitments`.

Anything else is not a claim: a result followed by more arithmetic (the expression is on the
right), a word inside an expression, or a bare number restated in the same unit.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from designlint.analysis.prose_commitments import SlaClaim, TotalClaim, sla_claims, total_claims
from designlint.analysis.prose_text import (
    APPROXIMATE_RELATIONS,
    APPROXIMATE_WORDS,
    Term,
    Token,
    availability_at,
    continues,
    operator_at,
    term_at,
    tokens,
)
from designlint.units import UnitError, from_quantity

RELATIONS = frozenset({"=", "==", "≈", "~=", "→", "->", "=>", "⇒", "is", "gives", "equals", "yields"})
ARROWS = frozenset({"→", "->", "=>", "⇒"})
# "(" glosses an availability with its downtime: "99.9% (43.2 min a month)".
DOWNTIME_RELATIONS = RELATIONS | {"means", "allows", "leaves", "("}

# Window words and the length they name ("month" is resolved with the design's month).
WINDOW_WORDS = {
    "month": "month",
    "months": "month",
    "monthly": "month",
    "year": "year",
    "years": "year",
    "yearly": "year",
    "annual": "year",
    "annually": "year",
    "annum": "year",
    "week": "week",
    "weekly": "week",
    "day": "day",
    "daily": "day",
}
# Words that may sit between an availability and its downtime without changing what is meant.
_AVAILABILITY_FILLERS = frozenset(
    """availability available uptime slo target objective over per a an each every in of the
    rolling window calendar measured""".split()
)
_DOWNTIME_WORDS = frozenset(
    "of downtime unavailability outage error budget allowed allowable per a an each every over in".split()
)


# Words before a number that make it an operand of a larger phrase ("0.1% of 30 days").
_SCALING_WORDS = frozenset(
    {"x", "times", "per", "of", "twice", "double", "triple", "thrice", "half", "quadruple"}
)
# Words after a stated result that put it under another condition ("46K/s at peak", "after
# compression"): the result is not meant to equal the expression as written.
QUALIFIERS = frozenset(
    """at after with during if when once including plus minus excluding without peak""".split()
)


class ArithmeticClaim(NamedTuple):
    """``expression`` relates to ``result``: formulas over ``t0``, ``t1``... naming ``terms``.

    The left side's terms come first. ``result`` is usually one term (``t3``), the stated value;
    it may be an expression itself (``10^16 x 0.5``), starting at ``stated``.
    """

    terms: tuple[Term, ...]
    expression: str
    result: str
    stated: Term
    stated_end: int
    left_terms: int
    relation: str
    approximate: bool
    start: int  # where the expression starts in the text
    end: int  # where it ends

    @property
    def operators(self) -> int:
        """Operators on the left side: none for a number restated in another unit."""
        return self.left_terms - 1

    @property
    def single_result(self) -> bool:
        return len(self.terms) == self.left_terms + 1


@dataclass(frozen=True)
class Window:
    """A length of time written in words or numbers: ``monthly`` is 1 month, ``30-day`` 30 days."""

    count: float
    unit: str  # a time unit ("month" is resolved with the design's month)


class DowntimeClaim(NamedTuple):
    availability: Term
    stated: Term  # a duration, or a ratio of times such as min/year
    windows: tuple[Window, ...]  # the windows written beside it; may be empty
    approximate: bool


class SentenceClaims(NamedTuple):
    arithmetic: tuple[ArithmeticClaim, ...] = ()
    downtime: tuple[DowntimeClaim, ...] = ()
    sla: tuple[SlaClaim, ...] = ()
    totals: tuple[TotalClaim, ...] = ()


def sentence_claims(text: str, start: int, end: int) -> SentenceClaims:
    found = tokens(text, start, end)
    windows: set[int] = set()
    downtime = _downtime(found, windows)
    return SentenceClaims(
        # "99.9% over 30 days = 43.2 min" is a downtime claim, not "30 days = 43.2 min".
        arithmetic=tuple(_arithmetic(found, skip=windows)),
        downtime=tuple(downtime),
        sla=tuple(sla_claims(found, text, start, end)),
        totals=tuple(total_claims(found, text, start, end)),
    )


# --- Arithmetic ---------------------------------------------------------------------------


def _relation(found: list[Token], index: int) -> tuple[str, int] | None:
    """The relation written at token ``index`` and the index after it: ``=``, ``is``, ``translates into``."""
    token = found[index]
    if token.kind == "eq" or (token.kind == "word" and token.text in RELATIONS):
        return token.text, index + 1
    following = found[index + 1].text if index + 1 < len(found) else ""
    if token.kind == "word" and (token.text, following) in _TWO_WORD_RELATIONS:
        return f"{token.text} {following}", index + 2
    return None


_TWO_WORD_RELATIONS = frozenset(
    (verb, preposition)
    for verb in ("translate", "translates", "translated", "amount", "amounts", "come", "comes")
    for preposition in ("into", "to")
)


class _Read(NamedTuple):
    """An expression read from token ``first``: its parts and the index just after it."""

    first: int
    end: int
    parts: tuple[tuple[str, Term | None], ...]

    @property
    def terms(self) -> tuple[Term, ...]:
        return tuple(term for _, term in self.parts if term is not None)


def _read_expression(found: list[Token], first: int) -> _Read:
    """The longest complete expression (numbers, operators, balanced parentheses) from ``first``."""
    parts: list[tuple[str, Term | None]] = []
    complete_parts, complete_end = 0, first
    depth, expects_value = 0, True
    index = first
    while index < len(found):
        token = found[index]
        operator = operator_at(found, index)
        if token.kind == "num" and expects_value:
            parts.append(("term", token.term))
            expects_value = False
        elif operator == "(" and expects_value:
            parts.append(("(", None))
            depth += 1
        elif operator == ")" and not expects_value and depth > 0:
            parts.append((")", None))
            depth -= 1
        elif operator not in (None, "(", ")") and not expects_value:
            parts.append((operator, None))
            expects_value = True
        else:
            break
        index += 1
        if not expects_value and depth == 0:
            complete_parts, complete_end = len(parts), index
    return _Read(first, complete_end, tuple(parts[:complete_parts]))


def _arithmetic(found: list[Token], skip: set[int] | frozenset[int] = frozenset()) -> list[ArithmeticClaim]:
    """Claims whose first operand is not at an index in ``skip`` (a downtime claim's window)."""
    claims: list[ArithmeticClaim] = []
    index = 0
    while index < len(found):
        if (found[index].kind != "num" and operator_at(found, index) != "(") or index in skip:
            index += 1
            continue
        left = _read_expression(found, index)
        if not left.parts:
            index += 1
            continue
        related = _relation(found, left.end) if left.end < len(found) else None
        if related is None or _led_by_operator(found, index):
            index = left.end
            continue
        relation, position = related
        approximate = relation in APPROXIMATE_RELATIONS
        while position < len(found) and found[position].text in APPROXIMATE_WORDS:
            approximate = True
            position += 1
        right = _read_expression(found, position) if position < len(found) else _Read(position, position, ())
        if right.parts and not continues(found, right.end) and not qualified(found, right.end):
            claims.append(_claim(found, left, right, relation, approximate))
        # The stated result may start the next claim of a chain: "A = B ≈ C".
        index = position if right.parts else left.end
    return claims


def _led_by_operator(found: list[Token], index: int) -> bool:
    """Whether the first operand is part of a larger phrase: after an operator or ``0.1% of``."""
    if index == 0:
        return False
    before = found[index - 1]
    return (before.kind == "op" and before.text != "(") or (
        before.kind == "word" and before.text in _SCALING_WORDS
    )


def qualified(found: list[Token], index: int) -> bool:
    """Whether the word at ``index`` qualifies the result before it: ``46K/s at peak``."""
    return index < len(found) and found[index].kind == "word" and found[index].text in QUALIFIERS


def _claim(
    found: list[Token], left: _Read, right: _Read, relation: str, approximate: bool
) -> ArithmeticClaim:
    terms = left.terms + right.terms
    return ArithmeticClaim(
        terms=terms,
        expression=_formula(left.parts, 0),
        result=_formula(right.parts, len(left.terms)),
        stated=right.terms[0],
        stated_end=found[right.end - 1].end,
        left_terms=len(left.terms),
        relation=relation,
        approximate=approximate,
        start=found[left.first].start,
        end=found[left.end - 1].end,
    )


def _formula(parts: tuple[tuple[str, Term | None], ...], first_term: int) -> str:
    """The parts as a formula over ``t0``, ``t1``...: the evaluator's syntax, the prose's numbers."""
    written, number = [], first_term
    for kind, term in parts:
        if term is None:
            written.append(kind)
        else:
            written.append(f"t{number}")
            number += 1
    return " ".join(written)


# --- Availability and downtime ------------------------------------------------------------


def _window(token: Token) -> Window | None:
    """The window a word or number names: ``monthly`` is 1 month, ``30 days`` 30 days."""
    if token.kind == "word":
        unit = WINDOW_WORDS.get(token.text)
        return Window(1.0, unit) if unit else None
    term = token.term
    if token.kind == "num" and term is not None and term.quantity.unit.rstrip("s") in _TIME_UNITS:
        return Window(term.quantity.magnitude, term.quantity.unit)
    return None


_TIME_UNITS = frozenset({"day", "week", "month", "year", "d", "h", "hour"})
_LOOKAHEAD = 8  # tokens an availability claim may span on either side of its relation


def _downtime(found: list[Token], window_indices: set[int] | None = None) -> list[DowntimeClaim]:
    """Availability-to-downtime claims; the token indices of the windows before their relation go
    into ``window_indices``."""
    claims = []
    for index in range(len(found)):
        availability = availability_at(found, index)
        if availability is None:
            continue
        windows: list[Window] = []
        window_at: list[int] = []
        position = index + 1
        limit = min(len(found), index + _LOOKAHEAD)
        while (
            position < limit
            and found[position].kind in ("word", "num")
            and _relation(found, position) is None
        ):
            window = _window(found[position])
            if window is not None:
                windows.append(window)
                window_at.append(position)
            elif found[position].kind == "num" or found[position].text not in _AVAILABILITY_FILLERS:
                break
            position += 1
        if position >= len(found) or found[position].text not in DOWNTIME_RELATIONS:
            continue
        approximate = found[position].text in APPROXIMATE_RELATIONS
        position += 1
        while position < len(found) and found[position].text in APPROXIMATE_WORDS:
            approximate = True
            position += 1
        stated = term_at(found, position)
        if stated is None or not _is_duration(stated):
            continue
        position += 1
        limit = min(len(found), position + _LOOKAHEAD)
        while position < limit and found[position].kind in ("word", "num"):
            window = _window(found[position])
            if window is not None:
                windows.append(window)
            elif found[position].kind == "num" or found[position].text not in _DOWNTIME_WORDS:
                break
            position += 1
        if not qualified(found, position):
            claims.append(DowntimeClaim(availability, stated, tuple(windows), approximate))
            if window_indices is not None:
                window_indices.update(window_at)
    return claims


def _is_duration(term: Term) -> bool:
    try:
        dims = from_quantity(term.quantity).dims
    except UnitError:
        return False
    return dims == (("second", 1),) or (not dims and "/" in term.quantity.unit)
