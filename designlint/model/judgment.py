"""Dimension A: trade-offs, decisions and their alternatives, and the mental models that carry them."""

from typing import Literal

from designlint.model.base import Identifier, Section, Text


class TradeOff(Section):
    name: Text
    """What is being traded, e.g. ``Freshness vs read latency``."""
    choice: Text
    """What was chosen, e.g. "precompute feeds on write; a post may take a minute to appear"."""
    sacrifices: Text | None = None
    """What the choice gives up."""
    rationale: Text | None = None
    """Why the sacrifice is acceptable."""


class Alternative(Section):
    name: Text
    """The option that was considered, e.g. ``Pull on read for everyone``."""
    description: Text | None = None
    """How the alternative would work."""
    why_rejected: Text | None = None
    """Why it lost, e.g. "fan-in at read time blows the 300 ms budget"."""
    when_it_would_work: Text | None = None
    """When it would be the better choice, e.g. "if most accounts followed fewer than 50 others"."""


class Decision(Section):
    id: Identifier
    """A short id for the decision, e.g. ``hybrid-fanout``."""
    title: Text
    """The decision in a few words, e.g. ``Hybrid push/pull fan-out``."""
    decision: Text | None = None
    """What was decided, in a sentence."""
    reversibility: Literal["reversible", "irreversible"] | None = None
    """How hard it is to undo.

    - ``reversible``: a two-way door; can be changed later at modest cost.
    - ``irreversible``: a one-way door, e.g. a storage format; deserves the most scrutiny.
    """
    rationale: Text | None = None
    """Why this option won over the alternatives, e.g. "it keeps every feed read on one shard"."""
    alternatives: list[Alternative] = []
    """The options that were rejected, with why and when each would work."""


class MentalModel(Section):
    name: Text
    """The model's name, e.g. ``Feed as a cache``."""
    one_liner: Text
    """The idea in one line, e.g. "a feed is a materialised view of a query over the follow graph"."""
    when_to_use: Text | None = None
    """When the model helps, e.g. "deciding what may be stale"."""
