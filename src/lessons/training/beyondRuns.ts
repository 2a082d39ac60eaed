/**
 * The training runs behind the lesson's last three steps (beyond.ts), as the steps' code runs them
 * under PyTorch: each a pure function of the inputs, the start weights and the seed, memoised on
 * those tensors (a WeakMap per argument), so a step recomputes only when one of them changes.
 *
 * - `downstreamRun`: Adam (lr 0.1) trains W_query, W_key and W_value for 300 steps so that each
 *   context vector matches the previous word's value vector under the start W_value (`F.mse_loss`).
 * - `twinRuns`: the same goal on "one step starts with one step" (rows of the lesson's inputs),
 *   without positions and with learned positions (`torch.nn.Embedding(6, d_in)` after
 *   `torch.manual_seed(seed)`, added to x before the projections).
 * - `scalingGradients`: one forward and backward pass at d_k = 64 (seeded 3x64 W_query and
 *   W_key), with and without the division by sqrt(d_k), and the gradient norms.
 */
import {
  AttentionTrainer,
  attentionGradients,
  indexRows,
  matmul,
  norm,
  add,
  sub,
  sum,
  torchGenerator,
  type AttentionGradients,
  type Tensor,
} from '../../math';

/** The run's fixed settings, as the code states them. */
export const LR = 0.1;
export const STEPS = 300;
export const EVERY = 50;
/** The size of queries and keys in the sqrt(d_k) experiment. */
export const WIDE_DK = 64;

/** Rows of the lesson's inputs that make "one step starts with one step" (one, step, starts, with). */
export const TWIN_IDS = [4, 5, 2, 3, 4, 5] as const;
/** The two "one"s: the first word (its own target) and the fifth (the previous word's). */
export const TWINS = [0, 4] as const;

/** For each of n words, the word before it; the first word is its own. */
export const previous = (n: number): number[] =>
  Array.from({ length: n }, (_, i) => Math.max(0, i - 1));

export interface StartWeights {
  wq: Tensor;
  wk: Tensor;
  wv: Tensor;
}

export interface RunResult {
  /** The loss printed at steps 0, EVERY, 2 EVERY, ..., STEPS (the last after the last update). */
  printed: { step: number; loss: Tensor }[];
  /** The loss of every forward pass, steps 0 to STEPS. */
  losses: Float32Array;
  /** The attention weights and context vectors after STEPS updates. */
  weights: Tensor;
  context: Tensor;
}

/**
 * A cache keyed on tensors: nested WeakMaps, one level per key, down to a Map keyed on a number
 * (the seed, or 0), so a result lives as long as the tensors it was computed from.
 */
function tensorCache<R>(): (keys: readonly object[], n: number, make: () => R) => R {
  const root = new WeakMap<object, WeakMap<object, unknown> | Map<number, R>>();
  return (keys, n, make) => {
    let level: WeakMap<object, unknown> = root;
    for (let k = 0; k < keys.length - 1; k++) {
      let next = level.get(keys[k]!) as WeakMap<object, unknown> | undefined;
      if (!next) level.set(keys[k]!, (next = new WeakMap()));
      level = next;
    }
    const last = keys[keys.length - 1]!;
    let leaf = level.get(last) as Map<number, R> | undefined;
    if (!leaf) level.set(last, (leaf = new Map()));
    const hit = leaf.get(n);
    if (hit !== undefined) return hit;
    const r = make();
    leaf.set(n, r);
    return r;
  };
}

/**
 * `train(x, target)` of the step's code: Adam over copies of the start weights; every iteration
 * computes the loss (printed every EVERY steps), and all but the last step back and update.
 */
export function train(x: Tensor, w: StartWeights, target: Tensor): RunResult {
  const task = { kind: 'mse' as const, target };
  const trainer = new AttentionTrainer(x, [w.wq, w.wk, w.wv], task, { kind: 'adam', lr: LR });
  const losses = new Float32Array(STEPS + 1);
  const printed: RunResult['printed'] = [];
  for (let step = 0; step < STEPS; step++) {
    const loss = trainer.step();
    losses[step] = loss.data[0]!;
    if (step % EVERY === 0) printed.push({ step, loss });
  }
  const [wq, wk, wv] = trainer.weights;
  const last = attentionGradients(x, wq, wk, wv, task);
  losses[STEPS] = last.loss.data[0]!;
  if (STEPS % EVERY === 0) printed.push({ step: STEPS, loss: last.loss });
  return { printed, losses, weights: last.weights!, context: last.context! };
}

/** `(x @ W_value0)[previous]`: each word's target is the start value vector of the word before. */
const previousValues = (x: Tensor, wv: Tensor): Tensor =>
  indexRows(matmul(x, wv), previous(x.shape[0]!));

export interface DownstreamRun extends RunResult {
  target: Tensor;
}

const downstreamCache = tensorCache<DownstreamRun>();

/** Step "a downstream goal": the lesson's inputs and start weights. */
export function downstreamRun(x: Tensor, wq: Tensor, wk: Tensor, wv: Tensor): DownstreamRun {
  return downstreamCache([x, wq, wk, wv], 0, () => {
    const target = previousValues(x, wv);
    return { ...train(x, { wq, wk, wv }, target), target };
  });
}

export interface TwinRuns {
  /** x = inputs[TWIN_IDS], [6, d_in]. */
  x: Tensor;
  /** The position table `pos_embedding(torch.arange(6))`, [6, d_in]. */
  positions: Tensor;
  target: Tensor;
  plain: RunResult;
  positioned: RunResult;
  /**
   * `((target[0] - target[4]) ** 2).sum() / 2 / target.numel()`: the lowest loss any weights
   * can reach without positions (the twins' outputs are one vector; the best is halfway).
   */
  floor: Tensor;
}

const twinCache = tensorCache<TwinRuns>();

/** Step "where it cannot succeed": both runs, memoised on the tensors and the seed. */
export function twinRuns(inputs: Tensor, w: StartWeights, seed: number): TwinRuns {
  return twinCache([inputs, w.wq, w.wk, w.wv], seed, () => twinRunsNow(inputs, w, seed));
}

function twinRunsNow(inputs: Tensor, w: StartWeights, seed: number): TwinRuns {
  const x = indexRows(inputs, [...TWIN_IDS]);
  const target = previousValues(x, w.wv);
  const positions = torchGenerator(seed).embedding(TWIN_IDS.length, inputs.shape[1]!);
  const diff = sub(indexRows(target, [TWINS[0]]), indexRows(target, [TWINS[1]]));
  const sq = { shape: diff.shape, data: diff.data.map((v) => Math.fround(v * v)) };
  const total = sum(sq).data[0]!;
  const floor = Math.fround(Math.fround(total / 2) / target.data.length);
  const out: TwinRuns = {
    x,
    positions,
    target,
    plain: train(x, w, target),
    positioned: train(add(x, positions), w, target),
    floor: { shape: [], data: Float32Array.of(floor) },
  };
  return out;
}

export interface ScalingPass {
  result: AttentionGradients;
  /** `weights.max(dim=-1).values`, [n]. */
  maxWeights: Tensor;
  /** `(weights < 0.001).sum().item()`: weights the softmax has all but switched off. */
  tiny: number;
  /** `g.norm()` of the gradients of W_query, W_key, W_value (0-d). */
  norms: [Tensor, Tensor, Tensor];
}

export interface ScalingGradients {
  wq: Tensor;
  wk: Tensor;
  wv: Tensor;
  target: Tensor;
  unscaled: ScalingPass;
  scaled: ScalingPass;
}

const scalingCache = tensorCache<ScalingGradients>();

function rowMax(t: Tensor): Tensor {
  const [n, c] = t.shape as [number, number];
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let k = 0; k < c; k++) m = Math.max(m, t.data[i * c + k]!);
    out[i] = m;
  }
  return { shape: [n], data: out };
}

/** Step "why divide by sqrt(d_k)": seeded [d_in, 64] W_query and W_key, one pass each way. */
export function scalingGradients(x: Tensor, seed: number): ScalingGradients {
  return scalingCache([x], seed, () => scalingNow(x, seed));
}

function scalingNow(x: Tensor, seed: number): ScalingGradients {
  const dIn = x.shape[1]!;
  const g = torchGenerator(seed);
  const wq = g.rand([dIn, WIDE_DK]);
  const wk = g.rand([dIn, WIDE_DK]);
  const wv = g.rand([dIn, 2]);
  const target = previousValues(x, wv);
  const pass = (scaled: boolean): ScalingPass => {
    const result = attentionGradients(x, wq, wk, wv, { kind: 'mse', target }, { scaled });
    const [gq, gk, gv] = result.grads;
    const w = result.weights!;
    // The Python float 0.001 meets a float32 tensor: compared in float32.
    const tiny = w.data.filter((v) => v < Math.fround(0.001)).length;
    return { result, maxWeights: rowMax(w), tiny, norms: [norm(gq), norm(gk), norm(gv!)] };
  };
  return { wq, wk, wv, target, unscaled: pass(false), scaled: pass(true) };
}
