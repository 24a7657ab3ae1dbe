"""Phases 3 and 4 and the cost: the numbers, with the arithmetic shown."""

from __future__ import annotations

from designlint.site.escape import Raw, text
from designlint.site.markdown import (
    blocks,
    bullets,
    code,
    columns,
    labelled,
    paragraph,
    section,
    table,
)
from designlint.site.pages.context import PageContext
from designlint.site.recompute import verdict


def _formula(formula: str | None) -> Raw:
    return code(formula) if formula else Raw("")


def scale(design, ctx: PageContext) -> str:
    scale = design.scale
    if scale is None:
        return section(2, "3. Scale", "scale", always=True)
    recomputed = ctx.numbers.quantities
    headers = ["Quantity", "Value", "Derived as", "Recomputed", "Why"]
    getters = [
        lambda q: Raw(f"{code(q.name)}<br>{text(q.label)}" if q.label else code(q.name)),
        lambda q: q.value,
        lambda q: _formula(q.formula),
        lambda q: (
            verdict(recomputed[q.name]["value"], recomputed[q.name]["status"])
            if q.name in recomputed
            else None
        ),
        lambda q: q.rationale,
    ]
    quantities = columns(headers, scale.quantities, getters)
    derived = sum(1 for q in scale.quantities if q.formula)
    lead = (
        (
            f"{derived} of {len(scale.quantities)} quantities are derived from others; the rest are inputs "
            "with their source."
            + (
                " Recomputed values are worked out from the formulas; ✓ means they agree "
                "with the stated value."
                if recomputed
                else ""
            )
        )
        if scale.quantities
        else ""
    )
    return section(
        2,
        "3. Scale",
        "scale",
        section(3, "Quantities", "quantities", paragraph(lead), quantities),
        section(
            3,
            "Peak multipliers",
            "peak-multipliers",
            columns(
                ["Factor", "Multiplier", "Notes"],
                scale.peak_multipliers,
                [lambda p: p.factor, lambda p: p.multiplier, lambda p: p.notes],
            ),
        ),
        section(3, "Design target", "design-target", paragraph(scale.design_target)),
        section(
            3,
            "Scale over time",
            "scale-over-time",
            columns(
                ["Scale", "Load", "What breaks first", "Mitigation"],
                scale.over_time,
                [lambda s: s.scale, lambda s: s.load, lambda s: s.bottleneck, lambda s: s.mitigation],
            ),
        ),
        section(3, "Bottlenecks", "bottlenecks", bullets(scale.bottlenecks)),
        always=True,
    )


def non_functional(design) -> str:
    nfr = design.nfr
    if nfr is None:
        return section(2, "4. Non-functional requirements", "non-functional-requirements", always=True)
    security = nfr.security
    security_md = ""
    if security is not None:
        security_md = blocks(
            labelled(
                [
                    ("Authentication", security.authentication),
                    ("Authorization", security.authorization),
                    ("Rate limiting", security.rate_limiting),
                    ("Personal data", security.pii),
                    ("Retention", security.retention),
                    ("Compliance", security.compliance),
                ]
            ),
            blocks("**Trust boundaries**", bullets(security.trust_boundaries))
            if security.trust_boundaries
            else "",
            bullets(security.notes),
        )
    return section(
        2,
        "4. Non-functional requirements",
        "non-functional-requirements",
        section(
            3,
            "Latency",
            "latency",
            columns(
                ["Operation", "Name", "Target", "Percentile", "Rationale"],
                nfr.latency,
                [
                    lambda t: code(t.operation),
                    lambda t: t.name,
                    lambda t: t.target,
                    lambda t: t.percentile,
                    lambda t: t.rationale,
                ],
            ),
        ),
        section(
            3,
            "Availability",
            "availability",
            columns(
                ["Target", "Component", "Availability", "Rationale"],
                nfr.availability,
                [lambda a: a.name, lambda a: code(a.component), lambda a: a.target, lambda a: a.rationale],
            ),
        ),
        section(
            3,
            "Consistency",
            "consistency",
            columns(
                ["Aspect", "Model", "Staleness bound", "Rationale"],
                nfr.consistency,
                [lambda c: c.aspect, lambda c: c.model, lambda c: c.bound, lambda c: c.rationale],
            ),
        ),
        section(3, "Durability", "durability", bullets(nfr.durability)),
        section(3, "Security and privacy", "security", security_md),
        always=True,
    )


def cost(design, ctx: PageContext) -> str:
    cost = design.cost
    if cost is None:
        return section(2, "Cost", "cost", always=True)
    computed = ctx.numbers.cost
    by_name = {row["name"]: row for row in computed.get("items", [])}

    def recomputed(item):
        row = by_name.get(item.name)
        if row is None or row.get("value") is None:
            return None
        return (
            Raw(f"{code(row['formula'])}<br>{verdict(row['value'], row['status'])}")
            if row.get("formula")
            else verdict(row["value"], row["status"])
        )

    items = columns(
        ["Item", "Component", "Quantity", "Unit price", "Monthly", "Recomputed", "Notes"],
        cost.items,
        [
            lambda i: i.name,
            lambda i: code(i.component),
            lambda i: Raw(f"{text(i.quantity)}<br>{code(i.quantity_ref)}") if i.quantity_ref else i.quantity,
            lambda i: i.unit_price,
            lambda i: i.monthly,
            recomputed,
            lambda i: i.notes,
        ],
    )
    return section(
        2,
        "Cost",
        "cost",
        section(3, "Line items", "cost-items", items, totals(cost, computed)),
        section(
            3,
            "Cost drivers",
            "cost-drivers",
            columns(
                ["Driver", "Magnitude", "Mitigation"],
                cost.drivers,
                [lambda d: d.driver, lambda d: d.magnitude, lambda d: d.mitigation],
            ),
        ),
        section(
            3,
            "Trajectory",
            "cost-trajectory",
            columns(
                ["Factor", "Now", "Later", "Horizon", "Mitigation"],
                cost.trajectory,
                [
                    lambda t: t.factor,
                    lambda t: t.now,
                    lambda t: t.later,
                    lambda t: t.horizon,
                    lambda t: t.mitigation,
                ],
            ),
        ),
        paragraph(cost.notes),
        always=True,
    )


def totals(cost, computed: dict) -> str:
    """The stated monthly total and cost per user next to what the line items add up to."""
    rows: list[tuple[str, object, Raw | None]] = []
    if cost.total is not None or computed.get("total") is not None:
        rows.append(
            ("Total per month", cost.total, verdict(computed.get("total"), computed.get("totalStatus")))
        )
    if cost.per_user is not None or computed.get("perUser") is not None:
        rows.append(
            (
                f"Per user{f' ({cost.users})' if cost.users else ''}",
                cost.per_user,
                verdict(computed.get("perUser"), computed.get("perUserStatus")),
            )
        )
    if cost.hours_per_month is not None:
        rows.append(("Hours per month (for hourly prices)", cost.hours_per_month, None))
    return table(
        [f"Totals ({cost.currency})", "Stated", "Recomputed from the line items"], rows, drop_empty=True
    )
