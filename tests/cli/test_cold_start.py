"""A one-file ``check`` imports only what checking one design needs.

Start-up time is mostly imports, so a module pulled onto the check path by a stray top-level import
is a slower ``designlint check`` on every commit and keystroke. The check runs in a fresh process
(with compiled rule packs and model validators missing, then cached) and reports which modules
it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

# Loaded by other commands only, or by checks of many files (worker pools), or with the result cache.
NOT_ON_THE_CHECK_PATH = [
    "designlint.site",
    "designlint.score",
    "designlint.diagrams",
    "designlint.server",
    "designlint.review",
    "designlint.export",
    "designlint.fix",
    "designlint.schema",
    "designlint.cli.calc",
    "designlint.cli.diagram",
    "designlint.cli.diff",
    "designlint.cli.export",
    "designlint.cli.fix",
    "designlint.cli.info",
    "designlint.cli.new",
    "designlint.cli.score",
    "designlint.cli.server",
    "designlint.cli.site",
    "designlint.cli.watch",
    "designlint.engine.cache",
    "designlint.reporters.json_report",
    "designlint.reporters.sarif",
    "designlint.units.pint_bridge",
    "pint",
    "jsonschema",
    "multiprocessing",
    "concurrent.futures",
    "mkdocs",
    "jinja2",
    "difflib",
]
# Loaded only to build a model's validator (pydantic's plugin discovery reads every installed
# distribution's metadata): a check whose validators are cached builds none.
NOT_ON_THE_WARM_CHECK_PATH = ["pydantic.plugin._loader", "importlib.metadata"]

_PROBE = """
import json, sys
from designlint.entry import run
sys.argv = ["designlint", "check", "designs/newsfeed.yaml", "--no-cache"]
try:
    run()
except SystemExit as done:
    code = done.code
with open({out!r}, "w") as out:
    json.dump({{"code": code, "modules": sorted(sys.modules)}}, out)
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory) -> dict[str, list[str]]:
    """Modules a one-file check loaded: with the user cache empty (packs compiled, validators
    built), then warm."""
    cache = tmp_path_factory.mktemp("user-cache")
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)  # entry.py sets it, as for a user
    runs = {}
    for run in ("packs compiled", "packs cached"):
        out = cache / f"{run}.json"
        probe = _PROBE.format(out=str(out))
        subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, check=True, capture_output=True)
        report = json.loads(out.read_text(encoding="utf-8"))
        assert report["code"] == 0, run
        runs[run] = report["modules"]
    return runs


@pytest.mark.parametrize("run", ["packs compiled", "packs cached"])
@pytest.mark.parametrize("module", NOT_ON_THE_CHECK_PATH)
def test_a_one_file_check_does_not_import(loaded, run, module):
    imported = [name for name in loaded[run] if name == module or name.startswith(module + ".")]
    assert imported == [], f"a one-file check ({run}) imported {imported[:5]}"


@pytest.mark.parametrize("module", NOT_ON_THE_WARM_CHECK_PATH)
def test_a_check_with_cached_validators_builds_none(loaded, module):
    imported = [name for name in loaded["packs cached"] if name == module or name.startswith(module + ".")]
    assert imported == [], f"a one-file check with a warm cache imported {imported[:5]}"


BROKEN = """\
apiVersion: designlint/v1
kind: Design
metadata: {name: broken, ownerz: [a]}
scale:
  quantities:
    - {name: dau, value: thirty days}
architecture:
  components:
    - {id: api, dependsOn: [{target: db, fallback: {strategy: pray}}]}
    - {id: db}
"""


def test_cold_warm_and_damaged_caches_give_the_same_output(tmp_path):
    """The user cache empty (validators built), warm (restored), then with every entry damaged."""
    (tmp_path / "broken.yaml").write_text(BROKEN, encoding="utf-8")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    command = [sys.executable, "-m", "designlint", "check", "--no-cache", str(ROOT / "designs/newsfeed.yaml")]
    command.append(str(tmp_path / "broken.yaml"))

    def check() -> tuple[int, str, str]:
        done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
        return done.returncode, done.stdout, done.stderr

    cold = check()
    entries = sorted((tmp_path / "user-cache" / "designlint" / "model-validators").iterdir())
    assert entries, "the cold run kept the validators it built"
    warm = check()
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:200] + b"damaged")
    damaged = check()
    assert cold[0] == 1 and "unknown key 'ownerz'" in cold[1]
    assert warm == cold
    assert damaged == cold


def test_the_probe_sees_the_check_path(loaded):
    # The probe is only meaningful if it saw the modules a check does load.
    for run, modules in loaded.items():
        assert {"designlint.cli.check", "designlint.engine.runner", "designlint.model"} <= set(modules), run
