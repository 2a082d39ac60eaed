#!/bin/sh
# Rewrites every fixture in src/math/fixtures from real PyTorch. Needs a Python with torch 1.13
# (Debian: apt-get install python3-torch). Tests read the JSON and never need Python.
set -eu
cd "$(dirname "$0")"
PY="${PYTHON:-}"
if [ -z "$PY" ]; then
  for c in python3 /usr/bin/python3; do
    if "$c" -c 'import torch' 2>/dev/null; then PY="$c"; break; fi
  done
fi
[ -n "$PY" ] || { echo "no Python with torch found: apt-get install python3-torch, or set PYTHON" >&2; exit 1; }
# The math core mirrors Debian's reference BLAS (libblas3): its dot and matrix products add in
# plain left-to-right float32 order. OpenBLAS, if installed, would take over libblas.so.3 and sum
# differently, so point torch at the reference library whenever it is there.
REF=/usr/lib/x86_64-linux-gnu
if [ -e "$REF/blas/libblas.so.3" ]; then
  export LD_LIBRARY_PATH="$REF/blas:$REF/lapack${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
# One thread: with several, PyTorch may split a matrix product and add the parts in another order.
export OMP_NUM_THREADS=1
for script in *.py; do
  [ "$script" = common.py ] && continue
  "$PY" "$script"
done
