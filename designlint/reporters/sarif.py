"""SARIF 2.1.0, the format code-scanning services read: one run, rule metadata, stable fingerprints."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from json.encoder import encode_basestring
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import quote

from designlint.engine.baseline import document_path
from designlint.findings import Finding, Severity, format_path
from designlint.reporters import Report, in_path_order, message_with_hint, repository_paths
from designlint.reporters.ci_log import JSON, defuse
from designlint.rulepacks.model import DIMENSIONS

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
# GitHub's code scanning reads this property (0.0-10.0) to rank security alerts.
_SECURITY_SEVERITY = {Severity.ERROR: "7.0", Severity.WARNING: "5.0", Severity.INFO: "2.0"}
SECURITY_DIMENSION = "H"
# Versioned, so a change of recipe shows up as a new key instead of silently re-keying every alert.
FINGERPRINT_KEY = "designlintFindingIdentity/v1"
_LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _help_text(compiled) -> str:
    docs = compiled.rule.docs
    parts = [docs.what.strip(), "", docs.why.strip()]
    if docs.fix:
        parts += ["", f"How to fix: {docs.fix.strip()}"]
    return "\n".join(parts)


def dimension_tag(letter: str) -> str:
    """A checklist dimension as a tag: "Failure & incident thinking" -> "failure-and-incident-thinking"."""
    words = DIMENSIONS[letter].lower().replace("&", " and ").replace(",", " ").split()
    return "-".join(words)


def rule_url(code: str, site_url: str | None) -> str | None:
    """The rule's page on the team's published site, or None when no site is configured."""
    return f"{site_url.rstrip('/')}/rules/{quote(code)}/" if site_url else None


def rule_descriptor(code: str, name: str, compiled, site_url: str | None = None) -> dict:
    """SARIF reportingDescriptor; codes the rule set does not know (internal errors) get the bare minimum."""
    descriptor: dict = {"id": code, "name": name}
    url = rule_url(code, site_url)
    if url:
        descriptor["helpUri"] = url
    if compiled is None:
        descriptor["shortDescription"] = {"text": name.replace("-", " ")}
        descriptor["defaultConfiguration"] = {"level": "error"}
        return descriptor
    from designlint.rulepacks.docs import rule_markdown

    rule = compiled.rule
    properties: dict = {"tags": [dimension_tag(letter) for letter in rule.dimensions]}
    if SECURITY_DIMENSION in rule.dimensions:
        properties["security-severity"] = _SECURITY_SEVERITY[compiled.severity]
        properties["tags"].append("security")
    descriptor.update(
        {
            "shortDescription": {"text": rule.message},
            "fullDescription": {"text": rule.docs.what.strip()},
            "help": {"text": _help_text(compiled), "markdown": rule_markdown(compiled)},
            "defaultConfiguration": {"level": _LEVELS[compiled.severity]},
            "properties": properties,
        }
    )
    if rule.help_uri:
        descriptor["helpUri"] = str(rule.help_uri)
    return descriptor


def fingerprint(finding: Finding, path: str) -> str:
    """File, document path and code (no line numbers), so an alert keeps its identity across edits."""
    identity = "\0".join((path, document_path(finding), finding.code))
    return hashlib.sha256(identity.encode("utf-8")).hexdigest()[:32]


def artifact_location(path: str) -> dict:
    """A repository-relative path under %SRCROOT%; a file outside the working directory by file URI."""
    if PurePosixPath(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path, safe="/"), "uriBaseId": "%SRCROOT%"}


def _result(finding: Finding, rule_index: int, path: str, occurrence: int) -> dict:
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVELS[finding.severity],
        "message": {"text": message_with_hint(finding)},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(path),
                    "region": {
                        "startLine": max(finding.position.line, 1),
                        "startColumn": max(finding.position.column, 1),
                    },
                },
                "logicalLocations": [{"fullyQualifiedName": document_path(finding), "kind": "element"}],
            }
        ],
        **_related_locations(finding, path),
        # The occurrence number keeps same-place findings apart, as GitHub's own fingerprints do.
        "partialFingerprints": {FINGERPRINT_KEY: f"{fingerprint(finding, path)}:{occurrence}"},
    }


def _related_locations(finding: Finding, path: str) -> dict:
    """The other places of one gap reported once, as SARIF related locations."""
    if not finding.related:
        return {}
    return {
        "relatedLocations": [
            {
                "id": number,
                "message": {"text": place.fingerprint_path or format_path(place.path)},
                "physicalLocation": {
                    "artifactLocation": artifact_location(path),
                    "region": {
                        "startLine": max(place.position.line, 1),
                        "startColumn": max(place.position.column, 1),
                    },
                },
            }
            for number, place in enumerate(finding.related, start=1)
        ]
    }


class Placed(NamedTuple):
    """A finding in the log's order, with its repository path and which occurrence of its identity it is."""

    path: str
    finding: Finding
    occurrence: int


def sarif_log(report: Report) -> dict:
    """The whole log as one value (:func:`render_chunks` writes the same bytes a result at a time)."""
    names = _rule_names(report)
    index = {code: number for number, code in enumerate(sorted(names))}
    results = [_result(p.finding, index[p.finding.code], p.path, p.occurrence) for p in _placed(report)]
    return _log(report, results, names)


def render(report: Report) -> str:
    return "".join(render_chunks(report))


# Stands for the results while the rest of the log is rendered around them.
_RESULTS_MARK = "\0designlint results\0"


def render_chunks(report: Report) -> Iterator[str]:
    """The log as ``json.dumps(sarif_log(report), indent=2, sort_keys=True)`` writes it, in pieces
    of whole lines: what comes before the results, each result, then the rest."""
    # The rules come after the results in the log, but each result gives its rule's index in them.
    names = _rule_names(report)
    index = {code: number for number, code in enumerate(sorted(names))}
    frame = json.dumps(_log(report, [_RESULTS_MARK], names), indent=2, sort_keys=True, ensure_ascii=False)
    mark = frame.index(json.dumps(_RESULTS_MARK))
    line_start = frame.rindex("\n", 0, mark) + 1
    before, indent, after = frame[:line_start], frame[line_start:mark], frame[frame.index("\n", mark) :]
    pending = None
    for place in _placed(report):
        result = _result(place.finding, index[place.finding.code], place.path, place.occurrence)
        yield _chunk(before if pending is None else pending + ",\n")
        pending = indent + _indented(result, indent)
    if pending is None:  # "results": []
        yield _chunk(before[:-1] + after.lstrip() + "\n")
    else:
        yield _chunk(pending + after + "\n")


_SCALARS = {True: "true", False: "false", None: "null"}


def _indented(value: object, indent: str) -> str:
    """``value`` as ``json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False)`` writes it,
    each line after the first preceded by ``indent``. (The standard encoder builds closures that
    refer to one another on every call: a result at a time, that is garbage only the cyclic
    collector frees.)"""
    inner = indent + "  "
    if isinstance(value, dict):
        if not value:
            return "{}"
        members = ",\n".join(
            f"{inner}{encode_basestring(key)}: {_indented(value[key], inner)}" for key in sorted(value)
        )
        return f"{{\n{members}\n{indent}}}"
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        items = ",\n".join(inner + _indented(item, inner) for item in value)
        return f"[\n{items}\n{indent}]"
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None or isinstance(value, bool):
        return _SCALARS[value]
    return json.dumps(value)  # a number


def _chunk(text: str) -> str:
    # Workflow commands never span a line break, so defusing line by line equals defusing the whole.
    return defuse(text, JSON)


def _log(report: Report, results: list, names: dict[str, str]) -> dict:
    rules = getattr(report.ruleset, "rules", {}) or {}
    run = {
        "tool": {
            "driver": {
                "name": "designlint",
                "version": report.version,
                "rules": [
                    rule_descriptor(code, names[code], rules.get(code), report.site_url)
                    for code in sorted(names)
                ],
            }
        },
        "invocations": [{"executionSuccessful": not report.counted().internal_error}],
        # Positions count characters (the YAML parser's view), not UTF-16 code units.
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if report.baselined:
        run["properties"] = {"baselined": report.baselined}
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _rule_names(report: Report) -> dict[str, str]:
    """Code -> rule name, for every code found (the last finding of a code names it)."""
    return {place.finding.code: place.finding.name for place in _placed(report)}


def _placed(report: Report) -> Iterator[Placed]:
    """Every finding in the log's order, numbered among the findings of the same identity."""
    seen: Counter = Counter()
    current = None
    path_of = repository_paths()
    for finding in in_path_order(report):
        path = path_of(finding.file)
        if path != current:  # an identity includes the path: occurrences are counted within one
            seen.clear()
            current = path
        identity = fingerprint(finding, path)
        seen[identity] += 1
        yield Placed(path, finding, seen[identity])
