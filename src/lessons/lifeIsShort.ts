import { catalogueText } from './catalogue';
import { formatSize, formatTensor, pyRepr } from '../math/format';
import { torchGenerator } from '../math/random';
import { dot, indexRows, softmax } from '../math/ops';
import { at, row, tensor, tensorsEqual, type Tensor } from '../math/tensor';
import {
  assignments,
  NEW_CELL,
  para,
  qn,
  raw,
  trainableOf,
  vals,
  weightAssignments,
} from './common';
import { aligned, factor, hl, num, perToken, scaledSoftmaxFormula, stack, tok, xv } from './tex';
import type { Derived, Lesson, OutputSource, Step, TrainableDerived, Weights } from './types';

// ---------------------------------------------------------------------------------------------
// The sentence, its vocabulary and what a seed draws
// ---------------------------------------------------------------------------------------------

const SENTENCE = 'Life is short, eat dessert first';

/** `sentence.replace(",", "").split()`: the words, in sentence order. */
const WORDS: readonly string[] = SENTENCE.replace(/,/g, '')
  .split(/\s+/)
  .filter((w) => w !== '');

/**
 * `{w: i for i, w in enumerate(sorted(words))}`. JS and Python both sort strings by code point,
 * so 'Life' (a capital) comes first.
 */
export const VOCAB: readonly (readonly [string, number])[] = [...WORDS]
  .sort()
  .map((w, i) => [w, i] as const);

/** `sorted(sentence.replace(",", "").split())` gives the vocabulary; these are the words' ids. */
export const SENTENCE_IDS = [0, 4, 5, 2, 1, 3] as const;

/** What `torch.manual_seed(seed)` and the notebook's random calls make. */
interface Drawn {
  /** The Embedding(6, 16) layer's whole table, one row per vocabulary word. */
  table: Tensor;
  embeddings: Tensor;
  weights: Weights;
}

function draw(seed: number): Drawn {
  // torch.manual_seed(seed); Embedding(6, 16)(sentence_vec); then the notebook re-seeds with the
  // same seed before W_Q, W_K, W_V = torch.rand(24, 16), torch.rand(24, 16), torch.rand(28, 16).
  const table = torchGenerator(seed).embedding(6, 16);
  const g = torchGenerator(seed);
  return {
    table,
    embeddings: indexRows(table, SENTENCE_IDS),
    weights: { wq: g.rand([24, 16]), wk: g.rand([24, 16]), wv: g.rand([28, 16]) },
  };
}

// One entry: the seed on show changes rarely, and every code cell asks for the same one.
let lastDrawn: { seed: number; drawn: Drawn } | null = null;
function drawn(seed: number): Drawn {
  if (lastDrawn?.seed !== seed) lastDrawn = { seed, drawn: draw(seed) };
  return lastDrawn.drawn;
}

// ---------------------------------------------------------------------------------------------
// Helpers: prose, code literals, names that follow the chosen query, TeX pieces
// ---------------------------------------------------------------------------------------------

const tr = (d: Derived): TrainableDerived => trainableOf(d, 'life-is-short');

/** Assignments that turn the seeded embeddings into the learner's, so the cell reproduces them. */
const embeddingEdits = (d: Derived): string[] =>
  assignments('embedded_sentence', d.x, drawn(d.seed).embeddings);

/** The same for W_Q, W_K, W_V (the notebook's names). */
const weightEdits = (d: Derived): string[] =>
  weightAssignments(tr(d), drawn(d.seed).weights, ['W_Q', 'W_K', 'W_V']);

/** A long vector shortened for TeX: the first `head` entries, a \cdots, and the last. */
function shortVec(values: readonly number[], head = 3): string {
  const shown =
    values.length <= head + 1
      ? values.map((v) => num(v))
      : [...values.slice(0, head).map((v) => num(v)), raw`\cdots`, num(values.at(-1)!)];
  return raw`\begin{bmatrix}${shown.join(' & ')}\end{bmatrix}`;
}

/**
 * `a_1 b_1 + a_2 b_2` and `+ \dots + a_n b_n` with the numbers given, as two aligned lines (the
 * whole sum is too long to write out, and one line would not fit a phone).
 */
function shortDot(a: readonly number[], b: readonly number[]): [string, string] {
  const term = (k: number) => raw`${factor(a[k]!)}\cdot ${factor(b[k]!)}`;
  const n = a.length;
  return [`&= ${term(0)} + ${term(1)}`, raw`&\quad + \dots + ${term(n - 1)}`];
}

/** The key the article's `omega_24` uses: `keys[4]`, the fifth token, "dessert". */
const KEY_24 = 4;

// ---------------------------------------------------------------------------------------------
// Code cells: the notebook's own at the defaults, and the article's after its break
// ---------------------------------------------------------------------------------------------

function embeddingCode(d: Derived): string {
  const edits = embeddingEdits(d);
  return [
    `torch.manual_seed(${d.seed})`,
    '',
    "# let's embed this integer-vector representation",
    'embedding = torch.nn.Embedding(6, 16)',
    'embedded_sentence = embedding(sentence_vec).detach()',
    ...(edits.length > 0 ? ['', '# your edits', ...edits] : []),
    '',
    'print(embedded_sentence.shape)',
    'print(embedded_sentence)',
  ].join('\n');
}

function weightsCode(d: Derived): string {
  const edits = weightEdits(d);
  return [
    `torch.manual_seed(${d.seed})`,
    '',
    'd = embedded_sentence.shape[1]',
    '',
    '# For computing dot-product between the query and key vectors, it contain the same number of elements',
    'd_q, d_k, d_v = 24, 24, 28',
    '',
    'W_Q = torch.nn.Parameter(torch.rand(d_q, d))',
    'W_K = torch.nn.Parameter(torch.rand(d_k, d))',
    'W_V = torch.nn.Parameter(torch.rand(d_v, d))',
    ...(edits.length > 0
      ? ['', '# your edits: in place, so without gradient tracking', 'with torch.no_grad():']
      : []),
    ...edits.map((e) => `    ${e}`),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

/** From step 7 on the lesson follows the article the notebook names, past the notebook's end. */
const ARTICLE: OutputSource = { kind: 'new', from: 'continues the article' };

const steps: Step[] = [
  {
    id: 'vocabulary',
    title: 'From words to a vocabulary',
    prose: para`
A model reads numbers, not text, so the first job is to give every distinct word an integer **id**. The notebook removes the comma, splits the sentence at spaces and numbers the words in **sorted** order. Sorting makes the ids depend only on which words occur, not on where. Python sorts capital letters before lowercase ones, which is why *Life* gets 0 and *dessert* 1.

Real models use a tokenizer with tens of thousands of entries, often pieces of words rather than whole words, but the idea is the same: a fixed table from text to ids.

(The notebook's setup cell also imports numpy, pandas, scikit-learn's \`CountVectorizer\` and \`DataLoader\`, left over from a bag-of-words lesson. Nothing here uses them, so we import only \`torch\`.)
    `,
    code: `import torch

sentence = "Life is short, eat dessert first"

# create vocab
vocab = {w: i for i, w in enumerate(sorted(sentence.replace(",", "").split()))}
vocab`,
    source: {
      kind: 'notebook',
      cell: 'vocab = {w: i for i, w in enumerate(sorted(sentence.replace(",", "").split()))}',
    },
    output: () => pyRepr({ dict: VOCAB.map(([w, i]) => [w, { int: i }] as const) }),
  },
  {
    id: 'token-ids',
    title: 'The sentence as ids',
    prose: para`
Looking up every word of the sentence turns it into a tensor of ids. PyTorch makes tensors from Python integers with dtype \`int64\`, which is why they print without a decimal point.

The ids are labels, nothing more: *is* (4) and *short* (5) are neighbours only in the alphabet. Meaning comes in the next step.
    `,
    code: `# let's make integer-vector representation
sentence_vec = torch.tensor([vocab[w] for w in sentence.replace(",", "").split()])
sentence_vec`,
    source: {
      kind: 'notebook',
      cell: 'sentence_vec = torch.tensor([vocab[w] for w in sentence.replace(",", "").split()])',
    },
    output: () => formatTensor(tensor([WORDS.length], SENTENCE_IDS), { dtype: 'int64' }),
  },
  {
    id: 'embedding',
    title: 'Sixteen numbers per word',
    prose: para`
\`torch.nn.Embedding(6, 16)\` holds a table of 6 rows, one per vocabulary word, with 16 numbers each. They start as draws from a standard normal distribution (mean 0, spread 1), which is why you see values like $-2.84$. Called with \`sentence_vec\`, the layer returns the row of each id: a $6 \times 16$ tensor, one **embedding** per token of the sentence.

\`torch.manual_seed(123)\` makes the "random" numbers reproducible: the same seed always draws the same table. Change the seed and the embeddings are drawn anew, and so are the weight matrices further down, which come from the same seed. \`.detach()\` hands us plain numbers, cut off from the layer's gradient bookkeeping.

Sixteen columns do not fit a phone: the table scrolls sideways, and the plot can only show a shadow of the 16-dimensional arrows in fewer dimensions. Edit any number: the code gains an assignment, so it still prints what you see.
    `,
    code: embeddingCode,
    source: { kind: 'notebook', cell: 'embedded_sentence = embedding(sentence_vec).detach()' },
    output: (d) => `${formatSize(d.x.shape)}\n${formatTensor(d.x)}`,
    views: [
      { kind: 'seed', label: 'Seed for embeddings and weights' },
      { kind: 'embeddings' },
      { kind: 'plot' },
    ],
  },
  {
    id: 'lookup-table',
    title: 'An embedding layer is a lookup table',
    prose: para`
Why "embedding layer" and not just "table"? Write a word as a **one-hot** vector, six zeros with a 1 at its id, and multiply it by the $6 \times 16$ table $E$: the product is exactly row $\text{id}$ of $E$. So the layer is a matrix product in principle, and \`nn.Embedding\` skips the multiplication by zeros and reads the row directly.

Because $E$ is a parameter, training adjusts its rows: words used in similar ways drift towards similar vectors. Here the rows are still random, so any closeness between them is chance.

The code checks that the query's row is a row of the layer's table. Edit a number of that row in the table and it prints \`False\`: \`embedded_sentence\` is a copy of the rows, and the layer keeps its own.
    `,
    formula: (d) => {
      const id = SENTENCE_IDS[d.query] ?? d.query;
      const table = drawn(d.seed).table;
      return aligned([
        raw`${xv(d.query)} &= \text{onehot}(${id})^{\top} E = E_{${id}}`,
        `&= ${shortVec(vals(row(table, id)))}`,
      ]);
    },
    code: (d) => {
      const id = SENTENCE_IDS[d.query] ?? d.query;
      const word = WORDS[d.query] ?? '';
      return `# the layer's table: one row of 16 numbers per vocabulary word
print(embedding.weight.shape)

# '${word}' has id ${id}, so row ${d.query} of the sentence is row ${id} of the table
print(torch.equal(embedding.weight[${id}], embedded_sentence[${d.query}]))`;
    },
    source: NEW_CELL,
    output: (d) => {
      const table = drawn(d.seed).table;
      const id = SENTENCE_IDS[d.query] ?? d.query;
      const same = tensorsEqual(row(table, id), row(d.x, d.query));
      return `${formatSize(table.shape)}\n${same ? 'True' : 'False'}`;
    },
    views: [{ kind: 'query' }, { kind: 'embeddings' }],
  },
  {
    id: 'weights',
    title: 'Three weight matrices',
    prose: para`
Self-attention gives every token three learned views of itself: a **query** (what it looks for), a **key** (what it offers to be matched against) and a **value** (what it passes on). Each comes from the embedding through its own weight matrix, $W_Q$, $W_K$ and $W_V$.

Here they start as \`torch.rand\` makes them: uniform numbers in $[0, 1)$. The notebook calls \`torch.manual_seed(123)\` again first, so the matrices do not depend on how many random numbers the embedding layer used up. \`torch.nn.Parameter\` marks them as weights to be trained; they require gradients, which is why results computed from them will print a \`grad_fn\`.

Edit single entries, or change the seed. An edit appears in the code inside \`torch.no_grad()\`: changing a trainable parameter in place is otherwise an error.
    `,
    code: weightsCode,
    views: [{ kind: 'trainable' }],
  },
  {
    id: 'weight-shapes',
    title: 'Why 24, 24 and 28',
    prose: para`
Each matrix has $d = 16$ columns, one per embedding dimension, so it can multiply a 16-number embedding. Its rows set the size of what comes out:

- $d_q = d_k = 24$: queries are compared with keys by a **dot product**, which pairs their entries one by one, so both must have the same size.
- $d_v = 28$: values are never dotted with anything. They are averaged into the result, so $d_v$ is free, and it sets the size of the **context vector** at the end.

GPT-style models usually make all three equal. Different sizes here keep the shapes apart, so each step shows which matrix it used. The cell's last line is a tuple, and Jupyter shows its repr.
    `,
    code: 'W_Q.shape, W_K.shape, W_V.shape',
    source: { kind: 'notebook', cell: 'W_Q.shape, W_K.shape, W_V.shape' },
    output: (d) => {
      const t = tr(d);
      return pyRepr({ tuple: [t.wq, t.wk, t.wv].map((w) => ({ repr: formatSize(w.shape) })) });
    },
    views: [{ kind: 'trainable' }],
  },
  {
    id: 'query-token',
    title: 'Where the notebook stops: one query',
    prose: para`
Under the heading "Computing Attention Weights" the notebook's cells inspect \`X_train\`, a sparse matrix of 35,000 documents by 10,000 words that belongs to a different, bag-of-words notebook. We skip those cells and continue as the article the notebook names as its reference does: Raschka, [*Understanding and Coding the Self-Attention Mechanism of Large Language Models From Scratch*](https://sebastianraschka.com/blog/2023/self-attention-from-scratch.html) (2023).

The article calls the matrices \`W_query\`, \`W_key\` and \`W_value\`. We give the notebook's matrices those names too: the same objects, not copies, so your edits carry over.

Like the article, we follow one token, the **query**: the second word, *is*, at index 1 because Python counts from 0. Pick another token and every cell below follows it.
    `,
    code: (d) => `# the article's names for the notebook's matrices
W_query, W_key, W_value = W_Q, W_K, W_V

x_${qn(d)} = embedded_sentence[${d.query}]
print(x_${qn(d)})`,
    source: ARTICLE,
    output: (d) => formatTensor(row(d.x, d.query)),
    views: [{ kind: 'query' }, { kind: 'embeddings' }, { kind: 'plot' }],
  },
  {
    id: 'project-query',
    title: 'Query, key and value of one token',
    prose: para`
A matrix times a vector is a stack of dot products: entry $i$ of $W_Q\, x$ is row $i$ of $W_Q$ dotted with $x$. So $W_Q$, with 24 rows of 16, turns a 16-number embedding into a 24-number **query**. The formula shows the first entry, 16 products summed (with the middle ones left out).

The article stores each $W$ as [out, in] and multiplies the vector from the right, \`W_query.matmul(x_2)\`. The book behind the lesson *Your journey starts with one step* stores [in, out] and writes \`x @ W\`: the same numbers, with the matrix transposed.
    `,
    formula: (d) => {
      const t = tr(d);
      const n = qn(d);
      const x = vals(row(d.x, d.query));
      return stack(
        raw`q^{(${n})} = W_Q\, x^{(${n})}`,
        raw`[24 \times 16] \cdot [16] = [24]`,
        aligned([
          raw`q^{(${n})}_1 &= \textstyle\sum_{k=1}^{16} (W_Q)_{1k}\, x^{(${n})}_k`,
          ...shortDot(vals(row(t.wq, 0)), x),
          `&= ${num(at(t.queryVec, 0))}`,
        ]),
      );
    },
    code: (d) => `query_${qn(d)} = W_query.matmul(x_${qn(d)})
key_${qn(d)} = W_key.matmul(x_${qn(d)})
value_${qn(d)} = W_value.matmul(x_${qn(d)})

print(query_${qn(d)}.shape)
print(key_${qn(d)}.shape)
print(value_${qn(d)}.shape)`,
    source: ARTICLE,
    output: (d) => {
      const t = tr(d);
      return [t.queryVec, row(t.keys, d.query), row(t.values, d.query)]
        .map((v) => formatSize(v.shape))
        .join('\n');
    },
    views: [{ kind: 'query' }, { kind: 'trainable' }],
  },
  {
    id: 'query-vector',
    title: 'Twenty-four numbers and a grad_fn',
    prose: para`
Printed in full, the query is 24 numbers. PyTorch wraps the line at 80 characters. Although every entry of $W_Q$ lies in $[0, 1)$, the query has negative entries: the embedding has.

\`grad_fn=<MvBackward0>\` records that this tensor came out of a matrix-vector product with a parameter. During training, autograd follows these records backwards to work out how to change $W_Q$. The embeddings were detached, so the query token's embedding printed without one.
    `,
    formula: (d) => raw`q^{(${qn(d)})} = ${shortVec(vals(tr(d).queryVec))}`,
    code: (d) => `print(query_${qn(d)})`,
    source: ARTICLE,
    output: (d) => formatTensor(tr(d).queryVec, { gradFn: 'MvBackward0' }),
    views: [{ kind: 'query' }, { kind: 'trainable' }],
  },
  {
    id: 'keys-values',
    title: 'Keys and values for every token',
    prose: para`
The query will be compared with **every** token's key, and the values of every token are averaged, so we need keys and values for all six (queries of the other tokens are not needed for this one).

Why the transposes: \`embedded_sentence\` has one token per **row**, $[6, 16]$, but $W$ multiplies columns of 16. \`.T\` turns the tokens into columns, $[16, 6]$; $W_K$ times that is $[24, 6]$, one key per column; the last \`.T\` gives one key per row again, $[6, 24]$. The same as \`embedded_sentence @ W_key.T\`:

$$K = \left(W_K X^{\top}\right)^{\top} = X\, W_K^{\top}, \qquad V = X\, W_V^{\top}$$
    `,
    code: `keys = W_key.matmul(embedded_sentence.T).T
values = W_value.matmul(embedded_sentence.T).T

print("keys.shape:", keys.shape)
print("values.shape:", values.shape)`,
    source: ARTICLE,
    output: (d) =>
      `keys.shape: ${formatSize(tr(d).keys.shape)}\nvalues.shape: ${formatSize(tr(d).values.shape)}`,
    views: [
      { kind: 'matrix', of: 'keys', caption: 'keys, one row of 24 per token' },
      { kind: 'matrix', of: 'values', caption: 'values, one row of 28 per token' },
    ],
  },
  {
    id: 'omega-24',
    title: 'One score: a query meets a key',
    prose: para`
How much should the query attend to *dessert*? The score is the dot product of the query with *dessert*'s key, an **unnormalised attention weight** the article calls $\omega$ (omega). 24 products added up: this is where $d_q = d_k$ matters.

\`keys[4]\` is the fifth token, *dessert* (index 4, counting from 0). The name \`omega_24\` mixes the two counts, query 2 and key index 4; it stays on *dessert* whichever query you pick.
    `,
    formula: (d, h) => {
      const t = tr(d);
      const n = qn(d);
      const on = h.j === KEY_24;
      const omega = at(t.omega, KEY_24);
      return aligned([
        raw`${hl(raw`\omega_{${n},${KEY_24 + 1}}`, on)} &= q^{(${n})} \cdot k^{(${KEY_24 + 1})}`,
        raw`&= \textstyle\sum_{i=1}^{24} q^{(${n})}_i\, k^{(${KEY_24 + 1})}_i`,
        ...shortDot(vals(t.queryVec), vals(row(t.keys, KEY_24))),
        `&= ${hl(num(omega), on)}`,
      ]);
    },
    code: (d) => `omega_${qn(d)}4 = query_${qn(d)}.dot(keys[4])
print(omega_${qn(d)}4)`,
    source: ARTICLE,
    output: (d) => {
      const t = tr(d);
      return formatTensor(dot(t.queryVec, row(t.keys, KEY_24)), { gradFn: 'DotBackward0' });
    },
    views: [{ kind: 'matrix', of: 'keys', caption: 'keys (row 5: dessert)' }],
  },
  {
    id: 'omega-2',
    title: 'Scores against every key',
    prose: para`
One product scores the query against all six keys: \`query_2.matmul(keys.T)\` is $[24] \cdot [24 \times 6] = [6]$, one dot product per key. The fifth entry is \`omega_24\`.

With the seed 123 values, *is* scores **lowest** against itself. Without trainable weights, a token's score with itself is its squared length, usually among the highest; here the query and the key come from different matrices, so the model can learn whom each token should look at. (\`SqueezeBackward3\`: PyTorch computed the product as a one-row matrix and squeezed that row away.)

Point at a score to highlight it.
    `,
    formula: (d, h) =>
      aligned(
        perToken(
          d,
          h,
          (j) => raw`\omega_{${qn(d)},${j + 1}}`,
          (j) => num(at(tr(d).omega, j)),
        ),
      ),
    code: (d) => `omega_${qn(d)} = query_${qn(d)}.matmul(keys.T)
print(omega_${qn(d)})`,
    source: ARTICLE,
    output: (d) => formatTensor(tr(d).omega, { gradFn: 'SqueezeBackward3' }),
    views: [
      { kind: 'query' },
      { kind: 'matrix', of: 'omega', caption: 'Scores of the query against every key' },
    ],
  },
  {
    id: 'scaled-softmax',
    title: 'Scale by the square root of d_k, then softmax',
    prose: para`
Scores live on any scale and can be negative. **Softmax** turns them into attention weights: $e^{x}$ makes each one positive, and dividing by the sum makes them add up to 1.

First, though, the scores are divided by $\sqrt{d_k} = \sqrt{24} \approx 4.90$. A dot product adds up $d_k$ products: if their entries are independent with variance 1, its variance is $d_k$ and its typical size $\sqrt{d_k}$. The longer the vectors, the more spread out the scores, and softmax of widely spread scores gives nearly all the weight to one token, with gradients close to zero: training stalls. Dividing by $\sqrt{d_k}$ undoes that growth, whatever the size of the vectors; it is the *scaled* in **scaled dot-product attention**.

\`d_k\` is the 24 from the weights cell; \`dim=0\` normalises along the only dimension.
    `,
    formula: (d, h) => scaledSoftmaxFormula(d, h, tr(d)),
    code: (d) => `import torch.nn.functional as F

attention_weights_${qn(d)} = F.softmax(omega_${qn(d)} / d_k**0.5, dim=0)
print(attention_weights_${qn(d)})`,
    source: ARTICLE,
    output: (d) => formatTensor(tr(d).queryWeights, { gradFn: 'SoftmaxBackward0' }),
    views: [
      { kind: 'matrix', of: 'trainableWeights', caption: 'Attention weights of the query' },
      { kind: 'query' },
    ],
  },
  {
    id: 'without-scaling',
    title: 'What the scaling prevents',
    prose: para`
For comparison, the softmax of the raw scores. With the seed 123 values *dessert* now takes about 93% of the weight, *Life* 7%, and the other four almost nothing; after scaling *dessert* had 49% and *Life* 29%.

With 24 dimensions the difference is already large, and models use 64 or 128 per head, where raw scores spread wider still. Edit the weights or change the seed: the scaled weights are always the more even of the two.
    `,
    formula: (d, h) => {
      const t = tr(d);
      const unscaled = softmax(t.omega, 0);
      const rows = d.tokens.map((_, j) => {
        const on = h.j === j;
        const cells = [tok(d, j), num(at(unscaled, j)), num(at(t.queryWeights, j))];
        return cells.map((c) => hl(c, on)).join(' & ');
      });
      return raw`\begin{array}{lrr} & \text{unscaled} & \text{scaled} \\ ${rows.join(raw` \\ `)}\end{array}`;
    },
    code: (d) => `# the same scores, not divided by sqrt(d_k)
print(F.softmax(omega_${qn(d)}, dim=0))`,
    source: ARTICLE,
    output: (d) => formatTensor(softmax(tr(d).omega, 0), { gradFn: 'SoftmaxBackward0' }),
    views: [{ kind: 'matrix', of: 'trainableWeights', caption: 'Scaled weights, for comparison' }],
  },
  {
    id: 'context-vector',
    title: 'The context vector: 28 numbers',
    prose: para`
The **context vector** is the attention-weighted sum of the **values**:

$$z^{(2)} = \sum_{j=1}^{6} \alpha_{2j}\, v^{(j)}$$

Its size is $d_v = 28$: not the embedding's 16, not the query's 24. Because the weights are positive and add up to 1, it is a weighted average of the six values, pulled towards the tokens the query attends to. It is the new representation of the query token, carrying information from its context.

The formula works out the first entry; point at a token to see its share. \`attention_weights_2.matmul(values)\` is $[6] \cdot [6 \times 28] = [28]$.
    `,
    formula: (d, h) => {
      const t = tr(d);
      const n = qn(d);
      const w = vals(t.queryWeights);
      const lines = w.map((a, j) => {
        const on = h.j === j;
        const term = raw`${num(a)} \cdot ${factor(at(t.values, j, 0))}`;
        return `${j === 0 ? raw`z^{(${n})}_1 &= ` : raw`&\quad + `}${hl(term, on)}`;
      });
      return stack(
        aligned([...lines, `&= ${num(at(t.queryContext, 0))}`]),
        raw`z^{(${n})} = ${shortVec(vals(t.queryContext), 2)}`,
      );
    },
    code: (d) => `context_vector_${qn(d)} = attention_weights_${qn(d)}.matmul(values)

print(context_vector_${qn(d)}.shape)
print(context_vector_${qn(d)})`,
    source: ARTICLE,
    output: (d) => {
      const z = tr(d).queryContext;
      return `${formatSize(z.shape)}\n${formatTensor(z, { gradFn: 'SqueezeBackward3' })}`;
    },
    views: [
      { kind: 'matrix', of: 'trainableContext', caption: 'Context vector of the query' },
      { kind: 'matrix', of: 'values', caption: 'values' },
      { kind: 'query' },
    ],
  },
  {
    id: 'all-queries',
    title: 'Every token a query, in one go',
    prose: para`
Everything above, for all six queries at once, is three matrix products and a softmax per row:

$$Z = \operatorname{softmax}\!\left(\frac{Q K^{\top}}{\sqrt{d_k}}\right) V, \qquad Q = X W_Q^{\top},\; K = X W_K^{\top},\; V = X W_V^{\top}$$

$Q K^{\top}$ is $[6 \times 24] \cdot [24 \times 6]$: a $6 \times 6$ table of scores, one row per query. \`dim=1\` normalises each row, and row 2 holds \`attention_weights_2\` again (up to float32 rounding: it came by another route). $Z$ is $[6 \times 28]$: one context vector per token.

Several rows put nearly all their weight on one token, even after scaling. Every entry of these untrained $W$ lies in $[0, 1)$, so every query and key leans the same way and the scores come out large. Training adjusts $W_Q$, $W_K$, $W_V$ (and the embedding table) until the context vectors help predict the next word; the article goes on from here to multi-head attention and cross-attention.
    `,
    code: `# every token as a query: one row per token
queries = W_query.matmul(embedded_sentence.T).T
attention_weights = F.softmax(queries.matmul(keys.T) / d_k**0.5, dim=1)
context_vectors = attention_weights.matmul(values)

print(context_vectors.shape)
print(attention_weights)`,
    source: ARTICLE,
    output: (d) => {
      const all = tr(d);
      return `${formatSize(all.context.shape)}\n${formatTensor(all.weights, { gradFn: 'SoftmaxBackward0' })}`;
    },
    views: [{ kind: 'trainable' }],
  },
];

/**
 * Seed notebook 003: "Self-attention works from scratch" ("Life is short, eat dessert first"),
 * continued past its break as the article it names does (W_query.matmul(x_2), omega, softmax,
 * the 28-dimensional context vector z(2)).
 */
export const lifeIsShort: Lesson = {
  id: 'life-is-short',
  ...catalogueText('life-is-short'),
  sentence: SENTENCE,
  tokens: WORDS,
  // Replaced by generate(123) when the lesson opens; kept for the catalogue's shape.
  embeddings: tensor([6, 16], new Float32Array(96)),
  query: 1,
  trainable: { seed: 123, dIn: 16, dK: 24, dV: 28, layout: 'W@x' },
  generate: (seed) => {
    const { embeddings, weights } = drawn(seed);
    return { embeddings, weights };
  },
  steps,
};
