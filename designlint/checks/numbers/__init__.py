"""Checks that recompute a design's numbers (units, derivations, SLO, availability, latency, capacity, cost, DR).

The arithmetic lives in :mod:`designlint.analysis`; these checks turn its results into problems.
"""

from designlint.checks.numbers import derivations, monitoring, prose, reliability, resources

CHECKS = {
    **derivations.CHECKS,
    **monitoring.CHECKS,
    "error-budget-mismatch": reliability.error_budget_mismatch,
    "slo-burn-rate-alerts": reliability.slo_burn_rate_alerts,
    "availability-ceiling": reliability.availability_ceiling,
    "hard-dependency-with-fallback": reliability.hard_dependency_with_fallback,
    "dr-tier-objectives": reliability.dr_tier_objectives,
    "dr-tier-topology": reliability.dr_tier_topology,
    "rpo-below-replication": reliability.rpo_below_replication,
    "blast-radius-mismatch": reliability.blast_radius_mismatch,
    "single-point-of-failure": reliability.single_point_of_failure,
    "latency-over-target": resources.latency_over_target,
    "latency-total-mismatch": resources.latency_total_mismatch,
    "capacity-headroom": resources.capacity_headroom,
    "capacity-surplus": resources.capacity_surplus,
    "capacity-nodes-unstated": resources.capacity_nodes_unstated,
    "cost-item-mismatch": resources.cost_item_mismatch,
    "cost-quantity-mismatch": resources.cost_quantity_mismatch,
    "cost-total-mismatch": resources.cost_total_mismatch,
    "prose-arithmetic": prose.prose_arithmetic,
    "prose-downtime": prose.prose_downtime,
    "prose-sla-tighter-than-slo": prose.prose_sla_tighter_than_slo,
    "prose-cost-total": prose.prose_cost_total,
}
