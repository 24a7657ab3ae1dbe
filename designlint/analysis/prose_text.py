"""Free text of a design, and the numbers written in it, as tokens with their offsets.

Every string field the model types as prose (``Text``) is read, except the ones that name
things (``name``, ``title``, ``owners``...) or hold a formula or quantity name. Only the
sentences that could hold a claim (a digit and ``=``, ``≈``, ``→``, ``is``, ``SLA``, ``total``...)
are tokenised, each once, so the work is linear in the length of the text.

A number is read with its count suffix (``50B``), number word (``200 million``), percent sign,
currency sign, approximation mark (``~``) and unit (``loads/day``, ``GB``, ``requests per
second``, ``30-day``), and parsed by :func:`designlint.model.quantity.parse_quantity`, the
parser of every structured value. Anything that looks like a date, a version, a time of day,
a range (``3-4x``) or an identifier is not a number here.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Callable, Iterator
from typing import NamedTuple

from pydantic import BaseModel

from designlint.model.base import Text
from designlint.model.quantity import Quantity, parse_quantity
from designlint.units import UnitError, resolve_unit

# Keys whose text names or labels something rather than arguing with numbers.
NOT_PROSE = frozenset(
    {
        "name",
        "title",
        "owners",
        "reviewers",
        "created",
        "updated",
        "technology",
        "protocol",
        "owner",
        "team",
        "service",
        "path",
        "load",
        "oncall",
        "shardKey",
        "formula",
    }
)

_TEXT_METADATA = typing.get_args(Text)[1].metadata


class ProseField(NamedTuple):
    """One free-text value and the document path it was written at."""

    path: tuple
    text: str


class Term(NamedTuple):
    """A number as written in prose: where it is, its text and its parsed quantity."""

    start: int
    end: int
    text: str
    quantity: Quantity


class Token(NamedTuple):
    """``kind`` is num, op, eq, word, break or other; ``text`` is lower case for words."""

    kind: str
    start: int
    end: int
    text: str
    term: Term | None = None


# --- Which fields hold prose --------------------------------------------------------------


def prose_fields(design: BaseModel, keep: Callable[[str], bool] | None = None) -> list[ProseField]:
    """Every prose value of ``design`` that could make a claim, in model order: one that holds a
    digit and a word or sign a claim is made with (see :func:`claim_sentences`). Most prose holds
    neither, and is dropped before any path is built for it. ``keep`` replaces that test, for
    readers looking for something else in prose."""
    found: list[ProseField] = []
    _collect(design, (), found, keep or may_claim)
    return found


def _collect(model: BaseModel, path: tuple, found: list[ProseField], keep: Callable[[str], bool]) -> None:
    values = model.__dict__  # a model's field values, read without attribute lookup
    for name, key, holds_text in _field_plan(type(model)):
        value = values[name]
        if value is None:
            continue
        if holds_text:
            if isinstance(value, str):  # most prose is one string: no call for it
                if keep(value):
                    found.append(ProseField((*path, key), value))
            else:
                _collect_text(value, (*path, key), found, keep)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                item_class: type[BaseModel] = type(item)
                texts = _text_only_plan(item_class)
                if texts is None:
                    _collect(item, (*path, key, index), found, keep)
                    continue
                # Most list items (quantities, dependencies, steps) hold prose and nothing
                # else: read here, without a call or a path per item.
                item_values = item.__dict__
                for item_name, item_key in texts:
                    text = item_values[item_name]
                    if text is None:
                        continue
                    if isinstance(text, str):
                        if keep(text):
                            found.append(ProseField((*path, key, index, item_key), text))
                    else:
                        _collect_text(text, (*path, key, index, item_key), found, keep)
        else:
            _collect(value, (*path, key), found, keep)


def _collect_text(value: object, path: tuple, found: list[ProseField], keep: Callable[[str], bool]) -> None:
    """A prose field's value: a string, a list of strings, or a mapping of such lists."""
    if isinstance(value, str):
        if keep(value):
            found.append(ProseField(path, value))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str) and keep(item):
                found.append(ProseField((*path, index), item))
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect_text(item, (*path, key), found, keep)


@functools.cache
def _text_only_plan(model_class: type[BaseModel]) -> tuple[tuple[str, str], ...] | None:
    """(attribute, YAML key) of each prose field when a model holds prose and no section that
    could; None when it holds a section too."""
    plan = _field_plan(model_class)
    if not all(holds_text for _, _, holds_text in plan):
        return None
    return tuple((name, key) for name, key, _ in plan)


@functools.cache
def _field_plan(model_class: type[BaseModel]) -> tuple[tuple[str, str, bool], ...]:
    """(attribute, YAML key, whether its strings are prose) for each field that can lead to prose.

    Fields that hold no prose and no section that could (numbers, ids, enums) are left out,
    so the walk visits only what it reads.
    """
    plan = []
    for name, field in model_class.model_fields.items():
        key = field.alias or name
        if field.metadata == _TEXT_METADATA or _mentions_text(field.annotation):
            if key not in NOT_PROSE:
                plan.append((name, key, True))
        elif any(_field_plan(section) for section in _sections(field.annotation)):
            plan.append((name, key, False))
    return tuple(plan)


def _mentions_text(annotation: object) -> bool:
    args = typing.get_args(annotation)
    return any(arg == Text or _mentions_text(arg) for arg in args)


def _sections(annotation: object) -> Iterator[type[BaseModel]]:
    """The model classes an annotation holds: ``Scale | None``, ``list[Slo]``..."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _sections(arg)


# --- Sentences that may hold a claim ------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?;](?=\s|$)|\n[ \t]*\n|\n(?=[ \t]*[-*•][ \t])")
_ANCHOR = re.compile(
    r"[=≈→⇒]|->|%\s?\(|\b(?:SLAs?|[Tt]otal\w*|is|gives|equals|yields|means|allows|leaves|translated?|translates"
    r"|amounts?|comes?)\b",
)
_DIGIT = re.compile(r"\d")


def has_digit(text: str) -> bool:
    """Whether ``text`` holds a digit (``\\d``). Every prose value is asked: for ASCII text ten
    substring searches cost a quarter of the regular expression's scan."""
    if text.isascii():
        return (
            "0" in text
            or "1" in text
            or "2" in text
            or "3" in text
            or "4" in text
            or "5" in text
            or "6" in text
            or "7" in text
            or "8" in text
            or "9" in text
        )
    return _DIGIT.search(text) is not None


# Strings that every match of _ANCHOR contains one of: most prose holds none, and looking for
# them costs a third of the expression's search.
_ANCHOR_PARTS = (
    "=",
    "≈",
    "→",
    "⇒",
    "->",
    "%",
    "SLA",
    "otal",
    "is",
    "gives",
    "equals",
    "yields",
    "means",
    "allows",
    "leaves",
    "translate",
    "amount",
    "come",
)


def may_claim(text: str) -> bool:
    """Whether ``text`` holds a digit and a word or sign a claim is made with (the test
    :func:`claim_sentences` starts with)."""
    if not has_digit(text):
        return False
    for part in _ANCHOR_PARTS:
        if part in text:
            return _ANCHOR.search(text) is not None
    return False


def claim_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of every sentence that holds a digit and a word or sign a claim is made with."""
    if not has_digit(text):
        return
    # Most prose holds no anchor: one search says so, without building the list of them.
    first = _ANCHOR.search(text)
    if first is None:
        return
    anchors = [first.start(), *(match.start() for match in _ANCHOR.finditer(text, first.end()))]
    start, next_anchor = 0, 0
    ends = [(match.start(), match.end()) for match in _SENTENCE_END.finditer(text)]
    ends.append((len(text), len(text)))
    for end, following in ends:
        # Only sentences with an anchor are searched for a digit; each anchor is passed once.
        anchored = False
        while next_anchor < len(anchors) and anchors[next_anchor] < end:
            anchored = anchored or anchors[next_anchor] >= start
            next_anchor += 1
        if anchored and _DIGIT.search(text, start, end):
            yield start, end
        start = following


# --- Tokens -------------------------------------------------------------------------------

_TOKEN = re.compile(
    r"(?P<eq>~=|≈|=>|->|→|⇒|==?)"
    r"|(?P<num>(?<![\w.,\-–/:#@^])(?:~[ ]?)?[$€£]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
    r"|(?<![\w.,])\.\d+)"
    r"|(?P<op>[×*/÷+()]|(?<=\s)[-−–](?=\s))"
    r"|(?P<word>[A-Za-zµ][\w'’]*)"
    r"|(?P<other>\S)"
)
# After the digits: a time of day, a version, a date or a range means this is no number.
_NOT_A_NUMBER_AFTER = re.compile(r"[.,:/\-–^]?\d|\^")
_RUN = re.compile(r"[\w.,:/\-–]*")
_SUFFIX = re.compile(r"[KkMBGT](?![A-Za-z0-9])")
_POWER = re.compile(r"\^(-?\d{1,3})(?!\d)")
_DIGITS = re.compile(r"[\d,.]+$")
_NUMBER_WORD = re.compile(r"[ ](thousand|million|billion|trillion)\b")
_NUMBER_WORDS = {"thousand": "K", "million": "M", "billion": "B", "trillion": "T"}
_PERCENT = re.compile(r"[ ]?%")
_ATTACHED_UNIT = re.compile(r"(?:[A-Za-zµ]+|/[A-Za-zµ]+)(?:/[A-Za-zµ]+)*|-(?=[A-Za-z])(?P<hyphen>[A-Za-z]+)")
_SPACED_UNIT = re.compile(r"[ ](?P<word>[A-Za-zµ]+)(?:/[A-Za-zµ]+)*")
_PER = re.compile(r"[ ]per[ ](?P<word>[A-Za-zµ]+)\b")
_EVERY = re.compile(r"[ ](?:a|an|each|every)[ ](?P<word>second|minute|hour|day|week|month|year)\b")

# Words that never stand for a unit after a number (a number followed by "and" is bare).
STOP_WORDS = frozenset(
    """a an the and or of for to in on at by with from into over under per is are was were be
    been as if than then that this these those it its each every all any some more less most
    about roughly around approximately approx nearly almost gives equals yields means allows
    leaves times x which who when where while so but not no at also only just up down out
    across before after during since until via total""".split()
)


def tokens(text: str, start: int, end: int) -> list[Token]:
    """The tokens of ``text[start:end]``, offsets into ``text``."""
    found: list[Token] = []
    skip_until = start
    for match in _TOKEN.finditer(text, start, end):
        if match.start() < skip_until:
            continue
        kind = match.lastgroup or "other"
        if kind == "num":
            token = _number(text, match.start(), match.end(), end)
            if token.kind == "other":
                run = _RUN.match(text, match.start(), end)
                token = Token("other", match.start(), max(run.end() if run else 0, match.end()), "")
            found.append(token)
            skip_until = token.end
        elif kind == "word":
            found.append(Token("word", match.start(), match.end(), match.group().lower()))
        else:
            found.append(Token(kind, match.start(), match.end(), match.group()))
    return found


def _number(text: str, start: int, digits_end: int, limit: int) -> Token:
    """A number token with its suffix, percent sign or unit, or an ``other`` token if it is none."""
    written = text[start:digits_end]
    position = digits_end
    power = _POWER.match(text, position, limit)
    if power:  # 10^16, 62^6
        raised = _raised(written, int(power.group(1)))
        if raised is None:
            return Token("other", start, power.end(), "")
        written, position = raised, power.end()
    if _NOT_A_NUMBER_AFTER.match(text, position, limit):
        return Token("other", start, position, "")
    if power is None:
        written, position = _with_multiplier(text, written, position, limit)
    if percent := _PERCENT.match(text, position, limit):
        written += "%"
        position = percent.end()
    else:
        unit, position = _unit(text, position, limit)
        if unit:
            written += " " + unit
    quantity = _parsed(written)
    if quantity is None or quantity.is_range:
        return Token("other", start, position, "")
    return Token("num", start, position, written, Term(start, position, text[start:position], quantity))


@functools.lru_cache(maxsize=4096)
def _parsed(written: str) -> Quantity | None:
    """The quantity a number's text stands for, by the parser of structured values."""
    try:
        return parse_quantity(written)
    except ValueError:
        return None


def _raised(written: str, exponent: int) -> str | None:
    """``10`` raised to ``exponent`` as number text (``1e+16``), keeping a leading ``~`` or currency sign."""
    digits = _DIGITS.search(written)
    if digits is None:
        return None
    try:
        value = float(digits.group().replace(",", "")) ** exponent
    except (OverflowError, ZeroDivisionError):
        return None
    if not 1e-30 < value < 1e30:
        return None
    return written[: digits.start()] + repr(value)


def _with_multiplier(text: str, written: str, position: int, limit: int) -> tuple[str, int]:
    """A count suffix (``50B``) or number word (``200 million``, read as ``200M``) after the digits."""
    if suffix := _SUFFIX.match(text, position, limit):
        return written + suffix.group(), suffix.end()
    if word := _NUMBER_WORD.match(text, position, limit):
        return written + _NUMBER_WORDS[word.group(1)], word.end()
    return written, position


def _unit(text: str, position: int, limit: int) -> tuple[str, int]:
    """The unit written after a number, read as far as it makes a unit; ("", position) if none."""
    attached = _ATTACHED_UNIT.match(text, position, limit)
    if attached:
        unit, end = attached.group("hyphen") or attached.group(), attached.end()
    else:
        spaced = _SPACED_UNIT.match(text, position, limit)
        if spaced is None or spaced.group("word").lower() in STOP_WORDS:
            return "", position
        unit, end = spaced.group()[1:], spaced.end()
    if not _readable(unit):
        return "", position
    for _ in range(2):  # "requests per user per day"
        per = _PER.match(text, end, limit)
        if per is None or per.group("word").lower() in STOP_WORDS or not _readable(f"{unit}/{per['word']}"):
            break
        unit, end = f"{unit}/{per['word']}", per.end()
    every = _EVERY.match(text, end, limit)
    if every and _readable(f"{unit}/{every['word']}"):
        unit, end = f"{unit}/{every['word']}", every.end()
    return unit, end


def _readable(unit: str) -> bool:
    try:
        resolve_unit(unit)
    except UnitError:
        return False
    return True


# --- Reading tokens -----------------------------------------------------------------------

APPROXIMATE_RELATIONS = frozenset({"≈", "~="})
APPROXIMATE_WORDS = frozenset({"about", "roughly", "approximately", "approx", "around", "nearly", "almost"})
_OPERATORS = {"×": "*", "*": "*", "x": "*", "times": "*", "/": "/", "÷": "/", "per": "/", "+": "+"}
_MINUS = frozenset({"-", "−", "–"})


def operator_at(found: list[Token], index: int) -> str | None:
    """The formula operator (``* / + - ( )``) token ``index`` stands for, if it joins operands."""
    token = found[index]
    if token.kind == "op":
        if token.text in _MINUS:
            return "-"
        return _OPERATORS.get(token.text) or (token.text if token.text in "()" else None)
    if token.kind == "word" and token.text in ("x", "times", "per"):
        following = found[index + 1] if index + 1 < len(found) else None
        if following is not None and (following.kind == "num" or following.text == "("):
            return _OPERATORS[token.text]
    return None


def continues(found: list[Token], index: int) -> bool:
    """Whether an operator at ``index`` carries an expression on past where it was read."""
    return index < len(found) and operator_at(found, index) not in (None, "(", ")")


def term_at(found: list[Token], index: int) -> Term | None:
    """The number at token ``index``, if there is one."""
    return found[index].term if 0 <= index < len(found) and found[index].kind == "num" else None


def availability_at(found: list[Token], index: int) -> Term | None:
    """An availability (a percentage from 90 % up to 100 %) at token ``index``."""
    term = term_at(found, index)
    if term is None or not term.quantity.is_percent or term.quantity.bound:
        return None
    return term if 90 <= term.quantity.magnitude < 100 else None
