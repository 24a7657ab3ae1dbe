"""Checks that recompute a design's numbers (units, derivations, SLO, availability, latency, capacity, cost, DR).

The arithmetic lives in :mod:`designlint.analysis`; these checks turn its results into problems.
"""

from designlint.checks.numbers import derivations, reliability, resources

CHECKS = {
    **derivations.CHECKS,
    "error-budgets": reliability.error_budgets,
    "burn-rate-alerts": reliability.burn_rate_alerts,
    "availability-ceilings": reliability.availability_ceilings,
    "dr-tier-objectives": reliability.dr_objectives,
    "dr-tier-topology": reliability.dr_topology,
    "dr-replication-rpo": reliability.dr_replication,
    "blast-radius": reliability.blast_radius,
    "single-points-of-failure": reliability.single_points_of_failure,
    "latency-over-target": resources.latency_over_target,
    "latency-totals": resources.latency_totals,
    "capacity-headroom": resources.capacity_headroom,
    "capacity-surplus": resources.capacity_surplus,
    "cost-items": resources.cost_items,
    "cost-quantities": resources.cost_quantities,
    "cost-totals": resources.cost_totals,
}
