"""Fixtures for src/math/random.ts: what torch.manual_seed(seed) followed by torch.rand / torch.randn /
torch.nn.Embedding produces in PyTorch 1.13 on CPU (float32).

Writes src/math/fixtures/rng.json with
  cases:    sequences of calls on one freshly seeded generator, each call with its exact result
            (or, for huge tensors, selected rows plus a hash of every value's float32 bits);
  notebook: the embedding rows the seed notebooks printed (4 decimals), parsed from the seed text
            files in ../shared/seeds (relative to the repo root) so the test checks the notebooks'
            own numbers, not just our PyTorch run. If those files are missing, the table already in
            rng.json is kept.
"""
import glob
import json
import os
import random
import re

import numpy as np
import torch

from common import FIXTURE_DIR, tensor_json, write

REPO_ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
SEEDS_DIR = os.path.join(REPO_ROOT, "..", "shared", "seeds")

# Sizes chosen around PyTorch's thresholds: < 16 values take the scalar Box-Muller path with the
# cached second sample; >= 16 take normal_fill (16 at a time), with a re-draw of the last 16 when
# size % 16 != 0.
SHAPES = [[], [0], [1], [3], [15], [16], [17], [18], [31], [32], [33], [100], [0, 3], [6, 3],
          [6, 16], [24, 16], [2, 7]]
SEEDS = [0, 1, 42, 123, 2**32 + 5, 2**53 - 1]
FEW_SHAPES = [[], [1], [3], [15], [16], [17], [33], [6, 3]]  # for the seeds tested less thoroughly


def bits_hash(t):
    """FNV-1a over the uint32 bit patterns of the float32 values (row-major), as random.test.ts does."""
    words = t.detach().contiguous().reshape(-1).numpy().astype(np.float32).view(np.uint32)
    h = 2166136261
    for w in words.tolist():
        h = ((h ^ w) * 16777619) & 0xFFFFFFFF
    return h


def run(name, seed, calls):
    """Replays `calls` after torch.manual_seed(seed); returns the case with expected results."""
    torch.manual_seed(seed)
    out = []
    for call in calls:
        op = call["op"]
        if op == "rand":
            t = torch.rand(*call["shape"]) if call["shape"] else torch.rand(())
        elif op == "randn":
            t = torch.randn(*call["shape"]) if call["shape"] else torch.randn(())
        elif op == "embedding":
            t = torch.nn.Embedding(call["num"], call["dim"]).weight.detach()
        else:
            raise ValueError(op)
        assert t.dtype == torch.float32
        c = dict(call)
        if "rows" in call:
            c["expected"] = tensor_json(t[call["rows"]])
            c["hash"] = bits_hash(t)
        elif call.get("hashOnly"):
            c["hash"] = bits_hash(t)
            c["first"] = tensor_json(t.reshape(-1)[:16])
        else:
            c["expected"] = tensor_json(t)
        out.append(c)
    return {"name": name, "seed": seed, "calls": out}


def cases():
    res = []
    # One call on a fresh generator, for every seed and shape.
    for seed in SEEDS:
        for op in ("rand", "randn"):
            for shape in SHAPES if seed in (0, 42, 123) else FEW_SHAPES:
                res.append(run(f"{op}{shape} seed {seed}", seed, [{"op": op, "shape": shape}]))

    # Sequences: the stream consumed by each call, and the shared normal-sample cache.
    res.append(run("small randn share the cached second sample", 42, [
        {"op": "randn", "shape": [3]}, {"op": "randn", "shape": [3]}, {"op": "rand", "shape": [2]},
        {"op": "randn", "shape": [17]}, {"op": "randn", "shape": [1]}, {"op": "rand", "shape": [1]},
        {"op": "randn", "shape": [5]}, {"op": "randn", "shape": [1]}, {"op": "randn", "shape": [2, 3]},
        {"op": "rand", "shape": [4]}]))
    res.append(run("cache survives a vectorised randn and rand", 7, [
        {"op": "randn", "shape": [1]}, {"op": "randn", "shape": [20]}, {"op": "rand", "shape": [3]},
        {"op": "randn", "shape": [1]}, {"op": "randn", "shape": [1]}, {"op": "randn", "shape": [16]},
        {"op": "randn", "shape": [15]}, {"op": "randn", "shape": [15]}, {"op": "randn", "shape": []}]))
    res.append(run("small and vectorised embeddings", 5, [
        {"op": "embedding", "num": 2, "dim": 3}, {"op": "embedding", "num": 4, "dim": 4},
        {"op": "embedding", "num": 1, "dim": 1}, {"op": "embedding", "num": 3, "dim": 7},
        {"op": "rand", "shape": [5]}, {"op": "embedding", "num": 0, "dim": 3},
        {"op": "randn", "shape": [9]}]))
    res.append(run("crossing mt19937 state refills", 0, [
        {"op": "rand", "shape": [630]}, {"op": "randn", "shape": [7]},
        {"op": "randn", "shape": [650]}, {"op": "rand", "shape": [5]}]))
    rnd = random.Random(2024)
    for k in range(6):
        calls = []
        for _ in range(rnd.randint(8, 16)):
            kind = rnd.choice(["rand", "randn", "randn", "embedding"])
            if kind == "embedding":
                calls.append({"op": kind, "num": rnd.randint(1, 9), "dim": rnd.randint(1, 9)})
            else:
                n = rnd.choice([0, 1, 1, 2, 3, 5, 8, 13, 15, 16, 17, 23, 40, 64, 77])
                shape = rnd.choice([[n], [n, 2], [2, n]]) if n else [n]
                calls.append({"op": kind, "shape": shape})
        res.append(run(f"random sequence {k}", rnd.choice(SEEDS + [rnd.randint(0, 2**40)]), calls))

    # The seed notebooks.
    res.append(run("notebook 003: Embedding(6, 16)", 123, [{"op": "embedding", "num": 6, "dim": 16}]))
    res.append(run("notebook 003: W_Q, W_K, W_V", 123, [
        {"op": "rand", "shape": [24, 16]}, {"op": "rand", "shape": [24, 16]},
        {"op": "rand", "shape": [28, 16]}]))
    res.append(run("notebook 004: Embedding(50000, 3), then W_query, W_key, W_value", 123, [
        {"op": "embedding", "num": 50000, "dim": 3, "rows": [0, 2, 3, 4, 5, 7, 8, 9, 49999]},
        {"op": "rand", "shape": [3, 24]}, {"op": "rand", "shape": [3, 24]},
        {"op": "rand", "shape": [3, 28]}]))

    # Millions of values, checked through a hash of their bits.
    res.append(run("big randn, odd size (AVX2 kernel, re-done tail)", 1, [
        {"op": "randn", "shape": [1000003], "hashOnly": True}, {"op": "rand", "shape": [3]}]))
    res.append(run("big rand", 2, [
        {"op": "rand", "shape": [1000, 1000], "hashOnly": True}, {"op": "randn", "shape": [3]}]))
    return res


def parse_notebook(path):
    """The seed, Embedding(num, dim), token ids and printed embedding rows of a seed notebook."""
    text = open(path, encoding="utf-8").read()
    m = re.search(r"torch\.manual_seed\((\d+)\)[^\n]*\n(?:[^\n]*\n){0,8}?[^\n]*Embedding\((\w+),\s*(\d+)\)", text)
    if not m:
        raise ValueError(f"{path}: no manual_seed(...) followed by Embedding(...)")
    seed, num, dim = int(m.group(1)), m.group(2), int(m.group(3))
    if not num.isdigit():
        num = re.findall(rf"\b{num}\s*=\s*(\d+)", text[: m.end()])[-1]
    num = int(num)
    tokens = re.findall(r"tensor\(\[([\d,\s]+)\]\)", text[: m.start()])[-1]
    tokens = [int(x) for x in tokens.split(",")]
    printed = re.search(r"tensor\(\[\[([\s\S]*?)\]\]\)", text[m.end():]).group(1)
    rows = [[float(x) for x in r.replace("[", "").replace("]", "").split(",") if x.strip()]
            for r in printed.split("],")]
    assert len(rows) == len(tokens) and all(len(r) == dim for r in rows), path
    return {"source": os.path.basename(path), "seed": seed, "num": num, "dim": dim,
            "tokens": tokens, "printed": rows}


def notebook_table():
    paths = sorted(glob.glob(os.path.join(SEEDS_DIR, "003_*.txt")) +
                   glob.glob(os.path.join(SEEDS_DIR, "004_*.txt")))
    if len(paths) != 2:
        old = os.path.join(FIXTURE_DIR, "rng.json")
        print(f"seed notebooks not found in {SEEDS_DIR}; keeping the table in {old}")
        return json.load(open(old))["notebook"]
    table = [parse_notebook(p) for p in paths]
    for nb in table:  # our PyTorch must print the notebook's numbers
        torch.manual_seed(nb["seed"])
        w = torch.nn.Embedding(nb["num"], nb["dim"]).weight.detach()
        got = [[float(f"{v:.4f}") for v in w[t].tolist()] for t in nb["tokens"]]
        assert got == nb["printed"], f"{nb['source']}: PyTorch disagrees with the notebook"
    return table


if __name__ == "__main__":
    write("rng.json", {"cases": cases(), "notebook": notebook_table()})
