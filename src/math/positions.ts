/**
 * Positional encodings, float32 exactly as the PyTorch code in each docstring computes them
 * (PyTorch 1.13, CPU, one thread); scripts/goldens/positions.py runs that very code and
 * src/math/fixtures/positions.json records what PyTorch returned and printed.
 *
 * - `sinusoidalPositions`: the original Transformer's fixed sin/cos table.
 * - `learnedPositions`: `torch.nn.Embedding(context_length, d)` added to token embeddings, as
 *   GPT-style code does.
 * - `rope`: rotary position embedding of a [n, d] query or key, pairs (2i, 2i+1) rotated.
 */
import { add, exp, indexRows, mul, scale, sub, unsqueeze, dot } from './ops';
import { cos, sin } from './trig';
import { torchGenerator } from './random';
import { ShapeError, shapeToString, type Tensor } from './tensor';

function checkSize(what: string, n: number, min: number): void {
  if (!Number.isSafeInteger(n) || n < min) {
    throw new RangeError(`${what} must be a whole number >= ${min}, got ${String(n)}`);
  }
}

/** `torch.arange(start, end, step)` (int64 values, held as exact numbers) as a float32 tensor. */
function arange(start: number, end: number, step = 1): Tensor {
  const n = Math.max(0, Math.ceil((end - start) / step));
  const data = new Float32Array(n);
  for (let i = 0; i < n; i++) data[i] = start + i * step; // int64 -> float32 cast (exact < 2^24)
  return { shape: [n], data };
}

/**
 * `div_term = torch.exp(torch.arange(0, d, 2) * (-math.log(base) / d))`: the int64 arange times a
 * Python float promotes to float32, with the scalar rounded to float32 first (`scale`), then
 * Sleef's expf (`exp`). These are the frequencies theta_i = base^(-2i/d), i = 0 .. ceil(d/2) - 1.
 */
export function divTerm(d: number, base = 10000): Tensor {
  checkSize('d', d, 1);
  if (!(base > 0) || !Number.isFinite(base)) {
    throw new RangeError(`base must be a positive number, got ${String(base)}`);
  }
  return exp(scale(arange(0, d, 2), -Math.log(base) / d));
}

/** `position * div_term` for positions p (int64 cast to float32): the [n, ceil(d/2)] angles. */
function angles(positions: readonly number[], freqs: Tensor): Tensor {
  const pos: Tensor = { shape: [positions.length], data: Float32Array.from(positions) };
  return mul(unsqueeze(pos, 1), freqs);
}

/**
 * The sinusoidal encoding of the original Transformer, as common PyTorch code builds it:
 *
 * ```python
 * pe = torch.zeros(context_length, d)
 * position = torch.arange(context_length).unsqueeze(1)
 * div_term = torch.exp(torch.arange(0, d, 2) * (-math.log(10000.0) / d))
 * pe[:, 0::2] = torch.sin(position * div_term)
 * pe[:, 1::2] = torch.cos(position * div_term[: d // 2])
 * ```
 *
 * For even d, `div_term[: d // 2]` is all of div_term, so this is the usual code verbatim. For
 * odd d from 3 on the usual code (without the slice) fails, because `pe[:, 1::2]` has one column
 * fewer than div_term; pass `{ verbatim: true }` to get that failure as a ShapeError carrying
 * PyTorch's message. sin and cos run on the whole [context_length, *] product, whose vectors of 8 span
 * rows: from position 125 on, an angle of 125 or more sends its whole vector down Sleef's slow
 * path, so this must not be computed row by row.
 */
export function sinusoidalPositions(
  contextLength: number,
  d: number,
  options: { base?: number; verbatim?: boolean } = {},
): Tensor {
  checkSize('context_length', contextLength, 0);
  checkSize('d', d, 1);
  const freqs = divTerm(d, options.base ?? 10000);
  const half = Math.floor(d / 2);
  const odd = freqs.shape[0]!;
  if (options.verbatim === true && half !== odd && odd !== 1) {
    // copy_ into pe[:, 1::2] (shape [L, d // 2]) from a [L, ceil(d / 2)] tensor; a size of 1
    // would broadcast (d = 1 copies a [L, 1] tensor into [L, 0])
    throw new ShapeError(
      `The expanded size of the tensor (${half}) must match the existing size (${odd}) at ` +
        `non-singleton dimension 1.  Target sizes: ${shapeToString([contextLength, half])}.  ` +
        `Tensor sizes: ${shapeToString([contextLength, odd])}`,
    );
  }
  const positions = Array.from({ length: contextLength }, (_, i) => i);
  const s = sin(angles(positions, freqs));
  const c = cos(angles(positions, { shape: [half], data: freqs.data.slice(0, half) }));
  const pe = new Float32Array(contextLength * d);
  for (let p = 0; p < contextLength; p++) {
    for (let i = 0; i < odd; i++) pe[p * d + 2 * i] = s.data[p * odd + i]!;
    for (let i = 0; i < half; i++) pe[p * d + 2 * i + 1] = c.data[p * half + i]!;
  }
  return { shape: [contextLength, d], data: pe };
}

/** What `learnedPositions` returns: every tensor the notebook code names. */
export type LearnedPositions = {
  /** token_embedding_layer.weight, [vocab_size, d] */
  tokenWeight: Tensor;
  /** pos_embedding_layer.weight, [context_length, d] */
  posWeight: Tensor;
  /** token_embedding_layer(token_ids): [batch, context_length, d] (or [context_length, d]) */
  tokenEmbeddings: Tensor;
  /** pos_embedding_layer(torch.arange(context_length)): [context_length, d] */
  posEmbeddings: Tensor;
  /** token_embeddings + pos_embeddings (broadcast over the batch) */
  inputEmbeddings: Tensor;
};

/**
 * Learned absolute positions as GPT-style PyTorch code makes them:
 *
 * ```python
 * torch.manual_seed(seed)
 * token_embedding_layer = torch.nn.Embedding(vocab_size, d)
 * pos_embedding_layer = torch.nn.Embedding(context_length, d)
 * token_embeddings = token_embedding_layer(token_ids)
 * pos_embeddings = pos_embedding_layer(torch.arange(context_length))
 * input_embeddings = token_embeddings + pos_embeddings
 * ```
 *
 * `tokenIds` is a batch of rows of context_length ids (a [batch, context_length] tensor), or one
 * row (a 1-d tensor). Both layers draw from the one generator in this order, so the positions
 * depend on vocab_size too.
 */
export function learnedPositions(args: {
  seed: number;
  vocabSize: number;
  contextLength: number;
  d: number;
  tokenIds: readonly number[] | readonly (readonly number[])[];
}): LearnedPositions {
  const { seed, vocabSize, contextLength, d, tokenIds } = args;
  checkSize('vocab_size', vocabSize, 1);
  checkSize('context_length', contextLength, 1);
  checkSize('d', d, 1);
  const gen = torchGenerator(seed);
  const tokenWeight = gen.embedding(vocabSize, d);
  const posWeight = gen.embedding(contextLength, d);
  const batched = tokenIds.length > 0 && Array.isArray(tokenIds[0]);
  const rows = (batched ? tokenIds : [tokenIds]) as readonly (readonly number[])[];
  for (const row of rows) {
    if (row.length !== contextLength) {
      throw new ShapeError(
        `token_ids rows hold ${row.length} ids, but context_length is ${contextLength}: ` +
          `[${row.length}, ${d}] + [${contextLength}, ${d}] cannot broadcast`,
      );
    }
  }
  const gathered = indexRows(tokenWeight, rows.flat());
  const tokenEmbeddings: Tensor = {
    shape: batched ? [rows.length, contextLength, d] : [contextLength, d],
    data: gathered.data,
  };
  const posEmbeddings = indexRows(
    posWeight,
    Array.from({ length: contextLength }, (_, i) => i),
  );
  const inputEmbeddings = add(tokenEmbeddings, posEmbeddings);
  return { tokenWeight, posWeight, tokenEmbeddings, posEmbeddings, inputEmbeddings };
}

/** The pieces of a rotary embedding, as `rope` computes them. */
export type RopeParts = {
  /** theta = torch.exp(torch.arange(0, d, 2) * (-math.log(base) / d)), [d / 2] */
  theta: Tensor;
  /** positions.unsqueeze(1) * theta, [n, d / 2] */
  angles: Tensor;
  cos: Tensor;
  sin: Tensor;
  /** the rotated x, [n, d] */
  out: Tensor;
};

/**
 * Rotary position embedding (RoPE, Su et al. 2021) of a [n, d] query or key, rotating each pair
 * of dimensions (2i, 2i+1) of row r by the angle positions[r] * theta_i (the paper's and
 * Meta's LLaMA layout; GPT-NeoX and Hugging Face's `rotate_half` pair i with i + d/2 instead):
 *
 * ```python
 * def rope(x, positions, base=10000.0):
 *     d = x.shape[-1]
 *     theta = torch.exp(torch.arange(0, d, 2) * (-math.log(base) / d))
 *     angles = positions.unsqueeze(1) * theta
 *     cos, sin = torch.cos(angles), torch.sin(angles)
 *     x1, x2 = x[:, 0::2], x[:, 1::2]
 *     out = torch.empty_like(x)
 *     out[:, 0::2] = x1 * cos - x2 * sin
 *     out[:, 1::2] = x1 * sin + x2 * cos
 *     return out
 * ```
 *
 * theta_i = base^(-2i/d) is written with exp, like the sinusoidal div_term. d must be even.
 */
export function ropeParts(x: Tensor, positions: readonly number[], base = 10000): RopeParts {
  if (x.shape.length !== 2) {
    throw new ShapeError(`rope: expected a 2-d [n, d] tensor, got shape ${shapeToString(x.shape)}`);
  }
  const [n, d] = x.shape as [number, number];
  if (d % 2 !== 0) {
    throw new ShapeError(`rope: d must be even to split into pairs, got shape [${n}, ${d}]`);
  }
  if (positions.length !== n) {
    throw new ShapeError(
      `rope: ${positions.length} positions for ${n} rows (shape ${shapeToString(x.shape)})`,
    );
  }
  for (const p of positions) {
    if (!Number.isSafeInteger(p)) {
      throw new RangeError(`rope: positions must be whole numbers, got ${String(p)}`);
    }
  }
  const theta = divTerm(d, base);
  const a = angles(positions, theta);
  const c = cos(a);
  const s = sin(a);
  const half = d / 2;
  const x1: Tensor = { shape: [n, half], data: new Float32Array(n * half) };
  const x2: Tensor = { shape: [n, half], data: new Float32Array(n * half) };
  for (let i = 0; i < n * half; i++) {
    x1.data[i] = x.data[2 * i]!;
    x2.data[i] = x.data[2 * i + 1]!;
  }
  const even = sub(mul(x1, c), mul(x2, s));
  const odd = add(mul(x1, s), mul(x2, c));
  const out = new Float32Array(n * d);
  for (let i = 0; i < n * half; i++) {
    out[2 * i] = even.data[i]!;
    out[2 * i + 1] = odd.data[i]!;
  }
  return { theta, angles: a, cos: c, sin: s, out: { shape: [n, d], data: out } };
}

/** `rope(x, positions, base)`: x rotated (see ropeParts). */
export function rope(x: Tensor, positions: readonly number[], base = 10000): Tensor {
  return ropeParts(x, positions, base).out;
}

/**
 * The attention score of a query at position m and a key at position n after rotation:
 * `torch.dot(rope(q[None], torch.tensor([m]))[0], rope(k[None], torch.tensor([n]))[0])`. In real
 * numbers it depends on m - n only; in float32 it can differ in the last bits.
 */
export function ropeScore(q: Tensor, k: Tensor, m: number, n: number, base = 10000): Tensor {
  if (q.shape.length !== 1 || k.shape.length !== 1 || q.shape[0] !== k.shape[0]) {
    throw new ShapeError(
      `ropeScore: expected two 1-d tensors of one size, got ${shapeToString(q.shape)} and ` +
        `${shapeToString(k.shape)}`,
    );
  }
  const d = q.shape[0]!;
  const qr = rope({ shape: [1, d], data: q.data }, [m], base);
  const kr = rope({ shape: [1, d], data: k.data }, [n], base);
  return dot({ shape: [d], data: qr.data }, { shape: [d], data: kr.data });
}
