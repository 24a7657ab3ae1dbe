"""A wheel built from this checkout and one fresh virtual environment it is installed into.

The venv has no access to the test environment's packages (no ``--system-site-packages``):
it holds only what ``pip install`` of the wheel brings, at the versions the locked
requirements name. Building it needs the package index; it is made once per test session.
"""

from __future__ import annotations

import re
import subprocess
import sys
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

LOCKED = (ROOT / "requirements" / "main.txt", ROOT / "requirements" / "test.txt")
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*(?:\[[^\]]*\])?==[^\s;\\]+)")
PIP_TIMEOUT_S = 600


@dataclass(frozen=True)
class FreshInstall:
    wheel: Path
    python: Path
    bin: Path
    constraints: Path

    def pip(self, *args: str) -> subprocess.CompletedProcess:
        return run([str(self.python), "-m", "pip", "--disable-pip-version-check", *args])


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=PIP_TIMEOUT_S, **kwargs)


def constraints_from_lock(target: Path) -> Path:
    """The locked pins without their hashes (pip reads hashes only in requirement files)."""
    pins = sorted(
        {
            match[1].split("==", 1)[0].split("[")[0] + "==" + match[1].split("==", 1)[1]
            for path in LOCKED
            for line in path.read_text(encoding="utf-8").splitlines()
            if (match := _PIN.match(line)) and not line.startswith("designlint")
        }
    )
    target.write_text("\n".join(pins) + "\n", encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def fresh_install(tmp_path_factory) -> FreshInstall:
    """The wheel, installed without extras into a new venv."""
    work = tmp_path_factory.mktemp("packaging")
    built = run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(work),
            str(ROOT),
        ]
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = work.glob("designlint-*.whl")
    env_dir = work / "venv"
    venv.EnvBuilder(with_pip=True, system_site_packages=False).create(env_dir)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    install = FreshInstall(
        wheel, bin_dir / "python", bin_dir, constraints_from_lock(work / "constraints.txt")
    )
    done = install.pip("install", "-q", "-c", str(install.constraints), str(wheel))
    if done.returncode != 0 and re.search(
        r"NewConnectionError|Name or service not known|No matching distribution", done.stderr
    ):
        pytest.skip(f"the package index is not reachable: {done.stderr.strip().splitlines()[-1]}")
    assert done.returncode == 0, done.stderr
    return install
