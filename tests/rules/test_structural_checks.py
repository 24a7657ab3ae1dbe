"""DL112, DL106 and DL107 read structure and numbers, never words; each gap is one finding per design."""

from __future__ import annotations

import pytest

from tests.conftest import HEADER

TAIL = """
scale:
  quantities:
    - {name: mean_followers, value: 500 followers/user, rationale: measured}
    - {name: celebrity_followers, value: 50M followers/user, rationale: largest account}
"""

# (fragment, code, expected (line, column) of each finding of that code); lines count from the
# fragment's first line, after the four-line header.
CASES = [
    pytest.param(
        TAIL + "decisions:\n  - {id: skew, title: We ignore skew entirely}\n",
        "DL112",
        [(5, 7)],  # at the heaviest quantity
        id="saying-skew-in-words-is-not-handling-it",
    ),
    pytest.param(
        TAIL
        + "architecture:\n  components:\n    - {id: fanout, name: Fan-out, kind: worker, "
        + "hotKeys: authors above 10K followers are pulled at read time}\n",
        "DL112",
        [],
        id="hot-keys-handled-on-a-component",
    ),
    pytest.param(
        "useCases:\n  - {id: celeb, name: Celebrity posts, category: edge, handling: nothing}\n"
        "architecture:\n  components:\n    - {id: fanout, name: Fan-out service, kind: worker}\n",
        "DL112",
        [],
        id="no-numbers-no-stated-tail-not-analysed",
    ),
    pytest.param(
        "scale:\n  quantities:\n    - {name: small, value: 100 bytes/item, rationale: text}\n"
        "    - {name: big, value: 50 MB/item, rationale: video}\n",
        "DL112",
        [],
        id="sizes-per-item-are-not-skew",
    ),
    pytest.param(
        "scale:\n  quantities:\n    - {name: quiet, value: 1 requests/s, rationale: night}\n"
        "    - {name: busy, value: 10K requests/s, rationale: peak}\n",
        "DL112",
        [],
        id="rates-are-not-skew",
    ),
    pytest.param(
        "nfr:\n  qualitative:\n    - {aspect: latency, statement: minimal latency}\n"
        "    - {aspect: availability, statement: highly available}\n",
        "DL106",
        [(3, 7)],
        id="qualitative-targets-are-one-finding",
    ),
    pytest.param(
        "architecture:\n  paths:\n    - id: redirect\n      name: Redirect\n      flow: read\n      steps:\n"
        "        - {name: Read the cache}\n        - {name: Read the database, budget: 20 ms}\n"
        "        - {name: Answer 301}\n",
        "DL107",
        [(7, 11)],
        id="unbudgeted-steps-are-one-finding",
    ),
]


@pytest.mark.parametrize(("fragment", "code", "expected"), CASES)
def test_structural_check(check_text, fragment, code, expected):
    findings = [f for f in check_text(HEADER + fragment) if f.code == code]
    header_lines = HEADER.count("\n")
    assert [(f.position.line - header_lines, f.position.column) for f in findings] == expected


def test_one_finding_names_every_place(check_text):
    fragment = CASES[6].values[0]
    (finding,) = [f for f in check_text(HEADER + fragment) if f.code == "DL107"]
    assert finding.message.startswith("2 request-path steps have no latency budget")
    assert "'Read the cache' in 'redirect'" in finding.message and "'Answer 301'" in finding.message
    # Every place is there for tools (JSON, SARIF): the others as related locations.
    header_lines = HEADER.count("\n")
    assert [(r.position.line - header_lines, r.position.column) for r in finding.related] == [(9, 11)]


def test_a_path_with_an_unbudgeted_step_has_no_total(check_text):
    fragment = (
        "nfr:\n  latency:\n    - {operation: go, target: 10 ms, percentile: p99}\n"
        "architecture:\n  paths:\n    - id: p\n      name: P\n      flow: read\n      operation: go\n"
        "      total: 500 ms\n      steps:\n        - {name: a, budget: 400 ms}\n        - {name: b}\n"
    )
    codes = {f.code for f in check_text(HEADER + fragment)}
    # The sum is unknown, so it is neither over the target (DL530) nor off its stated total (DL531).
    assert "DL107" in codes and not codes & {"DL530", "DL531"}
