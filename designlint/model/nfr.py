"""Phase 4: how well the system must work."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from designlint.model.base import Identifier, Quantity, Section, Text, TextList

Percentile = Annotated[str, Field(pattern=r"^[pP]\d{1,2}(\.\d+)?$", description="e.g. p50, p95, p99, p99.9")]


class LatencyTarget(Section):
    operation: Identifier
    """Operation id that use cases and request paths refer to."""
    name: Text | None = None
    target: Quantity
    percentile: Percentile | None = None
    rationale: Text | None = None


class AvailabilityTarget(Section):
    name: Text
    component: Identifier | None = None
    target: Quantity
    rationale: Text | None = None


class ConsistencyRequirement(Section):
    aspect: Text
    model: Literal["strong", "eventual", "read-your-writes", "causal", "monotonic-reads", "bounded-staleness"]
    bound: Quantity | None = None
    """Staleness bound for eventual models, e.g. ``60 s``."""
    rationale: Text | None = None


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
    statement: Text
    """The target in the source's words, e.g. ``minimal latency on redirects``."""
    operation: Identifier | None = None
    """The operation it is about, when it names one."""
    component: Identifier | None = None


class Security(Section):
    authentication: Text | None = None
    authorization: Text | None = None
    rate_limiting: Text | None = None
    pii: Text | None = None
    """How personal data is handled (logging, tracing, storage)."""
    retention: Text | None = None
    """How long data is kept and how deletion requests are honoured."""
    trust_boundaries: TextList = []
    compliance: TextList = []
    notes: TextList = []


class NonFunctional(Section):
    latency: list[LatencyTarget] = []
    availability: list[AvailabilityTarget] = []
    consistency: list[ConsistencyRequirement] = []
    durability: TextList = []
    security: Security | None = None
    qualitative: list[QualitativeTarget] = []
    """Targets stated without a number; each asks for one (DL106)."""
