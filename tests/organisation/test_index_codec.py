"""A cache entry's cross-design index reads back equal, and anything else in its place is refused."""

from __future__ import annotations

import json

import pytest

from designlint.engine.org_codec import MalformedIndex, index_from_json, index_to_json
from designlint.engine.organisation import load_index
from tests.conftest import ROOT

FOLDER = ROOT / "tests" / "data" / "organisation"


@pytest.mark.parametrize("name", sorted(path.name for path in FOLDER.glob("*.yaml")))
def test_an_index_reads_back_equal(name):
    index = load_index(FOLDER / name, name)
    assert index is not None
    assert index_from_json(json.loads(json.dumps(index_to_json(index)))) == index


def _damaged(change) -> dict:
    index = load_index(FOLDER / "ranking.yaml", "ranking.yaml")
    data = json.loads(json.dumps(index_to_json(index)))
    change(data)
    return data


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["design"].pop("name"),
        lambda d: d["design"].update(name=7),
        lambda d: d["design"].update(extra=1),
        lambda d: d["design"]["references"][0].update(calls="yes"),
        lambda d: d["design"]["promised"].update({"x": "99%"}),
        lambda d: d["design"].update(sync_calls=[["a", "b", "c"]]),
        lambda d: d["positions"].append([["a"], "1", 1]),
        lambda d: d.update(more=[]),
        lambda d: d["design"].update(references={"__class__": "os.system"}),
    ],
    ids=["missing", "wrong-type", "extra", "bool", "float", "tuple-length", "position", "key", "mapping"],
)
def test_a_damaged_index_is_refused(change):
    with pytest.raises(MalformedIndex):
        index_from_json(_damaged(change))
