import { catalogueText } from './catalogue';
import { formatSize, formatTensor, pyRepr } from '../math/format';
import { indexRows, sliceRows, sum } from '../math/ops';
import { torchGenerator } from '../math/random';
import { at, row, tensor, type Tensor } from '../math/tensor';
import {
  allclose,
  assignments,
  NEW_CELL,
  para,
  qn,
  raw,
  tokenLabel,
  trainableOf,
  vals,
  weightAssignments,
} from './common';
import {
  aligned,
  hl,
  num,
  factor,
  perToken,
  rowVec,
  stack,
  sumLines,
  texText,
  tok,
  xv,
} from './tex';
import type {
  Derived,
  Highlight,
  Lesson,
  OutputSource,
  Step,
  TrainableDerived,
  Weights,
} from './types';

export const PROMPT = 'Hello World I am an attention seeker I love attention';

/**
 * The notebook's vocabulary, quirk included: `{s.lower(): i for i, s in enumerate(sorted(...))}`
 * numbers the sorted words with duplicates, and a later duplicate overwrites an earlier id, so the
 * ids have gaps ('i' is 2, not 1).
 */
export function vocabulary(prompt: string): [string, number][] {
  const dict = new Map<string, number>();
  [...prompt.split(' ')].sort().forEach((s, i) => dict.set(s.toLowerCase(), i));
  return [...dict];
}

/** `[dic_words[i.lower()] for i in prompt.split(" ")]`. */
export function tokenIds(prompt: string): number[] {
  const dict = new Map(vocabulary(prompt));
  return prompt.split(' ').map((w) => dict.get(w.toLowerCase())!);
}

// ---------------------------------------------------------------------------------------------
// What a seed makes: one random stream, as the notebook draws from it.
// ---------------------------------------------------------------------------------------------

const VOCAB_SIZE = 50000;
const IDS = tokenIds(PROMPT);
/** Rows of the embedding table the formula shows: ids 0 to 9 (the prompt's, with its gaps). */
const SHOWN_TABLE_ROWS = 10;

interface Seeded {
  /** Rows 0 to 9 of `embedder.weight`. */
  table: Tensor;
  /** The table's last row, id 49999. */
  lastRow: Tensor;
  /** `embedder(tokens_tf)`: the table's rows for the prompt's ids. */
  embeddings: Tensor;
  weights: Weights;
}

const seededCache = new Map<number, Seeded>();

/**
 * `torch.manual_seed(seed)`, `Embedding(50000, 3)` (150,000 normal draws), then
 * `torch.rand(3, 24)`, `torch.rand(3, 24)`, `torch.rand(3, 28)` from where the table left the
 * stream. Drawing takes tens of milliseconds, and code cells compare against it on every render,
 * so the last few seeds are kept.
 */
function seeded(seed: number): Seeded {
  const hit = seededCache.get(seed);
  if (hit) return hit;
  const g = torchGenerator(seed);
  const table = g.embedding(VOCAB_SIZE, 3);
  const made: Seeded = {
    table: sliceRows(table, 0, SHOWN_TABLE_ROWS),
    lastRow: row(table, VOCAB_SIZE - 1),
    embeddings: indexRows(table, IDS),
    weights: { wq: g.rand([3, 24]), wk: g.rand([3, 24]), wv: g.rand([3, 28]) },
  };
  if (seededCache.size >= 4) seededCache.delete(seededCache.keys().next().value!);
  seededCache.set(seed, made);
  return made;
}

const copy = (t: Tensor): Tensor => tensor(t.shape, t.data);

// ---------------------------------------------------------------------------------------------
// Helpers: prose, names, code literals, TeX pieces.
// ---------------------------------------------------------------------------------------------

/** Positions that share a token id, e.g. [[2, 7], [5, 9]]: the two I's and the two attentions. */
const TWINS: readonly (readonly number[])[] = (() => {
  const byId = new Map<number, number[]>();
  IDS.forEach((id, pos) => byId.set(id, [...(byId.get(id) ?? []), pos]));
  return [...byId.values()].filter((ps) => ps.length > 1);
})();

const tr = (d: Derived): TrainableDerived => trainableOf(d, 'attention-seeker');

/** The learner's embedding edits, as Python that applies them to `token_embedding`. */
const embeddingEdits = (d: Derived): string[] =>
  assignments('token_embedding', d.x, seeded(d.seed).embeddings);

/**
 * The learner's weight edits. A Parameter that requires grad refuses in-place assignment, so the
 * lines run under `torch.no_grad()`.
 */
function weightEdits(d: Derived): string[] {
  const lines = weightAssignments(tr(d), seeded(d.seed).weights, ['w_query', 'w_key', 'w_value']);
  return lines.length === 0
    ? []
    : ['with torch.no_grad():  # your edits', ...lines.map((l) => `    ${l}`)];
}

/** `torch.equal(a, b)`: same shape and equal values (so 0.0 equals -0.0, and nan nothing). */
function torchEqual(a: Tensor, b: Tensor): boolean {
  if (a.shape.length !== b.shape.length || a.shape.some((n, i) => n !== b.shape[i])) return false;
  return a.data.every((v, i) => v === b.data[i]);
}
const pyBool = (b: boolean): string => (b ? 'True' : 'False');

/** The first `k` entries of a vector, then dots: `[a, b, …]` (narrow enough for a phone). */
function headVec(t: Tensor, k = 2): string {
  const v = vals(t);
  const shown = v.slice(0, k).map((x) => num(x));
  if (v.length > k) shown.push(raw`\cdots`);
  return raw`\begin{bmatrix}${shown.join(' & ')}\end{bmatrix}`;
}

/** The first `k` columns of a matrix, then dots. */
function headMat(w: Tensor, k = 2): string {
  const [r, c] = w.shape as [number, number];
  const rows: string[] = [];
  for (let i = 0; i < r; i++) {
    const cells = Array.from({ length: Math.min(k, c) }, (_, j) => num(at(w, i, j)));
    if (c > k) cells.push(raw`\cdots`);
    rows.push(cells.join(' & '));
  }
  return raw`\begin{bmatrix}${rows.join(raw` \\ `)}\end{bmatrix}`;
}

/** The token a formula details: the one pointed at, else the query. */
const pointedOr = (d: Derived, h: Highlight): number => h.i ?? h.j ?? d.query;

// ---------------------------------------------------------------------------------------------
// Formulas
// ---------------------------------------------------------------------------------------------

function vocabularyFormula(d: Derived, h: Highlight): string {
  const words = PROMPT.split(' ');
  const sorted = [...words].sort();
  const finalIds = new Map(vocabulary(PROMPT));
  const pointed = words[pointedOr(d, h)]?.toLowerCase();
  const rows = sorted.map((s, i) => {
    const key = s.toLowerCase();
    const kept = finalIds.get(key) === i;
    const result = kept ? `${i}` : raw`\cancel{${i}} \to ${finalIds.get(key) ?? ''}`;
    const on = key === pointed;
    return [String(i), texText(s), raw`\texttt{${key}}`, result].map((c) => hl(c, on)).join(' & ');
  });
  return raw`\begin{array}{rlll} i & \texttt{s} & \texttt{s.lower()} & \text{id} \\ \hline ${rows.join(raw` \\ `)} \end{array}`;
}

function tokensFormula(d: Derived, h: Highlight): string {
  const p = pointedOr(d, h);
  const rows = d.tokens.map((_, j) => {
    const on = IDS[j] === IDS[p];
    return [String(j), tok(d, j), String(IDS[j] ?? '')].map((c) => hl(c, on)).join(' & ');
  });
  return raw`\begin{array}{rlr} \text{index} & \text{word} & \text{id} \\ \hline ${rows.join(raw` \\ `)} \end{array}`;
}

function seedFormula(d: Derived): string {
  const g = torchGenerator(d.seed);
  const a = g.rand([3]);
  const b = g.rand([3]);
  return aligned([
    raw`&\texttt{torch.manual\_seed(${d.seed})}`,
    raw`r_1 &= ${rowVec(a.data)}`,
    raw`r_2 &= ${rowVec(b.data)}`,
  ]);
}

/** Rows 0 to 9 and the last row of the table; ids no word uses in gray. */
function tableFormula(d: Derived, h: Highlight): string {
  const s = seeded(d.seed);
  const p = IDS[pointedOr(d, h)];
  const line = (id: number, r: Tensor) => {
    const used = IDS.includes(id);
    return [String(id), ...vals(r).map((v) => num(v))]
      .map((c) => (used ? hl(c, id === p) : raw`{\color{#666666}${c}}`))
      .join(' & ');
  };
  const rows = Array.from({ length: SHOWN_TABLE_ROWS }, (_, id) => line(id, row(s.table, id)));
  rows.push(raw`\vdots & \vdots & \vdots & \vdots`);
  rows.push(line(VOCAB_SIZE - 1, s.lastRow));
  return raw`\small\begin{array}{r|rrr} \text{id} & & E_{\text{id}} & \\ \hline ${rows.join(raw` \\ `)} \end{array}`;
}

function embeddingsFormula(d: Derived, h: Highlight): string {
  const p = h.i ?? h.j;
  const rows = d.tokens.map((_, j) =>
    [xv(j), ...vals(row(d.x, j)).map((v) => num(v))].map((c) => hl(c, p === j)).join(' & '),
  );
  return raw`\begin{array}{l|rrr} ${rows.join(raw` \\ `)} \end{array}`;
}

/** For each repeated word: its two rows of `of` and whether they are equal. */
function twinsFormula(h: Highlight, of: (j: number) => Tensor, sym: string): string {
  const p = h.i ?? h.j;
  const words = PROMPT.split(' ');
  const blocks = TWINS.map((ps) => {
    const [a, b] = ps as [number, number];
    const lines = [raw`&\text{${words[a] ?? ''}, id ${IDS[a] ?? ''}:}`];
    for (const j of ps) {
      const on = p === j;
      lines.push(raw`${hl(`${sym}^{(${j + 1})}`, on)} &= ${hl(headVec(of(j), 3), on)}`);
    }
    // Bit for bit equal, equal up to float32 rounding (torch.allclose), or apart.
    const rel = torchEqual(of(a), of(b)) ? '=' : allclose(of(a), of(b)) ? raw`\approx` : raw`\neq`;
    lines.push(raw`${sym}^{(${a + 1})} &${rel} ${sym}^{(${b + 1})}`);
    return aligned(lines);
  });
  return stack(...blocks);
}

function plainFormula(d: Derived, h: Highlight): string {
  const q = d.query;
  const w = vals(row(d.weights, q));
  const top = w.indexOf(Math.max(...w));
  const n2 = at(d.scores, q, q);
  return stack(
    aligned([
      raw`\omega_{${qn(d)}j} &= ${xv(q)} \cdot x^{(j)}`,
      raw`\omega_{${qn(d)}${qn(d)}} &= \lVert ${xv(q)} \rVert^2 = ${num(n2)}`,
    ]),
    aligned(
      perToken(
        d,
        h,
        (j) => raw`\alpha_{${qn(d)},${j + 1}}`,
        (j) => (j === top ? raw`\mathbf{${num(w[j] ?? 0)}}` : num(w[j] ?? 0)),
      ),
    ),
  );
}

function sizesFormula(d: Derived): string {
  const t = tr(d);
  const [n, dIn] = d.x.shape as [number, number];
  const dV = t.values.shape[1] ?? 0;
  const R = (a: number, b: number) => raw`\mathbb{R}^{${a}\times ${b}}`;
  return aligned([
    raw`X &\in ${R(n, dIn)}`,
    raw`W_q,\ W_k &\in ${R(dIn, t.dK)}`,
    raw`W_v &\in ${R(dIn, dV)}`,
    raw`Q = X W_q,\ K = X W_k &\in ${R(n, t.dK)}`,
    raw`V = X W_v &\in ${R(n, dV)}`,
    raw`Q K^\top &\in ${R(n, n)}`,
    raw`Z = \operatorname{softmax}(\cdots)\, V &\in ${R(n, dV)}`,
  ]);
}

function weightsFormula(d: Derived): string {
  const t = tr(d);
  const cols = (w: Tensor) => w.shape[1] ?? 0;
  return aligned([
    raw`W_q, W_k &\in \mathbb{R}^{3\times ${cols(t.wq)}}`,
    raw`W_v &\in \mathbb{R}^{3\times ${cols(t.wv)}}`,
    raw`W_q &= ${headMat(t.wq)}`,
    raw`W_k &= ${headMat(t.wk)}`,
    raw`W_v &= ${headMat(t.wv)}`,
  ]);
}

function projectionFormula(d: Derived): string {
  const t = tr(d);
  const q = d.query;
  const n = qn(d);
  const x = vals(row(d.x, q));
  const terms = x.map((v, k) => raw`${factor(v)}\cdot ${num(at(t.wq, k, 0))}`);
  return aligned([
    raw`&(${tok(d, q)})`,
    raw`q^{(${n})} &= x^{(${n})}\, W_q`,
    raw`q^{(${n})}_1 &= \textstyle\sum_k x^{(${n})}_k\, (W_q)_{k1}`,
    ...sumLines(terms, 1),
    `&= ${num(at(t.queryVec, 0))}`,
    raw`q^{(${n})} &= ${headVec(t.queryVec)}`,
  ]);
}

function scoresFormula(d: Derived, h: Highlight): string {
  const t = tr(d);
  const n = d.tokens.length;
  const i = h.i ?? d.query;
  const j = h.j ?? (i + 1) % n;
  const qi = vals(row(t.queries, i));
  const kj = vals(row(t.keys, j));
  const last = qi.length - 1;
  const terms = [0, 1].map((c) => raw`${factor(qi[c] ?? 0)}\cdot ${factor(kj[c] ?? 0)}`);
  const on = h.i !== null || h.j !== null;
  // With torch.rand's all-positive weights, W_q W_k^T is close to a constant matrix m·11^T, so a
  // score is roughly m times the two embeddings' coordinate sums.
  let m = 0;
  for (let a = 0; a < 3; a++) {
    for (let b = 0; b < 3; b++) {
      let s = 0;
      for (let c = 0; c < t.dK; c++) s += at(t.wq, a, c) * at(t.wk, b, c);
      m += s / 9;
    }
  }
  const si = vals(row(d.x, i)).reduce((a, b) => a + b, 0);
  const sj = vals(row(d.x, j)).reduce((a, b) => a + b, 0);
  return aligned([
    raw`&(${tok(d, i)},\ ${tok(d, j)})`,
    raw`${hl(`\\omega_{${i + 1},${j + 1}}`, on)} &= q^{(${i + 1})} \cdot k^{(${j + 1})}`,
    raw`&= ${terms[0] ?? ''}`,
    raw`&\quad + ${terms[1] ?? ''}`,
    raw`&\quad + \dots + ${factor(qi[last] ?? 0)}\cdot ${factor(kj[last] ?? 0)}`,
    `&= ${hl(num(at(t.scores, i, j)), on)}`,
    raw`\omega_{${j + 1},${i + 1}} &= q^{(${j + 1})} \cdot k^{(${i + 1})} = ${num(at(t.scores, j, i))}`,
    raw`\omega_{${i + 1},${j + 1}} &\approx ${num(m, 2)} \textstyle\sum_c x^{(${i + 1})}_c \sum_c x^{(${j + 1})}_c`,
    raw`&= ${num(m, 2)} \cdot ${factor(si)} \cdot ${factor(sj)}`,
    `&= ${num(m * si * sj, 2)}`,
  ]);
}

function scaleFormula(d: Derived, h: Highlight): string {
  const t = tr(d);
  const q = d.query;
  const maxAbs = (x: Tensor) => Math.max(...vals(x).map(Math.abs));
  return stack(
    aligned([
      raw`f_{ij} &= \omega_{ij} / \sqrt{d_k}, \quad \sqrt{${t.dK}} = ${num(Math.sqrt(t.dK))}`,
      raw`\max |\omega_{ij}| &= ${num(maxAbs(t.scores), 2)}`,
      raw`\max |f_{ij}| &= ${num(maxAbs(t.scaled), 2)}`,
    ]),
    // \small: ten lines of two numbers and a word, narrow enough for a phone.
    raw`{\small ` +
      aligned(
        perToken(
          d,
          h,
          (j) => raw`f_{${qn(d)},${j + 1}}`,
          (j) => raw`${num(at(t.scores, q, j))} \to ${num(at(t.scaled, q, j))}`,
        ),
      ) +
      '}',
  );
}

function softmaxFormula(d: Derived, h: Highlight): string {
  const t = tr(d);
  const q = d.query;
  const j = h.j ?? q;
  const s = vals(row(t.scaled, q));
  const total = s.reduce((a, v) => a + Math.exp(v), 0);
  const n = qn(d);
  return stack(
    aligned([
      raw`\alpha_{${n}j} &= e^{f_{${n}j}} \big/ S`,
      raw`S &= \textstyle\sum_k e^{f_{${n}k}} = ${num(total)}`,
      raw`${hl(raw`\alpha_{${n},${j + 1}}`, h.j !== null)} &= e^{${num(s[j] ?? 0)}} / ${num(total)}`,
      `&= ${num(at(t.weights, q, j))}`,
    ]),
    aligned(
      perToken(
        d,
        h,
        (k) => raw`\alpha_{${n},${k + 1}}`,
        (k) => num(at(t.weights, q, k)),
      ),
    ),
  );
}

function contextFormula(d: Derived, h: Highlight): string {
  const t = tr(d);
  const q = d.query;
  const terms = d.tokens.map((_, j) =>
    hl(raw`${num(at(t.weights, q, j))}\cdot ${factor(at(t.values, j, 0))}`, h.j === j),
  );
  return aligned([
    raw`z^{(${qn(d)})}_1 &= \textstyle\sum_j \alpha_{${qn(d)}j}\, v^{(j)}_1`,
    ...sumLines(terms, 1),
    `&= ${num(at(t.context, q, 0))}`,
    raw`z^{(${qn(d)})} &= ${headVec(row(t.context, q))}`,
  ]);
}

function queryRowFormula(d: Derived, h: Highlight): string {
  const t = tr(d);
  const q = d.query;
  const w = vals(row(t.weights, q));
  const order = w.map((_, j) => j).sort((a, b) => (w[b] ?? 0) - (w[a] ?? 0));
  const lines = order.slice(0, 3).map((j) => {
    const on = h.j === j;
    return raw`${hl(tok(d, j), on)} &\quad ${hl(num(w[j] ?? 0), on)}`;
  });
  return stack(
    aligned([`&${texText(`${tokenLabel(d, q)} attends most to:`)}`, ...lines]),
    raw`z^{(${qn(d)})} = ${headVec(row(t.context, q))}`,
  );
}

function recapFormula(d: Derived): string {
  const t = tr(d);
  return aligned([
    raw`&\texttt{torch.manual\_seed(${d.seed})}`,
    raw`Q &= XW_q,\ K = XW_k,\ V = XW_v`,
    raw`Z &= \operatorname{softmax}\!\left(\frac{QK^\top}{\sqrt{${t.dK}}}\right) V`,
    raw`z^{(${qn(d)})} &= ${headVec(row(t.context, d.query))}`,
  ]);
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

const grad = (t: Tensor, gradFn: string): string => formatTensor(t, { gradFn });

/** The notebook runs these cells but prints nothing from them. */
const PRINTS_NOTHING: OutputSource = {
  kind: 'new',
  from: 'new: the notebook computes this but prints nothing',
};

const steps: Step[] = [
  {
    id: 'prompt',
    title: 'A sentence with repeats',
    prose: para`
The notebook this lesson follows runs self-attention end to end on one sentence: *"Hello World I am an attention seeker I love attention"*. Unlike the earlier lessons it picks no embeddings by hand: they come out of a random number generator, and so do the weight matrices. That makes this lesson about two things at once: **scaled dot-product attention** with trainable weights, and what \`torch.manual_seed\` really fixes.

The sentence has ten words but only eight different ones: *I* and *attention* each appear twice. Keep an eye on them; the repeats show something important about attention near the end.

\`split(" ")\` cuts the string at every space. That is the crudest possible tokenizer (real models split into sub-word pieces), but it is enough here. The lesson follows one word as the **query**, *World*, the second; pick another at any time.
    `,
    code: `prompt = "${PROMPT}"
print(prompt.split(" "))`,
    source: NEW_CELL,
    output: (d) => pyRepr([...d.tokens]),
    views: [{ kind: 'query' }],
  },
  {
    id: 'vocabulary',
    title: 'A dictionary with gaps',
    prose: para`
A model needs numbers, so every word gets an **id**. The notebook builds its dictionary in one line: sort the words, number them with \`enumerate\`, and store each lower-cased word with its number.

The result has gaps: no word has id 1 or 6. Three details of Python explain it:

- \`sorted()\` compares strings character by character by code point, and every uppercase letter comes before every lowercase one. So *Hello*, *I*, *I*, *World* come first, then *am*, *an*, *attention*, *attention*, *love*, *seeker*.
- The duplicates stay in the sorted list, so each *I* and each *attention* gets its own number: 1 and 2, 6 and 7.
- Assigning to a key that already exists **replaces** its value. \`'i'\` is set to 1, then to 2; \`'attention'\` to 6, then to 7. The later number wins, but the key keeps its place in the dict, where it was first inserted.

The gaps do no harm: an id only has to be the same every time the word occurs. A tidier vocabulary would use \`sorted(set(prompt.lower().split()))\`, which numbers the eight distinct words 0 to 7. But the ids decide which rows of the embedding table we read, so they would change every embedding below. We keep the notebook's.
    `,
    formula: vocabularyFormula,
    code: `dic_words = {s.lower():i for i,s in enumerate(sorted(prompt.split(" ")))}

print(dic_words)`,
    source: { kind: 'notebook', cell: 'print(dic_words)' },
    output: () => pyRepr({ dict: vocabulary(PROMPT).map(([w, i]) => [w, { int: i }] as const) }),
    views: [{ kind: 'query' }],
  },
  {
    id: 'tokens',
    title: 'From words to ids',
    prose: para`
Looking every word up in the dictionary turns the sentence into a list of ten ids. Lower-casing first matters: the dictionary only knows \`'hello'\` and \`'i'\`, not *Hello* and *I*.

Both *I*'s become 2 and both *attention*'s become 7: the ids know the word, not where it stands. \`torch.tensor(tokens)\` makes a tensor of them. Because the list holds Python ints, the tensor's type is \`int64\`, and PyTorch prints it without decimal points.

The formula marks the word you point at (or the query) and every other place with the same id.
    `,
    formula: tokensFormula,
    code: `tokens = [dic_words[i.lower()] for i in prompt.split(" ")]
print(tokens)

import torch
tokens_tf = torch.tensor(tokens)
print(tokens_tf)`,
    source: {
      kind: 'notebook',
      cell: 'tokens = [dic_words[i.lower()] for i in prompt.split(" ")]',
    },
    output: () =>
      `${pyRepr(IDS.map((i) => ({ int: i })))}\n${formatTensor(tensor([IDS.length], IDS), { dtype: 'int64' })}`,
    views: [{ kind: 'query' }],
  },
  {
    id: 'seed',
    title: 'torch.manual_seed: the same dice every run',
    prose: para`
The notebook spends a long section on \`torch.manual_seed(123)\`. In short:

A computer's random numbers are not random. PyTorch's generator (a Mersenne Twister) is a fixed recipe that turns one starting number, the **seed**, into a long stream of numbers that look random. \`torch.manual_seed(n)\` restarts that stream at \`n\`, so everything drawn afterwards, by \`torch.rand\`, by a new \`Embedding\` or by weight initialisation, comes out the same on every run. That gives:

- **reproducibility**: you get the notebook's numbers, and anyone with your seed gets yours;
- **easier debugging**: when an output changes, your code changed it, not chance;
- **fair comparisons**: two models or settings start from identical weights.

The value itself means nothing. 123 and 42 are habits; no seed is "more random" than another.

Try it: the cell seeds twice and gets the same three numbers both times (with 123, the very numbers the notebook's explanation shows). The third print continues the stream without reseeding, so it differs. Type another seed and all three change. **Run without a seed** does what a run without \`torch.manual_seed\` does: PyTorch then seeds itself from the operating system, differently every time. Here the drawn seed is shown, so you can repeat that run.
    `,
    formula: seedFormula,
    code: (d) => `torch.manual_seed(${d.seed})
print(torch.rand(3))
torch.manual_seed(${d.seed})
print(torch.rand(3))  # the same seed again: the same numbers
print(torch.rand(3))  # no new seed: the stream moves on`,
    source: { kind: 'new', from: "new: runs the notebook's manual_seed example" },
    output: (d) => {
      const first = torchGenerator(d.seed).rand([3]);
      const g = torchGenerator(d.seed);
      return [first, g.rand([3]), g.rand([3])].map((t) => formatTensor(t)).join('\n');
    },
    views: [{ kind: 'seed', label: 'Seed' }],
  },
  {
    id: 'embedding-layer',
    title: 'An embedding table of 50,000 rows',
    prose: para`
\`Embedding(vocab_size, 3)\` is a lookup table: a $50000 \times 3$ matrix with one row for every possible id, and the row is that id's **embedding**. 50,000 is about the size of GPT-2's vocabulary (50,257 tokens). Our sentence uses 8 ids, so all but 8 rows sit unused, including rows 1 and 6, the gaps in our dictionary.

A new table is filled with draws from the **standard normal distribution** (mean 0, standard deviation 1), so its entries are positive and negative, mostly between $-2$ and $2$: unlike the hand-picked, all-positive embeddings of the earlier lessons. In a real model the table is trained; this one stays random, so do not look for meaning in which word attends to which.

The formula shows the table's first ten rows and its last; the gray ones belong to ids that no word uses. Making the table takes 150,000 numbers from the seeded stream, which matters in a few steps. Change the seed and watch the rows change.
    `,
    formula: tableFormula,
    code: (d) => `from torch.nn import Embedding

torch.manual_seed(${d.seed})
vocab_size = 50000
embedder = Embedding(vocab_size, 3)
print(embedder)
print(embedder.weight.shape)`,
    source: NEW_CELL,
    output: () => `Embedding(${VOCAB_SIZE}, 3)\n${formatSize([VOCAB_SIZE, 3])}`,
    views: [{ kind: 'seed', label: 'Seed' }, { kind: 'embeddings' }],
  },
  {
    id: 'embed',
    title: 'Looking up each word’s row',
    prose: para`
Calling the table with the ids fetches one row per word: row 0 for *Hello*, row 3 for *World*, row 2 for *I*, and so on. It is plain indexing, \`embedder.weight[tokens_tf]\` gives the same numbers. The result $X$ has one row per word: $10 \times 3$.

The table is a trainable parameter, so the looked-up rows stay connected to it for computing gradients. \`.detach()\` cuts that link and leaves a plain tensor of numbers; it would otherwise print with \`grad_fn=<EmbeddingBackward0>\`. Nothing here is trained, so nothing is lost.

At seed 123 these are exactly the notebook's numbers. Edit any entry: the code gains an assignment line, so it still reproduces what it prints, and every step after this one follows your values.
    `,
    formula: embeddingsFormula,
    code: (d) => {
      const edits = embeddingEdits(d);
      return [
        'token_embedding = embedder(tokens_tf).detach()',
        ...(edits.length > 0 ? ['# your edits', ...edits] : []),
        'print(token_embedding)',
        'print(token_embedding.shape)',
      ].join('\n');
    },
    source: { kind: 'notebook', cell: 'token_embedding = embedder(tokens_tf).detach()' },
    output: (d) => `${formatTensor(d.x)}\n${formatSize(d.x.shape)}`,
    views: [{ kind: 'embeddings' }, { kind: 'seed', label: 'Seed' }, { kind: 'plot' }],
  },
  {
    id: 'same-word',
    title: 'Same word, same row',
    prose: para`
Rows 3 and 8 of the printout (Python's indices 2 and 7) are identical: both are *I*, id 2, so the lookup fetched row 2 of the table twice. The same holds for *attention* (rows 6 and 10, id 7). An embedding knows the word, not where it stands.

In the model the two positions share **one** row of the table: if training changed *I*'s embedding, it would change at both places. Our editable table is different. It holds the ten rows of \`token_embedding\`, one per position, so editing *I #1* changes that row only and leaves *I #2* as it was, exactly what the assignment line does to \`token_embedding\`. Try it: the check prints \`False\`.

The check is \`torch.equal\`, which demands the same value in every bit. That is safe here because a lookup only copies numbers: the two rows are copies of one row of the table. Numbers that come out of arithmetic are another matter, as the last steps show.

That kind of edit is less artificial than it looks. Real transformers do make the two *I*'s differ: they add a **positional embedding**, one vector for the 3rd position and another for the 8th, to each word's embedding. This notebook has none, so at the defaults the two *I*'s travel through attention as one.
    `,
    formula: (d, h) => twinsFormula(h, (j) => row(d.x, j), 'x'),
    code: () => {
      const [[a, b] = [], [c, e] = []] = TWINS;
      const w = (j: number | undefined) => PROMPT.split(' ')[j ?? 0] ?? '';
      return [
        `# '${w(a)}' (id ${IDS[a ?? 0]}) is at positions ${a} and ${b}, '${w(c)}' (id ${IDS[c ?? 0]}) at ${c} and ${e}`,
        ...TWINS.map(
          ([p, r]) => `print(torch.equal(token_embedding[${p}], token_embedding[${r}]))`,
        ),
      ].join('\n');
    },
    source: NEW_CELL,
    output: (d) =>
      TWINS.map(([p, r]) => pyBool(torchEqual(row(d.x, p ?? 0), row(d.x, r ?? 0)))).join('\n'),
    views: [{ kind: 'embeddings' }, { kind: 'plot' }],
  },
  {
    id: 'no-weights',
    title: 'First, attention without weights',
    prose: para`
Before the notebook's trainable version, try the attention of the earlier lessons on these embeddings: score each pair by the dot product of their embeddings, $\omega_{ij} = x^{(i)} \cdot x^{(j)}$, and softmax each row.

With random embeddings this mostly makes each word attend to **itself**. A word's score with itself is its squared length, $\lVert x^{(i)} \rVert^2$, always positive and usually the largest in its row: at seed 123, *World* keeps 85% of its attention, *love* 74%. The scores are also symmetric, $\omega_{ij} = \omega_{ji}$, and the two *I* rows are the same (up to float32 rounding: see the twins step near the end).

The trouble is that one vector does every job: it describes the word, decides what the word looks for, and is what gets passed on. The next steps give each job its own learned matrix. (The tables show these plain scores, weights and context vectors; the row sums confirm each row of weights adds up to 1.)
    `,
    formula: plainFormula,
    code: `# for comparison: attention with no weights, as in the earlier lessons
plain_weights = torch.softmax(token_embedding @ token_embedding.T, dim=-1)
print(plain_weights)`,
    source: { kind: 'new', from: 'new: attention without weights, to compare' },
    output: (d) => formatTensor(d.weights),
    views: [
      { kind: 'matrix', of: 'scores', caption: 'Plain scores x·xᵀ' },
      { kind: 'matrix', of: 'weights', caption: 'Plain attention weights', rowSums: true },
      { kind: 'matrix', of: 'context', caption: 'Plain context vectors' },
    ],
  },
  {
    id: 'sizes',
    title: 'Three sizes: d_q, d_k, d_v',
    prose: para`
\`d\` is the embedding size, 3. Each word will get three new vectors:

- a **query** of size $d_q$: what the word is looking for;
- a **key** of size $d_k$: what it offers to be matched against;
- a **value** of size $d_v$: what it hands over when attended to.

A score is the dot product of a query and a key, so $d_q$ must equal $d_k$. The value size is free: it sets the size of the output, the context vectors. The notebook picks 24, 24 and 28 to make that visible; transformers usually make all three equal.

Going from 3 numbers to 24 adds no information: every one of the 24 is a combination of the same 3. The notebook's explanation gives the matrices the shape $(d_q, d)$, but its code makes them $(d, d_q)$ and multiplies $X W$: the code is what runs.
    `,
    formula: sizesFormula,
    code: `d = token_embedding.shape[1]
d_q, d_k, d_v = 24, 24, 28
print(d, d_q, d_k, d_v)`,
    source: PRINTS_NOTHING,
    output: (d) => {
      const t = tr(d);
      return [d.x.shape[1], t.dK, t.dK, t.values.shape[1]].join(' ');
    },
    views: [{ kind: 'trainable' }],
  },
  {
    id: 'weights',
    title: 'Weight matrices from the same stream',
    prose: para`
$W_q$, $W_k$ and $W_v$ start as \`torch.rand\` makes them: uniform numbers between 0 and 1. The notebook does not reseed here, so they are drawn from where the embedding table left the stream, **after** its 150,000 normal draws. The weights therefore depend on the seed and on everything drawn before them: make the table one row longer and every weight changes. That is why changing the seed remakes embeddings and weights together.

\`torch.nn.Parameter\` marks a tensor as a trainable weight; it prints as \`Parameter containing:\` with \`requires_grad=True\`. The notebook does not turn gradients off (the book code in *Your journey starts with one step* did), so PyTorch records every operation done with these matrices, ready to compute gradients later. Every result from here on prints with a \`grad_fn\`, the operation that made it.

Edit an entry and the code shows it. In-place edits of a Parameter that requires gradients are refused unless wrapped in \`torch.no_grad()\`, hence the \`with\` block.
    `,
    formula: weightsFormula,
    code: (d) =>
      [
        'w_query = torch.nn.Parameter(torch.rand(d,d_q))',
        'w_key = torch.nn.Parameter(torch.rand(d,d_k))',
        'w_value = torch.nn.Parameter(torch.rand(d,d_v))',
        ...weightEdits(d),
        'print(w_query)',
        'print(w_key.shape, w_value.shape)',
      ].join('\n'),
    source: PRINTS_NOTHING,
    output: (d) => {
      const t = tr(d);
      return `${formatTensor(t.wq, { parameter: true })}\n${formatSize(t.wk.shape)} ${formatSize(t.wv.shape)}`;
    },
    views: [{ kind: 'trainable' }],
  },
  {
    id: 'projections',
    title: 'Queries, keys and values',
    prose: para`
One matrix product each gives every word its query, key and value: $[10, 3] \times [3, 24] = [10, 24]$ for queries and keys, $[10, 28]$ for values. (The notebook's names are singular, \`query\`, \`key\`, \`value\`, but each holds all ten words.)

Row $i$ of \`query\` is word $i$'s query vector, $q^{(i)} = x^{(i)} W_q$: each entry adds up the word's three numbers, weighted by one column of $W_q$. The two *I*'s get the same rows again: same input, same matrices (the same up to the last bit; the twins step near the end explains why not always bit for bit).

\`query[1]\` picks *World*'s row (the code follows the query you pick). It prints \`grad_fn=<SelectBackward0>\`: PyTorch remembers the row was selected from a product with \`w_query\`.
    `,
    formula: projectionFormula,
    code: (d) => `query = token_embedding @ w_query
key = token_embedding @ w_key
value = token_embedding @ w_value
print(query.shape, key.shape, value.shape)
print(query[${d.query}])  # the query vector of '${tokenLabel(d, d.query)}', word ${qn(d)}`,
    source: PRINTS_NOTHING,
    output: (d) => {
      const t = tr(d);
      return `${formatSize(t.queries.shape)} ${formatSize(t.keys.shape)} ${formatSize(t.values.shape)}\n${grad(t.queryVec, 'SelectBackward0')}`;
    },
    views: [
      { kind: 'query' },
      { kind: 'matrix', of: 'keys', caption: 'key = token_embedding @ w_key' },
      { kind: 'matrix', of: 'values', caption: 'value = token_embedding @ w_value' },
    ],
  },
  {
    id: 'scores',
    title: 'Every query meets every key',
    prose: para`
The notebook's last cell does four things at once; we take them one by one. First the scores: entry $(i, j)$ of $Q K^\top$ is $q^{(i)} \cdot k^{(j)}$, how well word $j$'s key matches what word $i$ is looking for. Row $i$ holds word $i$'s scores against all ten words.

Query and key come from different matrices, so $\omega_{ij} \neq \omega_{ji}$ in general: the model can learn who should look at whom. Point at a cell to see both.

The numbers span from about 0.001 to almost 40, so PyTorch prints the whole tensor in scientific notation: \`3.8541e+01\` is 38.541. Why so large, and why does the *am* column hold the largest score of so many rows? \`torch.rand\` only makes positive numbers, averaging 0.5, so $W_q W_k^\top$ is close to a matrix with the same number (about 6) everywhere. Then a score is roughly 6 times the sum of word $i$'s three numbers times the sum of word $j$'s. *am* and *attention* have large positive sums, *World* and *seeker* large negative ones. Real models start from weights centred on zero to avoid exactly this.
    `,
    formula: scoresFormula,
    code: `import math
from torch.nn.functional import softmax
q_kt = query @ key.T
print(q_kt)`,
    source: PRINTS_NOTHING,
    output: (d) => grad(tr(d).scores, 'MmBackward0'),
    views: [
      { kind: 'query' },
      { kind: 'matrix', of: 'omega', caption: 'Scores of the query against every key' },
      { kind: 'trainable' },
    ],
  },
  {
    id: 'scale',
    title: 'Divide by √d_k',
    prose: para`
Before the softmax every score is divided by $\sqrt{d_k} = \sqrt{24} \approx 4.9$. Why: if the entries of $q$ and $k$ were independent with mean 0 and variance 1, their dot product would add up $d_k$ products of variance 1, so its variance would be $d_k$ and its typical size $\sqrt{d_k}$. Softmax on scores that far apart **saturates**: one weight near 1, the rest near 0, and gradients that all but vanish, so training stalls. Dividing by $\sqrt{d_k}$ brings the spread back to about 1. This step gives the recipe its name: **scaled** dot-product attention.

Our scores are bigger than that rule assumes (the all-positive weights again), so even after scaling some rows stay sharp. Without it they would be far sharper. In *am*'s row its own score, 38.5, beats each *attention*'s 33.8 by 4.75: unscaled, *am* would get $e^{4.75} \approx 115$ times the weight of each *attention*; scaled, the gap is 0.97 and the ratio $e^{0.97} \approx 2.6$.

\`math.sqrt(d_k)\` is a Python float; dividing a tensor by it keeps the \`grad_fn\`, now \`DivBackward0\`.
    `,
    formula: scaleFormula,
    code: `f = q_kt/math.sqrt(d_k)
print(f)`,
    source: PRINTS_NOTHING,
    output: (d) => grad(tr(d).scaled, 'DivBackward0'),
    views: [
      { kind: 'matrix', of: 'omega', caption: 'Unscaled scores of the query' },
      { kind: 'query' },
      { kind: 'tensor', of: (d) => tr(d).scaled, caption: 'f: every word’s scaled scores' },
    ],
  },
  {
    id: 'softmax',
    title: 'Softmax turns each row into weights',
    prose: para`
\`softmax(f, dim=-1)\` works along the last dimension, so along each **row**: every word's scores become positive weights that add up to 1, its **attention weights**. The second print checks it: ten row sums, each 1 up to float32 rounding.

Rows differ a lot. At seed 123, *Hello* spreads its attention fairly evenly, while *am* puts 57% on itself and about 21.5% on each *attention*. Each *attention*: a word that occurs twice gets two columns, and so twice the say. Tiny weights print like \`5.2372e-07\`: still positive, never exactly zero.

Point at a word in the table to pick out its weight in the formula.
    `,
    formula: softmaxFormula,
    code: `s = softmax(f, dim = -1)
print(s)
print(s.sum(dim=-1))`,
    source: PRINTS_NOTHING,
    output: (d) => {
      const t = tr(d);
      return `${grad(t.weights, 'SoftmaxBackward0')}\n${grad(sum(t.weights, -1), 'SumBackward1')}`;
    },
    views: [
      { kind: 'matrix', of: 'trainableWeights', caption: 'Attention weights of the query' },
      { kind: 'query' },
      {
        kind: 'tensor',
        of: (d) => tr(d).weights,
        caption: 's: every word’s attention weights',
        rowSums: true,
      },
    ],
  },
  {
    id: 'context',
    title: 'Context vectors: 28 numbers per word',
    prose: para`
The last product, \`s @ value\`, replaces each word by a weighted average of all the value vectors, weighted by its row of attention weights: $z^{(i)} = \sum_j \alpha_{ij}\, v^{(j)}$. The result has one **context vector** per word, of size $d_v = 28$: ten rows of 28.

The notebook computes \`context_vector\` but never prints it; here it is. \`grad_fn=<MmBackward0>\`: a loss computed from these vectors could send gradients back through the softmax and the products into \`w_query\`, \`w_key\` and \`w_value\`. Not into the embeddings: those were detached.

PyTorch wraps each 28-number row over four lines to stay within 80 characters.
    `,
    formula: contextFormula,
    code: `context_vector = s @ value
print(context_vector)`,
    source: PRINTS_NOTHING,
    output: (d) => grad(tr(d).context, 'MmBackward0'),
    views: [
      { kind: 'matrix', of: 'trainableContext', caption: 'Context vector of the query' },
      { kind: 'matrix', of: 'values', caption: 'Values' },
    ],
  },
  {
    id: 'query-row',
    title: 'One word, followed through',
    prose: para`
Row \`s[1]\` is how *World* divides its attention, and \`context_vector[1]\` what it takes from the others. At seed 123 *World* attends mostly to itself and to *seeker*, the two words with large negative coordinate sums (see the scores step), and almost not at all to *am* or *attention*.

Pick another query and the code, the printout and the formula follow it. Try *am*, then *I #1*: the two rows could hardly be more different. Then change the seed: with other random weights, other words pair up. None of it means anything yet. Training is what would make these weights say something about language.
    `,
    formula: queryRowFormula,
    code: (d) => `print(s[${d.query}])  # how '${tokenLabel(d, d.query)}' divides its attention
print(context_vector[${d.query}])`,
    source: NEW_CELL,
    output: (d) => {
      const t = tr(d);
      return `${grad(row(t.weights, d.query), 'SelectBackward0')}\n${grad(row(t.context, d.query), 'SelectBackward0')}`;
    },
    views: [
      { kind: 'query' },
      { kind: 'matrix', of: 'trainableWeights', caption: 'Attention weights of the query' },
      { kind: 'matrix', of: 'trainableContext', caption: 'Context vector of the query' },
    ],
  },
  {
    id: 'twins',
    title: 'Two I’s, one context vector',
    prose: para`
The two *I*'s end with the same context vectors, and so do the two *attention*'s. They had the same embedding, so the same query, key and value; they score every word alike, attend alike and average the same values.

The check is \`torch.allclose\`, not \`torch.equal\` or \`==\`, on purpose. The twins come out of matrix products, each entry a sum of float32 products, and float32 addition is not associative: the same numbers added in another order can give a sum that differs in the last bit. Libraries such as OpenBLAS and MKL, and GPUs, split and order those sums in their own ways, and not always the same way for every row, so on some builds the twins differ in the last bit and \`torch.equal\` prints \`False\`. \`torch.allclose\` allows a difference of about $10^{-5}$ of the value, far below anything that matters here. Exact equality is the right test for copies, like the looked-up rows of the *same word* step, not for results of arithmetic.

More generally, a word's context vector depends on its own embedding and on the **set** of all the embeddings, not on their order. Shuffle the sentence and each word gets the same context vector as before, just in a different row: *seeker attention an am I* would look the same. Word order carries meaning, so transformers add **positional embeddings** before attention, making the same word at two positions two different vectors.

You can play the positional embedding yourself: change one entry of *I #1* by more than a rounding hair (say from 0.18 to 0.5). The first check turns \`False\` as the two *I*'s drift apart, while the *attention*'s stay twins.
    `,
    formula: (d, h) => twinsFormula(h, (j) => row(tr(d).context, j), 'z'),
    code: () =>
      TWINS.map(
        ([p, r]) =>
          `print(torch.allclose(context_vector[${p}], context_vector[${r}]))  # ${PROMPT.split(' ')[p ?? 0] ?? ''}, twice`,
      ).join('\n'),
    source: NEW_CELL,
    output: (d) => {
      const c = tr(d).context;
      return TWINS.map(([p, r]) => pyBool(allclose(row(c, p ?? 0), row(c, r ?? 0)))).join('\n');
    },
    views: [
      { kind: 'embeddings' },
      { kind: 'query' },
      { kind: 'matrix', of: 'trainableContext', caption: 'Context vector of the query' },
    ],
  },
  {
    id: 'recap',
    title: 'The whole computation in one line',
    prose: para`
Everything since the embedding lookup is one formula, the one the notebook quotes:

$$\begin{gathered}\text{Attention}(Q, K, V) \\ = \operatorname{softmax}\!\left(\frac{Q K^\top}{\sqrt{d_k}}\right) V, \\ Q = X W_q,\ K = X W_k,\ V = X W_v.\end{gathered}$$

What was random: the embedding table and the three weight matrices, all from one seeded stream, in that order. What would be learned in a real model: exactly those. What is fixed: the recipe, matrix products, a scaling, a softmax per row and one more product.

The notebook's second half repeats the computation with other variable names and a longer explanation. It reseeds with 123 and draws in the same order, so it gets the same numbers. One last experiment: press **Run without a seed** a few times and watch everything change, then type 123 to bring the notebook's numbers back.
    `,
    formula: recapFormula,
    views: [
      { kind: 'seed', label: 'Seed' },
      { kind: 'matrix', of: 'trainableContext', caption: 'Context vector of the query' },
      { kind: 'query' },
    ],
  },
];

/**
 * Seed notebook 004: "Normal Implementation". One random stream: `torch.manual_seed(123)`,
 * `Embedding(50000, 3)`, then `torch.rand(d, d_q)`, `torch.rand(d, d_k)`, `torch.rand(d, d_v)`
 * continue it, so a new seed remakes embeddings and weights together.
 */
export const attentionSeeker: Lesson = {
  id: 'attention-seeker',
  ...catalogueText('attention-seeker'),
  sentence: PROMPT,
  tokens: PROMPT.split(' '),
  // Replaced by generate(123) when the lesson opens.
  embeddings: tensor([10, 3], new Float32Array(30)),
  query: 1,
  trainable: { seed: 123, dIn: 3, dK: 24, dV: 28, layout: 'x@W' },
  generate: (seed) => {
    const s = seeded(seed);
    return {
      embeddings: copy(s.embeddings),
      weights: { wq: copy(s.weights.wq), wk: copy(s.weights.wk), wv: copy(s.weights.wv) },
    };
  },
  steps,
};
