"""Generated sections: failure scenarios, cascades, SLOs, disaster recovery, multi-region and incidents."""

from __future__ import annotations

from bench import vocabulary as v
from bench.prose import Draft, cap, number
from bench.reconcile import impacts
from bench.yamlemit import Flow, FlowMap

# Failure scopes by kind of component, and how a scenario's name reads.
_STATELESS = ("service", "worker", "api-gateway", "load-balancer")
_DATA = (
    "cache",
    "database",
    "wide-column-store",
    "key-value-store",
    "stream",
    "queue",
    "search-index",
    "object-store",
)
_WORDING = {
    "node": "loses a node",
    "shard": "loses a shard",
    "cluster": "is down",
    "region": "is down in one region",
    "slow": "is slow",
    "partial": "partly fails",
}


def _scopes(draft: Draft, component: dict) -> list[str]:
    regional = ["region"] if draft.regions else []
    if component["kind"] in _STATELESS:
        return ["node", "slow", "cluster", *regional]
    if component["kind"] in _DATA:
        return ["node", "cluster", "slow", *(["shard"] if component.get("shards") else []), *regional]
    return ["slow", "partial", "cluster"]


def _effect(draft: Draft, scope: str, component: dict, impact, paths: dict[str, dict]) -> tuple[str, dict]:
    """What the graph says the failure reaches, in words and as a blast radius; the users' share follows the scope."""
    rng = draft.rng
    lost = [p for p in paths if p in impact.lost_paths]
    degraded = [p for p in paths if p in impact.degraded_paths]
    flows = lost + [p for p in degraded if rng.random() < 0.5]
    names = {p: paths[p]["name"].removesuffix(" path") for p in paths}
    if lost:
        verb = "fails" if len(lost) == 1 else "fail"
        words = f"{' and '.join(names[p] for p in lost)} {verb} for the users it reaches."
    elif degraded:
        verb = "slows down but keeps" if len(degraded) == 1 else "slow down but keep"
        words = f"{' and '.join(names[p] for p in degraded)} {verb} working."
    else:
        words = f"No user-facing flow stops; the {draft.d.store} lags until it recovers."
    if not lost and not degraded:
        share, revenue = 0, "none"
    elif scope == "cluster":
        share, revenue = (100, "high") if lost else (rng.choice([10, 25]), "low")
    elif scope == "region":
        share, revenue = 100 // len(draft.regions["regions"]), "medium"
    elif scope in ("node", "shard"):
        parts = component.get("shards" if scope == "shard" else "replicas") or rng.choice([4, 8])
        share, revenue = max(1, round(100 / parts)), "low"
    else:
        share, revenue = rng.choice([5, 10, 25]), "low"
    found = FlowMap(users=f"{share}%", revenue=revenue)
    if flows and rng.random() < 0.4:
        found["capabilities"] = Flow([names[p] for p in flows])
    if flows:
        found["flows"] = Flow(flows)
    return words, found


def failure_scenarios(draft: Draft) -> list[dict]:
    rng = draft.rng
    candidates = [c for c in draft.components if c["kind"] not in ("client",)]
    effects = impacts(draft.name, draft.architecture)
    paths = {p["id"]: p for p in draft.architecture["paths"]}
    found = []
    for component in rng.sample(candidates, min(len(candidates), rng.randint(5, 7))):
        scope = rng.choice(_scopes(draft, component))
        words, blast_radius = _effect(draft, scope, component, effects[component["id"]], paths)
        scenario = {"id": f"{component['id']}-{scope}-failure", "component": component["id"], "scope": scope}
        if rng.random() < 0.5:
            scenario["name"] = f"{component['name']} {_WORDING[scope]}"
        scenario["impact"] = words
        scenario["degradation"] = f"{cap(rng.choice(v.ACTIONS))}."
        if rng.random() < 0.6:
            scenario["detection"] = f"Alert when {rng.choice(v.SIGNALS)}."
        scenario["blastRadius"] = blast_radius
        if scope in ("partial", "shard", "node"):
            scenario["partial"] = True
        found.append(scenario)
    return found


def partial_failures(draft: Draft) -> list[dict]:
    return [
        {
            "scenario": f"{cap(concern)} in one zone",
            "whatHappens": draft.sentence(),
            "userImpact": draft.short(),
            "response": cap(draft.rng.choice(v.ACTIONS)),
        }
        for concern in draft.some(v.CONCERNS, 2, 3)
    ]


def cascade_protections(draft: Draft) -> list[dict]:
    rng = draft.rng
    values = {
        "circuit-breaker": "50%",
        "timeout": "200 ms",
        "retry-budget": "10%",
        "rate-limiting": "100 req/s",
        "load-shedding": "90%",
        "bulkhead": "32",
        "backpressure": "10K",
        "request-coalescing": "1",
        "fallback": "1",
        "cache-warming": "15 min",
    }
    found = []
    for pattern in rng.sample(sorted(values), rng.randint(2, 4)):
        found.append(
            {
                "pattern": pattern,
                "appliedTo": rng.choice(draft.ids("service", "api-gateway", "worker")),
                "rationale": cap(draft.short()),
                "value": values[pattern],
            }
        )
    return found


def set_slo_objective(entry: dict, objective: float) -> None:
    """An SLO's objective and what follows from it: the budget over the window and a looser SLA."""
    entry["objective"] = f"{objective}%"
    entry["errorBudget"] = number(30 * 24 * 60 * (100 - objective) / 100, "min")
    if "sla" in entry:
        entry["sla"]["target"] = f"{objective - 0.4:.2f}%"


def slos(draft: Draft) -> list[dict]:
    rng = draft.rng
    found = []
    services = draft.ids("service", "api-gateway")
    for number_, service in enumerate(rng.sample(services, min(len(services), 2)), start=1):
        kind = rng.choice(["availability", "latency", "availability", "error-rate", "freshness"])
        entry = {
            "id": f"SLO-{number_}",
            "service": service,
            "sli": f"Share of {kind.replace('-', ' ')} events that are good, measured at the gateway",
            "kind": kind,
            "objective": None,
            "window": "30d",
            "errorBudget": None,
            "burnRateAlerts": [
                FlowMap(window="1h", burnRate=14.4),
                FlowMap(window="3d", burnRate=1.0, severity="ticket"),
            ],
        }
        if kind in ("latency", "freshness"):
            entry["threshold"] = f"{rng.choice([100, 200, 300, 500])} ms"
        if rng.random() < 0.4:
            entry["sla"] = {"target": None, "consequence": "Service credits of 10% of the monthly fee."}
        set_slo_objective(entry, rng.choice([99.0, 99.5, 99.9, 99.95]))
        found.append(entry)
    return found


# Multi-region pattern -> the DR tiers it supports (tier 1 needs regions that are already active).
_TIERS = {None: (3, 4), "active-passive": (2, 3), "active-active-read": (1, 2), "active-active-full": (1,)}
_OBJECTIVES = {  # tier -> (RPO choices, RTO choices), inside the tier's bands
    1: (["0 s"], ["1 min", "5 min"]),
    2: (["30 s", "1 min", "5 min"], ["15 min", "30 min"]),
    3: (["15 min", "1 h"], ["1 h", "4 h"]),
    4: (["12 h", "24 h"], ["8 h", "24 h"]),
}
_FAILOVER = {
    1: ["Drain the failed region at the load balancer", "Let the surviving regions absorb its traffic"],
    2: ["Freeze deploys", "Promote the warm standby", "Shift DNS weights"],
    3: [
        "Freeze deploys",
        "Scale the pilot-light services up",
        "Promote the standby store",
        "Shift DNS weights",
    ],
    4: [
        "Freeze deploys",
        "Provision the stack from infrastructure code",
        "Restore the latest backup",
        "Shift DNS to the new region",
    ],
}


def plan_regions(draft: Draft) -> None:
    """Choose the multi-region pattern and the DR tier together, before the SLOs that depend on them."""
    rng = draft.rng
    pattern = rng.choice([None, None, "active-passive", "active-active-read", "active-active-full"])
    tier = rng.choice(_TIERS[pattern])
    rpo, rto = (rng.choice(choices) for choices in _OBJECTIVES[tier])
    synchronous = tier == 1 and (pattern == "active-active-full" or rng.random() < 0.5)
    lag = None if synchronous or pattern is None else rng.choice([200, 500, 1000])
    if tier == 1 and not synchronous:
        rpo = f"{max(1, lag // 1000)} s"  # what has not crossed over yet is what a failover loses
    draft.regions = (
        None
        if pattern is None
        else {
            "pattern": pattern,
            "regions": draft.some(v.REGIONS, 2, 3),
            "lag": lag,
            "current": pattern if tier <= 2 else rng.choice(["single-region", pattern]),
        }
    )
    draft.dr_plan = {"tier": tier, "rpo": rpo, "rto": rto, "replication": "sync" if synchronous else "async"}


def dr(draft: Draft) -> dict:
    rng, plan = draft.rng, draft.dr_plan
    tier = plan["tier"]
    return {
        "tier": tier,
        "strategy": ["active-active", "warm-standby", "pilot-light", "backup-restore"][tier - 1],
        "rpo": plan["rpo"],
        "rto": plan["rto"],
        "replication": plan["replication"],
        "scenarios": [
            "Loss of the primary region",
            "Corrupted deploy of the data layer",
            "Accidental mass delete",
        ],
        "detection": f"Alert when {rng.choice(v.SIGNALS)} in more than one zone.",
        "decisionProcess": "Incident commander decides within 10 minutes; no consensus needed to fail over.",
        "failover": _FAILOVER[tier],
        "validation": "Synthetic writes and reads succeed from every serving region.",
        "failback": ["Re-seed the old primary", "Shift traffic back in 10% steps"],
        "postMortem": "Blameless review within five working days.",
        "drillCadence": rng.choice(["quarterly", "twice a year", "monthly game days"]),
    }


def multi_region(draft: Draft) -> dict | None:
    rng, plan = draft.rng, draft.regions
    if plan is None:
        return None
    found = {
        "pattern": plan["pattern"],
        "current": plan["current"],
        "regions": Flow(plan["regions"]),
        "routing": "Latency-based DNS with health checks; sticky per user for read-your-writes.",
        "replication": "async" if plan["lag"] else "sync",
    }
    if plan["lag"]:
        found["replicationLag"] = f"{plan['lag']} ms"
    found.update(
        {
            "conflictResolution": "Last writer wins on metadata; commutative counters; unique ids never conflict.",
            "changes": [
                {
                    "component": c,
                    "singleRegion": "One cluster",
                    "multiRegion": f"One cluster per region, {cap(draft.short())}",
                }
                for c in draft.some(
                    draft.ids("database", "cache", "stream", "wide-column-store", "key-value-store"), 1, 2
                )
            ],
            "consistencyChallenges": [
                {
                    "scenario": f"{cap(c)} across regions",
                    "challenge": draft.sentence(),
                    "resolution": cap(rng.choice(v.MECHANISMS)),
                }
                for c in draft.some(v.CONCERNS, 1, 2)
            ],
        }
    )
    return found


def incidents(draft: Draft) -> list[dict]:
    rng = draft.rng
    return [
        {
            "title": f"{cap(concern)} took down {rng.choice(draft.ids('service', 'cache', 'database'))}",
            "context": draft.sentence(),
            "trigger": cap(rng.choice(v.SIGNALS)),
            "propagation": draft.sentence(),
            "impact": f"{rng.randint(5, 90)} minutes of degraded {draft.d.store}",
            "response": cap(rng.choice(v.ACTIONS)),
            "rootCause": cap(concern),
            "designChange": cap(rng.choice(v.MECHANISMS)),
            "lesson": draft.sentence(),
        }
        for concern in draft.some(v.CONCERNS, 1, 1)
    ]
