/**
 * The word-order lesson's own values: what the learner chose (a permutation of the words, the
 * learned position table, how far the rotary step moves every word) and everything computed from
 * it, in the order the lesson's PyTorch code computes it, so every printed tensor is bit-identical.
 * Only math here: derive.ts imports it, and the lesson (./wordOrder) reads it.
 */
import { scaledDotProductAttention } from '../math/attention';
import { add, indexRows, matmul, sub, transpose } from '../math/ops';
import { rope, sinusoidalPositions } from '../math/positions';
import type { Tensor } from '../math/tensor';

/** What the runs read of the lesson's trainable pipeline (types.ts's TrainableDerived). */
export interface Pipeline {
  wq: Tensor;
  wk: Tensor;
  wv: Tensor;
  queries: Tensor;
  keys: Tensor;
  context: Tensor;
}

/** What the learner chose in the word-order lesson (LessonState.order). */
export interface WordOrderState {
  /** `perm`: row i of the shuffled sentence is word perm[i] of the sentence. */
  perm: readonly number[];
  /** `pos_embedding.weight`, [n, d]: one learned vector per position. */
  positions: Tensor;
  /** How many positions the rotary step moves every word (`shift`). */
  shift: number;
}

/** Largest shift the rotary step offers (angles stay far below Sleef's slow path). */
export const MAX_SHIFT = 100;

/** One attention run: `attention(x)` or `attention(x, causal=True)` of the lesson's code. */
export interface Run {
  queries: Tensor;
  keys: Tensor;
  values: Tensor;
  weights: Tensor;
  context: Tensor;
}

/** The rotary step: scores with every word at its position, and moved by `shift`. */
export interface RopeRun {
  /** `rope(queries, positions)`, [n, 2]. */
  queries: Tensor;
  keys: Tensor;
  /** `rope(queries, positions + shift)`. */
  movedQueries: Tensor;
  movedKeys: Tensor;
  /** `rope(queries, positions) @ rope(keys, positions).T`. */
  scores: Tensor;
  /** The same with every position moved by `shift`. */
  moved: Tensor;
  /** `(scores - moved).abs().max()` as a float32. */
  maxDiff: number;
}

/** Derived.order: every run the lesson shows. */
export interface WordOrderDerived {
  perm: readonly number[];
  shift: number;
  /** `x[perm]`. */
  xPerm: Tensor;
  /** `context[perm]`: the unshuffled context vectors, reordered. */
  contextPerm: Tensor;
  /** `attention(x[perm])`. */
  shuffled: Run;
  /** `attention(x, causal=True)`. */
  causal: Run;
  /** `attention(x[perm], causal=True)`. */
  causalShuffled: Run;
  /** `causal[perm]`. */
  causalPerm: Tensor;
  /** Per row of the shuffled sentence: `torch.isclose(causal[perm], shuffled).all(dim=1)`. */
  causalRowsSame: boolean[];
  /** The learned position table, [n, d] (`pos`). */
  positions: Tensor;
  /** `x + pos`. */
  xPos: Tensor;
  /** `attention(x + pos)`. */
  learned: Run;
  /** `attention(x[perm] + pos)`: the shuffled words, each at its new position. */
  learnedShuffled: Run;
  /** `context_pos[perm]`. */
  learnedPerm: Tensor;
  /** The sinusoidal table `pe`, [n, d]. */
  pe: Tensor;
  /** `attention(x + pe)`. */
  sinusoidal: Run;
  rope: RopeRun;
}

/** `attention(x, causal)` as the lesson's code defines it. */
export function runAttention(x: Tensor, t: Pipeline, causal = false): Run {
  const queries = matmul(x, t.wq);
  const keys = matmul(x, t.wk);
  const values = matmul(x, t.wv);
  const a = scaledDotProductAttention(queries, keys, values, { causal });
  return { queries, keys, values, weights: a.weights, context: a.context };
}

/**
 * `torch.isclose(a, b)` (rtol 1e-5, atol `atol`), elementwise, in float32 as PyTorch computes it:
 * |a - b| <= atol + rtol * |b|; equal values (infinities included) are close, NaN never.
 */
export function isclose(a: number, b: number, atol = 1e-8): boolean {
  if (a === b) return true;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  const rtol = Math.fround(1e-5);
  return (
    Math.fround(Math.abs(Math.fround(a - b))) <=
    Math.fround(Math.fround(atol) + Math.fround(rtol * Math.abs(b)))
  );
}

/** `torch.allclose(a, b, atol=atol)` for tensors of one shape. */
export function allcloseAtol(a: Tensor, b: Tensor, atol = 1e-8): boolean {
  if (a.shape.length !== b.shape.length || a.shape.some((n, i) => n !== b.shape[i])) return false;
  return a.data.every((x, k) => isclose(x, b.data[k]!, atol));
}

/**
 * Why `perm` is not an order of n words (null when it is): said in the link notice and beside the
 * permutation field, never fixed silently.
 */
export function permutationProblem(perm: readonly number[], n: number): string | null {
  if (perm.length !== n) {
    return `has ${perm.length} ${perm.length === 1 ? 'number' : 'numbers'}, but the sentence has ${n} words`;
  }
  const out = perm.find((p) => p >= n);
  if (out !== undefined) return `names word ${out}, but the words are numbered 0 to ${n - 1}`;
  const twice = perm.find((p, i) => perm.indexOf(p) !== i);
  if (twice !== undefined) {
    const missing = Array.from({ length: n }, (_, i) => i).filter((i) => !perm.includes(i));
    return `names word ${twice} twice and leaves out ${missing.join(', ')}`;
  }
  return null;
}

/** The lesson's values from the learner's choices; x is the token embeddings, [n, d]. */
export function deriveOrder(s: WordOrderState, x: Tensor, t: Pipeline): WordOrderDerived {
  const n = x.shape[0]!;
  const perm = s.perm;
  const xPerm = indexRows(x, perm);
  const causal = runAttention(x, t, true);
  const causalShuffled = runAttention(xPerm, t, true);
  const causalPerm = indexRows(causal.context, perm);
  const [, dv] = causalPerm.shape as [number, number];
  const causalRowsSame = Array.from({ length: n }, (_, i) =>
    Array.from({ length: dv }, (_, k) => k).every((k) =>
      isclose(causalPerm.data[i * dv + k]!, causalShuffled.context.data[i * dv + k]!),
    ),
  );
  const xPos = add(x, s.positions);
  const learned = runAttention(xPos, t);
  const pe = sinusoidalPositions(n, x.shape[1]!);
  const positions = Array.from({ length: n }, (_, i) => i);
  const movedPositions = positions.map((p) => p + s.shift);
  const rq = rope(t.queries, positions);
  const rk = rope(t.keys, positions);
  const mq = rope(t.queries, movedPositions);
  const mk = rope(t.keys, movedPositions);
  const scores = matmul(rq, transpose(rk));
  const moved = matmul(mq, transpose(mk));
  const diff = sub(scores, moved).data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  return {
    perm,
    shift: s.shift,
    xPerm,
    contextPerm: indexRows(t.context, perm),
    shuffled: runAttention(xPerm, t),
    causal,
    causalShuffled,
    causalPerm,
    causalRowsSame,
    positions: s.positions,
    xPos,
    learned,
    learnedShuffled: runAttention(add(xPerm, s.positions), t),
    learnedPerm: indexRows(learned.context, perm),
    pe,
    sinusoidal: runAttention(add(x, pe), t),
    rope: { queries: rq, keys: rk, movedQueries: mq, movedKeys: mk, scores, moved, maxDiff: diff },
  };
}
