import { catalogueText } from './catalogue';
import { formatTensor, numpyFloat32Repr, pyFixed, pyFloatRepr, pyRepr } from '../math/format';
import { cat, sum, sumNumpy, unsqueeze } from '../math/ops';
import { fromRows, row, type Tensor } from '../math/tensor';
import { fixedLit, qn, vals } from './common';
import { factor, hl, num, rowVec, texText, xv } from './tex';
import type { Derived, Highlight, Lesson, OutputSource, Step } from './types';

// ---------------------------------------------------------------------------------------------
// Helpers: the notebook's names and literals, following the learner's query and edits.
// ---------------------------------------------------------------------------------------------

/** 1st, 2nd, 3rd, 4th ... as the notebook's comments write them. */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * An embedding entry as a Python literal: two decimals as the notebook writes them (`0.20`) when
 * that is the float32 value exactly, else the shortest digits that give back the same float32.
 */
const literal = (x: number): string => fixedLit(x, 2);

/** An embedding entry for TeX: as in the code cell, two decimals when exact, else four. */
function val(x: number): string {
  const two = pyFixed(x, 2);
  return num(x, Math.fround(Number(two)) === x ? 2 : 4);
}

const rows = (t: Tensor): number[][] => {
  const [n, c] = t.shape as [number, number];
  return Array.from({ length: n }, (_, i) => Array.from(t.data.subarray(i * c, i * c + c)));
};

/** An embedding row as a TeX row vector, entries as in the code cell. */
const embVec = (values: ArrayLike<number>): string =>
  `\\begin{bmatrix}${Array.from(values, val).join(' & ')}\\end{bmatrix}`;

/** Entry j of a 1-d tensor (0 when out of range, which a valid state never is). */
const at1 = (t: Tensor, j: number): number => t.data[j] ?? 0;

/** The dot product of rows a and b written out term by term, for TeX. */
function dotTerms(d: Derived, a: number, b: number): string {
  const xa = row(d.x, a).data;
  const xb = row(d.x, b).data;
  return Array.from(xa, (v, k) => `${factor(v, val)}{\\cdot}${factor(xb[k] ?? 0, val)}`).join(
    ' + ',
  );
}

/** The key index a formula details: the one pointed at, else a default. */
const keyOf = (h: Highlight, fallback: number): number => h.j ?? fallback;
/** The query (row) index a formula details: the one pointed at, else the lesson's query. */
const rowOf = (d: Derived, h: Highlight): number => h.i ?? d.query;

/** The query's row of weights rounded to 4 decimals, as the row-sum cell hard-codes them. */
const roundedRow = (d: Derived): string[] =>
  vals(row(d.weights, d.query)).map((w) => pyFixed(w, 4));

/** Python's `sum([...])` of those literals: doubles added left to right from the int 0. */
const pySum = (literals: readonly string[]): number =>
  literals.reduce((s, lit) => s + Number(lit), 0);

/** inputs with the query's context vector appended as a 7th row (the torch.cat cell). */
const withContext = (d: Derived): Tensor => cat([d.x, unsqueeze(row(d.context, d.query), 0)], 0);

const contextLabel = (d: Derived): string => `context_vector_for_${d.queryToken}`;

// ---------------------------------------------------------------------------------------------
// Code cells (at the default values, exactly the notebook's code)
// ---------------------------------------------------------------------------------------------

function inputsCode(d: Derived): string {
  const xs = rows(d.x);
  const lines = xs.map((r, i) => {
    const open = i === 0 ? '    [[' : '     [';
    const close = i === xs.length - 1 ? ']]' : '],';
    const word = (d.tokens[i] ?? '').padEnd(8);
    return `${open}${r.map(literal).join(', ')}${close} # ${word} (x^${i + 1})`;
  });
  return [
    'import torch',
    '',
    'inputs = torch.tensor(',
    ...lines,
    ')',
    '',
    '# Corresponding words',
    `words = ${pyRepr([...d.tokens])}`,
  ].join('\n');
}

const MAGNITUDES_CODE = `# Calculate the magnitude of each vector
magnitudes = torch.norm(inputs, dim=1)

# Print the magnitudes
print('Magnitudes of the vectors:')
for word, magnitude in zip(words, magnitudes):
    print(f'{word}: {magnitude.item():.4f}')`;

const PLOT_BODY = `# Extract x, y, z coordinates
x_coords = inputs[:, 0].numpy()
y_coords = inputs[:, 1].numpy()
z_coords = inputs[:, 2].numpy()

# 3D plot with vectors from origin
fig = plt.figure()
ax = fig.add_subplot(111, projection='3d')

colors = COLORS

for (x, y, z, word, color) in zip(x_coords, y_coords, z_coords, words, colors):
    ax.quiver(0, 0, 0, x, y, z, color=color, arrow_length_ratio=0.05)
    ax.text(x, y, z, word, fontsize=10, color=color)

ax.set_xlabel('X')
ax.set_ylabel('Y')
ax.set_zlabel('Z')
ax.set_xlim([0, 1])
ax.set_ylim([0, 1])
ax.set_zlim([0, 1])
plt.title('3D Plot of Word Embeddings with Colored Vectors')
plt.show()`;

const PLOT_CODE = `import matplotlib.pyplot as plt
from mpl_toolkits.mplot3d import Axes3D

${PLOT_BODY.replace('COLORS', "['r', 'g', 'b', 'c', 'm', 'y']")}`;

const PLOT_CONTEXT_CODE = PLOT_BODY.replace('COLORS', "['r', 'g', 'b', 'c', 'm', 'y', 'k']");

const queryScoresCode = (
  d: Derived,
): string => `query = inputs[${d.query}] # ${ordinal(qn(d))} input token is the query

attn_scores_${qn(d)} = torch.empty(inputs.shape[0])
for i, x_i in enumerate(inputs):
    attn_scores_${qn(d)}[i] = torch.dot(x_i, query) # dot product (transpose not necessary here)

print(attn_scores_${qn(d)})`;

const naiveCode = (
  d: Derived,
): string => `attn_weights_${qn(d)}_tmp = attn_scores_${qn(d)} / attn_scores_${qn(d)}.sum()

print('Attention weights:', attn_weights_${qn(d)}_tmp)
print('Sum:', attn_weights_${qn(d)}_tmp.sum())`;

const softmaxCode = (d: Derived): string => `from torch import  nn

# Convert attn_scores_${qn(d)} to softmax
softmax = nn.Softmax(dim=-1)
attn_weights_${qn(d)}_tmp = softmax(attn_scores_${qn(d)})

print('Attention weights:', attn_weights_${qn(d)}_tmp)
print('Sum:', attn_weights_${qn(d)}_tmp.numpy().sum())`;

const rowSumCode = (d: Derived): string => `row_${qn(d)}_sum = sum([${roundedRow(d).join(', ')}])
print("Row ${qn(d)} sum:", row_${qn(d)}_sum)
print("All row sums:", attn_weights.sum(dim=-1))`;

const queryContextCode = (
  d: Derived,
): string => `context_vec_${qn(d)} = all_context_vecs[${d.query}]
print('Previous ${ordinal(qn(d))} context vector:', context_vec_${qn(d)})`;

const appendCode = (d: Derived): string => `# Append context_vec_${qn(d)} to inputs
inputs = torch.cat((inputs, context_vec_${qn(d)}.unsqueeze(0)), dim=0)

# Add 'context_vector' to the words list
words.append(${pyRepr(contextLabel(d))})

print('Updated input tensor:')
print(inputs)
print('\\nUpdated input tensor:')
print(words)`;

// ---------------------------------------------------------------------------------------------
// Formulas
// ---------------------------------------------------------------------------------------------

function inputsFormula(d: Derived, h: Highlight): string {
  const xs = rows(d.x);
  const body = xs.map((r, i) => r.map((v) => hl(val(v), h.i === i)).join(' & ')).join(' \\\\ ');
  const labels = d.tokens.map((t, i) => hl(texText(t), h.i === i)).join(' \\\\ ');
  return `X = \\begin{bmatrix}${body}\\end{bmatrix}\\begin{matrix}${labels}\\end{matrix}`;
}

function magnitudeFormula(d: Derived, h: Highlight): string {
  const k = h.i ?? h.j ?? d.query;
  const sq = vals(row(d.x, k))
    .map((v) => `${factor(v, val)}^2`)
    .join(' + ');
  return `\\begin{aligned}\\lVert ${xv(k)} \\rVert &= \\sqrt{${sq}} \\\\ &= ${num(at1(d.norms, k))} \\quad (${texText(d.tokens[k] ?? '')})\\end{aligned}`;
}

function oneScoreFormula(d: Derived, h: Highlight): string {
  const q = d.query;
  const j = keyOf(h, q === 0 ? 1 : 0);
  const s = at1(d.queryScores, j);
  const nj = at1(d.norms, j);
  const nq = at1(d.norms, q);
  const cos = nj * nq === 0 ? null : s / (nj * nq);
  const lines = [
    `\\omega_{${qn(d)}${j + 1}} &= ${xv(j)} \\cdot ${xv(q)}`,
    `&= ${texText(d.tokens[j] ?? '')} \\cdot ${texText(d.queryToken)}`,
    `&= ${dotTerms(d, j, q)}`,
    `&= ${num(s)}`,
  ];
  if (cos !== null) {
    lines.push(
      `\\cos\\theta &= \\frac{${num(s)}}{${num(nj)}\\cdot ${num(nq)}} = ${num(Math.max(-1, Math.min(1, cos)))}`,
    );
  }
  return `\\begin{aligned}${lines.join(' \\\\ ')}\\end{aligned}`;
}

function queryScoresFormula(d: Derived, h: Highlight): string {
  const q = d.query;
  const lines = d.tokens.map((t, j) =>
    hl(
      `\\omega_{${qn(d)}${j + 1}} = ${xv(j)}\\cdot ${xv(q)} = ${num(at1(d.queryScores, j))}\\;\\;${texText(t)}`,
      h.j === j,
    ),
  );
  return `\\begin{gathered}${lines.join(' \\\\ ')}\\end{gathered}`;
}

function naiveFormula(d: Derived, h: Highlight): string {
  const j = keyOf(h, d.query);
  const total = sum(d.queryScores).data[0] ?? 0;
  const k = qn(d);
  return `\\begin{aligned}
\\textstyle\\sum_k \\omega_{${k}k} &= ${num(at1(d.queryScores, 0))} + \\dots + ${num(at1(d.queryScores, d.tokens.length - 1))} \\\\
&= ${num(total)} \\\\
\\alpha_{${k}j} &= \\omega_{${k}j} \\,/\\, ${num(total)} \\\\
${hl(`\\alpha_{${k}${j + 1}}`, h.j !== null)} &= ${num(at1(d.queryScores, j))} \\,/\\, ${num(total)} = ${num(at1(d.queryNaive, j))}
\\end{aligned}`;
}

/** e^ω of each score in a row, in double precision (for display only). */
const exps = (scores: readonly number[]): number[] => scores.map((s) => Math.exp(s));

function softmaxRowFormula(
  i: number,
  j: number,
  scores: readonly number[],
  weight: number,
  pointed: boolean,
): string {
  const e = exps(scores);
  const total = e.reduce((a, b) => a + b, 0);
  const n = scores.length;
  return `\\begin{aligned}
\\alpha_{${i + 1}j} &= \\frac{e^{\\omega_{${i + 1}j}}}{\\sum_k e^{\\omega_{${i + 1}k}}} \\\\
\\textstyle\\sum_k e^{\\omega_{${i + 1}k}} &= e^{${num(scores[0] ?? 0)}} + \\dots + e^{${num(scores[n - 1] ?? 0)}} \\\\
&= ${num(total)} \\\\
${hl(`\\alpha_{${i + 1}${j + 1}}`, pointed)} &= \\frac{e^{${num(scores[j] ?? 0)}}}{${num(total)}} = \\frac{${num(e[j] ?? 0)}}{${num(total)}} = ${num(weight)}
\\end{aligned}`;
}

function softmaxFormula(d: Derived, h: Highlight): string {
  const j = keyOf(h, d.query);
  return softmaxRowFormula(d.query, j, vals(d.queryScores), at1(d.queryWeights, j), h.j !== null);
}

function allScoresFormula(d: Derived, h: Highlight): string {
  const i = rowOf(d, h);
  const j = keyOf(h, i);
  const s = at1(row(d.scores, i), j);
  const lines = [
    `\\Omega &= X X^\\top, \\quad \\omega_{ij} = x^{(i)}\\cdot x^{(j)}`,
    `${hl(`\\omega_{${i + 1}${j + 1}}`, h.j !== null)} &= ${xv(i)} \\cdot ${xv(j)}`,
    `&= ${dotTerms(d, i, j)}`,
    `&= ${num(s)}`,
  ];
  if (i === j) lines.push(`&= \\lVert ${xv(i)} \\rVert^2 = ${num(at1(d.norms, i))}^2`);
  else lines.push(`&= \\omega_{${j + 1}${i + 1}}`);
  return `\\begin{aligned}${lines.join(' \\\\ ')}\\end{aligned}`;
}

function allWeightsFormula(d: Derived, h: Highlight): string {
  const i = rowOf(d, h);
  const j = keyOf(h, i);
  return softmaxRowFormula(i, j, vals(row(d.scores, i)), at1(row(d.weights, i), j), h.j !== null);
}

function rowSumFormula(d: Derived, h: Highlight): string {
  const i = rowOf(d, h);
  const ws = vals(row(d.weights, i));
  const terms = ws.map((w, j) => hl(pyFixed(w, 4), h.j === j));
  const half = Math.ceil(terms.length / 2);
  const rounded = pySum(ws.map((w) => pyFixed(w, 4)));
  const exact = sum(row(d.weights, i)).data[0] ?? 0;
  return `\\begin{aligned}
\\textstyle\\sum_j \\alpha_{${i + 1}j} &\\approx ${terms.slice(0, half).join(' + ')} \\\\
&\\quad + ${terms.slice(half).join(' + ')} \\\\
&= ${pyFloatRepr(rounded)} \\quad \\text{(rounded weights)} \\\\
\\textstyle\\sum_j \\alpha_{${i + 1}j} &= ${num(exact)} \\quad \\text{(float32 weights)}
\\end{aligned}`;
}

function weightedSum(d: Derived, i: number, h: Highlight): string {
  const ws = vals(row(d.weights, i));
  const terms = ws.map((w, j) => hl(`${num(w)}\\,${xv(j)}`, h.j === j));
  const lines: string[] = [];
  for (let k = 0; k < terms.length; k += 2) {
    lines.push(`${k === 0 ? '' : '&\\quad + '}${terms.slice(k, k + 2).join(' + ')}`);
  }
  return lines.join(' \\\\ ');
}

function allContextFormula(d: Derived, h: Highlight): string {
  const i = rowOf(d, h);
  return `\\begin{aligned}
Z &= A X, \\quad z^{(i)} = \\textstyle\\sum_j \\alpha_{ij}\\, x^{(j)} \\\\
z^{(${i + 1})} &= ${weightedSum(d, i, h)} \\\\
&= ${rowVec(row(d.context, i).data)}
\\end{aligned}`;
}

function queryContextFormula(d: Derived): string {
  const q = d.query;
  const n = d.tokens.length;
  const mean = Array.from(row(d.x, 0).data, (_, c) => {
    let s = 0;
    for (let j = 0; j < n; j++) s += row(d.x, j).data[c] ?? 0;
    return s / n;
  });
  const ws = vals(d.queryWeights);
  const name = texText(d.queryToken);
  return `\\begin{aligned}
${xv(q)} &= ${embVec(row(d.x, q).data)} \\quad ${name} \\\\
z^{(${qn(d)})} &= ${rowVec(row(d.context, q).data)} \\\\
\\bar{x} &= \\tfrac{1}{${n}}\\textstyle\\sum_j x^{(j)} \\\\
&= ${rowVec(mean)} \\\\
\\alpha_{${qn(d)}j} &\\in [${num(Math.min(...ws))}, ${num(Math.max(...ws))}]
\\end{aligned}`;
}

function appendFormula(d: Derived): string {
  const n = d.tokens.length;
  const z = row(d.context, d.query).data;
  return `\\begin{aligned}X' &= \\begin{bmatrix} X \\\\ z^{(${qn(d)})} \\end{bmatrix} \\in \\mathbb{R}^{${n + 1}\\times ${d.x.shape[1] ?? 0}} \\\\ x'^{(${n + 1})} &= ${rowVec(z)}\\end{aligned}`;
}

function plotContextFormula(d: Derived): string {
  const q = d.query;
  const x = vals(row(d.x, q));
  const z = vals(row(d.context, q));
  const dot = x.reduce((s, v, k) => s + v * (z[k] ?? 0), 0);
  const nx = Math.hypot(...x);
  const nz = Math.hypot(...z);
  const cos = nx * nz === 0 ? null : Math.max(-1, Math.min(1, dot / (nx * nz)));
  const z2 = `z^{(${qn(d)})}`;
  const lines = [`\\lVert ${xv(q)} \\rVert &= ${num(nx)}`, `\\lVert ${z2} \\rVert &= ${num(nz)}`];
  if (cos !== null) {
    lines.push(`\\cos\\theta &= ${num(cos)}`);
    lines.push(
      `\\theta = \\angle\\big(${xv(q)}, ${z2}\\big) &= ${num((Math.acos(cos) * 180) / Math.PI, 1)}^\\circ`,
    );
  }
  return `\\begin{aligned}${lines.join(' \\\\ ')}\\end{aligned}`;
}

function recapFormula(d: Derived): string {
  return `\\begin{aligned}
Z &= \\operatorname{softmax}\\!\\big(X X^\\top\\big)\\, X \\\\
z^{(${qn(d)})} &= ${rowVec(row(d.context, d.query).data)} \\quad (${texText(d.queryToken)})
\\end{aligned}`;
}

// ---------------------------------------------------------------------------------------------
// The steps
// ---------------------------------------------------------------------------------------------

/** The notebook's cells were saved without their outputs: every output here is ours. */
const NOT_SAVED: OutputSource = { kind: 'new', from: 'new: the notebook kept no outputs' };

const steps: readonly Step[] = [
  {
    id: 'idea',
    title: 'Why a word needs context',
    prose: `The word *big* means different things in *dream big*, *a big dog* and *a big mistake*. A model that looks at one word at a time gives **big** the same vector in all three. Self-attention fixes that: for every word it builds a new vector, its **context vector**, that blends in the other words of the sentence, each in proportion to how relevant it is.

This lesson follows a notebook that builds the simplest version, with nothing to train: relevance is the dot product of two word vectors, softmax turns relevances into weights, and the context vector is the weighted average of all the word vectors:

$$z^{(i)} = \\sum_{j} \\alpha_{ij}\\, x^{(j)}$$

with weights $\\alpha_{ij} \\ge 0$ that add up to 1 over all words $j$.

Everything on these pages is live. Edit an embedding, drag an arrow or pick another query word, and every formula, table and printed output is recomputed, printed exactly as PyTorch would print it.`,
    formula: (d) =>
      `\\begin{aligned}\\text{query: } ${xv(d.query)} &= ${texText(d.queryToken)} \\\\ z^{(${qn(d)})} &= \\textstyle\\sum_{j=1}^{${d.tokens.length}} \\alpha_{${qn(d)}j}\\, x^{(j)}\\end{aligned}`,
    views: [{ kind: 'query' }, { kind: 'plot' }],
  },
  {
    id: 'inputs',
    title: 'Input text: six words as vectors',
    prose: `A model computes with numbers, not words, so each word (a **token**) becomes a vector, its **embedding**. Here the six words of *Dream big and work for it* get three hand-picked numbers each, small enough to draw as arrows in 3-D. Real models learn embeddings with hundreds or thousands of dimensions, but every step below works the same in any dimension.

Stacked as rows, the six vectors form the input matrix $X$ of shape $6 \\times 3$: row $i$ is $x^{(i)}$, the embedding of the $i$-th word. The notebook keeps the words themselves in a separate list, to label its plots.

Edit any number in the table: the code cell shows the tensor you built, and every later step follows it.`,
    formula: inputsFormula,
    code: inputsCode,
    views: [{ kind: 'embeddings' }, { kind: 'plot' }],
  },
  {
    id: 'magnitudes',
    title: 'Magnitude of each vector',
    prose: `The **magnitude** (length, or Euclidean norm) of a vector is, by Pythagoras, the square root of the sum of its squared entries. \`torch.norm(inputs, dim=1)\` computes it for every row at once: \`dim=1\` reduces along the columns, leaving one number per word.

Length matters because the dot product, which we will use to measure similarity, grows with length as well as with alignment:

$$x \\cdot y = \\lVert x \\rVert\\, \\lVert y \\rVert \\cos\\theta$$

With the notebook's numbers all six words are close to length 1, so their dot products mostly reflect the angles between them; *work* is the longest, which will give it an edge.

The loop prints each length with four decimals: \`.item()\` takes the number out of the tensor as a Python float, and the format \`:.4f\` rounds it.`,
    formula: magnitudeFormula,
    code: MAGNITUDES_CODE,
    source: NOT_SAVED,
    output: (d) =>
      [
        'Magnitudes of the vectors:',
        ...d.tokens.map((w, i) => `${w}: ${pyFixed(at1(d.norms, i), 4)}`),
      ].join('\n'),
    views: [
      { kind: 'matrix', of: 'norms', caption: 'Length of each word vector' },
      { kind: 'embeddings' },
    ],
  },
  {
    id: 'plot',
    title: 'Plotting the vectors in 3-D',
    prose: `Each word is an arrow from the origin to the point its three numbers give. Arrows that point in similar directions stand for words the embedding treats as similar.

The notebook draws this with matplotlib; here the plot is live: drag the tip of an arrow, or edit the table, and watch the word move. Notice how close together the arrows are. Hand-picked embeddings with only positive entries all live in one corner of the space, so every pair of words looks fairly similar. Keep that in mind when the attention weights come out nearly equal.

This cell only draws, so it prints nothing.`,
    code: PLOT_CODE,
    runs: false,
    views: [{ kind: 'plot' }, { kind: 'embeddings' }],
  },
  {
    id: 'one-score',
    title: 'One attention score by hand',
    prose: `Pick a **query**: the word whose context vector we build. The notebook picks the 2nd word, *big*. How relevant is each word to it? The simplest answer is the **dot product**: multiply matching entries and add them up.

$$\\omega_{2j} = x^{(j)} \\cdot x^{(2)} = \\sum_{k=1}^{3} x^{(j)}_k\\, x^{(2)}_k$$

Why does that measure similarity? Each product is large when both vectors are large in the same dimension, positive when they agree in sign and negative when they disagree. Geometrically, $x \\cdot y = \\lVert x \\rVert \\lVert y \\rVert \\cos\\theta$: largest when the arrows point the same way ($\\cos\\theta = 1$), zero when they are perpendicular, negative when they point apart. Unlike the cosine alone, it also grows with the lengths.

These raw numbers are the **attention scores** $\\omega$ (omega). Point at a score in a table to see it worked out.`,
    formula: oneScoreFormula,
    views: [
      { kind: 'query' },
      { kind: 'matrix', of: 'queryScores', caption: 'Scores against the query' },
      { kind: 'embeddings' },
    ],
  },
  {
    id: 'query-scores',
    title: 'Scores of every word against the query',
    prose: `The notebook computes all six scores with a loop: \`torch.empty\` makes a tensor of six uninitialised slots, and each pass fills one with \`torch.dot\`. As the comment says, no transpose is needed: for two 1-d tensors \`torch.dot\` multiplies entry by entry and sums.

Look at the result: with the notebook's numbers, *big* scores highest not against itself but against *work*. The dot product rewards length as well as direction, and *work* is the longest vector.

Scores are not weights yet. They have no fixed range, they can be negative (drag an arrow to point away from the query) and they do not add up to anything in particular. The next two steps fix that. Pick another query word and the code, the loop and the printout all follow.`,
    formula: queryScoresFormula,
    code: queryScoresCode,
    source: NOT_SAVED,
    output: (d) => formatTensor(d.queryScores),
    views: [
      { kind: 'query' },
      { kind: 'matrix', of: 'queryScores', caption: 'Attention scores of the query' },
      { kind: 'plot' },
    ],
  },
  {
    id: 'naive',
    title: 'Normalising by the sum, and why not',
    prose: `We want **weights**: numbers that are never negative and add up to 1, so that the context vector is a weighted average. The obvious way is to divide each score by their total:

$$\\alpha_{2j} = \\frac{\\omega_{2j}}{\\sum_k \\omega_{2k}}$$

The notebook wrote this cell and then commented it out; here it runs. With all scores positive it does give weights that sum to 1 (up to float32 rounding in the last digit). But it has two flaws:

- **Negative scores break it.** A negative score gives a negative weight, and when positive and negative scores nearly cancel, the total is close to zero and the "weights" blow up far beyond 1. Drag a vector to point away from the query and watch.
- **It does not emphasise.** Dividing by the total keeps the ratios of the scores: twice the score, twice the weight, no more. Attention should let the most relevant words stand out.`,
    formula: naiveFormula,
    code: naiveCode,
    source: { kind: 'new', from: 'new: the notebook commented this cell out' },
    output: (d) =>
      `Attention weights: ${formatTensor(d.queryNaive)}\nSum: ${formatTensor(sum(d.queryNaive))}`,
    views: [
      { kind: 'matrix', of: 'queryNaive', caption: 'Scores divided by their sum' },
      { kind: 'matrix', of: 'queryScores', caption: 'Attention scores of the query' },
      { kind: 'plot' },
      { kind: 'embeddings' },
    ],
  },
  {
    id: 'softmax',
    title: 'Softmax: positive weights that sum to 1',
    prose: `**Softmax** exponentiates each score, then divides by the total:

$$\\alpha_{2j} = \\frac{e^{\\omega_{2j}}}{\\sum_k e^{\\omega_{2k}}}$$

- $e^{\\omega}$ is positive for every score, even a negative one, so every weight is positive and the weights always sum to 1.
- The exponential emphasises large scores: raising a score by 1 multiplies its share by $e \\approx 2.7$ relative to the others. Softmax responds to the *differences* between scores, not their ratios.
- It is smooth (differentiable) everywhere, so a model can learn through it by gradient descent.

Compare the two tables. Here softmax comes out even flatter than dividing by the sum, because the scores differ by less than 0.5 and $e^{0.5}$ is only about 1.65. Spread the scores further apart (lengthen the vectors) and softmax quickly singles out the best match.

\`nn.Softmax(dim=-1)\` makes a softmax module that normalises along the last dimension; PyTorch subtracts the largest score before exponentiating, which avoids overflow without changing the result. The last line sums the weights in NumPy, in float32: the sum often prints as \`1.0000001\` or \`0.99999994\`, because each weight was rounded to float32.`,
    formula: softmaxFormula,
    code: softmaxCode,
    source: NOT_SAVED,
    output: (d) =>
      `Attention weights: ${formatTensor(d.queryWeights)}\nSum: ${numpyFloat32Repr(sumNumpy(d.queryWeights))}`,
    views: [
      { kind: 'matrix', of: 'queryWeights', caption: 'Softmax weights of the query' },
      { kind: 'matrix', of: 'queryNaive', caption: 'Scores divided by their sum, for comparison' },
      { kind: 'query' },
    ],
  },
  {
    id: 'all-scores',
    title: 'Scores for every pair at once',
    prose: `Every word takes its turn as the query, so we need the dot product of every word with every word: 36 scores. Instead of two nested loops, one matrix product computes them all:

$$\\Omega = X X^\\top, \\qquad \\omega_{ij} = x^{(i)} \\cdot x^{(j)}$$

Row $i$ of $X$ times column $j$ of $X^\\top$ (which is row $j$ of $X$) is exactly the dot product of words $i$ and $j$. In PyTorch \`@\` is matrix multiplication and \`.T\` the transpose. The matrix form runs as one call into optimised linear algebra instead of a Python loop, processes all pairs in parallel on a GPU, and is how attention is written in papers and real code.

The query's row is the vector the loop computed. The matrix is symmetric, $\\omega_{ij} = \\omega_{ji}$, because the dot product is, and its diagonal holds each word's squared length. (Trainable attention, with separate query and key vectors, breaks this symmetry.)`,
    formula: allScoresFormula,
    code: 'attn_scores = inputs @ inputs.T # @ for efficient matrix multiplication\nprint(attn_scores)',
    source: NOT_SAVED,
    output: (d) => formatTensor(d.scores),
    views: [
      { kind: 'matrix', of: 'scores', caption: 'Attention scores: row = query, column = key' },
      { kind: 'embeddings' },
    ],
  },
  {
    id: 'all-weights',
    title: 'Softmax row by row',
    prose: `Apply the same softmax module to the score matrix. It was built with \`dim=-1\`, so it normalises along the last dimension, which for a matrix means each **row** on its own. Row $i$ becomes the attention weights of query $i$ over all six words:

$$\\alpha_{ij} = \\frac{e^{\\omega_{ij}}}{\\sum_k e^{\\omega_{ik}}}$$

The dimension matters: \`dim=0\` would make each *column* sum to 1, mixing up whose weights are whose. After the softmax the matrix is no longer symmetric: a score counts for more in a row whose other scores are small.

The query's row holds the weights computed for it alone two steps ago. (They print the same; in float32's last bit they can differ, since the scores came by another route, a loop of dot products then, a matrix product now.)`,
    formula: allWeightsFormula,
    code: 'attn_weights = softmax(attn_scores)\nprint(attn_weights)',
    source: NOT_SAVED,
    output: (d) => formatTensor(d.weights),
    views: [
      {
        kind: 'matrix',
        of: 'weights',
        caption: 'Attention weights: each row sums to 1',
        rowSums: true,
      },
    ],
  },
  {
    id: 'row-sums',
    title: 'Each row sums to 1',
    prose: `The notebook checks the softmax by hand: it copies the printed weights of the query's row and adds them with Python's \`sum\`. The result is \`0.9999\`, not 1, because the printed weights are rounded to four decimals and the rounding errors add up. When you edit the embeddings, this cell shows the current rounded weights, so code and output stay in step.

\`attn_weights.sum(dim=-1)\` adds the unrounded float32 weights of every row, and each total is 1 up to float32 rounding. PyTorch prints them all as \`1.0000\` when any one is a hair off 1, and as \`1.\` only when every one lands exactly on it. That every row sums to 1 is what lets us read row $i$ as "how word $i$ shares out its attention", and it makes the next step an average.`,
    formula: rowSumFormula,
    code: rowSumCode,
    source: NOT_SAVED,
    output: (d) =>
      `Row ${qn(d)} sum: ${pyFloatRepr(pySum(roundedRow(d)))}\nAll row sums: ${formatTensor(sum(d.weights, -1))}`,
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
    id: 'all-context',
    title: 'Context vectors for every word',
    prose: `Now the payoff. The context vector of word $i$ is the sum of all the word vectors, weighted by row $i$ of the attention weights:

$$z^{(i)} = \\sum_j \\alpha_{ij}\\, x^{(j)}$$

For all words at once that is one more matrix product, $Z = AX$: row $i$ of $A$ holds the weights, and multiplying by $X$ adds up the rows of $X$ in those proportions. $Z$ has the shape of $X$: one 3-d vector per word.

Because the weights are positive and sum to 1, each context vector is a **weighted average** of the inputs: it lies inside the convex hull of the six arrow tips (the smallest convex shape around them), nearest to the words that got the most attention. Each word is now described by a blend of itself and the words around it.`,
    formula: allContextFormula,
    code: 'all_context_vecs = attn_weights @ inputs\nprint(all_context_vecs)',
    source: NOT_SAVED,
    output: (d) => formatTensor(d.context),
    views: [
      { kind: 'matrix', of: 'context', caption: 'Context vectors, one row per word' },
      { kind: 'matrix', of: 'weights', caption: 'Attention weights', rowSums: true },
    ],
  },
  {
    id: 'query-context',
    title: 'The context vector of the query',
    prose: `Row 2 of $Z$ is the context vector of *big* (or of whichever query you picked). Compare it with the embedding of the word itself: it has moved towards the other words, most towards those it attends to most.

With these hand-picked vectors the weights are nearly equal, so the context vector lands close to the plain average of the six inputs. That is the limit of attention without trainable weights: the only notion of relevance is the raw similarity of the embeddings. Transformers first map each word to separate query, key and value vectors with learned matrices, so that attention can learn what to look for, and divide the scores by $\\sqrt{d_k}$ (the size of those vectors) so that softmax does not saturate.

\`print\` with two arguments prints them separated by one space: the label, then the tensor.`,
    formula: queryContextFormula,
    code: queryContextCode,
    source: NOT_SAVED,
    output: (d) =>
      `Previous ${ordinal(qn(d))} context vector: ${formatTensor(row(d.context, d.query))}`,
    views: [
      { kind: 'query' },
      { kind: 'matrix', of: 'queryContext', caption: 'Context vector of the query' },
      { kind: 'plot', context: true },
    ],
  },
  {
    id: 'append-context',
    title: 'Adding the context vector as a 7th row',
    prose: `To draw the context vector beside the words, the notebook appends it to \`inputs\` as a seventh row. \`unsqueeze(0)\` turns the vector of shape $[3]$ into a matrix of shape $[1, 3]$, so that \`torch.cat\` can stack it under the $6 \\times 3$ inputs along \`dim=0\` (the rows), giving $7 \\times 3$. A label goes on the end of the word list to match.

This is only for the plot: the context vector is not a word, and no model would attend over it. Because the notebook reuses the name \`inputs\`, running the earlier cells again after this one would treat it as a seventh word. (The second heading repeats "Updated input tensor:" though it prints the word list: a harmless slip in the notebook, kept as is.)`,
    formula: appendFormula,
    code: appendCode,
    source: NOT_SAVED,
    output: (d) =>
      [
        'Updated input tensor:',
        formatTensor(withContext(d)),
        '',
        'Updated input tensor:',
        pyRepr([...d.tokens, contextLabel(d)]),
      ].join('\n'),
    views: [{ kind: 'plot', context: true }, { kind: 'embeddings' }],
  },
  {
    id: 'plot-context',
    title: 'Plotting the context vector',
    prose: `The same plot with a seventh arrow, in black: the context vector of the query. It points between the words, pulled away from the query towards the words it attends to most, and it is a little shorter than the inputs, as averages of arrows pointing in different directions are.

Move any word and watch the black arrow follow: bringing a word closer to the query's direction raises its score, its weight and so its pull. Move the query itself and everything changes at once, because the query takes part in every one of its scores.

Like the first plot, this cell only draws.`,
    formula: plotContextFormula,
    code: PLOT_CONTEXT_CODE,
    runs: false,
    views: [{ kind: 'plot', context: true }, { kind: 'query' }, { kind: 'embeddings' }],
  },
  {
    id: 'recap',
    title: 'Self-attention in one line',
    prose: `Put together, the notebook's steps are one formula:

$$Z = \\operatorname{softmax}\\big(X X^\\top\\big)\\, X$$

- $XX^\\top$ scores how similar each pair of words is, with dot products;
- softmax along each row turns the scores into positive weights that sum to 1, favouring the most similar words;
- multiplying by $X$ replaces each word by the weighted average of all the words.

It is called *self*-attention because the sentence attends to itself: the same $X$ supplies the queries, the things compared against and the things averaged. Nothing here is learned, so *big* cannot decide to look at *Dream* rather than at *work*. Trainable attention adds three learned matrices, so that a word can use different vectors to ask (query), to be found (key) and to contribute (value), and divides the scores by $\\sqrt{d_k}$, the square root of the query and key size, so softmax stays responsive in high dimensions. The shape of the computation stays exactly this.`,
    formula: recapFormula,
    views: [
      { kind: 'embeddings' },
      { kind: 'matrix', of: 'weights', caption: 'Attention weights', rowSums: true },
      { kind: 'plot', context: true },
    ],
  },
];

/** Seed notebook 000: "Simplified attention mechanism without trainable weights". */
export const dreamBig: Lesson = {
  id: 'dream-big',
  ...catalogueText('dream-big'),
  sentence: 'Dream big and work for it',
  tokens: ['Dream', 'big', 'and', 'work', 'for', 'it'],
  embeddings: fromRows([
    [0.72, 0.45, 0.31],
    [0.75, 0.2, 0.55],
    [0.3, 0.8, 0.4],
    [0.85, 0.35, 0.6],
    [0.55, 0.15, 0.75],
    [0.25, 0.2, 0.85],
  ]),
  query: 1,
  steps,
};
