"""Placeholder answers: ``TBD``, ``none``, ``?``, "no way back" written where a field asks for one.

A placeholder is a missing answer, not an answer. This module decides what counts as one, from
the word lists below, and which fields it applies to, from the design model: only free-text and
quantity fields are read, never an enumeration (``strategy: none`` is a valid choice), an
identifier or a name. The engine blanks what it finds before validation and before any rule
runs, so no rule and no score item can be satisfied by a placeholder, and reports each one.

A value is a placeholder when its whole text is one of the phrases (``TBD``, ``None.``), or when
it starts with a deferral (``TBD: ask the DBA``), or with an absence followed only by filler
(``None; no way back``). "None; the phase only adds a replica" explains itself and is an answer.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from pydantic import BaseModel

from designlint.model.shape import MODEL, MODEL_LIST, PROSE, PROSE_LIST, shape
from designlint.model.validation import without_keys

# The answer is deferred: whatever follows only says why or by whom.
DEFERRED = frozenset(
    {
        "tbd",
        "tbc",
        "tba",
        "todo",
        "to do",
        "fixme",
        "xxx",
        "?",
        "??",
        "???",
        "unknown",
        "not known",
        "not yet known",
        "not decided",
        "not yet decided",
        "undecided",
        "to be decided",
        "to be determined",
        "to be confirmed",
        "to be defined",
        "pending",
        "placeholder",
        "later",
        "wip",
    }
)
# The answer says there is nothing: a placeholder where the field asks for a mechanism.
ABSENT = frozenset(
    {
        "none",
        "n/a",
        "na",
        "nil",
        "null",
        "nothing",
        "no",
        "-",
        "--",
        "...",
        "…",
        "not applicable",
        "no way back",
        "no rollback",
        "no fallback",
        "no plan",
        "not possible",
        "cannot roll back",
        "can't roll back",
        "irreversible",
        "one-way",
        "one way",
        "impossible",
    }
)
# Fields where "none" is a real answer: there is no personal data, no SLA, nothing retained.
NONE_IS_AN_ANSWER = frozenset(
    {
        "pii",
        "piiPolicy",
        "retention",
        "sla",
        "compliance",
        "trustBoundaries",
        "consequence",
        "edgeCases",
        "notes",
    }
)
# Names and labels are not answers to a question, whatever they say. An evolution step's
# horizon ("Later", "Long term") labels a step; whether "later" has a plan is its trigger's
# question (DL311).
NOT_ANSWERS = frozenset(
    {
        "horizon",
        "id",
        "name",
        "title",
        "label",
        "service",
        "aspect",
        "factor",
        "driver",
        "item",
        "scenario",
        "pattern",
        "component",
        "operation",
        "created",
        "updated",
        "reviewers",
    }
)
_SEPARATORS = (";", ",", ":", " - ", " -- ", " — ", " – ")
_LONGEST_LEAD = 40  # characters; a deferral is a word or a short phrase
_TRIM = " \t\r\n.!"


class Placeholder(NamedTuple):
    """A placeholder written as the answer of a field."""

    path: tuple[str | int, ...]
    text: str
    field: str
    """The key of the field it answers (for a list item, the list's key)."""
    required: bool
    """Whether the model requires the field: a required field cannot be blanked."""
    offset: int | None = None
    """For an open item inside an answer ("Dedup TBD." in a rationale), where it starts; the
    rest of the field is an answer, so the field is neither blanked nor read as missing."""


def _normal(text: str) -> str:
    return " ".join(text.strip(_TRIM).lower().split())


def _lead(text: str) -> tuple[str, str] | None:
    """The text before the first separator and what follows it, or None without a separator."""
    head = text[: _LONGEST_LEAD + 4]
    cuts = [index for index in (head.find(sep) for sep in _SEPARATORS) if index > 0]
    if not cuts:
        return None
    cut = min(cuts)
    rest = text[cut:].lstrip(";,:-—– \t")
    return text[:cut], rest


# After "None;", these say the mechanism does not exist: "None; there is no way back once live".
_ADMITTED_ABSENCE = ("no way back", "cannot roll back", "can't roll back", "cannot be undone", "irreversible")
# Fields that ask for a mechanism (how to undo, survive, enforce). An answer there that opens by
# denying the mechanism ("Not possible once the table is dropped; we would restore a backup")
# says there is none, whatever workaround follows. Elsewhere the same words start an argument
# ("Irreversible once clients cache keys, so ...") and are left alone.
MECHANISM_FIELDS = frozenset({"rollback", "fallback", "failback", "mitigation", "enforcement", "degradation"})
_DENIALS = (
    "not possible",
    "impossible",
    "no way back",
    "no rollback",
    "cannot roll back",
    "can't roll back",
    "cannot be rolled back",
    "can't be rolled back",
    "cannot be undone",
    "can't be undone",
    "irreversible",
)

# Every phrase starts with one of these words: anything else is an answer, known at a glance.
_FIRST_WORDS = frozenset(phrase.split()[0] for phrase in DEFERRED | ABSENT)
_WORD_TRIM = ";,:.!-—–"  # trimmed off the end of the first word: "TBD:", "None."


def is_placeholder(text: str, none_is_an_answer: bool = False, asks_mechanism: bool = False) -> bool:
    """Whether ``text`` is a placeholder rather than an answer (see the module docstring).

    ``asks_mechanism``: the field asks how something is done (``rollback``...), so an answer that
    opens by denying it is possible is no answer, whatever follows.
    """
    words = text[: _LONGEST_LEAD + 4].split(None, 1)
    first = words[0].rstrip(_WORD_TRIM).lower() if words else ""
    if first and first not in _FIRST_WORDS:
        return False
    absent = frozenset() if none_is_an_answer else ABSENT
    whole = _normal(text)
    if not whole:  # blank, or only dots: "", "...", "."
        return True
    if whole in DEFERRED or whole in absent:
        return True
    if asks_mechanism and any(whole == denial or whole.startswith(denial + " ") for denial in _DENIALS):
        return True
    parts = _lead(text)
    if parts is None:
        return False
    head, rest = _normal(parts[0]), _normal(parts[1])
    if head in DEFERRED:
        return True
    if head.startswith(("not ", "no ")) and rest in DEFERRED:
        return True  # "Not enforced yet; to be decided"
    return head in absent and (
        not rest or rest in DEFERRED or rest in ABSENT or any(phrase in rest for phrase in _ADMITTED_ABSENCE)
    )


# An open item written inside an answer: a short sentence that ends in a deferral ("Dedup TBD.",
# "Rebuild time TBD.") or opens with one ("TODO: pick the broker."). Written in capitals, as
# authors mark them; the lower-case words are ordinary prose.
_OPEN_MARKS = ("TBD", "TBC", "TODO", "FIXME")
_OPEN_ITEM_WORDS = 4
_SENTENCE = re.compile(r"[^.!?;\n]+")


def open_item(text: str) -> tuple[int, str] | None:
    """The first open item inside ``text``, as (offset, sentence); None when there is none."""
    if not any(mark in text for mark in _OPEN_MARKS):
        return None
    for match in _SENTENCE.finditer(text):
        words = match.group().split()
        if not words or len(words) > _OPEN_ITEM_WORDS:
            continue
        if words[-1].strip(_WORD_TRIM + "()") in _OPEN_MARKS or (
            words[0].endswith(":") and words[0].rstrip(":") in _OPEN_MARKS
        ):
            sentence = match.group().strip()
            return match.start() + match.group().index(sentence[0]), sentence
    return None


def find_placeholders(data: Any, model: type[BaseModel]) -> list[Placeholder]:
    """Every placeholder answer in ``data`` (plain loaded values) read as ``model``."""
    found: list[Placeholder] = []
    # (path, mapping, model); the walk follows the model, so its depth is the model's.
    stack: list[tuple[tuple[str | int, ...], dict, type[BaseModel]]] = []
    if isinstance(data, dict):
        stack.append(((), data, model))
    while stack:
        path, node, current = stack.pop()
        read = _READ_KEYS.get(current) or _read_keys(current)
        nested: list[tuple[tuple[str | int, ...], dict, type[BaseModel]]] = []
        for key, value in node.items():
            field = read.get(key)
            if field is None:
                continue
            kind = field.kind
            if kind == PROSE:
                # Most answers are ruled out by how they start; the path is built for hits only.
                if (
                    isinstance(value, str)
                    and value[:1] not in _NO_PHRASE_STARTS
                    and value[:2] not in _NO_PHRASE_STARTS
                    and is_placeholder(value, field.none_is_an_answer, field.field in MECHANISM_FIELDS)
                ):
                    found.append(Placeholder((*path, key), value, field.field, field.required))
                elif isinstance(value, str) and (item := open_item(value)) is not None:
                    found.append(Placeholder((*path, key), item[1], field.field, field.required, item[0]))
            elif kind == MODEL:
                if isinstance(value, dict):
                    nested.append(((*path, key), value, field.model))
                elif isinstance(value, str) and is_placeholder(value):
                    # A whole section answered "TBD" (``dr: TBD``, ``cost: n/a``) is that section missing.
                    found.append(Placeholder((*path, key), value, field.field, field.required))
            elif not isinstance(value, list):
                # A list answered "TBD" is missing; "none" there says it is empty, left to validation.
                if (
                    kind == MODEL_LIST
                    and isinstance(value, str)
                    and is_placeholder(value, none_is_an_answer=True)
                ):
                    found.append(Placeholder((*path, key), value, field.field, field.required))
                continue
            elif kind == MODEL_LIST:
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        nested.append(((*path, key, index), item, field.model))
            else:  # PROSE_LIST
                for index, item in enumerate(value):
                    if (
                        isinstance(item, str)
                        and item[:1] not in _NO_PHRASE_STARTS
                        and item[:2] not in _NO_PHRASE_STARTS
                        and is_placeholder(item, field.none_is_an_answer, field.field in MECHANISM_FIELDS)
                    ):
                        found.append(Placeholder((*path, key, index), item, field.field, field.required))
                    elif isinstance(item, str) and (open_at := open_item(item)) is not None:
                        found.append(
                            Placeholder(
                                (*path, key, index), open_at[1], field.field, field.required, open_at[0]
                            )
                        )
        if nested:
            stack.extend(reversed(nested))
    return found


def _no_phrase_starts() -> frozenset[str]:
    """ASCII starts (one character, or two) that begin no phrase's first word.

    A start counts only when none of its characters is blank or trimmed off the first word, so the
    first word really begins with it; other text, non-ASCII included, is read in full.
    """
    plain = [char for char in map(chr, range(33, 127)) if char not in _WORD_TRIM]
    firsts = {word[0] for word in _FIRST_WORDS}
    leads = [char for char in plain if char.lower() in firsts]
    # Every case of each phrase's first two characters (ASCII: one lower and one upper form each).
    pairs = {
        first + second
        for word in _FIRST_WORDS
        if len(word) > 1
        for first in {word[0], word[0].upper()}
        for second in {word[1], word[1].upper()}
    }
    starts = {char for char in plain if char.lower() not in firsts}
    seconds = [char for char in plain if char.isalnum()]  # what prose has next; other pairs are read in full
    starts.update({first + second for first in leads for second in seconds} - pairs)
    return frozenset(starts)


_NO_PHRASE_STARTS = _no_phrase_starts()


class _Read(NamedTuple):
    """A key the walk reads, with what it needs to know about it."""

    kind: str
    field: str
    required: bool
    none_is_an_answer: bool
    model: type[BaseModel]
    """For a mapping (or list of them) the model it holds; for an answer, the model that asks."""


_READ_KEYS: dict[type[BaseModel], dict[str, _Read]] = {}


def _read_keys(model: type[BaseModel]) -> dict[str, _Read]:
    """The keys of ``model`` the walk reads: answers, and the mappings that hold more of them."""
    read = _READ_KEYS.get(model)
    if read is None:
        read = _READ_KEYS[model] = {}
        for key, field in shape(model).fields.items():
            if field.name in NOT_ANSWERS:
                continue
            if field.kind in (PROSE, PROSE_LIST):
                held = model
            elif field.kind in (MODEL, MODEL_LIST) and field.model is not None:
                held = field.model
            else:
                continue
            read[key] = _Read(field.kind, field.name, field.required, field.name in NONE_IS_AN_ANSWER, held)
    return read


def blank(data: Any, placeholders: list[Placeholder]) -> Any:
    """``data`` without its placeholder answers, copied only along the paths that change.

    An optional field whose answer is a placeholder is removed; so is a list whose every item is
    one. A required field keeps its text (removing it would only add a missing-key error), and a
    list keeps its real items in place, so no document path moves.
    """
    removable: dict[tuple[str | int, ...], Placeholder] = {}
    lists: dict[tuple[str | int, ...], list[Placeholder]] = {}
    for placeholder in placeholders:
        if placeholder.required or placeholder.offset is not None:
            continue
        if isinstance(placeholder.path[-1], int):
            lists.setdefault(placeholder.path[:-1], []).append(placeholder)
        else:
            removable[placeholder.path] = placeholder
    for list_path, items in lists.items():
        node = _at(data, list_path)
        if isinstance(node, list) and len(items) == len(node):
            removable[list_path] = items[0]
    return without_keys(data, list(removable)) if removable else data


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    node = data
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node
