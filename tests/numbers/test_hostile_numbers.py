"""Whatever the numbers, every rule runs and ``calc`` answers: odd values are positioned findings, never crashes."""

from __future__ import annotations

import pytest

from designlint.analysis.report import calculation
from designlint.loader import load_text
from designlint.model import Design
from tests.conftest import with_header

TEMPLATE = """scale:
  quantities:
    - {{name: peak, value: {value}, rationale: measured}}
    - {{name: per_node, value: {per_node}, rationale: benchmarked}}
    - {{name: nodes, value: 5 nodes, formula: "{formula}"}}
    - {{name: doubled, value: 100K writes/s, formula: peak * 2}}
slos:
  - {{id: api, service: api, sli: good / all, objective: {objective}, window: {window}, errorBudget: {budget},
     burnRateAlerts: [{{window: 1 h, burnRate: 14.4, severity: page}}]}}
nfr:
  latency:
    - {{operation: read, target: {target}, percentile: p99}}
architecture:
  components:
    - id: api
      name: API
      kind: service
      userFacing: true
      availability: {availability}
      replicas: 8
      capacity: {{perNode: {per_node}, load: peak, targetUtilisation: {band}}}
      dependsOn:
        - {{target: db, timeout: {timeout}}}
    - {{id: db, name: Database, kind: database, availability: 99.9%, shards: 8, replicas: 3,
       capacity: {{perNode: 10K writes/s, load: "{load}"}}}}
  paths:
    - id: read
      name: Read
      flow: read
      operation: read
      steps:
        - {{name: Query, component: api, budget: {budget_step}}}
      total: {total}
cost:
  hoursPerMonth: {hours}
  items:
    - {{name: Nodes, component: api, quantity: {quantity}, unitPrice: {price}, monthly: {monthly}}}
  total: {total_cost}
  users: peak
  perUser: {per_user}
dr: {{tier: 2, strategy: warm-standby, rpo: {rpo}, rto: 15 min, replication: async}}
"""

DEFAULTS = {
    "value": "50K writes/s",
    "per_node": "10K writes/s/node",
    "formula": "ceil(peak / per_node)",
    "objective": "99.8%",
    "window": "30 d",
    "budget": "86.4 min",
    "target": "300 ms",
    "availability": "99.95%",
    "band": "60-70%",
    "timeout": "100 ms",
    "load": "peak",
    "budget_step": "50 ms",
    "total": "50 ms",
    "hours": "730 h",
    "quantity": "3 nodes",
    "price": "$0.48/node/hour",
    "monthly": "$1051.2/month",
    "total_cost": "$1051.2/month",
    "per_user": "$0.02/user/month",
    "rpo": "30 s",
}

VALUES = [
    "1e308 GB",
    "-1e308",
    "1e99 EB",
    "1e-99 s",
    "1e-300",
    "0",
    "-5",
    "0 writes/s",
    "5 abs",
    "5 xds",
    "200 mln users",
    "١٢ ms",
    "1 a" + " " * 2000 + "b",
    "~",
    "$",
    "1e99 EB/s/node",
    "5 GB^6",
    "TBD",
    "none",
]
FORMULAS = [
    "ceil(1e308 GB)",
    "ceil(1e99 EB ^ 6)",
    "peak * peak * peak * peak",
    "ceil(peak / 0)",
    "ceil(peak / (per_node - per_node))",
    "$²",
    "١ + 1",
    "𝟏 + 1",
    "peak abs",
    "min(peak, 1e99 EB)",
    "round(1e99 * 1e99)",
]
CASES = [(slot, value) for slot in DEFAULTS if slot not in ("formula", "load") for value in VALUES] + [
    (slot, formula) for slot in ("formula", "load") for formula in FORMULAS
]


def _text(slot: str, value: str) -> str:
    return with_header(TEMPLATE.format(**{**DEFAULTS, slot: value}))


def test_the_template_is_a_clean_baseline(check_text):
    findings = check_text(_text("value", DEFAULTS["value"]))
    assert [f"{f.code} {f.message}" for f in findings if f.code[:3] in ("DL0", "DL5")] == []


@pytest.mark.parametrize(("slot", "value"), CASES, ids=[f"{s}={v[:20]!r}" for s, v in CASES])
def test_no_rule_crashes_and_calc_answers(check_text, slot, value):
    text = _text(slot, value)
    findings = check_text(text)
    assert [f.message for f in findings if f.code == "DL000"] == []
    loaded = load_text(text, "example.yaml")
    try:
        design = Design.model_validate(loaded.data)
    except ValueError:
        assert any(f.code.startswith("DL01") for f in findings)  # reported as an invalid value
        return
    report = calculation(design)
    assert isinstance(report["issues"], list)
