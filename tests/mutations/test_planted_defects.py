"""Planted defects are caught however they are written; suspicious but correct designs stay clean.

`defects.yaml` plants each checklist defect in a copy of an example design three ways (a
structured field, prose, a placeholder); `correct/` holds designs that look wrong and are not.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from designlint.engine.session import CheckSession
from tests.conftest import ROOT

HERE = Path(__file__).parent
DEFECTS = yaml.safe_load((HERE / "defects.yaml").read_text(encoding="utf-8"))
PLACEHOLDER = "DL015"
TOLERANCE = 2  # lines either side of the plant, as the review rubric counts a catch


def _cases():
    for defect in DEFECTS:
        for form, edit in defect["forms"].items():
            yield pytest.param(defect, form, edit, id=f"{defect['id']}-{form}")


def _check(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return CheckSession().check([(path, name)])[0]


@pytest.mark.parametrize(("defect", "form", "edit"), list(_cases()))
def test_a_planted_defect_is_caught_near_its_line(tmp_path, defect, form, edit):
    original = (ROOT / defect["design"]).read_text(encoding="utf-8")
    assert original.count(edit["find"]) == 1, "the plant must have exactly one place to go"
    start = original.index(edit["find"])
    planted = original.replace(edit["find"], edit["replace"])
    # The first line the edit changes (or, for a deletion, the line where the text was).
    first_changed = next(
        (i for i, (a, b) in enumerate(zip(edit["find"], edit["replace"])) if a != b),
        min(len(edit["find"]), len(edit["replace"])),
    )
    line = original.count("\n", 0, start + first_changed) + 1 + edit.get("line_offset", 0)

    before = {(f.code, f.message) for f in _check(tmp_path, "before.yaml", original).findings}
    result = _check(tmp_path, "after.yaml", planted)
    codes = set(edit.get("codes", defect["codes"]))
    if form == "placeholder":
        codes.add(PLACEHOLDER)
    new = [f for f in result.findings if (f.code, f.message) not in before]
    caught = [f for f in new if f.code in codes and abs(f.position.line - line) <= TOLERANCE]
    shown = "\n".join(f"  {f.position} {f.code} {f.message}" for f in new) or "  (no new findings)"
    assert caught, f"{defect['id']} ({form}) planted at line {line} was not caught; new findings:\n{shown}"


CORRECT = yaml.safe_load((HERE / "correct.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("twin", CORRECT, ids=[twin["id"] for twin in CORRECT])
def test_a_suspicious_but_correct_edit_adds_no_finding(tmp_path, twin):
    original = (ROOT / twin["design"]).read_text(encoding="utf-8")
    assert original.count(twin["find"]) == 1
    replace = twin["replace"]
    if "indent" in twin:  # block text in the data file is written flush left
        pad = " " * twin["indent"]
        replace = "".join(pad + line if line.strip() else line for line in replace.splitlines(True))
    before = {(f.code, f.message) for f in _check(tmp_path, "before.yaml", original).findings}
    result = _check(tmp_path, "after.yaml", original.replace(twin["find"], replace))
    new = [f for f in result.findings if (f.code, f.message) not in before]
    shown = "\n".join(f"  {f.position} {f.code} {f.message}" for f in new)
    assert not new, f"{twin['id']} is correct but got:\n{shown}"
