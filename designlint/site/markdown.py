"""Small builders for the Markdown of generated pages. Plain values are escaped; :class:`Raw` is not."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence

from designlint.site.escape import Raw, anchor, text


def cell(value: object) -> Raw:
    """A table cell or inline value: lists are joined, ``None`` is an em dash."""
    if value is None or value == "" or value == []:
        return Raw("—")
    if isinstance(value, (list, tuple)):
        return Raw("<br>".join(text(item) for item in value)) if value else Raw("—")
    return text(value)


def _filled(value: object) -> bool:
    return value not in (None, "", [], ())


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    *,
    css: str | None = None,
    drop_empty: bool = False,
) -> str:
    """A Markdown table; ``css`` wraps it in a ``div`` of that class (md_in_html) for styling or sorting.

    The class goes on a wrapper because Material styles only tables without a class of their own.
    """
    rows = [list(row) for row in rows]
    if not rows:
        return ""
    if drop_empty:  # leave out the columns no row fills
        keep = [i for i in range(len(headers)) if any(_filled(row[i]) for row in rows)]
        headers, rows = [headers[i] for i in keep], [[row[i] for i in keep] for row in rows]
    lines = ["| " + " | ".join(text(h) for h in headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(value) for value in row) + " |" for row in rows]
    markdown = "\n".join(lines)
    return f'<div class="{css}" markdown>\n\n{markdown}\n\n</div>' if css else markdown


def columns(headers: Sequence[str], items: Sequence, getters: Sequence, *, css: str | None = None) -> str:
    """A table of ``items`` that leaves out columns no item fills."""
    return table(headers, ([get(item) for get in getters] for item in items), css=css, drop_empty=True)


def heading(level: int, title: str | Raw, identifier: str | None = None) -> str:
    """A heading; an explicit id keeps anchors stable whatever the title says."""
    suffix = f" {{#{anchor(identifier)}}}" if identifier else ""
    return f"{'#' * level} {text(title) or UNTITLED}{suffix}"


def paragraph(value: object) -> str:
    return str(text(value)) if value not in (None, "") else ""


def labelled(pairs: Iterable[tuple[str, object]]) -> str:
    """``**Label:** value`` lines for the values that are set, as one paragraph."""
    lines = [f"**{text(label)}:** {cell(value)}" for label, value in pairs if value not in (None, "", [], ())]
    return "  \n".join(lines)


def bullets(items: Iterable[object]) -> str:
    return "\n".join(f"- {text(item)}" for item in items if item not in (None, ""))


def numbered(items: Iterable[object]) -> str:
    return "\n".join(
        f"{n}. {text(item)}" for n, item in enumerate((i for i in items if i not in (None, "")), 1)
    )


def admonition(kind: str, title: str, body: str) -> str:
    indented = "\n".join(f"    {line}" if line else "" for line in body.splitlines())
    return f'!!! {kind} "{text(title)}"\n\n{indented}'


def relative(target: str, *, from_page: str) -> str:
    """The docs-relative path ``target`` as a link from ``from_page`` (MkDocs resolves and checks it)."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def link(label: object, target: str, *, from_page: str) -> Raw:
    """A link between generated pages (never to a URL taken from a design)."""
    return Raw(f"[{text(label)}]({relative(target, from_page=from_page)})")


def code(value: object) -> Raw:
    """Inline code look for identifiers, without Markdown code spans (which would not escape)."""
    return Raw(f"<code>{text(value)}</code>") if value not in (None, "") else Raw("")


def blocks(*parts: str | None) -> str:
    """Join non-empty Markdown blocks with blank lines."""
    return "\n\n".join(part for part in parts if part)


NOT_COVERED = "*Not covered in this design.*"
UNTITLED = "(untitled)"


def section(level: int, title: str, identifier: str, *parts: str | None, always: bool = False) -> str:
    """A heading and its blocks; empty when there are none, unless ``always`` (then it says so)."""
    body = blocks(*parts)
    if not body:
        return blocks(heading(level, title, identifier), NOT_COVERED) if always else ""
    return blocks(heading(level, title, identifier), body)
