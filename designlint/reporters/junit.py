"""JUnit XML, which every CI system shows as a test report: a suite per file, a test case per rule."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from typing import NamedTuple

from designlint.reporters import Report, message_with_hint
from designlint.reporters.ci_log import XML, defuse

# Characters XML 1.0 cannot carry at all, not even escaped.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _failure(case: ET.Element, findings: list) -> None:
    first = findings[0]
    summary = first.message if len(findings) == 1 else f"{len(findings)} findings; first: {first.message}"
    details = _details(findings)
    failure = ET.SubElement(
        case, "failure", message=xml_text(summary), type=xml_text(f"{first.code} {first.name}")
    )
    failure.text = xml_text(details)


def _details(findings: list) -> str:
    return "\n".join(
        f"{f.file}:{f.position}: {f.severity.value} {f.code} {message_with_hint(f)}" for f in findings
    )


def _below_threshold(case: ET.Element, findings: list) -> None:
    # Reported, but not a failure: the run's exit code does not count them either (--fail-on).
    out = ET.SubElement(case, "system-out")
    out.text = xml_text(f"below --fail-on; not a failure:\n{_details(findings)}")


class Case(NamedTuple):
    """One rule's test case in a file's suite: its findings that fail the run, and the others."""

    code: str
    name: str
    failing: list
    passing: list


def _cases(result, enabled: tuple[str, ...], ruleset, fails) -> list[Case]:
    by_code: dict[str, list] = {}
    for finding in result.findings:
        by_code.setdefault(finding.code, []).append(finding)
    rules = getattr(ruleset, "rules", {}) or {}
    names = {code: rules[code].name for code in enabled if code in rules}
    names.update({code: found[0].name for code, found in by_code.items()})
    # Findings of rules not listed as enabled (internal errors, load errors) still get a case.
    return [
        Case(
            code,
            names[code],
            [f for f in by_code.get(code, ()) if fails(f)],
            [f for f in by_code.get(code, ()) if not fails(f)],
        )
        for code in sorted(names)
    ]


def _suite(file: str, cases: list[Case]) -> ET.Element:
    suite = ET.Element("testsuite", name=xml_text(file))
    for case in cases:
        element = ET.SubElement(
            suite, "testcase", classname=xml_text(file), name=xml_text(f"{case.code} {case.name}")
        )
        if case.failing:
            _failure(element, case.failing)
        if case.passing:
            _below_threshold(element, case.passing)
    suite.set("tests", str(len(cases)))
    suite.set("failures", str(sum(1 for case in cases if case.failing)))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    return suite


def render(report: Report) -> str:
    return "".join(render_chunks(report))


def render_chunks(report: Report) -> Iterator[str]:
    """The document ``ET.indent`` and ``ET.tostring`` give for the whole tree, a suite at a time, in
    pieces of whole lines. The totals on the root come first, so they are counted beforehand."""
    tests = failures = 0
    for result in report.results:
        cases = _cases(result, report.enabled.get(result.file, ()), report.ruleset, report.fails)
        tests += len(cases)
        failures += sum(1 for case in cases if case.failing)
    root = ET.Element("testsuites", name="designlint", tests=str(tests), failures=str(failures), errors="0")
    declaration = '<?xml version="1.0" encoding="UTF-8"?>\n'
    if not report.results:
        yield defuse(declaration + ET.tostring(root, encoding="unicode") + "\n", XML)
        return
    root.text = _INDENT
    shell = ET.tostring(root, encoding="unicode")  # <testsuites ...>\n  </testsuites>
    end_tag = "</testsuites>"
    pending = declaration + shell[: -len(end_tag)]
    last = len(report.results) - 1
    for number, result in enumerate(report.results):
        suite = _suite(
            result.file, _cases(result, report.enabled.get(result.file, ()), report.ruleset, report.fails)
        )
        ET.indent(suite, level=1)
        suite.tail = "\n" if number == last else _INDENT
        # CI systems print the report; character references keep its text while no line is a command.
        text = pending + ET.tostring(suite, encoding="unicode")
        cut = text.rindex("\n") + 1
        yield defuse(text[:cut], XML)
        pending = text[cut:]
    yield defuse(pending + end_tag + "\n", XML)


_INDENT = "\n  "  # before each suite, as ET.indent puts it
