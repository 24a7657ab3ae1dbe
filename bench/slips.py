"""The number slips real drafts make, added to a few generated designs.

Generated designs are consistent by construction; designs under review are mostly consistent.
About one design in four carries one slip of the kinds reviewers find (a total not updated
after an item was added, a rounded value without ``~``, a blast radius written from memory, an
objective above what the dependencies allow, a month of 720 hours), so the number rules have
a few findings to report, as they would on a real repository. Each slip yields one finding.
"""

from __future__ import annotations

import random
import re

from bench.prose import money, money_shown, price
from bench.reconcile import OBJECTIVES, impacts, model

SLIP_RATE = 0.25


def _amount(text: str) -> float:
    """``$1,234/month`` -> 1234.0"""
    return float(text.lstrip("~$").split("/")[0].replace(",", ""))


def _retotal(cost: dict, users: float) -> None:
    """Total and cost per user as the author would recompute them from the items they wrote."""
    total = sum(money_shown(_amount(item["monthly"])) for item in cost["items"])
    cost["total"] = money(total)
    cost["perUser"] = price(total / users, "/user/month")


def stale_total(document: dict, draft, rng: random.Random) -> bool:
    """The last item was added after the total was worked out (DL552)."""
    items = document["cost"]["items"]
    document["cost"]["total"] = money(sum(money_shown(_amount(item["monthly"])) for item in items[:-1]))
    return True


def short_month(document: dict, draft, rng: random.Random) -> bool:
    """An hourly price turned into a monthly one with 720 hours instead of the declared 730 (DL550)."""
    hourly = [
        item
        for item in document["cost"]["items"]
        if item.get("unitPrice", "").endswith("/hour") and _amount(item["monthly"]) >= 1000
    ]
    if not hourly:
        return False
    item = rng.choice(hourly)
    nodes = float(item["quantity"].split()[0])
    item["monthly"] = money(nodes * _amount(item["unitPrice"]) * 720)
    _retotal(document["cost"], draft.quantities["dau"])
    return True


def unmarked_rounding(document: dict, draft, rng: random.Random) -> bool:
    """A derived value rounded to two digits without the ``~`` that allows it (DL503).

    Only quantities nothing else computes from, so the slip is reported once.
    """
    quantities = document["scale"]["quantities"]
    references = [q.get("formula", "") for q in quantities]
    references += [str(c.get("capacity", {}).get("load", "")) for c in document["architecture"]["components"]]
    references += [str(item.get("quantityRef", "")) for item in document["cost"]["items"]]
    used = set(re.findall(r"[A-Za-z_]\w*", " ".join(references)))
    candidates = []
    for quantity in quantities:
        value = str(quantity.get("value", ""))
        if "formula" not in quantity or not value.startswith("~") or quantity["name"] in used:
            continue
        digits, _, unit = value[1:].partition(" ")
        suffix = digits[-1] if digits[-1] in "KMB" else ""
        magnitude = float(digits.removesuffix(suffix))
        rounded = float(f"{magnitude:.2g}")
        if abs(rounded - magnitude) > 0.015 * magnitude:
            candidates.append((quantity, f"{rounded:g}{suffix} {unit}"))
    if not candidates:
        return False
    quantity, text = rng.choice(candidates)
    quantity["value"] = text
    return True


def forgotten_flow(document: dict, draft, rng: random.Random) -> bool:
    """A whole-component failure whose blast radius leaves out a flow it takes down (DL570)."""
    effects = impacts(draft.name, document["architecture"])
    candidates = [
        (scenario, flow)
        for scenario in document["failureScenarios"]
        if scenario["scope"] in ("cluster", "region")
        for flow in scenario["blastRadius"].get("flows", [])
        if flow in effects[scenario["component"]].lost_paths
    ]
    if not candidates:
        return False
    scenario, flow = rng.choice(candidates)
    radius = scenario["blastRadius"]
    position = radius["flows"].index(flow)
    del radius["flows"][position]
    if "capabilities" in radius:
        del radius["capabilities"][position]
    for key in ("flows", "capabilities"):
        if key in radius and not radius[key]:
            del radius[key]
    return True


def optimistic_objective(document: dict, draft, rng: random.Random) -> bool:
    """An availability SLO one step above what its hard dependencies allow (DL520)."""
    from bench.part_reliability import set_slo_objective
    from designlint.analysis.resilience import ceilings
    from designlint.units import month_seconds_of

    design = model(document)
    candidates = []
    for ceiling in ceilings(design, month_seconds_of(design)):
        if ceiling.objective_path[0] != "slos":
            continue
        higher = [o for o in OBJECTIVES if o / 100 > max(ceiling.ceiling, ceiling.objective) + 1e-12]
        if higher:
            candidates.append((ceiling.objective_path[1], higher[-1]))
    if not candidates:
        return False
    index, objective = rng.choice(candidates)
    set_slo_objective(document["slos"][index], objective)
    return True


SLIPS = {
    "DL552": stale_total,
    "DL550": short_month,
    "DL503": unmarked_rounding,
    "DL570": forgotten_flow,
    "DL520": optimistic_objective,
}


def add_slips(document: dict, draft, rng: random.Random) -> str | None:
    """With probability SLIP_RATE, make one slip; returns the code of the finding it causes, if any."""
    if rng.random() >= SLIP_RATE:
        return None
    codes = list(SLIPS)
    rng.shuffle(codes)
    return next((code for code in codes if SLIPS[code](document, draft, rng)), None)
