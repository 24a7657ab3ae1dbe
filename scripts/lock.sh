#!/usr/bin/env bash
# Refresh the locked installs (requirements/*.txt) from the ranges in pyproject.toml.
#   bash scripts/lock.sh             re-resolve everything to the newest versions the ranges allow
#   bash scripts/lock.sh --keep      only add what changed in pyproject.toml, keep other pins
# Then run `bash scripts/setup.sh --test && .venv/bin/python -m pytest` and commit the result.
# The resolver is uv, installed into a throw-away environment; nothing else uses it.
set -euo pipefail
cd "$(dirname "$0")/.."

upgrade=(--upgrade)
if [ "${1:-}" = "--keep" ]; then upgrade=(); fi

tool="$(mktemp -d)"
trap 'rm -rf "$tool"' EXIT
python3 -m venv "$tool/venv"
"$tool/venv/bin/python" -m pip install -q uv
uv="$tool/venv/bin/uv"

compile() {  # compile OUTPUT EXTRA...
  local out="$1"; shift
  local extras=()
  for extra in "$@"; do extras+=(--extra "$extra"); done
  "$uv" pip compile pyproject.toml requirements/build.in "${extras[@]}" "${upgrade[@]}" \
    --python-version 3.11 --python-platform x86_64-manylinux_2_28 --generate-hashes \
    --no-header --quiet --output-file "$out"
}
# The test lock is resolved first; the main lock is constrained to it so both agree.
compile requirements/test.txt test site server watch
"$uv" pip compile pyproject.toml requirements/build.in --extra site --extra server --extra watch --constraint requirements/test.txt \
  --python-version 3.11 --python-platform x86_64-manylinux_2_28 --generate-hashes \
  --no-header --quiet --output-file requirements/main.txt
echo "requirements/main.txt and requirements/test.txt are up to date"
