"""Shared helpers for the fixture scripts: run with Debian's python3-torch (PyTorch 1.13, CPU).

Every float is written as the exact value of its float32 (a float32 converts to a double exactly),
so tests can compare bit for bit; NaN and infinities, which JSON lacks, are written as strings.
"""
import json
import math
import os

import torch

# The embeddings the seed notebooks type in (000, 001) or print (002, from an unseeded randn,
# re-entered at their 4 decimals), shared by every fixture script that starts from them.
SEED_000_INPUTS = [  # Dream big and work for it
    [0.72, 0.45, 0.31],
    [0.75, 0.20, 0.55],
    [0.30, 0.80, 0.40],
    [0.85, 0.35, 0.60],
    [0.55, 0.15, 0.75],
    [0.25, 0.20, 0.85],
]
SEED_001_INPUTS = [  # Your journey starts with one step
    [0.43, 0.15, 0.89],
    [0.55, 0.87, 0.66],
    [0.57, 0.85, 0.64],
    [0.22, 0.58, 0.33],
    [0.77, 0.25, 0.10],
    [0.05, 0.80, 0.55],
]
SEED_002_EMBEDDINGS = [  # How self attention works in Transformer
    [-0.3178, -0.8048, 0.7659],
    [0.6087, 0.6313, 0.4881],
    [-0.5776, 0.5329, 1.2401],
    [-0.7568, 1.0494, -0.4434],
    [1.8883, -1.5365, -0.5007],
    [-1.2233, -0.2219, -1.2253],
]

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
