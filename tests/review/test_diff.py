"""``designlint diff``: two versions of a design compared in review terms."""

from __future__ import annotations

import json

import pytest

from designlint.cli import main
from tests.conftest import DESIGNS, HEADER

NEWSFEED = (DESIGNS / "newsfeed.yaml").read_text(encoding="utf-8")
PHASE = "migration 'Single region to multi-region' phase 'Phase 2: local reads'"


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def riskier_newsfeed() -> str:
    """The news feed with a loosened SLO, a phase that lost its rollback and a higher monthly cost."""
    text = edit(
        NEWSFEED,
        "    kind: availability\n    objective: 99.9%\n",
        "    kind: availability\n    objective: 99.5%\n",
    )
    text = edit(text, "        rollback: Route reads back to US-West.\n", "")
    return edit(text, "  total: $25,120/month\n", "  total: $31,400/month\n")


def run_json(capsys, *args) -> dict:
    assert main(["diff", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def newsfeed_pair(tmp_path):
    base, head = tmp_path / "base.yaml", tmp_path / "head.yaml"
    base.write_text(NEWSFEED, encoding="utf-8")
    head.write_text(riskier_newsfeed(), encoding="utf-8")
    return str(base), str(head)


def test_newsfeed_diff_reports_what_a_reviewer_must_see(capsys, newsfeed_pair):
    document = run_json(capsys, *newsfeed_pair)
    (design,) = document["designs"]
    changes = [
        (c["area"], c["subject"], c["verdict"], c["before"], c["after"], c["detail"], c["concern"])
        for c in design["changes"]
    ]
    assert changes == [
        (
            "Reliability and latency targets",
            "SLO 'feed-availability' objective",
            "loosened",
            "99.9%",
            "99.5%",
            None,
            True,
        ),
        ("Cost", "monthly cost", "increased", "$25,120/month", "$31,400/month", "+25%", True),
        ("Migrations", PHASE, "lost its rollback", "Route reads back to US-West.", None, None, True),
    ]
    introduced = {(f["code"], f["path"]) for f in design["introduced"]}
    assert (
        "DL302",
        "migrations[Single region to multi-region].phases[Phase 2: local reads].rollback",
    ) in introduced
    assert design["fixed"] == []
    assert document["summary"]["concerns"] == 3


def test_newsfeed_diff_as_a_pull_request_comment(capsys, newsfeed_pair):
    assert main(["diff", *newsfeed_pair, "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    summary, _, folded = markdown.partition("<details>")
    # The concise summary comes first; every detail is folded below it.
    assert summary.startswith("## designlint review\n")
    assert "- **loosened**: SLO 'feed-availability' objective: 99.9% -&gt; 99.5%" in summary
    assert "- **increased**: monthly cost: &#36;25,120/month -&gt; &#36;31,400/month (+25%)" in summary
    assert "- **lost its rollback**: migration 'Single region to multi-region'" in summary
    assert "<summary>Findings introduced" in folded and "| Change | Before | After |" in folded
    assert markdown.count("<details>") == markdown.count("</details>") == 4


def test_unchanged_design_and_moved_lines_report_nothing(tmp_path, capsys):
    base, head = tmp_path / "a.yaml", tmp_path / "b.yaml"
    base.write_text(NEWSFEED, encoding="utf-8")
    # Findings are matched by code and document path, so shifting every line changes nothing.
    head.write_text(
        "# a comment\n\n" + NEWSFEED.replace("\nscope:", "\n# more words\nscope:"), encoding="utf-8"
    )
    document = run_json(capsys, str(base), str(head))
    assert document["summary"] == {"designs": 1, "concerns": 0, "changes": 0, "introduced": 0, "fixed": 0}
    assert main(["diff", str(base), str(head)]) == 0
    assert "nothing loosened or lost" in capsys.readouterr().out


SMALL = (
    HEADER
    + """\
nfr:
  latency:
    - {operation: load, target: 300 ms, percentile: p95}
  availability:
    - {name: Serving, component: api, target: 99.9%}
slos:
  - {id: avail, service: api, sli: good loads, objective: 99.9%, window: 30d, errorBudget: 43.2 min}
dr: {tier: 3, strategy: backup-restore, rpo: 1 h, rto: 4 h}
architecture:
  components:
    - id: api
      name: API
      kind: service
      availability: 99.99%
      dependsOn:
        - {target: db, timeout: 100 ms, fallback: serve from cache}
    - {id: db, name: DB, kind: database, availability: 99.95%}
cost:
  total: $1,000/month
  perUser: $0.01/user/month
migrations:
  - name: Move
    phases:
      - {name: Copy, rollback: drop the copy}
"""
)


def test_targets_tightened_and_architecture_changes(tmp_path, capsys):
    head_text = SMALL
    head_text = edit(head_text, "target: 300 ms, percentile: p95", "target: 0.25 s, percentile: p99")
    head_text = edit(head_text, "objective: 99.9%, window", "objective: 99.95%, window")
    head_text = edit(
        head_text,
        "{tier: 3, strategy: backup-restore, rpo: 1 h, rto: 4 h}",
        "{tier: 2, strategy: warm-standby, rpo: 5 min, rto: 8 h}",
    )
    head_text = edit(
        head_text,
        "        - {target: db, timeout: 100 ms, fallback: serve from cache}\n",
        "        - {target: db, timeout: 100 ms}\n        - {target: queue, mode: async}\n",
    )
    head_text = edit(
        head_text,
        "    - {id: db, name: DB, kind: database, availability: 99.95%}\n",
        "    - {id: db, name: DB, kind: database, availability: 99.95%}\n"
        "    - {id: queue, name: Queue, kind: queue}\n",
    )
    head_text = edit(head_text, "perUser: $0.01/user/month", "perUser: $0.008/user/month")
    head_text += "      - {name: Switch over}\n"
    base, head = tmp_path / "base.yaml", tmp_path / "head.yaml"
    base.write_text(SMALL, encoding="utf-8")
    head.write_text(head_text, encoding="utf-8")
    design = run_json(capsys, str(base), str(head))["designs"][0]
    verdicts = {c["subject"]: (c["verdict"], c["concern"]) for c in design["changes"]}
    assert verdicts == {
        "SLO 'avail' objective": ("tightened", False),
        "latency target 'load'": ("tightened", False),  # 300 ms -> 0.25 s, compared in one unit
        "latency target 'load' percentile": ("tightened", False),
        # The cache fallback is gone, so the database's availability now caps the API's.
        "availability ceiling of 'api'": ("lowered", True),
        "DR tier": ("tightened", False),
        "DR strategy": ("changed", False),
        "RPO": ("tightened", False),
        "RTO": ("loosened", True),
        "cost per user": ("decreased", False),
        "component 'queue'": ("added", False),
        "dependency api -> queue": ("added", False),
        "dependency api -> db": ("lost its fallback", True),
        "migration 'Move' phase 'Switch over'": ("added without a rollback", True),
    }
    ceiling = next(c for c in design["changes"] if c["subject"] == "availability ceiling of 'api'")
    assert (ceiling["before"], ceiling["after"]) == ("99.99%", "99.94%")


def test_removed_targets_are_flagged(tmp_path, capsys):
    head_text = edit(
        SMALL,
        "slos:\n  - {id: avail, service: api, sli: good loads, objective: 99.9%, window: 30d, errorBudget: 43.2 min}\n",
        "",
    )
    head_text = edit(head_text, "dr: {tier: 3, strategy: backup-restore, rpo: 1 h, rto: 4 h}\n", "")
    base, head = tmp_path / "base.yaml", tmp_path / "head.yaml"
    base.write_text(SMALL, encoding="utf-8")
    head.write_text(head_text, encoding="utf-8")
    design = run_json(capsys, str(base), str(head))["designs"][0]
    removed = {c["subject"] for c in design["changes"] if c["verdict"] == "removed" and c["concern"]}
    assert removed == {"SLO 'avail'", "disaster-recovery plan"}


def test_design_text_is_escaped_in_markdown(tmp_path, capsys):
    base, head = tmp_path / "base.yaml", tmp_path / "head.yaml"
    base.write_text(SMALL, encoding="utf-8")
    head.write_text(SMALL + "      - {name: '<img src=x> **now** @ops #1 | $5'}\n", encoding="utf-8")
    assert main(["diff", str(base), str(head), "--format", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "&lt;img src=x&gt; \\*\\*now\\*\\* &#64;ops &#35;1 &#124; &#36;5" in out
    assert "<img" not in out and "@ops" not in out


def test_a_version_that_does_not_validate_still_compares_findings(tmp_path, capsys):
    base, head = tmp_path / "base.yaml", tmp_path / "head.yaml"
    base.write_text(SMALL, encoding="utf-8")
    head.write_text(SMALL.replace("kind: database", "kind: databse"), encoding="utf-8")
    design = run_json(capsys, str(base), str(head))["designs"][0]
    assert design["changes"] == [] and design["notes"] == [
        "the new version does not validate, so only findings are compared"
    ]
    assert [f["code"] for f in design["introduced"]] == ["DL013"]


def test_diff_output_is_deterministic(capsys, newsfeed_pair):
    outputs = []
    for _ in range(2):
        assert main(["diff", *newsfeed_pair, "--format", "markdown"]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize(
    "args", [["one.yaml"], ["a.yaml", "b.yaml", "c.yaml"], ["missing.yaml", "other.yaml"]]
)
def test_diff_usage_errors(tmp_path, capsys, args, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "one.yaml").write_text(SMALL, encoding="utf-8")
    assert main(["diff", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err
