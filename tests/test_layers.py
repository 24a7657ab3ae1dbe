"""The layers stay honest: import-linter contracts in pyproject.toml (rules never import the CLI, reporters...)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_import_contracts_hold():
    lint_imports = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint_imports, "import-linter is part of the test extras"
    result = subprocess.run([lint_imports], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_check_path_does_not_import_heavy_modules():
    code = (
        "import sys\n"
        "from designlint.cli import main\n"
        "main(['check', '--no-source', 'designs/newsfeed.yaml'])\n"
        "heavy = [m for m in ('diagrams', 'graphviz', 'mkdocs', 'ruamel.yaml', 'material') if m in sys.modules]\n"
        "print('HEAVY:' + ','.join(heavy))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "HEAVY:", result.stdout[-500:] + result.stderr[-500:]
