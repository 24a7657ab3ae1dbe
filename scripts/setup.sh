#!/usr/bin/env bash
# Set up designlint on a fresh machine: system packages, a virtual environment, the package.
#   bash scripts/setup.sh          everything the main job needs
#   bash scripts/setup.sh --test   also what the test suite and the static checks need
# Python packages come from the lock files in requirements/ (see requirements/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

lock=requirements/main.txt  # exact versions with hashes: an upstream release cannot change an install
system_packages=(graphviz fonts-dejavu-core)  # the 'dot' program that draws the diagrams, and a font for its labels
if [ "${1:-}" = "--test" ]; then
  lock=requirements/test.txt
  # The site's browser test drives Debian's Chromium; the export tests run promtool (from Debian's
  # prometheus package) on the generated rules.
  system_packages+=(chromium chromium-driver fonts-liberation2 prometheus)
fi

missing=()
for pkg in "${system_packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --require-hashes --no-deps -r "$lock"
# designlint itself, from this checkout, built with the locked backend (no isolated build that
# would fetch whatever hatchling is newest).
.venv/bin/python -m pip install -q --no-deps --no-build-isolation -e .
