"""Golden outputs for src/math/ops.ts and src/math/attention.ts, from real PyTorch 1.13 (CPU).

Writes src/math/fixtures/ops.json:
- the seed notebooks' computations (inputs regenerated with the notebooks' own seeds where they
  used torch's RNG, or the printed 4-decimal values where they did not);
- per-op cases: special values (inf, -inf, nan, overflow, masked rows) and seeded random cases;
- attention pipelines up to 256 tokens x 64 dims, whose inputs come from a tiny LCG both Python
  and TypeScript implement, stored as FNV-1a hashes of the float32 bits plus a few sample rows.

Run: /usr/bin/python3 scripts/goldens/ops.py   (or `npm run fixtures`)
"""
import ctypes
import math
import random

import numpy as np
import torch
import torch.nn.functional as F

from common import SEED_000_INPUTS, SEED_001_INPUTS, SEED_002_EMBEDDINGS, num, tensor_json, write

torch.set_num_threads(1)  # reduction and softmax orders are recorded for one thread

INF = float("inf")
NAN = float("nan")

rng = random.Random(20240601)
torch.manual_seed(20240601)


def T(x):
    return tensor_json(x)


def rand_tensor(*shape):
    """Random float32 values with a spread of magnitudes (and signs)."""
    kind = rng.choice(["randn", "rand", "scaled"])
    if kind == "randn":
        return torch.randn(*shape)
    if kind == "rand":
        return torch.rand(*shape)
    return torch.randn(*shape) * 10 ** rng.uniform(-3, 3)


def small_size(limit):
    """Mostly small sizes (the lessons' 6-10 tokens), sometimes up to `limit`."""
    return rng.randint(1, 12) if rng.random() < 0.7 else rng.randint(1, limit)


# --- the LCG shared with the TypeScript tests and benchmark -------------------------------------


def lcg_tensor(seed, *shape):
    """Values k / 2^23 - 1 (exact in float32) from a 32-bit LCG: reproducible in any language."""
    state = seed & 0xFFFFFFFF
    n = 1
    for d in shape:
        n *= d
    out = []
    for _ in range(n):
        state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
        out.append((state >> 8) / 16777216.0 * 2.0 - 1.0)
    return torch.tensor(out, dtype=torch.float32).reshape(*shape)


def fnv(t):
    """FNV-1a over the float32 bit patterns (NaN canonicalised to 0x7fc00000)."""
    h = 0x811C9DC5
    flat = t.detach().contiguous().reshape(-1)
    bits = flat.view(torch.int32).tolist()
    nans = torch.isnan(flat).tolist()
    for b, isnan in zip(bits, nans):
        b = 0x7FC00000 if isnan else b & 0xFFFFFFFF
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def summary(t):
    """Hash plus first and last row, so a mismatch can be located without storing everything."""
    t = t.detach()
    rows = t if t.dim() == 2 else t.reshape(1, -1)
    return {"shape": list(t.shape), "hash": fnv(t), "first": T(rows[0]), "last": T(rows[-1])}


# --- exp: Sleef (torch.exp) and glibc expf (std::exp in scalar fallbacks) -----------------------


def exp_inputs(count):
    xs = [rng.uniform(-20, 20) for _ in range(count // 2)]
    xs += [rng.uniform(-110, 105) for _ in range(count // 4)]
    xs += [rng.gauss(0, 1) for _ in range(count - len(xs))]
    xs += [0.0, -0.0, 1.0, -1.0, 88.0, 88.72, 88.73, 89.0, 100.0, 100.0001, 101.0, -87.3]
    xs += [-103.9, -103.98, -104.0, -104.0001, -110.0, INF, -INF, NAN, 1e30, -1e30, 1e-30]
    return torch.tensor(xs, dtype=torch.float32)


libm = ctypes.CDLL("libm.so.6")
libm.expf.restype = ctypes.c_float
libm.expf.argtypes = [ctypes.c_float]

x_exp = exp_inputs(2000)
x_libm = exp_inputs(1000)
exp_cases = {
    "sleef": {"x": T(x_exp), "y": T(torch.exp(x_exp))},
    "libm": {
        "x": T(x_libm),
        "y": T(torch.tensor([libm.expf(v) for v in x_libm.tolist()], dtype=torch.float32)),
    },
}

# --- dot and matmul ------------------------------------------------------------------------------

dot_cases = []
for _ in range(120):
    n = small_size(48)
    a, b = rand_tensor(n), rand_tensor(n)
    dot_cases.append({"a": T(a), "b": T(b), "y": T(torch.dot(a, b))})

matmul_cases = []
for i in range(96):
    kind = ["mm", "mm", "aat", "mv", "vm", "vv"][i % 6]
    m, k, n = small_size(16), small_size(24), small_size(16)
    if kind == "mm":
        a, b = rand_tensor(m, k), rand_tensor(k, n)
    elif kind == "aat":
        a = rand_tensor(m, k)
        b = a.T  # x @ x.T: BLAS sees a transposed operand
    elif kind == "mv":
        a, b = rand_tensor(m, k), rand_tensor(k)
    elif kind == "vm":
        a, b = rand_tensor(k), rand_tensor(k, n)
    else:
        a, b = rand_tensor(k), rand_tensor(k)
    matmul_cases.append({"kind": kind, "a": T(a), "b": T(b.contiguous()), "y": T(a @ b)})
special_a = torch.tensor([[0.0, 1.0], [1.0, 0.0], [2.0, -1.0]])
special_b = torch.tensor([[INF, 2.0, -INF], [1.0, NAN, 3.0]])
matmul_cases.append(
    {"kind": "special", "a": T(special_a), "b": T(special_b), "y": T(special_a @ special_b)}
)
big = torch.tensor([[1e30, 1e30], [1e-30, 1e-30]])
matmul_cases.append({"kind": "special", "a": T(big), "b": T(big), "y": T(big @ big)})

# --- sums ----------------------------------------------------------------------------------------

sum_cases = []
for i in range(160):
    n = rng.randint(1, 20) if i % 2 else rng.randint(1, 130)
    x = rand_tensor(n)
    if i % 3 == 0:
        x = torch.softmax(x, 0)  # near-1 totals: exactly 1 or not depends on the order
    sum_cases.append({"x": T(x), "dim": None, "keepdim": False, "y": T(x.sum())})
for i in range(54):
    r, c = small_size(16), small_size(40)
    x = rand_tensor(r, c)
    if i % 2 == 0:
        x = torch.softmax(x, -1)
    dim = [None, 0, 1, -1, 0, 1][i % 6]
    keepdim = dim is not None and i % 4 == 1
    y = x.sum() if dim is None else x.sum(dim=dim, keepdim=keepdim)
    sum_cases.append({"x": T(x), "dim": dim, "keepdim": keepdim, "y": T(y)})
for vals in ([1.0, -0.0], [-0.0, -0.0], [INF, -INF], [INF, 1.0], [NAN, 1.0], [3e38, 3e38], []):
    x = torch.tensor(vals, dtype=torch.float32)
    sum_cases.append({"x": T(x), "dim": None, "keepdim": False, "y": T(x.sum())})

numpy_sum_cases = []
for i in range(60):
    n = rng.randint(1, 20) if i % 2 else rng.randint(1, 200)
    x = rand_tensor(n)
    if i % 3 == 0:
        x = torch.softmax(x, 0)
    numpy_sum_cases.append({"x": T(x), "y": num(x.numpy().sum())})

# --- norms ---------------------------------------------------------------------------------------

norm_cases = []
for i in range(80):
    r, c = small_size(12), small_size(40)
    x = rand_tensor(r, c)
    dim = [1, 1, 1, 0, None, -1][i % 6]
    y = torch.norm(x) if dim is None else torch.norm(x, dim=dim)
    norm_cases.append({"x": T(x), "dim": dim, "y": T(y)})
for _ in range(20):
    x = rand_tensor(small_size(64))
    norm_cases.append({"x": T(x), "dim": 0, "y": T(torch.norm(x, dim=0))})
special_norm = torch.tensor([[INF, NAN], [NAN, INF], [3e30, 4e30], [1e-30, 1e-30], [3.0, 4.0]])
norm_cases.append({"x": T(special_norm), "dim": 1, "y": T(torch.norm(special_norm, dim=1))})

# --- softmax -------------------------------------------------------------------------------------

softmax_cases = []
for i in range(120):
    x = rand_tensor(small_size(64))
    softmax_cases.append({"x": T(x), "dim": 0, "y": T(torch.softmax(x, 0))})
for i in range(60):
    r, c = small_size(20), small_size(20)
    x = rand_tensor(r, c)
    dim = [-1, 1, 0][i % 3]
    softmax_cases.append({"x": T(x), "dim": dim, "y": T(torch.softmax(x, dim))})
for shape, dim in (((2, 3, 4), 0), ((2, 3, 4), 1), ((2, 3, 4), 2), ((3, 2, 9), 1), ((2, 9, 10), 0)):
    x = torch.randn(*shape)
    softmax_cases.append({"x": T(x), "dim": dim, "y": T(torch.softmax(x, dim))})
special_rows = [
    [100.0, 1000.0, 1e30],
    [1.0, INF, 2.0],
    [-INF, -INF],
    [1.0, NAN, 2.0],
    [-INF, 1.0],
    [INF, INF],
    [-INF, 0.5, -INF, 2.0, -INF, 0.25, -INF, 1.0, 3.0, -INF],
    [88.0, 89.0, 90.0, 0.0],
    [-1e30, 0.0, 1e30],
    [5.0],
    [-INF],
]
for row in special_rows:
    x = torch.tensor(row, dtype=torch.float32)
    softmax_cases.append({"x": T(x), "dim": -1, "y": T(torch.softmax(x, -1))})
masked = torch.randn(9, 9).masked_fill(torch.triu(torch.ones(9, 9), diagonal=1).bool(), -INF)
masked[4] = -INF  # a fully masked row
for dim in (-1, 0):
    softmax_cases.append({"x": T(masked), "dim": dim, "y": T(torch.softmax(masked, dim))})
odd = torch.tensor([[1.0, NAN, INF], [NAN, 2.0, 1.0], [3.0, 1.0, -INF]])
for dim in (0, 1):
    softmax_cases.append({"x": T(odd), "dim": dim, "y": T(torch.softmax(odd, dim))})
zero_d = torch.tensor(3.0)
softmax_cases.append({"x": T(zero_d), "dim": 0, "y": T(torch.softmax(zero_d, 0))})


def softmax_naive(x, dim=0):
    """Seed 001's definition (for 1-d input and dim 0, as the notebook calls it)."""
    return torch.exp(x) / torch.exp(x).sum(dim=dim, keepdim=x.dim() > 1)


naive_cases = []
for i in range(50):
    x = rand_tensor(small_size(40))
    naive_cases.append({"x": T(x), "dim": 0, "y": T(softmax_naive(x))})
overflowing = ([100.0, 1000.0, 1e30, 1.0], [88.0, 89.0], [100.0, 1.0, 2.0], [-200.0, -300.0], [0.5, 1.5, 2.5])
for row in overflowing:
    x = torch.tensor(row, dtype=torch.float32)
    naive_cases.append({"x": T(x), "dim": 0, "y": T(softmax_naive(x))})
x2 = rand_tensor(5, 7)
naive_cases.append({"x": T(x2), "dim": 0, "y": T(torch.exp(x2) / torch.exp(x2).sum(dim=0))})

# --- elementwise ---------------------------------------------------------------------------------

elementwise_cases = []
for i in range(40):
    n = small_size(24)
    a = rand_tensor(n)
    k = rng.choice([math.sqrt(24), math.sqrt(64), 24**0.5, 3.0, 7.1, 0.3, -2.5, 1e-3])
    elementwise_cases.append({"op": "div", "a": T(a), "k": k, "y": T(a / k)})
    elementwise_cases.append({"op": "scale", "a": T(a), "k": k, "y": T(a * k)})
for i in range(30):
    r, c = small_size(8), small_size(8)
    a = rand_tensor(r, c)
    # same shape, a row vector, a column, a 1 x c row, a 0-d tensor
    shapes = [(r, c), (c,), (r, 1), (1, c), ()]
    b = rand_tensor(*shapes[i % 5]) if shapes[i % 5] else rand_tensor(1).reshape(())
    op = ["add", "sub", "mul", "divTensor"][i % 4]
    y = {"add": a + b, "sub": a - b, "mul": a * b, "divTensor": a / b}[op]
    elementwise_cases.append({"op": op, "a": T(a), "b": T(b), "y": T(y)})
zero_div = torch.tensor([1.0, -1.0, 0.0])
zero = torch.tensor(0.0)
elementwise_cases.append({"op": "divTensor", "a": T(zero_div), "b": T(zero), "y": T(zero_div / zero)})

# --- the seed notebooks --------------------------------------------------------------------------

seeds = {}

# 000: "Dream big and work for it"
inputs = torch.tensor(SEED_000_INPUTS)
query = inputs[1]
attn_scores_2 = torch.empty(inputs.shape[0])
for i, x_i in enumerate(inputs):
    attn_scores_2[i] = torch.dot(x_i, query)
softmax_m = torch.nn.Softmax(dim=-1)
attn_weights_2 = softmax_m(attn_scores_2)
attn_scores = inputs @ inputs.T
attn_weights = softmax_m(attn_scores)
all_context_vecs = attn_weights @ inputs
seeds["000"] = {
    "inputs": T(inputs),
    "magnitudes": T(torch.norm(inputs, dim=1)),
    "attn_scores_2": T(attn_scores_2),
    "naive_weights_2": T(attn_scores_2 / attn_scores_2.sum()),
    "naive_weights_2_sum": T((attn_scores_2 / attn_scores_2.sum()).sum()),
    "attn_weights_2": T(attn_weights_2),
    "attn_weights_2_numpy_sum": num(attn_weights_2.numpy().sum()),
    "attn_scores": T(attn_scores),
    "attn_weights": T(attn_weights),
    "row_sums": T(attn_weights.sum(dim=-1)),
    "all_context_vecs": T(all_context_vecs),
    "updated_inputs": T(torch.cat((inputs, all_context_vecs[1].unsqueeze(0)), dim=0)),
}

# 001: "Your journey starts with one step"
inputs = torch.tensor(SEED_001_INPUTS)
query = inputs[1]
attn_score_2 = torch.empty(inputs.shape[0])
for i, x_i in enumerate(inputs):
    attn_score_2[i] = torch.dot(query, x_i)
attn_weights_temp = attn_score_2 / attn_score_2.sum()
attn_weights_2 = torch.softmax(attn_score_2, dim=0)
context_vec_2 = torch.zeros(query.shape)
for i, x_i in enumerate(inputs):
    context_vec_2 += attn_weights_2[i] * inputs[i]
loop_scores = torch.empty(inputs.shape[0], inputs.shape[0])
for i, x_i in enumerate(inputs):
    for j, x_j in enumerate(inputs):
        loop_scores[i, j] = torch.dot(x_i, x_j)
attn_scores = inputs @ inputs.T
attn_weights = torch.softmax(attn_scores, dim=1)
seeds["001"] = {
    "inputs": T(inputs),
    "dot_2_1": T(torch.dot(query, inputs[0])),
    "attn_score_2": T(attn_score_2),
    "attn_weights_temp": T(attn_weights_temp),
    "attn_weights_temp_sum": T(attn_weights_temp.sum()),
    "softmax_naive": T(softmax_naive(attn_score_2)),
    "attn_weights_2": T(attn_weights_2),
    "attn_weights_2_sum": T(attn_weights_2.sum()),
    "context_vec_2": T(context_vec_2),
    "loop_scores": T(loop_scores),
    "attn_scores": T(attn_scores),
    "attn_weights": T(attn_weights),
    "row_sums": T(attn_weights.sum(dim=-1)),
    "context": T(attn_weights @ inputs),
}

# 002: random embeddings, re-entered from the notebook's 4-decimal printout
word_embeddings = torch.tensor(SEED_002_EMBEDDINGS)
word_embed_self = word_embeddings[1]
sim_score = torch.tensor([torch.dot(word_embed_self, embed) for embed in word_embeddings])
sim_weights = torch.softmax(sim_score, axis=-1)
context_vector = torch.zeros(3)
for i in range(6):
    context_vector += sim_weights[i] * word_embeddings[i]
similarity_mat = torch.matmul(word_embeddings, word_embeddings.T)
similarity_weights = torch.softmax(similarity_mat, axis=-1)
seeds["002"] = {
    "word_embeddings": T(word_embeddings),
    "sim_score": T(sim_score),
    "sim_weights_naive": T(sim_score / sim_score.sum()),
    "sim_weights": T(sim_weights),
    "sim_weights_sum": T(sim_weights.sum()),
    "context_vector": T(context_vector),
    "similarity_mat": T(similarity_mat),
    "similarity_weights": T(similarity_weights),
    "row_0_sum": T(similarity_weights[0].sum(axis=-1)),
    "row_sums": T(similarity_weights.sum(dim=-1)),
    "context_matrix": T(torch.matmul(similarity_weights, word_embeddings)),
}

# 003: Raschka's article, "Life is short, eat dessert first": W is (d_out, d_in)
sentence = "Life is short, eat dessert first"
vocab = {w: i for i, w in enumerate(sorted(sentence.replace(",", "").split()))}
sentence_vec = torch.tensor([vocab[w] for w in sentence.replace(",", "").split()])
torch.manual_seed(123)
embedding = torch.nn.Embedding(6, 16)
embedded_sentence = embedding(sentence_vec).detach()
torch.manual_seed(123)
d = embedded_sentence.shape[1]
d_q, d_k, d_v = 24, 24, 28
W_query = torch.rand(d_q, d)
W_key = torch.rand(d_k, d)
W_value = torch.rand(d_v, d)
x_2 = embedded_sentence[1]
query_2 = W_query.matmul(x_2)
keys = W_key.matmul(embedded_sentence.T).T
values = W_value.matmul(embedded_sentence.T).T
omega_2 = query_2.matmul(keys.T)
attention_weights_2 = F.softmax(omega_2 / d_k**0.5, dim=0)
seeds["003"] = {
    "embedded_sentence": T(embedded_sentence),
    "W_query": T(W_query),
    "W_key": T(W_key),
    "W_value": T(W_value),
    "query_2": T(query_2),
    "key_2": T(W_key.matmul(x_2)),
    "value_2": T(W_value.matmul(x_2)),
    "keys": T(keys),
    "values": T(values),
    "omega_24": T(query_2.dot(keys[4])),
    "omega_2": T(omega_2),
    "omega_2_scaled": T(omega_2 / d_k**0.5),
    "attention_weights_2": T(attention_weights_2),
    "context_vector_2": T(attention_weights_2.matmul(values)),
    "queries_all": T(W_query.matmul(embedded_sentence.T).T),
}

# 004: "Hello World I am an attention seeker I love attention": W is (d_in, d_out)
tokens_tf = torch.tensor([0, 3, 2, 4, 5, 7, 9, 2, 8, 7])
torch.manual_seed(123)
embedder = torch.nn.Embedding(50000, 3)
token_embedding = embedder(tokens_tf).detach()
w_query = torch.rand(3, 24)
w_key = torch.rand(3, 24)
w_value = torch.rand(3, 28)
q4 = token_embedding @ w_query
k4 = token_embedding @ w_key
v4 = token_embedding @ w_value
q_kt = q4 @ k4.T
f4 = q_kt / math.sqrt(24)
s4 = F.softmax(f4, dim=-1)
causal4 = f4.masked_fill(torch.triu(torch.ones(10, 10), diagonal=1).bool(), -torch.inf)
seeds["004"] = {
    "token_embedding": T(token_embedding),
    "w_query": T(w_query),
    "w_key": T(w_key),
    "w_value": T(w_value),
    "query": T(q4),
    "key": T(k4),
    "value": T(v4),
    "q_kt": T(q_kt),
    "f": T(f4),
    "s": T(s4),
    "context_vector": T(s4 @ v4),
    "causal_weights": T(F.softmax(causal4, dim=-1)),
    "causal_context": T(F.softmax(causal4, dim=-1) @ v4),
}

# --- attention pipelines on LCG inputs ------------------------------------------------------------

pipelines = []
def pipeline_spec(name, seed, n, d_in, d_k=None, d_v=None, layout=None, causal=False):
    spec = {"name": name, "seed": seed, "n": n, "d_in": d_in}
    if d_k is None:
        return {**spec, "simple": True}
    return {**spec, "d_k": d_k, "d_v": d_v, "layout": layout, "causal": causal}


for spec in (
    pipeline_spec("plain 6x3", 1, 6, 3),
    pipeline_spec("6x3 -> 2", 2, 6, 3, 2, 2, "x@W"),
    pipeline_spec("10x3 -> 24/28", 3, 10, 3, 24, 28, "x@W"),
    pipeline_spec("6x16 -> 24/28 (W@x)", 4, 6, 16, 24, 28, "W@x"),
    pipeline_spec("64x64", 5, 64, 64, 64, 64, "x@W"),
    pipeline_spec("64x64 causal", 6, 64, 64, 64, 64, "x@W", causal=True),
    pipeline_spec("256x64", 7, 256, 64, 64, 64, "x@W"),
    pipeline_spec("256x64 causal (W@x)", 8, 256, 64, 32, 48, "W@x", causal=True),
):
    x = lcg_tensor(spec["seed"], spec["n"], spec["d_in"])
    if spec.get("simple"):
        scores = x @ x.T
        weights = torch.softmax(scores, dim=-1)
        context = weights @ x
        summaries = {"scores": summary(scores), "weights": summary(weights), "context": summary(context)}
        pipelines.append({**spec, **summaries})
        continue
    dk, dv, layout = spec["d_k"], spec["d_v"], spec["layout"]

    def wshape(d_out):
        return (spec["d_in"], d_out) if layout == "x@W" else (d_out, spec["d_in"])

    wq = lcg_tensor(spec["seed"] * 101 + 1, *wshape(dk))
    wk = lcg_tensor(spec["seed"] * 101 + 2, *wshape(dk))
    wv = lcg_tensor(spec["seed"] * 101 + 3, *wshape(dv))
    if layout == "x@W":
        q, k, v = x @ wq, x @ wk, x @ wv
    else:
        q, k, v = wq.matmul(x.T).T, wk.matmul(x.T).T, wv.matmul(x.T).T
    scores = q @ k.T
    scaled = scores / math.sqrt(dk)
    pre = scaled
    if spec.get("causal"):
        n = spec["n"]
        pre = scaled.masked_fill(torch.triu(torch.ones(n, n), diagonal=1).bool(), -torch.inf)
    weights = torch.softmax(pre, dim=-1)
    context = weights @ v
    pipelines.append(
        {
            **spec,
            "queries": summary(q),
            "keys": summary(k),
            "values": summary(v),
            "scores": summary(scores),
            "scaled": summary(scaled),
            "weights": summary(weights),
            "row_sums": summary(weights.sum(dim=-1)),
            "context": summary(context),
        }
    )

write(
    "ops.json",
    {
        "exp": exp_cases,
        "dot": dot_cases,
        "matmul": matmul_cases,
        "sum": sum_cases,
        "sumNumpy": numpy_sum_cases,
        "norm": norm_cases,
        "softmax": softmax_cases,
        "softmaxNaive": naive_cases,
        "elementwise": elementwise_cases,
        "seeds": seeds,
        "pipelines": pipelines,
    },
)

# What the notebooks print, for a quick look when regenerating.
for label, seed, key in (
    ("001 naive weights sum", "001", "attn_weights_temp_sum"),
    ("001 softmax sum", "001", "attn_weights_2_sum"),
    ("001 row sums", "001", "row_sums"),
    ("002 sim_weights sum", "002", "sim_weights_sum"),
    ("002 row 0 sum", "002", "row_0_sum"),
):
    print(f"{label}: {seeds[seed][key]['data']}")
print(f"000 numpy sum: {seeds['000']['attn_weights_2_numpy_sum']}")
