"""Phase 3: the numbers, each derived from others where possible."""

from __future__ import annotations

from designlint.model.base import Quantity, QuantityName, Section, Text


class NamedQuantity(Section):
    name: QuantityName
    """Name used by formulas elsewhere (e.g. ``dau``)."""
    value: Quantity | None = None
    """The stated value, e.g. ``1B loads/day``; may be left out when a formula gives it."""
    formula: Text | None = None
    """How the value is derived from other named quantities, e.g. ``dau * sessions_per_user``."""
    label: Text | None = None
    rationale: Text | None = None


class PeakMultiplier(Section):
    factor: Text
    multiplier: Quantity
    notes: Text | None = None


class ScaleStep(Section):
    scale: Quantity
    """Growth relative to today, e.g. ``5x``."""
    load: Quantity | None = None
    bottleneck: Text
    """What breaks first at this scale."""
    mitigation: Text | None = None


class Scale(Section):
    quantities: list[NamedQuantity] = []
    peak_multipliers: list[PeakMultiplier] = []
    design_target: Text | None = None
    over_time: list[ScaleStep] = []
    """Scale over time with the first bottleneck at each step."""
    bottlenecks: list[Text] = []
