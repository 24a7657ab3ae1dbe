"""A report written in pieces is byte for byte the document built whole, whatever its results hold.

``check`` writes JSON, SARIF and text a few results at a time; the whole-document builders
(the SARIF log as one value, and the JSON document as a mapping dumped key by key) are the
reference. Cases cover hostile file names and keys (escaped workflow commands), no findings,
results out of path order, the same file twice (SARIF numbers identical findings across them)
and a baseline count.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter

import pytest

from bench.generate import write_corpus
from designlint.engine.discovery import discover
from designlint.engine.parallel import check_files
from designlint.engine.runner import FileResult
from designlint.engine.session import CheckSession, Overrides
from designlint.fileio import write_atomic
from designlint.reporters import Report, github, json_report, junit, repository_path, sarif, text
from designlint.reporters.ci_log import JSON, XML, defuse
from tests.reporters.test_ci_log import BODY, FILE_NAMES


@pytest.fixture(scope="module")
def checked(tmp_path_factory):
    folder = tmp_path_factory.mktemp("designs")
    write_corpus(6, folder, 5)
    for name in FILE_NAMES:
        (folder / name).write_text(BODY, encoding="utf-8")
    files = discover([str(folder)])
    session = CheckSession(keep_designs=False)
    store = check_files(Overrides(), files, jobs=1, use_cache=False, session=session).results
    ruleset = session.engine_for(files[0][0]).ruleset
    return store, ruleset


def whole_json(report) -> str:
    """The JSON report as one mapping, each key dumped in turn (the layout of ``json_report``)."""
    findings = [json_report.finding_dict(f) for f in report.findings]
    counts = {s: sum(1 for f in findings if f["severity"] == s) for s in ("error", "warning", "info")}
    document = {
        "tool": {"name": "designlint", "version": report.version},
        "files": [r.file for r in report.results],
        "findings": findings,
        "suppressed": sum(len(r.suppressed) for r in report.results),
        "baselined": report.baselined,
        "summary": {"files": len(report.results), "findings": len(findings), **counts},
    }

    def compact(value: object) -> str:
        return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(", ", ": "))

    lines = []
    for key in sorted(document):
        value = document[key]
        if key in ("findings", "files") and value:
            items = ",\n".join(f"    {compact(item)}" for item in value)
            lines.append(f"  {json.dumps(key)}: [\n{items}\n  ]")
        else:
            lines.append(f"  {json.dumps(key)}: {compact(value)}")
    return defuse("{\n" + ",\n".join(lines) + "\n}\n", JSON)


def whole_sarif(report) -> str:
    return defuse(
        json.dumps(sarif.sarif_log(report), indent=2, sort_keys=True, ensure_ascii=False) + "\n", JSON
    )


def whole_text(report) -> str:
    """Every finding, then the summary counted over all the findings at once."""
    rules = report.ruleset.rules
    listed = [
        text._chunk(text._finding_lines(f, r, rules, report)) for r in report.results for f in r.findings
    ]
    findings = report.findings
    files = len(report.results)
    noun = "file" if files == 1 else "files"
    if not findings:
        summary = f"All clear: {files} {noun} checked, no findings."
    else:
        counts = Counter(f.severity.value for f in findings)
        parts = [
            f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}"
            for s in ("error", "warning", "info")
            if counts[s]
        ]
        suppressed = sum(len(r.suppressed) for r in report.results)
        tail = f", {suppressed} suppressed" if suppressed else ""
        tail += f", {report.baselined} in baseline" if report.baselined else ""
        summary = f"Found {len(findings)} findings ({', '.join(parts)}{tail}) in {files} {noun} checked."
    if not findings and report.baselined:
        summary = f"All clear: {files} {noun} checked, no new findings ({report.baselined} in baseline)."
    return "".join(listed) + text._chunk([summary])


def whole_junit(report) -> str:
    """The JUnit tree built whole, indented and written at once."""
    root = ET.Element("testsuites", name="designlint")
    for result in report.results:
        cases = junit._cases(result, report.enabled.get(result.file, ()), report.ruleset, report.fails)
        root.append(junit._suite(result.file, cases))
    for total in ("tests", "failures", "errors"):
        root.set(total, str(sum(int(suite.attrib[total]) for suite in root)))
    ET.indent(root)
    document = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    return defuse(document, XML)


def whole_github(report) -> str:
    """Every finding sorted at once, annotated."""
    findings = sorted(report.findings, key=lambda f: (repository_path(f.file), *f.sort_key()))
    out = "".join(github.annotation(f) + "\n" for f in findings)
    if github.truncated(findings):
        out += (
            f"::notice title=designlint::{len(findings)} findings; GitHub shows at most "
            f"{github.SHOWN_PER_LEVEL} annotations of each level per step, so some are not annotated: "
            "run 'designlint check' for the full list\n"
        )
    return out + text.summary(report) + "\n"


STREAMED = {
    "github": (github.render_chunks, whole_github),
    "junit": (junit.render_chunks, whole_junit),
    "json": (json_report.render_chunks, whole_json),
    "sarif": (sarif.render_chunks, whole_sarif),
    "text": (text.render_chunks, whole_text),
}

CASES = {
    "as checked": lambda store, codes: {"results": store},
    "as a list": lambda store, codes: {"results": list(store)},
    "no results": lambda store, codes: {"results": []},
    "no findings": lambda store, codes: {
        "results": [FileResult("clean.yaml"), FileResult("also clean.yaml")]
    },
    "out of path order": lambda store, codes: {"results": list(reversed(store))},
    "the same file twice": lambda store, codes: {"results": [*store, *store]},
    "with a baseline": lambda store, codes: {"results": store, "baselined": 3},
    "with every rule enabled": lambda store, codes: {
        "results": store,
        "enabled": dict.fromkeys(store.files, codes),
    },
}


@pytest.mark.parametrize("output_format", sorted(STREAMED))
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_streamed_report_is_the_whole_document(checked, output_format, case, monkeypatch):
    monkeypatch.delenv(github.SUMMARY_ENV, raising=False)
    store, ruleset = checked
    report = Report(ruleset=ruleset, version="t", **CASES[case](store, tuple(sorted(ruleset.rules))))
    streamed, whole = STREAMED[output_format]
    chunks = list(streamed(report))
    assert all(chunk.endswith("\n") for chunk in chunks)  # whole lines: escaping piece by piece is exact
    assert "".join(chunks) == whole(report)


def test_the_cases_hold_what_they_claim(checked):
    store, _ = checked
    assert any(f.related for r in store for f in r.findings)
    assert any(set(r.file) & {"\n", ":"} for r in store)
    assert sum(1 for r in store for f in r.findings) > github.SHOWN_PER_LEVEL  # the notice is written


def test_a_report_written_in_pieces_replaces_its_file_whole_or_not_at_all(tmp_path):
    target = tmp_path / "report.json"
    target.write_text("before\n", encoding="utf-8")

    def failing():
        yield "half a report\n"
        raise RuntimeError("a reporter failed")

    with pytest.raises(RuntimeError):
        write_atomic(target, failing())
    assert target.read_text(encoding="utf-8") == "before\n"
    assert list(tmp_path.iterdir()) == [target]
    write_atomic(target, iter(["one\n", "two\n"]))
    assert target.read_text(encoding="utf-8") == "one\ntwo\n"
