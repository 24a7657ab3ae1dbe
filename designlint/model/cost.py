"""Dimension D: what the design costs now and where that is heading."""

from __future__ import annotations

from typing import Literal

from designlint.model.base import Identifier, Quantity, QuantityName, Section, Text


class CostItem(Section):
    name: Text
    component: Identifier | None = None
    quantity: Quantity | None = None
    """How many units, e.g. ``3`` nodes or ``350 GB``; may name a scale quantity in ``quantityRef``."""
    quantity_ref: QuantityName | None = None
    unit_price: Quantity | None = None
    """e.g. ``$60/month`` or ``$0.48/hour``."""
    monthly: Quantity | None = None
    """Stated monthly cost of the item."""
    notes: Text | None = None


class CostDriver(Section):
    driver: Text
    magnitude: Text | None = None
    mitigation: Text | None = None


class CostTrend(Section):
    factor: Text
    now: Text | None = None
    later: Text | None = None
    horizon: Text | None = None
    mitigation: Text | None = None


class Cost(Section):
    currency: Literal["USD", "EUR", "GBP"] = "USD"
    hours_per_month: Quantity | None = None
    """Month convention for hourly prices; 730 h when not stated."""
    items: list[CostItem] = []
    total: Quantity | None = None
    """Stated monthly total."""
    users: QuantityName | None = None
    """Scale quantity (by name) used for cost per user, e.g. ``dau``."""
    per_user: Quantity | None = None
    drivers: list[CostDriver] = []
    trajectory: list[CostTrend] = []
    notes: Text | None = None
