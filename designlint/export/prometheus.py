"""Prometheus recording and alerting rules for a design's SLOs (multiwindow, multi-burn-rate).

Per SLO: recording rules for the error ratio over every window the alerts use, then one paging
and one ticketing alert, each the OR of its two (long and short window) conditions. Thresholds
come from :mod:`designlint.analysis.burn_rate`, the same arithmetic the burn-rate rule checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from designlint.analysis.burn_rate import BurnRateWindow, derived_windows, duration_text
from designlint.export import ExportedSlo, dns_name, exportable_slos, runbook_for

if TYPE_CHECKING:
    from designlint.model.design import Design

RECORD = "slo:sli_error:ratio_rate{window}"


def _rate(query: str, window: str) -> str:
    if "$window" in query:
        return query.replace("$window", window)
    return f"sum(rate({query}[{window}]))"


def _labels(design: Design, exported: ExportedSlo) -> dict[str, str]:
    slo = exported.slo
    labels = {"design": dns_name(design.metadata.name), "slo": dns_name(slo.id)}
    if slo.service:
        labels["service"] = dns_name(slo.service)
    return labels


def _selector(labels: dict[str, str]) -> str:
    return "{" + ", ".join(f'{key}="{value}"' for key, value in labels.items()) + "}"


def _number(value: float) -> str:
    return f"{value:.10g}"


def _condition(window: BurnRateWindow, objective: float, labels: dict[str, str]) -> str:
    threshold = f"({_number(window.burn_rate)} * {_number(1 - objective)})"
    long = RECORD.format(window=duration_text(window.long_seconds)) + _selector(labels)
    short = RECORD.format(window=duration_text(window.short_seconds)) + _selector(labels)
    return f"({long} > {threshold} and {short} > {threshold})"


def slo_rule_groups(design: Design, exported: ExportedSlo) -> list[dict[str, Any]]:
    slo = exported.slo
    query = slo.query
    assert query is not None, "only SLOs with a query are exported"
    labels = _labels(design, exported)
    windows = derived_windows(exported.window_seconds)
    durations = sorted({w.long_seconds for w in windows} | {w.short_seconds for w in windows})
    records = [
        {
            "record": RECORD.format(window=duration_text(seconds)),
            "expr": (
                f"1 - ({_rate(query.good, duration_text(seconds))})"
                f" / ({_rate(query.total, duration_text(seconds))})"
            ),
            "labels": dict(labels),
        }
        for seconds in durations
    ]
    runbook = runbook_for(design, slo)
    annotations = {
        "summary": f"{design.metadata.name}: SLO '{slo.id}' is burning its error budget",
        "description": (
            f"{slo.sli}. Objective {slo.objective} over {slo.window}; "
            "the error ratio is above the burn-rate threshold in both windows."
        ),
        "design": design.metadata.name,
    }
    if runbook is not None:
        annotations["runbook"] = f"{runbook.id}: {runbook.title}"
    alerts = []
    for severity, for_duration in (("page", "2m"), ("ticket", "15m")):
        conditions = [_condition(w, exported.objective, labels) for w in windows if w.severity == severity]
        if not conditions:
            continue
        alerts.append(
            {
                "alert": f"{_camel(slo.id)}ErrorBudgetBurn" + ("" if severity == "page" else "Slow"),
                "expr": "\nor\n".join(conditions),
                "for": for_duration,
                "labels": {**labels, "severity": severity},
                "annotations": dict(annotations),
            }
        )
    name = f"{labels['design']}-{labels['slo']}"
    return [{"name": f"{name}-sli", "rules": records}, {"name": f"{name}-alerts", "rules": alerts}]


def _camel(identifier: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in dns_name(identifier).split("-") if part)


def prometheus_rules(design: Design) -> tuple[dict[str, Any], list[str]]:
    """The rule file and a note for each SLO that could not be exported."""
    exported, skipped = exportable_slos(design)
    groups: list[dict[str, Any]] = []
    for item in exported:
        if item.slo.query is None:
            skipped.append(f"SLO '{item.slo.id}' has no query (PromQL for good and total events)")
            continue
        groups.extend(slo_rule_groups(design, item))
    return {"groups": groups}, skipped
