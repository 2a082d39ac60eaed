/** The training lesson's own steps: a goal, the gradients, one step by hand and by optimizer, the loop. */
import { formatTensor, pyFloatRepr } from '../../math/format';
import { torchGenerator } from '../../math/random';
import { at, tensor, type Tensor } from '../../math/tensor';
import { fixedLit, para, raw, tokenLabel, weightAssignments } from '../common';
import { aligned, num, stack, tok } from '../tex';
import type { Derived, OutputSource, Step, Weights } from '../types';
import { PROBE_LR, type RunSummary, type TrainingDerived } from './model';

/** The training part of Derived, which this lesson always has. */
export function trainingOf(d: Derived): TrainingDerived {
  if (!d.training) throw new Error('training: training values missing from Derived');
  return d.training;
}

const NEW: OutputSource = { kind: 'new', from: 'new: training goes past the notebook' };

const GRAD_FN = 'NllLossBackward0';
const lossText = (loss: Tensor) => formatTensor(loss, { gradFn: GRAD_FN });
const param = (w: Tensor) => formatTensor(w, { parameter: true });
const t0 = (v: number): Tensor => tensor([], [v]);

// ---------------------------------------------------------------------------------------------
// Code pieces: every cell starts from values the learner sees, so it reproduces its output.
// ---------------------------------------------------------------------------------------------

/** `inputs = torch.tensor(…)` with the current embeddings, one row per word. */
function inputsLines(d: Derived): string[] {
  const [n, c] = d.x.shape as [number, number];
  const rows = Array.from({ length: n }, (_, i) =>
    Array.from({ length: c }, (_, k) => fixedLit(at(d.x, i, k), 2)),
  );
  const widths = Array.from({ length: c }, (_, k) => Math.max(...rows.map((r) => r[k]!.length)));
  return [
    'inputs = torch.tensor(',
    '    [',
    ...rows.map(
      (r, i) =>
        `        [${r.map((s, k) => s.padStart(widths[k]!)).join(', ')}],  # ${d.tokens[i] ?? ''}`,
    ),
    '    ]',
    ')',
  ];
}

/** The seeded W matrices the lesson's code draws (no edits). */
function seededWeights(d: Derived): Weights {
  const g = torchGenerator(d.seed);
  const [dIn, dOut] = d.trainable!.wq.shape as [number, number];
  return { wq: g.rand([dIn, dOut]), wk: g.rand([dIn, dOut]), wv: g.rand([dIn, dOut]) };
}

/** `torch.manual_seed(…)` and the three Parameters, then the learner's edits under no_grad. */
function weightsLines(d: Derived): string[] {
  const t = d.trainable!;
  const [dIn, dOut] = t.wq.shape as [number, number];
  const edits = weightAssignments(t, seededWeights(d), ['W_query', 'W_key', 'W_value']);
  return [
    `torch.manual_seed(${d.seed})`,
    `W_query = torch.nn.Parameter(torch.rand(${dIn}, ${dOut}))`,
    `W_key   = torch.nn.Parameter(torch.rand(${dIn}, ${dOut}))`,
    `W_value = torch.nn.Parameter(torch.rand(${dIn}, ${dOut}))`,
    ...(edits.length > 0
      ? ['with torch.no_grad():  # your edits', ...edits.map((e) => `    ${e}`)]
      : []),
  ];
}

/** The forward pass to the loss, indented by `pad`. */
const forwardLines = (pad = ''): string[] => [
  `${pad}queries = inputs @ W_query`,
  `${pad}keys = inputs @ W_key`,
  `${pad}scaled_scores = queries @ keys.T / keys.shape[-1]**0.5`,
  `${pad}loss = F.cross_entropy(scaled_scores, target)`,
];

/** The learning rate as Python writes the float. */
export const lrLit = (lr: number): string => pyFloatRepr(lr);

/** The learning rate in TeX, as Python writes it (`0.5`, `1e-05`). */
const lrTex = (lr: number): string => pyFloatRepr(lr).replace('e', raw`\mathrm{e}`);

/** How often the loop prints: the smallest of 1, 2, 5, 10, 20, … that prints at most 10 lines. */
export function printEvery(steps: number): number {
  for (let p = 1; ; p *= 10) {
    for (const m of [1, 2, 5]) if (Math.ceil(steps / (m * p)) <= 10) return m * p;
  }
}

const optimizerCall = (t: TrainingDerived): string =>
  t.choice.optimizer === 'sgd'
    ? `torch.optim.SGD([W_query, W_key], lr=${lrLit(t.choice.lr)})`
    : `torch.optim.Adam([W_query, W_key], lr=${lrLit(t.choice.lr)})`;

/** The loop's printed lines for the current step k: the loss every N iterations, then the end. */
function loopOutput(d: Derived): string {
  const t = trainingOf(d);
  const k = t.choice.step;
  const every = printEvery(t.choice.steps);
  const lines: string[] = [];
  for (let s = 0; s < k; s += every) lines.push(`${s} ${lossText(t0(t.losses[s]!))}`);
  lines.push(`${k} ${formatTensor(t.now.loss)}`);
  lines.push(param(t.now.wq), param(t.now.wk));
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// TeX pieces
// ---------------------------------------------------------------------------------------------

const texMat = (w: Tensor, digits = 4): string => {
  const [r, c] = w.shape as [number, number];
  const rows: string[] = [];
  for (let i = 0; i < r; i++) {
    rows.push(Array.from({ length: c }, (_, k) => num(at(w, i, k), digits)).join(' & '));
  }
  return raw`\begin{bmatrix}${rows.join(raw` \\ `)}\end{bmatrix}`;
};

/** The goal in words: "journey → Your, starts → journey, …". */
export function goalInWords(d: Derived): string {
  const t = trainingOf(d);
  return t.target.map((k, i) => `${tokenLabel(d, i)} → ${tokenLabel(d, k)}`).join(', ');
}

/** What softmax gives the target at the query row, and the loss term of that row. */
const rowOf = (m: Tensor, i: number): number[] => {
  const n = m.shape[1]!;
  return Array.from(m.data.subarray(i * n, i * n + n));
};

/** A number that may be nan or inf, for prose. */
const say = (x: number, digits = 4): string =>
  Number.isFinite(x) ? num(x, digits) : Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';

// ---------------------------------------------------------------------------------------------
// Questions: each answered by the live numbers
// ---------------------------------------------------------------------------------------------

/** 0: lower, 1: higher (nan and inf count as higher: no lower loss), 2: the same. */
function compareLoss(before: number, after: number): 0 | 1 | 2 {
  if (Number.isNaN(after) || after === Infinity) return 1;
  return after < before ? 0 : after > before ? 1 : 2;
}

/** 0: ends lower, 1: ends higher (or the same), 2: diverges to nan or inf on the way. */
function runOutcome(r: RunSummary): 0 | 1 | 2 {
  if (r.diverged >= 0) return 2;
  return r.last < r.first ? 0 : 1;
}

/** The final loss of a run, worse than any number when it diverged. */
const ending = (r: RunSummary): number => (r.diverged >= 0 ? Infinity : r.last);

const byOptimizer = (t: TrainingDerived) => {
  const mine: RunSummary = {
    first: t.losses[0]!,
    last: t.losses[t.losses.length - 1]!,
    diverged: Array.from(t.losses).findIndex((v) => !Number.isFinite(v)),
  };
  return t.choice.optimizer === 'sgd'
    ? { sgd: mine, adam: t.probes.other }
    : { sgd: t.probes.other, adam: mine };
};

const runText = (r: RunSummary): string =>
  r.diverged >= 0
    ? `diverges: the loss starts at $${say(r.first)}$ and is first nan or inf at step ${r.diverged}`
    : `goes from $${say(r.first)}$ to $${say(r.last)}$`;

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

export const coreSteps: readonly Step[] = [
  {
    id: 'start',
    title: 'Where training starts',
    prose: para`
In *Your journey starts with one step* the weights $W_q$, $W_k$ and $W_v$ were random, and we called them "trainable" without ever training them. Here we do. We start from the same sentence, the same embeddings and the same \`torch.manual_seed(123)\` weights: $W_q$ and $W_k$ are $3 \times 2$, so every query and key is 2-d and can be drawn.

This time the weights are plain \`torch.nn.Parameter\`s, which require gradients: autograd will record every operation on them, so that it can tell us how to change them. Edit the embeddings, the weights or the seed here; every step after this one starts from your values.
    `,
    formula: (d) => {
      const t = trainingOf(d);
      return raw`W_q = ${texMat(t.start.wq)}\qquad W_k = ${texMat(t.start.wk)}`;
    },
    code: (d) =>
      [
        'import torch',
        'import torch.nn.functional as F',
        '',
        ...inputsLines(d),
        ...weightsLines(d),
        'print(W_query)',
        'print(W_key)',
      ].join('\n'),
    source: NEW,
    output: (d) => {
      const t = trainingOf(d);
      return [param(t.start.wq), param(t.start.wk)].join('\n');
    },
    views: [{ kind: 'embeddings' }, { kind: 'trainable' }],
  },
  {
    id: 'goal',
    title: 'A goal: who should attend to whom',
    prose: para`
Training needs a **goal**, a number that says how wrong the attention is. Ours: for every word, the word it *should* attend to. Click a cell of the heatmap to make that row's word the goal of that query (or focus a cell and press Enter), or use a preset: each word attends to itself, to the previous word, or to the first word.

Each row of the scaled scores is then a classification over the 6 words, and the loss is the **cross-entropy**: the mean over rows of $-\log$ of the softmax weight the row gives its goal. A row that puts all its weight on its goal costs 0; a uniform row costs $\log 6 \approx 1.79$.
    `,
    formula: (d) => {
      const t = trainingOf(d);
      const i = d.query;
      const p = rowOf(t.start.weights, i);
      const goal = t.target[i]!;
      const n = d.tokens.length;
      return stack(
        raw`L = \frac{1}{${n}} \sum_{i=1}^{${n}} -\log \operatorname{softmax}\left(\frac{q_i \cdot K^\top}{\sqrt{2}}\right)_{t_i} = ${say(t.start.loss.data[0]!)}`,
        raw`\text{row } ${tok(d, i)}:\ t = ${tok(d, goal)},\quad -\log ${num(p[goal]!)} = ${say(-Math.log(p[goal]!))}`,
      );
    },
    code: (d) =>
      [
        '# for each word (query row), the word it should attend to (key column)',
        `target = torch.tensor([${trainingOf(d).target.join(', ')}])`,
        ...forwardLines(),
        'print(loss)',
      ].join('\n'),
    source: NEW,
    output: (d) => lossText(trainingOf(d).start.loss),
    views: [{ kind: 'trainGoal', at: 'start' }, { kind: 'query' }],
  },
  {
    id: 'backward',
    title: 'loss.backward(): which way is downhill',
    prose: para`
\`loss.backward()\` asks autograd for the **gradient** of the loss with respect to every tensor that requires one: here $W_q$ and $W_k$. Each entry says how fast the loss grows when that entry grows. $W_v$ gets no gradient (\`W_value.grad\` stays \`None\`): the values play no part in the scores, so they cannot change this loss.

The chain runs backwards through the forward pass. Cross-entropy and softmax together have the simplest gradient there is: for row $i$, the softmax weights minus the one-hot goal, divided by the $n = 6$ rows the loss averages over. Weight on a wrong word pushes its score down; too little on the goal pulls it up. Pick a query to see its row written out.

From the scaled scores $S = QK^\top/\sqrt{d_k}$ the gradient flows to the queries and keys, $\partial L/\partial Q = \tfrac{1}{\sqrt{d_k}}\,\partial L/\partial S\; K$ and $\partial L/\partial K = \tfrac{1}{\sqrt{d_k}}(\partial L/\partial S)^\top Q$, and from $Q = XW_q$, $K = XW_k$ to the weights: $\partial L/\partial W_q = X^\top\, \partial L/\partial Q$, $\partial L/\partial W_k = X^\top\, \partial L/\partial K$.
    `,
    formula: (d) => {
      const t = trainingOf(d);
      const i = d.query;
      const n = d.tokens.length;
      const p = rowOf(t.start.weights, i);
      const g = rowOf(t.start.gScaled, i);
      const goal = t.target[i]!;
      return stack(
        raw`\frac{\partial L}{\partial s_{${i + 1}j}} = \frac{\operatorname{softmax}(s_{${i + 1}})_j - [\,j = t_{${i + 1}}\,]}{${n}}`,
        aligned(
          d.tokens.map(
            (_, j) =>
              raw`\tfrac{${num(p[j]!)} - ${j === goal ? 1 : 0}}{${n}} &= ${num(g[j]!)} &\enspace& ${tok(d, j)}`,
          ),
        ),
      );
    },
    code: ['loss.backward()', 'print(W_query.grad)', 'print(W_key.grad)'].join('\n'),
    source: NEW,
    output: (d) => {
      const t = trainingOf(d);
      return [formatTensor(t.start.gq), formatTensor(t.start.gk)].join('\n');
    },
    views: [
      { kind: 'query' },
      {
        kind: 'tensor',
        of: (d) => trainingOf(d).start.gScaled,
        caption: '∂L/∂S: softmax minus the goal, over 6',
        axes: 'both',
      },
      {
        kind: 'tensor',
        of: (d) => trainingOf(d).start.gq,
        caption: 'W_query.grad',
        axes: 'none',
      },
      { kind: 'tensor', of: (d) => trainingOf(d).start.gk, caption: 'W_key.grad', axes: 'none' },
    ],
  },
  {
    id: 'by-hand',
    title: 'One step downhill, by hand',
    prose: para`
The gradient points uphill, so we take a small step the other way: $W \leftarrow W - \text{lr}\cdot \nabla W$, for $W_q$ and $W_k$. The **learning rate** lr sets the size of the step. The update happens inside \`torch.no_grad()\`: it is bookkeeping, not part of the computation we differentiate.

Then we run the forward pass again with the new weights and print the loss. Change the learning rate in the loop's controls (step 6) and come back: a small step lowers the loss a little, a large one can overshoot.
    `,
    formula: (d) => {
      const t = trainingOf(d);
      return stack(
        raw`W_q \leftarrow ${texMat(t.start.wq)} - ${lrTex(t.choice.lr)} \cdot ${texMat(t.start.gq)}`,
        raw`= ${texMat(t.byHand.wq)}`,
        raw`L:\ ${say(t.start.loss.data[0]!)} \to ${say(t.byHand.loss.data[0]!)}`,
      );
    },
    code: (d) =>
      [
        `lr = ${lrLit(trainingOf(d).choice.lr)}`,
        'with torch.no_grad():',
        '    W_query -= lr * W_query.grad',
        '    W_key -= lr * W_key.grad',
        'print(W_query)',
        'print(W_key)',
        ...forwardLines(),
        'print(loss)',
      ].join('\n'),
    source: NEW,
    output: (d) => {
      const t = trainingOf(d);
      return [param(t.byHand.wq), param(t.byHand.wk), lossText(t.byHand.loss)].join('\n');
    },
    views: [
      {
        kind: 'predict',
        id: 'one-step',
        question:
          'Before you read the output: after this one step at the learning rate set in the loop (step 6), is the loss lower than at the start?',
        choices: ['Lower', 'Higher', 'Exactly the same'],
        answer: (d) => {
          const t = trainingOf(d);
          return compareLoss(t.start.loss.data[0]!, t.byHand.loss.data[0]!);
        },
        reveal: (d) => {
          const t = trainingOf(d);
          return `At lr $= ${lrTex(t.choice.lr)}$ the loss goes from $${say(t.start.loss.data[0]!)}$ to $${say(t.byHand.loss.data[0]!)}$ (printed to 4 decimals; the comparison uses every bit). A small enough step along minus the gradient always lowers the loss; a large one can jump past the valley.`;
        },
      },
      {
        kind: 'tensor',
        of: (d) => trainingOf(d).byHand.wq,
        caption: 'W_query after the step',
        axes: 'none',
      },
      {
        kind: 'tensor',
        of: (d) => trainingOf(d).byHand.wk,
        caption: 'W_key after the step',
        axes: 'none',
      },
    ],
  },
  {
    id: 'optimizer',
    title: 'The same step with an optimizer',
    prose: para`
PyTorch packs this update into an **optimizer**. \`torch.optim.SGD\` (stochastic gradient descent) does exactly $W \leftarrow W - \text{lr}\cdot\nabla W$ for every parameter it was given; \`optimizer.zero_grad()\` clears the gradients first, because \`backward()\` *adds* into \`.grad\`. We start again from the starting weights so the two steps can be compared: the printed numbers are step 4's, and the formula says whether every bit is the same too.
    `,
    formula: (d) => {
      const t = trainingOf(d);
      const same =
        t.sgdStep.wq.data.every((v, k) => Object.is(v, t.byHand.wq.data[k])) &&
        t.sgdStep.wk.data.every((v, k) => Object.is(v, t.byHand.wk.data[k]));
      return stack(
        raw`W_q^{	ext{SGD}} = ${texMat(t.sgdStep.wq)}`,
        same
          ? raw`	ext{identical to the step by hand, bit for bit}`
          : raw`	ext{the step by hand, to the digits shown; some last bits differ}`,
      );
    },
    code: (d) =>
      [
        ...weightsLines(d),
        `optimizer = torch.optim.SGD([W_query, W_key], lr=${lrLit(trainingOf(d).choice.lr)})`,
        'optimizer.zero_grad()',
        ...forwardLines(),
        'loss.backward()',
        'optimizer.step()',
        'print(W_query)',
        'print(W_key)',
      ].join('\n'),
    source: NEW,
    output: (d) => {
      const t = trainingOf(d);
      return [param(t.sgdStep.wq), param(t.sgdStep.wk)].join('\n');
    },
    views: [
      {
        kind: 'tensor',
        of: (d) => trainingOf(d).sgdStep.wq,
        caption: 'W_query after optimizer.step()',
        axes: 'none',
      },
      {
        kind: 'tensor',
        of: (d) => trainingOf(d).sgdStep.wk,
        caption: 'W_key after optimizer.step()',
        axes: 'none',
      },
    ],
  },
  {
    id: 'loop',
    title: 'The loop',
    prose: para`
Training is that step, repeated: zero the gradients, run forward, \`backward()\`, step. Press **Play** and watch the loss fall, the attention heatmap move toward the goal, and the queries and keys move in the plot. Drag along the loss curve (or focus it and use the arrow keys) to go back to any step: the step you see is recomputed from the start, exactly.

Try a larger learning rate. Plain SGD moves every weight by lr times its gradient, so too large a step overshoots, and the loss can grow until it is \`inf\` or \`nan\`, which is what PyTorch prints too. **Adam** scales each weight's step by a running estimate of its gradient's size, so its steps stay near lr whatever the gradient.

The code runs the loop up to the step shown and prints the loss every few iterations (computed *before* that iteration's update), the loss at the step shown, and the weights there.
    `,
    formula: (d) => {
      const t = trainingOf(d);
      const k = t.choice.step;
      const rule =
        t.choice.optimizer === 'sgd'
          ? raw`W \leftarrow W - ${lrTex(t.choice.lr)}\,\nabla W`
          : raw`W \leftarrow W - ${lrTex(t.choice.lr)}\,\frac{\hat m}{\sqrt{\hat v} + \epsilon}`;
      return stack(rule, raw`\text{step } ${k}:\ L = ${say(t.now.loss.data[0]!)}`);
    },
    code: (d) => {
      const t = trainingOf(d);
      const every = printEvery(t.choice.steps);
      return [
        ...weightsLines(d),
        `optimizer = ${optimizerCall(t)}`,
        `for step in range(${t.choice.step}):`,
        '    optimizer.zero_grad()',
        ...forwardLines('    '),
        '    loss.backward()',
        '    optimizer.step()',
        `    if step % ${every} == 0:`,
        '        print(step, loss)',
        'with torch.no_grad():',
        ...forwardLines('    '),
        `print(${t.choice.step}, loss)`,
        'print(W_query)',
        'print(W_key)',
      ].join('\n');
    },
    source: NEW,
    output: loopOutput,
    views: [
      { kind: 'trainControls' },
      {
        kind: 'lineChart',
        of: (d) => trainingOf(d).losses,
        at: (d) => trainingOf(d).choice.step,
        field: 'step',
        label: 'Loss at each training step',
        xLabel: 'step',
        yLabel: 'loss',
      },
      { kind: 'trainGoal', at: 'now' },
      { kind: 'trainPlot' },
      {
        kind: 'tensor',
        of: (d) => trainingOf(d).now.gq,
        caption: 'W_query.grad at this step',
        axes: 'none',
      },
      {
        kind: 'tensor',
        of: (d) => trainingOf(d).now.gk,
        caption: 'W_key.grad at this step',
        axes: 'none',
      },
      {
        kind: 'predict',
        id: 'lr-50',
        question: `With plain SGD at lr = ${PROBE_LR}, for your goal and number of steps, what does the loss do?`,
        choices: [
          'It ends lower than it starts',
          'It ends higher than it starts',
          'It blows up to nan or inf',
        ],
        answer: (d) => runOutcome(trainingOf(d).probes.sgdHigh),
        reveal: (d) => {
          const r = trainingOf(d).probes.sgdHigh;
          return `SGD at lr $= ${PROBE_LR}$ over ${trainingOf(d).choice.steps} steps ${runText(r)}. Type ${PROBE_LR} into the learning rate and press Play to watch it.`;
        },
      },
      {
        kind: 'predict',
        id: 'sgd-or-adam',
        question:
          'At your learning rate and number of steps, which optimizer ends with the lower loss?',
        choices: ['SGD', 'Adam', 'They end equal'],
        answer: (d) => {
          const { sgd, adam } = byOptimizer(trainingOf(d));
          const a = ending(sgd);
          const b = ending(adam);
          return a < b ? 0 : b < a ? 1 : 2;
        },
        reveal: (d) => {
          const t = trainingOf(d);
          const { sgd, adam } = byOptimizer(t);
          return `At lr $= ${lrTex(t.choice.lr)}$ over ${t.choice.steps} steps, SGD ${runText(sgd)}, and Adam ${runText(adam)}. A diverged run counts as the worse one.`;
        },
      },
    ],
  },
];
