"""Design text is data: one escaping function for every string that reaches a generated page.

Pages are Markdown that MkDocs turns into HTML, and MkDocs' templates insert titles without
escaping them again. So every character that Markdown, raw HTML, Jinja-style templating or a
table could read as syntax becomes a numeric character reference: the browser shows it as the
character, and nothing on the way interprets it. Links are never built from design text, so a
``javascript:`` URL stays visible text; the one link built from a file name (the page's "Edit
this page" link to its YAML file) has the name percent-encoded (:func:`url_path`), because the
theme puts it in an attribute as it is.

Generated markup that *is* meant to be markup (a link to a rule page, a badge) is wrapped in
:class:`Raw`; the page builders escape everything else.
"""

from __future__ import annotations

import re
from urllib.parse import quote

# Characters with a meaning in Markdown (inline and block), HTML, tables or templates.
_SPECIAL = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
    "`": "&#96;",
    "\\": "&#92;",
    "[": "&#91;",
    "]": "&#93;",
    "(": "&#40;",
    ")": "&#41;",
    "*": "&#42;",
    "_": "&#95;",
    "|": "&#124;",
    "{": "&#123;",
    "}": "&#125;",
    "~": "&#126;",
    "^": "&#94;",
    "$": "&#36;",
    ":": "&#58;",
    "#": "&#35;",
    "!": "&#33;",
}
_TRANSLATION = str.maketrans(_SPECIAL)
# At the start of a line these start a block: "- item", "+ item", "===" (setext), "1. item".
_LEADING_BLOCK = re.compile(r"^(?:\d+)?(?P<mark>(?<=\d)[.)](?=\s|$)|(?<!\d)[-+=])")
_BLANK_RUNS = re.compile(r"\n{2,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SIMPLE = re.compile(r"[^\x00-\x1f\x7f]*")  # one line without control characters


class Raw(str):
    """Markup produced by designlint itself; the page builders insert it without escaping."""

    __slots__ = ()


def text(value: object) -> Raw:
    """``value`` as inert text for a Markdown page: safe in prose, headings and table cells.

    Newlines become ``<br>`` (a blank line becomes two), so a value never leaves the line or the
    table cell it was put in.
    """
    if isinstance(value, Raw):
        return value
    if value is None:
        return Raw("")
    if isinstance(value, bool):
        value = "yes" if value else "no"
    raw = str(value)
    if _SIMPLE.fullmatch(raw):  # most values: one line, nothing to do but translate (pages hold many)
        line = raw.strip().translate(_TRANSLATION)
        lead = _LEADING_BLOCK.match(line)
        return Raw(
            line
            if lead is None
            else f"{line[: lead.start('mark')]}&#{ord(lead['mark'])};{line[lead.end() :]}"
        )
    raw = _CONTROL.sub("", raw).replace("\r\n", "\n").replace("\r", "\n").strip()
    lines = []
    for line in _BLANK_RUNS.sub("\n\n", raw).split("\n"):
        line = line.strip().translate(_TRANSLATION)
        lead = _LEADING_BLOCK.match(line)
        if lead:  # keep the text, lose the block syntax
            line = f"{line[: lead.start('mark')]}&#{ord(lead['mark'])};{line[lead.end() :]}"
        lines.append(line)
    return Raw("<br>".join(lines))


_CODE_SPAN = re.compile(r"`([^`\n]+)`")
# Private-use characters hold a code span's place while the text around it is escaped.
_HOLD_OPEN, _HOLD_CLOSE = "\ue000", "\ue001"
_HELD = re.compile(f"{_HOLD_OPEN}([0-9]+){_HOLD_CLOSE}")


def prose(value: object) -> Raw:
    """Documentation from a rule pack (which a repository may bring): `code spans` stay code,
    everything else is :func:`text`, so a pack's docs cannot add markup, links or script."""
    raw = str(value or "").replace(_HOLD_OPEN, "").replace(_HOLD_CLOSE, "")
    spans: list[str] = []

    def hold(match: re.Match[str]) -> str:
        spans.append(match.group(1))
        return f"{_HOLD_OPEN}{len(spans) - 1}{_HOLD_CLOSE}"

    escaped = text(_CODE_SPAN.sub(hold, raw))
    return Raw(_HELD.sub(lambda match: f"<code>{text(spans[int(match.group(1))])}</code>", escaped))


def fenced(value: object, language: str = "yaml") -> str:
    """A fenced code block whose fence no line of ``value`` can close: longer than any backtick run in it."""
    body = str(value or "").rstrip()
    longest = max((len(run) for run in re.findall("`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{body}\n{fence}"


def url_path(path: str) -> str:
    """A repository path as the path part of a URL: every character but letters, digits, '/' and
    ``-._~`` percent-encoded, so a file named ``x"><img onerror=...>.yaml`` cannot end the
    attribute the theme puts the link in (MkDocs' templates do not escape ``edit_url``)."""
    return quote(path, safe="/")


def anchor(identifier: str) -> str:
    """A heading id made from a design identifier: lower-case letters, digits and '-' only."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(identifier).lower()).strip("-")
    return slug or "item"


# MkDocs' and Material's templates insert a page title unescaped (and, for a title taken from the
# page's H1, unescape it once more for <title>). So a title holds no markup characters at all:
# look-alikes stand in for them, and '&' is the one reference, which nothing turns into markup.
_TITLE_LOOKALIKES = str.maketrans({"<": "‹", ">": "›", "&": "&amp;", '"': "”", "'": "’", "`": "ʻ", "\\": "∖"})


def title_text(value: object) -> str:
    """A page title for the navigation, the header and ``<title>``: plain text, one line, no markup characters."""
    raw = _CONTROL.sub("", str(value or ""))
    return " ".join(raw.split()).translate(_TITLE_LOOKALIKES)[:200]
