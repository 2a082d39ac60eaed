"""Goldens for src/math/format.ts: how PyTorch 1.13, Python 3 and numpy 1.24 print things.

Writes src/math/fixtures/format.json with
  tensors:   {name, input, options, expected}   expected = str(t) for a real tensor (or Parameter)
  seeds:     {name, input, options, notebook}   printed blocks copied from the seed notebooks; the
                                                script asserts torch still prints exactly that text
  sizes:     {shape, expected}                  str(torch.Size(shape))
  pyFixed:   {x, digits, expected}              f'{x:.{digits}f}'
  pySci:     {x, digits, expected}              f'{x:.{digits}e}' (internal helper, tested too)
  floatRepr: {x, expected}                      repr(float(x))
  f32Repr:   {x, expected}                      str(numpy.float32(x))
  pyRepr:    {value, expected}                  repr(value), value encoded as in encode_py below

options mirror FormatOptions in format.ts: dtype ('int64'), requiresGrad, gradFn, parameter.
Run with a Python that has torch 1.13 (Debian: /usr/bin/python3).
"""
import math
import random
import struct

import numpy as np
import torch

from common import SEED_000_INPUTS, SEED_001_INPUTS, SEED_002_EMBEDDINGS, num, tensor_json, write

torch.set_printoptions(profile="default")

tensors = []


def f32(x):
    """The float32 nearest x, as a Python float (exact)."""
    return struct.unpack("f", struct.pack("f", x))[0]


def case(name, t, **options):
    """One tensor case: the tensor's data, FormatOptions derived from the real object, str(t)."""
    opts = {}
    if t.dtype == torch.int64:
        # the TS Tensor holds float32: only float32-exact integers survive the trip
        assert all(f32(v) == v for v in t.reshape(-1).tolist()), name
        opts["dtype"] = "int64"
    elif t.dtype != torch.float32:
        raise ValueError(f"{name}: unsupported dtype {t.dtype}")
    if isinstance(t, torch.nn.Parameter):
        opts["parameter"] = True
    if t.grad_fn is not None:
        opts["gradFn"] = type(t.grad_fn).__name__
    elif t.requires_grad:
        opts["requiresGrad"] = True
    opts.update(options)
    tensors.append({"name": name, "input": tensor_json(t), "options": opts, "expected": str(t)})


# ---------------------------------------------------------------------------------------------
# Seed notebooks: recompute every printed tensor.
# ---------------------------------------------------------------------------------------------

seeds = []


def seed_block(name, t, notebook):
    """A block printed in a seed notebook: torch must still print exactly that text."""
    got = str(t)
    if got != notebook:
        raise AssertionError(f"{name}: torch prints\n{got}\nbut the notebook shows\n{notebook}")
    opts = {"dtype": "int64"} if t.dtype == torch.int64 else {}
    seeds.append({"name": name, "input": tensor_json(t), "options": opts, "notebook": notebook})
    case("seed/" + name, t)


# seed 000: "Dream big and work for it"
inputs0 = torch.tensor(SEED_000_INPUTS)
case("seed000/inputs", inputs0)
magnitudes0 = torch.norm(inputs0, dim=1)
case("seed000/magnitudes", magnitudes0)
query0 = inputs0[1]
attn_scores_2_0 = torch.empty(inputs0.shape[0])
for i, x_i in enumerate(inputs0):
    attn_scores_2_0[i] = torch.dot(x_i, query0)
case("seed000/attn_scores_2", attn_scores_2_0)
attn_weights_2_0 = torch.nn.Softmax(dim=-1)(attn_scores_2_0)
case("seed000/attn_weights_2", attn_weights_2_0)
attn_scores0 = inputs0 @ inputs0.T
case("seed000/attn_scores", attn_scores0)
attn_weights0 = torch.nn.Softmax(dim=-1)(attn_scores0)
case("seed000/attn_weights", attn_weights0)
case("seed000/row_sums", attn_weights0.sum(dim=-1))
all_context0 = attn_weights0 @ inputs0
case("seed000/all_context_vecs", all_context0)
case("seed000/context_vec_2", all_context0[1])
inputs0b = torch.cat((inputs0, all_context0[1].unsqueeze(0)), dim=0)
case("seed000/inputs_with_context", inputs0b)

# seed 001: "Your journey starts with one step"
inputs1 = torch.tensor(SEED_001_INPUTS)
case("seed001/inputs", inputs1)
seed_block("001/input_query", inputs1[1], "tensor([0.5500, 0.8700, 0.6600])")
seed_block("001/input_1", inputs1[0], "tensor([0.4300, 0.1500, 0.8900])")
seed_block("001/dot", torch.dot(inputs1[1], inputs1[0]), "tensor(0.9544)")
for j, text in enumerate(["tensor(0.4300)", "tensor(0.1500)", "tensor(0.8900)"]):
    seed_block(f"001/inputs[0][{j}]", inputs1[0][j], text)
attn_score_2 = torch.empty(inputs1.shape[0])
for i, x_i in enumerate(inputs1):
    attn_score_2[i] = torch.dot(inputs1[1], x_i)
seed_block(
    "001/attn_score_2", attn_score_2, "tensor([0.9544, 1.4950, 1.4754, 0.8434, 0.7070, 1.0865])"
)
attn_weights_temp = attn_score_2 / attn_score_2.sum()
seed_block(
    "001/attn_weights_temp",
    attn_weights_temp,
    "tensor([0.1455, 0.2278, 0.2249, 0.1285, 0.1077, 0.1656])",
)
seed_block("001/attn_weights_temp.sum", attn_weights_temp.sum(), "tensor(1.0000)")
naive = torch.exp(attn_score_2) / torch.exp(attn_score_2).sum(dim=0)
seed_block("001/softmax_naive", naive, "tensor([0.1385, 0.2379, 0.2333, 0.1240, 0.1082, 0.1581])")
attn_weights_2 = torch.softmax(attn_score_2, dim=0)
seed_block(
    "001/attn_weights_2", attn_weights_2, "tensor([0.1385, 0.2379, 0.2333, 0.1240, 0.1082, 0.1581])"
)
seed_block("001/attn_weights_2.sum", attn_weights_2.sum(), "tensor(1.)")
context_vec_2 = torch.zeros(inputs1[1].shape)
for i, x_i in enumerate(inputs1):
    context_vec_2 += attn_weights_2[i] * inputs1[i]
seed_block("001/context_vec_2", context_vec_2, "tensor([0.4419, 0.6515, 0.5683])")
attn_scores1 = torch.empty(6, 6)
for i, x_i in enumerate(inputs1):
    for j, x_j in enumerate(inputs1):
        attn_scores1[i, j] = torch.dot(x_i, x_j)
ATTN_SCORES_1 = """tensor([[0.9995, 0.9544, 0.9422, 0.4753, 0.4576, 0.6310],
        [0.9544, 1.4950, 1.4754, 0.8434, 0.7070, 1.0865],
        [0.9422, 1.4754, 1.4570, 0.8296, 0.7154, 1.0605],
        [0.4753, 0.8434, 0.8296, 0.4937, 0.3474, 0.6565],
        [0.4576, 0.7070, 0.7154, 0.3474, 0.6654, 0.2935],
        [0.6310, 1.0865, 1.0605, 0.6565, 0.2935, 0.9450]])"""
seed_block("001/attn_scores_loop", attn_scores1, ATTN_SCORES_1)
attn_scores1m = inputs1 @ inputs1.T
seed_block("001/attn_scores_matmul", attn_scores1m, ATTN_SCORES_1)
attn_weights1 = torch.softmax(attn_scores1m, dim=1)
seed_block(
    "001/attn_weights",
    attn_weights1,
    """tensor([[0.2098, 0.2006, 0.1981, 0.1242, 0.1220, 0.1452],
        [0.1385, 0.2379, 0.2333, 0.1240, 0.1082, 0.1581],
        [0.1390, 0.2369, 0.2326, 0.1242, 0.1108, 0.1565],
        [0.1435, 0.2074, 0.2046, 0.1462, 0.1263, 0.1720],
        [0.1526, 0.1958, 0.1975, 0.1367, 0.1879, 0.1295],
        [0.1385, 0.2184, 0.2128, 0.1420, 0.0988, 0.1896]])""",
)
seed_block(
    "001/row_sums",
    attn_weights1.sum(dim=-1),
    "tensor([1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000])",
)
seed_block(
    "001/context_vecs",
    attn_weights1 @ inputs1,
    """tensor([[0.4421, 0.5931, 0.5790],
        [0.4419, 0.6515, 0.5683],
        [0.4431, 0.6496, 0.5671],
        [0.4304, 0.6298, 0.5510],
        [0.4671, 0.5910, 0.5266],
        [0.4177, 0.6503, 0.5645]])""",
)

# seed 002: torch.randn(6, 3) with an unknown seed, so rebuild its tensors from the printed digits.
WORD_EMB_2 = """tensor([[-0.3178, -0.8048,  0.7659],
        [ 0.6087,  0.6313,  0.4881],
        [-0.5776,  0.5329,  1.2401],
        [-0.7568,  1.0494, -0.4434],
        [ 1.8883, -1.5365, -0.5007],
        [-1.2233, -0.2219, -1.2253]])"""
we2 = torch.tensor(SEED_002_EMBEDDINGS)
seed_block("002/word_embeddings", we2, WORD_EMB_2)
seed_block("002/word_embed_self", we2[1], "tensor([0.6087, 0.6313, 0.4881])")
sim_score2 = torch.tensor([-0.3276, 1.0072, 0.5901, -0.0147, -0.0648, -1.4828])
seed_block(
    "002/sim_score", sim_score2, "tensor([-0.3276,  1.0072,  0.5901, -0.0147, -0.0648, -1.4828])"
)
seed_block(
    "002/sim_weights_div",
    torch.tensor([1.1195, -3.4418, -2.0162, 0.0502, 0.2215, 5.0668]),
    "tensor([ 1.1195, -3.4418, -2.0162,  0.0502,  0.2215,  5.0668])",
)
seed_block(
    "002/sim_weights",
    torch.tensor([0.0972, 0.3694, 0.2434, 0.1329, 0.1264, 0.0306]),
    "tensor([0.0972, 0.3694, 0.2434, 0.1329, 0.1264, 0.0306])",
)
seed_block("002/sim_weights.sum", torch.tensor(f32(0.99999994)), "tensor(1.0000)")
seed_block(
    "002/context_vector",
    torch.tensor([0.1540, 0.2231, 0.3968]),
    "tensor([0.1540, 0.2231, 0.3968])",
)
seed_block(
    "002/similarity_mat",
    torch.tensor(
        [
            [1.3354, -0.3276, 0.7045, -0.9436, 0.2530, -0.3711],
            [-0.3276, 1.0072, 0.5901, -0.0147, -0.0648, -1.4828],
            [0.7045, 0.5901, 2.1554, 0.4466, -2.5304, -0.9311],
            [-0.9436, -0.0147, 0.4466, 1.8706, -2.8194, 1.2363],
            [0.2530, -0.0648, -2.5304, -2.8194, 6.1770, -1.3556],
            [-0.3711, -1.4828, -0.9311, 1.2363, -1.3556, 3.0472],
        ]
    ),
    """tensor([[ 1.3354, -0.3276,  0.7045, -0.9436,  0.2530, -0.3711],
        [-0.3276,  1.0072,  0.5901, -0.0147, -0.0648, -1.4828],
        [ 0.7045,  0.5901,  2.1554,  0.4466, -2.5304, -0.9311],
        [-0.9436, -0.0147,  0.4466,  1.8706, -2.8194,  1.2363],
        [ 0.2530, -0.0648, -2.5304, -2.8194,  6.1770, -1.3556],
        [-0.3711, -1.4828, -0.9311,  1.2363, -1.3556,  3.0472]])""",
)
seed_block(
    "002/similarity_weights_sci",
    torch.tensor(
        [
            [4.2655e-01, 8.0862e-02, 2.2698e-01, 4.3673e-02, 1.4451e-01, 7.7419e-02],
            [9.7219e-02, 3.6939e-01, 2.4339e-01, 1.3294e-01, 1.2644e-01, 3.0624e-02],
            [1.3955e-01, 1.2446e-01, 5.9548e-01, 1.0782e-01, 5.4933e-03, 2.7190e-02],
            [3.0096e-02, 7.6201e-02, 1.2086e-01, 5.0202e-01, 4.6118e-03, 2.6622e-01],
            [2.6600e-03, 1.9358e-03, 1.6447e-04, 1.2318e-04, 9.9458e-01, 5.3247e-04],
            [2.6468e-02, 8.7083e-03, 1.5120e-02, 1.3207e-01, 9.8898e-03, 8.0774e-01],
        ]
    ),
    """tensor([[4.2655e-01, 8.0862e-02, 2.2698e-01, 4.3673e-02, 1.4451e-01, 7.7419e-02],
        [9.7219e-02, 3.6939e-01, 2.4339e-01, 1.3294e-01, 1.2644e-01, 3.0624e-02],
        [1.3955e-01, 1.2446e-01, 5.9548e-01, 1.0782e-01, 5.4933e-03, 2.7190e-02],
        [3.0096e-02, 7.6201e-02, 1.2086e-01, 5.0202e-01, 4.6118e-03, 2.6622e-01],
        [2.6600e-03, 1.9358e-03, 1.6447e-04, 1.2318e-04, 9.9458e-01, 5.3247e-04],
        [2.6468e-02, 8.7083e-03, 1.5120e-02, 1.3207e-01, 9.8898e-03, 8.0774e-01]])""",
)
seed_block("002/row0_sum", torch.tensor(1.0), "tensor(1.)")
seed_block(
    "002/context_matrix",
    torch.tensor(
        [
            [-0.0723, -0.3647, 0.4611],
            [0.1540, 0.2231, 0.3968],
            [-0.4170, 0.3823, 0.8222],
            [-0.7299, 0.5489, -0.3410],
            [1.8775, -1.5290, -0.4955],
            [-1.0813, -0.0636, -1.0100],
        ]
    ),
    """tensor([[-0.0723, -0.3647,  0.4611],
        [ 0.1540,  0.2231,  0.3968],
        [-0.4170,  0.3823,  0.8222],
        [-0.7299,  0.5489, -0.3410],
        [ 1.8775, -1.5290, -0.4955],
        [-1.0813, -0.0636, -1.0100]])""",
)
# seed 002 recomputed end to end from the rebuilt embeddings (digits may differ from the notebook's)
sim2 = we2 @ we2.T
case("seed002/similarity_mat_recomputed", sim2)
simw2 = torch.softmax(sim2, axis=-1)
case("seed002/similarity_weights_recomputed", simw2)
case("seed002/context_matrix_recomputed", simw2 @ we2)

# seed 003: Raschka's "Life is short, eat dessert first"
sentence = "Life is short, eat dessert first"
vocab3 = {w: i for i, w in enumerate(sorted(sentence.replace(",", "").split()))}
sentence_vec = torch.tensor([vocab3[w] for w in sentence.replace(",", "").split()])
seed_block("003/sentence_vec", sentence_vec, "tensor([0, 4, 5, 2, 1, 3])")
torch.manual_seed(123)
embedding3 = torch.nn.Embedding(6, 16)
embedded_sentence = embedding3(sentence_vec).detach()
EMBEDDED_3 = """tensor([[ 0.3374, -0.1778, -0.3035, -0.5880,  0.3486,  0.6603, -0.2196, -0.3792,
          0.7671, -1.1925,  0.6984, -1.4097,  0.1794,  1.8951,  0.4954,  0.2692],
        [ 0.5146,  0.9938, -0.2587, -1.0826, -0.0444,  1.6236, -2.3229,  1.0878,
          0.6716,  0.6933, -0.9487, -0.0765, -0.1526,  0.1167,  0.4403, -1.4465],
        [ 0.2553, -0.5496,  1.0042,  0.8272, -0.3948,  0.4892, -0.2168, -1.7472,
         -1.6025, -1.0764,  0.9031, -0.7218, -0.5951, -0.7112,  0.6230, -1.3729],
        [-1.3250,  0.1784, -2.1338,  1.0524, -0.3885, -0.9343, -0.4991, -1.0867,
          0.8805,  1.5542,  0.6266, -0.1755,  0.0983, -0.0935,  0.2662, -0.5850],
        [-0.0770, -1.0205, -0.1690,  0.9178,  1.5810,  1.3010,  1.2753, -0.2010,
          0.4965, -1.5723,  0.9666, -1.1481, -1.1589,  0.3255, -0.6315, -2.8400],
        [ 0.8768,  1.6221, -1.4779,  1.1331, -1.2203,  1.3139,  1.0533,  0.1388,
          2.2473, -0.8036, -0.2808,  0.7697, -0.6596, -0.7979,  0.1838,  0.2293]])"""
seed_block("003/embedded_sentence", embedded_sentence, EMBEDDED_3)
torch.manual_seed(123)
d3 = embedded_sentence.shape[1]
W_Q = torch.nn.Parameter(torch.rand(24, d3))
W_K = torch.nn.Parameter(torch.rand(24, d3))
W_V = torch.nn.Parameter(torch.rand(28, d3))
case("seed003/W_Q", W_Q)
case("seed003/W_V", W_V)
x_2 = embedded_sentence[1]
query_2 = W_Q @ x_2
case("seed003/query_2", query_2)
keys3 = (W_K @ embedded_sentence.T).T
values3 = (W_V @ embedded_sentence.T).T
case("seed003/keys", keys3)
case("seed003/values", values3)
omega_24 = query_2.dot(keys3[4])
case("seed003/omega_24", omega_24)
omega_2 = query_2 @ keys3.T
case("seed003/omega_2", omega_2)
attention_weights_2 = torch.nn.functional.softmax(omega_2 / 24**0.5, dim=0)
case("seed003/attention_weights_2", attention_weights_2)
context_vector_2 = attention_weights_2 @ values3
case("seed003/context_vector_2", context_vector_2)
case("seed003/context_vector_2_detached", context_vector_2.detach())

# seed 004: "Hello World I am an attention seeker I love attention"
prompt = "Hello World I am an attention seeker I love attention"
dic_words = {s.lower(): i for i, s in enumerate(sorted(prompt.split(" ")))}
tokens4 = [dic_words[i.lower()] for i in prompt.split(" ")]
tokens_tf = torch.tensor(tokens4)
seed_block("004/tokens_tf", tokens_tf, "tensor([0, 3, 2, 4, 5, 7, 9, 2, 8, 7])")
torch.manual_seed(123)
embedder = torch.nn.Embedding(50000, 3)
token_embedding = embedder(tokens_tf).detach()
seed_block(
    "004/token_embedding",
    token_embedding,
    """tensor([[ 0.3374, -0.1778, -0.3035],
        [-1.1925,  0.6984, -1.4097],
        [-0.2196, -0.3792,  0.7671],
        [ 0.1794,  1.8951,  0.4954],
        [ 0.2692, -0.0770, -1.0205],
        [ 1.3010,  1.2753, -0.2010],
        [-1.1481, -1.1589,  0.3255],
        [-0.2196, -0.3792,  0.7671],
        [ 0.4965, -1.5723,  0.9666],
        [ 1.3010,  1.2753, -0.2010]])""",
)
w_query = torch.nn.Parameter(torch.rand(3, 24))
w_key = torch.nn.Parameter(torch.rand(3, 24))
w_value = torch.nn.Parameter(torch.rand(3, 28))
query4 = token_embedding @ w_query
keys4 = token_embedding @ w_key
values4 = token_embedding @ w_value
q_kt = query4 @ keys4.T
case("seed004/q_kt", q_kt)
f4 = q_kt / math.sqrt(24)
s4 = torch.nn.functional.softmax(f4, dim=-1)
case("seed004/softmax", s4)
case("seed004/context_vector", s4 @ values4)
case("seed004/w_value", w_value)

# ---------------------------------------------------------------------------------------------
# Hand-picked tensors for each rule of _Formatter, _vector_str, _tensor_str_with_formatter,
# _add_suffixes and _str_intern.
# ---------------------------------------------------------------------------------------------

nan, inf = float("nan"), float("inf")
T = torch.tensor

# 0-d tensors
for v in [0.9544, 1.0, f32(0.99999994), 0.0, -0.0, 0.5, -2.0, 12345.678, 1e-5, 1e10, 1e8, 1.5e8,
          nan, inf, -inf, 3.0e38, 1e-45, 0.03125, -0.03125, 100.0, 1234567.0, 99999.99]:
    case(f"scalar/{v!r}", T(v))
case("scalar/int64", T(5))
case("scalar/int64_neg", T(-1234567))

# integer-valued floats (int_mode)
for name, vals in [
    ("ints", [1.0, 2.0, 3.0]),
    ("zeros", [0.0, 0.0]),
    ("neg_zero_only", [-0.0, 0.0]),
    ("mixed", [-1.0, 0.0, 5.0]),
    ("wide", [-100.0, 2000.0, 7.0]),
    ("ratio_1000", [1.0, 1000.0]),
    ("ratio_1001", [1.0, 1001.0]),
    ("ratio_5000", [1.0, 5000.0]),
    ("big_1e8", [1e8, 3.0e7]),
    ("big_above_1e8", [123456792.0, 1.5e8]),
    ("big_1e9", [1e9, 1e9]),
    ("nan_int", [nan, 1.0, 2.0]),
    ("inf_int", [inf, -inf, 10.0]),
    ("int_neg_zero", [-0.0, 3.0]),
    ("int_sci_neg", [-1.0, 123456.0]),
    ("powers", [1.0, 16.0, 256.0, 4096.0, 65536.0]),
]:
    case("int_mode/" + name, T(vals))

# fixed mode, widths, negatives, -0.0
for name, vals in [
    ("neg", [-1.5, 2.25, 0.0]),
    ("neg_zero", [-0.0, 0.5]),
    ("neg_zero_2", [-0.0, -0.5]),
    ("tiny_neg_rounds_to_zero", [-0.00004, 0.5, 0.2]),
    ("width", [100.5, 1.25]),
    ("width_neg", [-100.5, 1.25]),
    ("width_wide", [12345.6789, 0.5, -3.25]),
    ("round_up_width", [9.99996, 0.5]),
    ("round_up_width_neg", [-9.99996, 0.5]),
    ("near_1e4", [9999.99995, 1.5]),
    ("ratio_exact", [0.5, 500.0 + 0.25]),
    ("min_1e-4", [f32(1e-4), 0.05]),
    ("min_1e-4_ratio", [f32(1e-4), 0.1]),
    ("min_just_above_1e-4", [0.00010001, 0.05]),
    ("min_2e-4", [0.0002, 0.05]),
    ("max_1e8_frac", [1e8, 0.5]),
]:
    case("fixed/" + name, T(vals))

# ties: Python rounds the exact binary value half to even ('%.4f' % 0.03125 == '0.0312')
for name, vals in [
    ("fixed_ties", [0.03125, 0.09375, 0.15625, 0.21875, 1.03125, -0.03125, 0.5]),
    ("fixed_ties_2", [0.46875, 0.53125, 0.59375, 0.65625, 2.96875, -1.40625]),
    ("near_ties", [f32(0.00005), f32(0.00015), f32(0.00025), 0.5]),
    ("sci_ties", [0.0390625, 0.0234375, 0.109375, 1e-5]),
    ("sci_ties_2", [0.0029296875, 0.0068359375, 0.0087890625, 1e-5]),
    ("int_sci_tie", [123445.0, 123455.0, 1.0]),
    ("int_sci_tie_2", [100005.0, 100015.0, 2.0]),
]:
    case("ties/" + name, T(vals))

# sci mode in both directions, huge and tiny
for name, vals in [
    ("small", [1e-5, 1.0]),
    ("small_neg", [-1e-5, 0.5, -0.25]),
    ("large_ratio", [1e5, 1e-2]),
    ("large", [1.5e9, 0.25]),
    ("huge", [3.4e38, 1.5]),
    ("huge_neg", [-3.4e38, 1.5, 2.0]),
    ("denormal", [1e-45, 0.5]),
    ("denormal_2", [1e-40, 2e-39]),
    ("tiny_only", [1e-30, 2e-31]),
    ("mixed_signs", [-1.2345e-7, 6.789e3, 0.0]),
    ("rounds_to_10", [9.99996e-5, 1.0]),
    ("exp_carry", [9.99995e-5, 9.999949e-5, 1.0]),
    ("with_zero", [0.0, 1e-6, 0.0]),
    ("with_neg_zero", [-0.0, 1e-6]),
]:
    case("sci/" + name, T(vals))

# nan / inf mixed with numbers
for name, vals in [
    ("nan", [nan, 1.5]),
    ("nan_first", [nan, 0.25, -0.75]),
    ("inf", [inf, -inf, 2.5]),
    ("all_nan", [nan, nan]),
    ("all_inf", [inf, -inf]),
    ("inf_only", [inf]),
    ("nan_sci", [nan, 1e-5]),
    ("inf_sci", [-inf, 1e-5, 2.0]),
    ("nan_zero", [nan, 0.0]),
    ("nan_neg_zero", [nan, -0.0, 0.0]),
    ("big_and_inf", [inf, 1e6]),
]:
    case("nonfinite/" + name, T(vals))
case("nonfinite/0d_neg_nan", T([0.0]) / 0.0)

# 1-d vectors that wrap at linewidth 80
g = torch.Generator().manual_seed(7)
case("wrap/28", torch.rand(28, generator=g))
case("wrap/28_neg", torch.randn(28, generator=g))
case("wrap/100", torch.randn(100, generator=g))
case("wrap/100_sci", torch.randn(100, generator=g) * 1e-5)
case("wrap/int_40", torch.arange(40.0))
case("wrap/int64_40", torch.arange(40))
case("wrap/int64_wide", torch.arange(0, 30) * 524287)
case("wrap/13", torch.rand(13, generator=g))
case("wrap/12", torch.rand(12, generator=g))
case("wrap/1000_full", torch.arange(1000.0) / 8)

# 2-d and higher
case("nd/6x16", torch.randn(6, 16, generator=g))
case("nd/10x24", torch.rand(10, 24, generator=g))
case("nd/10x24_neg", torch.randn(10, 24, generator=g))
case("nd/3x4_sci", torch.randn(3, 4, generator=g) * 1e-6)
case("nd/2x3x4", torch.randn(2, 3, 4, generator=g))
case("nd/2x3x20", torch.randn(2, 3, 20, generator=g))
case("nd/2x2x2x2", torch.arange(16.0).reshape(2, 2, 2, 2) - 7.5)
case("nd/1x1x1", T([[[0.5]]]))
case("nd/3x1", T([[1.0], [2.5], [-3.0]]))
case("nd/1x5", T([[1.0, 2.0, 3.0, 4.0, 5.0]]))
case("nd/int64_3x4", torch.arange(12).reshape(3, 4) - 5)
case("nd/int64_2x2x3", torch.arange(12).reshape(2, 2, 3) * 1000)
case("nd/7x7", torch.randn(7, 7, generator=g))
case("nd/2x2x2x2x2", torch.randn(2, 2, 2, 2, 2, generator=g))


# summarised (numel > 1000): the formatter sees only the edge items (get_summarized_data), so
# place outliers in the hidden middle to prove they do not change widths or sci_mode. Values are
# multiples of 1/256 to keep the JSON small.
def dyadic(*shape):
    n = 1
    for s in shape:
        n *= s
    return (torch.randint(-512, 512, (n,), generator=g).float() / 256).reshape(*shape)


a = dyadic(50, 50)
a[25, 25] = 12345.5
case("summary/50x50_outlier", a)
a = dyadic(2000)
a[1000] = 1e-7
case("summary/2000_tiny_hidden", a)
case("summary/3x400x2", dyadic(3, 400, 2))
case("summary/1001", dyadic(1001))
case("summary/11x100", dyadic(11, 100))
case("summary/int_valued_2000", torch.arange(2000.0))
case("summary/int64_2000", torch.arange(2000) - 1000)
a = torch.zeros(40, 40)
a[0, 0] = 1e-5
a[20, 20] = nan
case("summary/sci_edges", a)
case("summary/10x10x11", dyadic(10, 10, 11))
case("summary/2x3x200", dyadic(2, 3, 200) * 1000)
case("summary/1x1001", dyadic(1, 1001))
case("summary/1001x1", dyadic(1001, 1))

# empty tensors
case("empty/0", T([]))
case("empty/0x3", torch.zeros(0, 3))
case("empty/2x0x3", torch.zeros(2, 0, 3))
case("empty/int64_0", T([], dtype=torch.int64))
case("empty/int64_0x3", torch.zeros(0, 3, dtype=torch.int64))
case("empty/grad", torch.zeros(0, 2, requires_grad=True))

# int64
for name, vals in [
    ("vocab", [0, 4, 5, 2, 1, 3]),
    ("neg", [-5, 10, 300]),
    ("wide", [12345678, -1, 0]),
    ("zero", [0, 0, 0]),
    ("big", [2**40, -(2**40), 123456792]),
    ("int64_max_f32", [16777216, -16777216]),
]:
    case("int64/" + name, T(vals))

# autograd suffixes: real Parameters and results of ops
torch.manual_seed(0)
P = torch.nn.Parameter(torch.rand(3, 2))
case("grad/parameter_3x2", P)
X = torch.rand(2, 3)
case("grad/mm", X @ P)
case("grad/sum", (X @ P).sum())
case("grad/mean", (X @ P).mean())
case("grad/softmax", torch.softmax(X @ P, dim=-1))
case("grad/div", (X @ P) / 2.0)
case("grad/mul", (X @ P) * 3.0)
case("grad/transpose", P.T)
case("grad/index", P[1])
case("grad/mv", P.T @ X[0])
case("grad/leaf", torch.rand(2, 2, requires_grad=True))
case("grad/leaf_0d", torch.tensor(1.5, requires_grad=True))
case("grad/parameter_0d", torch.nn.Parameter(torch.tensor(0.25)))
case("grad/parameter_no_grad", torch.nn.Parameter(torch.rand(2), requires_grad=False),
     requiresGrad=False)
case("grad/parameter_1d", torch.nn.Parameter(torch.rand(8)))
case("grad/parameter_24x16", torch.nn.Parameter(torch.rand(24, 16)))
big = torch.nn.Parameter(torch.randn(6, 16))
case("grad/mm_6x16", big * 2.0)
case("grad/wide_row_suffix", torch.nn.Parameter(torch.randn(11)) * 1.0)
case("grad/row_10", torch.nn.Parameter(torch.randn(10)) * 1.0)
case("grad/row_9", torch.nn.Parameter(torch.randn(9)) * 1.0)
case("grad/row_8", torch.nn.Parameter(torch.rand(8)) * 1.0)
case("grad/summarised", torch.nn.Parameter(dyadic(40, 40)) * 1.0)
case("grad/exp", torch.exp(torch.nn.Parameter(torch.rand(3))))
case("grad/sci", torch.nn.Parameter(torch.rand(3)) * 1e-6)
case("grad/nan", torch.nn.Parameter(torch.tensor([nan, 1.0])) * 1.0)
case("grad/int_mode", torch.nn.Parameter(torch.tensor([1.0, 2.0])) * 1.0)
emb = torch.nn.Embedding(5, 4)
case("grad/embedding_out", emb(torch.tensor([0, 2])))
case("grad/embedding_weight", emb.weight)
lin = torch.nn.Linear(4, 3)
case("grad/linear_out", lin(torch.rand(2, 4)))
case("grad/linear_bias", lin.bias)
case("grad/ones_requires_grad", torch.ones(4, requires_grad=True))

# ---------------------------------------------------------------------------------------------
# Fuzz: random shapes, scales, signs, zeros, integers, nan/inf.
# ---------------------------------------------------------------------------------------------
rng = random.Random(20240613)
gen = torch.Generator().manual_seed(20240613)
for k in range(320):
    ndim = rng.choice([0, 1, 1, 1, 2, 2, 2, 3, 4])
    shape = [rng.choice([1, 2, 3, 4, 5, 6, 7, 9, 13]) for _ in range(ndim)]
    while math.prod(shape) > 120:  # keep the JSON small
        shape = [rng.choice([1, 2, 3, 4, 5]) for _ in range(ndim)]
    if ndim == 1 and rng.random() < 0.4:
        shape = [rng.randint(1, 40)]
    n = 1
    for s in shape:
        n *= s
    kind = rng.choice(["randn", "rand", "int", "scaled", "scaled", "wild", "round"])
    if kind == "randn":
        t = torch.randn(n, generator=gen)
    elif kind == "rand":
        t = torch.rand(n, generator=gen)
    elif kind == "int":
        t = torch.randint(-rng.choice([2, 20, 2000, 10**6]), 10**rng.randint(1, 9), (n,),
                          generator=gen).float()
    elif kind == "scaled":
        t = torch.randn(n, generator=gen) * 10 ** rng.uniform(-12, 12)
    elif kind == "round":
        digits = rng.randint(0, 5)
        t = torch.round(torch.randn(n, generator=gen) * 10**digits) / 10**digits
    else:
        t = torch.exp(torch.randn(n, generator=gen) * rng.uniform(1, 20))
        t = t * torch.sign(torch.randn(n, generator=gen))
    if rng.random() < 0.2 and n > 1:
        t[rng.randrange(n)] = 0.0
    if rng.random() < 0.1 and n > 1:
        t[rng.randrange(n)] = -0.0
    if rng.random() < 0.12:
        t[rng.randrange(n)] = rng.choice([nan, inf, -inf])
    t = t.reshape(shape)
    if rng.random() < 0.1 and bool(torch.isfinite(t).all()):
        t = t.round().clamp(-(2**24), 2**24).long()
    case(f"fuzz/{k}", t)

# ---------------------------------------------------------------------------------------------
# torch.Size
# ---------------------------------------------------------------------------------------------
sizes = [{"shape": list(s), "expected": str(torch.Size(s))}
         for s in [[6, 16], [6, 3], [], [0], [10, 3], [24, 16], [2, 0, 3], [1], [50000, 3], [1, 2, 3, 4]]]

# ---------------------------------------------------------------------------------------------
# Python scalar formatting
# ---------------------------------------------------------------------------------------------
specials = [0.0, -0.0, nan, inf, -inf, 1.0, -1.0, 0.5, 0.1, 0.1 + 0.2, 1e16, 1e15, 1e-5, 1e-4,
            0.03125, -0.03125, 2.5, 3.5, -2.5, 0.125, 0.375, 1e21, 1e22, 1.5e300, 5e-324,
            1.7976931348623157e308, 2.0**53, 2.0**53 + 2, 123456789.125, 0.00005, 9.5, 10.5,
            0.9544, f32(0.9544), f32(0.1), f32(1e-4), 999.9999499999, 0.99995, 0.049999999,
            1.0000000000000002, 4.35, 2.675, 1.005, 0.045, 1e-7, 123.456, 1e100, -1e-100]
rng2 = random.Random(99)
randoms = []
for _ in range(120):
    randoms.append(rng2.uniform(-1, 1) * 10 ** rng2.uniform(-8, 8))
for _ in range(60):
    randoms.append(f32(rng2.gauss(0, 1)))
for _ in range(40):
    randoms.append(struct.unpack("d", struct.pack("Q", rng2.getrandbits(63)))[0])
for _ in range(40):  # exact ties at 4 decimals and other short dyadics
    randoms.append(rng2.randint(-4000, 4000) / 32 + 0.015625 * rng2.choice([0, 1]))

pyFixed = []
for x in specials + randoms[:200]:
    for d in [0, 1, 2, 4, 6]:
        pyFixed.append({"x": num(x), "digits": d, "expected": format(x, f".{d}f")})
for x in [0.1, 1 / 3, 2.0**-20, 1e-20, 123.456, 5e-324, 1e22, 2.0**70 + 2.0**18]:
    for d in [10, 17, 20, 30, 120]:
        pyFixed.append({"x": num(x), "digits": d, "expected": format(x, f".{d}f")})

pySci = []
for x in specials + randoms:
    for d in [0, 1, 4, 8]:
        pySci.append({"x": num(x), "digits": d, "expected": format(x, f".{d}e")})
for x in [0.1, 1 / 3, 1e-300, 5e-324, 1e22, 2.0**70 + 2.0**18, 123445.0, 123455.0]:
    for d in [15, 20, 110]:
        pySci.append({"x": num(x), "digits": d, "expected": format(x, f".{d}e")})

floatRepr = [{"x": num(x), "expected": repr(x)} for x in specials + randoms]
for k in range(-1074, 1024, 7):
    x = 2.0**k
    floatRepr.append({"x": num(x), "expected": repr(x)})
for x in [1e-4, 9.999999999999999e-05, 1e-05, 0.0001, 1e15, 9999999999999998.0, 1e16 - 2, 1e16 + 2,
          123456789012345678.0, 1.5e-7, 0.001, 12345678.9]:
    floatRepr.append({"x": num(x), "expected": repr(x)})

f32Repr = []
f32vals = [0.0, -0.0, nan, inf, -inf, 1.0, 0.1, f32(0.99999994), 1e16, 1e-4, 9.9999e-5, 1e-3,
           16777216.0, 1.5e-5, 123456789.0, 3.4e38, 2.0**-149, 2.0**-126, f32(0.9544), 0.5,
           1e15, 9.99e15, 1.0000001, 100.0, 1e-45, -1.5e20, 33554432.0, 0.3]
# shortest digits on the rounding-interval end: numpy accepts it when the significand is even
f32vals += [50816768.0, -2747983872.0, 655088768.0, 659353632768.0, 1062179968.0, 2.0**-12]
for k in range(-149, 128):
    f32vals.append(2.0**k)
rng3 = random.Random(5)
for _ in range(250):
    bits = rng3.getrandbits(31)
    f32vals.append(struct.unpack("f", struct.pack("I", bits))[0])
for _ in range(100):
    f32vals.append(f32(rng3.gauss(0, 1)))
for _ in range(100):
    f32vals.append(f32(rng3.uniform(1e7, 1e12)))
for x in f32vals:
    x = f32(x) if math.isfinite(x) else x
    if math.isnan(x):
        continue
    f32Repr.append({"x": num(x), "expected": str(np.float32(x))})
f32Repr.append({"x": "nan", "expected": str(np.float32("nan"))})
# the seed-000 case: print('Sum:', attn_weights_2_tmp.numpy().sum())
seed0_sum = attn_weights_2_0.numpy().sum()
f32Repr.append({"x": num(float(seed0_sum)), "expected": str(seed0_sum)})
for row in attn_weights0:
    s = row.numpy().sum()
    f32Repr.append({"x": num(float(s)), "expected": str(s)})
for t in [attn_weights1, simw2, s4]:
    for row in t.detach():
        s = row.numpy().sum()
        f32Repr.append({"x": num(float(s)), "expected": str(s)})


def encode_py(v):
    """A Python value as format.ts's PyValue, in JSON: {int}, {float} for non-finite floats,
    {bigint} for ints beyond 2**53, {tuple}, {dict}, {size} for a torch.Size."""
    if isinstance(v, torch.Size):
        return {"size": list(v)}
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return {"int": v} if abs(v) <= 2**53 else {"bigint": str(v)}
    if isinstance(v, float):
        return v if math.isfinite(v) else {"float": num(v)}
    if isinstance(v, list):
        return [encode_py(x) for x in v]
    if isinstance(v, tuple):
        return {"tuple": [encode_py(x) for x in v]}
    if isinstance(v, dict):
        return {"dict": [[encode_py(k), encode_py(x)] for k, x in v.items()]}
    raise TypeError(type(v))


words0 = ["Dream", "big", "and", "work", "for", "it"]
py_values = [
    vocab3,
    dic_words,
    tokens4,
    words0,
    words0 + ["context_vector_for_big"],
    (W_Q.shape, W_K.shape, W_V.shape),
    (embedded_sentence.shape,),
    "it's",
    'say "hi"',
    "both ' and \"",
    "back\\slash",
    "tab\there",
    "new\nline\r\n",
    "nul\x00bell\x07del\x7f",
    "latin \xe9\xa0\xad\xff",
    "unicode \u00e9\u4e2d\u6587 \U0001f600 \u200b \u2028 \u3000 \ufeff x",
    "private \ue000 unassigned \u0378 \U000e0001",
    "",
    " ",
    "'",
    '"',
    "'\"",
    [],
    (),
    (1,),
    ("a",),
    (1, 2.0),
    {},
    {"a": [1, 2.5, None], "b": (True, False)},
    [1, -2, 0, 2**70, -(2**64)],
    [1.0, -0.0, 0.1, 1e16, 1e-5, 0.1 + 0.2, float("nan"), float("inf"), float("-inf"), 1.5e300],
    [[1, [2, [3, ()]]], {1: {2: "x"}}],
    {(1, 2): "tuple key", 3.5: None, None: True, False: 0},
    [f32(0.9544), sum([0.1624, 0.1803, 0.1336, 0.2059, 0.1715, 0.1462])],
    [x for x in magnitudes0.tolist()],
]
pyRepr = [{"value": encode_py(v), "expected": repr(v)} for v in py_values]

# seed 000 prints f'{word}: {magnitude.item():.4f}' and a Python float sum
for m in magnitudes0:
    pyFixed.append({"x": num(m.item()), "digits": 4, "expected": f"{m.item():.4f}"})
row_2_sum = sum([0.1624, 0.1803, 0.1336, 0.2059, 0.1715, 0.1462])
floatRepr.append({"x": num(row_2_sum), "expected": repr(row_2_sum)})

write(
    "format.json",
    {
        "tensors": tensors,
        "seeds": seeds,
        "sizes": sizes,
        "pyFixed": pyFixed,
        "pySci": pySci,
        "floatRepr": floatRepr,
        "f32Repr": f32Repr,
        "pyRepr": pyRepr,
    },
)
print(
    f"{len(tensors)} tensors, {len(seeds)} seed blocks, {len(sizes)} sizes, {len(pyFixed)} pyFixed, "
    f"{len(pySci)} pySci, {len(floatRepr)} floatRepr, {len(f32Repr)} f32Repr, {len(pyRepr)} pyRepr"
)
