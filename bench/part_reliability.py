"""Generated sections: failure scenarios, cascades, SLOs, disaster recovery, multi-region and incidents."""

from __future__ import annotations

from bench import vocabulary as v
from bench.prose import Draft, cap, number
from bench.yamlemit import Flow, FlowMap


def failure_scenarios(draft: Draft) -> list[dict]:
    rng = draft.rng
    candidates = [c for c in draft.components if c["kind"] not in ("client",)]
    found = []
    for component in rng.sample(candidates, min(len(candidates), rng.randint(2, 3))):
        scope = rng.choice(["node", "shard", "cluster", "region", "slow", "partial"])
        found.append({
            "id": f"{component['id']}-{scope}-failure",
            "component": component["id"],
            "scope": scope,
            "name": f"{component['name']} {'is slow' if scope == 'slow' else f'loses a {scope}'}",
            "impact": draft.sentence(),
            "degradation": f"{cap(rng.choice(v.ACTIONS))}.",
            "detection": f"Alert when {rng.choice(v.SIGNALS)}.",
            "blastRadius": {
                "users": f"{rng.choice([1, 2, 5, 10, 25, 100])}%",
                "revenue": rng.choice(["none", "low", "medium", "high"]),
                "flows": Flow(draft.some(draft.paths, 1, 2)),
            },
            "partial": scope in ("partial", "shard", "node"),
        })
    return found


def partial_failures(draft: Draft) -> list[dict]:
    return [{"scenario": f"{cap(concern)} in one zone", "whatHappens": draft.sentence(),
             "userImpact": draft.short(), "response": cap(draft.rng.choice(v.ACTIONS))}
            for concern in draft.some(v.CONCERNS, 2, 3)]


def cascade_protections(draft: Draft) -> list[dict]:
    rng = draft.rng
    values = {"circuit-breaker": "50%", "timeout": "200 ms", "retry-budget": "10%", "rate-limiting": "100 req/s",
              "load-shedding": "90%", "bulkhead": "32", "backpressure": "10K", "request-coalescing": "1",
              "fallback": "1", "cache-warming": "15 min"}
    found = []
    for pattern in rng.sample(sorted(values), rng.randint(3, 4)):
        found.append({"pattern": pattern, "appliedTo": rng.choice(draft.ids("service", "api-gateway", "worker")),
                      "rationale": cap(draft.short()), "value": values[pattern]})
    return found


def slos(draft: Draft) -> list[dict]:
    rng = draft.rng
    found = []
    services = draft.ids("service", "api-gateway")
    for number_, service in enumerate(rng.sample(services, min(len(services), 2)), start=1):
        kind = rng.choice(["availability", "latency", "availability", "error-rate", "freshness"])
        objective = rng.choice([99.0, 99.5, 99.9, 99.95])
        budget_minutes = 30 * 24 * 60 * (100 - objective) / 100
        entry = {
            "id": f"SLO-{number_}",
            "service": service,
            "sli": f"Share of {kind.replace('-', ' ')} events that are good, measured at the gateway",
            "kind": kind,
            "objective": f"{objective}%",
            "window": "30d",
            "errorBudget": number(budget_minutes, "min"),
            "burnRateAlerts": [FlowMap(window="1h", burnRate=14.4),
                               FlowMap(window="3d", burnRate=1.0, severity="ticket")],
        }
        if kind in ("latency", "freshness"):
            entry["threshold"] = f"{rng.choice([100, 200, 300, 500])} ms"
        if rng.random() < 0.4:
            entry["sla"] = {"target": f"{objective - 0.4:.2f}%", "consequence": "Service credits of 10% of the monthly fee."}
        found.append(entry)
    return found


def dr(draft: Draft) -> dict:
    rng = draft.rng
    tier = rng.randint(1, 3)
    return {
        "tier": tier,
        "strategy": ["active-active", "warm-standby", "pilot-light"][tier - 1],
        "rpo": ["0 s", "5 min", "1 h"][tier - 1],
        "rto": ["5 min", "30 min", "4 h"][tier - 1],
        "replication": "sync" if tier == 1 else "async",
        "scenarios": ["Loss of the primary region", "Corrupted deploy of the data layer", "Accidental mass delete"],
        "detection": f"Alert when {rng.choice(v.SIGNALS)} in more than one zone.",
        "decisionProcess": "Incident commander decides within 10 minutes; no consensus needed to fail over.",
        "failover": ["Freeze deploys", "Promote the standby store", "Shift DNS weights"],
        "validation": "Synthetic writes and reads succeed from three regions.",
        "failback": ["Re-seed the old primary", "Shift traffic back in 10% steps"],
        "postMortem": "Blameless review within five working days.",
        "drillCadence": rng.choice(["quarterly", "twice a year", "monthly game days"]),
    }


def multi_region(draft: Draft) -> dict:
    rng = draft.rng
    regions = draft.some(v.REGIONS, 2, 3)
    return {
        "pattern": rng.choice(["active-passive", "active-active-read", "active-active-full"]),
        "current": "single-region",
        "regions": Flow(regions),
        "routing": "Latency-based DNS with health checks; sticky per user for read-your-writes.",
        "replication": "async",
        "replicationLag": f"{rng.choice([200, 500, 1000])} ms",
        "conflictResolution": "Last writer wins on metadata; commutative counters; unique ids never conflict.",
        "changes": [{"component": c, "singleRegion": "One cluster", "multiRegion": f"One cluster per region, {cap(draft.short())}"}
                    for c in draft.some(draft.ids("database", "cache", "stream", "wide-column-store", "key-value-store"), 1, 2)],
        "consistencyChallenges": [{"scenario": f"{cap(c)} across regions", "challenge": draft.sentence(),
                                   "resolution": cap(rng.choice(v.MECHANISMS))} for c in draft.some(v.CONCERNS, 1, 2)],
    }


def incidents(draft: Draft) -> list[dict]:
    rng = draft.rng
    return [{"title": f"{cap(concern)} took down {rng.choice(draft.ids('service', 'cache', 'database'))}",
             "context": draft.sentence(), "trigger": cap(rng.choice(v.SIGNALS)), "propagation": draft.sentence(),
             "impact": f"{rng.randint(5, 90)} minutes of degraded {draft.d.store}", "response": cap(rng.choice(v.ACTIONS)),
             "rootCause": cap(concern), "designChange": cap(rng.choice(v.MECHANISMS)), "lesson": draft.sentence()}
            for concern in draft.some(v.CONCERNS, 1, 1)]
