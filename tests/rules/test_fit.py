"""Findings fit the design: the target a use case's kind calls for, calls that are another team's
business, every field the format offers for the same fact, and no ask before its foundation."""

from __future__ import annotations

import pytest

from tests.conftest import HEADER

CRAWL = "useCases:\n  - {id: crawl, name: Crawl the web, category: core, kind: batch, operations: [crawl]}\n"
# An objective on something else: the design has started stating targets.
SLO = "slos:\n  - {id: up, sli: good / all, objective: 99.9%, window: 30d, errorBudget: 43.2 min}\n"
API = "architecture:\n  components:\n    - {id: api, name: API, kind: service}\n"
COMPONENTS = """\
architecture:
  components:
    - id: app
      name: Mobile app
      kind: client
      dependsOn: [{target: dns}, {target: edge}, {target: api}]
    - {id: dns, name: DNS, kind: external-service, external: true}
    - {id: edge, name: CDN, kind: cdn, external: true}
    - id: api
      name: API
      kind: service
      owner: shop
      dependsOn: [{target: payments}]
    - {id: payments, name: Payments, kind: service, owner: payments-team}
"""

# (name, design body, rule, expected message or None when the rule must stay silent)
CASES = [
    (
        "batch use case without a freshness or throughput target",
        CRAWL + SLO,
        "DL103",
        "batch use case 'Crawl the web' has no freshness or throughput target",
    ),
    ("no objective at all: the missing SLOs are the one finding", CRAWL, "DL103", None),
    ("no objective at all, for batch work too", CRAWL, "DL200", "the design declares no SLOs"),
    (
        "batch use case with a freshness target",
        CRAWL + "nfr:\n  freshness: [{operation: crawl, target: 30 days}]\n",
        "DL103",
        None,
    ),
    (
        "batch use case with a throughput target",
        CRAWL + "nfr:\n  throughput: [{operation: crawl, target: 1B pages/month}]\n",
        "DL103",
        None,
    ),
    (
        "batch use case is not asked for a latency percentile",
        CRAWL + SLO + "nfr:\n  latency: [{operation: crawl, target: 2 s}]\n",
        "DL103",
        "batch use case 'Crawl the web' has no freshness or throughput target",
    ),
    (
        "streaming use case asks for lag",
        "useCases:\n  - {id: feed, name: Stream clicks, category: core, kind: streaming, operations: [clicks]}\n"
        "nfr:\n  throughput: [{operation: clicks, target: 1M events/s}]\n" + SLO,
        "DL103",
        "streaming use case 'Stream clicks' has no freshness (lag) target",
    ),
    (
        "interactive use case still needs a latency target",
        "useCases:\n  - {id: load, name: Load the page, category: core}\n",
        "DL103",
        "core use case 'Load the page' has no latency-targeted operation",
    ),
    (
        "a client resolving DNS or reaching a CDN is not a cross-team call",
        COMPONENTS,
        "DL420",
        "synchronous call from 'api' to another team's 'payments' has no timeout or fallback",
    ),
    (
        "named bottlenecks without growth steps",
        "scale:\n  bottlenecks: [the primary database at 3x writes]\n",
        "DL111",
        "the design names 1 bottleneck but not the growth at which it breaks first",
    ),
    (
        "growth steps name the first bottleneck",
        "scale:\n  overTime: [{scale: 5x, bottleneck: primary database}]\n",
        "DL111",
        None,
    ),
    (
        "no scale at all",
        "constraints: [one region]\n",
        "DL111",
        "the design does not say what breaks first as it grows",
    ),
    (
        "timeouts on the calls are cascade protections",
        "architecture:\n  components:\n    - {id: a, name: A, kind: service, dependsOn: [{target: b, timeout: 50 ms}]}\n"
        "    - {id: b, name: B, kind: database}\n",
        "DL222",
        None,
    ),
    (
        "nothing calls anything: nothing can cascade",
        "architecture:\n  components:\n    - {id: a, name: A, kind: service}\n",
        "DL222",
        None,
    ),
    (
        "a synchronous call with no protection",
        "architecture:\n  components:\n    - {id: a, name: A, kind: service, dependsOn: [{target: b}]}\n"
        "    - {id: b, name: B, kind: database}\n",
        "DL222",
        "the design names no protection against cascading failure",
    ),
    ("a greenfield design has nothing to migrate", "constraints: [one region]\n", "DL300", None),
    (
        "a step with no trigger is an idea, not yet a change to migrate to",
        "evolution:\n  steps: [{horizon: some day, change: move to Redis}]\n",
        "DL300",
        None,
    ),
    (
        "planned evolution needs a migration plan",
        "evolution:\n  steps: [{horizon: 1 year, change: multi-region, trigger: 10x traffic}]\n",
        "DL300",
        "the design has no migration plan",
    ),
    ("no alerts: runbooks are not the first gap", "constraints: [one region]\n", "DL432", None),
    (
        "no runbook at all is one gap (DL432), not one per paging alert",
        "observability:\n  metrics:\n    - {component: api, metrics: [errors], alerts: [{condition: errors above 1%}]}\n",
        "DL431",
        None,
    ),
    (
        "nothing measured yet: the missing SLOs come first, not alerts per component",
        API,
        "DL430",
        None,
    ),
    (
        "once the design measures something, every component needs its alerts",
        API + SLO,
        "DL430",
        "component 'api' has no metrics with alert thresholds",
    ),
    (
        "an interactive design states its consistency model",
        "useCases:\n  - {id: load, name: Load the page, category: core}\n",
        "DL121",
        "the design does not state its consistency model",
    ),
    ("a batch design is asked for freshness, not a consistency model", CRAWL, "DL121", None),
    ("no targets: a rollback trigger is not the first gap", "constraints: [one region]\n", "DL433", None),
    (
        "targets: a rollback trigger can be written against them",
        "nfr:\n  latency: [{operation: load, target: 300 ms, percentile: p99}]\n",
        "DL433",
        "the design does not say how changes roll out and when they roll back",
    ),
    (
        "a user-facing component stating its own availability",
        "architecture:\n  components:\n    - {id: api, name: API, kind: service, userFacing: true, availability: 99.9%}\n",
        "DL105",
        None,
    ),
    (
        "an SLO with burn-rate alerts is a metric with alert thresholds",
        "architecture:\n  components:\n    - {id: api, name: API, kind: service}\n"
        "slos:\n  - {id: api-up, service: api, sli: good / all, objective: 99.9%, window: 30d, errorBudget: 43.2 min,"
        " burnRateAlerts: [{window: 1 h, burnRate: 14.4}]}\n",
        "DL430",
        None,
    ),
]


@pytest.mark.parametrize("body, code, message", [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_findings_fit_the_design(check_text, body, code, message):
    found = [f.message for f in check_text(HEADER + body) if f.code == code]
    assert found == ([message] if message else [])
