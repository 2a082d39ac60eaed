/**
 * Self-attention pipelines built from ops.ts, in the order the seed notebooks compute them, so each
 * intermediate tensor is bit-identical to what PyTorch 1.13 prints for the same inputs.
 */
import { causalMask, div, dot, matmul, maskedFill, softmax, transpose } from './ops';
import { ShapeError, row, shapeToString, type Tensor } from './tensor';

/** Scores, attention weights and context vectors of one attention computation. */
export type AttentionResult = { scores: Tensor; weights: Tensor; context: Tensor };

/** Queries, keys and values after the trainable projections. */
export type QKV = { queries: Tensor; keys: Tensor; values: Tensor };

/**
 * How the weight matrices are laid out:
 * - `'x@W'`: W is (d_in, d_out) and `queries = x @ W_query` (seed 004, the book chapter);
 * - `'W@x'`: W is (d_out, d_in) and `query_2 = W_query.matmul(x_2)`,
 *   `keys = W_key.matmul(x.T).T` (seed 003, Raschka's article).
 */
export type WeightLayout = 'x@W' | 'W@x';

/** Scaled dot-product attention with every intermediate the lessons display. */
export type ScaledAttentionResult = AttentionResult & {
  /** `scores / math.sqrt(d_k)`, before any mask. */
  scaled: Tensor;
  /** `scaled` with -inf above the diagonal; only present when `causal` was requested. */
  masked?: Tensor;
};

function fail(message: string): never {
  throw new ShapeError(message);
}

function s(t: Tensor): string {
  return shapeToString(t.shape);
}

/**
 * Attention without trainable weights for all queries at once (seeds 000, 001, 002):
 * `scores = x @ x.T`, `weights = softmax(scores, dim=-1)`, `context = weights @ x`. With `causal`,
 * `scores = scores.masked_fill(mask, float('-inf'))` first (the mask is True above the diagonal),
 * and `scores` is the masked matrix.
 */
export function simpleAttention(x: Tensor, options: { causal?: boolean } = {}): AttentionResult {
  if (x.shape.length !== 2) fail(`simpleAttention: expected a 2-d input, got shape ${s(x)}`);
  const raw = matmul(x, transpose(x));
  const scores = options.causal ? maskedFill(raw, causalMask(x.shape[0]!), -Infinity) : raw;
  const weights = softmax(scores, -1);
  const context = matmul(weights, x);
  return { scores, weights, context };
}

/**
 * The notebooks' loop version for one query (token `i`, negative counts from the end):
 * `scores[j] = torch.dot(x_j, query)`, `weights = softmax(scores, dim=0)`, then
 * `context = zeros(d); for j: context += weights[j] * x[j]`. Each loop step rounds the product
 * and the running sum to float32, which is the order BLAS uses for `weights @ x`, so the result
 * equals row i of simpleAttention bit for bit.
 */
export function attentionForQuery(x: Tensor, i: number): AttentionResult {
  if (x.shape.length !== 2) fail(`attentionForQuery: expected a 2-d input, got shape ${s(x)}`);
  const [n, d] = x.shape as [number, number];
  const query = row(x, i);
  const scores = new Float32Array(n);
  for (let j = 0; j < n; j++) scores[j] = dot(row(x, j), query).data[0]!;
  const scoreTensor: Tensor = { shape: [n], data: scores };
  const weights = softmax(scoreTensor, 0);
  const context = new Float32Array(d);
  for (let j = 0; j < n; j++) {
    const w = weights.data[j]!;
    for (let k = 0; k < d; k++) {
      context[k] = context[k]! + Math.fround(w * x.data[j * d + k]!);
    }
  }
  return { scores: scoreTensor, weights, context: { shape: [d], data: context } };
}

function project(x: Tensor, w: Tensor, layout: WeightLayout, name: string): Tensor {
  if (w.shape.length !== 2) fail(`projectQKV: ${name} must be 2-d, got shape ${s(w)}`);
  if (x.shape.length !== 1 && x.shape.length !== 2) {
    fail(`projectQKV: x must be 1-d or 2-d, got shape ${s(x)} (with ${name} ${s(w)})`);
  }
  const dIn = x.shape[x.shape.length - 1];
  const wIn = layout === 'x@W' ? w.shape[0] : w.shape[1];
  if (dIn !== wIn) {
    const expr = layout === 'x@W' ? `x ${s(x)} @ ${name} ${s(w)}` : `${name} ${s(w)} @ x ${s(x)}`;
    fail(`projectQKV (${layout}): ${expr}: input sizes ${dIn} and ${wIn} differ`);
  }
  if (layout === 'x@W') return matmul(x, w);
  // W.matmul(x_2) for one token; (W @ x.T).T for all of them. Each output is the same sequential
  // float32 dot product over d_in as x @ W.T would give.
  return x.shape.length === 1 ? matmul(w, x) : transpose(matmul(w, transpose(x)));
}

/**
 * The trainable projections: queries, keys and values from inputs `x` (n x d_in, or one token of
 * d_in) and the three weight matrices in the given layout.
 */
export function projectQKV(
  x: Tensor,
  wq: Tensor,
  wk: Tensor,
  wv: Tensor,
  layout: WeightLayout,
): QKV {
  return {
    queries: project(x, wq, layout, 'W_query'),
    keys: project(x, wk, layout, 'W_key'),
    values: project(x, wv, layout, 'W_value'),
  };
}

/**
 * Scaled dot-product attention as the seeds write it: `scores = q @ k.T`,
 * `scaled = scores / math.sqrt(d_k)` (a Python double, which PyTorch rounds to float32 before a
 * float32 division), `weights = softmax(scaled, dim=-1)`, `context = weights @ v`. `q` may be one
 * query (1-d, seed 003's `omega_2`) or a matrix. With `causal`, entries above the diagonal are set
 * to -inf before the softmax, so they get weight 0 (masking before or after the scaling gives the
 * same numbers, since -inf / x = -inf). `options.scores` is `q @ k.T` when the caller has it
 * already (the playground recomputes only the rows and columns an edit changed).
 */
export function scaledDotProductAttention(
  q: Tensor,
  k: Tensor,
  v: Tensor,
  options: { causal?: boolean; scores?: Tensor } = {},
): ScaledAttentionResult {
  if (
    k.shape.length !== 2 ||
    v.shape.length !== 2 ||
    (q.shape.length !== 1 && q.shape.length !== 2)
  ) {
    fail(
      `scaledDotProductAttention: expected q 1-d or 2-d and k, v 2-d, got q ${s(q)}, k ${s(k)}, v ${s(v)}`,
    );
  }
  const dk = k.shape[1]!;
  if (q.shape[q.shape.length - 1] !== dk) {
    fail(`scaledDotProductAttention: queries ${s(q)} and keys ${s(k)} differ in d_k`);
  }
  if (k.shape[0] !== v.shape[0]) {
    fail(`scaledDotProductAttention: keys ${s(k)} and values ${s(v)} differ in token count`);
  }
  const given = options.scores;
  if (given && (q.shape.length !== 2 || given.shape.join() !== `${q.shape[0]},${k.shape[0]}`)) {
    fail(`scaledDotProductAttention: scores ${s(given)} are not q @ k.T for q ${s(q)}, k ${s(k)}`);
  }
  const scores = given ?? matmul(q, transpose(k));
  const scaled = div(scores, Math.sqrt(dk));
  let masked: Tensor | undefined;
  if (options.causal) {
    const n = k.shape[0]!;
    if (q.shape.length !== 2 || q.shape[0] !== n) {
      fail(
        `scaledDotProductAttention: a causal mask needs as many queries as keys, got q ${s(q)} and k ${s(k)}`,
      );
    }
    masked = maskedFill(scaled, causalMask(n), -Infinity);
  }
  const weights = softmax(masked ?? scaled, -1);
  const context = matmul(weights, v);
  return masked
    ? { scores, scaled, masked, weights, context }
    : { scores, scaled, weights, context };
}

/**
 * The whole trainable pipeline: projections, then scaled dot-product attention over them.
 */
export function selfAttention(
  x: Tensor,
  wq: Tensor,
  wk: Tensor,
  wv: Tensor,
  layout: WeightLayout,
  options: { causal?: boolean } = {},
): ScaledAttentionResult & QKV {
  const qkv = projectQKV(x, wq, wk, wv, layout);
  return { ...qkv, ...scaledDotProductAttention(qkv.queries, qkv.keys, qkv.values, options) };
}
