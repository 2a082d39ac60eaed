/**
 * The playground's values and numbers, all from the math core: embeddings from
 * `torch.manual_seed(seed); torch.nn.Embedding(len(vocab), d)`, then (trainable) `torch.rand` for
 * W_query, W_key, W_value from the same generator; plain attention `x @ x.T` (the math core's
 * simpleAttention) or scaled dot-product attention, optionally causal. Pure: the store declares
 * these values as fields (src/state/playground.ts), the page renders them.
 */
import {
  formatTensor,
  indexRows,
  numpyFloat32Repr,
  projectQKV,
  row,
  scaledDotProductAttention,
  simpleAttention,
  torchGenerator,
  type Tensor,
} from '../math';
import { checkSentence, tokenize, vocabulary } from './tokenize';

export type Mode = 'plain' | 'trainable';

/** Largest embedding size, d_k and d_v. */
export const MAX_DIM = 64;

/** The playground's choices apart from the table: what its share link carried as `?p=` before. */
export interface Settings {
  sentence: string;
  d: number;
  seed: number;
  mode: Mode;
  dk: number;
  dv: number;
  causal: boolean;
  query: number;
}

/** Everything the learner chose in the playground: the settings and the embeddings as shown. */
export interface PlaygroundValues extends Settings {
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

/** The settings with freshly drawn (unedited) embeddings; the query clamped to the sentence. */
export function playgroundWith(s: Settings): PlaygroundValues {
  return {
    ...s,
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
}

/** The tensors a fresh run draws for these settings (edits not applied). */
export function baseTensors(
  tokens: readonly string[],
  d: number,
  seed: number,
  dk: number,
  dv: number,
): Base {
  const vocab = vocabulary(tokens);
  const index = new Map(vocab.map((w, i) => [w, i]));
  const ids = tokens.map((t) => index.get(t)!);
  const g = torchGenerator(seed);
  const table = g.embedding(vocab.length, d);
  const x = indexRows(table, ids);
  const wq = g.rand([d, dk]);
  const wk = g.rand([d, dk]);
  const wv = g.rand([d, dv]);
  return { tokens: [...tokens], vocab, ids, x, wq, wk, wv };
}

export interface Result {
  /**
   * `scores` as the code leaves it before the softmax: x @ x.T (plain) or scaled (trainable), and
   * with the causal mask, -inf above the diagonal (`scores.masked_fill(mask, float('-inf'))`).
   */
  scores: Tensor;
  weights: Tensor;
  context: Tensor;
}

/** Attention over `x` (the possibly edited embeddings). */
export function attend(
  x: Tensor,
  base: Pick<Base, 'wq' | 'wk' | 'wv'>,
  mode: Mode,
  causal: boolean,
): Result {
  if (mode === 'plain') return simpleAttention(x, { causal });
  const { queries, keys, values } = projectReusing(x, base);
  const r = scaledDotProductAttention(queries, keys, values, { causal });
  return { scores: r.masked ?? r.scaled, weights: r.weights, context: r.context };
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
  const changed: number[] = [];
  for (let r = 0; last && r < n && changed.length <= n / 2; r++) {
    for (let c = r * d; c < r * d + d; c++) {
      if (!Object.is(x.data[c], last.x.data[c])) {
        changed.push(r);
        break;
      }
    }
  }
  let qkv: QKV;
  if (!last || changed.length > n / 2) {
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

/** What `print(weights)`, `print(context)` and the query's rows print. */
export function printed(result: Result, query: number): string {
  return [
    formatTensor(result.weights),
    formatTensor(result.context),
    formatTensor(row(result.weights, query)),
    formatTensor(row(result.context, query)),
  ].join('\n');
}

/** The playground's settings (as its link carries them) and the learner's edited cells. */
export interface CodeSettings extends Settings {
  /** Edited cells [row, col, value]. */
  edits: readonly (readonly [number, number, number])[];
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

/** The PyTorch cell that computes what the playground shows. */
export function pythonCode(s: CodeSettings, n: number): string {
  const lines = [
    'import math',
    'import torch',
    '',
    `sentence = ${pyString(s.sentence)}`,
    'words = sentence.split()',
    'vocab = {w: i for i, w in enumerate(sorted(set(words)))}',
    'ids = torch.tensor([vocab[w] for w in words])',
    '',
    `torch.manual_seed(${s.seed})`,
    `embed = torch.nn.Embedding(len(vocab), ${s.d})`,
    'x = embed(ids).detach()',
  ];
  if (s.mode === 'trainable') {
    lines.push(
      `W_query = torch.rand(${s.d}, ${s.dk})`,
      `W_key = torch.rand(${s.d}, ${s.dk})`,
      `W_value = torch.rand(${s.d}, ${s.dv})`,
    );
  }
  for (const [r, c, v] of s.edits) lines.push(`x[${r}, ${c}] = ${numpyFloat32Repr(v)}`);
  lines.push('');
  if (s.mode === 'plain') {
    lines.push('scores = x @ x.T');
  } else {
    lines.push(
      'queries = x @ W_query',
      'keys = x @ W_key',
      'values = x @ W_value',
      'scores = queries @ keys.T',
      `scores = scores / math.sqrt(${s.dk})`,
    );
  }
  if (s.causal) {
    lines.push(
      `mask = torch.triu(torch.ones(${n}, ${n}, dtype=torch.bool), diagonal=1)`,
      "scores = scores.masked_fill(mask, float('-inf'))",
    );
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
