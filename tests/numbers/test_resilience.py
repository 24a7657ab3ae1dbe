"""Composite availability, latency sums, capacity headroom, DR consistency, blast radius and single points of failure."""

from __future__ import annotations

import pytest

from designlint.analysis.context import numbers
from designlint.analysis.resilience import composite
from designlint.loader import load_text
from designlint.model import Design
from tests.conftest import with_header


def design(text: str) -> Design:
    return Design.model_validate(load_text(with_header(text), "example.yaml").data)


def codes(findings) -> set[str]:
    return {f.code for f in findings}


def test_composite_availability_by_hand():
    assert composite([0.999, 0.999]) == pytest.approx(0.998001)
    assert composite([0.99], regions=2) == pytest.approx(0.9999)
    assert composite([0.999, 0.9995], regions=3) == pytest.approx(1 - (1 - 0.999 * 0.9995) ** 3)


CHECKOUT = """
slos:
  - {{id: checkout, service: checkout, sli: good / all, objective: 99.95%, window: 30 d, errorBudget: 21.6 min}}
architecture:
  components:
    - id: checkout
      name: Checkout
      kind: service
      userFacing: true
      dependsOn:
        - {{target: payments, criticality: {payments}}}
        - {{target: inventory}}
        - {{target: emails, mode: async}}
    - {{id: payments, name: Payments, kind: external-service, availability: 99.9%}}
    - {{id: inventory, name: Inventory, kind: database, availability: 99.95%}}
    - {{id: emails, name: Emails, kind: queue, availability: 99%}}
{regions}
"""


def test_serial_hard_dependencies_cap_the_objective_with_the_gap_in_minutes(check_text):
    text = with_header(CHECKOUT.format(payments="hard", regions=""))
    [ceiling] = numbers(design(CHECKOUT.format(payments="hard", regions=""))).availability
    assert ceiling.ceiling == pytest.approx(0.999 * 0.9995)
    # 99.85% over 30 days allows 64.8 min against a 21.6 min budget: 43.2 min short.
    assert ceiling.gap_seconds / 60 == pytest.approx(43.2, rel=1e-3)
    [finding] = [f for f in check_text(text) if f.code == "DL520"]
    assert "caps it at 99.8501%" in finding.message
    assert "64.8 min of downtime per 30 days against a 21.6 min budget (43.2 min short)" in finding.message


def test_soft_dependencies_and_async_ones_do_not_cap(check_text):
    text = with_header(CHECKOUT.format(payments="soft", regions=""))
    assert "DL520" not in codes(check_text(text))


@pytest.mark.parametrize(
    ("payments", "capped", "contradiction"),
    [
        ("hard", True, False),
        ("soft", False, False),
        # A real fallback contains the failure: no cap, but "hard" beside it contradicts it.
        ("hard, fallback: Accept the order and charge when the provider is back", False, True),
        ("hard, fallback: {strategy: queue, description: Charge when the provider is back}", False, True),
        ("hard, fallback: {strategy: cached}", False, True),
        # A fallback that fails the request contains nothing: the cap stays, hard is right.
        ("hard, fallback: Fail the checkout so the client retries", True, False),
        ("hard, fallback: Return a 503 and let the client retry", True, False),
        ("hard, fallback: Reject the order", True, False),
        ("hard, fallback: No fallback; the order fails", True, False),
        ("hard, fallback: {strategy: fail, description: Show an error page}", True, False),
        # Heuristic on sentences: failing open or over is a fallback.
        ("hard, fallback: Fail over to the secondary provider", False, True),
        # Left at the default criticality, a real fallback is simply soft.
        ("hard}\n        - {target: inventory, fallback: Sell from the last stock count", True, False),
    ],
)
def test_only_a_fallback_that_keeps_serving_lifts_the_cap(check_text, payments, capped, contradiction):
    text = CHECKOUT.format(payments=payments, regions="")
    [ceiling] = numbers(design(text)).availability
    assert (ceiling.ceiling < ceiling.objective) == capped
    found = codes(check_text(with_header(text)))
    assert ("DL520" in found, "DL521" in found) == (capped, contradiction)


def test_the_contradiction_is_reported_on_the_criticality(check_text):
    text = with_header(CHECKOUT.format(payments="hard, fallback: Accept the order", regions=""))
    [finding] = [f for f in check_text(text) if f.code == "DL521"]
    line = text.splitlines()[finding.position.line - 1]
    assert line[finding.position.column - 1 :].startswith("hard")
    assert "'checkout' calls 'payments' as a hard dependency" in finding.message


@pytest.mark.parametrize(
    ("fallback", "message"),
    [
        ("{strategy: retry}", "is not one of"),
        ("{strategy: cached, when: always}", "unknown key 'when'"),
        ("{description: serve stale}", "missing required key 'strategy'"),
    ],
)
def test_a_fallback_mapping_is_validated_at_its_keys(check_text, fallback, message):
    text = with_header(CHECKOUT.format(payments=f"hard, fallback: {fallback}", regions=""))
    assert any(message in f.message for f in check_text(text) if f.code.startswith("DL01"))


def test_active_active_regions_combine_as_redundant(check_text):
    regions = "multiRegion: {pattern: active-active-full, regions: [us-east, eu-west], conflictResolution: last writer wins}"
    [ceiling] = numbers(design(CHECKOUT.format(payments="hard", regions=regions))).availability
    assert ceiling.ceiling == pytest.approx(1 - (1 - 0.999 * 0.9995) ** 2)
    assert "DL520" not in codes(check_text(with_header(CHECKOUT.format(payments="hard", regions=regions))))


PATHS = """
nfr:
  latency:
    - {{operation: load, target: 300 ms, percentile: p99}}
architecture:
  components:
    - {{id: svc, name: Service, kind: service}}
  paths:
    - id: read
      name: Read
      flow: read
      operation: load
      steps:
        - {{name: Cache, component: svc, budget: 5 ms}}
        - {{name: Storage, component: svc, budget: 50 ms, parallelGroup: {group}}}
        - {{name: Celebrities, component: svc, budget: 80 ms, parallelGroup: {group}}}
        - {{name: Ranking, component: svc, budget: {ranking}}}
      total: {total}
"""


@pytest.mark.parametrize(
    ("group", "ranking", "total", "expected_sum", "found"),
    [
        ("fetch", "50 ms", "135 ms", 135, set()),  # 5 + max(50, 80) + 50
        ("fetch", "50 ms", "185 ms", 135, {"DL531"}),
        ("fetch", "50 ms", "<215 ms", 135, set()),  # a bound only has to hold
        ("fetch", "250 ms", "335 ms", 335, {"DL530"}),
        ("null", "50 ms", "185 ms", 185, set()),  # no group: sequential
        ("fetch", "0.2 s", "285 ms", 285, set()),
    ],
)
def test_latency_budget_sums(check_text, group, ranking, total, expected_sum, found):
    text = PATHS.format(group=group, ranking=ranking, total=total)
    [result] = numbers(design(text)).latency[0]
    assert result.total.value * 1000 == pytest.approx(expected_sum)
    assert codes(check_text(with_header(text))) & {"DL530", "DL531"} == found


CAPACITY = """
scale:
  quantities:
    - {{name: peak_writes, value: 2.3M writes/s, rationale: fan-out at peak}}
architecture:
  components:
    - id: store
      name: Store
      kind: wide-column-store
      capacity: {{perNode: 10K writes/s, load: {load}, nodes: {nodes}{band}}}
"""


@pytest.mark.parametrize(
    ("load", "nodes", "band", "needed", "found"),
    [
        ("peak_writes", 329, "", 329, set()),  # 2.3M / (10K x 70%) = 328.6
        ("peak_writes", 300, "", 329, {"DL540"}),  # 76.7% at peak
        ("peak_writes", 384, "", 329, set()),  # 59.9%: one node fewer would leave the band
        ("peak_writes", 390, "", 329, {"DL541"}),  # 59%: six nodes more than the band's floor needs
        ("peak_writes", 600, "", 329, {"DL541"}),
        ("peak_writes", 300, ", targetUtilisation: 80%", 288, set()),  # a single target reads as 70-80%
        ("peak_writes", 340, ", targetUtilisation: 80%", 288, {"DL541"}),
        ("1.5M writes/s", 200, "", 215, {"DL540"}),
    ],
)
def test_capacity_headroom(check_text, load, nodes, band, needed, found):
    text = CAPACITY.format(load=load, nodes=nodes, band=band)
    [plan] = numbers(design(text)).capacity[0]
    assert plan.needed == needed
    assert codes(check_text(with_header(text))) & {"DL540", "DL541"} == found


SHARDED = """
scale:
  quantities:
    - {{name: peak, value: {load}, rationale: fan-out at peak}}
architecture:
  components:
    - id: store
      name: Store
      kind: {kind}
      capacity: {{perNode: {per_node}, load: peak{nodes}}}
{extra}"""


@pytest.mark.parametrize(
    ("kind", "load", "per_node", "nodes", "extra", "needed", "found"),
    [
        # No count anywhere: say what the band needs (2.3M / (10K x 70%) = 328.6).
        ("wide-column-store", "2.3M writes/s", "10K writes/s", "", "", 329, {"DL542"}),
        ("wide-column-store", "50K writes/s", "100K writes/s", "", "", 1, set()),  # one node carries it
        # Shards serve the load: 20 shards of 10K writes/s carry 200K, not 2.3M.
        ("wide-column-store", "2.3M writes/s", "10K writes/s", "", "      shards: 20\n", 329, {"DL540"}),
        ("wide-column-store", "2.3M writes/s", "10K writes/s", "", "      shards: 360\n", 329, set()),
        # Reads spread over the replicas of each shard: 120 shards x 3 replicas = 360 nodes.
        (
            "wide-column-store",
            "2.3M reads/s",
            "10K reads/s",
            "",
            "      shards: 120\n      replicas: 3\n",
            329,
            set(),
        ),
        # Writes land on every replica: 2.3M x 3 = 6.9M node-writes a second need 986 nodes.
        (
            "wide-column-store",
            "2.3M writes/s",
            "10K writes/s",
            "",
            "      shards: 120\n      replicas: 3\n",
            986,
            {"DL540"},
        ),
        (
            "wide-column-store",
            "2.3M writes/s",
            "10K writes/s",
            "",
            "      shards: 330\n      replicas: 3\n",
            986,
            set(),
        ),
        ("wide-column-store", "2.3M writes/s", "10K writes/s", "", "      replicas: 3\n", 986, {"DL540"}),
        # A service's replicas are instances, not copies: writes spread over them.
        ("service", "50K writes/s", "10K writes/s", "", "      replicas: 8\n", 8, set()),
        # capacity.nodes is the whole fleet; a data store's writes still land on each replica.
        ("database", "50K writes/s", "10K writes/s", ", nodes: 24", "      replicas: 3\n", 22, set()),
        ("database", "50K writes/s", "10K writes/s", ", nodes: 8", "      replicas: 3\n", 22, {"DL540"}),
        # A limit per shard is compared with the shards.
        ("key-value-store", "521K ops/s", "50K ops/s/shard", "", "      shards: 16\n", 15, set()),
        ("key-value-store", "521K ops/s", "50K ops/s/shard", "", "      shards: 12\n", 15, {"DL540"}),
        ("key-value-store", "521K ops/s", "50K ops/s/shard", "", "", 15, {"DL542"}),
    ],
)
def test_capacity_counts_shards_and_replicas(check_text, kind, load, per_node, nodes, extra, needed, found):
    text = SHARDED.format(kind=kind, load=load, per_node=per_node, nodes=nodes, extra=extra)
    [plan] = numbers(design(text)).capacity[0]
    assert plan.needed == needed
    assert codes(check_text(with_header(text))) & {"DL540", "DL541", "DL542"} == found


def test_an_unstated_node_count_is_reported_with_what_the_band_needs(check_text):
    text = SHARDED.format(
        kind="wide-column-store", load="2.3M writes/s", per_node="10K writes/s", nodes="", extra=""
    )
    [finding] = [f for f in check_text(with_header(text)) if f.code == "DL542"]
    assert finding.severity.value == "info"
    assert finding.message == (
        "'store' states no node count: 2.3M writes/s at 10K writes/s per node needs 329 nodes to stay within 60-70%"
    )


def test_capacity_load_must_match_the_per_node_unit(check_text):
    text = CAPACITY.format(load="peak_writes", nodes=329, band="").replace("10K writes/s", "10 GB")
    assert "DL504" in codes(check_text(with_header(text)))


@pytest.mark.parametrize(
    ("dr", "multi", "found"),
    [
        ("{tier: 2, strategy: warm-standby, rpo: <1 s, rto: 15 min, replication: async}", "", set()),
        ("{tier: 4, strategy: backup-restore, rpo: 24 h, rto: 15 min}", "", {"DL560"}),
        ("{tier: 1, strategy: active-active, rpo: 4 h, rto: 1 min}", "active-active-full", {"DL560"}),
        ("{tier: 3, strategy: warm-standby, rpo: 5 min, rto: 4 h}", "", {"DL561"}),
        ("{tier: 1, strategy: active-active, rpo: 1 s, rto: 30 s}", "active-passive", {"DL561"}),
        ("{tier: 1, strategy: active-active, rpo: 1 s, rto: 30 s}", "active-active-read", set()),
        ("{tier: 2, strategy: warm-standby, rpo: 0 s, rto: 15 min, replication: async}", "", {"DL562"}),
        ("{tier: 2, strategy: warm-standby, rpo: 0 s, rto: 15 min, replication: sync}", "", set()),
        ("{tier: 2, strategy: warm-standby, rpo: 5 s, rto: 15 min}", "active-passive", set()),
        ("{tier: 2, strategy: warm-standby, rpo: 0.5 s, rto: 15 min}", "active-passive", {"DL562"}),
    ],
)
def test_dr_consistency(check_text, dr, multi, found):
    text = f"dr: {dr}\n"
    if multi:
        text += (
            f"multiRegion: {{pattern: {multi}, regions: [a, b], replication: async, replicationLag: 1 s}}\n"
        )
    assert codes(check_text(with_header(text))) & {"DL560", "DL561", "DL562"} == found


GRAPH = """
architecture:
  components:
    - id: api
      name: API
      kind: service
      userFacing: true
      replicas: 3
      dependsOn:
        - {{target: db{db_guard}}}
        - {{target: cache, criticality: soft}}
    - {{id: db, name: Database, kind: database, replicas: {db_replicas}}}
    - {{id: cache, name: Cache, kind: cache, replicas: 1}}
  paths:
    - id: read
      name: Read
      flow: read
      steps:
        - {{name: Lookup, component: cache, budget: 2 ms}}
        - {{name: Query, component: api, budget: 20 ms}}
    - id: write
      name: Write
      flow: write
      steps:
        - {{name: Insert, component: db, budget: 20 ms}}
failureScenarios:
  - id: db-down
    component: db
    degradation: reads and writes fail
    blastRadius: {{users: 100%, flows: [{flows}]}}
"""


@pytest.mark.parametrize(
    ("db_guard", "flows", "found"),
    [
        ("", "read, write", set()),
        ("", "write", {"DL570"}),  # the read path runs on api, which fails with db
        (", fallback: serve stale", "write", set()),  # the fallback keeps reads up
        (", fallback: serve stale", "write, read", set()),  # read is degraded: listing it is fine
    ],
)
def test_blast_radius_against_the_graph(check_text, db_guard, flows, found):
    text = GRAPH.format(db_guard=db_guard, db_replicas=2, flows=flows)
    assert codes(check_text(with_header(text))) & {"DL570"} == found


def test_a_listed_flow_the_failure_cannot_reach(check_text):
    text = GRAPH.format(db_guard="", db_replicas=2, flows="read, write").replace(
        "component: db\n", "component: cache\n"
    )
    findings = [f for f in check_text(with_header(text)) if f.code == "DL570"]
    assert [f.message for f in findings] == ["failure of 'cache' does not reach request path 'write'"]


def test_single_points_of_failure(check_text):
    single = with_header(GRAPH.format(db_guard="", db_replicas=1, flows="read, write"))
    [finding] = [f for f in check_text(single) if f.code == "DL571"]
    assert "'db' runs as a single instance" in finding.message and "(api -> db)" in finding.message
    redundant = with_header(GRAPH.format(db_guard="", db_replicas=2, flows="read, write"))
    assert "DL571" not in codes(check_text(redundant))  # the single cache is soft: not a SPOF
