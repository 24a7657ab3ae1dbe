"""Scoring designlint's findings on the outside corpus against a staff reviewer's expectations.

Each expectation file (``tests/data/outside/NAME.expected.yaml``) lists the findings a reviewer
would raise (``expected``) and those that are defensible (``acceptable``), each once per gap,
with an optional document-path prefix. A finding matches an entry when the codes agree and the
finding, or one of its related locations, lies under the entry's path. Each entry absorbs one
finding; anything else is noise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from designlint.findings import Finding, format_path

OUTSIDE = Path(__file__).resolve().parent.parent / "data" / "outside"


@dataclass(frozen=True)
class Entry:
    code: str
    path: str | None
    why: str
    known_miss: str | None = None  # why the tool cannot raise it yet; the entry stays expected


@dataclass
class Verdict:
    design: str
    matched: list[tuple[Entry, Finding]] = field(default_factory=list)
    accepted: list[tuple[Entry, Finding]] = field(default_factory=list)
    noise: list[Finding] = field(default_factory=list)
    missed: list[Entry] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.matched) + len(self.accepted) + len(self.noise)


def expectation_files() -> list[Path]:
    return sorted(OUTSIDE.glob("*.expected.yaml"))


def entries(data: dict, key: str) -> list[Entry]:
    return [
        Entry(str(item["code"]), item.get("path"), str(item.get("why", "")), item.get("known_miss"))
        for item in data.get(key) or []
    ]


def _under(path: str, prefix: str | None) -> bool:
    if not prefix:
        return True
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def _places(finding: Finding) -> list[str]:
    return [finding.json_path, *(format_path(related.path) for related in finding.related)]


# A placeholder answer (``rollback: TBD``) is reported once, as DL015, in the words of the rule
# that would have reported the missing answer there (the engine folds that rule's finding into it).
PLACEHOLDER = "DL015"


def _take(entries_left: list[Entry], finding: Finding) -> Entry | None:
    places = _places(finding)
    for entry in entries_left:
        if entry.code == finding.code and any(_under(place, entry.path) for place in places):
            entries_left.remove(entry)
            return entry
    return None


def _take_for_placeholder(entries_left: list[Entry], finding: Finding) -> Entry | None:
    """The rubric counts a defect caught when a finding names it where it is written, placeholder
    or not: DL015 on the very field an entry names stands for that entry's rule, when no finding
    of that rule took it."""
    if finding.code != PLACEHOLDER:
        return None
    for entry in entries_left:
        if entry.path and _under(finding.json_path, entry.path):
            entries_left.remove(entry)
            return entry
    return None


def _names_prose_defect(finding: Finding, defects: list[str], lines: list[str]) -> str | None:
    """The prose defect (quoted as the source wrote it) that a numbers finding lands on, if any.

    The reviewer quoted the wrong claims under ``prose_defects``; a numbers rule that points
    within two lines of one has found it, as the rubric counts a catch.
    """
    if not finding.code.startswith(("DL5",)):
        return None
    line = finding.position.line
    nearby = _normal(" ".join(lines[max(0, line - 3) : line + 2]))
    for text in defects:
        if _normal(text) in nearby:
            return text
    return None


def _normal(text: str) -> str:
    """Whitespace collapsed and the multiplication signs written alike (``*``, ``x``, ``×``)."""
    return " ".join(text.replace("*", "x").replace("×", "x").split())


def judge(design: str, findings: list[Finding], expectation: dict, text: str = "") -> Verdict:
    verdict = Verdict(design)
    lines = text.splitlines()
    defects = [
        str(item.get("text", "")) for item in expectation.get("prose_defects") or [] if item.get("text")
    ]
    expected = entries(expectation, "expected")
    acceptable = entries(expectation, "acceptable")
    # Expected entries first: a finding that is what the reviewer asked for is not merely acceptable.
    unmatched = []
    for finding in findings:
        entry = _take(expected, finding)
        if entry is not None:
            verdict.matched.append((entry, finding))
        else:
            unmatched.append(finding)
    rest = []
    for finding in unmatched:  # after every finding of the entries' own rules had its chance
        entry = _take_for_placeholder(expected, finding)
        if entry is not None:
            verdict.matched.append((entry, finding))
        else:
            rest.append(finding)
    for finding in rest:
        entry = _take(acceptable, finding)
        defect = None if entry is not None else _names_prose_defect(finding, defects, lines)
        if defect is not None:
            defects.remove(defect)  # each quoted defect absorbs one finding
            entry = Entry(finding.code, None, f"prose defect: {defect}")
        if entry is not None:
            verdict.accepted.append((entry, finding))
        else:
            verdict.noise.append(finding)
    verdict.missed = expected
    return verdict


def check_corpus() -> list[Verdict]:
    from designlint.engine.session import CheckSession

    session = CheckSession()
    verdicts = []
    for expectation_file in expectation_files():
        expectation = yaml.safe_load(expectation_file.read_text(encoding="utf-8"))
        design = OUTSIDE / expectation["design"]
        [result] = session.check([(design, design.name)])
        verdicts.append(judge(design.name, result.findings, expectation, design.read_text(encoding="utf-8")))
    return verdicts


def recall(verdicts: list[Verdict]) -> float:
    """Expected findings raised, over all expected findings (known misses count as missed)."""
    raised = sum(len(v.matched) for v in verdicts)
    total = raised + sum(len(v.missed) for v in verdicts)
    return raised / total if total else 1.0


def precision(verdicts: list[Verdict]) -> float:
    total = sum(v.total for v in verdicts)
    good = sum(len(v.matched) + len(v.accepted) for v in verdicts)
    return good / total if total else 1.0


def report(verdicts: list[Verdict]) -> str:
    lines = []
    for verdict in verdicts:
        lines.append(
            f"{verdict.design}: {verdict.total} findings, {len(verdict.matched)} expected, "
            f"{len(verdict.accepted)} acceptable, {len(verdict.noise)} noise, {len(verdict.missed)} missed"
        )
        lines.extend(f"  noise  {f.code} {f.json_path}: {f.message}" for f in verdict.noise)
        lines.extend(
            f"  missed {e.code} {e.path or ''}" + (f" (known: {e.known_miss})" if e.known_miss else "")
            for e in verdict.missed
        )
    lines.append(f"precision {precision(verdicts):.1%}, recall {recall(verdicts):.1%}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(check_corpus()))
