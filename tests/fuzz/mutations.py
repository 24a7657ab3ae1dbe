"""Mutated designs: a real design with its bytes, lines, keys, types, numbers and units broken.

Each mutation is a careless edit or a hostile one: a value swapped for 1e308, NaN text, a huge
integer, unicode digits or a garbage unit; a key renamed to ``true`` or ``~``, deleted or
duplicated; a line re-indented, tabbed, duplicated or dropped; deep nesting; random bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent.parent
# The example designs, plus small ones (quick to check, so more of the run goes to mutations).
BASES = tuple(
    (path.relative_to(ROOT).as_posix(), path.read_bytes())
    for path in sorted(ROOT.glob("designs/*.yaml"))
    + sorted((ROOT / "tests/fix/golden").glob("*.before.yaml"))
)

_KEY_LINE = re.compile(r"^(\s*(?:- )?)([A-Za-z_][\w-]*):(?=\s|$)")
_VALUE_LINE = re.compile(r"^(\s*(?:- )?[A-Za-z_][\w-]*: )(\S.*)$")
_HEADER = re.compile(r"(apiVersion|kind):")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_WORD = re.compile(r"[A-Za-z]+")

NUMBERS = [
    "0", "-0", "-1", "1e308", "-1e308", "1e309", "1e-400", "9" * 60, "1" + "0" * 400, "0.000000001",
    "NaN", "nan", "inf", "-inf", ".nan", ".inf", "1_000", "0x1F", "0o17", "1e3", "١٢", "𝟏𝟐", "²", "½",
    "1.2.3", "--1", "+5", "1,000,000", "99.99999999999999",
]  # fmt: skip
UNITS = [
    "abs", "xds", "ceil", "nan", "inf", "e", "GB*GB", "requests/s/s", "/", "%%", "ms^2", "µs", "Gb",
    "TB/day", "users", "m", "K", "M", "B", "dimensionless", "percent", "byte", "bit", "h/day", "$",
    "__class__", "x" * 200,
]  # fmt: skip
VALUES = [
    "1e308 GB", "-1e308", "1e308", "ceil(1e308 GB)", "-0", "NaN", ".nan", "-.inf", "nan requests/s",
    "1" + "0" * 400 + " requests/s", "١٠٠ requests/s", "𝟏𝟎 ms", "²", "$²", "1 abs", "5 xds", "[]", "{}",
    "[1, 2]", "{a: 1}", "null", "~", "true", "no", "0777", "0x1F", "1_000", "99.9999999999%", "-5%",
    "150%", "1e-320 s", "0 ms", "0/0", "1 / 0", "10 ms / 0", "~12K loads/s", "3-4x", "$-5/month",
    "1 a" + " " * 2000 + "b", "a" * 5000, "'unterminated", '"\\x00"', "!!binary aGk=", "!!python/none",
    "&anchor x", "*missing", "|\n  block", ">-\n  folded", "min()", "max(1)", "round(1e308)",
    "dau * dau * dau * dau", "(((((((((1)))))))))", "1 +", "* 2", "\t1", "1\t", "# comment only",
]  # fmt: skip
KEYS = [
    "true", "True", "~", "null", "<<", "''", '""', "x" * 300, "ünïcode", "1", "-1", "? complex", "[a]",
    "{a: 1}", "*alias", "&a key", "!!str tagged", "name", "value", "formula", "id", "kind",
]  # fmt: skip
CHARS = list(":-{}[]#&*!|>'\"%@`,?\t\n\r \\~0123456789.eE+$/") + [
    "\x00", "\x07", "\x85", "\u2028", "\ufeff", "\ufffe", "é", "١", "𝟏", "²", "\ud800",
]  # fmt: skip


def _text(max_size: int) -> st.SearchStrategy[str]:
    """Text without control characters: those stop the loader at once and are tried on their own."""
    return st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs")), max_size=max_size)


def _choose(draw, items):
    """An item picked evenly: hypothesis leans toward the first ones, which here are the header."""
    return draw(st.randoms(use_true_random=True)).choice(items)


def _line_of(text: str, position: int) -> int:
    return text.count("\n", 0, position) + 1


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _matching(lines: list[str], pattern: re.Pattern[str]) -> list[int]:
    # The header is left alone here: without it nothing past the loader would ever run.
    return [i for i, line in enumerate(lines) if pattern.match(line) and not _HEADER.match(line)]


@st.composite
def _replace_value(draw, text: str) -> str:
    lines = _lines(text)
    candidates = _matching(lines, _VALUE_LINE)
    if not candidates:
        return text, "nothing to mutate"
    index = _choose(draw, candidates)
    match = _VALUE_LINE.match(lines[index])
    assert match is not None
    value = draw(st.one_of(st.sampled_from(VALUES), _text(max_size=40)))
    lines[index] = match.group(1) + value
    return "\n".join(lines), f"line {index + 1}: value -> {value!r}"


@st.composite
def _replace_number(draw, text: str) -> str:
    header = _HEADER.search(text)
    spans = [m.span() for m in _NUMBER.finditer(text) if header is None or m.start() > header.end() + 30]
    if not spans:
        return text, "nothing to mutate"
    start, end = _choose(draw, spans)
    number = draw(st.sampled_from(NUMBERS))
    return text[:start] + number + text[
        end:
    ], f"line {_line_of(text, start)}: {text[start:end]!r} -> {number!r}"


@st.composite
def _replace_unit(draw, text: str) -> str:
    lines = _lines(text)
    candidates = _matching(lines, _VALUE_LINE)
    if not candidates:
        return text, "nothing to mutate"
    index = _choose(draw, candidates)
    match = _VALUE_LINE.match(lines[index])
    assert match is not None
    words = [m.span() for m in _WORD.finditer(match.group(2))]
    if not words:
        return text, "nothing to mutate"
    start, end = _choose(draw, words)
    value = match.group(2)
    unit = draw(
        st.one_of(st.sampled_from(UNITS), st.text(alphabet="abcdefghijklmnopqrstuvwxyz/*^%$", max_size=12))
    )
    lines[index] = match.group(1) + value[:start] + unit + value[end:]
    return "\n".join(lines), f"line {index + 1}: unit {value[start:end]!r} -> {unit!r}"


@st.composite
def _rename_key(draw, text: str) -> str:
    lines = _lines(text)
    candidates = _matching(lines, _KEY_LINE)
    if not candidates:
        return text, "nothing to mutate"
    index = _choose(draw, candidates)
    match = _KEY_LINE.match(lines[index])
    assert match is not None
    key = draw(st.one_of(st.sampled_from(KEYS), _text(max_size=20)))
    lines[index] = match.group(1) + key + lines[index][match.end(2) :]
    return "\n".join(lines), f"line {index + 1}: key {match.group(2)!r} -> {key!r}"


@st.composite
def _delete_key(draw, text: str) -> str:
    """A key and everything indented beneath it."""
    lines = _lines(text)
    candidates = _matching(lines, _KEY_LINE)
    if not candidates:
        return text, "nothing to mutate"
    index = _choose(draw, candidates)
    indent = len(lines[index]) - len(lines[index].lstrip(" "))
    end = index + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(" ")) > indent
    ):
        end += 1
    return "\n".join(
        lines[:index] + lines[end:]
    ), f"lines {index + 1}-{end}: key {lines[index].strip()!r} deleted"


@st.composite
def _change_type(draw, text: str) -> str:
    """A value swapped for another kind: a list, a mapping, a number, a boolean, null, a block."""
    lines = _lines(text)
    candidates = _matching(lines, _KEY_LINE)
    if not candidates:
        return text, "nothing to mutate"
    index = _choose(draw, candidates)
    match = _KEY_LINE.match(lines[index])
    assert match is not None
    replacement = draw(
        st.sampled_from(["[]", "{}", "[x, y]", "{a: b}", "12", "1.5", "true", "null", "''", "|\n  text"])
    )
    indent = len(lines[index]) - len(lines[index].lstrip(" "))
    end = index + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip(" ")) > indent
    ):
        end += 1
    head = match.group(1) + match.group(2) + ": " + replacement
    return "\n".join(
        [*lines[:index], head, *lines[end:]]
    ), f"line {index + 1}: {match.group(2)} -> {replacement!r}"


@st.composite
def _line_edit(draw, text: str) -> str:
    lines = _lines(text)
    index = _choose(draw, range(len(lines)))
    line = lines[index]
    action = draw(
        st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent", "tab", "trail", "crlf"])
    )
    if action == "delete":
        del lines[index]
    elif action == "duplicate":  # a duplicate key, or a duplicate list item
        lines.insert(index, line)
    elif action == "swap":
        other = _choose(draw, range(len(lines)))
        lines[index], lines[other] = lines[other], line
    elif action == "indent":
        lines[index] = " " * draw(st.integers(1, 8)) + line
    elif action == "dedent":
        lines[index] = line[min(len(line) - len(line.lstrip(" ")), draw(st.integers(1, 8))) :]
    elif action == "tab":
        lines[index] = "\t" + line.lstrip(" ")
    elif action == "trail":
        lines[index] = line + draw(st.sampled_from(["   ", "\t", " # designlint: ignore", " #", "\r"]))
    else:
        lines[index] = line + "\r"
    return "\n".join(lines), f"line {index + 1}: {action} {line[:60]!r}"


@st.composite
def _deep_nesting(draw, text: str) -> str:
    depth = draw(st.one_of(st.integers(1, 70), st.integers(1, 300)))
    flow = draw(st.booleans())
    if flow:
        nested = "[" * depth + "]" * depth
        return text.rstrip("\n") + f"\nnotes: {nested}\n", f"flow nesting {depth} deep at the end"
    block = "\n".join("  " * i + f"k{i}:" for i in range(depth)) + " x"
    nested = "\n".join("  " + line for line in block.split("\n"))
    return text.rstrip("\n") + "\nnotes:\n" + nested + "\n", f"block nesting {depth} deep at the end"


@st.composite
def _characters(draw, text: str) -> str:
    """Insert, replace or delete a few characters anywhere."""
    done = []
    for _ in range(draw(st.integers(1, 4))):
        position = _choose(draw, range(len(text) + 1))
        action = draw(st.sampled_from(["insert", "replace", "delete"]))
        char = draw(st.one_of(st.sampled_from(CHARS), st.characters(blacklist_categories=("Cc", "Cs"))))
        where = f"line {_line_of(text, position)}"
        if action == "insert":
            text = text[:position] + char + text[position:]
            done.append(f"{where}: insert {char!r}")
        elif action == "replace":
            done.append(f"{where}: {text[position : position + 1]!r} -> {char!r}")
            text = text[:position] + char + text[position + 1 :]
        else:
            length = draw(st.integers(1, 50))
            done.append(f"{where}: delete {text[position : position + length]!r}")
            text = text[:position] + text[position + length :]
    return text, "; ".join(done)


TEXT_MUTATIONS = [  # the numbers are where the arithmetic is: they get more turns
    *[_replace_value, _replace_number, _replace_unit] * 3,
    _rename_key,
    _delete_key,
    _change_type,
    _line_edit,
    _deep_nesting,
    _characters,
]


class Mutated:
    """A mutated design: its bytes, and what was done to which example (all a failure shows)."""

    __slots__ = ("base", "raw", "steps")

    def __init__(self, base: str, steps: tuple[str, ...], raw: bytes):
        self.base = base
        self.steps = steps
        self.raw = raw

    def __repr__(self) -> str:
        return f"Mutated(base={self.base!r}, steps={list(self.steps)!r}, {len(self.raw)} bytes)"


@st.composite
def mutated_designs(draw) -> Mutated:
    """A design file's bytes after one to three mutations."""
    name, raw = draw(st.sampled_from(BASES))
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    steps = []
    for _ in range(draw(st.sampled_from([1, 1, 1, 2, 2, 3]))):
        mutation = draw(st.sampled_from(TEXT_MUTATIONS))
        text, step = draw(mutation(text))
        steps.append(f"{mutation.__name__.lstrip('_')}: {step}")
    data = text.encode("utf-8", "surrogatepass")
    if bom:
        data = b"\xef\xbb\xbf" + data
    if draw(st.integers(0, 19)) == 0:  # now and then, raw bytes: broken UTF-8, other encodings' marks
        position = _choose(draw, range(len(data) + 1))
        junk = draw(
            st.one_of(st.binary(min_size=1, max_size=4), st.sampled_from([b"\xff\xfe", b"\xc3", b"\x00"]))
        )
        data = data[:position] + junk + data[position:]
        steps.append(f"bytes: insert {junk!r} at byte {position}")
    return Mutated(name, tuple(steps), data)
