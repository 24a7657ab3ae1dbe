"""Count multipliers written after a number: ``200M``, ``1.5 billion``, ``3 MM``, ``10thousand``, ``2 bn``.

One reader serves quantity values (:mod:`designlint.model.quantity`) and formulas
(:mod:`designlint.formula`), so both read ``200 million users`` as 2e8 users. Words (``thousand``,
``million``...) match in any case; abbreviations match as listed. A multiplier only counts when it
stands alone, so ``1B`` is a billion and ``5TB`` five terabytes. ``B`` after a space is a billion
only when another word follows (``2 B users``); on its own (``100 B``, ``100 B/item``) it is bytes.

Scanning is one possessive match over spaces and one over letters: nothing can backtrack.
"""

from __future__ import annotations

import re
from typing import NamedTuple

NUMBER_WORDS = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
}
"""Spelled-out multipliers, in any case (``Million``, ``BILLION``); a plural (``millions``) is refused."""

ABBREVIATIONS = {
    "k": 1e3,
    "K": 1e3,
    "M": 1e6,
    "MM": 1e6,
    "mn": 1e6,
    "Mn": 1e6,
    "mil": 1e6,
    "Mil": 1e6,
    "bn": 1e9,
    "Bn": 1e9,
    "BN": 1e9,
    "B": 1e9,
    "G": 1e9,
    "T": 1e12,
}
"""Abbreviations, case as written: ``mm`` would be millimetres and ``b`` bits, so neither is one."""

GLUED_ONLY = frozenset({"G"})
"""``5G`` is five billion as it always was here; ``5 G`` is not a multiplier."""

FOLLOWED_ONLY = frozenset({"B"})
"""After a space, ``B`` is a billion only when another word follows; alone it is the byte."""

UNSUPPORTED = frozenset(
    {"mln", "mio", "bln", "bil", "mrd", "thou", "lakh", "lakhs", "lac", "crore", "crores", "gazillion"}
)
"""Words that read as number words but are not ones designlint knows: an error, never a unit."""


class Multiplier(NamedTuple):
    factor: float
    word: str
    end: int  # where the text after the multiplier starts


_SPACES = re.compile(r"[ \t]*+")
_LETTERS = re.compile(r"[A-Za-z]*+")


def _letters_end(text: str, start: int) -> int:
    match = _LETTERS.match(text, start)
    assert match is not None  # the pattern matches the empty string
    return match.end()


def _spaces_end(text: str, start: int) -> int:
    match = _SPACES.match(text, start)
    assert match is not None
    return match.end()


def number_word(word: str) -> float | None:
    """The factor of a spelled-out multiplier or an abbreviation of more than one letter, else None."""
    factor = NUMBER_WORDS.get(word.lower())
    if factor is not None:
        return factor
    return ABBREVIATIONS.get(word) if len(word) > 1 else None


def read_multiplier(text: str, position: int, start: int | None = None) -> Multiplier | None:
    """The multiplier right after the digits ending at ``position``, glued (``12K``) or after spaces.

    ``start`` is where the spaces after ``position`` end, when the caller has already found it.
    """
    if start is None:
        start = _spaces_end(text, position)
    glued = start == position
    end = _letters_end(text, start)
    if end == start or (end < len(text) and (text[end].isdigit() or text[end] in "_µ")):
        return None
    word = text[start:end]
    factor = NUMBER_WORDS.get(word.lower())
    if factor is None:
        factor = ABBREVIATIONS.get(word)
        if factor is None or (not glued and word in GLUED_ONLY):
            return None
        if not glued and word in FOLLOWED_ONLY and not _word_follows(text, end):
            return None
    return Multiplier(factor, word, end)


def _word_follows(text: str, index: int) -> bool:
    """Whitespace and then a word: ``2 B users`` rather than ``100 B``, ``100 B/item`` or ``100 B per item``."""
    if index >= len(text) or text[index] not in " \t":
        return False
    index = _spaces_end(text, index)
    end = _letters_end(text, index)
    return end > index and text[index:end] != "per"


def unsupported_word(word: str) -> bool:
    return word.lower() in UNSUPPORTED or (
        word.lower().rstrip("s") in NUMBER_WORDS and word.lower() not in NUMBER_WORDS
    )
