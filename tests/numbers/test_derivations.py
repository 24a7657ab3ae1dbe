"""Derivations through the engine: the News Feed design, its seed-faithful copy, and positioned formula findings."""

from __future__ import annotations

import pytest

from tests.conftest import DESIGNS, ROOT, with_header

FAITHFUL = ROOT / "tests" / "data" / "newsfeed-seed-faithful.yaml"


def number_findings(engine, path, name):
    return [f for f in engine.check_path(path, name).findings if f.code.startswith("DL5")]


@pytest.mark.parametrize("name", ["newsfeed.yaml", "url-shortener.yaml"])
def test_the_example_designs_pass_the_number_rules(engine, name):
    assert number_findings(engine, DESIGNS / name, name) == []


def test_seed_storage_slip_is_reported_on_the_faithful_copy(engine):
    """The walkthrough's key numbers give ~350 GB for seven days of 5 TB a day; it is 35 TB."""
    lines = FAITHFUL.read_text(encoding="utf-8").splitlines()
    name_line = lines.index("    - name: feed_storage_7d")
    value_line = next(i for i in range(name_line, name_line + 5) if lines[i].strip().startswith("value:"))
    findings = [f for f in number_findings(engine, FAITHFUL, "faithful.yaml") if f.code == "DL503"]
    assert len(findings) == 1
    [finding] = findings
    assert finding.position.line == value_line + 1
    assert finding.position.column == lines[value_line].index("~350 GB") + 1
    assert "feed_storage_per_day * feed_retention = 35 TB" in finding.message
    assert "~350 GB" in finding.message


def test_newsfeed_carries_the_corrected_number():
    text = (DESIGNS / "newsfeed.yaml").read_text(encoding="utf-8")
    assert "value: 35 TB" in text and "~350 GB\n" not in text


QUANTITIES = "scale:\n  quantities:\n    - {name: dau, value: 200M users, rationale: given}\n"


def test_an_unknown_name_points_at_its_column(check_text):
    text = with_header(
        QUANTITIES + "    - {name: loads, value: 1B loads/day, formula: dau * sesions_per_user}\n"
    )
    [finding] = [f for f in check_text(text) if f.code == "DL501"]
    line = text.splitlines()[finding.position.line - 1]
    assert line[finding.position.column - 1 :].startswith("sesions_per_user")
    assert finding.hint is None or "did you mean" in finding.hint


def test_a_syntax_error_in_a_quoted_formula_points_inside_the_quotes(check_text):
    text = with_header(QUANTITIES + "    - name: loads\n      formula: \"dau * __import__('os')\"\n")
    [finding] = [f for f in check_text(text) if f.code == "DL500"]
    line = text.splitlines()[finding.position.line - 1]
    assert line[finding.position.column - 1 :].startswith("__import__")
    assert "unknown function '__import__'" in finding.message


def test_cycles_are_reported_once(check_text):
    text = with_header("""scale:
  quantities:
    - {name: a, value: 2, formula: b * 2}
    - {name: b, value: 1, formula: c / 2}
    - {name: c, value: 2, formula: a}
    - {name: d, value: 4, formula: d}
""")
    messages = sorted(f.message for f in check_text(text) if f.code == "DL502")
    assert messages == [
        "formulas refer to each other in a cycle: a -> b -> c -> a",
        "formulas refer to each other in a cycle: d -> d",
    ]


@pytest.mark.parametrize(
    ("stated", "formula", "code"),
    [
        ("2 Tb/day", "uploads * size", "DL503"),  # bits for bytes: off by 8
        ("16 Tb/day", "uploads * size", None),  # bits convert to bytes
        ("2 TB/day", "uploads * size", None),
        ("~2 TB/day", "uploads * size * 1.08", None),  # within 10%
        ("2 TB/day", "uploads * size * 1.08", "DL503"),  # beyond 1%
        ("1.9-2.1 TB/day", "uploads * size", None),
        ("<1 TB/day", "uploads * size", "DL503"),
        ("2 TB", "uploads * size", "DL504"),  # an amount against a rate
        ("23.1K uploads/s", "uploads / (86400 s/day)", "DL503"),
    ],
)
def test_stated_against_recomputed(check_text, stated, formula, code):
    text = with_header(f"""scale:
  quantities:
    - {{name: uploads, value: 1M uploads/day, rationale: measured}}
    - {{name: size, value: 2 MB/upload, rationale: measured}}
    - {{name: result, value: "{stated}", formula: "{formula}"}}
""")
    found = {f.code for f in check_text(text) if f.code in ("DL503", "DL504")}
    assert found == ({code} if code else set())


def test_a_per_day_rate_divided_by_a_plain_86400_is_called_out(check_text):
    text = with_header(
        QUANTITIES
        + """    - {name: loads_per_day, value: 1B loads/day, rationale: five loads a day}
    - {name: loads_per_s, value: ~11.6K loads/s, formula: loads_per_day / 86400}
"""
    )
    [finding] = [f for f in check_text(text) if f.code == "DL503"]
    assert "86,400" in finding.hint and "86400 s/day" in finding.hint


def test_month_conventions_must_be_declared_when_mixed(check_text):
    mixed = with_header("""slos:
  - {id: api, sli: good / all, objective: 99.9%, window: 30 d, errorBudget: 43.2 min}
cost:
  items:
    - {name: Database, quantity: 1 node, unitPrice: $0.48/node/hour, monthly: $350/month}
""")
    assert "DL507" in {f.code for f in check_text(mixed)}
    declared = mixed.replace("cost:\n", "cost:\n  hoursPerMonth: 730 h\n")
    assert "DL507" not in {f.code for f in check_text(declared)}
    contradicting = (
        declared + "scale:\n  quantities:\n    - {name: m, value: 720 h, formula: 30 day/month * 1 month}\n"
    )
    assert "DL507" in {f.code for f in check_text(contradicting)}


BLAME = """scale:
  quantities:
    - {{name: loads_per_day, value: 1B loads/day, rationale: 200M users x 5 loads a day}}
    - {{name: average, value: {average}, {source}}}
    - {{name: peak, value: {peak}, formula: average * 3}}
    - {{name: fleet, value: {fleet}, formula: "ceil(peak / (10K {per_node}))"}}
"""
FORMULA = "formula: loads_per_day / (86400 s/day)"
RATIONALE = 'rationale: "1B / 86,400 s"'


def blame_text(average: str, source: str, peak: str, fleet: str) -> str:
    per_node = "loads/s/node" if "loads" in average else "/s/node"  # "120K/s" names no count
    return with_header(
        BLAME.format(average=average, source=source, peak=peak, fleet=fleet, per_node=per_node)
    )


@pytest.mark.parametrize(
    ("average", "source", "peak", "fleet", "blamed"),
    [
        # The average is wrong; the peak and fleet follow the right arithmetic: only the average.
        ("120K loads/s", FORMULA, "~35K loads/s", "4 nodes", ["average"]),
        ("120K/s", RATIONALE, "~35K/s", "4 nodes", ["average"]),  # arithmetic written as the rationale
        # The wrong average carried into the peak: the peak is wrong too, against the corrected one.
        # Every later number is judged from the corrected ones, so each wrong one is named once.
        ("120K loads/s", FORMULA, "360K loads/s", "36 nodes", ["average", "peak", "fleet"]),
        ("120K loads/s", FORMULA, "360K loads/s", "4 nodes", ["average", "peak"]),
        # A right average and a wrong peak: the peak alone, and the fleet built on it is judged from
        # the corrected peak.
        ("~11.6K loads/s", FORMULA, "~350K loads/s", "4 nodes", ["peak"]),
        ("~11.6K/s", RATIONALE, "~35K/s", "4 nodes", []),
        ("~11.6K loads/s", FORMULA, "~35K loads/s", "4 nodes", []),
    ],
)
def test_a_slip_is_blamed_on_the_earliest_wrong_value(check_text, average, source, peak, fleet, blamed):
    findings = [f for f in check_text(blame_text(average, source, peak, fleet)) if f.code == "DL503"]
    assert [f.message.split("'")[1] for f in findings] == blamed


def test_a_downstream_finding_names_the_corrected_input(check_text):
    text = blame_text("120K loads/s", FORMULA, "360K loads/s", "4 nodes")
    [_, peak] = [f for f in check_text(text) if f.code == "DL503"]
    assert "'average' at its recomputed ~11.6K loads/s rather than its stated 120K loads/s" in peak.message


@pytest.mark.parametrize(
    "rationale",
    [
        "A typical daily user opens the app about five times.",
        "0.1% of 8,760 hours is 8.76 hours",
        "5",  # a number, not arithmetic
        "loads_per_day / 86400",  # names a quantity: a formula belongs in formula
        "1B bytes / 86,400 s",  # bytes against a rate of loads: loose units in prose are not judged
    ],
)
def test_a_rationale_in_words_is_not_read_as_arithmetic(check_text, rationale):
    text = blame_text("120K/s", f'rationale: "{rationale}"', "360K/s", "36 nodes")
    assert [f for f in check_text(text) if f.code in ("DL503", "DL504", "DL500")] == []
