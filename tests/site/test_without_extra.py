"""Without the [site] extra every ``site`` subcommand names the install command and exits 2."""

from __future__ import annotations

import sys

import pytest

from designlint.cli import main


@pytest.mark.parametrize("module", ["mkdocs", "material", "diagrams"])
@pytest.mark.parametrize("command", [["site", "build"], ["site", "serve"], ["site", "init"]])
def test_site_without_extra_prints_install_hint(monkeypatch, capsys, tmp_path, module, command):
    # A None entry in sys.modules makes the import fail, as in a base install without the extra.
    monkeypatch.setitem(sys.modules, module, None)
    monkeypatch.chdir(tmp_path)
    assert main(command) == 2
    err = capsys.readouterr().err
    assert "pip install 'designlint[site]'" in err
    assert "internal error" not in err
    assert "Traceback" not in err
