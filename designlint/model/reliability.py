"""Dimension B and the reliability contract: failures, cascades, SLOs, DR, multi-region and incidents."""

from __future__ import annotations

from typing import Literal

from designlint.model.base import Identifier, Quantity, Section, Text, TextList


class BlastRadius(Section):
    users: Quantity | None = None
    """Share of users affected, e.g. ``5%``."""
    capabilities: TextList = []
    """What stops working for them."""
    revenue: Literal["none", "low", "medium", "high", "critical"] | None = None
    flows: list[Identifier] = []
    """Request paths (by id) that lose capability."""


class FailureScenario(Section):
    id: Identifier
    component: Identifier
    scope: Literal["node", "shard", "partition", "cluster", "region", "all", "partial", "slow"] = "cluster"
    name: Text | None = None
    impact: Text | None = None
    degradation: Text | None = None
    """How the system keeps serving (degraded beats down)."""
    action: Text | None = None
    detection: Text | None = None
    blast_radius: BlastRadius | None = None
    duration: Text | None = None
    partial: bool = False


class CascadeProtection(Section):
    pattern: Literal[
        "circuit-breaker",
        "bulkhead",
        "timeout",
        "fallback",
        "retry-budget",
        "load-shedding",
        "rate-limiting",
        "request-coalescing",
        "backpressure",
        "cache-warming",
    ]
    applied_to: Text
    rationale: Text | None = None
    value: Quantity | None = None


class BurnRateAlert(Section):
    window: Quantity
    burn_rate: float
    severity: Literal["page", "ticket"] = "page"


class Sla(Section):
    target: Quantity
    consequence: Text | None = None


class SliQuery(Section):
    """The PromQL that counts the SLI's events, for exporting the SLO as monitoring.

    Either a counter selector (``http_requests_total{job="feed", code!~"5.."}``), which export
    wraps as ``sum(rate(SELECTOR[WINDOW]))``, or a full expression with ``$window`` where the
    range goes (``sum(rate(feed_loads_total{result="ok"}[$window]))``).
    """

    good: Text
    """Events that met the objective, e.g. ``http_requests_total{job="feed", code!~"5.."}``."""
    total: Text
    """All eligible events, e.g. ``http_requests_total{job="feed"}``."""


class Slo(Section):
    id: Identifier
    service: Identifier | None = None
    """The component (by id) or user-facing service the objective belongs to."""
    sli: Text
    """What is measured, from the user's point of view."""
    kind: Literal["availability", "latency", "freshness", "throughput", "error-rate", "durability"] = (
        "availability"
    )
    objective: Quantity
    threshold: Quantity | None = None
    """For latency or freshness SLIs: the bound a good event stays under."""
    window: Quantity | None = None
    """e.g. ``30d`` (rolling)."""
    error_budget: Quantity | None = None
    burn_rate_alerts: list[BurnRateAlert] = []
    sla: Sla | None = None
    query: SliQuery | None = None
    """PromQL for good and total events; `designlint export prometheus` builds rules from it."""
    runbook: Identifier | None = None
    """The runbook (by id) on-call follows when this SLO's alerts fire."""


class DisasterRecovery(Section):
    tier: Literal[1, 2, 3, 4] | None = None
    strategy: Literal["backup-restore", "pilot-light", "warm-standby", "active-active"] | None = None
    rpo: Quantity | None = None
    rto: Quantity | None = None
    replication: Literal["none", "async", "sync"] | None = None
    scenarios: TextList = []
    detection: Text | None = None
    decision_process: Text | None = None
    failover: TextList = []
    validation: Text | None = None
    failback: TextList = []
    post_mortem: Text | None = None
    drill_cadence: Text | None = None
    notes: TextList = []


class CrossRegionScenario(Section):
    scenario: Text
    challenge: Text | None = None
    resolution: Text | None = None


class RegionChange(Section):
    component: Text
    single_region: Text | None = None
    multi_region: Text | None = None


class MultiRegion(Section):
    pattern: Literal["single-region", "active-passive", "active-active-read", "active-active-full"]
    current: Literal["single-region", "active-passive", "active-active-read", "active-active-full"] | None = (
        None
    )
    """Where the system is today when ``pattern`` is the target."""
    regions: TextList = []
    routing: Text | None = None
    replication: Literal["none", "async", "sync"] | None = None
    replication_lag: Quantity | None = None
    conflict_resolution: Text | None = None
    changes: list[RegionChange] = []
    consistency_challenges: list[CrossRegionScenario] = []


class Incident(Section):
    title: Text
    context: Text | None = None
    trigger: Text | None = None
    propagation: Text | None = None
    impact: Text | None = None
    response: Text | None = None
    root_cause: Text | None = None
    design_change: Text | None = None
    lesson: Text | None = None


class PartialFailure(Section):
    scenario: Text
    what_happens: Text | None = None
    user_impact: Text | None = None
    response: Text | None = None
