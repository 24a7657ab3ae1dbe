"""A dependency target written ``design#element`` counts like a component that stands for it."""

from __future__ import annotations

import pytest

from designlint.cli import main

STORE = """\
apiVersion: designlint/v1
kind: Design
metadata: {name: store}
architecture:
  components:
    - id: db
      name: Store
      kind: database
      availability: 99.9%
      dependsOn:
        - {target: BACK, mode: sync}
    - id: audit
      name: Audit
      kind: service
"""

API = """\
apiVersion: designlint/v1
kind: Design
metadata: {name: api}
architecture:
  components:
    - id: api
      name: API
      kind: service
      dependsOn:
        - {target: store#db, mode: MODE}
slos:
  - {id: api-up, service: api, sli: Requests that succeed, kind: availability, objective: 99.95%}
"""

CASES = {
    # The API waits on store#db (99.9 %): its 99.95 % cannot hold.
    "ceiling through a target": ("audit", "sync", [("api.yaml", 12, "DL604")]),
    # Store calls back into the API: the two designs wait on each other, a finding on each.
    "cycle through targets": (
        "api#api",
        "sync",
        [("api.yaml", 12, "DL604"), ("api.yaml", 10, "DL602"), ("store.yaml", 11, "DL602")],
    ),
    # An asynchronous call neither limits the SLO nor closes a cycle.
    "asynchronous": ("api#api", "async", []),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_direct_targets(case, capsys, tmp_path):
    back, mode, expected = CASES[case]
    (tmp_path / "store.yaml").write_text(STORE.replace("BACK", back), encoding="utf-8")
    (tmp_path / "api.yaml").write_text(API.replace("MODE", mode), encoding="utf-8")
    main(["check", str(tmp_path), "--no-cache", "--no-source", "--select", "DL6", "--no-color"])
    found = []
    for line in capsys.readouterr().out.splitlines():
        if " DL6" in line:
            where, rest = line.split(": ", 1)
            file, row, _ = where.rsplit(":", 2)
            found.append((file.rsplit("/", 1)[-1], int(row), rest.split()[1]))
    assert sorted(found) == sorted(expected)
