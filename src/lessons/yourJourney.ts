import { catalogueText } from './catalogue';
import { formatSize, formatTensor, numpyFloat32Repr, pyFloatRepr } from '../math/format';
import { selfAttention } from '../math/attention';
import {
  cat,
  causalMask,
  divTensor,
  dot,
  exp,
  maskedFill,
  scale,
  softmax,
  softmaxNaive,
  sub,
  sum,
} from '../math/ops';
import { torchGenerator } from '../math/random';
import { at, fromRows, row, tensor, type Tensor } from '../math/tensor';
import { trainableWeights } from './derive';
import {
  allclose,
  lit,
  NEW_CELL,
  para,
  qn,
  raw,
  trainableOf,
  vals,
  weightAssignments,
} from './common';
import {
  aligned,
  hl,
  num,
  perToken,
  rowVec,
  smallNum,
  scaledSoftmaxFormula,
  stack,
  sumLines,
  tok,
  xv,
} from './tex';
import type { Derived, Lesson, OutputSource, Step, TrainableDerived, Weights } from './types';

// ---------------------------------------------------------------------------------------------
// Helpers: code literals, names that follow the chosen query, and TeX pieces.
// ---------------------------------------------------------------------------------------------

/** Python literal of a float32 as the notebook writes it: two decimals when they read back exactly. */
function lit2(x: number): string {
  if (Object.is(x, -0)) return '-0.0';
  const s = x.toFixed(2);
  return Number.isFinite(x) && Math.fround(Number(s)) === x ? s : numpyFloat32Repr(x);
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth'];
const ordinal = (i: number): string => ORDINALS[i] ?? `${i + 1}th`;

/** The notebook's row comments (its own numbering, x^6 and x^7 included). */
const ROW_COMMENTS = [
  'Your     (x^1)',
  'journey  (x^2)',
  'starts   (x^3)',
  'with     (x^4)',
  'one      (x^6)',
  'step     (x^7)',
];

/** In[2]: the embeddings as a literal, with the learner's current values. */
function inputsCode(d: Derived): string {
  const [n, c] = d.x.shape as [number, number];
  const cells: string[][] = [];
  for (let i = 0; i < n; i++) {
    const r: string[] = [];
    for (let k = 0; k < c; k++) r.push(lit2(at(d.x, i, k)));
    cells.push(r);
  }
  const widths = Array.from({ length: c }, (_, k) => Math.max(...cells.map((r) => r[k]!.length)));
  const lines = cells.map((r, i) => {
    const body = `        [${r.map((s, k) => s.padStart(widths[k]!)).join(', ')}],`;
    const comment = ROW_COMMENTS[i] ?? `${d.tokens[i] ?? ''} (x^${i + 1})`;
    return `${body}  # ${comment}`;
  });
  return ['import torch', '', 'inputs = torch.tensor(', '    [', ...lines, '    ]', ')'].join('\n');
}

const tr = (d: Derived): TrainableDerived => trainableOf(d, 'your-journey');

/**
 * Python lines that turn the seeded W matrices into the current ones: one assignment per cell
 * the learner edited, so the code always reproduces the values it prints. The seeded ones are
 * drawn again (18 numbers, microseconds) rather than kept for every seed ever tried.
 */
const weightEdits = (d: Derived): string[] =>
  weightAssignments(tr(d), trainableWeights(yourJourney, d.seed)!, ['W_query', 'W_key', 'W_value']);

/** Scalar (0-d) tensor of a float32 already held by a tensor. */
const t0 = (v: number): Tensor => tensor([], [v]);
/** `a_1·b_1 + a_2·b_2 + …` with the numbers as given. */
const termByTerm = (a: readonly number[], b: readonly number[], f = (v: number) => num(v)) =>
  a.map((v, k) => raw`${f(v)}\cdot ${f(b[k]!)}`);

const fmtEmb = (v: number): string => {
  const s = lit2(v);
  return s.length <= 6 ? s : num(v);
};

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

/** Steps 19 to 26 follow the book the notebook comes from, past the notebook's last cell. */
const BOOK_34: OutputSource = { kind: 'new', from: 'from the book, section 3.4' };
/** The last three steps go past the notebook and that section of the book. */
const BEYOND: OutputSource = { kind: 'new', from: 'new: beyond the notebook' };

const steps: Step[] = [
  {
    id: 'inputs',
    title: 'Six words, six vectors',
    prose: para`
A model never sees words, only numbers. Each token of *"Your journey starts with one step"* is represented by an **embedding**: a vector, here of three numbers, one row per token. In a real model the embeddings are learned and have hundreds of dimensions; three hand-picked ones let us see everything, and plot it.

The notebook's numbers are not random: *journey* $[0.55, 0.87, 0.66]$ and *starts* $[0.57, 0.85, 0.64]$ are nearly the same vector, so whatever we compute will treat them as close relatives.

Edit any number in the table. Every printed output in this lesson is recomputed from your values, in float32 as PyTorch computes it (*Which PyTorch?*, beside each output, names the build whose digits it reproduces), and the code cells show the values you typed.
    `,
    code: inputsCode,
    views: [{ kind: 'embeddings' }, { kind: 'plot' }],
  },
  {
    id: 'input-query',
    title: 'Choose a query',
    prose: para`
Self-attention gives every token a new vector that blends in information from the other tokens. To see how, we follow a single token first: the **query**. The notebook picks the second token, *journey*, which is \`inputs[1]\` because Python counts from 0.

Use the picker to make another token the query; the code below, and every cell about "token 2", follows your choice.
    `,
    code: (d) => `input_query = inputs[${d.query}]\ninput_query`,
    source: { kind: 'notebook', cell: 'input_query = inputs[1]' },
    output: (d) => formatTensor(row(d.x, d.query)),
    views: [{ kind: 'query' }, { kind: 'embeddings' }],
  },
  {
    id: 'input-1',
    title: 'A token to compare with',
    prose: para`
How much should the query pay attention to the first token, *Your*? To answer we need a number that says how related two vectors are. We take the first token, $x^{(1)}$, and compare it with the query in the next step.
    `,
    code: 'input_1 = inputs[0]\ninput_1',
    source: { kind: 'notebook', cell: 'input_1 = inputs[0]' },
    output: (d) => formatTensor(row(d.x, 0)),
    views: [{ kind: 'plot' }],
  },
  {
    id: 'dot-by-hand',
    title: 'A dot product, by hand',
    prose: para`
Multiply the two vectors component by component and add the products: that is the **dot product**. Geometrically $a \cdot b = \lVert a\rVert\,\lVert b\rVert \cos\theta$: it is large when the vectors point the same way and are long, zero when they are perpendicular, negative when they point apart. So it works as a **similarity score**, and in attention it is called the *attention score*.

This cell is plain Python arithmetic on floats (64-bit doubles), so its output is Python's shortest representation of the result. Change the query or the first token's numbers and watch every term change.
    `,
    formula: (d, h) => {
      const q = vals(row(d.x, d.query));
      const x1 = vals(row(d.x, 0));
      const prods = q.map((v, k) => Number(lit(v)) * Number(lit(x1[k]!)));
      const total = handDot(d);
      const on = h.i === d.query && h.j === 0;
      const terms = sumLines(termByTerm(q, x1, fmtEmb), 2);
      return aligned([
        `${hl(raw`${xv(d.query)} \cdot ${xv(0)}`, on)} ${terms[0]!}`,
        ...terms.slice(1),
        `&= ${prods.map((p) => num(p)).join(' + ')}`,
        `&= ${hl(num(total), on)}`,
      ]);
    },
    code: (d) => {
      const q = vals(row(d.x, d.query));
      const x1 = vals(row(d.x, 0));
      return q.map((v, k) => `${lit(v)}*${lit(x1[k]!)}`).join(' + ');
    },
    source: { kind: 'notebook', cell: '0.55*0.43 + 0.87*0.15 + 0.66*0.89' },
    output: (d) => pyFloatRepr(handDot(d)),
    views: [{ kind: 'query' }, { kind: 'embeddings' }],
  },
  {
    id: 'torch-dot',
    title: 'The same in PyTorch',
    prose: para`
\`torch.dot\` does the same multiply-and-add on tensors. The result is a **0-d tensor** (a single number that is still a tensor), computed in 32-bit floats and printed to four decimals, so it agrees with the Python float of the previous step even though the two differ far out in the digits.

$$x^{(q)} \cdot x^{(1)} = \sum_{k=1}^{3} x^{(q)}_k\, x^{(1)}_k$$
    `,
    code: '# compute the attention score\n\ntorch.dot(input_query, input_1)',
    source: { kind: 'notebook', cell: 'torch.dot(input_query, input_1)' },
    output: (d) => formatTensor(dot(row(d.x, d.query), row(d.x, 0))),
  },
  {
    id: 'elements',
    title: 'Inside a vector',
    prose: para`
Looping over a 1-d tensor yields its elements, each again a 0-d tensor: these are the $x^{(1)}_k$ that the dot product multiplies pairwise. (The \`res = 0.\` is left over from summing by hand; the loop only prints.)
    `,
    code: 'res = 0.\n\nfor idx, ele in enumerate(inputs[0]):\n    print(inputs[0][idx])',
    source: { kind: 'notebook', cell: 'print(inputs[0][idx])' },
    output: (d) =>
      vals(row(d.x, 0))
        .map((v) => formatTensor(t0(v)))
        .join('\n'),
  },
  {
    id: 'shape',
    title: 'Six tokens by three features',
    prose: para`
\`inputs.shape\` is \`torch.Size([6, 3])\`: 6 rows, one per token, and 3 columns, one per embedding dimension. The weighted average at the end of attention never mixes columns: dimension $k$ of a context vector draws only on dimension $k$ of the inputs. It mixes **rows**, token with token.
    `,
    code: 'inputs.shape',
    source: { kind: 'notebook', cell: 'inputs.shape' },
    output: (d) => formatSize(d.x.shape),
    views: [{ kind: 'embeddings' }],
  },
  {
    id: 'query-scores',
    title: 'Scores against every token',
    prose: para`
Now score the query against every token, itself included. The result $\omega_{2j} = x^{(2)} \cdot x^{(j)}$ (written for the default query) says how relevant token $j$ is to the query.

With the notebook's values, *journey* scores highest against itself and its near-twin *starts*; *one*, which points elsewhere, scores lowest. \`torch.empty\` only reserves memory: every entry is overwritten by the loop.

Point at a token in the table or the plot to highlight its score.
    `,
    formula: (d, h) =>
      aligned(
        perToken(
          d,
          h,
          (j) => raw`\omega_{${qn(d)},${j + 1}}`,
          (j) => num(at(d.queryScores, j)),
        ),
      ),
    code: (d) => `# using for all inputs
# using attn_score_${qn(d)} cause we are trying to find wrt to token ${qn(d)}

query  = inputs[${d.query}]
attn_score_${qn(d)} = torch.empty(inputs.shape[0])

for i, x_i in enumerate(inputs):
    attn_score_${qn(d)}[i] = torch.dot(query, x_i)

print(attn_score_${qn(d)})`,
    source: { kind: 'notebook', cell: 'attn_score_2[i] = torch.dot(query, x_i)' },
    output: (d) => formatTensor(d.queryScores),
    views: [
      { kind: 'query' },
      { kind: 'matrix', of: 'queryScores', caption: 'Attention scores of the query' },
      { kind: 'plot' },
    ],
  },
  {
    id: 'naive-normalise',
    title: 'Normalising by the sum',
    prose: para`
Scores live on an arbitrary scale. We want **attention weights** instead: non-negative numbers that add up to 1, so that the query's new vector becomes a weighted *average* of the tokens, whatever the scale of the scores.

The simplest idea is to divide each score by their sum. Check the sum of the result: it prints \`1.0000\`, as in the notebook, rather than \`1.\`. Each of the six quotients is rounded to float32, and the rounding errors leave their sum a hair off 1 (here 1.0000001); PyTorch shows decimals whenever a value is not a whole number. Whether such a sum lands exactly on 1 comes down to the last bits, which other values, or another build of PyTorch, can change.

This only works because every score here is positive. Make one negative (give a token the opposite direction of the query) and the sum can shrink towards zero: weights turn negative or larger than 1, and no longer mean anything.
    `,
    formula: (d) => {
      const s = vals(d.queryScores);
      const total = s.reduce((a, b) => a + b, 0);
      const n = qn(d);
      return aligned([
        raw`S &= \textstyle\sum_j \omega_{${n}j}`,
        ...sumLines(s.map((v) => num(v))),
        `&= ${num(total)}`,
        raw`\alpha_{${n}j} &= \omega_{${n}j} / S`,
      ]);
    },
    code: (d) => `# now from scores lets create the attention weights

# step 1 we normalize the attention scores to add up to 1

attn_weights_temp = attn_score_${qn(d)}/attn_score_${qn(d)}.sum()
print(attn_weights_temp)
print(attn_weights_temp.sum())`,
    source: { kind: 'notebook', cell: 'attn_weights_temp = attn_score_2/attn_score_2.sum()' },
    output: (d) => `${formatTensor(d.queryNaive)}\n${formatTensor(sum(d.queryNaive))}`,
    views: [
      { kind: 'matrix', of: 'queryNaive', caption: 'Scores divided by their sum' },
      { kind: 'embeddings' },
      { kind: 'plot' },
    ],
  },
  {
    id: 'softmax-naive',
    title: 'Softmax: exponentiate, then normalise',
    prose: para`
**Softmax** first sends every score through $e^{x}$, which is always positive and keeps the order of the scores, then divides by the sum:

$$\alpha_{2j} = \frac{e^{\omega_{2j}}}{\sum_k e^{\omega_{2k}}}$$

Negative scores are no longer a problem, and differences are amplified: at the notebook's values *journey*'s weight grows from $0.2278$ to $0.2379$, while *Your*'s shrinks from $0.1455$ to $0.1385$. Softmax is also smooth, with well-behaved gradients, which matters once a model is trained.

\`softmax_naive\` writes the formula exactly as it reads. It works for these scores. The next step shows when it does not.
    `,
    formula: (d, h) => {
      const s = vals(d.queryScores);
      const e = s.map((v) => Math.exp(v));
      const total = e.reduce((a, b) => a + b, 0);
      const n = qn(d);
      return stack(
        aligned([
          raw`S &= \textstyle\sum_k e^{\omega_{${n}k}}`,
          ...sumLines(e.map((v) => num(v))),
          `&= ${num(total)}`,
        ]),
        aligned(
          perToken(
            d,
            h,
            (j) => raw`\alpha_{${n},${j + 1}}`,
            (j) => raw`e^{${num(s[j]!)}} / S = ${num(e[j]! / total)}`,
          ),
        ),
      );
    },
    code: (d) => `def softmax_naive(x):
    return torch.exp(x)/torch.exp(x).sum(dim=0)

softmax_naive(attn_score_${qn(d)})`,
    source: { kind: 'notebook', cell: 'softmax_naive(attn_score_2)' },
    output: (d) => formatTensor(softmaxNaive(d.queryScores, 0)),
    views: [{ kind: 'matrix', of: 'queryWeights', caption: 'Softmax of the scores' }],
  },
  {
    id: 'overflow',
    title: 'Why the naive softmax overflows',
    prose: para`
A float32 cannot hold numbers beyond about $3.4 \times 10^{38}$, and $e^{x}$ passes that already at $x \approx 88.7$: \`exp(89.)\` is \`inf\`. Real attention scores can get that large: they are sums over hundreds of dimensions.

Scale our scores by 100 to see it. Every score above 88.7 overflows to \`inf\`, so the sum is \`inf\`; then \`inf / inf\` is \`nan\` (not a number) and a finite value divided by \`inf\` is 0. The "weights" are garbage, and a single \`nan\` poisons every number computed from it afterwards.

Very negative scores fail the other way: their exponentials underflow to 0, and if all of them do, the division is $0/0$. (Shrink the embeddings enough and even 100 times the scores fit; the problem is the range, not these particular numbers.)
    `,
    formula: (d) => {
      const big = vals(scale(d.queryScores, 100));
      const m = Math.max(...big);
      return aligned([
        raw`e^{88} &\approx 1.65 \times 10^{38}`,
        raw`e^{89} &= \infty \text{ in float32}`,
        raw`\max_j 100\,\omega_{${qn(d)}j} &= ${num(m, 2)}`,
        m > 88.72283935546875
          ? raw`e^{${num(m, 2)}} &= \infty, \quad \infty/\infty = \text{nan}`
          : raw`e^{${num(m, 2)}} &= ${num(Math.exp(m), 2)} \text{ (still fits)}`,
      ]);
    },
    code: (d) => `# float32 tops out near 3.4e38: exp(88) still fits, exp(89) does not
print(torch.exp(torch.tensor([88., 89.])))

# sharper scores, here 100 times ours, overflow the naive softmax
big_scores = attn_score_${qn(d)} * 100
print(softmax_naive(big_scores))  # inf / inf = nan`,
    source: NEW_CELL,
    output: (d) =>
      [
        formatTensor(exp(tensor([2], [88, 89]))),
        formatTensor(softmaxNaive(scale(d.queryScores, 100), 0)),
      ].join('\n'),
    views: [{ kind: 'embeddings' }],
  },
  {
    id: 'stable-softmax',
    title: 'The fix: subtract the largest score',
    prose: para`
Softmax does not change when every score moves by the same amount $m$, because the factor $e^{-m}$ cancels:

$$\frac{e^{\omega_j - m}}{\sum_k e^{\omega_k - m}} = \frac{e^{-m}\, e^{\omega_j}}{e^{-m} \sum_k e^{\omega_k}} = \frac{e^{\omega_j}}{\sum_k e^{\omega_k}}$$

So choose $m = \max_k \omega_k$. Every exponent is then at most 0, so no $e^{x}$ exceeds 1 and nothing overflows; and the largest term is exactly $e^0 = 1$, so the sum is at least 1 and we never divide by zero. Tiny weights underflow harmlessly towards 0.

This is what \`torch.softmax\` does inside (in one fused, optimised kernel): both lines print the same finite weights. With scores this sharp nearly all the weight goes to the top one or two tokens.
    `,
    formula: (d, h) => {
      const big = vals(scale(d.queryScores, 100));
      const m = Math.max(...big);
      return aligned([
        raw`m &= ${num(m, 2)}`,
        raw`&e^{100\,\omega_{${qn(d)}j} - m}:`,
        ...d.tokens.map((_, j) => {
          const on = h.j === j;
          const v = raw`e^{${num(big[j]! - m, 2)}} = ${smallNum(Math.exp(big[j]! - m), 2)}`;
          return raw`${hl(tok(d, j), on)} &\quad ${hl(v, on)}`;
        }),
      ]);
    },
    code: `# softmax is unchanged when all scores shift by the same amount,
# so subtract the largest: every exp is then at most exp(0) = 1
shifted = big_scores - big_scores.max()
print(torch.exp(shifted) / torch.exp(shifted).sum())
print(torch.softmax(big_scores, dim=0))`,
    source: NEW_CELL,
    output: (d) => {
      const big = scale(d.queryScores, 100);
      const shifted = sub(big, tensor([], [Math.max(...vals(big))]));
      const e = exp(shifted);
      return [formatTensor(divTensor(e, sum(e))), formatTensor(softmax(big, 0))].join('\n');
    },
  },
  {
    id: 'softmax',
    title: 'Attention weights with torch.softmax',
    prose: para`
For our modest scores \`torch.softmax\` gives the same weights as \`softmax_naive\`, and it stays safe for any scores. \`dim=0\` names the dimension to normalise over: a 1-d tensor has only that one.

These are the **attention weights** of the query: how much of each token it takes in. They sum to 1 up to float32 rounding. Here the sum prints \`1.\`, exactly 1, as it did in the notebook; other values, or another build of PyTorch, may print \`1.0000\`, a rounding hair away.
    `,
    formula: (d, h) =>
      aligned(
        perToken(
          d,
          h,
          (j) => raw`\alpha_{${qn(d)},${j + 1}}`,
          (j) => num(at(d.queryWeights, j)),
        ),
      ),
    code: (
      d,
    ) => `attn_weights_${qn(d)} = torch.softmax(attn_score_${qn(d)}, dim=0)  # stable and optimized stable function

print("Attention weights:", attn_weights_${qn(d)})
print("Sum:", attn_weights_${qn(d)}.sum())`,
    source: { kind: 'notebook', cell: 'print("Attention weights:", attn_weights_2)' },
    output: (d) =>
      `Attention weights: ${formatTensor(d.queryWeights)}\nSum: ${formatTensor(sum(d.queryWeights))}`,
    views: [
      { kind: 'query' },
      { kind: 'matrix', of: 'queryWeights', caption: 'Attention weights of the query' },
    ],
  },
  {
    id: 'context-vector',
    title: 'The context vector',
    prose: para`
The point of it all: the query's **context vector** is the sum of all the token vectors, each scaled by its attention weight,

$$z^{(2)} = \sum_j \alpha_{2j}\, x^{(j)}.$$

Because the weights are positive and sum to 1, $z^{(2)}$ is a weighted average: it lies among the inputs, pulled towards the tokens the query attends to most. It is a new representation of *journey* that carries information about its context. The plot draws it as the black arrow; edit an embedding and see it move.

(In the code, \`i\` and \`query\` only supply the shape; the loop reuses \`i\` as its counter.)
    `,
    formula: (d, h) => {
      const w = vals(d.queryWeights);
      const lines = w.map((a, j) => {
        const on = h.j === j;
        const term = raw`${num(a)}\,${rowVec(vals(row(d.x, j)), 2)}`;
        return `${j === 0 ? raw`z^{(${qn(d)})} &= ` : raw`&\quad + `}${hl(term, on)}`;
      });
      return aligned([...lines, `&= ${rowVec(vals(d.queryContext))}`]);
    },
    code: (d) => `# attn_scores
i = ${d.query}
query= inputs[i]

context_vec_${qn(d)} = torch.zeros(query.shape)

for i, x_i in enumerate(inputs):
    context_vec_${qn(d)} += attn_weights_${qn(d)}[i] * inputs[i]

print(context_vec_${qn(d)})`,
    source: { kind: 'notebook', cell: 'context_vec_2 += attn_weights_2[i] * inputs[i]' },
    output: (d) => formatTensor(d.queryContext),
    views: [
      { kind: 'plot', context: true },
      { kind: 'matrix', of: 'queryContext', caption: 'Context vector of the query' },
      { kind: 'query' },
    ],
  },
  {
    id: 'all-scores',
    title: 'Every token as a query',
    prose: para`
Self-attention does this for **every** token at once: each one is a query, and each one is scored against all the others. Two loops fill a $6 \times 6$ table, $\Omega_{ij} = x^{(i)} \cdot x^{(j)}$; the query's row is the vector we computed before.

The table is symmetric, $\Omega_{ij} = \Omega_{ji}$, since the same vectors play both roles. Trainable weights, at the end of this lesson, break that symmetry. Point at a cell to see its dot product.
    `,
    formula: (d, h) => {
      const i = h.i ?? d.query;
      const j = h.j ?? 0;
      const a = vals(row(d.x, i));
      const b = vals(row(d.x, j));
      return aligned([
        raw`&(${tok(d, i)}, ${tok(d, j)})`,
        raw`\Omega_{${i + 1},${j + 1}} &= ${xv(i)} \cdot ${xv(j)}`,
        ...sumLines(termByTerm(a, b, fmtEmb), 2),
        `&= ${num(at(d.scores, i, j))}`,
      ]);
    },
    code: `# lets find attn scores for all the inputs

attn_scores = torch.empty(inputs.shape[0], inputs.shape[0])

for i, x_i in enumerate(inputs):
    for j, x_j in enumerate(inputs):
        attn_scores[i, j] = torch.dot(x_i, x_j)

print(attn_scores)`,
    source: { kind: 'notebook', cell: 'attn_scores[i, j] = torch.dot(x_i, x_j)' },
    output: (d) => formatTensor(allScoresByLoop(d.x)),
    views: [{ kind: 'matrix', of: 'scores', caption: 'Attention scores, query by row' }],
  },
  {
    id: 'matrix-form',
    title: 'The same as one matrix product',
    prose: para`
Entry $(i, j)$ of $X X^\top$ is row $i$ of $X$ dotted with row $j$, so \`inputs @ inputs.T\` computes all 36 scores in one call, with fast library code instead of Python loops.

\`torch.softmax(..., dim=1)\` normalises along dimension 1, the columns: each **row** becomes one query's attention weights, summing to 1. The query's row is the softmax we computed before.

$$A = \operatorname{softmax}_{\text{rows}}\!\left(X X^\top\right)$$
    `,
    formula: (d, h) => {
      const i = h.i ?? d.query;
      const w = vals(row(d.weights, i));
      const lines = w.map((a, j) => {
        const on = h.j === j;
        return raw`${hl(raw`A_{${i + 1},${j + 1}}`, on)} &= ${hl(num(a), on)} &\enspace& ${tok(d, j)}`;
      });
      return aligned([raw`&\text{row } ${i + 1}\text{: } ${tok(d, i)}`, ...lines]);
    },
    code: `attn_scores = inputs @ inputs.T
attn_weights = torch.softmax(attn_scores, dim=1)
print(attn_scores)
print(f"\\nNormalised attention weights:")
print(attn_weights)`,
    source: { kind: 'notebook', cell: 'attn_weights = torch.softmax(attn_scores, dim=1)' },
    output: (d) =>
      `${formatTensor(d.scores)}\n\nNormalised attention weights:\n${formatTensor(d.weights)}`,
    views: [
      { kind: 'matrix', of: 'scores', caption: 'inputs @ inputs.T' },
      { kind: 'matrix', of: 'weights', caption: 'Attention weights, row by row' },
    ],
  },
  {
    id: 'row-sums',
    title: 'Each row sums to one',
    prose: para`
A quick check: \`dim=-1\` means the last dimension, so \`sum(dim=-1)\` adds along each row and gives one sum per query. All six are 1 up to float32 rounding. Here some come out a hair off 1, and as soon as one entry is not a whole number PyTorch prints every entry with decimals, \`1.0000\`. Which sums land exactly on 1 depends on the last bits of the weights, so on the values and on the build of PyTorch.

(The notebook's cell here was left half-written, \`context_vec =\`, but the output it shows is exactly these row sums.)
    `,
    code: 'attn_weights.sum(dim=-1)',
    source: { kind: 'notebook', cell: 'context_vec =' },
    output: (d) => formatTensor(sum(d.weights, -1)),
    views: [{ kind: 'matrix', of: 'weights', caption: 'Attention weights', rowSums: true }],
  },
  {
    id: 'context-all',
    title: 'All context vectors at once',
    prose: para`
One more matrix product finishes the job: $Z = A X$. Row $i$ of $Z$ is $\sum_j A_{ij}\, x^{(j)}$, the context vector of token $i$; the query's row matches the loop from before.

That is self-attention without trainable weights: a matrix product for the scores, a softmax per row, a matrix product for the context vectors. It has one weakness: nothing in it can be learned.
    `,
    formula: (d, h) => {
      const i = h.i ?? d.query;
      return aligned([
        raw`z^{(${i + 1})} &= \sum_j A_{${i + 1}j}\, x^{(j)}`,
        `&= ${rowVec(vals(row(d.context, i)))}`,
      ]);
    },
    code: 'print(attn_weights@inputs)',
    source: { kind: 'notebook', cell: 'print(attn_weights@inputs)' },
    output: (d) => formatTensor(d.context),
    views: [
      { kind: 'matrix', of: 'context', caption: 'Context vectors, one per row' },
      { kind: 'plot', context: true },
    ],
  },
  {
    id: 'trainable-setup',
    title: 'Why trainable weights',
    prose: para`
So far a token's embedding does three jobs at once: it describes the token, it decides what the token looks for, and it is what gets passed on. A token's score against itself is just its squared length, and $i$ scores $j$ exactly as $j$ scores $i$. Nothing in it can be learned.

Real self-attention, covered in section 3.4 of the book this notebook follows ([Raschka, *Build a Large Language Model (From Scratch)*](https://github.com/rasbt/LLMs-from-scratch)), gives each token three learned views of itself:

- a **query** $q = x W_q$: what this token is looking for;
- a **key** $k = x W_k$: what it offers to be matched against;
- a **value** $v = x W_v$: what it hands over when attended to.

Now the same token can ask one thing and answer another. We project the 3-d inputs to 2-d (in GPT models the sizes are usually equal; different here to keep shapes apart).
    `,
    code: (d) => `x_${qn(d)} = inputs[${d.query}]  # the ${ordinal(d.query)} input element
d_in = inputs.shape[1]  # the input embedding size, d=3
d_out = 2  # the output embedding size, d=2`,
    views: [{ kind: 'query' }],
  },
  {
    id: 'weights-init',
    title: 'Three weight matrices',
    prose: para`
$W_q$, $W_k$ and $W_v$ are $3 \times 2$ matrices. In training they are learned by gradient descent; here they start as \`torch.rand\` makes them: uniform numbers in $[0, 1)$ from PyTorch's random generator, which \`torch.manual_seed\` resets so that the same seed always gives the same matrices.

\`torch.nn.Parameter\` marks a tensor as a model weight (hence \`Parameter containing:\` when printed). \`requires_grad=False\` because we are not training now, which keeps gradient bookkeeping out of the printouts.

Change the seed, or edit single entries: each edit shows up in the code as an assignment, so the cell always reproduces what it prints.
    `,
    formula: (d) => {
      const t = tr(d);
      const mat = (w: Tensor) => {
        const [r, c] = w.shape as [number, number];
        const rows: string[] = [];
        for (let i = 0; i < r; i++) {
          rows.push(Array.from({ length: c }, (_, k) => num(at(w, i, k))).join(' & '));
        }
        return raw`\begin{bmatrix}${rows.join(raw` \\ `)}\end{bmatrix}`;
      };
      return raw`\begin{gathered}W_q = ${mat(t.wq)} \\ W_k = ${mat(t.wk)} \\ W_v = ${mat(t.wv)}\end{gathered}`;
    },
    code: (d) => {
      const edits = weightEdits(d);
      return [
        `torch.manual_seed(${d.seed})`,
        'W_query = torch.nn.Parameter(torch.rand(d_in, d_out), requires_grad=False)',
        'W_key   = torch.nn.Parameter(torch.rand(d_in, d_out), requires_grad=False)',
        'W_value = torch.nn.Parameter(torch.rand(d_in, d_out), requires_grad=False)',
        ...(edits.length > 0 ? ['# your edits', ...edits] : []),
        'print(W_query)',
        'print(W_key)',
        'print(W_value)',
      ].join('\n');
    },
    source: BOOK_34,
    output: (d) => {
      const t = tr(d);
      return [t.wq, t.wk, t.wv]
        .map((w) => formatTensor(w, { parameter: true, requiresGrad: false }))
        .join('\n');
    },
    views: [{ kind: 'trainable' }],
  },
  {
    id: 'project-query',
    title: 'The query vector',
    prose: para`
Multiplying the query token's embedding by $W_q$ gives its **query vector**, in 2 dimensions now. \`@\` is matrix multiplication: a $[3]$ vector times a $[3, 2]$ matrix is a $[2]$ vector.

The book also computes this token's key and value here; we need those of every token, which the next step makes.
    `,
    formula: (d) => {
      const t = tr(d);
      const n = qn(d);
      return aligned([
        raw`q^{(${n})} &= x^{(${n})} W_q`,
        raw`&= ${rowVec(vals(row(d.x, d.query)), 2)}\, W_q`,
        `&= ${rowVec(vals(t.queryVec))}`,
      ]);
    },
    code: (d) => `query_${qn(d)} = x_${qn(d)} @ W_query
key_${qn(d)} = x_${qn(d)} @ W_key
value_${qn(d)} = x_${qn(d)} @ W_value
print(query_${qn(d)})`,
    source: BOOK_34,
    output: (d) => formatTensor(tr(d).queryVec),
    views: [{ kind: 'trainable' }, { kind: 'query' }],
  },
  {
    id: 'keys-values',
    title: 'Keys and values for every token',
    prose: para`
\`inputs @ W_key\` projects all six embeddings in one product: $[6, 3] \times [3, 2] = [6, 2]$, one key per row; the same for the values. Every token gets a key and a value, whichever token is asking.
    `,
    code: `keys = inputs @ W_key
values = inputs @ W_value
print("keys.shape:", keys.shape)
print("values.shape:", values.shape)`,
    source: BOOK_34,
    output: (d) =>
      `keys.shape: ${formatSize(tr(d).keys.shape)}\nvalues.shape: ${formatSize(tr(d).values.shape)}`,
    views: [
      { kind: 'matrix', of: 'keys', caption: 'keys = inputs @ W_key' },
      { kind: 'matrix', of: 'values', caption: 'values = inputs @ W_value' },
      { kind: 'trainable' },
    ],
  },
  {
    id: 'score-own',
    title: 'A score from a query and a key',
    prose: para`
The attention score is still a dot product, but now between the query's **query vector** and a token's **key**. Here the query token scores itself: $\omega_{22} = q^{(2)} \cdot k^{(2)}$.

Query and key come from different matrices, so this is no longer the squared length of one vector, and $\omega_{ij}$ need not equal $\omega_{ji}$: the model can learn who should look at whom.
    `,
    formula: (d) => {
      const t = tr(d);
      const n = qn(d);
      const q = vals(t.queryVec);
      const k = vals(row(t.keys, d.query));
      return aligned([
        raw`\omega_{${n}${n}} &= q^{(${n})} \cdot k^{(${n})}`,
        ...sumLines(termByTerm(q, k), 1),
        `&= ${num(at(t.omega, d.query))}`,
      ]);
    },
    code: (d) => `keys_${qn(d)} = keys[${d.query}]  # Python starts index at 0
attn_score_${qn(d)}${qn(d)} = query_${qn(d)}.dot(keys_${qn(d)})
print(attn_score_${qn(d)}${qn(d)})`,
    source: BOOK_34,
    output: (d) => {
      const t = tr(d);
      return formatTensor(dot(t.queryVec, row(t.keys, d.query)));
    },
    views: [{ kind: 'trainable' }],
  },
  {
    id: 'scores-trainable',
    title: 'All scores for the query',
    prose: para`
One vector-matrix product gives the query's scores against every key: $\omega_{2} = q^{(2)} K^\top$, a $[2] \times [2, 6]$ product with 6 results. The second entry is the one we just computed.
    `,
    formula: (d, h) => {
      const t = tr(d);
      return aligned(
        perToken(
          d,
          h,
          (j) => raw`q^{(${qn(d)})} \cdot k^{(${j + 1})}`,
          (j) => num(at(t.omega, j)),
        ),
      );
    },
    code: (
      d,
    ) => `attn_scores_${qn(d)} = query_${qn(d)} @ keys.T  # All attention scores for given query
print(attn_scores_${qn(d)})`,
    source: BOOK_34,
    output: (d) => formatTensor(tr(d).omega),
    views: [
      { kind: 'matrix', of: 'omega', caption: 'Scores of the query against every key' },
      { kind: 'trainable' },
    ],
  },
  {
    id: 'scaled-softmax',
    title: 'Scale, then softmax',
    prose: para`
Before the softmax the scores are divided by $\sqrt{d_k}$, the square root of the key size. Why: if the components of $q$ and $k$ are independent with mean 0 and variance 1, their dot product adds up $d_k$ products $q_i k_i$ of variance 1 each, so its variance is $d_k$. Its standard deviation is $\sqrt{d_k}$, which is 8 for $d_k = 64$. Softmax on such spread-out scores **saturates**: one weight near 1, the rest near 0, and gradients that all but vanish, so training stalls.

Dividing by $\sqrt{d_k}$ brings the spread back to about 1. Here $d_k = 2$, so the effect is mild; the name of the whole recipe, **scaled dot-product attention**, comes from this step.

\`d_k**0.5\` is Python's square root, and \`dim=-1\` normalises along the last (only) dimension.
    `,
    formula: (d, h) => scaledSoftmaxFormula(d, h, tr(d)),
    code: (d) => `d_k = keys.shape[-1]
attn_weights_${qn(d)} = torch.softmax(attn_scores_${qn(d)} / d_k**0.5, dim=-1)
print(attn_weights_${qn(d)})`,
    source: BOOK_34,
    output: (d) => formatTensor(tr(d).queryWeights),
    views: [
      { kind: 'matrix', of: 'trainableWeights', caption: 'Scaled softmax weights' },
      { kind: 'trainable' },
    ],
  },
  {
    id: 'context-trainable',
    title: 'The context vector, with trainable weights',
    prose: para`
As before, the context vector is a weighted sum, but of the **values** rather than the raw embeddings: $z^{(2)} = \sum_j \alpha_{2j}\, v^{(j)}$, a 2-d vector.

Done for every query at once, the whole of this section is one line,

$$\begin{gathered} Z = \operatorname{softmax}\!\left(\frac{Q K^\top}{\sqrt{d_k}}\right) V, \\ Q = X W_q,\quad K = X W_k,\quad V = X W_v, \end{gathered}$$

and what we computed is its row for the query. Training adjusts $W_q$, $W_k$ and $W_v$ so that these context vectors help predict the next word. Edit the weights and watch each piece move.
    `,
    formula: (d, h) => {
      const t = tr(d);
      const w = vals(t.queryWeights);
      const lines = w.map((a, j) => {
        const on = h.j === j;
        const term = raw`${num(a)}\,${rowVec(vals(row(t.values, j)))}`;
        return `${j === 0 ? raw`z^{(${qn(d)})} &= ` : raw`&\quad + `}${hl(term, on)}`;
      });
      return aligned([...lines, `&= ${rowVec(vals(t.queryContext))}`]);
    },
    code: (d) => `context_vec_${qn(d)} = attn_weights_${qn(d)} @ values
print(context_vec_${qn(d)})`,
    source: BOOK_34,
    output: (d) => formatTensor(tr(d).queryContext),
    views: [
      { kind: 'matrix', of: 'trainableContext', caption: 'Context vector of the query' },
      { kind: 'matrix', of: 'values', caption: 'Values' },
      { kind: 'trainable' },
    ],
  },
  {
    id: 'causal-mask',
    title: 'Beyond the notebook: a causal mask',
    prose: para`
The notebook ends here, and so does the book section it follows. The last three steps are optional: they try two ideas that every GPT-style model adds, on our numbers, checked against PyTorch like the rest.

A language model writes one token at a time, and it learns by predicting each next token from the ones before it. So while building *journey*'s context vector, it must not peek at *starts* or *step*: in training those are the answers. A **causal mask** enforces this: token $i$ may attend only to tokens $1$ to $i$.

The trick: before the softmax, set every forbidden score (those above the diagonal) to $-\infty$. Since $e^{-\infty} = 0$, they get weight exactly 0, and the softmax shares the whole weight among the allowed tokens, so every row still sums to 1. \`torch.triu(..., diagonal=1)\` puts ones strictly above the diagonal, and \`.bool()\` turns them into the True/False mask that \`masked_fill\` wants.

The first row has one allowed token, so *Your* attends only to itself, with weight 1. Pick a query to see its row in the formula.
    `,
    formula: (d, h) => {
      const t = tr(d);
      const i = h.i ?? d.query;
      const n = d.tokens.length;
      const lines = d.tokens.map((_, j) => {
        const on = h.j === j;
        const score = j > i ? raw`-\infty` : num(at(t.scores, i, j));
        const lhs = raw`\omega_{${i + 1},${j + 1}} \to \alpha_{${i + 1},${j + 1}}`;
        const rhs = raw`${score} \to ${j > i ? '0' : num(at(t.causal.weights, i, j))}`;
        return raw`${hl(lhs, on)} &= ${hl(rhs, on)} &\enspace& ${tok(d, j)}`;
      });
      return stack(raw`\text{row ${i + 1} (${i + 1} of ${n} tokens visible)}`, aligned(lines));
    },
    code: `# Beyond the notebook (book section 3.5): a causal mask
queries = inputs @ W_query
attn_scores = queries @ keys.T
context_length = attn_scores.shape[0]
mask = torch.triu(torch.ones(context_length, context_length), diagonal=1).bool()
masked = attn_scores.masked_fill(mask, -torch.inf)
print(masked)

attn_weights = torch.softmax(masked / d_k**0.5, dim=-1)
print(attn_weights)`,
    source: BEYOND,
    output: (d) => `${formatTensor(tr(d).maskedScores)}\n${formatTensor(tr(d).causal.weights)}`,
    views: [
      { kind: 'query' },
      {
        kind: 'matrix',
        of: 'maskedScores',
        caption: 'masked: the scores with the future set to -inf',
      },
      {
        kind: 'tensor',
        of: (d) => tr(d).causal.weights,
        caption: 'attn_weights: 0 for the future, each row still sums to 1',
        rowSums: true,
      },
      { kind: 'trainable' },
    ],
  },
  {
    id: 'causal-renormalise',
    title: 'Beyond the notebook: masking after the softmax',
    prose: para`
There is a second way to the same weights: take the ordinary softmax over all tokens, set the future weights to 0, then divide each row by its new sum so it adds up to 1 again.

It gives the same numbers because of how softmax is built. Call $S$ the sum of $e^{f_{ik}}$ over **all** tokens $k$. Every weight of the row is divided by the same $S$, and renormalising cancels it:

$$\frac{e^{f_{ij}} / S}{\sum_{k \le i} e^{f_{ik}} / S} = \frac{e^{f_{ij}}}{\sum_{k \le i} e^{f_{ik}}}$$

So nothing from the future leaks in, even though the future tokens took part in the first softmax.

\`torch.allclose\` compares with a small tolerance (relative $10^{-5}$), because the two routes round differently in float32's last bits. Models mask first anyway: one softmax instead of a softmax and a division, and safe for any scores. If a future score is huge, the allowed weights underflow to 0 in the full softmax, and renormalising divides 0 by 0. Try it: give *step* the embedding $[100, 100, 100]$. The first rows turn into \`nan\` and \`torch.allclose\` prints \`False\`, while the masked softmax stays fine.
    `,
    formula: (d, h) => {
      const full = tr(d);
      const i = h.i ?? d.query;
      const j = h.j !== null && h.j <= i ? h.j : 0;
      const f = vals(row(full.scaled, i));
      const e = f.map((v) => Math.exp(v));
      const all = e.reduce((a, b) => a + b, 0);
      const seen = e.slice(0, i + 1).reduce((a, b) => a + b, 0);
      const name = raw`\tilde\alpha_{${i + 1},${j + 1}}`;
      return aligned([
        raw`S &= \textstyle\sum_{k=1}^{${f.length}} e^{f_{${i + 1}k}} = ${num(all)}`,
        raw`\textstyle\sum_{k \le ${i + 1}} e^{f_{${i + 1}k}} &= ${num(seen)}`,
        raw`${hl(name, h.j === j)} &= \frac{${num(e[j] ?? 0)} / ${num(all)}}{${num(seen)} / ${num(all)}} = \frac{${num(e[j] ?? 0)}}{${num(seen)}} = ${num((e[j] ?? 0) / seen)}`,
      ]);
    },
    code: `# The other order: softmax, zero the future, renormalise
attn_weights_all = torch.softmax(attn_scores / d_k**0.5, dim=-1)
masked_simple = attn_weights_all.masked_fill(mask, 0.)
row_sums = masked_simple.sum(dim=-1, keepdim=True)
masked_simple_norm = masked_simple / row_sums
print(masked_simple_norm)
print(attn_weights)
print(torch.allclose(masked_simple_norm, attn_weights))`,
    source: BEYOND,
    output: (d) => {
      const renormalised = renormaliseAfterSoftmax(d);
      const masked = tr(d).causal.weights;
      return [
        formatTensor(renormalised),
        formatTensor(masked),
        allclose(renormalised, masked) ? 'True' : 'False',
      ].join('\n');
    },
    views: [
      { kind: 'query' },
      { kind: 'matrix', of: 'trainableWeights', caption: 'Weights of the query, no mask' },
    ],
  },
  {
    id: 'two-heads',
    title: 'Beyond the notebook: two heads',
    prose: para`
One attention computation, a **head**, learns one way of relating tokens. Real models run several heads side by side, each with its own $W_q$, $W_k$ and $W_v$, and join their outputs: one head may learn to link a pronoun to its noun, another to look at the word just before. That is **multi-head attention**.

Head 1 uses this lesson's matrices, your edits included. Head 2 needs three more, and takes the **next three draws** of the random stream: no cell since the weights cell has drawn a random number, so the generator is still where \`torch.manual_seed\` and the three \`torch.rand\` calls left it. Head 2's matrices differ from head 1's but are just as reproducible, and a new seed changes both heads.

Each head turns the $6 \times 3$ inputs into $6 \times 2$ context vectors. \`torch.cat(..., dim=-1)\` joins them along the last dimension: row $i$ is token $i$'s head-1 vector followed by its head-2 vector, $6 \times 4$ in all. (Real implementations mix the heads with one more matrix afterwards, and compute all heads in one batched product; the idea is the same.) There is no mask here, to keep one idea at a time; a GPT masks every head.

Edit head 1's weights and only the first two columns change.
    `,
    formula: (d, h) => {
      const { head1, head2, w2 } = twoHeads(d);
      const i = h.i ?? d.query;
      const mat = (w: Tensor) => {
        const [r, c] = w.shape as [number, number];
        const rs = Array.from({ length: r }, (_, a) =>
          Array.from({ length: c }, (_, b) => num(at(w, a, b))).join(' & '),
        );
        return raw`\begin{bmatrix}${rs.join(raw` \\ `)}\end{bmatrix}`;
      };
      const z = (t: Tensor) =>
        vals(row(t, i))
          .map((v) => num(v))
          .join(raw`,\ `);
      return stack(
        aligned([
          raw`W_q^{(2)} &= ${mat(w2.wq)}`,
          raw`W_k^{(2)} &= ${mat(w2.wk)}`,
          raw`W_v^{(2)} &= ${mat(w2.wv)}`,
        ]),
        aligned([
          raw`z^{(${i + 1})} &= \big[\, z^{(${i + 1})}_{\text{head 1}} \;\big|\; z^{(${i + 1})}_{\text{head 2}} \,\big] &\enspace& ${tok(d, i)}`,
          raw`&= \big[\, ${z(head1)} \;\big|\; ${z(head2)} \,\big]`,
        ]),
      );
    },
    code: (d) => {
      const edited = weightEdits(d).length > 0;
      return `# Beyond the notebook (book section 3.6): two heads
def attention_head(W_q, W_k, W_v):
    queries, keys, values = inputs @ W_q, inputs @ W_k, inputs @ W_v
    weights = torch.softmax(queries @ keys.T / keys.shape[-1]**0.5, dim=-1)
    return weights @ values

# head 2's own matrices: the next three draws of the stream
W_query_h2 = torch.rand(d_in, d_out)
W_key_h2 = torch.rand(d_in, d_out)
W_value_h2 = torch.rand(d_in, d_out)

# head 1: the matrices from before${edited ? ', with your edits' : ''}
context_h1 = attention_head(W_query, W_key, W_value)
context_h2 = attention_head(W_query_h2, W_key_h2, W_value_h2)
print(context_h1)
print(context_h2)

context = torch.cat((context_h1, context_h2), dim=-1)
print(context.shape)
print(context)`;
    },
    source: BEYOND,
    output: (d) => {
      const { head1, head2 } = twoHeads(d);
      const joined = cat([head1, head2], -1);
      return [
        formatTensor(head1),
        formatTensor(head2),
        formatSize(joined.shape),
        formatTensor(joined),
      ].join('\n');
    },
    views: [
      { kind: 'trainable' },
      { kind: 'matrix', of: 'trainableContext', caption: 'Head 1: context vector of the query' },
      { kind: 'query' },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Beyond the notebook: every query at once, a causal mask, a second head.
// ---------------------------------------------------------------------------------------------

/** Softmax over all tokens, future weights zeroed, each row divided by its new sum. */
function renormaliseAfterSoftmax(d: Derived): Tensor {
  const w = tr(d).weights;
  const zeroed = maskedFill(w, causalMask(d.tokens.length), 0);
  return divTensor(zeroed, sum(zeroed, -1, true));
}

/**
 * Head 1: the lesson's W (edits included). Head 2: three more `torch.rand(3, 2)` from the stream
 * `torch.manual_seed(seed)` started, after the three that made head 1's seeded W.
 */
function twoHeads(d: Derived): { head1: Tensor; head2: Tensor; w2: Weights } {
  const g = torchGenerator(d.seed);
  const shape = [yourJourney.trainable?.dIn ?? 3, yourJourney.trainable?.dK ?? 2];
  for (let k = 0; k < 3; k++) g.rand(shape);
  const w2: Weights = { wq: g.rand(shape), wk: g.rand(shape), wv: g.rand(shape) };
  return {
    head1: tr(d).context,
    head2: selfAttention(d.x, w2.wq, w2.wk, w2.wv, 'x@W').context,
    w2,
  };
}

/** In[14]: the dot product as Python floats, from the literals the code cell shows. */
function handDot(d: Derived): number {
  const q = vals(row(d.x, d.query));
  const x1 = vals(row(d.x, 0));
  let total = 0;
  q.forEach((v, k) => {
    const p = Number(lit(v)) * Number(lit(x1[k]!));
    total = k === 0 ? p : total + p;
  });
  return total;
}

/** In[47]: the scores by two loops of torch.dot. */
function allScoresByLoop(x: Tensor): Tensor {
  const n = x.shape[0]!;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) out.push(at(dot(row(x, i), row(x, j))));
  }
  return tensor([n, n], out);
}

/**
 * Seed notebook 001: "Coding attention mechanism", continued past its last heading as the book
 * chapter it follows does in section 3.4 (trainable W_query, W_key, W_value).
 */
export const yourJourney: Lesson = {
  id: 'your-journey',
  ...catalogueText('your-journey'),
  sentence: 'Your journey starts with one step',
  tokens: ['Your', 'journey', 'starts', 'with', 'one', 'step'],
  embeddings: fromRows([
    [0.43, 0.15, 0.89],
    [0.55, 0.87, 0.66],
    [0.57, 0.85, 0.64],
    [0.22, 0.58, 0.33],
    [0.77, 0.25, 0.1],
    [0.05, 0.8, 0.55],
  ]),
  query: 1,
  trainable: { seed: 123, dIn: 3, dK: 2, dV: 2 },
  steps,
};
