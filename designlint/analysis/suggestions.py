"""'Did you mean' hints for names a design refers to but never defines, in bounded time.

``difflib.get_close_matches`` over every known name costs about 20 µs per name, once per unknown
name: a design with thousands of broken references would take minutes. Here each design builds one
index of its names; a lookup compares against a bounded set of candidates (all names while there
are few, else the names next to it in sorted order and in sorted order of the reversed names, so
a slip anywhere but at both ends still finds its name); each distinct name is looked up once; and
only the first ``MAX_LOOKUPS`` distinct unknown names get a hint, since a reviewer reads the
first few and the rest are usually the same slip.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from functools import cached_property

MAX_LOOKUPS = 50
"""Distinct unknown names per design that get a 'did you mean' hint."""
ALL_NAMES_UP_TO = 400
"""Up to this many known names every one is a candidate (the exact difflib answer)."""
NEIGHBOURS = 100
"""Candidates taken on each side of a name, in each of the two sorted orders, beyond that."""


class NameSuggestions:
    """The names a design defines, indexed for 'did you mean' lookups."""

    def __init__(self, known: Iterable[str], cutoff: float = 0.6):
        self._known = tuple(known)
        self._cutoff = cutoff
        self._answers: dict[str, str | None] = {}

    @cached_property
    def _sorted(self) -> list[str]:
        # Sorted on the first lookup: most designs have no unknown name and never ask.
        return sorted(set(self._known))

    @cached_property
    def _reversed(self) -> list[str]:
        return sorted(name[::-1] for name in self._sorted)

    def closest(self, name: str) -> str | None:
        """The known name most like ``name``, if one is close enough and lookups remain."""
        if name in self._answers:
            return self._answers[name]
        if len(self._answers) >= MAX_LOOKUPS:
            return None
        import difflib  # only a design with an unknown name pays for it

        close = difflib.get_close_matches(name, self.candidates(name), n=1, cutoff=self._cutoff)
        answer = close[0] if close else None
        self._answers[name] = answer
        return answer

    def hint(self, name: str) -> str | None:
        """``did you mean 'x'?`` for the closest known name, or None."""
        close = self.closest(name)
        return f"did you mean '{close}'?" if close is not None else None

    def candidates(self, name: str) -> list[str]:
        """The known names a lookup of ``name`` compares against, sorted."""
        if len(self._sorted) <= ALL_NAMES_UP_TO:
            return self._sorted
        by_start = _around(self._sorted, name)
        by_end = [reversed_name[::-1] for reversed_name in _around(self._reversed, name[::-1])]
        return sorted(set(by_start) | set(by_end))


def _around(names: list[str], name: str) -> list[str]:
    at = bisect.bisect_left(names, name)
    return names[max(0, at - NEIGHBOURS) : at + NEIGHBOURS]
