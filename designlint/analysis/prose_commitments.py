"""SLAs and cost totals written in prose: the promises a design makes in words.

- SLA: ``SLA`` (or ``SLAs``) next to an availability (``SLA 99.99%``, ``an SLA of 99.95%``,
  ``a 99.95% uptime SLA``), with the SLO stated in the same sentence if there is one. A sentence
  about a vendor's, provider's or dependency's SLA, or a possessive owner (``Stripe's SLA``)
  marks someone else's promise; the owner is kept so it can be checked against the design.
- total: ``total`` followed by a monthly amount of money (``Total: ~$1,135/month``,
  ``the total monthly cost is $710/month``); not in a sentence that prices another situation
  (``if``, ``would``, ``after``...), not an amount that starts a sum or is the total *of*
  something (``$50/month for the cache``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from designlint.analysis.prose_text import (
    APPROXIMATE_RELATIONS,
    APPROXIMATE_WORDS,
    Term,
    Token,
    availability_at,
    continues,
    term_at,
)

_SLA_WORDS = frozenset({"sla", "slas"})
_SLA_FILLERS = frozenset(
    """of is at a an the our target targets promise promises promised guarantee guarantees
    guaranteed commitment committed external externally customer customers to uptime availability
    monthly contractual contract""".split()
)
_SLO_WORDS = frozenset({"slo", "slos", "objective"})
# An SLA someone else gives us is not ours to keep looser than our SLO.
THIRD_PARTY = frozenset(
    """vendor vendors vendor's provider providers provider's third their upstream supplier suppliers
    dependency dependency's""".split()
)
_POSSESSOR = re.compile(r"([\w.-]+)['’]s\s*$")

_TOTAL_WORDS = frozenset({"total", "totals", "totalling", "totaling", "totalled", "totaled"})
_TOTAL_FILLERS = frozenset(
    """cost costs monthly comes come coming to is of at the a run runs running spend bill
    infrastructure estimated estimate overall in all""".split()
)
# A sentence that prices a different situation is not the design's total.
HYPOTHETICAL = frozenset(
    """if would could might once when after excluding except without plus additional extra future
    later projected reserved discount discounted savings saving per each""".split()
)
# "$50/month for the cache" is the total of a part.
_OF_A_PART = frozenset({"for", "of", "per", "each"})


class SlaClaim(NamedTuple):
    sla: Term
    slo: Term | None  # an SLO stated in the same sentence
    sentence: str  # to find the service or SLO it names
    owner: str | None  # "stripe" in "Stripe's SLA": whose promise it is


class TotalClaim(NamedTuple):
    stated: Term
    approximate: bool
    sentence: str  # to tell a part's total from the design's


def sla_claims(found: list[Token], text: str, start: int, end: int) -> list[SlaClaim]:
    """The SLAs stated in the sentence ``text[start:end]``, read from its tokens."""
    words = {token.text for token in found if token.kind == "word"}
    if not words & _SLA_WORDS or words & THIRD_PARTY:
        return []
    claims: list[SlaClaim] = []
    slo = _stated_slo(found)
    for index, token in enumerate(found):
        if token.kind != "word" or token.text not in _SLA_WORDS:
            continue
        sla = _availability_near(found, index, _SLA_FILLERS)
        if sla is None or sla is slo:
            continue
        possessor = _POSSESSOR.search(text, max(start, token.start - 80), token.start)
        owner = possessor.group(1).lower() if possessor else None
        claims.append(SlaClaim(sla=sla, slo=slo, sentence=text[start:end], owner=owner))
    return claims


def _availability_near(found: list[Token], index: int, fillers: frozenset[str]) -> Term | None:
    """An availability written just after (or just before) token ``index``, only fillers between."""
    for step in (1, -1):
        position = index + step
        while 0 <= position < len(found):
            availability = availability_at(found, position)
            if availability is not None:
                return availability
            token = found[position]
            if (token.kind == "word" and token.text in fillers) or token.text in (":", "="):
                position += step
                continue
            break
    return None


def _stated_slo(found: list[Token]) -> Term | None:
    for index, token in enumerate(found):
        if token.kind == "word" and token.text in _SLO_WORDS:
            near = _availability_near(found, index, _SLA_FILLERS - {"contractual", "contract"})
            if near is not None:
                return near
    return None


def total_claims(found: list[Token], text: str, start: int, end: int) -> list[TotalClaim]:
    """The monthly totals stated in the sentence ``text[start:end]``."""
    words = {token.text for token in found if token.kind == "word"}
    if not words & _TOTAL_WORDS:
        return []
    claims = []
    sentence = text[start:end]
    hypothetical = _hypothetical_clauses(found)
    for index, token in enumerate(found):
        if token.kind != "word" or token.text not in _TOTAL_WORDS or hypothetical[index]:
            continue
        approximate = False
        position = index + 1
        while position < len(found) and (
            (found[position].kind == "word" and found[position].text in _TOTAL_FILLERS | APPROXIMATE_WORDS)
            or found[position].text in (":", "=", "≈", "~=")
        ):
            approximate = approximate or found[position].text in APPROXIMATE_WORDS | APPROXIMATE_RELATIONS
            position += 1
        term = term_at(found, position)
        if term is None or not _is_money(term):
            # "... add up to $1,135/month in total": the amount written before the word.
            before = index - 2 if index >= 2 and found[index - 1].text == "in" else index - 1
            term = term_at(found, before) if before >= 0 else None
            if term is None or not _is_money(term) or _led_by_sum(found, before):
                continue
            claims.append(TotalClaim(stated=term, approximate=approximate, sentence=sentence))
            continue
        if continues(found, position + 1):
            continue  # the first number of a sum
        if position + 1 < len(found) and found[position + 1].text in _OF_A_PART:
            continue
        claims.append(TotalClaim(stated=term, approximate=approximate, sentence=sentence))
    return claims


def _hypothetical_clauses(found: list[Token]) -> list[bool]:
    """Per token, whether its clause (between semicolons) prices another situation; one pass, so a
    sentence of many totals costs its length, not its length squared."""
    marks: list[bool] = []
    clause_start = 0
    for index in range(len(found) + 1):
        if index == len(found) or found[index].text == ";":
            clause = found[clause_start:index]
            priced = any(token.kind == "word" and token.text in HYPOTHETICAL for token in clause)
            marks.extend([priced] * (index - clause_start))
            if index < len(found):
                marks.append(priced)  # the semicolon closes the clause before it
            clause_start = index + 1
    return marks


def _led_by_sum(found: list[Token], index: int) -> bool:
    """Whether the amount at ``index`` ends a sum (``$500 + $400 = $900 total`` is arithmetic)."""
    return index > 0 and found[index - 1].kind in ("op", "eq")


def _is_money(term: Term) -> bool:
    unit = term.quantity.unit
    return unit[:3] in ("USD", "EUR", "GBP") and "/" in unit
