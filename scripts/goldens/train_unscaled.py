"""Goldens for training without the division by sqrt(d_k) (src/math/train.ts, `scaled: false`):
whole training loops from real PyTorch 1.13 (CPU, one thread, reference BLAS; see run.sh) whose
cross-entropy and softmax see the raw `queries @ keys.T`, beside the same loops scaled, at the
lesson's size and at d_k = 64, where unscaled scores saturate the softmax.

Writes src/math/fixtures/train-unscaled.json: per run the start (seed, x, target), the optimizer,
the loss of every step as float32 bits, what print(loss) showed, and the three weight matrices
after each of the first few steps, every tensor as base64 of its little-endian float32 bytes.

Run: /usr/bin/python3 scripts/goldens/train_unscaled.py   (or `npm run fixtures`)
"""
import base64
import math
import re

import torch
import torch.nn.functional as F

from common import SEED_001_INPUTS, write

torch.set_num_threads(1)

PRINTED = re.compile(r"^tensor\((.*), grad_fn=<(\w+)>\)$")


def b64(t):
    a = t.detach().contiguous().to(torch.float32).numpy().astype("<f4")
    return base64.b64encode(a.tobytes()).decode("ascii")


def enc(t):
    return {"shape": list(t.shape), "b64": b64(t)}


def run(name, *, seed, n, d_in, d_out, task, scaled, optimizer, steps, weight_steps):
    torch.manual_seed(seed)
    params = [torch.nn.Parameter(torch.rand(d_in, d_out)) for _ in range(3)]
    wq, wk, wv = params
    if (n, d_in) == (6, 3):
        x = torch.tensor(SEED_001_INPUTS)
    else:
        x = torch.rand(n, d_in, generator=torch.Generator().manual_seed(1000 + seed))
    if task == "crossEntropy":
        target = [(i + 1) % n for i in range(n)]
    else:
        target = torch.rand(n, d_out, generator=torch.Generator().manual_seed(2000 + seed))
    if optimizer["kind"] == "sgd":
        opt = torch.optim.SGD(params, lr=optimizer["lr"], momentum=optimizer["momentum"])
    else:
        opt = torch.optim.Adam(params, lr=optimizer["lr"], betas=tuple(optimizer["betas"]), eps=optimizer["eps"])
    losses, printed, weights = [], [], []
    for step in range(steps):
        opt.zero_grad()
        scores = (x @ wq) @ (x @ wk).T
        if scaled:
            scores = scores / math.sqrt(d_out)
        if task == "crossEntropy":
            loss = F.cross_entropy(scores, torch.tensor(target))
        else:
            loss = F.mse_loss(torch.softmax(scores, dim=-1) @ (x @ wv), target)
        m = PRINTED.match(str(loss))
        assert m, str(loss)
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
        "scaled": scaled,
        "target": target if task == "crossEntropy" else enc(target),
        "optimizer": optimizer,
        "steps": steps,
        "losses": b64(torch.cat(losses)),
        "printed": printed,
        "weights": weights,
    }


SGD = {"kind": "sgd", "lr": 0.1, "momentum": 0.0}
SGD_M = {"kind": "sgd", "lr": 0.05, "momentum": 0.9}
ADAM = {"kind": "adam", "lr": 0.01, "betas": [0.9, 0.999], "eps": 1e-8}

runs = []
for task in ("crossEntropy", "mse"):
    for opt_name, opt in (("SGD", SGD), ("SGD momentum", SGD_M), ("Adam", ADAM)):
        runs.append(run(f"{task} {opt_name} 6 tokens 3 -> 2, unscaled", seed=123, n=6, d_in=3, d_out=2, task=task, scaled=False, optimizer=opt, steps=300, weight_steps=10))
    for scaled in (False, True):
        runs.append(run(f"{task} Adam 16 tokens 64 -> 64, {'scaled' if scaled else 'unscaled'}", seed=3, n=16, d_in=64, d_out=64, task=task, scaled=scaled, optimizer=ADAM, steps=60, weight_steps=1))

write("train-unscaled.json", {"runs": runs})
