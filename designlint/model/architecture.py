"""The architecture: components, the dependencies between them, and the request paths through them."""

from __future__ import annotations

from typing import Literal

from designlint.model.base import Identifier, Quantity, QuantityName, Section, Text, TextList

ComponentKind = Literal[
    "client",
    "cdn",
    "load-balancer",
    "api-gateway",
    "service",
    "worker",
    "cache",
    "queue",
    "stream",
    "database",
    "wide-column-store",
    "key-value-store",
    "object-store",
    "search-index",
    "external-service",
    "ml-model",
    "scheduler",
]


class Dependency(Section):
    target: Identifier
    """The component (by id) this one calls."""
    mode: Literal["sync", "async"] = "sync"
    protocol: Text | None = None
    purpose: Text | None = None
    timeout: Quantity | None = None
    fallback: Text | None = None
    """What the caller does when the target is down or slow."""
    circuit_breaker: bool | None = None
    criticality: Literal["hard", "soft"] = "hard"
    """A soft dependency's failure degrades the caller rather than failing it."""


class Capacity(Section):
    per_node: Quantity
    """What one node sustains, e.g. ``10K writes/s``."""
    load: Text | None = None
    """Peak load: a quantity or the name of a scale quantity, e.g. ``peak_fanout_writes_per_s``."""
    nodes: int | None = None
    target_utilisation: Quantity | None = None
    """Defaults to the 60-70 % band when not stated."""


class Component(Section):
    id: Identifier
    name: Text
    kind: ComponentKind
    technology: Text | None = None
    owner: Text | None = None
    """Owning team."""
    external: bool = False
    """Owned and operated by another team or vendor."""
    user_facing: bool = False
    responsibility: Text | None = None
    description: Text | None = None
    design_notes: TextList = []
    replicas: int | None = None
    shards: int | None = None
    shard_key: Text | None = None
    availability: Quantity | None = None
    """The component's own availability, used for composite-availability arithmetic."""
    capacity: Capacity | None = None
    hot_keys: Text | None = None
    """How the component handles a hot key or a skewed partition: what happens to the heaviest
    key (a celebrity account, a viral item), e.g. pull instead of push above a threshold."""
    depends_on: list[Dependency] = []


class PathStep(Section):
    name: Text
    component: Identifier | None = None
    budget: Quantity | None = None
    """Latency budget for the step, e.g. ``50 ms``; a step written without one is reported (DL107)."""
    parallel_group: Identifier | None = None
    """Steps sharing a group run concurrently; the group costs its slowest step."""
    notes: Text | None = None


class RequestPath(Section):
    id: Identifier
    name: Text
    flow: Literal["read", "write", "control"]
    operation: Identifier | None = None
    """The latency target (``nfr.latency[].operation``) this path must meet."""
    description: Text | None = None
    steps: list[PathStep] = []
    total: Quantity | None = None
    """Stated end-to-end budget, recomputed from the steps."""


class Architecture(Section):
    summary: Text | None = None
    components: list[Component] = []
    paths: list[RequestPath] = []
    data_model: TextList = []
    availability_formula: QuantityName | None = None
