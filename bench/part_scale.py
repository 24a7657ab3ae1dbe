"""Generated sections: the scale numbers (each derived by a formula where it can be) and the NFRs."""

from __future__ import annotations

from bench import vocabulary as v
from bench.prose import Draft, cap, number
from bench.yamlemit import Flow

# (name, formula as written in the design, the same formula in Python, unit, label).
_DERIVED = [
    ("daily_reads", "dau * reads_per_user", lambda q: q["dau"] * q["reads_per_user"], "reads/day", "Reads per day"),
    ("daily_writes", "dau * writes_per_user", lambda q: q["dau"] * q["writes_per_user"], "writes/day",
     "Writes per day"),
    ("avg_read_qps", "daily_reads / 86400", lambda q: q["daily_reads"] / 86400, "/s", "Average reads per second"),
    ("avg_write_qps", "daily_writes / 86400", lambda q: q["daily_writes"] / 86400, "/s",
     "Average writes per second"),
    ("peak_read_qps", "avg_read_qps * peak_factor", lambda q: q["avg_read_qps"] * q["peak_factor"], "/s",
     "Peak reads per second"),
    ("peak_write_qps", "avg_write_qps * peak_factor", lambda q: q["avg_write_qps"] * q["peak_factor"], "/s",
     "Peak writes per second"),
    ("peak_fanout_writes_per_s", "peak_write_qps * fanout", lambda q: q["peak_write_qps"] * q["fanout"], "/s",
     "Peak fan-out writes per second"),
    ("daily_storage_gb", "daily_writes * item_size_kb / 1000000",
     lambda q: q["daily_writes"] * q["item_size_kb"] / 1e6, "GB/day", "New data per day"),
    ("total_storage_tb", "daily_storage_gb * retention_days * replication_factor / 1000",
     lambda q: q["daily_storage_gb"] * q["retention_days"] * q["replication_factor"] / 1000, "TB", "Stored data"),
    ("peak_db_reads_per_s", "peak_read_qps * (1 - cache_hit_ratio)",
     lambda q: q["peak_read_qps"] * (1 - q["cache_hit_ratio"]), "/s", "Peak reads that miss the cache"),
    ("peak_egress_gbps", "peak_read_qps * response_kb * 8 / 1000000",
     lambda q: q["peak_read_qps"] * q["response_kb"] * 8 / 1e6, "Gbps", "Peak egress"),
]


def _inputs(draft: Draft) -> list[tuple[str, float, str, str]]:
    rng, d = draft.rng, draft.d
    return [
        ("dau", rng.choice([2e6, 5e6, 2e7, 5e7, 1.2e8, 2e8, 5e8]), "users", "Daily active users"),
        ("reads_per_user", rng.choice([5, 10, 20, 40]), f"{d.store} reads/day", f"Reads per user per day"),
        ("writes_per_user", rng.choice([0.5, 1, 2, 5]), f"{d.entity}s/day", "Writes per user per day"),
        ("peak_factor", rng.choice([2, 3, 4, 5]), "x", "Peak-to-average ratio"),
        ("fanout", rng.choice([10, 50, 200, 300]), d.audience, f"Average {d.audience} per {d.entity}"),
        ("item_size_kb", rng.choice([0.5, 1, 2, 4]), "KB", f"Size of one {d.entity}"),
        ("retention_days", rng.choice([30, 90, 365, 730]), "days", "Retention"),
        ("replication_factor", 3, "", "Copies of each record"),
        ("cache_hit_ratio", rng.choice([0.8, 0.9, 0.95]), "", "Cache hit ratio"),
        ("response_kb", rng.choice([4, 8, 16, 32]), "KB", "Response size"),
    ]


def scale(draft: Draft) -> dict:
    rng = draft.rng
    values: dict[str, float] = {}
    quantities = []
    for name, value, unit, label in _inputs(draft):
        values[name] = value
        quantities.append({"name": name, "value": number(value, unit) if unit else value})
        if rng.random() < 0.3:
            quantities[-1]["label"] = label
        if rng.random() < 0.2:
            quantities[-1]["rationale"] = draft.sentence()
    for name, formula, compute, unit, label in _DERIVED:
        values[name] = compute(values)
        entry = {"name": name, "formula": formula}
        if rng.random() < 0.2:
            entry["label"] = label
        if rng.random() < 0.9:  # a few are left to the formula alone
            entry = {"name": name, "value": number(values[name], unit), **entry}
        quantities.append(entry)
    draft.quantities = values
    return {
        "quantities": quantities,
        "peakMultipliers": [
            {"factor": "Evening peak", "multiplier": f"{values['peak_factor']}x", "notes": cap(draft.short())},
            {"factor": "Regional failover", "multiplier": "1.5x", "notes": "The surviving region absorbs half the traffic."},
        ],
        "designTarget": f"Design for {rng.choice([2, 3, 5])}x today's peak without re-architecture.",
        "overTime": [
            {"scale": f"{factor}x", "load": number(values["peak_read_qps"] * factor, "/s"),
             "bottleneck": f"{cap(rng.choice(v.CONCERNS))} in the {rng.choice(['cache', 'primary store', 'stream'])}",
             "mitigation": cap(rng.choice(v.MECHANISMS))}
            for factor in (2, 5, 10)[: rng.randint(2, 3)]
        ],
        "bottlenecks": [cap(c) for c in draft.some(v.CONCERNS, 2, 3)],
    }


def nfr(draft: Draft) -> dict:
    d, rng = draft.d, draft.rng
    read_op, write_op = f"{d.store}-load", f"{d.entity}-publish"
    draft.operations = [(read_op, rng.choice([200, 300, 400])), (write_op, rng.choice([300, 500, 800])),
                        (f"{d.entity}-search", 500), (f"{d.entity}-history", 400)]
    return {
        "latency": [
            {"operation": op, "name": f"{op.replace('-', ' ').capitalize()}", "target": f"{target} ms",
             "percentile": rng.choice(["p99", "p99", "p95"])}
            for op, target in draft.operations
        ],
        "availability": [
            {"name": f"{cap(d.reader)}", "target": "99.95%", "rationale": draft.sentence()},
            {"name": f"{cap(d.writer)}", "target": "99.9%"},
        ],
        "consistency": [
            {"aspect": f"{cap(d.store)} after a write", "model": "eventual", "bound": f"{rng.choice([5, 30, 60])} s",
             "rationale": draft.sentence()},
            {"aspect": f"Own {d.entity}s", "model": "read-your-writes"},
            {"aspect": "Quota and billing records", "model": "strong", "rationale": "Money and limits must not drift."},
        ],
        "durability": [f"No acknowledged {d.entity} is ever lost (RPO 0 for the primary store)",
                       "Backups restored and verified weekly"],
        "security": {
            "authentication": "OAuth 2.0 bearer tokens validated at the gateway; mTLS between services.",
            "authorization": f"Per-{d.entity} ACLs checked in the owning service, never in clients.",
            "rateLimiting": f"Token bucket per user and per partner key at the gateway; {rng.choice([50, 100, 200])} requests/s burst.",
            "pii": "User ids are hashed in logs; no free text is logged; traces drop request bodies.",
            "retention": f"Deleted {d.entity}s are tombstoned at once and purged within 30 days, backups included.",
            "trustBoundaries": Flow(["internet to edge", "edge to services", "services to vendors"]),
            "compliance": Flow(draft.some(v.COMPLIANCE, 1, 3)),
        },
    }
