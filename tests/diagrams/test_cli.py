"""``designlint diagram``: files written, and one positioned line with exit code 2 for bad input."""

from __future__ import annotations

import pytest

from designlint.cli import main
from tests.diagrams.conftest import DIAGRAM_DESIGN

MINIMAL = "apiVersion: designlint/v1\nkind: Design\nmetadata:\n  name: x\n"


def test_draws_every_view_into_the_output_folder(tmp_path, capsys):
    out = tmp_path / "diagrams"
    assert main(["diagram", str(DIAGRAM_DESIGN), "-o", str(out)]) == 0
    names = ["diagram-design.architecture.svg", "diagram-design.failure.svg", "diagram-design.paths.svg"]
    assert sorted(p.name for p in out.iterdir()) == names
    assert capsys.readouterr().out.splitlines() == [str(out / name) for name in names]


def test_draws_one_view_in_one_format(tmp_path):
    assert (
        main(["diagram", str(DIAGRAM_DESIGN), "-o", str(tmp_path), "--view", "failure", "--format", "png"])
        == 0
    )
    (written,) = tmp_path.iterdir()
    assert written.name == "diagram-design.failure.png" and written.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (MINIMAL + "architecture:\n  components: [\n", ":7:1: error: did not find expected node content"),
        (
            MINIMAL + "architecture:\n  components:\n    - {id: a, name: A, kind: mainframe}\n",
            ":7:30: error: invalid design: the string 'mainframe' is not one of",
        ),
        (MINIMAL, ": error: nothing to draw: the design has no architecture.components"),
    ],
    ids=["yaml-syntax", "invalid-model", "no-components"],
)
def test_bad_designs_give_one_positioned_line_and_exit_2(tmp_path, capsys, text, expected):
    design = tmp_path / "bad.yaml"
    design.write_text(text, encoding="utf-8")
    assert main(["diagram", str(design), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(str(design)) and expected in err[0], err
    assert not (tmp_path / "out").exists()


def test_a_missing_file_is_a_usage_error(tmp_path, capsys):
    assert main(["diagram", str(tmp_path / "nope.yaml")]) == 2
    assert "cannot read design file" in capsys.readouterr().err
