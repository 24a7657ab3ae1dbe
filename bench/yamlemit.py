"""A small YAML writer for generated designs, in the style people write by hand.

`yaml.safe_dump` would do, but hand-written designs mix block mappings, short flow lists,
folded paragraphs, quoted strings and comments; the corpus should exercise the same parser
paths. The output is plain YAML 1.2 core data: every scalar reads back as the value given.
"""

from __future__ import annotations

import json
import re
import textwrap

WIDTH = 92  # folded paragraphs wrap here, as an editor ruler would
_FLOW_ITEM_MAX = 28
_FLOW_LINE_MAX = 84

# Plain scalars: start with a letter, digit, '$' or '~', no characters YAML gives meaning to.
_PLAIN = re.compile(r"^[A-Za-z0-9$~][A-Za-z0-9 $~%()*/+=<>.,;'_&|@^–≈≤≥€£µ×-]*$")
_PLAIN_FLOW = re.compile(r"^[A-Za-z0-9$~][A-Za-z0-9 $~%()*/+=<>.;'_&|@^–≈≤≥€£µ×-]*$")
# Plain scalars that another YAML reader (1.1, or the core schema) would not read as a string.
_TYPED = re.compile(
    r"^(?:[-+]?(?:[0-9][0-9_,]*(?:\.[0-9_]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|0[xob][0-9a-fA-F_]+"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|~"
    r"|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"
    r"|null|Null|NULL|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*)$"
)


class Flow(list):
    """A list of short scalars written on one line: ``tags: [feed, social]``."""


class FlowMap(dict):
    """A small mapping written on one line: ``- {window: 1h, burnRate: 14.4}``."""


class Folded(str):
    """A paragraph written as a folded block scalar (``>-``), wrapped at WIDTH."""


def scalar(value: object, flow: bool = False) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    text = str(value)
    pattern = _PLAIN_FLOW if flow else _PLAIN
    if pattern.match(text) and not _TYPED.match(text) and text == text.strip() and "  " not in text:
        return text
    return json.dumps(text, ensure_ascii=False)  # JSON strings are valid YAML double-quoted scalars


def _fits_flow(items: list) -> bool:
    if not items or any(isinstance(i, (dict, list)) for i in items):
        return False
    rendered = [scalar(i, flow=True) for i in items]
    return (
        all(len(r) <= _FLOW_ITEM_MAX for r in rendered)
        and sum(len(r) + 2 for r in rendered) <= _FLOW_LINE_MAX
    )


def _fits_flow_map(mapping: dict) -> bool:
    if not mapping or any(isinstance(i, (dict, list)) for i in mapping.values()):
        return False
    return sum(len(scalar(k, True)) + len(scalar(i, True)) + 4 for k, i in mapping.items()) <= _FLOW_LINE_MAX


def _folded(text: str, indent: int) -> list[str]:
    pad = " " * indent
    lines = textwrap.wrap(text, width=max(40, WIDTH - indent), break_long_words=False, break_on_hyphens=False)
    return [pad + line for line in lines]


def _value_lines(prefix: str, value: object, indent: int) -> list[str]:
    """`prefix` is the already indented ``key:`` or ``-``; the value follows it."""
    if isinstance(value, dict):
        if not value:
            return [f"{prefix} {{}}"]
        if isinstance(value, FlowMap) and _fits_flow_map(value):
            pairs = ", ".join(f"{scalar(k, flow=True)}: {scalar(i, flow=True)}" for k, i in value.items())
            return [f"{prefix} {{{pairs}}}"]
        return [prefix, *_mapping(value, indent + 2)]
    if isinstance(value, list):
        if not value:
            return [f"{prefix} []"]
        if isinstance(value, Flow) and _fits_flow(value):
            return [f"{prefix} [{', '.join(scalar(i, flow=True) for i in value)}]"]
        return [prefix, *_sequence(value, indent + 2)]
    if (
        isinstance(value, Folded)
        and len(value) > WIDTH - indent - len(prefix.strip()) - 2
        and "\n" not in value
    ):
        return [f"{prefix} >-", *_folded(value, indent + 2)]
    return [f"{prefix} {scalar(value)}"]


def _mapping(mapping: dict, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for key, value in mapping.items():
        if key.startswith("#"):
            lines.append(f"{pad}# {value}")
            continue
        lines.extend(_value_lines(f"{pad}{scalar(key)}:", value, indent))
    return lines


def _sequence(items: list, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    for item in items:
        if isinstance(item, dict) and item and not (isinstance(item, FlowMap) and _fits_flow_map(item)):
            inner = _mapping(item, indent + 2)
            # The first key shares the line with the dash: "- id: feed-cache".
            first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
            lines.extend(inner[:first])
            lines.append(f"{pad}- {inner[first][indent + 2 :]}")
            lines.extend(inner[first + 1 :])
        else:
            lines.extend(_value_lines(f"{pad}-", item, indent))
    return lines


def dump(document: dict, header: list[str] = ()) -> str:
    """The YAML text of `document`, with `header` lines as leading comments."""
    lines = [f"# {line}" if line else "#" for line in header]
    lines.extend(_mapping(document, 0))
    return "\n".join(lines) + "\n"
