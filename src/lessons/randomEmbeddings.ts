import { catalogueText } from './catalogue';
import { formatTensor } from '../math/format';
import { sum } from '../math/ops';
import { torchGenerator } from '../math/random';
import { at, fromRows, row, type Tensor } from '../math/tensor';
import { assignments, changedCells, fixedLit, para, qn, raw, vals } from './common';
import {
  aligned,
  factor,
  hl,
  num,
  perToken,
  rowVec,
  smallNum,
  stack,
  sumLines,
  texText,
  tok,
  xv,
} from './tex';
import type { Derived, Highlight, Lesson, Step } from './types';

// ---------------------------------------------------------------------------------------------
// Helpers: where the embeddings came from, names that follow the query, and TeX pieces.
// ---------------------------------------------------------------------------------------------

/** What the notebook printed for its unseeded `torch.randn(6, 3)`, to four decimals. */
const PRINTED = fromRows([
  [-0.3178, -0.8048, 0.7659],
  [0.6087, 0.6313, 0.4881],
  [-0.5776, 0.5329, 1.2401],
  [-0.7568, 1.0494, -0.4434],
  [1.8883, -1.5365, -0.5007],
  [-1.2233, -0.2219, -1.2253],
]);

const SHAPE = [6, 3];

/** `torch.manual_seed(seed); torch.randn(6, 3)`, remembered for the last seed asked. */
let lastRoll: { seed: number; x: Tensor } | null = null;
function rolled(seed: number): Tensor {
  if (lastRoll?.seed !== seed) lastRoll = { seed, x: torchGenerator(seed).randn(SHAPE) };
  return lastRoll.x;
}

/**
 * Where the current embeddings come from, so that the code cell reproduces them exactly: the
 * notebook's printed values (possibly edited: the literal shows the edits), or a rolled seed
 * (possibly edited: one assignment per edited entry). Whichever base needs fewer changes wins.
 */
function embeddingSource(d: Derived): { kind: 'printed' } | { kind: 'seeded'; edits: string[] } {
  const fromPrinted = changedCells(d.x, PRINTED);
  if (fromPrinted.length === 0) return { kind: 'printed' };
  const fromSeed = assignments('word_embeddings', d.x, rolled(d.seed));
  return fromSeed.length < fromPrinted.length
    ? { kind: 'seeded', edits: fromSeed }
    : { kind: 'printed' };
}

/** A float32 as a code literal: four decimals as the notebook printed them when they read back exactly. */
const lit4 = (x: number): string => fixedLit(x, 4);

const ASSIGN = 'word_embeddings = torch.tensor([';

/** `word_embeddings = torch.tensor([[…], …])`, columns aligned as PyTorch prints them. */
function literalLines(x: Tensor): string[] {
  const [n, c] = x.shape as [number, number];
  const cells = Array.from({ length: n }, (_, i) =>
    Array.from({ length: c }, (_, k) => lit4(at(x, i, k))),
  );
  const widths = Array.from({ length: c }, (_, k) => Math.max(...cells.map((r) => r[k]!.length)));
  return cells.map((r, i) => {
    const body = `[${r.map((s, k) => s.padStart(widths[k]!)).join(', ')}]`;
    return `${i === 0 ? ASSIGN : ' '.repeat(ASSIGN.length)}${body}${i === n - 1 ? '])' : ','}`;
  });
}

/** `torch.manual_seed(seed)`, `torch.randn(6, 3)`, then the learner's edits, if any. */
function seededLines(d: Derived, edits: readonly string[]): string[] {
  const lines = [`torch.manual_seed(${d.seed})`, 'word_embeddings = torch.randn(6, 3)'];
  return edits.length > 0 ? [...lines, '# your edits', ...edits] : lines;
}

/** In[1] and In[4]: the embeddings, as the notebook printed them or as a seed makes them. */
function embeddingsCode(d: Derived): string {
  const src = embeddingSource(d);
  const make =
    src.kind === 'printed'
      ? [
          '# The notebook ran, without a seed:',
          '# word_embeddings = torch.randn(6, 3)',
          '# and printed these values (to four decimals):',
          ...literalLines(d.x),
        ]
      : seededLines(d, src.edits);
  return [
    '# Imports',
    'import torch',
    '',
    '# Each word has word embeddings lenght of 3',
    "# Let's create a random word embedding",
    '',
    ...make,
    'word_embeddings',
  ].join('\n');
}

/** A token as part of a Python name (`word_embed_self`). */
function ident(token: string): string {
  const s = token.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** The notebook's `word_embed_self`, named after the current query. */
const selfVar = (d: Derived): string => `word_embed_${ident(d.queryToken)}`;

const SCORE_LINE = (d: Derived): string =>
  `sim_score = torch.tensor([torch.dot(${selfVar(d)},embed) for embed in word_embeddings])`;

/** The word other than the query with the highest score (the notebook's "attention"). */
function mostSimilarOther(d: Derived): string {
  let best = -1;
  for (let j = 0; j < d.tokens.length; j++) {
    if (j === d.query) continue;
    if (best < 0 || at(d.queryScores, j) > at(d.queryScores, best)) best = j;
  }
  return d.tokens[best] ?? '';
}

/** The query's row of the weight matrix as PyTorch printed it inside the matrix. */
function printedWeightsRow(d: Derived): string {
  const line = formatTensor(d.weights).split('\n')[d.query] ?? '';
  return line.match(/\[[^[\]]*\]/)?.[0] ?? '';
}

/** The notebook's comparison comment: the query's softmax weights, then its matrix row. */
function comparisonComment(d: Derived): string[] {
  const left = [`# ${formatTensor(d.queryWeights)}`, `# ${printedWeightsRow(d)},`];
  const width = Math.max(80, ...left.map((s) => s.length + 5));
  return [
    `${left[0]!.padEnd(width)}-> previously computed`,
    `${left[1]!.padEnd(width)}-> above computed`,
  ];
}

const NOTE_CODE = `# NOTE:
    # The words embeddings are randomly chosen, might not make sense while genreating similarty_weights
    # In real implementation, we would use positional embedding along with word embedding,
    # but in this example, we just used word embedding.
    # Also, in real implementation, we would use matrix multiplication for word embedding and positional embedding,
    # instead of for loop.
    # Also, in real implementation, we would use softmax for attention weights, instead of matrix multiplication.

    # This tutorial have single attention head for illestration purposes
    # In real implementation, we would have multiple attention heads, and each head would have its own weights and bias.
    # And we would also use scaled dot-product attention.`;

/** `a_1·b_1 + a_2·b_2 + …` for rows a and b of the embeddings. */
const dotTerms = (d: Derived, a: number, b: number): string[] =>
  vals(row(d.x, a)).map((v, k) => raw`${factor(v)}\cdot ${factor(at(d.x, b, k))}`);

/** The key a formula details: the one pointed at, else `fallback`. */
const keyOf = (h: Highlight, fallback: number): number => h.j ?? h.i ?? fallback;

/** A sum of terms, split into its positive and negative parts (in double precision). */
function parts(values: readonly number[]): { pos: number[]; neg: number[] } {
  return { pos: values.filter((v) => v > 0), neg: values.filter((v) => v < 0) };
}

// ---------------------------------------------------------------------------------------------
// Formulas
// ---------------------------------------------------------------------------------------------

function embeddingsFormula(d: Derived, h: Highlight): string {
  const [n, c] = d.x.shape as [number, number];
  const body = Array.from({ length: n }, (_, i) =>
    Array.from({ length: c }, (_, k) => hl(num(at(d.x, i, k)), h.i === i)).join(' & '),
  ).join(raw` \\ `);
  const labels = d.tokens.map((t, i) => hl(texText(t), h.i === i)).join(raw` \\ `);
  const negative = vals(d.x).filter((v) => v < 0).length;
  return stack(
    raw`X = \begin{bmatrix}${body}\end{bmatrix}\begin{matrix}${labels}\end{matrix}`,
    raw`\text{negative entries: } ${negative} \text{ of } ${n * c}`,
  );
}

function queryFormula(d: Derived): string {
  const q = vals(row(d.x, d.query));
  return aligned([
    raw`${xv(d.query)} &= ${rowVec(q)} &\enspace& ${tok(d, d.query)}`,
    raw`\lVert ${xv(d.query)} \rVert &= ${num(Math.hypot(...q))}`,
  ]);
}

function queryScoresFormula(d: Derived, h: Highlight): string {
  const q = d.query;
  const j = keyOf(h, q === 0 ? 1 : 0);
  const detail = aligned([
    raw`\omega_{${qn(d)}${j + 1}} &= ${xv(q)} \cdot ${xv(j)} &\enspace& ${tok(d, j)}`,
    ...sumLines(dotTerms(d, q, j), 1),
    `&= ${num(at(d.queryScores, j))}`,
  ]);
  const all = aligned(
    perToken(
      d,
      h,
      (k) => raw`\omega_{${qn(d)}${k + 1}}`,
      (k) => num(at(d.queryScores, k)),
    ),
  );
  return stack(detail, all);
}

function naiveFormula(d: Derived, h: Highlight): string {
  const n = qn(d);
  const total = at(sum(d.queryScores));
  return stack(
    aligned([
      raw`S &= \textstyle\sum_j \omega_{${n}j}`,
      ...sumLines(vals(d.queryScores).map((v) => num(v))),
      `&= ${num(total)}`,
    ]),
    aligned(
      perToken(
        d,
        h,
        (j) => raw`\alpha_{${n}${j + 1}}`,
        (j) => raw`${num(at(d.queryScores, j))} / ${factor(total)} = ${num(at(d.queryNaive, j))}`,
      ),
    ),
  );
}

function nearZeroFormula(d: Derived): string {
  const n = qn(d);
  const s = vals(d.queryScores);
  const { pos, neg } = parts(s);
  const p = pos.reduce((a, b) => a + b, 0);
  const m = neg.reduce((a, b) => a + b, 0);
  const total = at(sum(d.queryScores));
  const naive = vals(d.queryNaive).filter(Number.isFinite);
  const lines = [
    raw`P &= \textstyle\sum_{\omega_{${n}j} > 0} \omega_{${n}j} = ${num(p)}`,
    raw`N &= \textstyle\sum_{\omega_{${n}j} < 0} \omega_{${n}j} = ${num(m)}`,
    raw`S &= P + N = ${num(total)}`,
  ];
  if (total !== 0) lines.push(raw`1/S &= ${num(1 / total, 2)}`);
  if (naive.length > 0) {
    lines.push(
      raw`\alpha_{${n}j} = \omega_{${n}j}/S &\in [${num(Math.min(...naive))}, ${num(Math.max(...naive))}]`,
    );
  }
  return aligned(lines);
}

/** Softmax of one row of scores, worked out in double precision (for display only). */
function softmaxFormula(
  d: Derived,
  h: Highlight,
  i: number,
  scores: readonly number[],
  weights: readonly number[],
): string {
  const e = scores.map((v) => Math.exp(v));
  const total = e.reduce((a, b) => a + b, 0);
  return stack(
    aligned([
      raw`S &= \textstyle\sum_k e^{\omega_{${i + 1}k}}`,
      ...sumLines(e.map((v) => num(v))),
      `&= ${num(total)}`,
    ]),
    aligned(
      perToken(
        d,
        h,
        (j) => raw`\alpha_{${i + 1}${j + 1}}`,
        (j) => raw`e^{${num(scores[j]!)}} / S = ${smallNum(weights[j]!)}`,
      ),
    ),
  );
}

function weightsSumFormula(h: Highlight, i: number, weights: Tensor): string {
  const terms = vals(weights).map((w, j) => hl(num(w), h.j === j));
  return aligned([
    raw`\textstyle\sum_j \alpha_{${i + 1}j} &\approx ${terms.slice(0, 3).join(' + ')}`,
    raw`&\quad + ${terms.slice(3).join(' + ')}`,
    raw`&= ${num(at(sum(weights)))} \quad \text{(float32)}`,
  ]);
}

function contextFormula(d: Derived, h: Highlight, i: number, w: Tensor, z: Tensor): string {
  const lines = vals(w).map((a, j) => {
    const term = raw`${num(a)}\,${rowVec(vals(row(d.x, j)), 2)}`;
    return `${j === 0 ? raw`z^{(${i + 1})} &= ` : raw`&\quad + `}${hl(term, h.j === j)}`;
  });
  return aligned([...lines, `&= ${rowVec(vals(z))}`]);
}

function matrixScoreFormula(d: Derived, h: Highlight): string {
  const i = h.i ?? d.query;
  const j = h.j ?? (i === 0 ? 1 : 0);
  const lines = [
    raw`\Omega &= X X^\top`,
    raw`&(${tok(d, i)}, ${tok(d, j)})`,
    raw`${hl(raw`\omega_{${i + 1}${j + 1}}`, h.j !== null)} &= ${xv(i)} \cdot ${xv(j)}`,
    ...sumLines(dotTerms(d, i, j), 1),
    `&= ${num(at(d.scores, i, j))}`,
  ];
  if (i === j) lines.push(raw`&= \lVert ${xv(i)} \rVert^2`);
  return aligned(lines);
}

function weightsMatrixFormula(d: Derived, h: Highlight): string {
  const i = h.i ?? d.query;
  const w = vals(d.weights).filter((v) => v !== 0);
  const max = Math.max(...w);
  const min = Math.min(...w);
  const row_ = softmaxFormula(d, h, i, vals(row(d.scores, i)), vals(row(d.weights, i)));
  return stack(
    raw`\text{row } ${i + 1}\text{: } ${tok(d, i)}`,
    row_,
    aligned([
      raw`\max_{ij} \alpha_{ij} &= ${num(max)}`,
      raw`\min_{ij} \alpha_{ij} &= ${smallNum(min)}`,
      raw`\max / \min &= ${num(max / min, 0)} ${max / min > 1000 ? raw`> 1000` : raw`\le 1000`}`,
    ]),
  );
}

function rollFormula(d: Derived): string {
  const n = qn(d);
  const naive = vals(d.queryNaive);
  const soft = vals(d.queryWeights);
  const range = (v: number[]) => {
    const f = v.filter(Number.isFinite);
    return f.length === 0 ? raw`\text{nan}` : `[${num(Math.min(...f))}, ${num(Math.max(...f))}]`;
  };
  const src = embeddingSource(d);
  const origin =
    src.kind === 'printed'
      ? changedCells(d.x, PRINTED).length === 0
        ? raw`\text{the notebook's printed values}`
        : raw`\text{the notebook's values, edited}`
      : raw`\text{seed } ${d.seed}${src.edits.length > 0 ? raw`\text{, edited}` : ''}`;
  return aligned([
    raw`&${origin}`,
    raw`\textstyle\sum_j \omega_{${n}j} &= ${num(at(sum(d.queryScores)))}`,
    raw`\omega_{${n}j} / \textstyle\sum_k \omega_{${n}k} &\in ${range(naive)}`,
    raw`\operatorname{softmax}(\omega_{${n}})_j &\in ${range(soft)}`,
  ]);
}

function notesFormula(d: Derived): string {
  return stack(
    raw`\text{here: } Z = \operatorname{softmax}\!\big(X X^\top\big)\, X`,
    raw`\text{Transformers: } \operatorname{softmax}\!\left(\frac{Q K^\top}{\sqrt{d_k}}\right) V,\quad Q = XW_q,\; K = XW_k,\; V = XW_v`,
    raw`z^{(${qn(d)})} = ${rowVec(vals(row(d.context, d.query)))} \quad ${tok(d, d.query)}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

/** True when every weight of dividing by the sum is a share: finite and between 0 and 1. */
function naiveIsShares(d: Derived): boolean {
  return vals(d.queryNaive).every((w) => w >= 0 && w <= 1);
}

const NAIVE_QUESTION = {
  kind: 'predict',
  id: 'naive-range',
  question: para`
The next step divides each of these scores by their sum, hoping for weights between 0 and 1 that add up to 1. With the scores above, will every weight land between 0 and 1?
  `,
  choices: [
    'Yes, every weight will be between 0 and 1',
    'No, some weight will fall below 0 or above 1',
  ],
  answer: (d: Derived) => (naiveIsShares(d) ? 0 : 1),
  reveal: (d: Derived) => {
    const total = at(sum(d.queryScores));
    const w = vals(d.queryNaive);
    if (w.some((v) => !Number.isFinite(v))) {
      return `The scores add up to $${num(total)}$: dividing by it gives no numbers at all.`;
    }
    const range = `from $${num(Math.min(...w))}$ to $${num(Math.max(...w))}$`;
    return naiveIsShares(d)
      ? `The scores add up to $S = ${num(total)}$, and every score has the sign of that sum, so the weights run ${range}. Dividing by the sum works here, and only because no score has the opposite sign.`
      : `The scores add up to $S = ${num(total)}$, and ${total < 0 ? 'a negative sum flips every sign' : 'some score is negative'}: the weights run ${range}.`;
  },
} as const;

const SEED_VIEW = { kind: 'seed', label: 'Seed for torch.randn(6, 3)' } as const;

/** Why an output differs from the notebook's at the opening values. */
const ROUNDED = 'we start from its 4-decimal printout, so last digits can differ';

const steps: Step[] = [
  {
    id: 'embeddings',
    title: 'Six words, six random vectors',
    prose: para`
The sentence *How self attention works in Transformer* has six words, and the notebook gives each one an **embedding** of three numbers. These are not hand-picked: \`torch.randn(6, 3)\` draws every number from a standard normal distribution (mean 0, spread 1), so about half of them are negative and the six vectors point every which way. That is what makes this notebook worth a lesson: vectors pointing apart give **negative** similarity scores, and negative scores break the simplest way of turning scores into weights.

The notebook called \`torch.randn\` without a seed, so its numbers were new on every run and cannot be made again. We start instead from the values it printed, to four decimals, typed in with \`torch.tensor\`; its own line stays in the code as a comment. The digits after the fourth are lost, so some outputs below can differ from the notebook's printout in the last digit. Every output here is what PyTorch prints for exactly the code shown (on the build that *Which PyTorch?*, beside each output, names).

Edit a number in the table, or type a seed to **roll new embeddings**: the code then becomes \`torch.manual_seed(seed)\` followed by the notebook's \`torch.randn(6, 3)\`, which gives the same numbers every time, here and in PyTorch.
    `,
    formula: embeddingsFormula,
    code: embeddingsCode,
    source: { kind: 'notebook', cell: 'word_embeddings = torch.randn(6, 3)' },
    output: (d) => formatTensor(d.x),
    views: [{ kind: 'embeddings' }, SEED_VIEW, { kind: 'plot' }],
  },
  {
    id: 'query',
    title: 'Attention for one word',
    prose: para`
Self-attention gives every word a new vector that blends in the words around it. It is easier to follow one word first: the notebook picks *self*, the second row, which Python calls \`word_embeddings[1]\` because it counts from 0. This word is the **query**, the one asking "which words should I take into account?"

Choose another query with the picker: the variable name, the comments, and every output about the query follow your choice.
    `,
    formula: queryFormula,
    code: (
      d,
    ) => `# Each row in embeddings repersentence a word from example sentence in same sequence
# Let's try to understand how self attention works

# Calulating attention for word "${d.queryToken}" in example sentence
${selfVar(d)} = word_embeddings[${d.query}]
${selfVar(d)}`,
    source: { kind: 'notebook', cell: 'word_embed_self = word_embeddings[1]' },
    output: (d) => formatTensor(row(d.x, d.query)),
    views: [{ kind: 'query' }, { kind: 'embeddings' }, { kind: 'plot' }],
  },
  {
    id: 'query-scores',
    title: 'Similarity scores for the query',
    prose: para`
How related is each word to the query? The notebook takes the **dot product**: multiply matching entries, then add.

$$\omega_{2j} = x^{(2)} \cdot x^{(j)} = \sum_{k=1}^{3} x^{(2)}_k\, x^{(j)}_k$$

Since $x \cdot y = \lVert x\rVert\,\lVert y\rVert\cos\theta$, the score is large when two vectors point the same way, near 0 when they are perpendicular, and **negative** when they point apart. Random vectors do all three: with the notebook's values *How*, *works*, *in* and *Transformer* all score below 0 against *self*.

The list comprehension calls \`torch.dot\` once per word, and \`torch.tensor\` packs the six results into one tensor. The notebook's comment notes that *attention* scores highest (after *self* itself) but warns that this means nothing: the vectors are random. In a trained model, related words get similar vectors, and then the scores mean something.

The notebook printed \`-0.3276\` and \`1.0072\` where PyTorch now prints \`-0.3277\` and \`1.0073\`: its inputs had digits beyond the four we typed in, and they can move the fourth decimal of a result.
    `,
    formula: queryScoresFormula,
    code: (d) => `# we will calculate simalarity score against each word embedding in same sentence
# Let's calculate simalarity score
${SCORE_LINE(d)}
sim_score`,
    source: {
      kind: 'differs',
      cell: 'sim_score = torch.tensor([torch.dot(word_embed_self,embed) for embed in word_embeddings])',
      why: ROUNDED,
    },
    output: (d) => formatTensor(d.queryScores),
    views: [
      { kind: 'query' },
      { kind: 'matrix', of: 'queryScores', caption: 'Similarity scores of the query' },
      NAIVE_QUESTION,
      { kind: 'plot' },
    ],
  },
  {
    id: 'naive',
    title: 'Dividing by the sum: weights below 0 and above 1',
    prose: para`
Scores have no fixed scale. To mix the words we want **weights**: numbers between 0 and 1 that add up to 1, so that the result is a weighted average. The notebook tries the obvious way first: divide each score by the sum of all the scores.

The results do add up to 1, but look at them. *Transformer*, the word least like *self*, gets \`5.0674\`, and *self* itself gets \`-3.4425\`. A weight of 5 means "count this word five times", a weight of $-3.4$ means "subtract it three times over"; neither is a share of attention.

The notebook printed \`5.0668\`, a larger gap than in the scores. Dividing by a small sum magnifies the tiny differences that our rounded inputs introduced, which is the same flaw seen from another side. The next step shows why.
    `,
    formula: naiveFormula,
    code: (
      d,
    ) => `# We can get the intuition that word '${mostSimilarOther(d)}' has the higest simalarity score.
# However, the word embedding are choosen randomly, just for illestration.

# Now let's calculate attention weights by normalizing the score
# there are many ways to normalize the score, like division with sum of all values.
sim_weights  = sim_score/sim_score.sum()
sim_weights`,
    source: { kind: 'differs', cell: 'sim_weights  = sim_score/sim_score.sum()', why: ROUNDED },
    output: (d) => formatTensor(d.queryNaive),
    views: [
      { kind: 'matrix', of: 'queryNaive', caption: 'Scores divided by their sum' },
      { kind: 'matrix', of: 'queryScores', caption: 'Similarity scores of the query' },
      SEED_VIEW,
    ],
  },
  {
    id: 'near-zero',
    title: 'Why the sum misbehaves',
    prose: para`
Split the sum of the scores into its positive part $P$ and its negative part $N$. With the notebook's values they nearly cancel: about $1.60$ against $-1.89$, leaving a sum $S$ of about $-0.29$. Dividing by $S$ multiplies every score by $1/S \approx -3.4$, which does two things:

- It **flips every sign**, because $S$ is negative. The words most like *self*, *self* included, get negative weights, and the least like it, *Transformer* with a score of $-1.48$, gets the largest.
- It **magnifies**. The closer $P$ and $N$ come to cancelling, the closer $S$ is to 0 and the larger the weights, without any bound. When $S$ crosses 0 the weights jump from huge positive to huge negative values.

The weights still add up to 1, since $\sum_j \omega_{2j} / S = S / S$, but that is all they have going for them. The notebook's comment says this would derail training, and it would: tiny changes to the embeddings swing the weights wildly, and so do the gradients that backpropagation computes from them. Dividing by the sum is only safe when every score is positive, as with the hand-picked vectors of [Dream big](#/dream-big/7).

Drag a vector in the plot or roll a seed, and watch $S$ and the range of the weights. Seed 6, for example, makes $S$ almost exactly 0.
    `,
    formula: nearZeroFormula,
    views: [
      { kind: 'matrix', of: 'queryNaive', caption: 'Scores divided by their sum' },
      SEED_VIEW,
      { kind: 'plot' },
    ],
  },
  {
    id: 'softmax',
    title: 'Softmax: weights that behave',
    prose: para`
The notebook switches to **softmax**, which exponentiates every score before dividing by the total:

$$\alpha_{2j} = \frac{e^{\omega_{2j}}}{\sum_k e^{\omega_{2k}}}$$

$e^{\omega}$ is positive for every score, negative ones included, so every weight lies between 0 and 1 and the total can never be 0 or negative. The order of the scores is kept: *self* gets the most attention, *attention* comes next, *Transformer* gets the least. And a small change to a score changes the weights only a little, so training sees well-behaved gradients.

Only the differences between scores matter: adding the same number to every score multiplies every $e^{\omega}$ by the same factor, which cancels. So the mixed signs that wrecked the division do no harm here. \`axis=-1\` is accepted in place of \`dim=-1\`: normalise along the last (here the only) dimension.
    `,
    formula: (d, h) => softmaxFormula(d, h, d.query, vals(d.queryScores), vals(d.queryWeights)),
    code: `# This is not looking good, it will diviate the model training weights while backprop
# We can use softmax for torch
sim_weights = torch.softmax(sim_score, axis=-1)
sim_weights`,
    source: { kind: 'notebook', cell: 'sim_weights = torch.softmax(sim_score, axis=-1)' },
    output: (d) => formatTensor(d.queryWeights),
    views: [
      { kind: 'matrix', of: 'queryWeights', caption: 'Softmax weights of the query' },
      { kind: 'matrix', of: 'queryNaive', caption: 'Scores divided by their sum, to compare' },
      { kind: 'query' },
    ],
  },
  {
    id: 'weights-sum',
    title: 'The weights sum to 1',
    prose: para`
As the notebook's comment says, softmax turns the scores into something like probabilities: each between 0 and 1, all together 1.

The notebook printed \`tensor(1.0000)\`; here PyTorch prints \`tensor(1.)\` for our values. Both mean 1 as closely as float32 can tell. PyTorch prints \`1.\` when the sum is exactly 1 and \`1.0000\` when it is a hair off, such as 0.99999994 or 1.0000001. Whether six rounded weights add up to exactly 1 depends on their last bits, and those differ between the notebook's unrounded inputs and our four-decimal ones, and can differ between builds of PyTorch.
    `,
    formula: (d, h) => weightsSumFormula(h, d.query, d.queryWeights),
    code: `# Softmax converts the score to a range between 0 and 1, that sum to 1. (like probability)
sim_weights.sum()`,
    source: { kind: 'differs', cell: 'sim_weights.sum()', why: ROUNDED },
    output: (d) => formatTensor(sum(d.queryWeights)),
    views: [
      { kind: 'matrix', of: 'queryWeights', caption: 'Softmax weights of the query' },
      { kind: 'query' },
    ],
  },
  {
    id: 'context-vector',
    title: 'The context vector of the query',
    prose: para`
Now the payoff. The **context vector** of *self* is the sum of all six embeddings, each scaled by its weight:

$$z^{(2)} = \sum_j \alpha_{2j}\, x^{(j)}$$

Because the weights are positive and add up to 1, $z^{(2)}$ is a weighted average: a point among the six vectors, pulled most towards *self* and *attention*, which got the largest weights. The plot draws it as the black arrow. With the naive weights it would be 5 times *Transformer* minus 3.4 times *self* and so on, a vector far outside the others.

The notebook writes the loop out to make the sum visible; the last steps do the same with one matrix product. (\`range(6)\` hard-codes the six words. The notebook printed \`0.2231\` for the middle entry, for the same reason as before.)
    `,
    formula: (d, h) => contextFormula(d, h, d.query, d.queryWeights, d.queryContext),
    code: (
      d,
    ) => `# To generate context vector for word '${d.queryToken}', we need to calculate weighted sum of all words embeddings
# using for loop to keep the process more intutuive, instead of matrix multiplication

context_vector = torch.zeros(3)
for i in range(6):
    context_vector += sim_weights[i] * word_embeddings[i]
context_vector
# As we can see, context vector for '${d.queryToken}' is a weighted sum of all word embeddings in sentence.`,
    source: {
      kind: 'differs',
      cell: 'context_vector += sim_weights[i] * word_embeddings[i]',
      why: ROUNDED,
    },
    output: (d) => formatTensor(d.queryContext),
    views: [
      { kind: 'plot', context: true },
      { kind: 'matrix', of: 'queryContext', caption: 'Context vector of the query' },
      { kind: 'query' },
    ],
  },
  {
    id: 'similarity-matrix',
    title: 'Every word against every word',
    prose: para`
To give every word its context vector we need every word's scores: 36 dot products. \`torch.matmul(word_embeddings, word_embeddings.T)\` computes them all at once, because entry $(i, j)$ of $X X^\top$ is row $i$ of $X$ times column $j$ of $X^\top$, which is row $j$ of $X$:

$$\Omega = X X^\top, \qquad \omega_{ij} = x^{(i)} \cdot x^{(j)}$$

Row 2 holds the scores of *self* from before. The matrix is symmetric, as the dot product is, and its diagonal holds each word's squared length. With the notebook's values the diagonal entry is the largest in every row, so each word is most similar to itself; *in*, the longest vector, scores $6.18$ against itself. Negative entries mark pairs that point apart, such as *in* and *works*.

A few last digits differ from the notebook's printout (\`1.3353\` where it printed \`1.3354\`, for example), again because of the rounded inputs.
    `,
    formula: matrixScoreFormula,
    code: `# now let's create context vector for all words against each word in sentence
similarty_mat = torch.matmul(word_embeddings, word_embeddings.T)    # word_embeddings @ word_embeddings.T
similarty_mat

# a 6x6 matrix, simalrity for each word in sentence`,
    source: {
      kind: 'differs',
      cell: 'similarty_mat = torch.matmul(word_embeddings, word_embeddings.T)',
      why: ROUNDED,
    },
    output: (d) => formatTensor(d.scores),
    views: [
      { kind: 'matrix', of: 'scores', caption: 'Similarity scores: row = query, column = key' },
      { kind: 'embeddings' },
    ],
  },
  {
    id: 'weights-matrix',
    title: 'Softmax on every row, in scientific notation',
    prose: para`
Softmax along \`axis=-1\` normalises each row on its own, so row $i$ holds the attention weights of word $i$ over all six words. Row 2 is the softmax of *self* from before; the comment in the code compares the two printouts (with the current values), which show the same numbers in different notation.

Why the scientific notation? PyTorch prints every entry of a tensor in the same format. When the largest value is more than 1000 times the smallest (or values are very large or very small), four fixed decimals would print the small weights as \`0.0001\` or \`0.0000\` and lose them, so PyTorch switches to $m \times 10^{e}$, written like \`1.2315e-04\`. With the notebook's values, *in* puts $0.9946$ of its attention on itself and only about $0.0001$ on *works*: a ratio of about 8000.

That row shows softmax's other side: it exaggerates large differences. *in* scores $6.18$ against itself and at most $0.25$ against the others, and $e^{6}$ is about 400 times $e^{0}$. Real Transformers divide the scores by $\sqrt{d_k}$ to keep softmax from saturating like this (see the notes at the end). The printed digits again differ slightly from the notebook's.
    `,
    formula: weightsMatrixFormula,
    code: (d) =>
      [
        '# normalization',
        'similarty_weights = torch.softmax(similarty_mat, axis=-1)   # axis for each word in sentence',
        'similarty_weights',
        '',
        `# we can comapre '${d.queryToken}' similarty weigths comapring with previously computed`,
        ...comparisonComment(d),
      ].join('\n'),
    source: {
      kind: 'differs',
      cell: 'similarty_weights = torch.softmax(similarty_mat, axis=-1)',
      why: ROUNDED,
    },
    output: (d) => formatTensor(d.weights),
    views: [
      {
        kind: 'matrix',
        of: 'weights',
        caption: 'Attention weights: each row sums to 1',
        rowSums: true,
      },
      { kind: 'matrix', of: 'scores', caption: 'Similarity scores' },
    ],
  },
  {
    id: 'row-sum',
    title: 'Checking a row',
    prose: para`
\`similarty_weights[0]\` is the first row, the weights of *How*, and \`.sum(axis=-1)\` adds them up: 1, as softmax promises for every row (the table shows all six sums).

Here the notebook printed \`tensor(1.)\`, and the PyTorch build these pages reproduce prints \`tensor(1.0000)\` for our values: this row's float32 sum comes out as 1.0000001. Other builds order the sums inside the matrix product differently and may land exactly on 1 again. Either way the row sums to 1 up to float32 rounding; whether the sum lands exactly on 1 comes down to the last bits of the inputs and of the arithmetic.
    `,
    formula: (d, h) => weightsSumFormula(h, 0, row(d.weights, 0)),
    code: 'similarty_weights[0].sum(axis=-1)       # just to verify',
    source: { kind: 'differs', cell: 'similarty_weights[0].sum(axis=-1)', why: ROUNDED },
    output: (d) => formatTensor(sum(row(d.weights, 0))),
    views: [
      {
        kind: 'matrix',
        of: 'weights',
        caption: 'Attention weights with each row’s sum',
        rowSums: true,
      },
    ],
  },
  {
    id: 'context-matrix',
    title: 'All context vectors at once',
    prose: para`
\`torch.matmul(similarty_weights, word_embeddings)\` computes every context vector in one product, $Z = A X$ with $A$ the weight matrix: row $i$ of $Z$ is $\sum_j \alpha_{ij}\, x^{(j)}$, the weighted average for word $i$. Row 2 is the context vector of *self* that the loop built.

With the notebook's values row 5 stands out: *in* put 99.5% of its attention on itself, so its context vector is nearly its own embedding. The other rows are real blends of several words.

That is self-attention without trainable parameters, in one line:

$$Z = \operatorname{softmax}\!\big(X X^\top\big)\, X$$
    `,
    formula: (d, h) => {
      const i = h.i ?? d.query;
      return contextFormula(d, h, i, row(d.weights, i), row(d.context, i));
    },
    code: `# context matrix for each word in sentence

context_matrix = torch.matmul(similarty_weights, word_embeddings)
context_matrix`,
    source: {
      kind: 'differs',
      cell: 'context_matrix = torch.matmul(similarty_weights, word_embeddings)',
      why: ROUNDED,
    },
    output: (d) => formatTensor(d.context),
    views: [
      { kind: 'matrix', of: 'context', caption: 'Context vectors, one row per word' },
      { kind: 'plot', context: true },
      { kind: 'query' },
    ],
  },
  {
    id: 'roll',
    title: 'Roll new embeddings',
    prose: para`
The notebook's values are one draw of \`torch.randn\`. Type a seed, or press *Run without a seed* for a random one, and the lesson redoes everything from \`torch.manual_seed(seed)\` and \`torch.randn(6, 3)\`: every code cell, output, formula and table in the lesson shows the new draw, and a shared link carries the seed. This cell repeats the part of the story that depends most on the draw.

Things to try:

- **Seed 6**: the scores of *self* almost cancel, so dividing by their sum gives "weights" in the hundreds, of both signs, while softmax stays between 0 and 1.
- **Seed 3**: all six scores are positive, and dividing by the sum gives real weights.
- **Any seed**: softmax's weights are never negative and always add up to 1.
    `,
    formula: rollFormula,
    code: (d) => {
      const src = embeddingSource(d);
      const make =
        src.kind === 'seeded'
          ? seededLines(d, src.edits)
          : [
              '# word_embeddings: the printed values, from the first cell',
              '# (a seed replaces them with torch.randn(6, 3))',
            ];
      return [
        ...make,
        '',
        `${selfVar(d)} = word_embeddings[${d.query}]`,
        SCORE_LINE(d),
        'print(sim_score)',
        'print(sim_score.sum())',
        'print(sim_score/sim_score.sum())  # divided by the sum',
        'print(torch.softmax(sim_score, axis=-1))  # softmax',
      ].join('\n');
    },
    source: { kind: 'new', from: 'new: the same steps for a seeded draw' },
    output: (d) =>
      [d.queryScores, sum(d.queryScores), d.queryNaive, d.queryWeights]
        .map((t) => formatTensor(t))
        .join('\n'),
    views: [
      SEED_VIEW,
      { kind: 'matrix', of: 'queryNaive', caption: 'Scores divided by their sum' },
      { kind: 'matrix', of: 'queryWeights', caption: 'Softmax weights' },
      { kind: 'embeddings' },
      { kind: 'plot', context: true },
    ],
  },
  {
    id: 'notes',
    title: 'What real Transformers add',
    prose: para`
The notebook ends with notes on what this example leaves out. In short, with pointers to the lessons that cover them:

- **Trainable weights.** Here each embedding is at once what a word looks for, what it is matched against and what it passes on. Real attention first multiplies the embeddings by three learned matrices, giving each word a query, a key and a value: see [trainable weights](#/your-journey/19).
- **Scaling by $\sqrt{d_k}$.** Dot products grow with the number of dimensions $d_k$, and softmax on large scores saturates, as it did for *in*. Dividing by $\sqrt{d_k}$ prevents that: see [scaled dot-product attention](#/your-journey/25), and the [attention seeker](#/attention-seeker/1) lesson, which computes the whole formula.
- **Positional embeddings.** Nothing above knows word order: shuffle the rows of $X$ and every word gets the same context vector as before. Transformers add to each embedding a vector that encodes the word's position.
- **Multiple heads.** One set of weights gives one pattern of attention. Transformers run several attention computations side by side, each with its own learned weights, and join their outputs, so different heads can track different relations.
- **Matrix products, not loops.** The loop was for clarity; real code uses matrix products, as the last steps did ([the same in Your journey](#/your-journey/16)).

The note's line about using "softmax for attention weights, instead of matrix multiplication" presumably means softmax rather than dividing by the sum, which is what we did.
    `,
    formula: notesFormula,
    code: NOTE_CODE,
    views: [
      { kind: 'matrix', of: 'weights', caption: 'Attention weights', rowSums: true },
      { kind: 'plot', context: true },
    ],
  },
];

/**
 * Seed notebook 002: "The Self-Attention, Backbone of Transformers". Its embeddings came from an
 * unseeded `torch.randn(6, 3)`, so the lesson opens with the values the notebook printed (four
 * decimals); "Roll new embeddings" applies `torch.manual_seed(seed); torch.randn(6, 3)`.
 */
export const randomEmbeddings: Lesson = {
  id: 'random-embeddings',
  ...catalogueText('random-embeddings'),
  sentence: 'How self attention works in Transformer',
  tokens: ['How', 'self', 'attention', 'works', 'in', 'Transformer'],
  embeddings: PRINTED,
  query: 1,
  seed: 0,
  opensWithPrintedValues: true,
  generate: (seed) => ({ embeddings: torchGenerator(seed).randn(SHAPE) }),
  steps,
};
