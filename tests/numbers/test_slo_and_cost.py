"""Error budgets (the table of the staff-dimensions document) and the URL shortener's cost example, by hand."""

from __future__ import annotations

import pytest

from designlint.analysis.context import numbers
from designlint.analysis.slo import budget_time
from designlint.loader import load_path, load_text
from designlint.model import Design
from designlint.units import DEFAULT_MONTH_SECONDS
from designlint.units.display import format_measure
from tests.conftest import DESIGNS, with_header

DAYS_30 = 30 * 86_400.0


def design(text: str) -> Design:
    return Design.model_validate(load_text(with_header(text), "example.yaml").data)


def codes(findings, prefix="DL5"):
    return [f.code for f in findings if f.code.startswith(prefix)]


@pytest.mark.parametrize(
    ("objective", "over_30_days", "over_730_hours"),
    [
        (0.999, 43.2, 43.8),
        (0.9995, 21.6, 21.9),
        (0.9999, 4.32, 4.38),
    ],
)
def test_error_budget_table(objective, over_30_days, over_730_hours):
    assert budget_time(objective, DAYS_30).value / 60 == pytest.approx(over_30_days)
    assert budget_time(objective, DEFAULT_MONTH_SECONDS).value / 60 == pytest.approx(over_730_hours)


SLO = (
    "slos:\n  - {{id: s, sli: good / all, objective: {objective}, window: {window}, errorBudget: {budget}}}\n"
)


@pytest.mark.parametrize("window", ["30 d", "1 month"])
@pytest.mark.parametrize(
    ("objective", "budget"), [("99.9%", "~43 min"), ("99.95%", "~22 min"), ("99.99%", "~4.3 min")]
)
def test_the_documents_rounded_monthly_budgets_pass_as_approximations(check_text, objective, budget, window):
    text = SLO.format(objective=objective, window=window, budget=budget)
    assert "DL510" not in codes(check_text(with_header(text)))


@pytest.mark.parametrize(
    ("objective", "budget"),
    [("99.9%", "43.2 min"), ("99.95%", "21.6 min"), ("99.99%", "4.32 min"), ("99.9%", "0.1%"), ("99%", "1%")],
)
def test_exact_budgets_over_30_days_pass(check_text, objective, budget):
    assert "DL510" not in codes(
        check_text(with_header(SLO.format(objective=objective, window="30 d", budget=budget)))
    )


def test_a_wrong_budget_is_reported_with_the_recomputed_one(check_text):
    findings = check_text(with_header(SLO.format(objective="99.9%", window="30 d", budget="4.3 min")))
    [finding] = [f for f in findings if f.code == "DL510"]
    assert "99.9% over 30 d leaves 43.2 min" in finding.message
    line = with_header(SLO.format(objective="99.9%", window="30 d", budget="4.3 min")).splitlines()[5]
    assert (finding.position.line, finding.position.column) == (6, line.index("4.3 min") + 1)


def test_a_30_day_budget_on_a_730_hour_month_window_says_so(check_text):
    findings = check_text(with_header(SLO.format(objective="99.9%", window="1 month", budget="43.2 min")))
    [finding] = [f for f in findings if f.code == "DL510"]
    assert "leaves 43.8 min" in finding.message
    assert "30-day month" in finding.hint


def test_every_slo_needs_burn_rate_alerts(check_text):
    bare = with_header(SLO.format(objective="99.9%", window="30 d", budget="43.2 min"))
    assert "DL511" in codes(check_text(bare))
    alerted = bare.rstrip("}\n") + ", burnRateAlerts: [{window: 1 h, burnRate: 14.4}]}\n"
    assert "DL511" not in codes(check_text(alerted))


def _shortener():
    return Design.model_validate(load_path(DESIGNS / "url-shortener.yaml").data)


def test_url_shortener_cost_example_recomputes():
    """3 x $60 + $180 + $350 + $350 + $25 + ~$50 = ~$1,135 a month; RDS at $0.48/h x 730 h is ~$350."""
    data = numbers(_shortener())
    by_name = {line.item.name: line for line in data.cost.lines}
    app = by_name["App servers (c6g.large)"]
    assert format_measure(app.computed, "USD/month") == "$180/month"
    rds = by_name["RDS PostgreSQL (r6g.xlarge)"]
    assert rds.computed.value * DEFAULT_MONTH_SECONDS == pytest.approx(350.4)
    redis = by_name["Redis (r6g.large, 13 GB)"]
    assert redis.computed.value * DEFAULT_MONTH_SECONDS == pytest.approx(182.5)
    assert data.cost.total.value * DEFAULT_MONTH_SECONDS == pytest.approx(1135)
    assert data.cost.per_user.value * DEFAULT_MONTH_SECONDS == pytest.approx(1135 / 100e6)


def test_url_shortener_passes_the_cost_rules(engine):
    findings = engine.check_path(DESIGNS / "url-shortener.yaml", "url-shortener.yaml").findings
    assert not [f for f in findings if f.code in ("DL550", "DL551", "DL552", "DL504", "DL507")], findings


COST = """
cost:
  hoursPerMonth: {hours}
  items:
    - {{name: RDS, quantity: 1 node, unitPrice: $0.48/node/hour, monthly: {monthly}}}
    - {{name: Load balancer, monthly: $25/month}}
  total: {total}
"""


@pytest.mark.parametrize(
    ("hours", "monthly", "total", "expected"),
    [
        ("730 h", "$350/month", "$375/month", []),
        ("730 h", "$250/month", "$275/month", ["DL550"]),
        ("730 h", "$350/month", "$400/month", ["DL552"]),
        ("720 h", "$345.6/month", "$370.6/month", []),
        (
            "720 h",
            "$350.4/month",
            "$375.4/month",
            ["DL550"],
        ),  # 730-hour figures are 1.4% off a 720-hour month
    ],
)
def test_cost_items_and_totals(check_text, hours, monthly, total, expected):
    findings = check_text(with_header(COST.format(hours=hours, monthly=monthly, total=total)))
    assert sorted(set(codes(findings)) & {"DL550", "DL552"}) == expected


def test_cost_per_user(check_text):
    text = (
        COST.format(hours="730 h", monthly="$350/month", total="$375/month")
        + "  users: dau\n  perUser: PER_USER\nscale:\n  quantities:\n    - {name: dau, value: 1M users, rationale: given}\n"
    )
    assert "DL552" not in codes(check_text(with_header(text.replace("PER_USER", "$0.000375/user/month"))))
    assert "DL552" in codes(check_text(with_header(text.replace("PER_USER", "$0.0375/user/month"))))


def test_cost_quantity_counts_replicas_of_stored_data():
    text = """
scale:
  quantities:
    - {name: storage_7d, value: 35 TB, rationale: 5 TB a day for 7 days}
architecture:
  components:
    - {id: store, name: Store, kind: database, replicas: 3}
cost:
  items:
    - {name: Disks, component: store, quantityRef: storage_7d, unitPrice: $0.08/GB/month}
"""
    [line] = numbers(design(text)).cost.lines
    assert format_measure(line.computed, "USD/month") == "$8,400/month"


APPROXIMATE_TOTAL = """
cost:
  hoursPerMonth: 730 h
  items:
    - {{name: App servers, quantity: 3 nodes, unitPrice: $60/node/month, monthly: $180/month}}
    - {{name: Redis, monthly: ~$180/month}}
    - {{name: RDS, monthly: $350/month}}
    - {{name: RDS replica, monthly: $350/month}}
    - {{name: Load balancer, monthly: $25/month}}
    - {{name: Data transfer, monthly: {transfer}}}
  total: "{total}"
"""


@pytest.mark.parametrize(
    ("transfer", "total", "expected"),
    [
        # $180 + ~$180 + $350 + $350 + $25 + ~$50 = $1,135; the ~$230 allows $23, the exact $905 $9.05.
        ("~$50/month", "~$1,135/month", []),
        ("~$50/month", "~$1,160/month", []),  # $25 off: within $32.05
        ("~$50/month", "~$1,035/month", ["DL552"]),  # $100 off: a blanket 10% ($113) let it pass
        ("~$50/month", "~$1,170/month", ["DL552"]),  # $35 off
        ("$50/month", "~$1,160/month", []),  # only ~$180 is approximate now: $18 + $9.55
        ("$50/month", "~$1,165/month", ["DL552"]),  # $30 off: more than $27.55
        ("$50/month", "$1,146/month", []),  # an exact total keeps its 1%
        ("$50/month", "$1,150/month", ["DL552"]),
    ],
)
def test_an_approximate_total_is_as_loose_as_its_approximate_items(check_text, transfer, total, expected):
    findings = check_text(with_header(APPROXIMATE_TOTAL.format(transfer=transfer, total=total)))
    assert sorted(set(codes(findings)) & {"DL552"}) == expected


def test_the_allowed_rounding_is_named_in_the_finding(check_text):
    findings = check_text(with_header(APPROXIMATE_TOTAL.format(transfer="~$50/month", total="~$1,035/month")))
    [finding] = [f for f in findings if f.code == "DL552"]
    assert "rounding in the items allows $32.05/month (2.82%)" in finding.message
