"""Goldens for src/math/grad.ts, optim.ts and train.ts: gradients and training runs from real
PyTorch 1.13 (CPU, one thread, reference BLAS; see run.sh).

Writes src/math/fixtures/train.json with
  ops:   one case per op and shape: inputs, the gradient fed back, and what autograd returned
         (loss values and gradients), every tensor as base64 of its little-endian float32 bytes;
  grads: the trainable attention pipeline's loss and gradients of W_query, W_key, W_value for
         both tasks (cross-entropy on the scaled scores, MSE on the context), with and without
         the causal mask;
  runs:  whole training loops (zero_grad, forward, backward, step) with SGD and Adam: the loss
         of every step as float32 bits, what print(loss) showed (the number only: the script
         asserts the rest), and the three weight matrices after each of the first 20 steps.

Run: /usr/bin/python3 scripts/goldens/train.py   (or `npm run fixtures`)
"""
import base64
import math
import re

import numpy as np
import torch
import torch.nn.functional as F

from common import SEED_001_INPUTS, write

torch.set_num_threads(1)

WEIGHT_STEPS = 20
STEPS = 500


def b64(t):
    """A float32 tensor (any shape) as base64 of its row-major little-endian bytes."""
    a = t.detach().contiguous().to(torch.float32).numpy().astype("<f4")
    return base64.b64encode(a.tobytes()).decode("ascii")


def enc(t):
    return {"shape": list(t.shape), "b64": b64(t)}


def randn(seed, *shape, scale=1.0):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(*shape, generator=g) * scale


def leaf(t):
    return t.detach().clone().requires_grad_(True)


ops = []


def op_case(op, name, inputs, outputs, **extra):
    ops.append(
        {
            "op": op,
            "name": name,
            "inputs": {k: enc(v) for k, v in inputs.items()},
            "outputs": {k: enc(v) for k, v in outputs.items()},
            **extra,
        }
    )


# --- per-op gradients -------------------------------------------------------------------------

SIZES = [1, 3, 7, 9, 17]

seed = 1
for m, k, n in [(1, 1, 1), (6, 3, 2), (3, 7, 9), (9, 17, 7), (17, 9, 1), (1, 17, 3), (33, 17, 9)]:
    a, b, g = randn(seed, m, k), randn(seed + 1, k, n), randn(seed + 2, m, n)
    seed += 3
    A, B = leaf(a), leaf(b)
    (A @ B).backward(g)
    op_case("matmul", f"{m}x{k} @ {k}x{n}", {"a": a, "b": b, "grad": g}, {"out": A @ B, "gradA": A.grad, "gradB": B.grad})

for r, c in [(1, 1), (3, 7), (9, 2)]:
    a, g = randn(seed, r, c), randn(seed + 1, c, r)
    seed += 2
    A = leaf(a)
    A.T.backward(g)
    op_case("transpose", f"{r}x{c}", {"a": a, "grad": g}, {"gradA": A.grad})

for dk in [1, 2, 3, 7, 17, 64]:
    a, g = randn(seed, 5, 9, scale=3), randn(seed + 1, 5, 9)
    seed += 2
    A = leaf(a)
    out = A / math.sqrt(dk)
    out.backward(g)
    op_case("divScalar", f"/ sqrt({dk})", {"a": a, "grad": g}, {"out": out, "gradA": A.grad}, k=dk)

softmax_shapes = [(r, c) for r in (1, 3) for c in SIZES] + [(6, 6), (5, 8), (4, 16), (2, 33), (3, 64)]
for r, c in softmax_shapes:
    for fn in ("softmax", "logSoftmax"):
        a, g = randn(seed, r, c, scale=2), randn(seed + 1, r, c)
        seed += 2
        A = leaf(a)
        out = torch.softmax(A, -1) if fn == "softmax" else torch.log_softmax(A, -1)
        out.backward(g)
        op_case(fn, f"{r}x{c} dim -1", {"a": a, "grad": g}, {"out": out, "gradA": A.grad}, dim=-1)
# softmax and log-softmax along the first dim of a matrix (the strided kernels)
for r, c in [(3, 1), (7, 3), (9, 8), (5, 17), (17, 9), (4, 33)]:
    for fn in ("softmax", "logSoftmax"):
        a, g = randn(seed, r, c, scale=2), randn(seed + 1, r, c)
        seed += 2
        A = leaf(a)
        out = torch.softmax(A, 0) if fn == "softmax" else torch.log_softmax(A, 0)
        out.backward(g)
        op_case(fn, f"{r}x{c} dim 0", {"a": a, "grad": g}, {"out": out, "gradA": A.grad}, dim=0)
# 1-d
for n in [1, 5, 9, 17]:
    for fn in ("softmax", "logSoftmax"):
        a, g = randn(seed, n, scale=2), randn(seed + 1, n)
        seed += 2
        A = leaf(a)
        out = torch.softmax(A, 0) if fn == "softmax" else torch.log_softmax(A, 0)
        out.backward(g)
        op_case(fn, f"{n} dim 0", {"a": a, "grad": g}, {"out": out, "gradA": A.grad}, dim=0)
# masked rows: -inf entries (a causal mask) and a row that is all -inf
for n in [4, 9]:
    for fn in ("softmax", "logSoftmax"):
        a = randn(seed, n, n, scale=2)
        a = a.masked_fill(torch.triu(torch.ones(n, n), diagonal=1).bool(), -torch.inf)
        g = randn(seed + 1, n, n)
        seed += 2
        A = leaf(a)
        out = torch.softmax(A, -1) if fn == "softmax" else torch.log_softmax(A, -1)
        out.backward(g)
        op_case(fn, f"{n}x{n} causal dim -1", {"a": a, "grad": g}, {"out": out, "gradA": A.grad}, dim=-1)
# large logits (log-softmax far from 0, exp underflow)
for fn in ("softmax", "logSoftmax"):
    a, g = randn(seed, 4, 9, scale=60), randn(seed + 1, 4, 9)
    seed += 2
    A = leaf(a)
    out = torch.softmax(A, -1) if fn == "softmax" else torch.log_softmax(A, -1)
    out.backward(g)
    op_case(fn, "4x9 large dim -1", {"a": a, "grad": g}, {"out": out, "gradA": A.grad}, dim=-1)

for n in [3, 9]:
    a, g = randn(seed, n, n), randn(seed + 1, n, n)
    seed += 2
    A = leaf(a)
    mask = torch.triu(torch.ones(n, n), diagonal=1).bool()
    out = A.masked_fill(mask, -torch.inf)
    out.backward(g)
    op_case("maskedFill", f"{n}x{n} causal", {"a": a, "grad": g}, {"out": out, "gradA": A.grad})

for shape in [(1,), (1, 1), (6, 2), (3, 7), (9, 17), (17, 3), (64, 64)]:
    a, t = randn(seed, *shape), randn(seed + 1, *shape)
    seed += 2
    A = leaf(a)
    loss = F.mse_loss(A, t)
    loss.backward()
    op_case("mseLoss", "x".join(map(str, shape)), {"a": a, "target": t}, {"loss": loss, "gradA": A.grad})

ce_rng = np.random.default_rng(7)
for n, c in [(1, 1), (1, 5), (3, 7), (6, 6), (9, 9), (17, 17), (20, 5), (40, 3)]:
    a = randn(seed, n, c, scale=3)
    seed += 1
    target = [int(v) for v in ce_rng.integers(0, c, n)]
    A = leaf(a)
    loss = F.cross_entropy(A, torch.tensor(target))
    loss.backward()
    op_case("crossEntropy", f"{n}x{c}", {"a": a}, {"loss": loss, "gradA": A.grad}, target=target)
# causal scores, every target allowed (j <= i), and one row whose target is masked: loss inf
for n in [6, 9]:
    a = randn(seed, n, n, scale=3).masked_fill(torch.triu(torch.ones(n, n), diagonal=1).bool(), -torch.inf)
    seed += 1
    for label, target in [("allowed", [int(ce_rng.integers(0, i + 1)) for i in range(n)]), ("masked target", [min(i + 1, n - 1) for i in range(n)])]:
        A = leaf(a)
        loss = F.cross_entropy(A, torch.tensor(target))
        loss.backward()
        op_case("crossEntropy", f"{n}x{n} causal, {label}", {"a": a}, {"loss": loss, "gradA": A.grad}, target=target)

for shape in [(1,), (7,), (3, 9), (17, 17)]:
    for fn in ("sum", "mean"):
        a = randn(seed, *shape)
        seed += 1
        A = leaf(a)
        out = A.sum() if fn == "sum" else A.mean()
        out.backward(torch.tensor(0.37))
        op_case(fn, "x".join(map(str, shape)), {"a": a}, {"out": out, "gradA": A.grad}, grad=0.37)


# Sleef's logf as torch.log runs it (Vectorized<float>::log): the log in log-softmax
log_inputs = torch.cat(
    [
        torch.rand(600, generator=torch.Generator().manual_seed(31)) * 64 + 1,
        torch.exp(torch.randn(600, generator=torch.Generator().manual_seed(32)) * 12),
        torch.rand(200, generator=torch.Generator().manual_seed(33)) * 1e-38,
        torch.tensor([1.0, 2.0, 0.5, 1.5, 0.75, 1e-45, 3.4028234663852886e38, torch.inf, 0.0, -0.0, -1.0, torch.nan]),
    ]
)
op_case("log", "torch.log", {"a": log_inputs}, {"out": torch.log(log_inputs)})


# --- the trainable attention pipeline ---------------------------------------------------------


def causal_mask(n):
    return torch.triu(torch.ones(n, n), diagonal=1).bool()


def forward(x, wq, wk, wv, task, causal, target):
    """The lessons' pipeline; returns the loss."""
    queries = x @ wq
    keys = x @ wk
    values = x @ wv
    scores = queries @ keys.T
    scaled = scores / math.sqrt(keys.shape[-1])
    if causal:
        scaled = scaled.masked_fill(causal_mask(x.shape[0]), -torch.inf)
    if task == "crossEntropy":
        return F.cross_entropy(scaled, torch.tensor(target))
    weights = torch.softmax(scaled, dim=-1)
    context = weights @ values
    return F.mse_loss(context, target)


def weights_for(seed, d_in, d_out):
    torch.manual_seed(seed)
    return [torch.nn.Parameter(torch.rand(d_in, d_out)) for _ in range(3)]


def inputs_for(n, d_in, seed):
    if (n, d_in) == (6, 3):
        return torch.tensor(SEED_001_INPUTS)
    return torch.rand(n, d_in, generator=torch.Generator().manual_seed(1000 + seed))


def target_for(task, kind, n, d_out, seed, causal):
    if task == "crossEntropy":
        if kind == "diagonal":
            return list(range(n))
        if kind == "first":
            return [0] * n
        if kind == "masked":  # each row points one key ahead: masked under the causal mask
            return [min(i + 1, n - 1) for i in range(n)]
        rng = np.random.default_rng(seed)
        return [int(rng.integers(0, i + 1 if causal else n)) for i in range(n)]
    if kind == "zeros":
        return torch.zeros(n, d_out)
    return torch.rand(n, d_out, generator=torch.Generator().manual_seed(2000 + seed))


def target_json(task, target):
    return target if task == "crossEntropy" else enc(target)


grads = []
for n, d_in, d_out in [(6, 3, 2), (1, 3, 2), (9, 8, 5), (17, 9, 17)]:
    for task in ("crossEntropy", "mse"):
        for causal in (False, True):
            s = 123 + n
            wq, wk, wv = weights_for(s, d_in, d_out)
            x = inputs_for(n, d_in, s)
            target = target_for(task, "random", n, d_out, s, causal)
            loss = forward(x, wq, wk, wv, task, causal, target)
            loss.backward()
            grads.append(
                {
                    "name": f"{n} tokens, {d_in} -> {d_out}, {task}{', causal' if causal else ''}",
                    "task": task,
                    "causal": causal,
                    "x": enc(x),
                    "weights": [enc(w) for w in (wq, wk, wv)],
                    "target": target_json(task, target),
                    "loss": enc(loss),
                    "grads": [None if w.grad is None else enc(w.grad) for w in (wq, wk, wv)],
                }
            )


# --- training runs ----------------------------------------------------------------------------

GRAD_FN = {"crossEntropy": "NllLossBackward0", "mse": "MseLossBackward0"}
PRINTED = re.compile(r"^tensor\((.*), grad_fn=<(\w+)>\)$")


def run(name, *, seed, n=6, d_in=3, d_out=2, task, causal=False, target="random", optimizer, steps=STEPS, weight_steps=WEIGHT_STEPS):
    wq, wk, wv = params = weights_for(seed, d_in, d_out)
    x = inputs_for(n, d_in, seed)
    tgt = target_for(task, target, n, d_out, seed, causal)
    kind = optimizer["kind"]
    if kind == "sgd":
        opt = torch.optim.SGD(params, lr=optimizer["lr"], momentum=optimizer.get("momentum", 0))
    else:
        opt = torch.optim.Adam(params, lr=optimizer["lr"], betas=tuple(optimizer["betas"]), eps=optimizer["eps"])
    losses, printed, weights = [], [], []
    for step in range(steps):
        opt.zero_grad()
        loss = forward(x, wq, wk, wv, task, causal, tgt)
        shown = str(loss)
        m = PRINTED.match(shown)
        assert m and m.group(2) == GRAD_FN[task], shown
        printed.append(m.group(1))
        losses.append(loss.detach().reshape(1))
        loss.backward()
        opt.step()
        if step < weight_steps:
            weights.append(b64(torch.cat([p.detach().reshape(-1) for p in params])))
    return {
        "name": name,
        "seed": seed,
        "n": n,
        "dIn": d_in,
        "dOut": d_out,
        "x": enc(x),
        "task": task,
        "causal": causal,
        "target": target_json(task, tgt),
        "optimizer": optimizer,
        "steps": steps,
        "losses": b64(torch.cat(losses)),
        "printed": printed,
        "weights": weights,
    }


def sgd(lr, momentum=0.0):
    return {"kind": "sgd", "lr": lr, "momentum": momentum}


def adam(lr, betas=(0.9, 0.999), eps=1e-8):
    return {"kind": "adam", "lr": lr, "betas": list(betas), "eps": eps}


runs = []
for task in ("crossEntropy", "mse"):
    for seed_ in (123, 0, 7):
        runs.append(run(f"{task} SGD lr 0.1 seed {seed_}", seed=seed_, task=task, optimizer=sgd(0.1)))
        runs.append(run(f"{task} Adam lr 0.01 seed {seed_}", seed=seed_, task=task, optimizer=adam(0.01)))
    runs.append(run(f"{task} SGD lr 1 momentum 0.9", seed=123, task=task, optimizer=sgd(1.0, 0.9)))
    runs.append(run(f"{task} SGD lr 0.5 momentum 0.5, causal", seed=123, task=task, causal=True, optimizer=sgd(0.5, 0.5)))
    runs.append(run(f"{task} Adam lr 0.1 betas (0.8, 0.99) eps 1e-6", seed=5, task=task, optimizer=adam(0.1, (0.8, 0.99), 1e-6)))
    runs.append(run(f"{task} Adam lr 0.003, causal", seed=9, task=task, causal=True, optimizer=adam(0.003)))
    runs.append(run(f"{task} Adam lr 1 (large)", seed=123, task=task, optimizer=adam(1.0)))
    runs.append(run(f"{task} SGD lr 1000 (diverges)", seed=123, task=task, optimizer=sgd(1000.0)))
    runs.append(run(f"{task} SGD lr 1e6 momentum 0.9 (diverges)", seed=0, task=task, optimizer=sgd(1e6, 0.9)))
    runs.append(run(f"{task} Adam 9 tokens 8 -> 5", seed=11, n=9, d_in=8, d_out=5, task=task, optimizer=adam(0.05)))
    runs.append(run(f"{task} SGD 17 tokens 9 -> 17, causal", seed=12, n=17, d_in=9, d_out=17, task=task, causal=True, optimizer=sgd(0.3, 0.9), steps=200))
runs.append(run("crossEntropy diagonal target SGD lr 2", seed=123, task="crossEntropy", target="diagonal", optimizer=sgd(2.0)))
runs.append(run("crossEntropy first-key target Adam lr 0.05", seed=1, task="crossEntropy", target="first", optimizer=adam(0.05)))
runs.append(run("crossEntropy masked targets (loss inf), causal", seed=123, task="crossEntropy", target="masked", causal=True, optimizer=sgd(0.1), steps=30))
# the benchmark's size: 64 tokens x 64 dims (every optimizer element in the AVX2 loop)
runs.append(run("crossEntropy Adam 64 tokens 64 -> 64", seed=3, n=64, d_in=64, d_out=64, task="crossEntropy", optimizer=adam(0.01), steps=30, weight_steps=1))
runs.append(run("mse SGD 64 tokens 64 -> 64, causal", seed=4, n=64, d_in=64, d_out=64, task="mse", causal=True, optimizer=sgd(0.5, 0.9), steps=30, weight_steps=1))
runs.append(run("mse zero target SGD lr 0.5", seed=123, task="mse", target="zeros", optimizer=sgd(0.5)))

write("train.json", {"ops": ops, "grads": grads, "runs": runs})
