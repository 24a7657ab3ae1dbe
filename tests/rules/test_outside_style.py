"""Designs written the way outside authors write them: plain numbers, dropped labels, labels such
as "Later". Each case is a fragment, a rule, and where its findings land (line, column), lines
counted from the fragment's first line after the header; [] means the rule stays silent."""

from __future__ import annotations

import pytest

from tests.conftest import with_header

RATES = """scale:
  quantities:
    - {name: payments_per_day, value: 1M payments/day, rationale: measured}
    - {name: calls_per_payment, value: 2, rationale: create then confirm}
"""

HAND_OFF = """architecture:
  components:
    - {id: api, name: API, kind: service, userFacing: true, dependsOn: [{target: store}, {target: TARGET, mode: async}]}
    - {id: store, name: Store, kind: database}
    - {id: TARGET, name: Hand-off, kind: KIND}
  paths:
    - id: pay
      name: Pay
      flow: write
      steps: [{name: Write, component: api}, {name: Store, component: store}]
failureScenarios:
  - {id: down, component: TARGET, scope: all, degradation: work waits, blastRadius: {users: 0}}
"""

OFFLINE = """architecture:
  components:
    - {id: api, name: API, kind: service, userFacing: true, dependsOn: [{target: cache}]}
    - {id: cache, name: Cache, kind: cache}
    - {id: builder, name: Nightly builder, kind: worker, dependsOn: [{target: logs}]}
    - {id: logs, name: Logs, kind: object-store}
failureScenarios:
"""

CASES = [
    pytest.param(
        "nfr:\n  latency:\n    - {operation: suggest, target: 100 ms}\n"
        "useCases:\n  - {id: s, name: Suggest, category: core, operations: [suggest]}\n",
        "DL103",
        [],
        id="a-target-without-percentile-is-a-target",
    ),
    pytest.param(
        "nfr:\n  latency:\n    - {operation: suggest, target: 100 ms}\n"
        "useCases:\n  - {id: s, name: Suggest, category: core, operations: [suggest]}\n",
        "DL104",
        [(3, 7)],
        id="the-missing-percentile-is-reported-once-on-the-target",
    ),
    pytest.param(
        "evolution:\n  steps:\n    - {horizon: Later, change: Unicode queries}\n",
        "DL015",
        [],
        id="later-is-a-horizon",
    ),
    pytest.param(
        "evolution:\n  steps:\n    - {horizon: Later, change: Unicode queries}\n",
        "DL311",
        [(3, 7)],
        id="a-later-step-still-needs-its-trigger",
    ),
    pytest.param(
        RATES + "    - {name: per_second, value: ~11.6 payments/s, formula: payments_per_day / 86400 s}\n",
        "DL504",
        [],
        id="seconds-of-a-day-written-without-per-day",
    ),
    pytest.param(
        RATES + "    - {name: per_second, value: ~116 payments/s, formula: payments_per_day / 86400 s}\n",
        "DL504",
        [(5, 33)],
        id="a-dropped-per-day-that-changes-the-number-is-reported",
    ),
    pytest.param(
        RATES
        + "    - {name: calls_per_day, value: 2M calls/day, formula: payments_per_day * calls_per_payment}\n",
        "DL504",
        [],
        id="a-plain-factor-for-a-count-ratio",
    ),
    pytest.param(
        RATES
        + "    - {name: calls_per_day, value: 3M calls/day, formula: payments_per_day * calls_per_payment}\n",
        "DL504",
        [(5, 36)],
        id="a-count-mix-up-that-changes-the-number-is-reported",
    ),
    pytest.param(
        RATES + "    - {name: stored, value: 1M payments, formula: payments_per_day}\n",
        "DL504",
        [(5, 29)],
        id="an-amount-stated-for-a-rate-is-still-reported",
    ),
    pytest.param(
        "cost:\n  currency: EUR\n  items:\n    - {name: db, quantity: 2, unitPrice: 1800, monthly: 3600}\n"
        "  total: 3600\n",
        "DL504",
        [],
        id="plain-numbers-on-money-fields-are-the-cost-currency",
    ),
    pytest.param(
        "cost:\n  currency: EUR\n  items:\n    - {name: db, quantity: 2, unitPrice: 1800, monthly: 3000}\n",
        "DL550",
        [(4, 57)],
        id="plain-money-is-checked-like-any-other",
    ),
    pytest.param(
        "cost:\n  items:\n    - {name: db, quantity: 2, unitPrice: 1800, monthly: 3600}\n  total: 4000\n",
        "DL552",
        [(4, 10)],
        id="a-plain-total-is-checked-against-the-items",
    ),
]


CASES += [
    pytest.param(
        HAND_OFF.replace("TARGET", "ledger").replace("KIND", "worker"),
        "DL570",
        [],
        id="work-handed-off-to-a-worker-waits-for-it",
    ),
    pytest.param(
        HAND_OFF.replace("TARGET", "events").replace("KIND", "queue"),
        "DL570",
        [(12, 72)],
        id="a-queue-taking-the-hand-off-down-takes-the-path-down",
    ),
    pytest.param(
        OFFLINE + "  - {id: build-fails, component: builder, scope: all, degradation: last build serves}\n",
        "DL223",
        [],
        id="an-offline-job-has-no-share-of-users",
    ),
    pytest.param(
        OFFLINE + "  - {id: cache-down, component: cache, scope: all, degradation: read the store}\n",
        "DL223",
        [(8, 5)],
        id="a-failure-users-feel-quantifies-its-radius",
    ),
    pytest.param(
        OFFLINE + "  - {id: cache-down, component: cache, scope: all, degradation: TBD}\n",
        "DL223",
        [],
        id="a-scenario-that-says-nothing-yet-is-the-placeholder-gap",
    ),
]


CASES += [
    pytest.param(
        "notes: >-\n  Runs in us-east-1.\n  Single region for now, DR later.\n",
        "DL210",
        [(3, 3)],
        id="dr-put-off-in-prose-is-where-the-finding-lands",
    ),
    pytest.param(
        "constraints:\n  - Backups TBD with the DBA team\n",
        "DL210",
        [(2, 5)],
        id="backups-tbd",
    ),
    pytest.param(
        "decisions:\n  - id: db\n    title: Database\n"
        "    rationale: Linear scaling (no re-sharding later), automatic failover.\n",
        "DL210",
        [(-3, 1)],
        id="failover-praised-next-to-an-unrelated-later-is-not-a-deferral",
    ),
    pytest.param(
        "dr: {strategy: backup-restore}\nnotes: DR later.\n",
        "DL210",
        [(1, 1)],
        id="a-dr-section-without-its-tier-is-reported-there",
    ),
]


CROSS_TEAM = """metadata:
  name: pay
  owners: [payments]
architecture:
  components:
    - {id: checkout, name: Checkout, kind: service, owner: shop, userFacing: true, dependsOn: [{target: api, timeout: 2 s}]}
    - {id: api, name: Payments API, kind: service, owner: payments, userFacing: true, dependsOn: [{target: psp, timeout: 5 s}]}
    - {id: psp, name: Provider, kind: external-service, external: true}
nfr:
  availability: [{name: API, component: api, target: 99.9%}]
crossTeamDependencies:
  - {service: Checkout, component: checkout, team: shop}
failureScenarios:
"""

CASES += [
    pytest.param(
        CROSS_TEAM + "  - {id: psp-down, component: psp, scope: all, degradation: ask the buyer to retry}\n",
        "DL420",
        [],
        id="a-scenario-for-the-whole-target-is-the-callers-fallback",
    ),
    pytest.param(
        CROSS_TEAM + "  - {id: psp-node, component: psp, scope: node, degradation: another node answers}\n",
        "DL420",
        [(7, 99)],
        id="one-node-of-the-target-failing-is-no-fallback-for-the-whole",
    ),
    pytest.param(
        CROSS_TEAM,
        "DL105",
        [],
        id="another-teams-user-facing-component-is-theirs-to-target",
    ),
    pytest.param(
        CROSS_TEAM.replace(
            "crossTeamDependencies:\n  - {service: Checkout, component: checkout, team: shop}\n", ""
        ),
        "DL105",
        [(6, 7)],
        id="an-owner-other-than-the-designs-is-not-enough",
    ),
]


MIGRATION = """migrations:
  - name: Drop the old table
    pattern: parallel-run
    phases:
      - name: Switch reads and drop
        successCriteria: [no discrepancy for 7 days]
        rollback: ROLLBACK
"""

CASES += [
    pytest.param(
        MIGRATION.replace("ROLLBACK", "Not possible once the table is dropped; we would restore a backup"),
        "DL015",
        [(7, 19)],
        id="a-rollback-that-opens-by-denying-one-is-none",
    ),
    pytest.param(
        MIGRATION.replace("ROLLBACK", "Not needed; the phase only adds a replica"),
        "DL015",
        [],
        id="a-rollback-not-needed-is-an-answer",
    ),
    pytest.param(
        "decisions:\n  - id: keys\n    title: Key format\n"
        "    rationale: Irreversible once clients cache keys, so the format is versioned.\n",
        "DL015",
        [],
        id="denying-words-start-arguments-outside-mechanism-fields",
    ),
    pytest.param(
        "decisions:\n  - id: delivery\n    title: At least once\n"
        "    rationale: Retries resend on errors. Dedup TBD. Duplicates are fine for v1.\n",
        "DL015",
        [(4, 42)],
        id="an-open-item-inside-an-answer",
    ),
    pytest.param(
        "decisions:\n  - id: delivery\n    title: At least once\n"
        "    rationale: The exact retry budget stays TBD until the load test next week.\n",
        "DL015",
        [],
        id="a-sentence-that-mentions-tbd-is-not-an-open-item",
    ),
    pytest.param(
        "constraints:\n  - Runs in one region\n  - Backups TBD\n",
        "DL015",
        [(3, 5)],
        id="an-open-item-in-a-list",
    ),
    pytest.param("dr: TBD\n", "DL015", [(1, 5)], id="a-section-answered-tbd-is-a-placeholder"),
    pytest.param("dr: TBD\n", "DL011", [], id="a-section-answered-tbd-is-not-a-type-error"),
    pytest.param("dr: TBD\n", "DL210", [], id="the-missing-dr-is-said-by-the-placeholder-finding"),
    pytest.param("slos: TBD\n", "DL015", [(1, 7)], id="a-list-answered-tbd-is-a-placeholder"),
]


@pytest.mark.parametrize(("fragment", "code", "expected"), CASES)
def test_outside_style(check_text, fragment, code, expected):
    text = with_header(fragment)  # a fragment that brings its own metadata gets the rest
    header_lines = text.count("\n") - fragment.count("\n")
    findings = [f for f in check_text(text) if f.code == code]
    assert [(f.position.line - header_lines, f.position.column) for f in findings] == expected
