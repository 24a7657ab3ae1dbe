"""Where a design's prose puts off disaster recovery: "single region for now, DR later",
"backups TBD", "rebuild time TBD".

A design without a DR plan is one gap whatever its prose says; when the prose says it in words,
that sentence is where a reader looks for the answer, so the finding points there. A clause (text
between commas, semicolons, parentheses or sentence ends) counts when it names recovery and puts
it off or says there is none. This is a heuristic over free text: it only chooses where the
finding lands, never whether there is one.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from designlint.analysis.prose_text import prose_fields

# Words that name recovery from the loss of a site or of data.
RECOVERY_WORDS = frozenset(
    """dr disaster failover fail-over backup backups restore restores restoring rebuild rebuilt
    recovery recover region regions multi-region snapshot snapshots""".split()
)
# Words and phrases that put the answer off, or say there is none.
DEFERRAL_WORDS = frozenset("later tbd tbc todo none eventually someday n/a".split())
DEFERRAL_PHRASES = ("for now", "not yet", "out of scope", "no plan", "in the future", "next phase")
# The first step is a substring test: most prose names no recovery and costs one pass.
_LOWER_STEMS = ("dr", "disaster", "fail", "backup", "restor", "rebuil", "recover", "region", "snapshot")
_CLAUSE_END = re.compile(r"[,;()\[\]]|[.!?](?=\s|$)|\n")
_WORD = re.compile(r"[a-z][a-z/-]*")


class Deferral(NamedTuple):
    """A clause of prose that puts disaster recovery off."""

    path: tuple
    offset: int  # where the clause starts in the field's text
    clause: str


def _may_name_recovery(text: str) -> bool:
    lowered = text.lower()
    return any(stem in lowered for stem in _LOWER_STEMS)


def recovery_deferral(design) -> Deferral | None:
    """The first clause, in document order, that names recovery and puts it off; None if none does."""
    for field in prose_fields(design, keep=_may_name_recovery):
        found = _deferring_clause(field.text)
        if found is not None:
            start, clause = found
            return Deferral(field.path, start, clause)
    return None


def _deferring_clause(text: str) -> tuple[int, str] | None:
    start = 0
    for end in [match.start() for match in _CLAUSE_END.finditer(text)] + [len(text)]:
        clause = text[start:end]
        lowered = clause.lower()
        words = set(_WORD.findall(lowered))
        if words & RECOVERY_WORDS and (
            words & DEFERRAL_WORDS or any(phrase in lowered for phrase in DEFERRAL_PHRASES)
        ):
            offset = start + len(clause) - len(clause.lstrip())
            return offset, clause.strip()
        start = end + 1
    return None
