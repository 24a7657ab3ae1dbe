"""Generated sections: the scale numbers (each derived by a formula where it can be) and the NFRs.

Every number carries its unit and every formula makes the units cancel to the stated one
(``daily_reads / (86400 s/day)`` is reads per second). Derived values are computed from the
*stated* values of their inputs, the way a reader (and designlint) recomputes them, so a
rounded input never puts a later number out of tolerance.
"""

from __future__ import annotations

from bench import vocabulary as v
from bench.prose import Draft, cap, number, shown
from bench.yamlemit import Flow

_MEASURED = [
    "Measured last quarter.",
    "Product forecast.",
    "Median of the last 30 days.",
    "Agreed with product.",
]


def _inputs(draft: Draft) -> list[tuple[str, float, str, str, str]]:
    """(name, value, unit, label, rationale) for the numbers everything else is derived from."""
    rng, d = draft.rng, draft.d
    dau = rng.choice([2e6, 5e6, 2e7, 5e7, 1.2e8, 2e8, 5e8])
    found = [
        ("dau", dau, "users", "Daily active users", "Given by product for the launch year."),
        (
            "reads_per_user",
            rng.choice([5, 10, 20, 40]),
            f"{d.store} reads/user/day",
            "Reads per user per day",
            rng.choice(_MEASURED),
        ),
        (
            "writes_per_user",
            rng.choice([0.5, 1, 2, 5]),
            f"{d.entity}s/user/day",
            "Writes per user per day",
            rng.choice(_MEASURED),
        ),
        (
            "peak_factor",
            rng.choice([2, 3, 4]),
            "x",
            "Peak-to-average ratio",
            "Busiest hour over the daily mean.",
        ),
        (
            "fanout",
            rng.choice([10, 50, 200, 300]),
            f"{d.audience}/{d.entity}",
            f"Average {d.audience} per {d.entity}",
            "Mean; the long tail is handled apart.",
        ),
        (
            "item_size",
            rng.choice([0.5, 1, 2, 4]),
            f"KB/{d.entity}",
            f"Size of one {d.entity}",
            "Compressed; media lives elsewhere.",
        ),
        ("retention", rng.choice([30, 90, 365, 730]), "days", "Retention", "The data retention policy."),
        ("replication_factor", 3, "x", "Copies of each record", "Three zones."),
        ("cache_hit_ratio", rng.choice([80, 90, 95]), "%", "Cache hit ratio", "Observed at peak."),
        ("response_size", rng.choice([4, 8, 16, 32]), "KB/read", "Response size", "One page, compressed."),
    ]
    if rng.random() < 0.5:
        found.append(
            (
                "hot_share",
                rng.choice([5, 10, 20]),
                "%",
                "Share of a week's data that is hot",
                "Most reads are of the last week.",
            )
        )
    return found


def _derived(draft: Draft, names: set[str]) -> list[tuple[str, str, object, str, str]]:
    """(name, formula, the same formula over the stated values, unit, label), in dependency order."""
    d = draft.d
    found = [
        (
            "daily_reads",
            "dau * reads_per_user",
            lambda q: q["dau"] * q["reads_per_user"],
            "reads/day",
            "Reads per day",
        ),
        (
            "daily_writes",
            "dau * writes_per_user",
            lambda q: q["dau"] * q["writes_per_user"],
            f"{d.entity}s/day",
            "Writes per day",
        ),
        (
            "avg_read_qps",
            "daily_reads / (86400 s/day)",
            lambda q: q["daily_reads"] / 86400,
            "reads/s",
            "Average reads per second",
        ),
        (
            "avg_write_qps",
            "daily_writes / (86400 s/day)",
            lambda q: q["daily_writes"] / 86400,
            f"{d.entity}s/s",
            "Average writes per second",
        ),
        (
            "peak_read_qps",
            "avg_read_qps * peak_factor",
            lambda q: q["avg_read_qps"] * q["peak_factor"],
            "reads/s",
            "Peak reads per second",
        ),
        (
            "peak_write_qps",
            "avg_write_qps * peak_factor",
            lambda q: q["avg_write_qps"] * q["peak_factor"],
            f"{d.entity}s/s",
            "Peak writes per second",
        ),
        (
            "peak_fanout_writes_per_s",
            f"peak_write_qps * fanout * (1 writes/{draft.audience_unit})",
            lambda q: q["peak_write_qps"] * q["fanout"],
            "writes/s",
            "Peak fan-out writes per second",
        ),
        (
            "daily_storage",
            "daily_writes * item_size",
            lambda q: q["daily_writes"] * q["item_size"] / 1e6,
            "GB/day",
            "New data per day",
        ),
        (
            "total_storage",
            "daily_storage * retention * replication_factor",
            lambda q: q["daily_storage"] * q["retention"] * q["replication_factor"] / 1000,
            "TB",
            "Stored data",
        ),
        (
            "peak_db_reads_per_s",
            "peak_read_qps * (100% - cache_hit_ratio)",
            lambda q: q["peak_read_qps"] * (100 - q["cache_hit_ratio"]) / 100,
            "reads/s",
            "Peak reads that miss the cache",
        ),
        (
            "peak_egress",
            "peak_read_qps * response_size * (8 bit/byte)",
            lambda q: q["peak_read_qps"] * q["response_size"] * 8 / 1e6,
            "Gbps",
            "Peak egress",
        ),
    ]
    if draft.rng.random() < 0.5:
        found.insert(
            2,
            (
                "reads_per_write",
                "daily_reads / daily_writes",
                lambda q: q["daily_reads"] / q["daily_writes"],
                f"reads/{d.entity}",
                "Read-to-write ratio",
            ),
        )
    if "hot_share" in names:
        found.append(
            (
                "cache_size",
                "daily_storage * (7 day) * hot_share",
                lambda q: q["daily_storage"] * 7 * q["hot_share"] / 100,
                "GB",
                "Cache memory for the hot set",
            )
        )
    return found


def scale(draft: Draft) -> dict:
    rng = draft.rng
    values: dict[str, float] = {}  # what formulas see: the stated value, else the recomputed one
    quantities = []
    inputs = _inputs(draft)
    for name, value, unit, label, rationale in inputs:
        values[name] = value
        draft.units[name] = unit
        entry = draft.style(name=name, value=number(value, unit))
        if rng.random() < 0.15:
            entry["label"] = label
        if rng.random() < 0.92:  # a draft leaves the odd input unexplained
            entry["rationale"] = rationale
        quantities.append(entry)
    for name, formula, compute, unit, label in _derived(draft, {i[0] for i in inputs}):
        exact = compute(values)
        draft.units[name] = unit
        entry = draft.style(name=name, formula=formula)
        if rng.random() < 0.15:
            entry["label"] = label
        if rng.random() < 0.9:  # a few are left to the formula alone
            entry = draft.style({"name": name, "value": number(exact, unit), **entry})
            values[name] = shown(exact)
        else:
            values[name] = exact
        quantities.append(entry)
    draft.quantities = values
    return {
        "quantities": quantities,
        "peakMultipliers": [
            {
                "factor": "Evening peak",
                "multiplier": f"{values['peak_factor']}x",
                "notes": cap(draft.short()),
            },
            {
                "factor": "Regional failover",
                "multiplier": "1.5x",
                "notes": "The surviving region absorbs half the traffic.",
            },
        ],
        "designTarget": f"Design for {rng.choice([2, 3, 5])}x today's peak without re-architecture.",
        "overTime": [
            {
                "scale": f"{factor}x",
                "load": number(values["peak_read_qps"] * factor, "reads/s"),
                "bottleneck": f"{cap(rng.choice(v.CONCERNS))} in the {rng.choice(['cache', 'primary store', 'stream'])}",
                "mitigation": cap(rng.choice(v.MECHANISMS)),
            }
            for factor in (2, 5, 10)[: rng.randint(2, 3)]
        ],
        "bottlenecks": [cap(c) for c in draft.some(v.CONCERNS, 2, 3)],
    }


def nfr(draft: Draft) -> dict:
    d, rng = draft.d, draft.rng
    read_op, write_op = f"{d.store}-load", f"{d.entity}-publish"
    draft.operations = [
        (read_op, rng.choice([200, 300, 400])),
        (write_op, rng.choice([300, 500, 800])),
        (f"{d.entity}-search", 500),
        (f"{d.entity}-history", 400),
    ]
    # Objectives as first written; they are lowered later to what the dependencies allow.
    availability = [
        {
            "name": f"{cap(d.reader)}",
            "component": f"{d.entity}-read-service",
            "target": "99.95%",
            "rationale": cap(draft.short()),
        },
        {"name": f"{cap(d.writer)}", "component": f"{d.entity}-write-service", "target": "99.9%"},
    ]
    if rng.random() < 0.7:
        availability.append(
            {"name": "Public API", "component": "api-gateway", "target": rng.choice(["99.9%", "99.5%"])}
        )
    return {
        "latency": [
            {
                "operation": op,
                **({"name": op.replace("-", " ").capitalize()} if rng.random() < 0.5 else {}),
                "target": f"{target} ms",
                "percentile": rng.choice(["p99", "p99", "p95"]),
            }
            for op, target in draft.operations
        ],
        "availability": availability,
        "consistency": [
            {
                "aspect": f"{cap(d.store)} after a write",
                "model": "eventual",
                "bound": f"{rng.choice([5, 30, 60])} s",
                "rationale": cap(draft.short()),
            },
            {"aspect": f"Own {d.entity}s", "model": "read-your-writes"},
            {
                "aspect": "Quota and billing records",
                "model": "strong",
                "rationale": "Money and limits must not drift.",
            },
        ],
        "durability": [
            f"No acknowledged {d.entity} is ever lost once the primary store has committed it",
            "Backups restored and verified weekly",
        ],
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
