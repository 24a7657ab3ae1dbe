"""Phase 4: how well the system must work."""

from typing import Annotated, Literal

from pydantic import Field

from designlint.model.base import Identifier, Quantity, Section, Text, TextList

Percentile = Annotated[str, Field(pattern=r"^[pP]\d{1,2}(\.\d+)?$", description="e.g. p50, p95, p99, p99.9")]


class LatencyTarget(Section):
    operation: Identifier
    """Operation id that use cases and request paths refer to."""
    name: Text | None = None
    """The operation as people say it, e.g. ``Home feed load``."""
    target: Quantity
    """The latency bound, e.g. ``300 ms``."""
    percentile: Percentile | None = None
    """The percentile the bound applies to, e.g. ``p99``."""
    rationale: Text | None = None
    """Why this bound, e.g. "users abandon the app after a second of blank screen"."""


class AvailabilityTarget(Section):
    name: Text
    """What must be available, e.g. ``Feed reads``."""
    component: Identifier | None = None
    """The component (by id) the target is for, when it is one, e.g. ``feed-service``."""
    target: Quantity
    """The availability to reach, e.g. ``99.9%``."""
    rationale: Text | None = None
    """Why this target, e.g. "the feed is the product; 43 minutes a month is the most users tolerate"."""


class ConsistencyRequirement(Section):
    aspect: Text
    """Which data or operation the requirement is about, e.g. ``Feed contents``."""
    model: Literal["strong", "eventual", "read-your-writes", "causal", "monotonic-reads", "bounded-staleness"]
    """The consistency guaranteed.

    - ``strong``: every read sees the latest write.
    - ``eventual``: reads catch up eventually; state the ``bound``.
    - ``read-your-writes``: a user always sees their own writes.
    - ``causal``: writes that depend on each other are seen in order.
    - ``monotonic-reads``: a user never sees older data after newer.
    - ``bounded-staleness``: reads lag writes by at most the ``bound``.
    """
    bound: Quantity | None = None
    """Staleness bound for eventual models, e.g. ``60 s``."""
    rationale: Text | None = None
    """Why this model is enough, e.g. "a post seen a minute late harms nobody"."""


class QualitativeTarget(Section):
    """A target written without a number ("should be fast", "highly available"), kept as the
    source states it so the design can be written down; it is reported until it gets a number."""

    aspect: Literal[
        "latency",
        "availability",
        "throughput",
        "freshness",
        "durability",
        "consistency",
        "scalability",
        "cost",
        "other",
    ] = "other"
    """What the target is about.

    - ``latency``: how fast.
    - ``availability``: how often it works.
    - ``throughput``: how much gets through.
    - ``freshness``: how stale results may be.
    - ``durability``: how safe the data is.
    - ``consistency``: what reads may see.
    - ``scalability``: how it grows.
    - ``cost``: what it may cost.
    - ``other``: anything else.
    """
    statement: Text
    """The target in the source's words, e.g. ``minimal latency on redirects``."""
    operation: Identifier | None = None
    """The operation it is about, when it names one."""
    component: Identifier | None = None
    """The component (by id) it is about, when it names one."""


class FreshnessTarget(Section):
    """How stale the result of batch, offline or streaming work may get: a re-crawl interval, a lag."""

    operation: Identifier
    """Operation id that use cases refer to."""
    name: Text | None = None
    """The work as people say it, e.g. ``Search index refresh``."""
    target: Quantity
    """The bound, e.g. ``24 h`` for a daily batch or ``5 s`` of stream lag."""
    percentile: Percentile | None = None
    """The percentile the bound applies to, e.g. ``p95``."""
    rationale: Text | None = None
    """Why this bound is enough, e.g. "prices change at most daily"."""


class ThroughputTarget(Section):
    """How much batch, offline or streaming work must get through, e.g. ``1B pages/month``."""

    operation: Identifier
    """Operation id that use cases refer to."""
    name: Text | None = None
    """The work as people say it, e.g. ``Nightly crawl``."""
    target: Quantity
    """How much must get through, e.g. ``1B pages/month``."""
    rationale: Text | None = None
    """Why this much, e.g. "the whole catalogue is re-crawled monthly"."""


class Security(Section):
    authentication: Text | None = None
    """How callers prove who they are, e.g. "OAuth 2 access tokens checked at the gateway"."""
    authorization: Text | None = None
    """How the system decides what a caller may do, e.g. "a reader only sees posts of accounts they may
    follow"."""
    rate_limiting: Text | None = None
    """How abuse is contained, e.g. "100 feed loads per minute per user at the gateway"."""
    pii: Text | None = None
    """How personal data is handled (logging, tracing, storage)."""
    retention: Text | None = None
    """How long data is kept and how deletion requests are honoured."""
    trust_boundaries: TextList = []
    """Where trusted and untrusted meet, e.g. "public internet to API gateway"."""
    compliance: TextList = []
    """Regulations the design must meet, e.g. ``[GDPR, SOC 2]``."""
    notes: TextList = []
    """Other security points, one per item."""


class NonFunctional(Section):
    latency: list[LatencyTarget] = []
    """Latency targets by operation, each with a percentile, e.g. ``- {operation: feed-load, target: 300 ms,
    percentile: p99}``."""
    availability: list[AvailabilityTarget] = []
    """Availability targets, e.g. ``- {name: Feed reads, target: 99.9%}``."""
    consistency: list[ConsistencyRequirement] = []
    """What reads may see of recent writes, per kind of data."""
    durability: TextList = []
    """What must never be lost and how that is ensured, e.g. "posts are written to three zones before the
    publish succeeds"."""
    security: Security | None = None
    """Authentication, authorization, rate limiting, personal data, retention and trust boundaries."""
    freshness: list[FreshnessTarget] = []
    """Freshness or lag targets of batch, offline and streaming work."""
    throughput: list[ThroughputTarget] = []
    """Throughput targets of batch, offline and streaming work."""
    qualitative: list[QualitativeTarget] = []
    """Targets stated without a number; each asks for one (DL106)."""
