"""No output designlint prints can make a CI runner execute a workflow command it did not mean to.

GitHub Actions executes ``::command::`` at the start of a line (after white space) and ``##[command]``
anywhere in one; Azure Pipelines ``##vso[...]``. Design text (file names, keys, values) reaches
every format, so each is checked with designs built to inject commands, and each must still say
the same thing to its own reader (JSON and XML parsers get the original text back).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designlint.reporters import ci_log
from designlint.reporters.junit import xml_text
from tests.conftest import DESIGNS
from tests.growth import assert_near_linear

# A file name and a key that try every way in: a new line, leading white space, both syntaxes.
INJECTION = (
    "x\n  ::add-mask::secret\r::stop-commands::pwn\u2028::error::y ##[set-output name=a;]b ##vso[task.x]c"
)
FILE_NAMES = ("::error file=x::pwned.yaml", "a\n::add-mask::secret ##[set-output name=a;]b.yaml")
BODY = "apiVersion: designlint/v1\nkind: Design\nmetadata: {name: x}\n" + json.dumps(INJECTION) + ": 1\n"
# Annotations on a finding, and the one notice that points at the job summary when GitHub would drop some.
OWN_ANNOTATION = re.compile(r"::((error|warning|notice) file=[^:]*|notice title=designlint)::")


def commands(output: str) -> list[str]:
    """The lines a runner would execute as commands (it splits lines at \\r and \\n)."""
    found = []
    for line in re.split(r"\r\n|\r|\n", output):
        stripped = line.lstrip()  # Python's white space covers .NET's TrimStart
        line_start = stripped.startswith("::") and stripped.find("::", 2) > 0
        if line_start or re.search(r"##\[[^\]]*\]|##vso\[", line, re.IGNORECASE):
            found.append(line)
    return found


@pytest.fixture
def hostile(workdir):
    for name in FILE_NAMES:
        (workdir / name).write_text(BODY, encoding="utf-8")
    return workdir


@pytest.mark.parametrize("output_format", ["text", "json", "junit", "sarif"])
def test_check_reports_carry_no_command(hostile, run, output_format):
    code, out, err = run("check", ".", "--no-cache", "--format", output_format)
    assert code == 1, err
    assert commands(out) == [] and commands(err) == []
    if output_format == "json":
        assert set(json.loads(out)["files"]) == set(FILE_NAMES)
    if output_format == "junit":
        suites = {suite.get("name") for suite in ET.fromstring(out.split("\n", 1)[1])}
        assert any("::add-mask::secret ##[set-output" in name for name in suites), suites
    if output_format == "sarif":
        texts = json.dumps(json.loads(out))  # parsed and dumped again: the escapes were only escapes
        assert "##[set-output name=a;]b" in texts


def test_the_json_report_reads_back_the_original_text(hostile, run):
    _, out, _ = run("check", ".", "--no-cache", "--format", "json")
    assert "##\\u005b" in out  # escaped on the line, as JSON allows
    assert "##[" not in out
    findings = json.loads(out)["findings"]
    assert {finding["file"] for finding in findings} == set(FILE_NAMES)


def test_github_annotations_are_only_designlints_own(hostile, run):
    _, out, _ = run("check", ".", "--no-cache", "--format", "github")
    executed = commands(out)
    assert executed and all(OWN_ANNOTATION.match(line) for line in executed), executed


def test_diff_score_and_calc_carry_no_command(workdir, run):
    base = workdir / "::add-mask::base ##[set-output name=a;]b.yaml"
    head = workdir / "::error::head.yaml"
    newsfeed = (DESIGNS / "newsfeed.yaml").read_text(encoding="utf-8")
    base.write_text(newsfeed, encoding="utf-8")
    head.write_text(
        newsfeed.replace("name: newsfeed", "name: newsfeed\n  summary: |\n    ::add-mask::summary\n", 1)
        + "\n",
        encoding="utf-8",
    )
    outputs = []
    for output_format in ("text", "markdown", "json"):
        outputs.append(run("diff", base.name, head.name, "--format", output_format))
        outputs.append(run("score", base.name, "--format", output_format))
    for output_format in ("text", "json"):
        outputs.append(run("calc", base.name, "--format", output_format))
    for _code, out, err in outputs:
        assert out, err
        assert commands(out) == [] and commands(err) == [], out


def test_warnings_and_errors_on_standard_error_carry_no_command(workdir, run):
    code, _, err = run("check", "::add-mask::missing ##[set-output name=a;]b.yaml")
    assert code == 2 and "no such file or folder" in err
    assert commands(err) == []


@pytest.mark.parametrize("escapes", [ci_log.TEXT, ci_log.JSON, ci_log.XML, ci_log.MARKDOWN])
def test_a_line_that_is_no_command_is_left_alone(escapes):
    for line in ("a::b::c", "file.yaml:1:2: warning DL101 x", "# heading", "## [link]", "#[x]"):
        assert ci_log.defuse(line, escapes) == line


PIECES = st.sampled_from(
    [
        "::",
        ":",
        "##[",
        "##vso[",
        "##VSO[",
        "#",
        "[",
        "]",
        " ",
        "\t",
        "\n",
        "\r",
        "\u2028",
        "\u200b",
        "\ufeff",
        "x",
        "error",
        "add-mask",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=30).map("".join))
def test_any_text_defused_holds_no_command(text):
    for escapes in (ci_log.TEXT, ci_log.JSON, ci_log.XML, ci_log.MARKDOWN):
        assert commands(ci_log.defuse(text, escapes)) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_json_and_xml_escapes_give_back_the_same_text(value):
    encoded = json.dumps({"value": value}, ensure_ascii=False)
    assert json.loads(ci_log.defuse(encoded, ci_log.JSON)) == {"value": value}
    value = xml_text(value)  # what XML can carry at all, as the JUnit report keeps it
    element = ET.Element("a", name=value)
    element.text = value
    document = ET.tostring(element, encoding="unicode")
    plain, defused = ET.fromstring(document), ET.fromstring(ci_log.defuse(document, ci_log.XML))
    assert (defused.get("name"), defused.text) == (plain.get("name"), plain.text)


def test_defusing_is_linear_in_the_output():
    def defusing(size: int):
        text = ("\n" + " " * 5 + "::x::") * size + " " * size * 10 + "##[" * size
        return lambda: ci_log.defuse(text, ci_log.TEXT)

    assert_near_linear(defusing(50_000), defusing(200_000), runs=3)
