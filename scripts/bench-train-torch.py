"""PyTorch's own eager time for the training steps scripts/bench-math.ts times in src/math.

Run by hand (tests never need Python), with a Python that has torch, e.g.

    /usr/bin/python3 scripts/bench-train-torch.py

One step is what a lesson's loop does: optimizer.zero_grad(), the forward pass
(x @ W_query, x @ W_key, x @ W_value, queries @ keys.T, / sqrt(d_k), then cross-entropy on the
scaled scores, or softmax, @ values and MSE against a target context), loss.backward(),
optimizer.step(). Same sizes, optimizers and warm-up/iteration counts as bench-math.ts; one
thread, as the fixtures are recorded. Prints median and p95 per case, and with --json one line of
JSON instead.

Matrix products go to whichever libblas.so.3 the system resolves (on Debian with OpenBLAS
installed, OpenBLAS, which is much faster at 64 x 64 than the reference BLAS the fixtures pin).
To time the configuration src/math reproduces bit for bit:

    LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/blas /usr/bin/python3 scripts/bench-train-torch.py
"""
import json
import math
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(1)


def lcg(seed, n, d):
    """The LCG of src/math/fixtures/lcg.ts, so the inputs equal the TypeScript benchmark's."""
    state = seed & 0xFFFFFFFF
    out = []
    for _ in range(n * d):
        state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
        out.append((state >> 8) / 16777216.0 * 2.0 - 1.0)
    return torch.tensor(out, dtype=torch.float32).reshape(n, d)


def case(n, d_in, d_out, task, opt_kind, lr, warmup, iterations):
    torch.manual_seed(123)
    params = [torch.nn.Parameter(torch.rand(d_in, d_out)) for _ in range(3)]
    wq, wk, wv = params
    target = list(range(n)) if task == "crossEntropy" else torch.rand(n, d_out)
    if task == "crossEntropy":
        target = torch.tensor(target)
    x = lcg(n, n, d_in)
    opt = torch.optim.SGD(params, lr=lr) if opt_kind == "sgd" else torch.optim.Adam(params, lr=lr)

    def step():
        opt.zero_grad()
        queries = x @ wq
        keys = x @ wk
        values = x @ wv
        scaled = (queries @ keys.T) / math.sqrt(keys.shape[-1])
        if task == "crossEntropy":
            loss = F.cross_entropy(scaled, target)
        else:
            loss = F.mse_loss(torch.softmax(scaled, dim=-1) @ values, target)
        loss.backward()
        opt.step()
        return loss

    for _ in range(warmup):
        step()
    samples = []
    for _ in range(iterations):
        t0 = time.perf_counter()
        step()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()

    def pct(p):
        i = min(len(samples) - 1, math.ceil(p / 100 * len(samples)) - 1)
        return samples[max(0, i)]

    loss_name = "cross-entropy" if task == "crossEntropy" else "MSE"
    opt_name = "SGD" if opt_kind == "sgd" else "Adam"
    return {
        "key": f"train-{task}-{opt_kind}-{n}x{d_in}x{d_out}",
        "name": f"training step {n} tokens, {d_in} -> {d_out}, {loss_name}, {opt_name}",
        "iterations": iterations,
        "medianMs": pct(50),
        "p95Ms": pct(95),
    }


CASES = [
    (6, 3, 2, "crossEntropy", "sgd", 0.1, 2000, 20000),
    (6, 3, 2, "mse", "adam", 0.01, 2000, 20000),
    (64, 64, 64, "crossEntropy", "sgd", 0.1, 50, 300),
    (64, 64, 64, "mse", "adam", 0.01, 50, 300),
]

rows = [case(*c) for c in CASES]
if "--json" in sys.argv:
    print(json.dumps({"torch": torch.__version__, "cases": rows}))
else:
    print(f"PyTorch {torch.__version__} eager, {torch.get_num_threads()} thread")
    width = max(len(r["name"]) for r in rows)
    for r in rows:
        fmt = lambda ms: f"{ms * 1000:.1f} µs" if ms < 0.1 else f"{ms:.3f} ms"
        print(f"{r['name'].ljust(width)} | median {fmt(r['medianMs']).rjust(10)} | p95 {fmt(r['p95Ms']).rjust(10)}")
