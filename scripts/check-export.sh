#!/bin/sh
# Exports every lesson as a notebook and as a "Copy as PyTorch" cell, at its defaults and with
# edits (scripts/export-notebooks.ts), then runs each under real PyTorch and compares every printed
# output with what the page shows (scripts/check-notebook.py). Needs Python with torch 1.13
# (Debian: apt-get install python3-torch; for a real Jupyter kernel also python3-nbclient
# python3-ipykernel). Tests never need Python; this is a check to run by hand.
#   sh scripts/check-export.sh [OUTDIR]
set -eu
cd "$(dirname "$0")/.."
OUT="${1:-$(mktemp -d)}"
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for c in python3 /usr/bin/python3; do
    if "$c" -c 'import torch' 2>/dev/null; then PY="$c"; break; fi
  done
fi
[ -n "$PY" ] || { echo "no Python with torch found: apt-get install python3-torch, or set PYTHON" >&2; exit 1; }
node node_modules/tsx/dist/cli.mjs scripts/export-notebooks.ts "$OUT" >/dev/null
# Quiets the kernel's debugger warning about frozen modules.
export PYDEVD_DISABLE_FILE_VALIDATION=1
# One thread, as the fixtures were made: with several, PyTorch may sum a matrix product in another
# order and print a different last digit (seen in attention-seeker's 10x10 products under a
# 2-thread Jupyter kernel). Set OMP_NUM_THREADS to see it.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

status=0
for nb in "$OUT"/*.ipynb; do
  "$PY" scripts/check-notebook.py "$nb" "${nb%.ipynb}.expected.json" || status=1
done
echo "exports in $OUT"
exit $status
