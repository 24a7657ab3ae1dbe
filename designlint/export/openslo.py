"""OpenSLO v1 documents for a design's SLOs: a Service, and per SLO an SLO with its indicator
and the AlertPolicies (one burn-rate condition each) derived from its window and objective."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from designlint.analysis.burn_rate import derived_windows, duration_text
from designlint.export import ExportedSlo, dns_name, exportable_slos

if TYPE_CHECKING:
    from designlint.model.design import Design

API_VERSION = "openslo/v1"


def _metric(query: str) -> dict[str, Any]:
    return {"metricSource": {"type": "Prometheus", "spec": {"query": query}}}


def _indicator(exported: ExportedSlo) -> dict[str, Any]:
    slo = exported.slo
    name = dns_name(f"{slo.id}-sli")
    if slo.query is not None:
        spec: dict[str, Any] = {
            "ratioMetric": {
                "counter": True,
                "good": _metric(slo.query.good),
                "total": _metric(slo.query.total),
            }
        }
    else:
        # No query yet: the indicator says what is measured, for whoever wires it up.
        spec = {
            "thresholdMetric": {"metricSource": {"type": "Unspecified", "spec": {"description": slo.sli}}}
        }
    return {"metadata": {"name": name, "displayName": slo.sli[:250]}, "spec": spec}


def _alert_policies(design_name: str, exported: ExportedSlo) -> list[dict[str, Any]]:
    slo = exported.slo
    policies = []
    for window in derived_windows(exported.window_seconds):
        long = duration_text(window.long_seconds)
        name = dns_name(f"{design_name}-{slo.id}-{window.severity}-{long}")
        policies.append(
            {
                "apiVersion": API_VERSION,
                "kind": "AlertPolicy",
                "metadata": {"name": name},
                "spec": {
                    "description": (
                        f"{window.severity}: {window.budget_share:.0%} of the error budget spent within {long}"
                    ),
                    "alertWhenNoData": False,
                    "alertWhenResolved": True,
                    "alertWhenBreaching": True,
                    "conditions": [
                        {
                            "kind": "AlertCondition",
                            "metadata": {"name": dns_name(f"{name}-burn")},
                            "spec": {
                                "severity": window.severity,
                                "condition": {
                                    "kind": "burnrate",
                                    "op": "gt",
                                    "threshold": round(window.burn_rate, 6),
                                    "lookbackWindow": long,
                                    "alertAfter": duration_text(window.short_seconds),
                                },
                            },
                        }
                    ],
                    "notificationTargets": [{"targetRef": dns_name(f"{design_name}-{window.severity}")}],
                },
            }
        )
    return policies


def openslo_documents(design: Design) -> tuple[list[dict[str, Any]], list[str]]:
    """The documents, in a stable order, and a note for each SLO that could not be exported."""
    design_name = dns_name(design.metadata.name)
    exported, skipped = exportable_slos(design)
    documents: list[dict[str, Any]] = []
    services = sorted({dns_name(item.slo.service or design_name) for item in exported})
    for service in services:
        documents.append(
            {
                "apiVersion": API_VERSION,
                "kind": "Service",
                "metadata": {"name": service},
                "spec": {"description": f"From the design '{design.metadata.name}'"},
            }
        )
    for item in exported:
        slo = item.slo
        policies = _alert_policies(design_name, item)
        documents.extend(policies)
        documents.append(
            {
                "apiVersion": API_VERSION,
                "kind": "SLO",
                "metadata": {
                    "name": dns_name(f"{design_name}-{slo.id}"),
                    "displayName": slo.id,
                    "labels": {"design": design_name},
                },
                "spec": {
                    "description": slo.sli[:1050],
                    "service": dns_name(slo.service or design_name),
                    "indicator": _indicator(item),
                    "timeWindow": [{"duration": duration_text(item.window_seconds), "isRolling": True}],
                    "budgetingMethod": "Occurrences",
                    "objectives": [{"displayName": slo.id, "target": round(item.objective, 9)}],
                    "alertPolicies": [policy["metadata"]["name"] for policy in policies],
                },
            }
        )
    return documents, skipped
