"""Generated sections: metadata, teams, users, use cases, scope, requirements and the judgment calls."""

from __future__ import annotations

from bench import vocabulary as v
from bench.prose import Draft, cap, number
from bench.yamlemit import Flow, Folded


def metadata(draft: Draft) -> dict:
    d, rng = draft.d, draft.rng
    year = 2023 + rng.randint(0, 2)
    return {
        "name": draft.name,
        "title": f"{d.title} ({draft.index})",
        "owners": Flow(draft.some(draft.teams, 1, 2)),
        "status": rng.choice(["draft", "review", "approved", "implemented"]),
        "tags": Flow([d.slug, d.entity, rng.choice(["tier-1", "tier-2", "internal", "customer-facing"])]),
        "summary": Folded(
            f"How we {d.writer} and {d.reader} for {number(draft.quantities['dau'])} daily users. "
            + draft.prose(1, 1)
        ),
        "created": f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "updated": f"{year + 1}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "reviewers": Flow(draft.some(v.PEOPLE, 2, 3)),
    }


def teams(draft: Draft) -> list[dict]:
    names = draft.some(v.TEAM_NAMES, 3, 3)
    draft.teams = names
    return [
        {
            "id": name,
            "name": name.replace("-", " ").title(),
            "responsibilities": cap(draft.short()),
            **(
                {"oncall": f"#{name}-oncall, weekly rotation of {draft.rng.randint(4, 9)} engineers"}
                if draft.rng.random() < 0.5
                else {}
            ),
        }
        for name in names
    ]


def users(draft: Draft) -> list[dict]:
    d = draft.d
    found = [
        {
            "id": "end-user",
            "name": f"{cap(d.audience)} and authors",
            "type": "human",
            "role": "primary",
            "description": f"People who {d.writer} and {d.reader}.",
            "needs": [f"{cap(d.reader)} in well under a second", f"{cap(d.writer)} reliably", draft.short()],
        },
        {
            "id": "operator",
            "name": "On-call engineers",
            "type": "operational",
            "description": "The people who keep the system healthy at 3 a.m.",
            "needs": Flow(["clear dashboards", "runbooks per alert", "safe rollbacks"]),
        },
        {
            "id": "partner-api",
            "name": "Partner integrations",
            "type": "system",
            "description": f"Third parties that {d.reader} through the public API.",
            "needs": Flow(["stable versioned contracts", "documented rate limits"]),
        },
    ]
    if draft.rng.random() < 0.4:
        found.append(
            {
                "id": "analyst",
                "name": "Data analysts",
                "type": "human",
                "description": f"Query {d.entity} history for reporting.",
                "needs": Flow(["daily exports"]),
            }
        )
    draft.users = [u["id"] for u in found]
    return found


def use_cases(draft: Draft) -> list[dict]:
    d, rng = draft.d, draft.rng
    ops = [op for op, _ in draft.operations]
    found = [
        {
            "id": f"{d.entity}-write",
            "name": cap(d.writer),
            "category": "core",
            "user": "end-user",
            "priority": "P0",
            "description": draft.sentence(),
            "operations": Flow(ops[1:2]),
        },
        {
            "id": f"{d.store}-read",
            "name": cap(d.reader),
            "category": "core",
            "user": "end-user",
            "priority": "P0",
            "description": draft.sentence(),
            "operations": Flow(ops[:1]),
        },
    ]
    extra = ["history", "search", "export", "moderation", "settings", "bulk-import", "undo", "share"]
    for name in draft.some(extra, 1, 2):
        operation = f"{d.entity}-{name}"
        targeted = operation in ops  # only a use case with a latency target is core
        found.append(
            {
                "id": operation,
                "name": f"{cap(d.entity)} {name.replace('-', ' ')}",
                "category": rng.choice(["supporting", "core"]) if targeted else "supporting",
                "user": rng.choice(draft.users),
                "priority": rng.choice(["P1", "P2"]),
                **({"description": draft.sentence()} if rng.random() < 0.4 else {}),
                **({"operations": Flow([operation])} if targeted else {}),
            }
        )
    for concern in draft.some(v.CONCERNS, 1, 1):
        found.append(
            {
                "id": f"edge-{concern.replace(' ', '-')}",
                "name": f"Edge case: {concern}",
                "category": "edge",
                "handling": f"Handled with {rng.choice(v.MECHANISMS)}.",
            }
        )
    draft.use_cases = [u["id"] for u in found]
    return found


def scope(draft: Draft) -> dict:
    d = draft.d
    return {
        "in": Flow([cap(d.writer), cap(d.reader), f"{cap(d.entity)} history", "Abuse limits"]),
        "out": [
            {"item": item, "reason": cap(draft.short())}
            for item in draft.some(
                [
                    "Billing and invoicing",
                    "Offline mode",
                    "Analytics pipeline",
                    "Admin console",
                    "Localisation",
                    "Third-party plugins",
                    "Realtime collaboration",
                ],
                2,
                3,
            )
        ],
    }


def requirements(draft: Draft) -> list[dict]:
    d, rng = draft.d, draft.rng
    found = []
    for position, (flow, what) in enumerate(
        [
            ("write", d.writer),
            ("read", d.reader),
            ("read", f"list {d.entity} history"),
            ("write", f"delete a {d.entity}"),
            ("control", "rate-limit abusive clients"),
            ("control", f"backfill the {d.store}"),
        ][: rng.randint(2, 3)],
        start=1,
    ):
        primary = draft.use_cases[0 if flow == "write" else 1]  # the core use case of that flow
        found.append(
            {
                "id": f"FR-{position}",
                "name": cap(what),
                "flow": flow,
                "description": cap(draft.short()),
                **({"details": [draft.short()]} if rng.random() < 0.5 else {}),
                "useCases": Flow(
                    [primary, *draft.some([u for u in draft.use_cases[2:4] if u != primary], 0, 1)]
                ),
            }
        )
        edge_cases = [f"{cap(c)} during {what}" for c in draft.some(v.CONCERNS, 0, 1)]
        if edge_cases:
            found[-1]["edgeCases"] = edge_cases
    return found


def assumptions(draft: Draft) -> list[dict]:
    rng = draft.rng
    return [
        {
            "category": category,
            "statement": draft.sentence(),
            "risk": rng.choice(["low", "medium", "high"]),
            "validation": f"Alert when {rng.choice(v.SIGNALS)}.",
        }
        for category in draft.some(
            ["infrastructure", "service", "behavioural", "environmental", "service"], 2, 3
        )
    ]


def constraints(draft: Draft) -> list[str]:
    d = draft.d
    return [
        f"Must run in {draft.rng.choice(v.REGIONS)} first",
        f"No new datastore technology for the {d.store}",
        f"Launch for {d.audience} within two quarters",
        draft.short(),
    ]


def simplifications(draft: Draft) -> list[dict]:
    return [
        {"statement": cap(draft.short()), "why": draft.sentence()} for _ in range(draft.rng.randint(2, 3))
    ]


def tradeoffs(draft: Draft) -> list[dict]:
    d, rng = draft.d, draft.rng
    options = [
        (
            "Fan-out on write vs on read",
            f"Precompute the {d.store} on write",
            "write amplification for large accounts",
        ),
        (
            "Consistency of the read path",
            "Eventual consistency with a 60 s bound",
            "read-your-writes across devices",
        ),
        ("Build vs buy for delivery", "Buy the external provider", "control over retries and cost at scale"),
        ("Storage engine", "Wide-column store keyed by owner", "ad-hoc queries across owners"),
        (
            "Synchronous validation",
            "Validate asynchronously after accepting",
            "immediate feedback on rare failures",
        ),
        ("Cache placement", "Cache in a shared tier, not in-process", "a network hop on every read"),
    ]
    return [
        {"name": name, "choice": choice, "sacrifices": cap(gives_up), "rationale": draft.sentence()}
        for name, choice, gives_up in rng.sample(options, rng.randint(2, 3))
    ]


def decisions(draft: Draft) -> list[dict]:
    rng = draft.rng
    topics = [
        ("Choose the primary store", v.STORE_KINDS),
        ("Choose the event transport", ["stream", "queue"]),
        ("Choose the cache", ["cache"]),
        ("Choose the deployment model", ["service", "worker"]),
    ]
    found = []
    for position, (title, kinds) in enumerate(rng.sample(topics, rng.randint(1, 2)), start=1):
        kind = rng.choice(kinds)
        chosen, *others = rng.sample(v.TECHNOLOGIES[kind], 2)
        found.append(
            {
                "id": f"ADR-{draft.index % 100:02d}{position}",
                "title": title,
                "decision": f"Use {chosen}.",
                "reversibility": rng.choice(["reversible", "irreversible"]),
                "rationale": Folded(draft.prose(1, 1)),
                "alternatives": [
                    {"name": other, "whyRejected": draft.sentence(), "whenItWouldWork": cap(draft.short())}
                    for other in others
                ],
            }
        )
    return found


def mental_models(draft: Draft) -> list[dict]:
    return [
        {"name": name, "oneLiner": line, "whenToUse": cap(draft.short())}
        for name, line in draft.some(v.MENTAL_MODELS, 2, 3)
    ]
