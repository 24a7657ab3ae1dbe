"""Dimension D: what the design costs now and where that is heading."""

from typing import Literal

from designlint.model.base import Identifier, Quantity, QuantityName, Section, Text


class CostItem(Section):
    name: Text
    """What is paid for, e.g. ``Feed cache on ElastiCache r6g.large``."""
    component: Identifier | None = None
    """The component (by id) the cost belongs to, e.g. ``feed-cache``."""
    quantity: Quantity | None = None
    """How many units, e.g. ``3`` nodes or ``350 GB``; may name a scale quantity in ``quantityRef``."""
    quantity_ref: QuantityName | None = None
    """A scale quantity (by name) that gives the amount, e.g. ``cache_nodes``."""
    unit_price: Quantity | None = None
    """The price of one unit, e.g. ``$60/month`` or ``$0.48/hour``."""
    monthly: Quantity | None = None
    """Stated monthly cost of the item."""
    notes: Text | None = None
    """More about the item, e.g. the pricing assumed."""


class CostDriver(Section):
    driver: Text
    """What drives the cost, e.g. ``Fan-out writes``."""
    magnitude: Text | None = None
    """How much it weighs, e.g. ``60% of the storage bill``."""
    mitigation: Text | None = None
    """How the driver is kept in check, e.g. "pull for accounts with over 10K followers"."""


class CostTrend(Section):
    factor: Text
    """What changes the cost over time, e.g. ``User growth``."""
    now: Text | None = None
    """Where it stands today, e.g. ``$48K/month``."""
    later: Text | None = None
    """Where it is heading, e.g. ``$120K/month``."""
    horizon: Text | None = None
    """When, e.g. ``in 2 years``."""
    mitigation: Text | None = None
    """What keeps the growth in check, e.g. "tiered storage for items older than a week"."""


class Cost(Section):
    currency: Literal["USD", "EUR", "GBP"] = "USD"
    """The currency of the figures.

    - ``USD``: US dollars.
    - ``EUR``: euros.
    - ``GBP``: pounds sterling.
    """
    hours_per_month: Quantity | None = None
    """Month convention for hourly prices; 730 h when not stated."""
    items: list[CostItem] = []
    """What is paid for, each with quantity, unit price and monthly cost, e.g. ``- {name: Feed cache,
    quantity: 124 nodes, unitPrice: $180/node/month}``."""
    total: Quantity | None = None
    """Stated monthly total of the items, e.g. ``$48,000/month``; recomputed from the items."""
    users: QuantityName | None = None
    """Scale quantity (by name) used for cost per user, e.g. ``dau``."""
    per_user: Quantity | None = None
    """Stated monthly cost per user, e.g. ``$0.0002/user/month``; recomputed from the total and ``users``."""
    drivers: list[CostDriver] = []
    """What drives the cost most, and how each is kept in check."""
    trajectory: list[CostTrend] = []
    """How the cost changes over time."""
    notes: Text | None = None
    """More about the cost, e.g. discounts assumed."""
