"""GitHub workflow commands: one annotation per finding, escaped so untrusted text cannot break out."""

from __future__ import annotations

import re

import pytest

from designlint.reporters.github import escape_data, escape_property

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")
HOSTILE_KEY = "50%,done:\r\n::error file=evil.yaml,line=1::pwned%0A\x1b[31m"
HOSTILE_BODY = '"50%,done:\\r\\n::error file=evil.yaml,line=1::pwned%0A\\e[31m": 1\n'


def unescape(text: str) -> str:
    """What the Actions runner does to command properties and data (%25 last, as it does)."""
    for escaped, raw in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(escaped, raw)
    return text


def annotations(out: str) -> list[tuple[str, dict[str, str], str]]:
    lines = out.splitlines()
    assert not lines[-1].startswith("::")  # the closing summary is a plain log line
    parsed = []
    for line in lines[:-1]:
        match = COMMAND.match(line)
        assert match, line
        pairs = [pair.split("=", 1) for pair in match[2].split(",")]
        parsed.append((match[1], {key: unescape(value) for key, value in pairs}, unescape(match[3])))
    return parsed


@pytest.mark.parametrize(
    ("raw", "data", "prop"),
    [
        ("plain", "plain", "plain"),
        ("100%", "100%25", "100%25"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("k: v, w", "k: v, w", "k%3A v%2C w"),
        ("%0A", "%250A", "%250A"),
        ("::error::x", "::error::x", "%3A%3Aerror%3A%3Ax"),
    ],
)
def test_escaping_follows_the_runner(raw, data, prop):
    assert escape_data(raw) == data
    assert escape_property(raw) == prop
    assert unescape(prop) == raw


def test_hostile_message_stays_one_annotation(run, design):
    design("designs/evil.yaml", HOSTILE_BODY)
    code, out, _ = run("check", "--format", "github", "--select", "DL010", "designs/evil.yaml")
    assert code == 1
    [(command, properties, message)] = annotations(out)
    assert command == "error"
    assert properties == {"file": "designs/evil.yaml", "line": "4", "col": "1", "title": "DL010 unknown-key"}
    # Everything survives the round trip except the terminal escape, which is shown as '?'.
    assert message.startswith("unknown key '" + HOSTILE_KEY.replace("\x1b", "?") + "'")
    assert "\x1b" not in out


def test_hostile_file_name_is_escaped_as_a_property(run, design):
    design("odd,name:v2.yaml")
    code, out, _ = run("check", "--format", "github", "--select", "DL010", "odd,name:v2.yaml")
    assert code == 1
    assert out.startswith(
        "::error file=odd%2Cname%3Av2.yaml,line=4,col=1,title=DL010 unknown-key::unknown key 'bogus'"
    )
    [(_, properties, _)] = annotations(out)
    assert properties["file"] == "odd,name:v2.yaml"


def test_severities_map_to_commands(run, design):
    # A failure scenario without a blast radius adds an info finding (a notice) to the warnings.
    design("thin.yaml", "failureScenarios:\n  - {id: db-down, component: db, degradation: serve the cache}\n")
    code, out, _ = run("check", "--format", "github", "thin.yaml")
    assert code == 1
    commands = {command for command, _, _ in annotations(out)}
    assert commands <= {"error", "warning", "notice"} and {"warning", "notice"} <= commands


def test_clean_design_prints_only_the_summary(run, design):
    design("thin.yaml", "")
    code, out, _ = run("check", "--format", "github", "--select", "DL010", "thin.yaml")
    assert code == 0
    assert out == "All clear: 1 file checked, no findings.\n"


def test_job_summary_lists_every_finding_when_annotations_would_be_truncated(
    run, design, monkeypatch, tmp_path
):
    summary_file = tmp_path / "step-summary.md"
    summary_file.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    design("a.yaml", "")
    design("b|<b>*.yaml", "")  # the file name reaches a table cell: it must not break the table
    code, out, _ = run("check", "--format", "github", "a.yaml", "b|<b>*.yaml")
    assert code == 1
    lines = out.splitlines()
    commands = [line for line in lines if line.startswith("::")]
    findings = [line for line in commands if not line.startswith("::notice title=designlint::")]
    (notice,) = [line for line in commands if line.startswith("::notice title=designlint::")]
    assert "job summary" in notice and f"{len(findings)} findings" in notice
    text = summary_file.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n")  # appended, never replacing other steps' summaries
    rows = [row for row in text.splitlines() if row.startswith("| ") and "---" not in row][1:]
    assert len(rows) == len(findings) > 10
    assert all(row.count(" | ") == 4 for row in rows)
    assert any("b\\|&lt;b&gt;\\*.yaml" in row for row in rows)


def test_no_job_summary_when_every_annotation_is_shown(run, design, monkeypatch, tmp_path):
    summary_file = tmp_path / "step-summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary_file))
    design("a.yaml", "")
    _, out, _ = run("check", "--format", "github", "a.yaml")
    assert "::notice title=designlint::" not in out
    assert not summary_file.exists()
