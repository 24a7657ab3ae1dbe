"""Checks that recompute a design's numbers (units, derivations, SLO, availability, latency, capacity, cost, DR)."""

CHECKS: dict = {}
