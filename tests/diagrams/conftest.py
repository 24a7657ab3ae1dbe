"""Diagram tests draw real designs with the real ``diagrams`` package and Graphviz's ``dot``."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

DIAGRAM_DESIGN = ROOT / "tests" / "data" / "diagram-design.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden"


def load_design(path: Path):
    from designlint.loader import load_path
    from designlint.model import Design

    return Design.model_validate(load_path(path).data)


def design_from_text(text: str, tmp_path: Path, name: str = "design.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_design(path)


@pytest.fixture(scope="session")
def diagram_design():
    return load_design(DIAGRAM_DESIGN)


def graphviz_json(dot_source: str) -> dict:
    """Graphviz's own parse and layout of a DOT source (text it will draw included)."""
    from designlint.diagrams.render import dot_program, icon_root

    done = subprocess.run(
        [dot_program(), "-Tjson", f"-Gimagepath={icon_root()}"],
        input=dot_source.encode(),
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return json.loads(done.stdout)


def drawn_texts(graph_object: dict) -> list[str]:
    """The text fragments Graphviz draws for a node, edge or cluster label."""
    return [op["text"] for op in graph_object.get("_ldraw_", []) if op.get("op") == "T"]


def nodes_of(layout: dict) -> list[dict]:
    return [o for o in layout.get("objects", []) if "pos" in o]


def clusters_of(layout: dict) -> list[dict]:
    return [o for o in layout.get("objects", []) if "bb" in o]
