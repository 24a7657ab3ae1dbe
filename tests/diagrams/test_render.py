"""Rendering with Graphviz: deterministic bytes, self-contained SVGs, clear errors without ``dot``."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from designlint.diagrams import VIEWS, render_views
from designlint.diagrams.render import RenderError, embed_images, icon_root
from tests.conftest import ROOT
from tests.diagrams.conftest import DIAGRAM_DESIGN, load_design

LINK = re.compile(r'\b(?:xlink:)?href\s*=\s*"([^"]*)"')
XLINK = "{http://www.w3.org/1999/xlink}href"


@pytest.fixture(scope="module")
def svgs(diagram_design):
    return render_views(diagram_design, formats=("svg", "dot"))


def test_render_views_returns_every_view_and_format(svgs):
    assert list(svgs) == list(VIEWS)
    for by_format in svgs.values():
        assert sorted(by_format) == ["dot", "svg"]
        assert by_format["svg"].startswith(b"<?xml") and by_format["dot"].startswith(
            b"// Drawn by designlint"
        )


def test_two_runs_give_the_same_bytes(svgs):
    again = render_views(load_design(DIAGRAM_DESIGN), formats=("svg", "dot"))
    assert again == svgs


def test_svg_references_nothing_outside_itself(svgs):
    for view, by_format in svgs.items():
        text = by_format["svg"].decode("utf-8")
        links = LINK.findall(text)
        if view != "paths":
            assert links, f"{view}: expected icon references"
        outside = [link for link in links if not link.startswith(("data:", "#"))]
        assert outside == [], f"{view} links outside itself: {outside[:3]}"
        root = ET.fromstring(by_format["svg"])  # well-formed XML
        ids = _ids(by_format["svg"])
        for element in root.iter():
            target = element.get(XLINK) or element.get("href")
            if target and target.startswith("#"):
                assert target[1:] in ids, f"{view}: dangling reference {target}"


def _ids(svg: bytes) -> set[str]:
    return {element.get("id") for element in ET.fromstring(svg).iter() if element.get("id")}


def test_svg_carries_model_ids_for_linking(svgs):
    architecture = _ids(svgs["architecture"]["svg"])
    assert {"component-album-service", "dependency-album-service-0", "team-photos_team"} <= architecture
    assert {"path-view-album", "step-view-album-0"} <= _ids(svgs["paths"]["svg"])


def test_embedding_rejects_links_to_files_that_are_not_icons():
    svg = '<svg><image xlink:href="../../../etc/passwd" width="1px" height="1px"/></svg>'
    with pytest.raises(RenderError, match="not one of the icons"):
        embed_images(svg, icon_root())


def test_png_renders(diagram_design):
    png = render_views(diagram_design, formats=("png",), views=("paths",))["paths"]["png"]
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_unknown_view_or_format_is_a_value_error(diagram_design):
    with pytest.raises(ValueError, match="unknown view"):
        render_views(diagram_design, views=("nope",))
    with pytest.raises(ValueError, match="unknown format"):
        render_views(diagram_design, formats=("gif",))


def _run_cli(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    code = "import sys; from designlint.cli import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, env=env, timeout=120
    )


def test_without_dot_the_command_exits_2_with_one_line(tmp_path):
    env = {**os.environ, "PATH": str(tmp_path)}  # a PATH with no dot on it
    result = _run_cli(["diagram", str(DIAGRAM_DESIGN), "-o", str(tmp_path / "out")], env)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "apt-get install graphviz" in lines[0] and "'dot'" in lines[0]
    assert not (tmp_path / "out").exists()


def test_without_dot_the_dot_format_still_works(tmp_path):
    env = {**os.environ, "PATH": str(tmp_path)}
    result = _run_cli(
        ["diagram", str(DIAGRAM_DESIGN), "-o", str(tmp_path), "--format", "dot", "--view", "paths"], env
    )
    assert result.returncode == 0, result.stderr
    assert (
        (tmp_path / "diagram-design.paths.dot")
        .read_text(encoding="utf-8")
        .startswith("// Drawn by designlint")
    )


def test_without_the_diagrams_package_the_command_exits_2_with_one_line(tmp_path):
    code = (
        "import sys; sys.modules['diagrams'] = None  # as if the optional group were not installed\n"
        "from designlint.cli import main; sys.exit(main(sys.argv[1:]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "diagram", str(DIAGRAM_DESIGN), "-o", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: drawing needs the optional 'diagrams' dependencies: pip install 'designlint[diagrams]'"
    ]


def test_check_and_the_package_import_stay_free_of_diagrams():
    code = (
        "import sys\n"
        "import designlint.diagrams\n"
        "from designlint.cli import main\n"
        f"main(['check', '--no-source', {str(DIAGRAM_DESIGN)!r}])\n"
        "print('LOADED:' + ','.join(m for m in ('diagrams', 'graphviz') if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.strip().splitlines()[-1] == "LOADED:", result.stdout[-500:] + result.stderr[-500:]
