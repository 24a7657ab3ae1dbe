"""JUnit XML, which every CI system shows as a test report: a suite per file, a test case per rule."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

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


def _suite(result, enabled: tuple[str, ...], ruleset, fails) -> ET.Element:
    by_code: dict[str, list] = {}
    for finding in result.findings:
        by_code.setdefault(finding.code, []).append(finding)
    rules = getattr(ruleset, "rules", {}) or {}
    names = {code: rules[code].name for code in enabled if code in rules}
    names.update({code: found[0].name for code, found in by_code.items()})
    suite = ET.Element("testsuite", name=xml_text(result.file))
    failures = 0
    # Findings of rules not listed as enabled (internal errors, load errors) still get a case.
    for code in sorted(names):
        case = ET.SubElement(
            suite, "testcase", classname=xml_text(result.file), name=xml_text(f"{code} {names[code]}")
        )
        failing = [f for f in by_code.get(code, ()) if fails(f)]
        passing = [f for f in by_code.get(code, ()) if not fails(f)]
        if failing:
            _failure(case, failing)
            failures += 1
        if passing:
            _below_threshold(case, passing)
    suite.set("tests", str(len(names)))
    suite.set("failures", str(failures))
    suite.set("errors", "0")
    suite.set("skipped", "0")
    return suite


def render(report: Report) -> str:
    root = ET.Element("testsuites", name="designlint")
    for result in report.results:
        root.append(_suite(result, report.enabled.get(result.file, ()), report.ruleset, report.fails))
    for total in ("tests", "failures", "errors"):
        root.set(total, str(sum(int(suite.attrib[total]) for suite in root)))
    ET.indent(root)
    document = '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
    # CI systems print the report; character references keep its text while no line is a command.
    return defuse(document, XML)
