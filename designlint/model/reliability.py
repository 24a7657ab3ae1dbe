"""Dimension B and the reliability contract: failures, cascades, SLOs, DR, multi-region and incidents."""

from typing import Literal

from designlint.model.base import Identifier, Quantity, Section, Text, TextList


class BlastRadius(Section):
    users: Quantity | None = None
    """Share of users affected, e.g. ``5%``."""
    capabilities: TextList = []
    """What stops working for them."""
    revenue: Literal["none", "low", "medium", "high", "critical"] | None = None
    """How much revenue is at stake.

    - ``none``: no revenue impact.
    - ``low``: a little.
    - ``medium``: noticeable.
    - ``high``: a large share.
    - ``critical``: the business stops earning.
    """
    flows: list[Identifier] = []
    """Request paths (by id) that lose capability."""


class FailureScenario(Section):
    id: Identifier
    """A short id for the scenario, e.g. ``feed-cache-node-down``."""
    component: Identifier
    """The component (by id) that fails, e.g. ``feed-cache``."""
    scope: Literal["node", "shard", "partition", "cluster", "region", "all", "partial", "slow"] = "cluster"
    """How much of the component fails.

    - ``node``: one node or instance.
    - ``shard``: one shard of its data.
    - ``partition``: a network partition cuts part of it off.
    - ``cluster``: the whole cluster in one place.
    - ``region``: everything in a region.
    - ``all``: everywhere.
    - ``partial``: some requests fail, others succeed.
    - ``slow``: it answers, but slowly.
    """
    name: Text | None = None
    """The scenario in a few words, e.g. ``Feed cache node down``."""
    impact: Text | None = None
    """What users and other components see, e.g. "feed loads from that shard miss the cache"."""
    degradation: Text | None = None
    """How the system keeps serving (degraded beats down)."""
    action: Text | None = None
    """What on-call does, e.g. "nothing urgent; the cluster replaces the node"."""
    detection: Text | None = None
    """How the failure is noticed, e.g. "cache hit rate under 80% alerts"."""
    blast_radius: BlastRadius | None = None
    """How far the damage spreads: users, capabilities, revenue and request paths lost."""
    duration: Text | None = None
    """How long the impact lasts, e.g. ``until the node is replaced (~5 min)``."""
    partial: bool = False
    """Whether the component keeps answering some requests while failing others."""


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
    """The protection.

    - ``circuit-breaker``: stop calling a failing dependency for a while.
    - ``bulkhead``: separate pools so one dependency cannot use up all threads or connections.
    - ``timeout``: give up waiting after a bound.
    - ``fallback``: answer from something else when a dependency fails.
    - ``retry-budget``: cap retries so they cannot multiply the load.
    - ``load-shedding``: drop low-priority work when overloaded.
    - ``rate-limiting``: cap requests per caller.
    - ``request-coalescing``: merge identical concurrent requests into one.
    - ``backpressure``: slow producers down when consumers fall behind.
    - ``cache-warming``: fill a cache before it takes traffic.
    """
    applied_to: Text
    """Where it is applied, e.g. ``feed-service -> ranking-service``."""
    rationale: Text | None = None
    """Why it is needed there, e.g. "ranking slows down under load and would hold feed threads"."""
    value: Quantity | None = None
    """Its setting, e.g. ``50 ms`` for a timeout or ``10%`` for a retry budget."""


class BurnRateAlert(Section):
    window: Quantity
    """The window the burn rate is measured over, e.g. ``1 h``."""
    burn_rate: float
    """How many times faster than sustainable the budget is being spent, e.g. ``14.4``."""
    severity: Literal["page", "ticket"] = "page"
    """What the alert does.

    - ``page``: wakes someone up.
    - ``ticket``: opens a ticket for working hours.
    """


class Sla(Section):
    target: Quantity
    """What is promised to customers, e.g. ``99.5%``; looser than the SLO."""
    consequence: Text | None = None
    """What happens when it is missed, e.g. "10% service credit"."""


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
    """A short id for the SLO, e.g. ``feed-availability``."""
    service: Identifier | None = None
    """The component (by id) or user-facing service the objective belongs to."""
    sli: Text
    """What is measured, from the user's point of view."""
    kind: Literal["availability", "latency", "freshness", "throughput", "error-rate", "durability"] = (
        "availability"
    )
    """What the SLI measures.

    - ``availability``: the share of requests that succeed.
    - ``latency``: the share of requests faster than ``threshold``.
    - ``freshness``: the share of data newer than ``threshold``.
    - ``throughput``: how much work gets through.
    - ``error-rate``: the share of requests that fail.
    - ``durability``: the share of data kept.
    """
    objective: Quantity
    """The target for the SLI over the window, e.g. ``99.9%``."""
    threshold: Quantity | None = None
    """For latency or freshness SLIs: the bound a good event stays under."""
    window: Quantity | None = None
    """The period the objective is measured over, e.g. ``30d`` (rolling)."""
    error_budget: Quantity | None = None
    """How much failure the objective allows over the window, e.g. ``43.2 min`` for 99.9% over 30 days;
    recomputed."""
    burn_rate_alerts: list[BurnRateAlert] = []
    """Alerts on how fast the error budget burns, e.g. ``- {window: 1 h, burnRate: 14.4, severity: page}``."""
    sla: Sla | None = None
    """The customer-facing agreement behind the SLO, when there is one."""
    query: SliQuery | None = None
    """PromQL for good and total events; `designlint export prometheus` builds rules from it."""
    runbook: Identifier | None = None
    """The runbook (by id) on-call follows when this SLO's alerts fire."""


class DisasterRecovery(Section):
    tier: Literal[1, 2, 3, 4] | None = None
    """The recovery tier, 1 the most demanding.

    - ``1``: mission critical; minutes of data loss and downtime at most.
    - ``2``: business critical; up to an hour.
    - ``3``: important; hours.
    - ``4``: can wait a day or more.
    """
    strategy: Literal["backup-restore", "pilot-light", "warm-standby", "active-active"] | None = None
    """How a lost region is recovered.

    - ``backup-restore``: restore from backups elsewhere; slowest, cheapest.
    - ``pilot-light``: the data is replicated, the rest is started on failover.
    - ``warm-standby``: a scaled-down copy runs and is scaled up on failover.
    - ``active-active``: every region serves all the time.
    """
    rpo: Quantity | None = None
    """Recovery point objective: how much recent data may be lost, e.g. ``5 min``."""
    rto: Quantity | None = None
    """Recovery time objective: how long service may be down, e.g. ``1 h``."""
    replication: Literal["none", "async", "sync"] | None = None
    """How data reaches the recovery site.

    - ``none``: it does not; backups only.
    - ``async``: shortly after each write; the lag is what an RPO can lose.
    - ``sync``: before each write is acknowledged.
    """
    scenarios: TextList = []
    """The disasters planned for, e.g. ``[region outage, data corruption]``."""
    detection: Text | None = None
    """How a disaster is recognised, e.g. "region health checks fail for 5 minutes"."""
    decision_process: Text | None = None
    """Who decides to fail over and how, e.g. "incident commander, after 10 minutes"."""
    failover: TextList = []
    """The failover steps in order."""
    validation: Text | None = None
    """How to confirm the recovered system works, e.g. "synthetic feed loads pass"."""
    failback: TextList = []
    """The steps back to normal once the region returns."""
    post_mortem: Text | None = None
    """How the event is reviewed afterwards."""
    drill_cadence: Text | None = None
    """How often recovery is practised, e.g. ``quarterly``."""
    notes: TextList = []
    """Other points about recovery, one per item."""


class CrossRegionScenario(Section):
    scenario: Text
    """The situation, e.g. ``Same post edited in two regions``."""
    challenge: Text | None = None
    """What makes it hard, e.g. "both edits are accepted locally"."""
    resolution: Text | None = None
    """How the design resolves it, e.g. "last writer wins by hybrid logical clock"."""


class RegionChange(Section):
    component: Text
    """The component that changes, e.g. ``feed-storage``."""
    single_region: Text | None = None
    """How it works in one region."""
    multi_region: Text | None = None
    """How it works across regions."""


class MultiRegion(Section):
    pattern: Literal["single-region", "active-passive", "active-active-read", "active-active-full"]
    """How the system uses regions (the target, when ``current`` says where it is today).

    - ``single-region``: one region serves everything.
    - ``active-passive``: one region serves, another stands by.
    - ``active-active-read``: every region serves reads; writes go to one.
    - ``active-active-full``: every region serves reads and writes.
    """
    current: Literal["single-region", "active-passive", "active-active-read", "active-active-full"] | None = (
        None
    )
    """Where the system is today when ``pattern`` is the target.

    - ``single-region``: one region serves everything.
    - ``active-passive``: one region serves, another stands by.
    - ``active-active-read``: every region serves reads; writes go to one.
    - ``active-active-full``: every region serves reads and writes.
    """
    regions: TextList = []
    """The regions, e.g. ``[us-west-2, us-east-1]``."""
    routing: Text | None = None
    """How users reach a region, e.g. "latency-based DNS"."""
    replication: Literal["none", "async", "sync"] | None = None
    """How data moves between regions.

    - ``none``: it does not.
    - ``async``: shortly after each write.
    - ``sync``: before each write is acknowledged.
    """
    replication_lag: Quantity | None = None
    """How far a region's data may trail another's, e.g. ``2 s``."""
    conflict_resolution: Text | None = None
    """How concurrent writes in two regions are reconciled, e.g. ``last writer wins``."""
    changes: list[RegionChange] = []
    """What changes per component when going multi-region."""
    consistency_challenges: list[CrossRegionScenario] = []
    """Cross-region situations that threaten consistency, and how each is resolved."""


class Incident(Section):
    title: Text
    """What happened, in a few words, e.g. ``Cache stampede after a deploy``."""
    context: Text | None = None
    """The situation before it started."""
    trigger: Text | None = None
    """What set it off, e.g. "a deploy flushed the cache"."""
    propagation: Text | None = None
    """How it spread from component to component."""
    impact: Text | None = None
    """What users saw and for how long."""
    response: Text | None = None
    """What was done to stop it."""
    root_cause: Text | None = None
    """Why it could happen at all."""
    design_change: Text | None = None
    """What the design changed because of it, e.g. "request coalescing in front of storage"."""
    lesson: Text | None = None
    """What it teaches, in a sentence."""


class PartialFailure(Section):
    scenario: Text
    """The partial failure, e.g. ``Ranking answers in 2 s instead of 50 ms``."""
    what_happens: Text | None = None
    """What the system does then, e.g. "feed requests hold threads waiting"."""
    user_impact: Text | None = None
    """What users see, e.g. "slow loads, then timeouts"."""
    response: Text | None = None
    """How the design answers it, e.g. "a 100 ms timeout and chronological order as fallback"."""
