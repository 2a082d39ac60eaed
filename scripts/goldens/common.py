"""Shared helpers for the fixture scripts: run with Debian's python3-torch (PyTorch 1.13, CPU).

Every float is written as the exact value of its float32 (a float32 converts to a double exactly),
so tests can compare bit for bit; NaN and infinities, which JSON lacks, are written as strings.
"""
import json
import math
import os

import torch

FIXTURE_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "src", "math", "fixtures")


def num(x):
    """One float (or int) as JSON: exact, with 'nan', 'inf', '-inf' as strings."""
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def tensor_json(t):
    """{shape, data} with data flattened row-major, as the TS Tensor holds it."""
    t = t.detach().contiguous()
    return {"shape": list(t.shape), "data": [num(v) for v in t.reshape(-1).tolist()]}


def write(name, obj):
    path = os.path.normpath(os.path.join(FIXTURE_DIR, name))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    meta = {"generator": "scripts/goldens", "torch": torch.__version__}
    with open(path, "w") as f:
        json.dump({"meta": meta, **obj}, f, indent=1, allow_nan=False)
        f.write("\n")
    print(f"wrote {os.path.relpath(path)}")
