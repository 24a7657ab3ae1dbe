"""Pages without the theme's indentation: a site of a hundred designs is mostly template whitespace.

Only the whitespace at the start of a line goes, and never inside ``<pre>`` or ``<textarea>``, where
it is content. A line break stays a line break, so text reads exactly as before.
"""

from __future__ import annotations

import re

_KEEP_OPEN = re.compile(r"<(pre|textarea)\b", re.IGNORECASE)
# A line break with the indentation and blank lines after it: one pass, one line break.
_BREAK_AND_INDENT = re.compile(r"\n[ \t\n]+")


def _squeeze(html: str) -> str:
    return _BREAK_AND_INDENT.sub("\n", html)


def compact_html(html: str) -> str:
    """``html`` without line indentation and blank lines outside preformatted elements."""
    out: list[str] = []
    start = 0
    lowered = html.lower()
    while (opening := _KEEP_OPEN.search(html, start)) is not None:
        closing = lowered.find(f"</{opening[1].lower()}>", opening.end())
        end = len(html) if closing < 0 else closing
        out.append(_squeeze(html[start : opening.start()]))
        out.append(html[opening.start() : end])
        start = end
    out.append(_squeeze(html[start:]))
    return "".join(out)
