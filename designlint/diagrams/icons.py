"""Which ``diagrams`` node class (and so which icon) draws a component.

The kind decides; a well-known technology named in ``technology`` refines it (a cache that
says Memcached gets the Memcached icon). Classes are named here and imported only on use.
"""

from __future__ import annotations

import importlib

BY_KIND: dict[str, str] = {
    "client": "diagrams.onprem.client.Users",
    "cdn": "diagrams.gcp.network.CDN",
    "load-balancer": "diagrams.aws.network.ElasticLoadBalancing",
    "api-gateway": "diagrams.aws.network.APIGateway",
    "service": "diagrams.onprem.compute.Server",
    "worker": "diagrams.generic.compute.Rack",
    "scheduler": "diagrams.gcp.devtools.Scheduler",
    "cache": "diagrams.onprem.inmemory.Redis",
    "queue": "diagrams.onprem.queue.Kafka",
    "stream": "diagrams.onprem.queue.Kafka",
    "database": "diagrams.aws.database.Database",
    "key-value-store": "diagrams.aws.database.Database",
    "wide-column-store": "diagrams.onprem.database.Cassandra",
    "object-store": "diagrams.aws.storage.SimpleStorageServiceS3",
    "search-index": "diagrams.elastic.elasticsearch.Elasticsearch",
    "ml-model": "diagrams.gcp.ml.AIPlatform",
    "external-service": "diagrams.onprem.network.Internet",
}
FALLBACK = "diagrams.onprem.compute.Server"

# Technology words, for the kinds whose icon family they belong to; the word named first in the
# text wins ("Cassandra (or DynamoDB)" is Cassandra).
BY_TECHNOLOGY: list[tuple[str, frozenset[str], str]] = [
    ("memcached", frozenset({"cache", "key-value-store"}), "diagrams.onprem.inmemory.Memcached"),
    ("redis", frozenset({"cache", "key-value-store", "queue", "stream"}), "diagrams.onprem.inmemory.Redis"),
    ("rabbitmq", frozenset({"queue", "stream"}), "diagrams.onprem.queue.Rabbitmq"),
    ("nats", frozenset({"queue", "stream"}), "diagrams.onprem.queue.Nats"),
    ("kafka", frozenset({"queue", "stream"}), "diagrams.onprem.queue.Kafka"),
    ("postgres", frozenset({"database", "key-value-store"}), "diagrams.onprem.database.Postgresql"),
    ("mysql", frozenset({"database", "key-value-store"}), "diagrams.onprem.database.Mysql"),
    ("mongodb", frozenset({"database", "key-value-store"}), "diagrams.onprem.database.Mongodb"),
    (
        "dynamodb",
        frozenset({"database", "key-value-store", "wide-column-store"}),
        "diagrams.aws.database.Dynamodb",
    ),
    ("scylla", frozenset({"database", "wide-column-store"}), "diagrams.onprem.database.Scylla"),
    ("cassandra", frozenset({"database", "wide-column-store"}), "diagrams.onprem.database.Cassandra"),
    ("solr", frozenset({"search-index"}), "diagrams.onprem.search.Solr"),
    ("nginx", frozenset({"load-balancer", "api-gateway"}), "diagrams.onprem.network.Nginx"),
    ("haproxy", frozenset({"load-balancer"}), "diagrams.onprem.network.Haproxy"),
    ("envoy", frozenset({"load-balancer", "api-gateway"}), "diagrams.onprem.network.Envoy"),
    ("kong", frozenset({"api-gateway"}), "diagrams.onprem.network.Kong"),
]


def class_path(kind: str, technology: str | None) -> str:
    """The dotted path of the node class for a component."""
    text = (technology or "").lower()
    named = [(text.find(word), path) for word, kinds, path in BY_TECHNOLOGY if kind in kinds and word in text]
    return min(named)[1] if named else BY_KIND.get(kind, FALLBACK)


def node_class(kind: str, technology: str | None):
    module, _, name = class_path(kind, technology).rpartition(".")
    return getattr(importlib.import_module(module), name)


def icon_file(node_class) -> str:
    """The icon's path relative to the icon root (see :func:`designlint.diagrams.render.icon_root`)."""
    return f"{node_class._icon_dir}/{node_class._icon}"
