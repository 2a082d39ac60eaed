/**
 * The playground's values and numbers, all from the math core: embeddings from
 * `torch.manual_seed(seed); torch.nn.Embedding(len(vocab), d)`, then (learned positions)
 * `torch.nn.Embedding(n, d)` and (trainable) `torch.rand` for W_query, W_key, W_value from the same
 * generator; positions none, learned or sinusoidal (added to x) or rotary (turning what the scores
 * compare); plain attention `x @ x.T` (the math core's simpleAttention) or scaled dot-product
 * attention, optionally causal. Pure: the store declares these values as fields
 * (src/state/playground.ts), the page renders them.
 */
import {
  add,
  causalMask,
  formatTensor,
  indexRows,
  maskedFill,
  matmul,
  numpyFloat32Repr,
  projectQKV,
  pyFixed,
  mul,
  ropeParts,
  row,
  scaledDotProductAttention,
  sdot,
  simpleAttention,
  sinusoidalPositions,
  softmax,
  sub,
  torchGenerator,
  transpose,
  AttentionTrainer,
  type OptimizerSpec,
  type Tensor,
} from '../math';
import { checkSentence, tokenize, vocabulary } from './tokenize';

export type Mode = 'plain' | 'trainable';

/**
 * How attention learns where each word is: not at all; a learned table `torch.nn.Embedding(n, d)`
 * or the original Transformer's sinusoidal table, added to the token embeddings; or rotary
 * positions (RoPE), turning the queries and keys (plain attention: the x the scores compare).
 */
export type Positions = 'none' | 'learned' | 'sinusoidal' | 'rotary';
export const POSITIONS: readonly Positions[] = ['none', 'learned', 'sinusoidal', 'rotary'];

/** Largest embedding size, d_k and d_v. */
export const MAX_DIM = 64;

/**
 * The playground's choices apart from the table: what its share link carried as `?p=` before,
 * and the positions (added later; a `?p=` link opens with none).
 */
export interface Settings {
  sentence: string;
  d: number;
  seed: number;
  mode: Mode;
  dk: number;
  dv: number;
  causal: boolean;
  query: number;
  positions: Positions;
}

/** A preset goal: each word attends to itself, to the word before it, or to the first word. */
export type GoalPreset = 'self' | 'previous' | 'first';
export const GOAL_PRESETS: readonly GoalPreset[] = ['self', 'previous', 'first'];

/**
 * What training aims at: for each query word, the key it should attend to. 'none' (no training),
 * a preset (which follows the sentence when it changes), or one key per word, as the learner
 * clicked them.
 */
export type Goal = 'none' | GoalPreset | readonly number[];

export type OptimizerKind = 'sgd' | 'adam';

/** The training panel's choices (trainable mode): the goal, how to train, and where the run is. */
export interface TrainValues {
  goal: Goal;
  optimizer: OptimizerKind;
  /** The learning rate, a double as typed (PyTorch reads the same literal). */
  lr: number;
  /** The run's length. */
  steps: number;
  /** The step the learner stopped at (0: the W drawn from the seed); at most `steps`. */
  trainStep: number;
}

export const DEFAULT_TRAIN: TrainValues = {
  goal: 'none',
  optimizer: 'adam',
  lr: 0.05,
  steps: 200,
  trainStep: 0,
};

/** The most steps a playground run may have. */
export const MAX_TRAIN_STEPS = 10_000;

/** The key each of n query words should attend to under a goal, or null for no goal. */
export function goalTargets(goal: Goal, n: number): number[] | null {
  if (goal === 'none') return null;
  if (typeof goal !== 'string') return [...goal];
  return Array.from({ length: n }, (_, i) =>
    goal === 'self' ? i : goal === 'previous' ? Math.max(0, i - 1) : 0,
  );
}

/** One key per word as a goal: the preset it equals (self first), or the keys themselves. */
export function goalOf(keys: readonly number[]): Goal {
  const n = keys.length;
  for (const p of GOAL_PRESETS) {
    const t = goalTargets(p, n)!;
    if (t.every((k, i) => k === keys[i])) return p;
  }
  return [...keys];
}

/** The goal after the sentence changes to n words: a preset follows; clicked keys fit or go. */
export function goalFor(goal: Goal, n: number): Goal {
  if (typeof goal === 'string') return goal;
  return goal.length === n && goal.every((k) => k < n) ? goal : 'none';
}

/** Whether two goals are the same. */
export function sameGoal(a: Goal, b: Goal): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return a.length === b.length && a.every((k, i) => k === b[i]);
}

/**
 * Why this playground cannot train, or null when it can: only trainable attention has W to train,
 * and rotary positions turn the queries and keys inside the scores, which the training code does not
 * (yet) differentiate.
 */
export function trainingUnavailable(v: Pick<Settings, 'mode' | 'positions' | 'dk'>): string | null {
  if (v.mode !== 'trainable')
    return 'Training needs trainable attention (W_query, W_key, W_value).';
  if (v.positions === 'rotary' && v.dk > 1) {
    return 'Training is not available with rotary positions: choose none, learned or sinusoidal positions to train.';
  }
  return null;
}

/** The optimizer as torch.optim builds it from the panel's choice (PyTorch's other defaults). */
export function optimizerSpec(kind: OptimizerKind, lr: number): OptimizerSpec {
  return kind === 'sgd' ? { kind: 'sgd', lr } : { kind: 'adam', lr };
}

/** Everything the learner chose in the playground: the settings and the embeddings as shown. */
export interface PlaygroundValues extends Settings, TrainValues {
  /**
   * The embeddings, [tokens, d]: what the seed draws for the sentence and d, with the learner's
   * edits. A change of sentence, d or seed draws them again (the edits belonged to another table).
   */
  embeddings: Tensor;
}

export const DEFAULT_SETTINGS: Settings = {
  sentence: 'Your journey starts with one step',
  d: 3,
  seed: 123,
  mode: 'plain',
  dk: 2,
  dv: 2,
  causal: false,
  query: 1,
  positions: 'none',
};

/** The query clamped to the sentence's tokens. */
export function clampQuery(sentence: string, query: number): number {
  return Math.max(0, Math.min(query, tokenize(sentence).length - 1));
}

const drawn: { key: string; x: Tensor }[] = [];

/**
 * What `torch.manual_seed(seed); torch.nn.Embedding(len(vocab), d)` gives the sentence's tokens:
 * the table an unedited playground shows. The last few draws are kept (a link's fields and an
 * edit's equality test ask for the same one again and again); a tensor once drawn keeps its
 * identity, so equality checks against it start with `===`.
 */
export function drawnEmbeddings(sentence: string, d: number, seed: number): Tensor {
  const key = `${d}:${seed}:${sentence}`;
  const hit = drawn.find((c) => c.key === key);
  if (hit) return hit.x;
  const tokens = tokenize(sentence);
  const vocab = vocabulary(tokens);
  const index = new Map(vocab.map((w, i) => [w, i]));
  const x = indexRows(
    torchGenerator(seed).embedding(vocab.length, d),
    tokens.map((t) => index.get(t)!),
  );
  drawn.unshift({ key, x });
  if (drawn.length > 4) drawn.pop();
  return x;
}

/** The playground as it opens: the default sentence with what its seed draws. */
export function defaultPlayground(): PlaygroundValues {
  return playgroundWith(DEFAULT_SETTINGS);
}

/**
 * The settings with freshly drawn (unedited) embeddings; the query clamped to the sentence; the
 * training choices given (or the defaults), the goal fitted to the sentence and the run at step 0.
 */
export function playgroundWith(s: Settings & Partial<TrainValues>): PlaygroundValues {
  const n = tokenize(s.sentence).length;
  return {
    ...DEFAULT_TRAIN,
    ...s,
    goal: goalFor(s.goal ?? DEFAULT_TRAIN.goal, n),
    trainStep: 0,
    query: clampQuery(s.sentence, s.query),
    embeddings: drawnEmbeddings(s.sentence, s.d, s.seed),
  };
}

/** Whether a sentence can be the playground's: null, or what is wrong with it, as a sentence. */
export function sentenceProblem(sentence: string): string | null {
  const check = checkSentence(sentence);
  return check.ok ? null : check.message;
}

/** The edited cells [row, col, value], in cell order, against what the seed draws. */
export function editsOf(v: PlaygroundValues): [number, number, number][] {
  const base = drawnEmbeddings(v.sentence, v.d, v.seed);
  const out: [number, number, number][] = [];
  if (base === v.embeddings) return out;
  v.embeddings.data.forEach((x, k) => {
    if (!Object.is(x, base.data[k])) out.push([Math.floor(k / v.d), k % v.d, x]);
  });
  return out;
}

export interface Base {
  tokens: string[];
  vocab: string[];
  ids: number[];
  /** The embedding rows for the tokens, [n, d]. */
  x: Tensor;
  wq: Tensor;
  wk: Tensor;
  wv: Tensor;
  /** The kind of positions. */
  positions: Positions;
  /**
   * The [n, d] positions added to x before attention (learned: `pos_embed(torch.arange(n))`;
   * sinusoidal: `pe`), or null (none, rotary).
   */
  pe: Tensor | null;
}

/**
 * The tensors a fresh run draws for these settings (edits not applied). One generator, in the
 * order the code shown draws: the token embeddings, then (learned positions) the position table,
 * as GPT-style code does, then W_query, W_key, W_value. So learned positions change the W drawn.
 */
export function baseTensors(
  tokens: readonly string[],
  d: number,
  seed: number,
  dk: number,
  dv: number,
  positions: Positions = 'none',
): Base {
  const vocab = vocabulary(tokens);
  const index = new Map(vocab.map((w, i) => [w, i]));
  const ids = tokens.map((t) => index.get(t)!);
  const g = torchGenerator(seed);
  const table = g.embedding(vocab.length, d);
  const x = indexRows(table, ids);
  // pos_embed(torch.arange(n)) is the whole [n, d] weight.
  const pe =
    positions === 'learned'
      ? g.embedding(tokens.length, d)
      : positions === 'sinusoidal'
        ? sinusoidalPositions(tokens.length, d)
        : null;
  const wq = g.rand([d, dk]);
  const wk = g.rand([d, dk]);
  const wv = g.rand([d, dv]);
  return { tokens: [...tokens], vocab, ids, x, wq, wk, wv, positions, pe };
}

/**
 * Rotary positions as the code shown writes `rope(t)`: pairs (2i, 2i+1) of row p turned by the
 * angle p * theta_i (math/positions.ts's rope). With an odd size the pairs are the first size - 1
 * dimensions (theta from that size, as partial rotary in GPT-NeoX computes it) and the last
 * dimension is left as it is; with size 1 there is no pair, and nothing turns.
 */
export function rotary(t: Tensor): Tensor {
  const [n, size] = t.shape as [number, number];
  const r = size - (size % 2);
  const out = t.data.slice();
  if (r === 0) return { shape: t.shape, data: out };
  const half = r / 2;
  // rope's own steps (x1 * cos - x2 * sin, x1 * sin + x2 * cos, each op rounded to float32), with
  // its cos and sin tables kept: they depend on n and the size only, and their 2 n (size / 2)
  // float32 sines and cosines were most of the cost of an edit at 64 × 64.
  const { cos: c, sin: sn } = turns(n, r);
  const x1: Tensor = { shape: [n, half], data: new Float32Array(n * half) };
  const x2: Tensor = { shape: [n, half], data: new Float32Array(n * half) };
  for (let p = 0; p < n; p++) {
    for (let i = 0; i < half; i++) {
      x1.data[p * half + i] = t.data[p * size + 2 * i]!;
      x2.data[p * half + i] = t.data[p * size + 2 * i + 1]!;
    }
  }
  const even = sub(mul(x1, c), mul(x2, sn));
  const odd = add(mul(x1, sn), mul(x2, c));
  for (let p = 0; p < n; p++) {
    for (let i = 0; i < half; i++) {
      out[p * size + 2 * i] = even.data[p * half + i]!;
      out[p * size + 2 * i + 1] = odd.data[p * half + i]!;
    }
  }
  return { shape: t.shape, data: out };
}

const turnTables: { key: string; cos: Tensor; sin: Tensor }[] = [];

/** rope's cos and sin of the angles p * theta_i, [n, r / 2], for n rows of an even size r. */
function turns(n: number, r: number): { cos: Tensor; sin: Tensor } {
  const key = `${n}:${r}`;
  const hit = turnTables.find((t) => t.key === key);
  if (hit) return hit;
  const parts = ropeParts({ shape: [n, r], data: new Float32Array(n * r) }, positionsOf(n));
  const made = { key, cos: parts.cos, sin: parts.sin };
  turnTables.unshift(made);
  if (turnTables.length > 4) turnTables.pop();
  return made;
}

function positionsOf(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

export interface Result {
  /**
   * `scores` as the code leaves it before the softmax: x @ x.T (plain) or scaled (trainable), and
   * with the causal mask, -inf above the diagonal (`scores.masked_fill(mask, float('-inf'))`).
   */
  scores: Tensor;
  weights: Tensor;
  context: Tensor;
  /** What attention ran on: x, or x + positions when positions are added. */
  input: Tensor;
}

/**
 * Attention over `x` (the possibly edited token embeddings), with `base`'s positions: added to x
 * first (learned, sinusoidal), or turning the queries and keys (rotary; plain attention: scores =
 * rope(x) @ rope(x).T, the context still weights @ x). Without `positions` in base, none.
 */
export function attend(
  x: Tensor,
  base: Pick<Base, 'wq' | 'wk' | 'wv'> & Partial<Pick<Base, 'positions' | 'pe'>>,
  mode: Mode,
  causal: boolean,
): Result {
  const input = base.pe ? add(x, base.pe) : x;
  const rotate = base.positions === 'rotary';
  if (mode === 'plain') {
    if (!rotate) return { ...simpleAttention(input, { causal }), input };
    const turned = rotary(input);
    const raw = matmul(turned, transpose(turned));
    const scores = causal ? maskedFill(raw, causalMask(raw.shape[0]!), -Infinity) : raw;
    const weights = softmax(scores, -1);
    return { scores, weights, context: matmul(weights, input), input };
  }
  // The projections are reused row by row; rotary turns the whole of them afterwards (the angle
  // depends on the row, and sin and cos run on the whole tensor, as PyTorch runs them).
  const qkv = projectReusing(input, base);
  const queries = rotate ? rotary(qkv.queries) : qkv.queries;
  const keys = rotate ? rotary(qkv.keys) : qkv.keys;
  const scores = scoresReusing(base.wq, queries, keys);
  const r = scaledDotProductAttention(queries, keys, qkv.values, { causal, scores });
  return { scores: r.masked ?? r.scaled, weights: r.weights, context: r.context, input };
}

type QKV = ReturnType<typeof projectQKV>;

/** The last projection made with each W_query, to start the next one from (see projectReusing). */
const lastProjection = new WeakMap<Tensor, { x: Tensor; wk: Tensor; wv: Tensor; qkv: QKV }>();

/**
 * `projectQKV(x, W_query, W_key, W_value, 'x@W')`, recomputing only the rows of x that changed
 * since the last call with the same weights. A drag or an edit changes one token's row, and the
 * three 64 × 64 × 64 products were over half of `attend` at the playground's largest size. Every
 * output row is its own sequential float32 dot products (matmul's order does not depend on the
 * other rows), so a row computed alone has the same bits as in the full product.
 */
function projectReusing(x: Tensor, base: Pick<Base, 'wq' | 'wk' | 'wv'>): QKV {
  const { wq, wk, wv } = base;
  const [n, d] = x.shape as [number, number];
  const prev = lastProjection.get(wq);
  const last =
    prev && prev.wk === wk && prev.wv === wv && prev.x.shape[0] === n && prev.x.shape[1] === d
      ? prev
      : null;
  const changed = last ? changedRows(last.x, x, n / 2) : null;
  let qkv: QKV;
  if (!last || !changed) {
    qkv = projectQKV(x, wq, wk, wv, 'x@W');
  } else {
    // New arrays: the last result may still be on screen (React keeps earlier renders' values).
    const out = {
      queries: { shape: last.qkv.queries.shape, data: last.qkv.queries.data.slice() },
      keys: { shape: last.qkv.keys.shape, data: last.qkv.keys.data.slice() },
      values: { shape: last.qkv.values.shape, data: last.qkv.values.data.slice() },
    };
    for (const r of changed) {
      const one = projectQKV(
        { shape: [1, d], data: x.data.subarray(r * d, r * d + d) },
        wq,
        wk,
        wv,
        'x@W',
      );
      out.queries.data.set(one.queries.data, r * one.queries.data.length);
      out.keys.data.set(one.keys.data, r * one.keys.data.length);
      out.values.data.set(one.values.data, r * one.values.data.length);
    }
    qkv = out;
  }
  lastProjection.set(wq, { x, wk, wv, qkv });
  return qkv;
}

/**
 * The rows of `next` (same shape as `prev`) whose values are not those of `prev`, bit for bit
 * (-0 is not 0); null when more than `limit` are.
 */
function changedRows(prev: Tensor, next: Tensor, limit: number): number[] | null {
  const [n, d] = next.shape as [number, number];
  // Compared as bits: -0 is not 0, and a NaN is the NaN it was.
  const a = new Int32Array(prev.data.buffer, prev.data.byteOffset, prev.data.length);
  const b = new Int32Array(next.data.buffer, next.data.byteOffset, next.data.length);
  const changed: number[] = [];
  for (let r = 0; r < n; r++) {
    for (let c = r * d; c < r * d + d; c++) {
      if (a[c] !== b[c]) {
        if (changed.push(r) > limit) return null;
        break;
      }
    }
  }
  return changed;
}

/** The last scores computed with each W_query, to start the next from (see scoresReusing). */
const lastScores = new WeakMap<Tensor, { q: Tensor; k: Tensor; scores: Tensor }>();

/**
 * `queries @ keys.T`, recomputing only the rows whose query and the columns whose key changed
 * since the last call with the same W_query: after a drag or an edit of one token, one row and one
 * column. Each score is its own sequential float32 dot product (matmul's order, rounding after
 * every product and every sum), so one computed alone has the same bits as in the full product.
 */
function scoresReusing(wq: Tensor, q: Tensor, k: Tensor): Tensor {
  const [n, dk] = q.shape as [number, number];
  const m = k.shape[0]!;
  const prev = lastScores.get(wq);
  const last =
    prev && prev.q.shape.join() === q.shape.join() && prev.k.shape.join() === k.shape.join()
      ? prev
      : null;
  const rows = last ? changedRows(last.q, q, n / 4) : null;
  const cols = last ? changedRows(last.k, k, m / 4) : null;
  let scores: Tensor;
  if (!last || !rows || !cols) {
    scores = matmul(q, transpose(k));
  } else {
    const data = last.scores.data.slice();
    for (const i of rows)
      for (let j = 0; j < m; j++) data[i * m + j] = sdot(q.data, i * dk, k.data, j * dk, dk);
    for (const j of cols)
      for (let i = 0; i < n; i++) data[i * m + j] = sdot(q.data, i * dk, k.data, j * dk, dk);
    scores = { shape: [n, m], data };
  }
  lastScores.set(wq, { q, k, scores });
  return scores;
}

/** What `print(weights)`, `print(context)` and the query's rows print. */
export function printed(result: Result, query: number): string {
  return [
    formatTensor(result.weights),
    formatTensor(result.context),
    formatTensor(row(result.weights, query)),
    formatTensor(row(result.context, query)),
  ].join('\n');
}

/** The training the code shows: the goal's keys, the optimizer, and the steps taken so far. */
export interface TrainCode {
  /** For each query word, the key it should attend to. */
  target: readonly number[];
  optimizer: OptimizerKind;
  lr: number;
  /** Steps taken: the loop's length. */
  steps: number;
}

/** The playground's settings (as its link carries them) and the learner's edited cells. */
export interface CodeSettings extends Settings {
  /** Edited cells [row, col, value]. */
  edits: readonly (readonly [number, number, number])[];
  /** Trainable mode with a goal: the training loop that ran before the attention shown. */
  training?: TrainCode;
}

/** The training a playground's code shows, or undefined (no goal, or training unavailable). */
export function trainCodeOf(v: PlaygroundValues, n: number): TrainCode | undefined {
  const target = goalTargets(v.goal, n);
  if (!target || trainingUnavailable(v) !== null) return undefined;
  return { target, optimizer: v.optimizer, lr: v.lr, steps: v.trainStep };
}

/**
 * Every how many steps the training loop prints its loss (and it always prints the last step):
 * 1, 2, 5, 10, 20, 50, … the least that prints at most 10 lines besides the last.
 */
export function printEvery(steps: number): number {
  for (let m = 1; ; m *= 10) {
    for (const f of [1, 2, 5]) if (Math.ceil(steps / (f * m)) <= 10) return f * m;
  }
}

/** The loop's print lines for the iterations' losses 0 to steps - 1 (a float32 each). */
export function trainingPrinted(losses: ArrayLike<number>, steps: number): string[] {
  const every = printEvery(steps);
  const out: string[] = [];
  for (let k = 0; k < steps; k++) {
    if (k % every === 0 || k === steps - 1) out.push(`step ${k}: loss ${pyFixed(losses[k]!, 4)}`);
  }
  return out;
}

/** What the code prints after `steps` steps of training: the loop's lines, then the attention. */
export function printedAfterTraining(
  losses: ArrayLike<number>,
  steps: number,
  result: Result,
  query: number,
): string {
  return [...trainingPrinted(losses, steps), printed(result, query)].join('\n');
}

/** What the trainable playground trains from: x (with positions added) and the drawn W. */
export function trainStart(
  x: Tensor,
  base: Base,
): { x: Tensor; weights: [Tensor, Tensor, Tensor] } {
  return { x: base.pe ? add(x, base.pe) : x, weights: [base.wq, base.wk, base.wv] };
}

/**
 * `steps` iterations of the training loop the code shows, on this thread (a notebook export and
 * tests; the page trains in a worker): the loss of each iteration and the weights at the end.
 */
export function trainSync(
  x: Tensor,
  base: Base,
  t: TrainCode,
  causal: boolean,
): { losses: Float32Array; weights: [Tensor, Tensor, Tensor] } {
  const start = trainStart(x, base);
  const trainer = new AttentionTrainer(
    start.x,
    start.weights,
    { kind: 'crossEntropy', target: t.target },
    optimizerSpec(t.optimizer, t.lr),
    { causal },
  );
  const losses = new Float32Array(t.steps);
  for (let k = 0; k < t.steps; k++) losses[k] = trainer.step().data[0]!;
  const w = trainer.weights;
  const copy = (m: Tensor): Tensor => ({ shape: [...m.shape], data: m.data.slice() });
  return { losses, weights: [copy(w[0]), copy(w[1]), copy(w[2])] };
}

/** Characters a literal spells as an escape: controls, format characters, separators and lone
 * surrogates (\p{C}, \p{Z}) except the space. Pasted or shown as they are, they would be invisible,
 * could be lost or changed on the way into a notebook, and several of them are whitespace to
 * Python's `split()` (U+0085, U+001C to U+001F) or, like U+FEFF, look like it and are not. */
const ESCAPED = /[\p{C}\p{Z}]/u;

/**
 * A Python string literal that Python reads as exactly `s`: printable characters as they are,
 * the backslash and the double quote escaped, and every invisible character (see ESCAPED) as
 * `\n`, `\t`, `\r`, `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
 */
export function pyString(s: string): string {
  let out = '"';
  // Code units, not code points: a lone surrogate (which a string may hold) is escaped alone.
  for (let k = 0; k < s.length; k++) {
    const unit = s.charCodeAt(k);
    let cp = unit;
    if (unit >= 0xd800 && unit <= 0xdbff && k + 1 < s.length) {
      const low = s.charCodeAt(k + 1);
      if (low >= 0xdc00 && low <= 0xdfff) cp = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
    }
    const ch = String.fromCodePoint(cp);
    if (cp > 0xffff) k++;
    if (ch === '\\') out += '\\\\';
    else if (ch === '"') out += '\\"';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === ' ' || !ESCAPED.test(ch)) out += ch;
    else if (cp <= 0xff) out += `\\x${hex(cp, 2)}`;
    else if (cp <= 0xffff) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return out + '"';
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** `def rope(t)` as the code shown writes it for a size (d in plain attention, d_k in trainable). */
function ropeCode(size: number): string[] {
  const r = size - (size % 2);
  const [even, odd] = r === size ? ['0::2', '1::2'] : [`0:${r}:2`, `1:${r}:2`];
  return [
    'def rope(t):',
    '    # rotary positions: dimensions (2i, 2i+1) of row p turned by the angle p * theta_i',
    ...(r === size
      ? []
      : [`    # ${size} is odd: the first ${r} dimensions turn, the last one stays as it is`]),
    `    theta = torch.exp(torch.arange(0, ${r}, 2) * (-math.log(10000.0) / ${r}))`,
    '    angles = torch.arange(t.shape[0]).unsqueeze(1) * theta',
    '    cos, sin = torch.cos(angles), torch.sin(angles)',
    '    out = t.clone()',
    `    out[:, ${even}] = t[:, ${even}] * cos - t[:, ${odd}] * sin`,
    `    out[:, ${odd}] = t[:, ${even}] * sin + t[:, ${odd}] * cos`,
    '    return out',
    '',
  ];
}

/** The PyTorch cell that computes what the playground shows. */
export function pythonCode(s: CodeSettings, n: number): string {
  const { d } = s;
  // Rotary positions turn the queries and keys (plain attention: x itself) in pairs of dimensions;
  // with one dimension there is no pair, and the code says so instead of defining rope.
  const ropeSize = s.mode === 'plain' ? d : s.dk;
  const rotate = s.positions === 'rotary' && ropeSize > 1;
  const lines = [
    'import math',
    'import torch',
    '',
    ...(rotate ? ropeCode(ropeSize) : []),
    `sentence = ${pyString(s.sentence)}`,
    'words = sentence.split()',
    'vocab = {w: i for i, w in enumerate(sorted(set(words)))}',
    'ids = torch.tensor([vocab[w] for w in words])',
    '',
    `torch.manual_seed(${s.seed})`,
    `embed = torch.nn.Embedding(len(vocab), ${d})`,
  ];
  if (s.positions === 'learned') {
    lines.push(
      '# learned positions, drawn right after the token embeddings (as GPT-style code does)',
      `pos_embed = torch.nn.Embedding(len(words), ${d})`,
    );
  }
  lines.push('x = embed(ids).detach()');
  if (s.mode === 'trainable') {
    lines.push(
      `W_query = torch.rand(${d}, ${s.dk})`,
      `W_key = torch.rand(${d}, ${s.dk})`,
      `W_value = torch.rand(${d}, ${s.dv})`,
    );
  }
  for (const [r, c, v] of s.edits) lines.push(`x[${r}, ${c}] = ${numpyFloat32Repr(v)}`);
  if (s.positions === 'learned') {
    lines.push('x = x + pos_embed(torch.arange(len(words))).detach()');
  } else if (s.positions === 'sinusoidal') {
    const half = Math.floor(d / 2);
    lines.push(
      '',
      '# sinusoidal positions (the original Transformer), added to the embeddings',
      'n = len(words)',
      `pe = torch.zeros(n, ${d})`,
      'position = torch.arange(n).unsqueeze(1)',
      `div_term = torch.exp(torch.arange(0, ${d}, 2) * (-math.log(10000.0) / ${d}))`,
      'pe[:, 0::2] = torch.sin(position * div_term)',
      d % 2 === 0
        ? 'pe[:, 1::2] = torch.cos(position * div_term)'
        : `pe[:, 1::2] = torch.cos(position * div_term[:${half}])  # d is odd: one cosine column fewer`,
      'x = x + pe',
    );
  }
  lines.push('');
  const t = s.training;
  const maskLine = `mask = torch.triu(torch.ones(${n}, ${n}, dtype=torch.bool), diagonal=1)`;
  if (t && s.mode === 'trainable') {
    const optim = t.optimizer === 'sgd' ? 'SGD' : 'Adam';
    const last = t.steps - 1;
    const every = printEvery(t.steps);
    const when = every === 1 ? '' : `if step % ${every} == 0 or step == ${last}:`;
    lines.push(
      '# training: each query word should attend to its goal key (cross-entropy on the scores)',
      `target = torch.tensor([${t.target.join(', ')}])`,
      ...(s.causal ? [maskLine] : []),
      'W_query.requires_grad_()',
      'W_key.requires_grad_()',
      '# W_value gets no gradient from this loss: only W_query and W_key learn',
      `optimizer = torch.optim.${optim}([W_query, W_key], lr=${t.lr})`,
      `for step in range(${t.steps}):  # the steps taken so far`,
      '    optimizer.zero_grad()',
      `    scores = (x @ W_query) @ (x @ W_key).T / math.sqrt(${s.dk})`,
      ...(s.causal ? ["    scores = scores.masked_fill(mask, float('-inf'))"] : []),
      '    loss = torch.nn.functional.cross_entropy(scores, target)',
      '    loss.backward()',
      '    optimizer.step()',
      ...(when
        ? [`    ${when}`, '        print(f"step {step}: loss {loss.item():.4f}")']
        : ['    print(f"step {step}: loss {loss.item():.4f}")']),
      '# trained: from here on plain tensors again',
      'W_query.requires_grad_(False)',
      'W_key.requires_grad_(False)',
      '',
    );
  }
  if (s.positions === 'rotary' && !rotate) {
    lines.push(
      `# rotary positions turn pairs of dimensions; with ${s.mode === 'plain' ? 'd' : 'd_k'} = 1 there is none, so they change nothing`,
    );
  }
  if (s.mode === 'plain') {
    if (rotate) {
      lines.push('xr = rope(x)  # the scores compare turned vectors; the context mixes x itself');
      lines.push('scores = xr @ xr.T');
    } else lines.push('scores = x @ x.T');
  } else {
    lines.push(
      rotate ? 'queries = rope(x @ W_query)' : 'queries = x @ W_query',
      rotate ? 'keys = rope(x @ W_key)' : 'keys = x @ W_key',
      'values = x @ W_value',
      'scores = queries @ keys.T',
      `scores = scores / math.sqrt(${s.dk})`,
    );
  }
  if (s.causal) {
    if (!(t && s.mode === 'trainable')) lines.push(maskLine);
    lines.push("scores = scores.masked_fill(mask, float('-inf'))");
  }
  lines.push(
    'weights = torch.softmax(scores, dim=-1)',
    s.mode === 'plain' ? 'context = weights @ x' : 'context = weights @ values',
    'print(weights)',
    'print(context)',
    `q = ${s.query}  # query token`,
    'print(weights[q])',
    'print(context[q])',
  );
  return lines.join('\n');
}
