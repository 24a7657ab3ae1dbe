"""Word pools for generated designs: domains, components, technologies, teams and phrases.

Every pool is a list or tuple (never a set) so that choices depend only on the seed.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Domain:
    slug: str
    title: str
    entity: str  # what users create, e.g. "post"
    store: str  # what readers read, e.g. "feed"
    reader: str  # the read operation, e.g. "load the feed"
    writer: str  # the write operation, e.g. "publish a post"
    audience: str  # who is fanned out to, e.g. "followers"


DOMAINS = [
    Domain("newsfeed", "Home news feed", "post", "feed", "load the home feed", "publish a post", "followers"),
    Domain(
        "payments",
        "Payments ledger",
        "payment",
        "ledger",
        "read the balance",
        "capture a payment",
        "merchants",
    ),
    Domain(
        "ride-matching",
        "Ride matching",
        "trip",
        "dispatch",
        "see nearby drivers",
        "request a ride",
        "drivers",
    ),
    Domain(
        "group-chat",
        "Group chat",
        "message",
        "conversation",
        "open a conversation",
        "send a message",
        "members",
    ),
    Domain(
        "video-upload",
        "Video upload and transcoding",
        "video",
        "catalog",
        "play a video",
        "upload a video",
        "subscribers",
    ),
    Domain(
        "product-search",
        "Product search",
        "listing",
        "index",
        "search the catalogue",
        "update a listing",
        "shoppers",
    ),
    Domain(
        "notifications",
        "Notification fan-out",
        "notification",
        "inbox",
        "open the inbox",
        "send a notification",
        "recipients",
    ),
    Domain(
        "inventory",
        "Inventory reservations",
        "reservation",
        "stock",
        "check stock",
        "reserve an item",
        "warehouses",
    ),
    Domain(
        "ad-serving",
        "Ad serving",
        "impression",
        "campaign",
        "serve an ad",
        "record an impression",
        "advertisers",
    ),
    Domain(
        "hotel-booking",
        "Hotel booking",
        "booking",
        "availability",
        "search availability",
        "book a room",
        "properties",
    ),
    Domain(
        "url-shortener",
        "URL shortener",
        "link",
        "redirect",
        "follow a short link",
        "create a short link",
        "visitors",
    ),
    Domain(
        "metrics-ingest",
        "Metrics ingestion",
        "sample",
        "series",
        "query a dashboard",
        "ingest a batch",
        "tenants",
    ),
    Domain(
        "recommendations",
        "Recommendations",
        "signal",
        "candidate",
        "fetch recommendations",
        "record a signal",
        "viewers",
    ),
    Domain("checkout", "Checkout", "order", "cart", "view the cart", "place an order", "sellers"),
    Domain("file-sync", "File sync", "file", "block", "download a file", "upload a change", "devices"),
    Domain(
        "leaderboard",
        "Game leaderboard",
        "score",
        "ranking",
        "view the leaderboard",
        "submit a score",
        "players",
    ),
]

TECHNOLOGIES = {
    "client": ["iOS and Android apps", "React web app", "partner SDK", "desktop client"],
    "cdn": ["CloudFront", "Fastly", "Akamai", "Cloudflare"],
    "load-balancer": ["AWS ALB", "Envoy", "HAProxy", "NGINX", "Google Cloud LB"],
    "api-gateway": ["Kong", "Envoy gateway", "AWS API Gateway", "in-house gateway"],
    "service": [
        "Go",
        "Java 21 with Spring Boot",
        "Kotlin with Ktor",
        "Rust with Axum",
        "Python with FastAPI",
        "Node.js",
    ],
    "worker": ["Go", "Java 21", "Kotlin", "Rust", "Python"],
    "cache": ["Redis Cluster", "Memcached", "Valkey", "KeyDB"],
    "queue": ["Amazon SQS", "RabbitMQ", "Google Pub/Sub"],
    "stream": ["Kafka", "Amazon Kinesis", "Redpanda", "Apache Pulsar"],
    "database": ["PostgreSQL 16", "MySQL 8 with Vitess", "Aurora PostgreSQL", "CockroachDB", "Spanner"],
    "wide-column-store": ["Cassandra", "ScyllaDB", "Bigtable", "HBase"],
    "key-value-store": ["DynamoDB", "FoundationDB", "etcd", "RocksDB-backed KV"],
    "object-store": ["Amazon S3", "Google Cloud Storage", "MinIO", "Azure Blob Storage"],
    "search-index": ["Elasticsearch", "OpenSearch", "Vespa", "Solr"],
    "external-service": ["Stripe", "Twilio", "SendGrid", "APNs and FCM", "Mapbox"],
    "ml-model": ["TensorFlow Serving", "Triton", "TorchServe", "ONNX Runtime"],
    "scheduler": ["Kubernetes CronJob", "Airflow", "Temporal", "Argo Workflows"],
}

# (suffix of the id, kind); the domain's entity or store word is put in front.
SERVICE_ROLES = [
    "write",
    "read",
    "query",
    "ranking",
    "profile",
    "auth",
    "billing",
    "graph",
    "media",
    "policy",
    "pricing",
    "routing",
    "session",
    "admin",
    "audit",
    "quota",
]
WORKER_ROLES = ["fanout", "indexer", "compactor", "transcoder", "reconciler", "exporter", "enricher", "dedup"]
STORE_KINDS = ["database", "wide-column-store", "key-value-store", "object-store", "search-index"]

TEAM_NAMES = [
    "platform",
    "core-services",
    "growth",
    "identity",
    "data-infra",
    "reliability",
    "payments-infra",
    "storage",
    "edge",
    "ml-platform",
    "mobile",
    "trust-and-safety",
    "developer-experience",
    "search",
]
PEOPLE = [
    "Ada Okafor",
    "Bruno Keller",
    "Chen Wei",
    "Dana Whitfield",
    "Emeka Nwosu",
    "Farah Haddad",
    "Goran Petrovic",
    "Hana Sato",
    "Ivan Morozov",
    "Julia Santos",
    "Kofi Mensah",
    "Lena Fischer",
    "Mateo Rossi",
    "Nadia Rahman",
    "Oskar Lindqvist",
    "Priya Raman",
    "Quentin Laurent",
    "Rosa Alvarez",
    "Sven Olsen",
    "Tariq Aziz",
]
REGIONS = [
    "us-east-1",
    "us-west-2",
    "eu-west-1",
    "eu-central-1",
    "ap-southeast-1",
    "ap-northeast-1",
    "sa-east-1",
]

ADJECTIVES = [
    "bounded",
    "predictable",
    "cheap",
    "simple",
    "observable",
    "idempotent",
    "incremental",
    "regional",
    "stateless",
    "sharded",
    "versioned",
    "append-only",
    "rate-limited",
    "tenant-aware",
]
CONCERNS = [
    "tail latency",
    "hot partitions",
    "write amplification",
    "cache stampedes",
    "replication lag",
    "retry storms",
    "noisy neighbours",
    "thundering herds",
    "schema drift",
    "clock skew",
    "GC pauses",
    "connection exhaustion",
    "backlog growth",
    "cold caches",
    "skewed keys",
    "slow consumers",
]
MECHANISMS = [
    "a per-key token bucket",
    "request coalescing in the cache tier",
    "an outbox table drained by CDC",
    "consistent hashing with virtual nodes",
    "a bounded work queue with load shedding",
    "idempotency keys stored for 24 hours",
    "hedged reads after the p95",
    "a circuit breaker per dependency",
    "jittered exponential backoff with a retry budget",
    "a write-ahead log replayed on restart",
    "read replicas behind a lag-aware router",
    "a dead-letter queue with alerting",
    "feature flags evaluated at the edge",
    "version vectors on every record",
    "a nightly reconciliation job",
    "a two-phase reservation with expiry",
]
SIGNALS = [
    "p99 latency over budget for 10 minutes",
    "consumer lag above 5 minutes",
    "error rate above 1%",
    "cache hit ratio below 80%",
    "disk usage above 75%",
    "replication lag above 30 s",
    "queue depth doubling within an hour",
    "CPU above 70% at peak for a week",
    "5xx spike after a deploy",
]
ACTIONS = [
    "shed low-priority traffic",
    "fail over to the replica",
    "serve the last good copy from cache",
    "pause the backfill",
    "drain the bad node",
    "roll back the last deploy",
    "raise the partition count",
    "switch reads to the secondary region",
    "disable the expensive feature flag",
    "scale the worker pool out",
]
COMPLIANCE = ["SOC 2 Type II", "GDPR", "PCI DSS", "HIPAA", "ISO 27001", "CCPA"]
DASHBOARDS = [
    "golden signals",
    "consumer lag",
    "cache efficiency",
    "cost per request",
    "error budget burn",
    "capacity headroom",
    "deploy health",
    "dependency latency",
]
MENTAL_MODELS = [
    ("Degraded beats down", "Serve something useful when a dependency fails instead of an error page."),
    (
        "Push the cost to the writer",
        "Precompute on write when reads outnumber writes by orders of magnitude.",
    ),
    ("Make it idempotent, then retry", "Retries are only safe when repeating an operation changes nothing."),
    ("Blast radius first", "Partition so that one bad shard, tenant or deploy hurts a few users, not all."),
    ("Queues hide problems until they do not", "A growing backlog is an outage that has not started yet."),
    ("Budgets, not hopes", "Give every hop a latency and error budget and hold it to that budget."),
    ("Reversible by default", "Prefer choices you can undo cheaply; slow down only for one-way doors."),
    ("Measure the user, not the server", "SLIs come from what the user sees, not from host metrics."),
]
