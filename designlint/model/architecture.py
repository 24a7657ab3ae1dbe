"""The architecture: components, the dependencies between them, and the request paths through them."""

from typing import Literal

from designlint.model.base import Identifier, Quantity, QuantityName, Section, Text, TextList
from designlint.model.fallback import Fallback
from designlint.model.reference import ElementRef, LocalOrElementRef

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
    target: LocalOrElementRef
    """The component (by id) this one calls, or another design's element as ``design-name#element-id``,
    e.g. ``content-platform#content-service``."""
    mode: Literal["sync", "async"] = "sync"
    """How the caller waits.

    - ``sync``: the caller waits for the answer; the target's latency and failures are the caller's.
    - ``async``: the caller hands the work off (a queue, a stream) and carries on.
    """
    protocol: Text | None = None
    """How the call is made, e.g. ``gRPC``, ``HTTPS`` or ``Kafka``."""
    purpose: Text | None = None
    """What the caller needs from the target, e.g. "read the owner's precomputed feed rows"."""
    timeout: Quantity | None = None
    """How long the caller waits before giving up, e.g. ``50 ms``."""
    fallback: Fallback | None = None
    """What the caller does when the target is down or slow: a sentence, or ``{strategy, description}``."""
    circuit_breaker: bool | None = None
    """Whether the caller stops calling a failing target for a while (a circuit breaker), e.g. ``true``."""
    criticality: Literal["hard", "soft"] = "hard"
    """A soft dependency's failure degrades the caller rather than failing it.

    - ``hard``: the caller fails when the target fails (unless there is a ``fallback``).
    - ``soft``: the caller keeps working, degraded, without the target.
    """


class Capacity(Section):
    per_node: Quantity
    """What one node sustains, e.g. ``10K writes/s``."""
    load: Text | None = None
    """Peak load: a quantity or the name of a scale quantity, e.g. ``peak_fanout_writes_per_s``."""
    nodes: int | None = None
    """How many nodes are deployed, e.g. ``6``; recomputed against the load at the target utilisation."""
    target_utilisation: Quantity | None = None
    """Defaults to the 60-70 % band when not stated."""


class Component(Section):
    id: Identifier
    """How dependencies, request paths, SLOs and failure scenarios refer to the component, e.g.
    ``feed-cache``."""
    name: Text
    """The component's name as people say it, e.g. ``Feed cache``."""
    kind: ComponentKind
    """What the component is; it decides the diagram icon and how failure spreads through it.

    - ``client``: the apps and browsers people use.
    - ``cdn``: a content delivery network in front of the system.
    - ``load-balancer``: spreads requests over instances.
    - ``api-gateway``: the entry point that authenticates and routes requests.
    - ``service``: a stateless service that answers requests.
    - ``worker``: processes background jobs or consumes a queue.
    - ``cache``: an in-memory cache, e.g. Redis.
    - ``queue``: a message queue, e.g. SQS.
    - ``stream``: a log or event stream, e.g. Kafka.
    - ``database``: a relational or document database.
    - ``wide-column-store``: a wide-column store, e.g. Cassandra.
    - ``key-value-store``: a key-value store, e.g. DynamoDB.
    - ``object-store``: blob storage, e.g. S3.
    - ``search-index``: a search index, e.g. Elasticsearch.
    - ``external-service``: a service another team or vendor runs.
    - ``ml-model``: a model served for predictions, e.g. ranking.
    - ``scheduler``: starts jobs on a schedule.
    """
    ref: ElementRef | None = None
    """The other design's component this one stands for, as ``design-name#component-id``, e.g.
    ``content-platform#content-service``: that design's SLOs and targets are what this one may assume."""
    technology: Text | None = None
    """What it is built on, e.g. ``Redis cluster`` or ``PostgreSQL 15``."""
    owner: Text | None = None
    """The team that owns and runs the component (by id when it is one of ``teams``), e.g. ``feed-team``."""
    external: bool = False
    """Owned and operated by another team or vendor."""
    user_facing: bool = False
    """Whether users call it directly; entry points of the request paths are user-facing, e.g. the API
    gateway."""
    responsibility: Text | None = None
    """What the component answers for, in a sentence, e.g. "serves ranked feed pages"."""
    description: Text | None = None
    """More about the component: how it works and why it is built this way."""
    design_notes: TextList = []
    """Notes on its design, one per item, e.g. "entries expire after 24 h"."""
    replicas: int | None = None
    """How many copies of its data or instances run, e.g. ``3``."""
    shards: int | None = None
    """How many shards its data is split into, e.g. ``64``."""
    shard_key: Text | None = None
    """What decides the shard of a record, e.g. ``user_id``."""
    availability: Quantity | None = None
    """The component's own availability, used for composite-availability arithmetic."""
    capacity: Capacity | None = None
    """What one node sustains and the peak load it must carry, for the node count at the target utilisation."""
    hot_keys: Text | None = None
    """How the component handles a hot key or a skewed partition: what happens to the heaviest
    key (a celebrity account, a viral item), e.g. pull instead of push above a threshold."""
    depends_on: list[Dependency] = []
    """The components this one calls, each with mode, protocol, timeout and fallback, e.g. ``- {target:
    feed-cache, mode: sync, timeout: 20 ms}``."""


class PathStep(Section):
    name: Text
    """What happens at this step, e.g. ``Read the cached feed page``."""
    component: LocalOrElementRef | None = None
    """The component (by id) that does the step, e.g. ``feed-cache``, or another design's element as
    ``design-name#element-id``: the step then costs that design's stated p99."""
    budget: Quantity | None = None
    """Latency budget for the step, e.g. ``50 ms``; a step written without one is reported (DL107)."""
    parallel_group: Identifier | None = None
    """Steps sharing a group run concurrently; the group costs its slowest step."""
    notes: Text | None = None
    """More about the step, e.g. what happens on a miss."""


class RequestPath(Section):
    id: Identifier
    """How failure scenarios refer to the path, e.g. ``feed-read-cache-miss``."""
    name: Text
    """The path in a few words, e.g. ``Feed read, cache miss``."""
    flow: Literal["read", "write", "control"]
    """Which kind of flow the path serves.

    - ``read``: users read data; user-facing.
    - ``write``: users write data; user-facing.
    - ``control``: internal work, e.g. a nightly compaction; not counted against users.
    """
    operation: Identifier | None = None
    """The latency target (``nfr.latency[].operation``) this path must meet."""
    description: Text | None = None
    """What the request does along the way, in a sentence or two."""
    steps: list[PathStep] = []
    """The steps in order, each with the component and its latency budget; steps sharing a ``parallelGroup``
    run concurrently."""
    total: Quantity | None = None
    """Stated end-to-end budget, recomputed from the steps."""


class Architecture(Section):
    summary: Text | None = None
    """The architecture in a paragraph: the main components and how a request flows through them."""
    components: list[Component] = []
    """Every component, e.g. ``- {id: feed-service, name: Feed service, kind: service}``."""
    paths: list[RequestPath] = []
    """The request paths through the components, each with a latency budget per step."""
    data_model: TextList = []
    """The main records and how they are keyed, e.g. "feed_items keyed by (owner_id, timestamp)"."""
    availability_formula: QuantityName | None = None
    """A scale quantity (by name) that computes the composite availability, e.g. ``feed_availability``."""
