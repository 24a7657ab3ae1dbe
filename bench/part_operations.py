"""Generated sections: cost (items add up to the total), operations, teams' contracts and change."""

from __future__ import annotations

from bench import vocabulary as v
from bench.prose import Draft, cap, money, money_shown, number, price, shown
from bench.yamlemit import Flow, FlowMap, Folded

HOURS_PER_MONTH = 730


def _nodes(draft: Draft, component: dict) -> int:
    """What the bill counts: the planned nodes, or every shard's replicas, or the replicas."""
    if "capacity" in component:
        return component["capacity"]["nodes"]
    if component.get("shards") and component.get("replicas"):
        return component["shards"] * component["replicas"]
    return component.get("replicas") or draft.rng.randint(2, 12)


def _data(terabytes: float) -> str:
    return number(terabytes, "TB") if terabytes >= 1 else number(terabytes * 1000, "GB")


def cost(draft: Draft) -> dict:
    """Line items that multiply out, a total that adds up and a cost per user that divides out."""
    rng, q = draft.rng, draft.quantities
    items, amounts = [], []

    def add(item: dict, monthly: float, notes: str | None = None) -> None:
        item["monthly"] = money(monthly)
        if notes:
            item["notes"] = notes
        amounts.append(money_shown(monthly))
        items.append(item)

    billed = [c for c in draft.components if c["kind"] not in ("client", "external-service", "cdn")]
    for component in rng.sample(billed, min(len(billed), rng.randint(3, 4))):
        nodes = _nodes(draft, component)
        hourly = rng.choice([0.096, 0.192, 0.34, 0.48, 0.77, 1.54])
        add(
            {
                "name": f"{component['name']} nodes",
                "component": component["id"],
                "quantity": f"{nodes} nodes",
                "unitPrice": f"${hourly}/node/hour",
            },
            nodes * hourly * HOURS_PER_MONTH,
        )
    storage = shown(q["total_storage"])  # TB, replicas included
    add(
        {
            "name": "Primary storage",
            "quantity": _data(storage),
            "quantityRef": "total_storage",
            "unitPrice": "$23/TB/month",
        },
        storage * 23,
        "Every replica is billed.",
    )
    # Average egress is 40% of the peak: Gbps -> TB a month.
    egress = shown(q["peak_egress"] * 0.4 * 3600 * HOURS_PER_MONTH / 8 / 1000)
    add(
        {"name": "Internet egress", "quantity": number(egress, "TB/month"), "unitPrice": "$20/TB"},
        egress * 20,
        "CDN-committed rate; average is 40% of peak.",
    )
    if rng.random() < 0.4 and all(item.get("component") != "public-lb" for item in items):
        add(
            {"name": "Load balancer", "component": "public-lb"},
            rng.choice([25, 40, 120]),
            "Plus traffic charges.",
        )
    total = sum(amounts)
    found = {
        "currency": "USD",
        "hoursPerMonth": f"{HOURS_PER_MONTH} h",
        "items": items,
        "total": money(total),
        "users": "dau",
        "perUser": price(total / q["dau"], "/user/month"),
        "drivers": [
            {
                "driver": cap(d),
                "magnitude": rng.choice(["dominant", "large", "moderate"]),
                "mitigation": cap(rng.choice(v.MECHANISMS)),
            }
            for d in ("egress at peak", "replicated storage", "compute for fan-out")[: rng.randint(1, 2)]
        ],
        "notes": draft.sentence(),
    }
    if rng.random() < 0.5:
        found["trajectory"] = [
            {
                "factor": "Users",
                "now": number(q["dau"], "DAU"),
                "later": number(q["dau"] * 3, "DAU"),
                "horizon": "18 months",
                "mitigation": "Tiered storage for data older than 30 days.",
            }
        ]
    return found


def runbooks(draft: Draft) -> list[dict]:
    rng = draft.rng
    found = []
    for component in rng.sample(draft.components[2:], min(len(draft.components) - 2, rng.randint(2, 2))):
        runbook_id = f"RB-{component['id']}"
        found.append(
            {
                "id": runbook_id,
                "title": f"{component['name']} degraded",
                "symptom": f"{cap(rng.choice(v.SIGNALS))} on {component['id']}",
                "diagnosis": [
                    f"Check the {rng.choice(v.DASHBOARDS)} dashboard",
                    f"Look for {rng.choice(v.CONCERNS)}",
                ],
                "mitigation": [cap(a) for a in draft.some(v.ACTIONS, 2, 3)],
                "escalation": [
                    f"Page #{component.get('owner', draft.teams[0])}-oncall after 15 minutes",
                    "Declare an incident at SEV-2",
                ],
            }
        )
        draft.runbooks.append(runbook_id)
    return found


def _alerts(draft: Draft, component: dict) -> list[FlowMap]:
    """A paging alert where the component has a runbook to page with; tickets and notes elsewhere."""
    rng = draft.rng
    runbook = f"RB-{component['id']}"
    found = []
    if runbook in draft.runbooks:
        found.append(FlowMap(condition=cap(rng.choice(v.SIGNALS)), severity="page", runbook=runbook))
    for severity in draft.some(["ticket", "info"], 0 if found else 1, 1):
        found.append(FlowMap(condition=cap(rng.choice(v.SIGNALS)), severity=severity))
    return found


def observability(draft: Draft) -> dict:
    rng = draft.rng
    watched = [c for c in draft.components if c["kind"] != "client" and not c.get("external")]
    metrics = []
    for component in rng.sample(watched, min(len(watched), rng.randint(6, 8))):
        metrics.append(
            {
                "component": component["id"],
                "metrics": Flow(
                    ["p99 latency", "error rate", "saturation"]
                    + draft.some(["queue depth", "hit ratio", "lag"], 0, 1)
                ),
                "alerts": _alerts(draft, component),
            }
        )
    metrics.sort(key=lambda entry: draft.ids().index(entry["component"]))
    return {
        "metrics": metrics,
        "tracing": {
            "context": Flow(["trace_id", "span_id", "user_id_hash"]),
            "description": "W3C trace context propagated through every hop, including the event stream.",
        },
        "logging": {
            "format": "JSON lines",
            "fields": Flow(["ts", "level", "trace_id", "component", "event"]),
            "piiPolicy": "No free text, no raw identifiers; hashed user ids only.",
        },
        "dashboards": draft.some(v.DASHBOARDS, 3, 5),
    }


def cross_team_dependencies(draft: Draft) -> list[dict]:
    rng = draft.rng
    found = []
    for component in [c for c in draft.components if c["kind"] == "external-service"] + draft.some(
        draft.components[3:], 1, 2
    ):
        found.append(
            {
                "service": component["name"],
                "component": component["id"],
                "team": rng.choice(draft.teams),
                "contract": "Versioned gRPC API with a published deprecation window of 90 days.",
                "sla": rng.choice(["99.9% monthly", "99.95% monthly", "best effort"]),
                "escalation": f"#{rng.choice(draft.teams)} channel, then their on-call",
                "fallback": cap(rng.choice(v.ACTIONS)),
            }
        )
    return found


def deployment(draft: Draft) -> dict:
    return {
        "practices": [
            {"requirement": r, "implementation": i}
            for r, i in [
                ("Progressive delivery", "Canary per region driven by SLO burn."),
                ("Schema changes are backward compatible", "Expand, migrate, contract; never in one deploy."),
                ("Config is code", "Reviewed, versioned and rolled out like a binary."),
            ]
        ],
        "canaryStages": Flow(["1%", "5%", "25%", "100%"]),
        "rollbackTrigger": f"Automatic when {draft.rng.choice(v.SIGNALS)} during a stage.",
    }


def human_errors(draft: Draft) -> list[dict]:
    patterns = [
        "Deploying config to all regions at once",
        "Deleting the wrong table",
        "Raising a limit without capacity",
        "Running a backfill at peak",
        "Rotating a credential without a grace period",
    ]
    return [
        {"pattern": p, "whatHappens": cap(draft.short()), "mitigation": cap(draft.rng.choice(v.MECHANISMS))}
        for p in draft.some(patterns, 2, 3)
    ]


def migrations(draft: Draft) -> list[dict]:
    d, rng = draft.d, draft.rng
    return [
        {
            "name": f"Move the {d.store} to the new store",
            "pattern": rng.choice(["strangler-fig", "parallel-run", "feature-flag"]),
            "from": "Monolith tables",
            "to": f"{d.store}-store",
            "movesData": True,
            "phases": [
                {
                    "name": name,
                    "action": cap(draft.short()),
                    "risk": risk,
                    "rollback": "Flip the flag back.",
                    "successCriteria": [f"{cap(draft.short())}"],
                    "duration": f"{rng.randint(1, 4)} weeks",
                }
                for name, risk in [
                    ("Dual write", "medium"),
                    ("Backfill", "high"),
                    ("Shadow reads", "low"),
                    ("Cut over", "medium"),
                ][: rng.randint(2, 3)]
            ],
            "dataMigration": {
                "strategy": rng.choice(["dual-write", "cdc", "backfill"]),
                "description": draft.sentence(),
            },
            "successCriteria": ["Mismatch rate below 0.01% for 7 days", "p99 unchanged"],
            "timeline": f"{rng.randint(2, 4)} quarters",
            "riskMitigation": [cap(m) for m in draft.some(v.MECHANISMS, 1, 2)],
        }
    ]


def invariants(draft: Draft) -> list[dict]:
    d = draft.d
    return [
        {
            "name": "No lost writes",
            "statement": f"Every acknowledged {d.entity} is in the {d.entity}-db.",
            "enforcement": "Acknowledge only after a quorum commit.",
        },
        {
            "name": "Idempotent creation",
            "statement": f"A retried create never yields two {d.entity}s.",
            "enforcement": "Idempotency keys with a unique index.",
        },
        {
            "name": "Eventually complete",
            "statement": f"Every {d.entity} reaches every {d.store} it belongs to.",
            "enforcement": cap(draft.rng.choice(v.MECHANISMS)),
        },
    ]


def evolution(draft: Draft) -> dict:
    rng = draft.rng
    return {
        "steps": [
            {
                "horizon": h,
                "change": cap(rng.choice(v.MECHANISMS)),
                "impact": cap(draft.short()),
                "trigger": cap(rng.choice(v.SIGNALS)),
            }
            for h in ("6 months", "1 year", "2 years")[: rng.randint(2, 3)]
        ],
        "themes": {"Year 1": [cap(draft.short()) for _ in range(2)], "Year 2": [cap(draft.short())]},
    }


def notes(draft: Draft) -> Folded:
    return Folded(draft.prose(1, 2))
