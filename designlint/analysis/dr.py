"""Disaster recovery: does the tier agree with the RPO/RTO, the strategy, the replication and the regions?

The tiers are the usual four: 1 active-active (near-zero RPO and RTO), 2 warm standby (seconds,
minutes), 3 pilot light (minutes, hours), 4 backup and restore (hours, days).
"""

from __future__ import annotations

from dataclasses import dataclass

from designlint.units import UnitError, from_quantity

TIER_STRATEGY = {1: "active-active", 2: "warm-standby", 3: "pilot-light", 4: "backup-restore"}
ACTIVE_ACTIVE = ("active-active-read", "active-active-full")

# Upper ends (seconds, exclusive) of the bands the tiers are described in.
RPO_BANDS = (
    (1.0, "near-zero"),
    (60.0, "seconds"),
    (3600.0, "minutes"),
    (86400.0, "hours"),
    (float("inf"), "days"),
)
RTO_BANDS = ((60.0, "near-zero"), (3600.0, "minutes"), (86400.0, "hours"), (float("inf"), "days"))
TIER_RPO_BAND = {1: 0, 2: 1, 3: 2, 4: 3}
TIER_RTO_BAND = {1: 0, 2: 1, 3: 2, 4: 3}


def band(seconds: float, bands) -> int:
    return next(i for i, (upper, _) in enumerate(bands) if seconds < upper)


def band_name(index: int, bands) -> str:
    return bands[index][1]


@dataclass(frozen=True)
class DrFinding:
    kind: str  # "objective", "topology", "replication"
    path: tuple
    message: str
    hint: str | None = None


def _seconds(quantity) -> float | None:
    if quantity is None:
        return None
    try:
        value = from_quantity(quantity, use_low=True)
    except UnitError:
        return None
    if value.dims != (("second", 1),):
        return None
    # "<1 s" lies below one second: classify it there.
    return value.value * (0.999 if quantity.bound == "<" else 1.0)


def dr_findings(design) -> list[DrFinding]:
    dr = design.dr
    found: list[DrFinding] = []
    if dr is None:
        return found
    multi = design.multi_region
    if dr.tier is not None:
        for key, quantity, bands, expected in (
            ("rpo", dr.rpo, RPO_BANDS, TIER_RPO_BAND),
            ("rto", dr.rto, RTO_BANDS, TIER_RTO_BAND),
        ):
            seconds = _seconds(quantity)
            if seconds is None:
                continue
            stated, wanted = band(seconds, bands), expected[dr.tier]
            if abs(stated - wanted) >= 2:
                direction = "tighter than" if stated < wanted else "looser than"
                found.append(
                    DrFinding(
                        "objective",
                        ("dr", key),
                        f"{key.upper()} {quantity} is {band_name(stated, bands)}, far {direction} tier {dr.tier}, "
                        f"whose {key.upper()} is {band_name(wanted, bands)}",
                        hint="pick the tier that delivers this objective, or the objective the tier can keep",
                    )
                )
        strategy = TIER_STRATEGY[dr.tier]
        if dr.strategy is not None and dr.strategy != strategy:
            found.append(
                DrFinding(
                    "topology",
                    ("dr", "strategy"),
                    f"tier {dr.tier} is {strategy}, but the strategy is {dr.strategy}",
                    hint="tiers: 1 active-active, 2 warm standby, 3 pilot light, 4 backup and restore",
                )
            )
        if dr.tier == 1 and (multi is None or multi.pattern not in ACTIVE_ACTIVE):
            pattern = multi.pattern if multi is not None else "no multi-region pattern"
            found.append(
                DrFinding(
                    "topology",
                    ("dr", "tier"),
                    f"tier 1 needs active-active regions, but the design has {pattern}",
                    hint="serve from at least two active regions, or state the tier the design reaches",
                )
            )
    replication = dr.replication or (multi.replication if multi is not None else None)
    rpo = _seconds(dr.rpo)
    if replication == "async" and rpo is not None:
        lag = _seconds(multi.replication_lag) if multi is not None else None
        if rpo == 0:
            found.append(
                DrFinding(
                    "replication",
                    ("dr", "rpo"),
                    "asynchronous replication cannot promise a zero RPO: what is not yet replicated is lost",
                    hint="state the replication lag as the RPO, or replicate synchronously",
                )
            )
        elif lag is not None and rpo < lag and multi.replication_lag.bound not in ("<", "<="):
            found.append(
                DrFinding(
                    "replication",
                    ("dr", "rpo"),
                    f"RPO {dr.rpo} is shorter than the {multi.replication_lag} replication lag, "
                    "which is what a failover loses",
                    hint="raise the RPO to the lag or reduce the lag",
                )
            )
    return found
