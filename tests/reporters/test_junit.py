"""JUnit XML: a suite per file, a case per enabled rule, well-formed whatever the designs contain."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from designlint.reporters.junit import xml_text
from designlint.rulepacks.registry import load_ruleset

# Control characters XML 1.0 cannot carry, markup characters and a CDATA terminator.
HOSTILE_BODY = '"\\x01\\x08\\x0b\\x1f<tag attr=\\"&amp;\\">]]>\\uffff": 1\nbogus: 2\n'


SCENARIO = (
    "architecture:\n  components:\n    - {id: db, name: DB, kind: database}\n"
    "failureScenarios:\n  - {id: db-down, component: db, degradation: serve the cache}\n"
)


def junit(run, *argv) -> tuple[int, ET.Element]:
    code, out, _ = run("check", "--format", "junit", *argv)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return code, ET.fromstring(out.encode("utf-8"))


def test_one_suite_per_file_and_one_case_per_enabled_rule(run, design):
    design("designs/a.yaml")
    design("designs/b.yaml", "")
    code, root = junit(run, "--ignore", "DL4", "designs")
    assert code == 1
    # Opt-in preset rules (dormant) are not enabled, so they get no case.
    expected = sorted(
        f"{r.code} {r.name}" for r in load_ruleset() if not r.dormant and not r.code.startswith("DL4")
    )
    suites = root.findall("testsuite")
    assert [suite.get("name") for suite in suites] == ["designs/a.yaml", "designs/b.yaml"]
    for suite in suites:
        cases = suite.findall("testcase")
        assert [case.get("name") for case in cases] == expected
        assert {case.get("classname") for case in cases} == {suite.get("name")}
        assert suite.get("tests") == str(len(expected))
        assert suite.get("failures") == str(len(suite.findall("testcase/failure")))
    assert root.get("tests") == str(2 * len(expected))


def test_findings_are_failures_with_message_and_position(run, design):
    design("a.yaml", "bogus: 1\nother: 2\n")
    code, root = junit(run, "--select", "DL010", "a.yaml")
    assert code == 1
    (suite,) = root.findall("testsuite")
    (case,) = [case for case in suite.findall("testcase") if case.find("failure") is not None]
    assert case.get("name") == "DL010 unknown-key"
    failure = case.find("failure")
    assert failure.get("message") == "2 findings; first: unknown key 'bogus'"
    assert "a.yaml:4:1: error DL010 unknown key 'bogus'" in failure.text
    assert "a.yaml:5:1: error DL010 unknown key 'other'" in failure.text
    assert suite.get("failures") == "1" and root.get("failures") == "1"


def test_hostile_text_still_gives_well_formed_xml(run, design):
    design("evil.yaml", HOSTILE_BODY)
    code, root = junit(run, "evil.yaml")
    assert code == 1
    failure = root.find("testsuite/testcase/failure")
    assert failure is not None
    assert '<tag attr="&amp;">]]>' in failure.text
    assert not any(ch in failure.text for ch in "\x01\x08\x0b\x1f\uffff")


def test_clean_file_passes_every_case(run, design):
    design("thin.yaml", "")
    code, root = junit(run, "--select", "DL01", "thin.yaml")
    assert code == 0
    assert root.get("failures") == "0"
    assert [case.get("name")[:5] for case in root.iter("testcase")] == [
        "DL010",
        "DL011",
        "DL012",
        "DL013",
        "DL014",
        "DL015",
    ]


def test_xml_text_keeps_what_xml_allows():
    assert xml_text("tab\tnew\nline\r é 😀 \x00\x07\ud800\ufffe") == "tab\tnew\nline\r é 😀 "


def test_failures_agree_with_fail_on(run, design):
    # A failure scenario without a blast radius gives warnings and infos only: no failure at
    # --fail-on error, as the exit code says.
    design("a.yaml", SCENARIO)
    code, root = junit(run, "--fail-on", "error", "a.yaml")
    assert code == 0
    assert root.get("failures") == "0" and root.find(".//failure") is None
    shown = [case for case in root.iter("testcase") if case.find("system-out") is not None]
    assert shown, "findings below the threshold are still reported"
    assert all("below --fail-on" in case.find("system-out").text for case in shown)

    code, root = junit(run, "--fail-on", "warning", "a.yaml")
    assert code == 1
    failures = root.findall(".//failure")
    assert failures and root.get("failures") == str(len(failures))
    assert all(" info " not in failure.text for failure in failures)
    infos = [
        case
        for case in root.iter("testcase")
        if " info " in (getattr(case.find("system-out"), "text", "") or "")
    ]
    assert infos and all(case.find("failure") is None for case in infos)

    code, root = junit(run, "--fail-on", "info", "a.yaml")
    assert code == 1 and root.find(".//system-out") is None
