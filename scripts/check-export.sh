#!/bin/sh
# Exports every lesson as a notebook and as a "Copy as PyTorch" cell, at its defaults and with
# edits, and the playground's notebook in each case of src/math/fixtures/playground.json
# (scripts/export-notebooks.ts), then runs each under real PyTorch and compares every printed
# output with what the page shows, and with the outputs the downloaded notebook stores
# (scripts/check-notebook.py). Needs Python with torch 1.13
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
# The reference BLAS and one thread, as scripts/goldens/run.sh makes the fixtures: OpenBLAS (or
# several threads) may sum a matrix product in another order and print a different last digit
# (seen in attention-seeker's 10x10 products, and in random-embeddings' context vectors).
REF=/usr/lib/x86_64-linux-gnu
if [ -e "$REF/blas/libblas.so.3" ]; then
  export LD_LIBRARY_PATH="$REF/blas:$REF/lapack${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
# Quiets the kernel's debugger warning about frozen modules.
export PYDEVD_DISABLE_FILE_VALIDATION=1
# Set OMP_NUM_THREADS to see the threads' effect.
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"

status=0
for nb in "$OUT"/*.ipynb; do
  "$PY" scripts/check-notebook.py "$nb" "${nb%.ipynb}.expected.json" || status=1
done
echo "exports in $OUT"
exit $status
