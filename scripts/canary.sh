#!/usr/bin/env bash
# Canary: the suite and static checks against the newest versions pyproject.toml's ranges allow,
# ignoring the lock, in .venv-canary/. It shows an upstream change before the lock is refreshed
# (bash scripts/lock.sh); CI keeps running the locked install.
#   bash scripts/canary.sh [PYTEST ARGS...]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test >/dev/null  # the system packages; the locked .venv is left as it is
rm -rf .venv-canary
python3 -m venv .venv-canary
.venv-canary/bin/python -m pip install -q --upgrade pip
.venv-canary/bin/python -m pip install -q --upgrade --upgrade-strategy eager -e ".[test,site]"
echo "canary versions:"
.venv-canary/bin/python -m pip list --format freeze | grep -v '^designlint' | sed 's/^/  /'
.venv-canary/bin/ruff check designlint tests bench scripts
.venv-canary/bin/mypy
.venv-canary/bin/python -m pytest "$@"
