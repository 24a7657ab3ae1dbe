"""Phase 3: the numbers, each derived from others where possible."""

from designlint.model.base import Quantity, QuantityName, Section, Text


class NamedQuantity(Section):
    name: QuantityName
    """Name used by formulas elsewhere (e.g. ``dau``)."""
    value: Quantity | None = None
    """The stated value, e.g. ``1B loads/day``; may be left out when a formula gives it."""
    formula: Text | None = None
    """How the value is derived from other named quantities, e.g. ``dau * sessions_per_user``."""
    label: Text | None = None
    """A human label for the site and reports, e.g. ``Daily active users``."""
    rationale: Text | None = None
    """Where the number comes from or why it is reasonable, e.g. "healthy engagement for a social product"."""


class PeakMultiplier(Section):
    factor: Text
    """What causes the peak, e.g. ``Evening peak`` or ``Major live event``."""
    multiplier: Quantity
    """How far above the average the peak goes, e.g. ``3-4x``."""
    notes: Text | None = None
    """More about the peak, e.g. how long it lasts."""


class ScaleStep(Section):
    scale: Quantity
    """Growth relative to today, e.g. ``5x``."""
    load: Quantity | None = None
    """The load at this step, e.g. ``250K loads/s``."""
    bottleneck: Text
    """What breaks first at this scale."""
    mitigation: Text | None = None
    """What the design does about the bottleneck at this step, e.g. "shard the feed cache by user"."""


class Scale(Section):
    quantities: list[NamedQuantity] = []
    """The named numbers, each stated and/or derived by a formula from others, e.g. ``- {name: dau, value:
    200M users, formula: mau * dau_ratio}``."""
    peak_multipliers: list[PeakMultiplier] = []
    """How far peaks go above the average and why."""
    design_target: Text | None = None
    """The load the design is sized for, e.g. "50K feed loads/s, 1.2x the expected peak"."""
    over_time: list[ScaleStep] = []
    """Scale over time with the first bottleneck at each step."""
    bottlenecks: list[Text] = []
    """What breaks first as load grows, e.g. "fan-out writes for accounts with many followers"."""
