"""Dimension A: trade-offs, decisions and their alternatives, and the mental models that carry them."""

from __future__ import annotations

from typing import Literal

from designlint.model.base import Identifier, Section, Text


class TradeOff(Section):
    name: Text
    choice: Text
    sacrifices: Text | None = None
    """What the choice gives up."""
    rationale: Text | None = None
    """Why the sacrifice is acceptable."""


class Alternative(Section):
    name: Text
    description: Text | None = None
    why_rejected: Text | None = None
    when_it_would_work: Text | None = None


class Decision(Section):
    id: Identifier
    title: Text
    decision: Text | None = None
    reversibility: Literal["reversible", "irreversible"] | None = None
    rationale: Text | None = None
    alternatives: list[Alternative] = []


class MentalModel(Section):
    name: Text
    one_liner: Text
    when_to_use: Text | None = None
