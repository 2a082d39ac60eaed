"""Fixtures for src/math/trig.ts and src/math/positions.ts: torch.sin / torch.cos / torch.exp, and
the sinusoidal, learned and rotary position encodings, from PyTorch 1.13 on CPU.

Float32 results are stored as base64 of their little-endian bytes ("b64"). For large inputs only a
CRC-32 (zlib) of each block of 65536 output values is stored; the inputs are recomputed by the test
(consecutive float32 bit patterns, or the hash32 generator below), so one hash stands for 65536
values and a mismatch names its block.
"""
import base64
import math
import zlib

import numpy as np
import torch

from common import write

torch.set_num_threads(1)

BLOCK = 65536


def b64(t):
    a = np.ascontiguousarray(t.detach().numpy() if isinstance(t, torch.Tensor) else t, dtype="<f4")
    return base64.b64encode(a.tobytes()).decode("ascii")


def block_crcs(t):
    b = np.ascontiguousarray(t.numpy(), dtype="<f4").tobytes()
    step = BLOCK * 4
    return ["%08x" % zlib.crc32(b[i : i + step]) for i in range(0, len(b), step)]


def hash32(idx, seed):
    """lowbias32 of (index + seed * 0x9e3779b9) mod 2^32: reproducible in any language."""
    x = (idx.astype(np.uint64) + np.uint64((seed * 0x9E3779B9) & 0xFFFFFFFF)) & np.uint64(0xFFFFFFFF)
    x = x.astype(np.uint32)
    with np.errstate(over="ignore"):
        x ^= x >> np.uint32(16)
        x *= np.uint32(0x7FEB352D)
        x ^= x >> np.uint32(15)
        x *= np.uint32(0x846CA68B)
        x ^= x >> np.uint32(16)
    return x


def generated(kind, seed, n, a=0.0, e0=0, e1=0):
    """The inputs of one random trig case; src/math/trig.test.ts builds the same floats."""
    h = hash32(np.arange(n, dtype=np.uint64), seed)
    if kind == "bits":  # any float32: every exponent, subnormals, inf and NaN
        return torch.from_numpy(h.view(np.float32).copy())
    if kind == "uniform":  # (k / 2^24 * 2 - 1) * a in float32, k the top 24 bits
        u = ((h >> np.uint32(8)).astype(np.float64) / 16777216.0 * 2.0 - 1.0).astype(np.float32)
        return torch.from_numpy(u * np.float32(a))
    if kind == "exponents":  # random sign and mantissa, exponent field uniform in [e0, e1]
        h2 = hash32(h.astype(np.uint64), seed + 1)
        e = (np.uint32(e0) + h2 % np.uint32(e1 - e0 + 1)) << np.uint32(23)
        return torch.from_numpy(((h & np.uint32(0x807FFFFF)) | e).view(np.float32))
    raise ValueError(kind)


def f32_bits(x):
    return int(np.array([x], dtype=np.float32).view(np.uint32)[0])


# --- torch.sin / torch.cos / torch.exp ---------------------------------------------------------

# Every float32 in [2^k, 2^(k+1)) (both signs where named), as consecutive bit patterns.
RANGES = []
for k in list(range(-3, 8)) + [20, 60, 90, 91, 127]:
    RANGES.append({"name": f"[2^{k}, 2^{k + 1})", "start": f32_bits(2.0**k), "count": 1 << 23})
for k in (0, 1, 6):
    RANGES.append({"name": f"[-2^{k + 1}, -2^{k}]", "start": f32_bits(-(2.0**k)), "count": 1 << 23})
RANGES.append({"name": "subnormals and +0", "start": 0, "count": 1 << 23})

# exp: every float32 in [2^k, 2^(k+1)) of both signs for k = -3..6 (exp overflows above 88.7 and
# reaches subnormals and 0 below -87.3), and the subnormal inputs.
EXP_RANGES = []
for k in range(-3, 7):
    EXP_RANGES.append({"name": f"[2^{k}, 2^{k + 1})", "start": f32_bits(2.0**k), "count": 1 << 23})
    EXP_RANGES.append({"name": f"[-2^{k + 1}, -2^{k}]", "start": f32_bits(-(2.0**k)), "count": 1 << 23})
EXP_RANGES.append({"name": "subnormals and +0", "start": 0, "count": 1 << 23})
exp_ranges = []
for r in EXP_RANGES:
    bits = np.arange(r["start"], r["start"] + r["count"], dtype=np.uint64).astype(np.uint32)
    exp_ranges.append({**r, "exp": block_crcs(torch.exp(torch.from_numpy(bits.view(np.float32))))})

ranges = []
for r in RANGES:
    bits = np.arange(r["start"], r["start"] + r["count"], dtype=np.uint64).astype(np.uint32)
    x = torch.from_numpy(bits.view(np.float32))
    ranges.append({**r, "sin": block_crcs(torch.sin(x)), "cos": block_crcs(torch.cos(x))})

RANDOM = [
    {"kind": "bits", "seed": 1, "n": 1 << 20},
    {"kind": "uniform", "seed": 2, "n": 1 << 20, "a": 10.0},
    {"kind": "uniform", "seed": 3, "n": 1 << 20, "a": 200.0},  # vectors mix fast and slow lanes
    {"kind": "uniform", "seed": 4, "n": 1 << 20, "a": 1e5},
    {"kind": "exponents", "seed": 5, "n": 1 << 20, "e0": 100, "e1": 254},
    {"kind": "exponents", "seed": 6, "n": 1 << 20, "e0": 0, "e1": 140},
]
random_cases = []
for c in RANDOM:
    x = generated(c["kind"], c["seed"], c["n"], c.get("a", 0.0), c.get("e0", 0), c.get("e1", 0))
    random_cases.append({**c, "sin": block_crcs(torch.sin(x)), "cos": block_crcs(torch.cos(x)),
                         "exp": block_crcs(torch.exp(x))})

# Special values, each alone in a vector ([x, 0, 0, ...] keeps the other lanes on the fast path).
f32 = np.finfo(np.float32)
SPECIAL = [0.0, -0.0, float("inf"), float("-inf"), float("nan"), 1e-45, -1e-45, 1.1754942e-38,
           float(f32.tiny), float(f32.max), -float(f32.max), 124.99999, 125.0, -125.0, 125.00001,
           math.pi, -math.pi, math.pi / 2, math.pi / 4, 3 * math.pi / 2, 2 * math.pi, 0.7, 0.69999,
           1e4, 39000.0, 1e6, 8e6, 1e10, 2.0**24, 2.0**63, 2.0**64, 2.0**90, 2.0**91, 2.0**100,
           1e30, 1e38, 3.4e38, 102.10176, 804.24774, 1.5707964, 3.1415927, 6.2831855, 10000.0,
           88.72283, 88.72284, 100.0, 100.00001, -87.33654, -103.97208, -104.0, -104.00001]
SPECIAL_NAN_BITS = [0x7FC00000, 0xFFC00000, 0x7F800001, 0x7FC12345, 0xFFC12345]
special = torch.cat([torch.tensor(SPECIAL, dtype=torch.float32),
                     torch.from_numpy(np.array(SPECIAL_NAN_BITS, dtype=np.uint32).view(np.float32))])
alone = torch.zeros(len(special), 8)
alone[:, 0] = special
trig_special = {
    "x": b64(special),
    "sin": b64(torch.sin(alone)[:, 0].contiguous()),
    "cos": b64(torch.cos(alone)[:, 0].contiguous()),
    "exp": b64(torch.exp(special)),
    # the same values packed 8 to a vector, so they share the slow path
    "sinPacked": b64(torch.sin(special)),
    "cosPacked": b64(torch.cos(special)),
}

# Tails: sizes 1..17 (vectors of 8 plus a zero-padded rest), small and mixed values.
tails = []
for n in range(1, 18):
    for kind, a in (("uniform", 100.0), ("uniform", 400.0)):
        x = generated(kind, 100 + n, n, a)
        tails.append({"n": n, "kind": kind, "a": a, "seed": 100 + n,
                      "sin": b64(torch.sin(x)), "cos": b64(torch.cos(x)), "exp": b64(torch.exp(x))})

# A neighbour >= 125 moves the other lanes of its vector to the slow path.
x = generated("uniform", 7, 4096, 100.0)
x_big = x.clone()
x_big[7::8] = 1000.0
coupling = {"seed": 7, "n": 4096, "a": 100.0, "big": 1000.0,
            "sin": b64(torch.sin(x)), "cos": b64(torch.cos(x)),
            "sinBig": b64(torch.sin(x_big)), "cosBig": b64(torch.cos(x_big)),
            "sinChanged": int(((torch.sin(x) != torch.sin(x_big))[torch.arange(4096) % 8 != 7]).sum()),
            "cosChanged": int(((torch.cos(x) != torch.cos(x_big))[torch.arange(4096) % 8 != 7]).sum())}

# --- sinusoidal positions --------------------------------------------------------------------


def sinusoidal(context_length, d):
    pe = torch.zeros(context_length, d)
    position = torch.arange(context_length).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d, 2) * (-math.log(10000.0) / d))
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term[: d // 2])
    return pe, div_term


def sinusoidal_verbatim(context_length, d):
    pe = torch.zeros(context_length, d)
    position = torch.arange(context_length).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d, 2) * (-math.log(10000.0) / d))
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe


sinusoidal_cases = []
for L, d in [(1, 1), (1, 2), (4, 4), (6, 4), (6, 8), (10, 16), (50, 32), (8, 6), (3, 5),
             (7, 3), (9, 1), (128, 7), (200, 64), (130, 9), (1024, 16), (2048, 2), (20, 512)]:
    pe, div_term = sinusoidal(L, d)
    assert str(div_term.dtype) == "torch.float32" and str(pe.dtype) == "torch.float32"
    sinusoidal_cases.append({"contextLength": L, "d": d, "divTerm": b64(div_term), "pe": b64(pe),
                             "printed": str(pe), "printedDivTerm": str(div_term)})

verbatim_errors = []
for L, d in [(4, 5), (10, 3), (1, 1)]:
    try:
        sinusoidal_verbatim(L, d)
        verbatim_errors.append({"contextLength": L, "d": d, "error": None})
    except RuntimeError as e:
        verbatim_errors.append({"contextLength": L, "d": d, "error": str(e)})

# --- learned absolute positions ---------------------------------------------------------------

learned_cases = []
for seed, vocab_size, L, d, ids in [
    (123, 50257, 4, 256, [[40, 367, 2885, 1464], [1807, 3619, 402, 271]]),  # the book's sizes
    (123, 6, 6, 3, [[0, 1, 2, 3, 4, 5]]),
    (0, 10, 5, 4, [3, 1, 4, 1, 5]),
    (42, 100, 8, 16, [[5, 17, 99, 0, 42, 42, 7, 63], [1, 2, 3, 4, 5, 6, 7, 8]]),
    (7, 1000, 3, 33, [[999, 0, 500]]),
]:
    torch.manual_seed(seed)
    token_embedding_layer = torch.nn.Embedding(vocab_size, d)
    pos_embedding_layer = torch.nn.Embedding(L, d)
    token_ids = torch.tensor(ids)
    token_embeddings = token_embedding_layer(token_ids)
    pos_embeddings = pos_embedding_layer(torch.arange(L))
    input_embeddings = token_embeddings + pos_embeddings
    learned_cases.append({
        "seed": seed, "vocabSize": vocab_size, "contextLength": L, "d": d, "tokenIds": ids,
        "pos": b64(pos_embeddings), "printedPos": str(pos_embeddings),
        "input": b64(input_embeddings), "inputShape": list(input_embeddings.shape),
        "printedInput": str(input_embeddings),
    })

# --- rotary positions (RoPE) -------------------------------------------------------------------


def lcg(seed, n):
    """The shared LCG of src/math/fixtures/lcg.ts: k / 2^23 - 1, exact in float32."""
    state = seed & 0xFFFFFFFF
    out = []
    for _ in range(n):
        state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
        out.append((state >> 8) / 16777216.0 * 2.0 - 1.0)
    return torch.tensor(out, dtype=torch.float32)


def rope(x, positions, base=10000.0):
    d = x.shape[-1]
    theta = torch.exp(torch.arange(0, d, 2) * (-math.log(base) / d))
    angles = positions.unsqueeze(1) * theta
    cos, sin = torch.cos(angles), torch.sin(angles)
    x1, x2 = x[:, 0::2], x[:, 1::2]
    out = torch.empty_like(x)
    out[:, 0::2] = x1 * cos - x2 * sin
    out[:, 1::2] = x1 * sin + x2 * cos
    return out


rope_cases = []
for seed, n, d, positions, base in [
    (11, 1, 2, [0], 10000.0),
    (12, 6, 4, list(range(6)), 10000.0),
    (13, 6, 8, list(range(6)), 10000.0),
    (14, 16, 16, list(range(16)), 10000.0),
    (15, 200, 8, list(range(200)), 10000.0),
    (16, 5, 64, [0, 7, 1000, 100000, 16777217], 10000.0),
    (17, 4, 6, [3, 2, 1, 0], 500000.0),
    (18, 40, 128, list(range(40)), 10000.0),
]:
    x = lcg(seed, n * d).reshape(n, d)
    out = rope(x, torch.tensor(positions), base)
    rope_cases.append({"seed": seed, "n": n, "d": d, "positions": positions, "base": base,
                       "out": b64(out), "printed": str(out)})

# q . k after rotation depends on m - n only in real numbers; in float32 it may not.
score_cases = []
for seed, d, offset, pairs in [
    (21, 8, 2, [(2, 0), (3, 1), (4, 2), (7, 5), (12, 10), (102, 100), (1002, 1000)]),
    (22, 64, 3, [(3, 0), (4, 1), (10, 7), (50, 47), (200, 197), (5000, 4997)]),
    (23, 4, -1, [(0, 1), (1, 2), (5, 6), (9, 10), (130, 131)]),
    (24, 16, 0, [(0, 0), (1, 1), (8, 8), (127, 127), (2048, 2048)]),
]:
    q = lcg(seed, d)
    k = lcg(seed + 1000, d)
    scores = []
    for m, n in pairs:
        assert m - n == offset
        s = torch.dot(rope(q[None], torch.tensor([m]))[0], rope(k[None], torch.tensor([n]))[0])
        scores.append(s)
    score_cases.append({"seedQ": seed, "seedK": seed + 1000, "d": d, "offset": offset,
                        "pairs": [list(p) for p in pairs], "scores": b64(torch.stack(scores)),
                        "printed": [str(s) for s in scores]})

write("positions.json", {
    "trig": {"block": BLOCK, "ranges": ranges, "expRanges": exp_ranges, "random": random_cases,
             "special": trig_special,
             "tails": tails, "coupling": coupling},
    "sinusoidal": sinusoidal_cases,
    "sinusoidalVerbatim": verbatim_errors,
    "learned": learned_cases,
    "rope": rope_cases,
    "ropeScores": score_cases,
})
