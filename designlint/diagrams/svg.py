"""Make Graphviz's SVG small and readable: hover text as ``<title>``, no comments, rounded numbers.

Graphviz writes every node twice over: a comment and a ``<title>`` holding its DOT name, then an
``<a xlink:title=...>`` wrapper for the tooltip, numbered ids (``node12``), the font family on
every ``<text>``, and coordinates to two decimals. :func:`optimise` rewrites that, line by line
(Graphviz puts each element on its own line), into one ``<title>`` per element carrying the
tooltip (browsers show it on hover), the font family once on the root, and whole-point
coordinates. Ids chosen by the views (``component-…``, ``step-…``) stay. Text is never touched:
Graphviz has already escaped it, so no pattern below can match inside it.
"""

from __future__ import annotations

import re

FONT_FAMILY = "Sans-Serif"

_COMMENT_START = "<!--"
_DOCTYPE_START = "<!DOCTYPE"
_GROUP = re.compile(r'^<g id="[^"]*" class="(?:node|edge|cluster|graph)"[^>]*>$')
_DOT_NAME_TITLE = re.compile(r"^<title>[^<]*</title>$")
_TOOLTIP_ANCHOR = re.compile(r'^<g id="a_[^"]*"><a xlink:title="(?P<text>[^"]*)">$')
_NUMBERED_ID = re.compile(r' id="(?:node|edge|clust|graph)\d+"')
_FONT_ATTR = re.compile(rf' font-family="{FONT_FAMILY}"')
_NUMERIC_ATTR = re.compile(
    r' (?P<name>points|d|x|y|width|height|viewBox|transform|font-size|stroke-width)="(?P<value>[^"]*)"'
)
_DECIMAL = re.compile(r"-?\d+\.\d+")
_SVG_OPEN = re.compile(r"<svg\b")


def _round(match: re.Match) -> str:
    value = round(float(match[0]))
    return "0" if value == 0 else str(value)


def _round_numbers(match: re.Match) -> str:
    return f' {match["name"]}="{_DECIMAL.sub(_round, match["value"])}"'


def _tidy(line: str) -> str:
    line = _NUMBERED_ID.sub("", line)
    line = _FONT_ATTR.sub("", line)
    return _NUMERIC_ATTR.sub(_round_numbers, line)


def optimise(svg: str) -> str:
    """The same drawing in fewer bytes, with each element's tooltip as its ``<title>``."""
    lines = svg.split("\n")
    out: list[str] = []
    in_comment = False
    in_doctype = False
    anchors_open = 0
    skip_group_close = False
    after_group = False
    for line in lines:
        if in_comment:
            in_comment = "-->" not in line
            continue
        if in_doctype:
            in_doctype = ">" not in line
            continue
        if line.startswith(_COMMENT_START):
            in_comment = "-->" not in line
            continue
        if line.startswith(_DOCTYPE_START):
            in_doctype = ">" not in line
            continue
        if skip_group_close:
            skip_group_close = False
            if line == "</g>":
                continue
        if after_group and _DOT_NAME_TITLE.match(line):
            after_group = False
            continue  # the DOT name; the tooltip (if any) becomes the title instead
        after_group = bool(_GROUP.match(line))
        anchor = _TOOLTIP_ANCHOR.match(line)
        if anchor:
            anchors_open += 1
            out.append(f"<title>{anchor['text']}</title>")
            continue
        if line == "</a>" and anchors_open:
            anchors_open -= 1
            skip_group_close = True
            continue
        out.append(_tidy(line))
    text = "\n".join(out)
    return _SVG_OPEN.sub(f'<svg font-family="{FONT_FAMILY}"', text, count=1)
