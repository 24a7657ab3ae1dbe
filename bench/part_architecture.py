"""Generated sections: components in tiers (dependencies only point down, so there are no cycles),
request paths through them with latency budgets, and the API."""

from __future__ import annotations

import math

from bench import vocabulary as v
from bench.prose import Draft, cap, number
from bench.yamlemit import FlowMap, Folded

_EDGE_KINDS = ("cdn", "load-balancer", "api-gateway")
_READ_SIDE = ("cache", "wide-column-store", "key-value-store", "search-index", "ml-model", "object-store")


def _owner(draft: Draft, cid: str, kind: str) -> str:
    """Teams own coherent slices, as they do: the edge, the write side with its store, the read side."""
    edge, write, read = (draft.teams * 3)[:3]
    if kind in _EDGE_KINDS:
        return edge
    if "-read-" in cid or kind in _READ_SIDE:
        return read
    if "-write-" in cid or kind in ("database", "stream", "queue", "worker", "scheduler"):
        return write
    return draft.rng.choice([write, read])


def _component(draft: Draft, cid: str, kind: str, name: str, **extra) -> dict:
    rng = draft.rng
    found = {
        "id": cid,
        "name": name,
        "kind": kind,
        "technology": rng.choice(v.TECHNOLOGIES[kind]),
    }
    if kind not in ("client", "external-service"):
        found["owner"] = _owner(draft, cid, kind)
    if rng.random() < 0.3:
        found["responsibility"] = cap(draft.short())
    if rng.random() < 0.05:
        found["description"] = Folded(draft.prose(1, 2))
    if rng.random() < 0.05:
        found["designNotes"] = [draft.sentence()]
    found.update(extra)
    return found


def _tiers(draft: Draft) -> list[list[dict]]:
    d, rng = draft.d, draft.rng
    comp = lambda cid, kind, name, **extra: _component(draft, cid, kind, name, **extra)  # noqa: E731
    clients = [comp("mobile-app", "client", "Mobile apps", userFacing=True)]
    if rng.random() < 0.3:
        clients.append(comp("web-app", "client", "Web app", userFacing=True))
    edge = [
        comp("public-lb", "load-balancer", "Public load balancer", replicas=rng.choice([2, 3, 4])),
        comp("api-gateway", "api-gateway", "API gateway", userFacing=True, replicas=rng.randint(3, 12)),
    ]
    if rng.random() < 0.5:
        edge.insert(0, comp("edge-cdn", "cdn", "Edge CDN", external=True, availability="99.99%"))
    roles = ["write", "read", *draft.some([r for r in v.SERVICE_ROLES if r not in ("write", "read")], 1, 1)]
    services = [
        comp(
            f"{d.entity}-{role}-service",
            "service",
            f"{cap(d.entity)} {role} service",
            replicas=rng.randint(3, 40),
            **({"userFacing": True} if role in ("write", "read") else {}),
        )
        for role in roles
    ]
    workers = [
        comp(f"{d.entity}-{role}-worker", "worker", f"{cap(role)} worker", replicas=rng.randint(2, 30))
        for role in draft.some(v.WORKER_ROLES, 1, 2)
    ]
    shards = rng.choice([16, 32, 64, 128, 256])
    data = [
        comp(
            f"{d.store}-cache",
            "cache",
            f"{cap(d.store)} cache",
            shards=shards // 4,
            replicas=2,
            availability="99.9%",
        ),
        comp(
            f"{d.entity}-events",
            "stream",
            f"{cap(d.entity)} events",
            shards=shards,
            shardKey=f"{d.entity}_id",
        ),
        comp(
            f"{d.entity}-db",
            "database",
            f"{cap(d.entity)} database",
            shards=shards // 8,
            replicas=3,
            shardKey="owner_id",
            availability="99.95%",
        ),
        comp(
            f"{d.store}-store",
            rng.choice(["wide-column-store", "key-value-store"]),
            f"{cap(d.store)} store",
            shards=shards,
            replicas=3,
            shardKey="owner_id",
            availability="99.99%",
        ),
    ]
    optional = [
        ("session-cache", "cache", "Session cache"),
        ("media-store", "object-store", "Media store"),
        (f"{d.entity}-search", "search-index", f"{cap(d.entity)} search index"),
        ("ranker-model", "ml-model", "Ranking model"),
        (f"{d.entity}-jobs", "queue", "Job queue"),
        ("nightly-reconciler", "scheduler", "Nightly reconciler"),
    ]
    data += [comp(cid, kind, name) for cid, kind, name in draft.some(optional, 0, 1)]
    vendors = [
        comp(
            f"{word}-provider",
            "external-service",
            f"{cap(word)} provider",
            external=True,
            availability="99.9%",
        )
        for word in draft.some(["push", "email", "sms", "payment", "maps", "identity"], 1, 1)
    ]
    return [clients, edge, services, workers, data, vendors]


_PROTOCOLS = {
    "cache": "RESP",
    "stream": "Kafka protocol",
    "wide-column-store": "CQL",
    "database": "SQL over TLS",
    "external-service": "HTTPS",
}


def _dependency(draft: Draft, source: dict, target: dict) -> dict:
    rng = draft.rng
    kind = target["kind"]
    asynchronous = kind in ("stream", "queue") or source["kind"] == "scheduler"
    foreign = source.get("owner") != target.get("owner")
    # Calls a caller can do without: vendors, models and indexes, another team's service, optional
    # features behind the gateway.
    soft = kind in ("external-service", "ml-model", "search-index") or (
        kind == "service"
        and (
            (source["kind"] == "service" and (foreign or rng.random() < 0.5))
            or (source["kind"] == "api-gateway" and not target.get("userFacing"))
        )
    )
    found = draft.style(target=target["id"])
    if asynchronous:
        found["mode"] = "async"
    if rng.random() < 0.2:
        found["protocol"] = _PROTOCOLS.get(kind) or rng.choice(["gRPC", "HTTP/2", "HTTPS"])
    if rng.random() < 0.1:
        found["purpose"] = cap(draft.short())
    if not asynchronous and rng.random() < 0.9:
        found["timeout"] = f"{rng.choice([10, 20, 50] if kind == 'cache' else [50, 100, 200, 500])} ms"
        if rng.random() < 0.5:
            found["circuitBreaker"] = True
    if kind == "cache" and not asynchronous:
        found["fallback"] = "Treat a cache error as a miss and read the store."
    elif kind == "cdn":
        found["fallback"] = "Retry against the origin hostname."
    elif source["kind"] == "worker" and not asynchronous:
        found["fallback"] = "Leave the event on the stream and retry with backoff."
    elif soft:
        found["criticality"] = "soft"
        found["fallback"] = f"{cap(rng.choice(v.ACTIONS))}."
    return found


def _wire(draft: Draft, tiers: list[list[dict]]) -> None:
    """Edges point from callers to callees further down the list, so the graph has no cycle."""
    rng, d = draft.rng, draft.d
    clients, edge, services, workers, data, vendors = tiers
    by_id = {c["id"]: c for tier in tiers for c in tier}
    stores = [c for c in data if c["kind"] != "scheduler"]

    def link(source: dict, targets: list[dict]) -> None:
        unique = list({t["id"]: t for t in targets if t is not source}.values())
        source["dependsOn"] = [_dependency(draft, source, t) for t in unique]

    def some(pool: list[dict], low: int, high: int) -> list[dict]:
        return rng.sample(pool, min(len(pool), rng.randint(low, high)))

    for client in clients:
        link(client, [edge[0]])
    for caller, callee in zip(edge, edge[1:]):
        link(caller, [callee])
    link(edge[-1], services[:2] + some(services[2:], 0, 2))
    fixed = {
        "write": [f"{d.entity}-db", f"{d.entity}-events"],
        "read": [f"{d.store}-cache", f"{d.store}-store"],
    }
    for index, service in enumerate(services):
        role = service["id"].split("-")[-2]
        own = [by_id[i] for i in fixed.get(role, [])]
        # Stores are reached through the team that owns them, never directly across teams.
        team_stores = [s for s in stores if s.get("owner") == service.get("owner")]
        callees = some(services[index + 1 :], 0, 1) + some(team_stores, 0 if own else 1, 1)
        link(service, own + callees + (vendors if role == "write" else []))
    for worker in workers:
        link(worker, [by_id[f"{d.entity}-events"]] + some(stores[2:], 1, 1))
    for component in data:
        if component["kind"] == "ml-model":
            link(component, [by_id[f"{d.store}-store"]])
        elif component["kind"] == "scheduler":
            link(component, [by_id[f"{d.entity}-db"], by_id[f"{d.store}-store"]])


# The peak load each kind of component carries, and what one node of it handles.
_LOADS = {
    "service": ("peak_read_qps", [2_000, 5_000, 10_000]),
    "worker": ("peak_fanout_writes_per_s", [10_000, 20_000, 50_000]),
    "cache": ("peak_read_qps", [50_000, 100_000, 200_000]),
    "database": ("peak_db_reads_per_s", [5_000, 10_000, 20_000]),
}


def _capacity(draft: Draft, component: dict) -> None:
    """Nodes for the peak at 65% utilisation, in the unit of the load they carry."""
    q, rng = draft.quantities, draft.rng
    load, per_node_choices = _LOADS[component["kind"]]
    if "-write-" in component["id"]:
        load = "peak_write_qps"
    per_node = rng.choice(per_node_choices)
    nodes = max(2, math.ceil(q[load] / (per_node * 0.65) - 1e-9))
    component["capacity"] = {
        "perNode": number(per_node, draft.units[load]),
        "load": load,
        "nodes": nodes,
        "targetUtilisation": "65%",
    }
    if component["kind"] in ("service", "worker"):
        component["replicas"] = nodes  # stateless: every node is a replica


def _paths(draft: Draft) -> list[dict]:
    d, rng = draft.d, draft.rng
    ids = set(draft.ids())
    found = []
    count = 3 if rng.random() < 0.3 else 2
    for (operation, target), flow in zip(draft.operations[:count], ("read", "write", "read", "read")):
        hops = [
            ("mobile-app", "Client to edge", 0.15),
            ("public-lb", "Load balancer", 0.05),
            ("api-gateway", "Authenticate and route", 0.1),
            (f"{d.entity}-{flow}-service", f"{cap(flow)} handler", 0.2),
        ]
        if flow == "read":
            hops += [
                (f"{d.store}-cache", "Cache lookup", 0.1),
                (f"{d.store}-store", "Store read on miss", 0.25),
            ]
        else:
            hops += [(f"{d.entity}-db", "Durable write", 0.3), (f"{d.entity}-events", "Publish event", 0.1)]
        steps = [
            FlowMap(name=name, component=cid, budget=f"{max(1, round(target * share))} ms")
            for cid, name, share in hops
            if cid in ids
        ]
        total = sum(int(s["budget"].split()[0]) for s in steps)
        path_id = f"{operation}-path"
        found.append(
            {
                "id": path_id,
                "name": f"{cap(operation.replace('-', ' '))} path",
                "flow": flow,
                "operation": operation,
                **({"description": draft.sentence()} if rng.random() < 0.5 else {}),
                "steps": steps,
                "total": f"{total} ms",
            }
        )
        draft.paths.append(path_id)
    return found


def architecture(draft: Draft) -> dict:
    tiers = _tiers(draft)
    _wire(draft, tiers)
    draft.components = [c for tier in tiers for c in tier]
    for component in draft.components:
        if component["kind"] in ("service", "worker", "cache", "database") and draft.rng.random() < 0.2:
            _capacity(draft, component)
    d = draft.d
    draft.architecture = {
        "summary": Folded(draft.prose(1, 1)),
        "components": draft.components,
        "paths": _paths(draft),
        "dataModel": [
            f"{d.entity}s({d.entity}_id, owner_id, created_at, body, version) partitioned by owner_id",
            f"{d.store}_entries(owner_id, rank, {d.entity}_id) clustered by rank",
            "idempotency_keys(key, response, expires_at) with a 24 h TTL",
        ],
    }
    return draft.architecture


def api(draft: Draft) -> dict:
    d, rng = draft.d, draft.rng
    base = f"/v{rng.randint(1, 3)}/{d.entity}s"
    endpoints = [
        ("POST", base, d.writer, False),
        ("GET", base + "/{id}", f"fetch one {d.entity}", True),
        ("GET", f"/v1/{d.store}", d.reader, True),
        ("DELETE", base + "/{id}", f"delete a {d.entity}", True),
        ("PATCH", base + "/{id}", f"edit a {d.entity}", False),
        ("GET", base + "/{id}/history", "list versions", True),
        ("STREAM", f"/v1/{d.store}/updates", "live updates", True),
        ("PUT", base + "/{id}/settings", "settings", True),
    ]
    return {
        "style": rng.choice(["rest", "grpc", "mixed"]),
        "rationale": draft.sentence(),
        "pagination": "cursor",
        "paginationNotes": "Opaque cursors that encode the last rank seen; offsets drift under writes.",
        "idempotency": "Clients send an Idempotency-Key header on every POST; replays return the stored response.",
        "versioning": "Major version in the path; additive changes only within a version.",
        "endpoints": [
            draft.style(method=m, path=p, description=cap(what), idempotent=idem)
            for m, p, what, idem in endpoints[: rng.randint(3, 4)]
        ],
    }
