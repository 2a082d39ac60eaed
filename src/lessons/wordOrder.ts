import { catalogueText } from './catalogue';
import { formatTensor, pyRepr } from '../math/format';
import { indexRows } from '../math/ops';
import { divTerm } from '../math/positions';
import { torchGenerator } from '../math/random';
import { row, tensor, type Tensor } from '../math/tensor';
import { assignments, para, raw, tokenLabel, trainableOf } from './common';
import { aligned, num, rowVec, stack, texText } from './tex';
import type { Derived, Lesson, Step, View, Weights } from './types';
import {
  allcloseAtol,
  isclose,
  type WordOrderDerived,
  type WordOrderState,
} from './wordOrderModel';

export const SENTENCE = 'Hello World I am an attention seeker I love attention';
const WORDS = SENTENCE.split(' ');
const N = WORDS.length;
/** Embedding size: even, so the sinusoidal table is the usual code verbatim. */
const D = 4;
/** Query and key size: 2, so queries and keys can be drawn as arrows in a plane. */
const D_K = 2;
const D_V = 2;
export const DEFAULT_SEED = 123;
/** The order the lesson opens with: the sentence backwards. */
export const DEFAULT_PERM: readonly number[] = Array.from({ length: N }, (_, i) => N - 1 - i);
export const DEFAULT_SHIFT = 3;

/** `{w: i for i, w in enumerate(sorted(set(words)))}`. */
const VOCAB: readonly string[] = [...new Set(WORDS)].sort();
const IDS: readonly number[] = WORDS.map((w) => VOCAB.indexOf(w));

/** Positions that share a word: [[2, 7], [5, 9]], the two I's and the two attentions. */
export const TWINS: readonly (readonly [number, number])[] = (() => {
  const byId = new Map<number, number[]>();
  IDS.forEach((id, p) => byId.set(id, [...(byId.get(id) ?? []), p]));
  return [...byId.values()].filter((ps) => ps.length === 2).map(([a, b]) => [a!, b!] as const);
})();

interface Seeded {
  embeddings: Tensor;
  positions: Tensor;
  weights: Weights;
}

const seededCache = new Map<number, Seeded>();

/**
 * `torch.manual_seed(seed)`, then `nn.Embedding(len(vocab), d)`, `nn.Embedding(n, d)` and three
 * `torch.rand(d, 2)`, in that order on one stream (GPT-style code draws the position table right
 * after the token table).
 */
export function seeded(seed: number): Seeded {
  const hit = seededCache.get(seed);
  if (hit) return hit;
  const g = torchGenerator(seed);
  const table = g.embedding(VOCAB.length, D);
  const positions = g.embedding(N, D);
  const made: Seeded = {
    embeddings: indexRows(table, IDS),
    positions,
    weights: { wq: g.rand([D, D_K]), wk: g.rand([D, D_K]), wv: g.rand([D, D_V]) },
  };
  if (seededCache.size >= 4) seededCache.delete(seededCache.keys().next().value!);
  seededCache.set(seed, made);
  return made;
}

const copy = (t: Tensor): Tensor => tensor(t.shape, t.data);

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** The lesson's derived order values (always present in this lesson). */
export function orderOf(d: Derived): WordOrderDerived {
  if (!d.order) throw new Error('word-order: order values missing from Derived');
  return d.order;
}
const tr = (d: Derived) => trainableOf(d, 'word-order');
const pyBool = (b: boolean): string => (b ? 'True' : 'False');
const intList = (xs: readonly number[]): string => `[${xs.join(', ')}]`;
const wordsOf = (perm: readonly number[]): string[] => perm.map((i) => WORDS[i]!);
/** Where word `w` of the sentence sits after the shuffle. */
const newRowOf = (perm: readonly number[], w: number): number => perm.indexOf(w);

/** Row labels of a shuffled sentence's table: the words in their new order. */
const shuffledLabels = (d: Derived, labels: readonly string[]): string[] =>
  orderOf(d).perm.map((w) => labels[w] ?? `token ${w + 1}`);

/** `torch.allclose` of two rows of a tensor. */
function rowsClose(t: Tensor, a: number, b: number): boolean {
  return allcloseAtol(row(t, a), row(t, b));
}

/** The learner's edits of x, W and the position table, as Python lines. */
function editLines(name: string, now: Tensor, was: Tensor): string[] {
  return assignments(name, now, was);
}

function setupEdits(d: Derived): string[] {
  const s = seeded(d.seed);
  const t = tr(d);
  const lines = [
    ...editLines('W_query', t.wq, s.weights.wq),
    ...editLines('W_key', t.wk, s.weights.wk),
    ...editLines('W_value', t.wv, s.weights.wv),
    ...editLines('x', d.x, s.embeddings),
  ];
  return lines.length > 0 ? ['# your edits', ...lines] : [];
}

function positionEdits(d: Derived): string[] {
  const lines = editLines('pos', orderOf(d).positions, seeded(d.seed).positions);
  return lines.length > 0 ? ['# your edits', ...lines] : [];
}

/**
 * Two tokens' rows as TeX vectors: with their labels beside short (2-d) rows, without beside wide
 * ones, which would not fit a phone (the subscript says which word).
 */
function twinLines(
  d: Derived,
  t: Tensor,
  name: string,
  [a, b]: readonly [number, number],
): string[] {
  const wide = (t.shape[1] ?? 0) > 2;
  const label = (j: number) => (wide ? '' : raw` &\enspace& ${texText(tokenLabel(d, j))}`);
  return [
    raw`${name}_{${a}} &= ${rowVec(row(t, a).data)}${label(a)}`,
    raw`${name}_{${b}} &= ${rowVec(row(t, b).data)}${label(b)}`,
  ];
}

const ATTENTION_CODE = `def attention(x, causal=False):
    queries, keys, values = x @ W_query, x @ W_key, x @ W_value
    scores = queries @ keys.T / math.sqrt(d_k)
    if causal:  # word i may only look at words 0..i
        mask = torch.triu(torch.ones(len(x), len(x), dtype=torch.bool), diagonal=1)
        scores = scores.masked_fill(mask, -torch.inf)
    return torch.softmax(scores, dim=-1) @ values`;

const ROPE_CODE = `def rope(x, positions, base=10000.0):
    d = x.shape[-1]
    theta = torch.exp(torch.arange(0, d, 2) * (-math.log(base) / d))
    angles = positions.unsqueeze(1) * theta
    cos, sin = torch.cos(angles), torch.sin(angles)
    x1, x2 = x[:, 0::2], x[:, 1::2]
    out = torch.empty_like(x)
    out[:, 0::2] = x1 * cos - x2 * sin
    out[:, 1::2] = x1 * sin + x2 * cos
    return out`;

// ---------------------------------------------------------------------------------------------
// Formulas
// ---------------------------------------------------------------------------------------------

function setupFormula(d: Derived): string {
  return stack(
    raw`\text{ids} = ${rowVec(IDS, 0)}`,
    aligned(TWINS.flatMap((pair) => twinLines(d, d.x, 'x', pair))),
  );
}

function shuffleFormula(d: Derived): string {
  const o = orderOf(d);
  const w = d.query;
  const r = newRowOf(o.perm, w);
  return stack(
    raw`z = \operatorname{attention}(x),\quad z' = \operatorname{attention}(x[\text{perm}])`,
    aligned([
      raw`z[${w}] &= ${rowVec(row(tr(d).context, w).data)} &\enspace& ${texText(tokenLabel(d, w))}`,
      raw`z'[${r}] &= ${rowVec(row(o.shuffled.context, r).data)} &\enspace& \text{perm}[${r}] = ${w}`,
    ]),
  );
}

function twinsFormula(d: Derived): string {
  const t = tr(d);
  const pair = TWINS[0]!;
  return stack(
    aligned([
      ...twinLines(d, t.queries, 'q', pair),
      ...twinLines(d, t.keys, 'k', pair),
      ...twinLines(d, t.context, 'z', pair),
    ]),
  );
}

function causalFormula(d: Derived): string {
  const o = orderOf(d);
  const lines = o.perm.map((w, i) => {
    const mark = o.causalRowsSame[i] ? raw`\text{same}` : raw`\textbf{changed}`;
    return raw`${i} &: ${texText(tokenLabel(d, w))} &\enspace& ${mark}`;
  });
  return stack(raw`\text{shuffled rows, causal}`, aligned(lines));
}

function learnedFormula(d: Derived): string {
  const o = orderOf(d);
  const [a, b] = TWINS[0]!;
  return stack(
    aligned([
      raw`x_{${a}} + p_{${a}} &= ${rowVec(row(o.xPos, a).data)}`,
      raw`x_{${b}} + p_{${b}} &= ${rowVec(row(o.xPos, b).data)}`,
    ]),
    aligned(twinLines(d, o.learned.context, 'z', [a, b])),
  );
}

function learnedShuffleFormula(d: Derived): string {
  const o = orderOf(d);
  const w = d.query;
  const r = newRowOf(o.perm, w);
  return stack(
    raw`z = \operatorname{attention}(x + p),\quad z' = \operatorname{attention}(x[\text{perm}] + p)`,
    aligned([
      raw`z[${w}] &= ${rowVec(row(o.learned.context, w).data)} &\enspace& ${texText(tokenLabel(d, w))}`,
      raw`z'[${r}] &= ${rowVec(row(o.learnedShuffled.context, r).data)} &\enspace& \text{perm}[${r}] = ${w}`,
    ]),
  );
}

function sinusoidalFormula(d: Derived): string {
  const o = orderOf(d);
  const p = d.query;
  const pe = row(o.pe, p).data;
  const args = [`${p}`, `${p}`, `${p}/100`, `${p}/100`];
  return stack(
    aligned([
      raw`PE_{p,\,2i} &= \sin\!\left(p / 10000^{2i/${D}}\right)`,
      raw`PE_{p,\,2i+1} &= \cos\!\left(p / 10000^{2i/${D}}\right)`,
    ]),
    aligned(
      Array.from(pe, (v, k) => {
        const f = k % 2 === 0 ? raw`\sin` : raw`\cos`;
        return raw`PE_{${p},\,${k}} &= ${f}(${args[k]!}) = ${num(v)}`;
      }),
    ),
  );
}

function ropeFormula(d: Derived): string {
  const o = orderOf(d);
  const q = d.query;
  const m = q + o.shift;
  const a = Math.fround(m);
  const c = Math.cos(a);
  const s = Math.sin(a);
  return stack(
    raw`R(\phi) = \begin{bmatrix}\cos\phi & -\sin\phi \\ \sin\phi & \cos\phi\end{bmatrix}`,
    raw`\phi = \text{position} \times \theta,\quad \theta = 1`,
    aligned([
      raw`\phi &= ${q} + ${o.shift} = ${m}\ \text{rad} &\enspace& ${texText(tokenLabel(d, q))}`,
      raw`R(${m}) &= \begin{bmatrix}${num(c)} & ${num(-s)} \\ ${num(s)} & ${num(c)}\end{bmatrix}`,
      raw`q_{${q}} &= ${rowVec(row(tr(d).queries, q).data)}`,
      raw`R(${m})\,q_{${q}} &= ${rowVec(row(o.rope.movedQueries, q).data)}`,
    ]),
  );
}

function distanceFormula(d: Derived): string {
  const o = orderOf(d);
  const q = d.query;
  const k = TWINS[1]![0];
  const s = o.shift;
  const sc = o.rope.scores.data[q * N + k]!;
  const mv = o.rope.moved.data[q * N + k]!;
  return stack(
    raw`\text{score of } q_{${q}} \text{ and } k_{${k}} \ (${texText(tokenLabel(d, q))}, ${texText(tokenLabel(d, k))})`,
    aligned([
      raw`\text{at } ${q}, ${k} &: ${num(sc, 6)}`,
      raw`\text{at } ${q + s}, ${k + s} &: ${num(mv, 6)}`,
    ]),
    raw`R(m)^{\top} R(n) = R(n - m)`,
    raw`n - m = ${k - q}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Predict, then check: each answer read from the live numbers
// ---------------------------------------------------------------------------------------------

const vecTex = (t: Tensor, i: number): string => rowVec(row(t, i).data);

const predictShuffle: View = {
  kind: 'predict',
  id: 'shuffle',
  question:
    'Before you look at the tables: after the shuffle, what does the query word get as its context vector?',
  choices: ['The same vector as before, in another row', 'A different vector'],
  answer: (d) => {
    const o = orderOf(d);
    const r = newRowOf(o.perm, d.query);
    return allcloseAtol(row(tr(d).context, d.query), row(o.shuffled.context, r)) ? 0 : 1;
  },
  reveal: (d) => {
    const o = orderOf(d);
    const r = newRowOf(o.perm, d.query);
    return `*${tokenLabel(d, d.query)}* is row ${d.query} of \`context\`, $${vecTex(tr(d).context, d.query)}$, and row ${r} of \`attention(x[perm])\`, $${vecTex(o.shuffled.context, r)}$: the same vector (close to float32 rounding), only its row moved.`;
  },
};

const predictCausal: View = {
  kind: 'predict',
  id: 'causal',
  question:
    'With the causal mask and the order above, how many rows of `attention(x[perm], causal=True)` equal the unshuffled causal rows, reordered?',
  choices: ['None of them', 'Some, but not all', 'All of them'],
  answer: (d) => {
    const same = orderOf(d).causalRowsSame.filter(Boolean).length;
    return same === 0 ? 0 : same === N ? 2 : 1;
  },
  reveal: (d) => {
    const o = orderOf(d);
    const same = o.perm.filter((_, i) => o.causalRowsSame[i]);
    return same.length === 0
      ? `None of the ${N}: no word sees the same set of words as in the sentence.`
      : `${same.length} of ${N}: ${same.map((w) => `*${tokenLabel(d, w)}*`).join(', ')}, whose words see the same set of words in both orders.`;
  },
};

const predictLearned: View = {
  kind: 'predict',
  id: 'learned-twins',
  question: 'With `pos` added, are the two *I*’s context vectors still the same?',
  choices: ['Yes, still twins', 'No, they differ now'],
  answer: (d) => {
    const [a, b] = TWINS[0]!;
    return rowsClose(orderOf(d).learned.context, a, b) ? 0 : 1;
  },
  reveal: (d) => {
    const [a, b] = TWINS[0]!;
    const c = orderOf(d).learned.context;
    return `Row ${a}: $${vecTex(c, a)}$; row ${b}: $${vecTex(c, b)}$. ${rowsClose(c, a, b) ? 'Still the same: their position vectors must be equal.' : 'Different: $p_{' + a + '}$ and $p_{' + b + '}$ made them two vectors.'}`;
  },
};

const predictDistance: View = {
  kind: 'predict',
  id: 'distance',
  question:
    'Move every word by the shift. Does the rotary score of the query word with *attention #1* change?',
  choices: ['No: it stays the same, up to float32 rounding', 'Yes: it changes'],
  answer: (d) => {
    const r = orderOf(d).rope;
    const k = TWINS[1]![0];
    const i = d.query * N + k;
    return isclose(r.scores.data[i]!, r.moved.data[i]!, 1e-5) ? 0 : 1;
  },
  reveal: (d) => {
    const o = orderOf(d);
    const k = TWINS[1]![0];
    const i = d.query * N + k;
    return `At positions ${d.query} and ${k}: $${num(o.rope.scores.data[i]!, 6)}$; moved by ${o.shift}, at ${d.query + o.shift} and ${k + o.shift}: $${num(o.rope.moved.data[i]!, 6)}$. Both arrows turned by the same angle, so the angle between them, and the score, stayed.`;
  },
};

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

const NEW = { kind: 'new', from: 'new: the word-order lesson’s own cell' } as const;

const steps: readonly Step[] = [
  {
    id: 'setup',
    title: 'A sentence with twins',
    prose: para`
The sentence of *Hello World I am an attention seeker*, with its two repeated words: *I* at positions 2 and 7, *attention* at 5 and 9 (Python counts from 0, as every index in this lesson does). Each distinct word gets an id, and \`torch.nn.Embedding\` a random row of $d = 4$ numbers for each id, drawn after \`torch.manual_seed\`. Looking the ids up gives \`x\`, one row per word: the two *I*'s fetch the same row.

Right after the token table the code draws a second table, \`pos_embedding\`, one row per **position**, as GPT-style code does; it waits unused until the learned-positions step. Then the three weight matrices, each $4 \times 2$, so queries, keys and values have two numbers and can be drawn as arrows. Change the seed and everything is drawn again; edit \`x\` and the code gains an assignment line.

\`.detach()\` only cuts the link to the tables' gradients: nothing is trained in this lesson, so nothing is lost, and the tensors print without a \`grad_fn\`.
    `,
    formula: setupFormula,
    code: (d) =>
      [
        'import math',
        'import torch',
        '',
        `sentence = "${SENTENCE}"`,
        'words = sentence.split()',
        'vocab = {w: i for i, w in enumerate(sorted(set(words)))}',
        'token_ids = torch.tensor([vocab[w] for w in words])',
        `n, d, d_k, d_v = len(words), ${D}, ${D_K}, ${D_V}`,
        '',
        `torch.manual_seed(${d.seed})`,
        'token_embedding = torch.nn.Embedding(len(vocab), d)',
        'pos_embedding = torch.nn.Embedding(n, d)  # one row per position, used later',
        'W_query, W_key, W_value = torch.rand(d, d_k), torch.rand(d, d_k), torch.rand(d, d_v)',
        'x = token_embedding(token_ids).detach()',
        ...setupEdits(d),
        'print(token_ids)',
        'print(x)',
      ].join('\n'),
    source: NEW,
    output: (d) => `${formatTensor(tensor([N], IDS), { dtype: 'int64' })}\n${formatTensor(d.x)}`,
    views: [{ kind: 'seed', label: 'Seed' }, { kind: 'embeddings' }],
  },
  {
    id: 'attention',
    title: 'Attention, as before',
    prose: para`
The scaled dot-product attention of *Hello World I am an attention seeker*, in one function: every word's query meets every key, the scores are divided by $\sqrt{d_k}$, each row goes through a softmax, and the weights average the values. The \`causal\` switch comes into play later.

Look at what the function does with the **order** of its input rows: nothing. It never reads an index. Row $i$ of the result depends on row $i$ of \`x\` (its query) and on the rows of \`x\` as a collection (the keys and values it averages). The next step puts that to the test.
    `,
    formula: (d) =>
      raw`z_i = \sum_j \operatorname{softmax}_j\!\left(\frac{q_i \cdot k_j}{\sqrt{${D_K}}}\right) v_j,\quad z_{${d.query}} = ${rowVec(row(tr(d).context, d.query).data)}`,
    code: `${ATTENTION_CODE}

context = attention(x)
print(context)`,
    source: NEW,
    output: (d) => formatTensor(tr(d).context),
    views: [
      { kind: 'query' },
      { kind: 'tensor', of: (d) => tr(d).context, caption: 'context = attention(x)' },
      { kind: 'trainable' },
    ],
  },
  {
    id: 'shuffle',
    title: 'Shuffle the words',
    prose: para`
\`perm\` reorders the sentence: row $i$ of \`x[perm]\` is word \`perm[i]\`. Press **Shuffle**, or type your own order. Then compare two things: the context vectors of the sentence, reordered the same way (\`context[perm]\`), and attention run on the shuffled sentence (\`attention(x[perm])\`).

They are the same vectors. Shuffling the input only shuffles the output: attention is **permutation equivariant**. A word's query scores the same keys, merely listed in another order; the softmax and the weighted average do not care in which order they add up. So for attention, *attention seeker I love* and *love I seeker attention* are the same bag of words.

Why \`torch.allclose\` and not \`torch.equal\`: in another order, the same float32 numbers can add up to a sum that differs in the last bit. Pick a query word to follow it in the formula: its row moves, its numbers stay.
    `,
    formula: shuffleFormula,
    code: (d) => `perm = torch.tensor(${intList(orderOf(d).perm)})
print([words[i] for i in perm])
print(context[perm])
print(attention(x[perm]))
print(torch.allclose(context[perm], attention(x[perm])))`,
    source: NEW,
    output: (d) => {
      const o = orderOf(d);
      return [
        pyRepr(wordsOf(o.perm)),
        formatTensor(o.contextPerm),
        formatTensor(o.shuffled.context),
        pyBool(allcloseAtol(o.contextPerm, o.shuffled.context)),
      ].join('\n');
    },
    views: [
      predictShuffle,
      { kind: 'order' },
      { kind: 'query' },
      {
        kind: 'tensor',
        of: (d) => orderOf(d).contextPerm,
        caption: 'context[perm]',
        axes: 'none',
        rowLabels: shuffledLabels,
      },
      {
        kind: 'tensor',
        of: (d) => orderOf(d).shuffled.context,
        caption: 'attention(x[perm])',
        axes: 'none',
        rowLabels: shuffledLabels,
      },
    ],
  },
  {
    id: 'twins',
    title: 'Twins everywhere',
    prose: para`
The two *I*'s have the same row of \`x\` (the lookup copied one row of the table twice), so they get the same query, key and value: each is that row times the same matrix. Same query against the same keys: the same scores, the same weights, the same context vector. The same goes for the two *attention*'s. Nothing in the computation can tell the 2nd word from the 7th.

The checks use \`torch.allclose\`: the rows of \`x\` are exact copies, while the rows after them come out of sums of products, which some libraries add in different orders for different rows.

Edit an entry of *I #1* in the table and the first column turns \`False\`: that is what a positional embedding will do, in a principled way.
    `,
    formula: twinsFormula,
    code: `queries, keys, values = x @ W_query, x @ W_key, x @ W_value
weights = torch.softmax(queries @ keys.T / math.sqrt(d_k), dim=-1)
for name, t in [("x", x), ("queries", queries), ("keys", keys), ("values", values),
                ("weights", weights), ("context", context)]:
    print(f"{name:8}", torch.allclose(t[2], t[7]), torch.allclose(t[5], t[9]))`,
    source: NEW,
    output: (d) => {
      const t = tr(d);
      const all: [string, Tensor][] = [
        ['x', d.x],
        ['queries', t.queries],
        ['keys', t.keys],
        ['values', t.values],
        ['weights', t.weights],
        ['context', t.context],
      ];
      return all
        .map(
          ([name, v]) =>
            `${name.padEnd(8)} ${TWINS.map(([a, b]) => pyBool(rowsClose(v, a, b))).join(' ')}`,
        )
        .join('\n');
    },
    views: [
      { kind: 'embeddings' },
      { kind: 'tensor', of: (d) => tr(d).queries, caption: 'queries' },
      { kind: 'tensor', of: (d) => tr(d).weights, caption: 'attention weights' },
    ],
  },
  {
    id: 'causal',
    title: 'A causal mask breaks the symmetry, partly',
    prose: para`
A GPT-style model masks the scores so that word $i$ only sees words $0$ to $i$: it must predict the next word without peeking. Now position matters a little: what a word sees depends on where it stands.

Run the causal attention on the shuffled sentence and compare with the causal context vectors of the sentence, reordered. A row comes out the same exactly when its word sees the same **set** of words in both orders; the formula lists which rows changed. After a real shuffle almost every row changes: a word that moves to the front sees only itself, and one that moves to the end sees everything.

But the mask is only a partial position signal: it tells a word **which** words come before it, not in what order. Type \`1, 0, 2, 3, 4, 5, 6, 7, 8, 9\` to swap the first two words: only the first two rows change. Every later word sees the same set as before and cannot tell that *Hello* and *World* swapped. The twins are no longer identical here only because the second *I* sees more words than the first.
    `,
    formula: causalFormula,
    code: `causal = attention(x, causal=True)
shuffled = attention(x[perm], causal=True)
print(shuffled)
print(torch.isclose(causal[perm], shuffled).all(dim=1).tolist())`,
    source: NEW,
    output: (d) => {
      const o = orderOf(d);
      return `${formatTensor(o.causalShuffled.context)}\n${pyRepr(o.causalRowsSame)}`;
    },
    views: [
      predictCausal,
      { kind: 'order' },
      {
        kind: 'tensor',
        of: (d) => orderOf(d).causalPerm,
        caption: 'causal[perm]',
        axes: 'none',
        rowLabels: shuffledLabels,
      },
      {
        kind: 'tensor',
        of: (d) => orderOf(d).causalShuffled.context,
        caption: 'attention(x[perm], causal=True)',
        axes: 'none',
        rowLabels: shuffledLabels,
      },
    ],
  },
  {
    id: 'learned',
    title: 'Learned absolute positions',
    prose: para`
The fix LLM code uses: a second embedding table with one row per **position**, \`pos_embedding\`, looked up with \`torch.arange(n)\` and added to the token embeddings. Now the *I* at position 2 is $x_2 + p_2$ and the one at 7 is $x_7 + p_7$: different vectors, so different queries, keys and values, and different context vectors.

In a real model these rows are parameters, learned like the token table; here they are as \`torch.manual_seed\` drew them. Edit them in the table (the code gains \`pos[i, k] = …\` lines): make two rows equal and the twins at those positions come back.
    `,
    formula: learnedFormula,
    code: (d) =>
      [
        'pos = pos_embedding(torch.arange(n)).detach()',
        ...positionEdits(d),
        'print(pos)',
        'context_pos = attention(x + pos)',
        'print(context_pos)',
        'print(torch.allclose(context_pos[2], context_pos[7]), torch.allclose(context_pos[5], context_pos[9]))',
      ].join('\n'),
    source: NEW,
    output: (d) => {
      const o = orderOf(d);
      return [
        formatTensor(o.positions),
        formatTensor(o.learned.context),
        TWINS.map(([a, b]) => pyBool(rowsClose(o.learned.context, a, b))).join(' '),
      ].join('\n');
    },
    views: [
      predictLearned,
      { kind: 'positions' },
      { kind: 'tensor', of: (d) => orderOf(d).learned.context, caption: 'attention(x + pos)' },
    ],
  },
  {
    id: 'learned-shuffle',
    title: 'Now the order matters',
    prose: para`
Shuffle again, this time with positions: each word of the shuffled sentence gets the position vector of the place it lands in, \`x[perm] + pos\`. The context vectors are no longer the old ones reordered: a word at a new place is a new vector, and it sees every other word as new vectors too.

Only the order \`0, 1, 2, …\` gives \`True\`. Swapping the two *I*'s (\`0, 1, 7, 3, 4, 5, 6, 2, 8, 9\`) is a curious case: the sentence does not change, so neither does the output, row for row; the check prints \`False\` because \`context_pos[perm]\` swaps two rows that the positions made different.
    `,
    formula: learnedShuffleFormula,
    code: `context_pos_shuffled = attention(x[perm] + pos)
print(context_pos_shuffled)
print(torch.allclose(context_pos[perm], context_pos_shuffled))`,
    source: NEW,
    output: (d) => {
      const o = orderOf(d);
      return `${formatTensor(o.learnedShuffled.context)}\n${pyBool(allcloseAtol(o.learnedPerm, o.learnedShuffled.context))}`;
    },
    views: [
      { kind: 'order' },
      { kind: 'query' },
      {
        kind: 'tensor',
        of: (d) => orderOf(d).learnedPerm,
        caption: 'context_pos[perm]',
        axes: 'none',
        rowLabels: shuffledLabels,
      },
      {
        kind: 'tensor',
        of: (d) => orderOf(d).learnedShuffled.context,
        caption: 'attention(x[perm] + pos)',
        axes: 'none',
        rowLabels: shuffledLabels,
      },
    ],
  },
  {
    id: 'sinusoidal',
    title: 'Sinusoidal positions',
    prose: para`
The original Transformer learned nothing for positions. It added a fixed table: column $2i$ holds $\sin(p\,\theta_i)$ and column $2i+1$ holds $\cos(p\,\theta_i)$, with frequencies $\theta_i = 10000^{-2i/d}$. With $d = 4$ there are two frequencies: $1$ (one radian per position, the first two columns change fast) and $1/100$ (the last two change slowly). Each position gets its own pattern, and any length works without training.

The code computes $\theta_i$ as $\exp(-2i \ln(10000) / d)$, as common PyTorch code does; the formula beside it shows the row of the query's position with live numbers. Pick another query to see its row. Added to \`x\`, the table separates the twins just as learned positions did.
    `,
    formula: sinusoidalFormula,
    code: `pe = torch.zeros(n, d)
position = torch.arange(n).unsqueeze(1)
div_term = torch.exp(torch.arange(0, d, 2) * (-math.log(10000.0) / d))
pe[:, 0::2] = torch.sin(position * div_term)
pe[:, 1::2] = torch.cos(position * div_term)
print(div_term)
print(pe)
context_pe = attention(x + pe)
print(torch.allclose(context_pe[2], context_pe[7]), torch.allclose(context_pe[5], context_pe[9]))`,
    source: NEW,
    output: (d) => {
      const o = orderOf(d);
      return [
        formatTensor(divTerm(D)),
        formatTensor(o.pe),
        TWINS.map(([a, b]) => pyBool(rowsClose(o.sinusoidal.context, a, b))).join(' '),
      ].join('\n');
    },
    views: [
      { kind: 'query' },
      {
        kind: 'tensor',
        of: (d) => orderOf(d).pe,
        caption: 'pe: one row per position (sinusoidal)',
        axes: 'none',
        rowLabels: (d) => d.tokens.map((_, p) => `pos ${p}`),
      },
    ],
  },
  {
    id: 'rope',
    title: 'Rotary positions: turn the arrows',
    prose: para`
Most current models use neither table. **Rotary position embedding** (RoPE) leaves \`x\` alone and turns the queries and keys instead: each pair of dimensions $(2i, 2i+1)$ of the vector at position $p$ is rotated by the angle $p\,\theta_i$. Our queries and keys have one pair, and $\theta_0 = 1$, so the word at position $p$ has its query and key turned by $p$ radians (about $57°$ per position).

The plot shows the turned queries and keys of every word with all of them moved by the shift you choose. Slide it: every arrow turns, each by the same angle. The two *I*'s now sit at different angles, so they are no longer twins.
    `,
    formula: ropeFormula,
    code: (d) => `${ROPE_CODE}

positions = torch.arange(n)
shift = ${orderOf(d).shift}
queries, keys = x @ W_query, x @ W_key
print(rope(queries, positions + shift))`,
    source: NEW,
    output: (d) => formatTensor(orderOf(d).rope.movedQueries),
    views: [{ kind: 'rope' }, { kind: 'query' }],
  },
  {
    id: 'distance',
    title: 'Only the distance counts',
    prose: para`
Why rotate? A score is a dot product, and turning both arrows by the same angle leaves it alone: with the query turned by $m\theta$ and the key by $n\theta$, only the angle between them changes it, $(n - m)\theta$. So a rotary score depends on the words and on **how far apart** they are, not on where the pair sits in the text. Move every word by the same shift and no score changes.

In float32 the rotated arrows are rounded, so the scores can differ in the last bits: the code prints the largest difference over all $10 \times 10$ scores, then checks closeness with a tolerance of $10^{-5}$ (near zero, one rounding step can exceed the default test's relative tolerance).
    `,
    formula: distanceFormula,
    code: (d) => `scores = rope(queries, positions) @ rope(keys, positions).T
moved = rope(queries, positions + shift) @ rope(keys, positions + shift).T
print(scores[${d.query}])
print(moved[${d.query}])
print((scores - moved).abs().max())
print(torch.allclose(scores, moved, atol=1e-5))`,
    source: NEW,
    output: (d) => {
      const r = orderOf(d).rope;
      return [
        formatTensor(row(r.scores, d.query)),
        formatTensor(row(r.moved, d.query)),
        formatTensor(tensor([], [r.maxDiff])),
        pyBool(allcloseAtol(r.scores, r.moved, 1e-5)),
      ].join('\n');
    },
    views: [
      predictDistance,
      { kind: 'rope' },
      { kind: 'query' },
      { kind: 'tensor', of: (d) => orderOf(d).rope.scores, caption: 'scores at positions 0..9' },
      {
        kind: 'tensor',
        of: (d) => orderOf(d).rope.moved,
        caption: 'scores with every word moved by the shift',
      },
    ],
  },
];

/** The word-order lesson's choices at a seed (what `generate` gives). */
function orderAt(seed: number): WordOrderState {
  return { perm: DEFAULT_PERM, positions: copy(seeded(seed).positions), shift: DEFAULT_SHIFT };
}

/**
 * Word order (issue #16): why attention needs positions, and three ways to give them. One random
 * stream: `torch.manual_seed(seed)`, the token table, the position table, then W_query, W_key,
 * W_value, so a new seed redraws all of them (the word order and the shift stay).
 */
export const wordOrder: Lesson = {
  id: 'word-order',
  ...catalogueText('word-order'),
  sentence: SENTENCE,
  tokens: WORDS,
  // Replaced by generate(123) when the lesson opens.
  embeddings: tensor([N, D], new Float32Array(N * D)),
  query: 2,
  trainable: { seed: DEFAULT_SEED, dIn: D, dK: D_K, dV: D_V, layout: 'x@W' },
  generate: (seed) => {
    const s = seeded(seed);
    return {
      embeddings: copy(s.embeddings),
      weights: { wq: copy(s.weights.wq), wk: copy(s.weights.wk), wv: copy(s.weights.wv) },
      order: orderAt(seed),
    };
  },
  steps,
};
