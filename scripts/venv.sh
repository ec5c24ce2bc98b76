# Sourced by scripts/demo and scripts/test: a .venv with faultdx installed from this checkout.
# A plain (non-editable) install, so the rules and phrasebook are used as a user would get them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check '.[test,dask]'
