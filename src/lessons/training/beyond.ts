/**
 * The training lesson's last three steps: a downstream goal (context vectors trained toward
 * targets with F.mse_loss), where that goal cannot succeed (a repeated word, without and with
 * learned positions), and why the scores are divided by sqrt(d_k). Every output is computed from
 * Derived by beyondRuns.ts, as the code shown runs it under PyTorch.
 */
import { formatTensor, pyFixed, pySci } from '../../math/format';
import { torchGenerator } from '../../math/random';
import { at, type Tensor } from '../../math/tensor';
import { assignments, para, raw, trainableOf } from '../common';
import { aligned, num, smallNum, stack } from '../tex';
import { tokenLabels } from '../tokenLabels';
import type { Derived, OutputSource, Step, View } from '../types';
import {
  downstreamRun,
  EVERY,
  LR,
  STEPS,
  scalingGradients,
  TWIN_IDS,
  TWINS,
  twinRuns,
  WIDE_DK,
  type RunResult,
  type ScalingPass,
} from './beyondRuns';

const NEW: OutputSource = { kind: 'new', from: 'new: beyond the notebook' };

const tr = (d: Derived) => trainableOf(d, 'training');

/** The lesson's inputs and start weights, as the runs take them. */
const start = (d: Derived) => {
  const t = tr(d);
  return { wq: t.wq, wk: t.wk, wv: t.wv };
};

export const downstream = (d: Derived) => {
  const w = start(d);
  return downstreamRun(d.x, w.wq, w.wk, w.wv);
};
export const twins = (d: Derived) => twinRuns(d.x, start(d), d.seed);
export const scaling = (d: Derived) => scalingGradients(d.x, d.seed);

/** The words of the repeated-word sentence: rows TWIN_IDS of the lesson's tokens. */
export const twinWords = (d: Derived): string[] =>
  TWIN_IDS.map((i) => d.tokens[i] ?? `token ${i + 1}`);

/**
 * The heatmaps' row and column labels for that sentence (the lesson's tokens are fixed; a test
 * checks these against `twinLabels`).
 */
export const TWIN_LABELS: readonly string[] = [
  'one #1',
  'step #1',
  'starts',
  'with',
  'one #2',
  'step #2',
];

const shape = (t: Tensor) => t.shape.join(', ');

/**
 * The start weights as code: seeded as the lesson draws them, then one assignment per cell the
 * learner edited (so the cell reproduces the weights the page trains).
 */
function startWeightsCode(d: Derived): string[] {
  const t = tr(d);
  const g = torchGenerator(d.seed);
  const seeded = [g.rand([...t.wq.shape]), g.rand([...t.wk.shape]), g.rand([...t.wv.shape])];
  const edits = [
    ...assignments('W_query0', t.wq, seeded[0]!),
    ...assignments('W_key0', t.wk, seeded[1]!),
    ...assignments('W_value0', t.wv, seeded[2]!),
  ];
  return [
    `torch.manual_seed(${d.seed})`,
    `W_query0 = torch.rand(${shape(t.wq)})`,
    `W_key0 = torch.rand(${shape(t.wk)})`,
    `W_value0 = torch.rand(${shape(t.wv)})`,
    ...(edits.length > 0 ? ['# your edits', ...edits] : []),
  ];
}

const lossLines = (r: RunResult): string[] =>
  r.printed.map(
    ({ step, loss }) =>
      `step ${String(step).padStart(3)} ${formatTensor(loss, { gradFn: 'MseLossBackward0' })}`,
  );

const first = (r: RunResult) => r.losses[0]!;
const last = (r: RunResult) => r.losses[STEPS]!;

/** Rows whose largest weight is on the previous word (the first word: on itself). */
function rowsOnPrevious(weights: Tensor): number[] {
  const [n] = weights.shape as [number];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const want = Math.max(0, i - 1);
    let best = 0;
    for (let j = 1; j < n; j++) if (at(weights, i, j) > at(weights, i, best)) best = j;
    if (best === want) out.push(i);
  }
  return out;
}

const rowsEqual = (t: Tensor, a: number, b: number): boolean => {
  const c = t.shape[1]!;
  for (let k = 0; k < c; k++) if (!Object.is(at(t, a, k), at(t, b, k))) return false;
  return true;
};

const vec = (t: Tensor, i: number): string => {
  const c = t.shape[1]!;
  return raw`(${Array.from({ length: c }, (_, k) => num(at(t, i, k))).join(', ')})`;
};

// ---------------------------------------------------------------------------------------------
// Predict-then-reveal questions (the `predict` view), answered from the live numbers.
// ---------------------------------------------------------------------------------------------

/** A predict-then-reveal question (the `predict` view). */
export type Prediction = Extract<View, { kind: 'predict' }>;

export const predictHalf: Prediction = {
  kind: 'predict',
  id: 'downstream-half',
  question: `Nothing tells the attention weights where to look: only the context vectors are compared with their targets. After ${STEPS} Adam steps, will the loss be below half of where it started?`,
  choices: ['Yes, below half', 'No, it stays above half'],
  answer: (d) => {
    const r = downstream(d);
    return last(r) < first(r) / 2 ? 0 : 1;
  },
  reveal: (d) => {
    const r = downstream(d);
    const ratio = last(r) / first(r);
    if (!(first(r) > 0) || !Number.isFinite(ratio)) {
      return `The loss starts at $${smallNum(first(r))}$ and ends at $${smallNum(last(r))}$ after ${STEPS} steps: with these values every context vector starts on its target (or the numbers overflow), so there is nothing to halve.`;
    }
    return para`
The loss went from $${smallNum(first(r))}$ to $${smallNum(last(r))}$ after ${STEPS} steps: ${pyFixed(ratio * 100, 1)}% of where it started, ${ratio < 0.5 ? 'below' : 'not below'} half. Gradient descent moved all three matrices at once; the attention weights changed only because changing them brought the context vectors nearer their targets.
    `;
  },
};

export const predictTwins: Prediction = {
  kind: 'predict',
  id: 'twins-identical',
  question:
    'Without positions, the two *one*s enter attention as the same vector. After training, how do their context vectors compare?',
  choices: ['Identical, digit for digit', 'Close but different', 'Clearly different'],
  answer: (d) => {
    const r = twins(d).plain;
    return rowsEqual(r.context, TWINS[0], TWINS[1]) ? 0 : 2;
  },
  reveal: (d) => {
    const r = twins(d);
    const same = rowsEqual(r.plain.context, TWINS[0], TWINS[1]);
    return para`
${same ? `Identical: both are $${vec(r.plain.context, TWINS[0])}$.` : `Different: $${vec(r.plain.context, TWINS[0])}$ and $${vec(r.plain.context, TWINS[1])}$.`} The same input row gives the same query, key and value row, the same scores against every key, so the same weights and the same context vector, whatever the weights are. Training changes the weights, never that. ${rowsEqual(r.target, TWINS[0], TWINS[1]) ? `Their targets are the same here, $${vec(r.target, TWINS[0])}$, so one shared output can hit both.` : `Their targets differ, $${vec(r.target, TWINS[0])}$ and $${vec(r.target, TWINS[1])}$, so at least one of them must miss.`}
    `;
  },
};

/** A ratio for prose: one decimal below 10, whole up to 1000, then `m × 10^e` in TeX. */
function times(r: number): string {
  if (r < 10) return pyFixed(r, 1);
  if (r < 1000) return pyFixed(r, 0);
  const [m, e] = pySci(r, 1).split('e') as [string, string];
  return `$${m} \\times 10^{${Number(e)}}$`;
}

export const predictScaling: Prediction = {
  kind: 'predict',
  id: 'scaling-gradient',
  question: `With queries and keys of size $d_k = ${WIDE_DK}$, leave out the division by $\\sqrt{${WIDE_DK}}$: the scores are ${Math.sqrt(WIDE_DK)} times larger. What happens to the gradient of $W_q$?`,
  choices: [
    'It shrinks to less than half',
    'It stays within a factor of 2',
    'It grows to more than double',
  ],
  answer: (d) => {
    const s = scaling(d);
    const ratio = s.unscaled.norms[0].data[0]! / s.scaled.norms[0].data[0]!;
    return ratio < 0.5 ? 0 : ratio > 2 ? 2 : 1;
  },
  reveal: (d) => {
    const s = scaling(d);
    const u = s.unscaled.norms[0].data[0]!;
    const v = s.scaled.norms[0].data[0]!;
    if (!(v > 0) || !Number.isFinite(u) || !Number.isFinite(v)) {
      return `Its norm is $${smallNum(u)}$ without scaling and $${smallNum(v)}$ with it: with these values there is no ratio to compare.`;
    }
    if (u === 0) {
      return `Its norm is exactly $0$ without scaling and $${smallNum(v)}$ with it: the softmax is so saturated that the gradient underflows to zero in float32, the extreme of vanishing.`;
    }
    return para`
Its norm is $${smallNum(u)}$ without scaling and $${smallNum(v)}$ with it: ${u < v ? `${times(v / u)} times smaller` : `${times(u / v)} times larger`} without the division. Larger scores push the softmax toward 0 and 1, where its slope, $\alpha_j(1 - \alpha_j)$, is nearly zero, and every gradient that flows back to $W_q$ and $W_k$ passes through that slope.${u < v ? '' : ' Here the scores were not spread enough for that: the larger scores made larger gradients.'}
    `;
  },
};

/** The questions, by the id of the step that asks them. */
export const beyondPredictions: Record<string, Prediction> = {
  'downstream-goal': predictHalf,
  'repeated-word': predictTwins,
  'why-sqrt-dk': predictScaling,
};

// ---------------------------------------------------------------------------------------------
// Steps
// ---------------------------------------------------------------------------------------------

const downstreamStep: Step = {
  id: 'downstream-goal',
  title: 'A downstream goal',
  prose: para`
So far the goal named the word each word should attend to. A real model is never told that: its loss compares its **outputs** with what they should be, and the attention weights are whatever helps. Here the goal is for each word's context vector to be the **value vector of the word before it** (the first word: its own), the job of a "previous-token head" in a language model. The targets are the value vectors the starting $W_v$ gives, $t_i = x^{(i-1)} W_v$, kept fixed; the context vectors live in the 2-d value space, so the targets must too.

The loss is \`F.mse_loss(context, target)\`, the mean of the squared differences over all $6 \times 2$ numbers. Its gradient flows back through $\text{context} = \text{weights} \cdot \text{values}$ to $W_v$, and through the softmax to the scores, $W_q$ and $W_k$. Nothing says which key a query should weigh: the weights move only where moving them brings a context vector nearer its target.

The run uses fixed settings: **Adam with learning rate ${LR}, ${STEPS} steps**, from this lesson's starting weights (your edits included), printing the loss every ${EVERY} steps. The heatmap shows the weights it ends with. They need not look like "each word attends to the word before": $W_v$ learns too, and two words with nearly the same values (*journey* and *starts*, at the notebook's embeddings) serve equally well as sources. And attention has no notion of order: "the word before" can only be recognised by what a word *is*.
  `,
  formula: (d) => {
    const r = downstream(d);
    const on = rowsOnPrevious(r.weights);
    const [n, c] = r.context.shape as [number, number];
    return stack(
      raw`\mathcal{L} = \frac{1}{${n * c}}\sum_{i=1}^{${n}}\sum_{k=1}^{${c}}\big(z^{(i)}_k - t^{(i)}_k\big)^2`,
      raw`t^{(i)} = x^{(\max(i-1,\,1))}\,W_v^{\text{start}}`,
      aligned([
        raw`\mathcal{L}_{\text{step }0} &= ${smallNum(first(r))}`,
        raw`\mathcal{L}_{\text{step }${STEPS}} &= ${smallNum(last(r))}`,
      ]),
      raw`\text{rows weighting the previous word most:}`,
      raw`${on.length} \text{ of } ${n}`,
    );
  },
  code: (d) =>
    [
      'import torch',
      'import torch.nn.functional as F',
      '',
      ...startWeightsCode(d),
      `previous = [${Array.from({ length: d.x.shape[0]! }, (_, i) => Math.max(0, i - 1)).join(', ')}]  # the word before each word (the first: itself)`,
      'target = (inputs @ W_value0)[previous]  # its value vector under the start W_value',
      '',
      'def attend(x, W_query, W_key, W_value):',
      '    keys = x @ W_key',
      '    scores = (x @ W_query) @ keys.T',
      '    weights = torch.softmax(scores / keys.shape[-1]**0.5, dim=-1)',
      '    return weights, weights @ (x @ W_value)',
      '',
      `def train(x, target, steps=${STEPS}, every=${EVERY}):`,
      '    params = [torch.nn.Parameter(W.clone()) for W in (W_query0, W_key0, W_value0)]',
      `    optimizer = torch.optim.Adam(params, lr=${LR})`,
      '    for step in range(steps + 1):',
      '        weights, context = attend(x, *params)',
      '        loss = F.mse_loss(context, target)',
      '        if step % every == 0:',
      '            print(f"step {step:3d}", loss)',
      '        if step < steps:',
      '            optimizer.zero_grad()',
      '            loss.backward()',
      '            optimizer.step()',
      '    return weights.detach(), context.detach()',
      '',
      'weights, context = train(inputs, target)',
      'print(weights)',
    ].join('\n'),
  source: NEW,
  output: (d) => {
    const r = downstream(d);
    return [...lossLines(r), formatTensor(r.weights)].join('\n');
  },
  views: [
    predictHalf,
    {
      kind: 'tensor',
      of: (d) => downstream(d).weights,
      caption: `Attention weights after ${STEPS} steps`,
      rowSums: true,
    },
    {
      kind: 'tensor',
      of: (d) => downstream(d).context,
      caption: `Context vectors after ${STEPS} steps`,
    },
    {
      kind: 'tensor',
      of: (d) => downstream(d).target,
      caption: 'Targets: the previous word’s value',
    },
  ],
};

const twinsStep: Step = {
  id: 'repeated-word',
  title: 'Where it cannot succeed',
  prose: para`
Take the same goal on a sentence that repeats a word: *"one step starts with one step"*, each word the row of this lesson's inputs with that name. The first *one* should keep its own value, the second should take the value of *with*: different targets (unless you make *one* and *with* the same vector). But the two *one*s are the same input row, so they get the same query, the same key and the same value, the same scores against every key, the same softmax weights and the same context vector. **No weights can tell them apart**, so no training can give them different outputs.

That puts a floor under the loss. If both *one*s output the same vector $z$, the best $z$ lies halfway between their targets $t^{(1)}$ and $t^{(5)}$, and those two rows alone cost $\lVert t^{(1)} - t^{(5)}\rVert^2 / 2$ of the summed squared error, so the mean over the 12 numbers can never fall below $\lVert t^{(1)} - t^{(5)}\rVert^2 / 24$. (The two *step*s are twins too, but both should take the value of *one*, so they agree.)

The fix is to tell attention **where** each word is. GPT-style models add a learned position vector to each token's embedding before the projections: \`torch.nn.Embedding(context_length, d)\`, one trainable row per position. Here the rows are drawn after \`torch.manual_seed\` and kept as drawn (a model would train them too); even random positions make the two *one*s different inputs. The same run, same settings and targets, then starts again with positions added. \`nn.Embedding\` draws its rows from a standard normal distribution, larger than these embeddings, so that run can start from a much higher loss; the formula compares where each run ends with the floor. The lesson [Word order](#/word-order/1) takes positions further: shuffled sentences, sinusoidal and rotary positions.
  `,
  formula: (d) => {
    const r = twins(d);
    const f = r.floor.data[0]!;
    const rel = (x: number) => (x < f ? '<' : raw`\ge`);
    // Six decimals, so a loss just above the floor does not print as equal to it.
    const fine = (x: number) => (Math.abs(x) >= 1e-3 ? num(x, 6) : smallNum(x, 2));
    const eq = (t: Tensor) => (rowsEqual(t, TWINS[0], TWINS[1]) ? '=' : raw`\ne`);
    return stack(
      aligned([
        raw`t^{(1)} &= ${vec(r.target, TWINS[0])}`,
        raw`t^{(5)} &= ${vec(r.target, TWINS[1])}`,
        raw`\text{floor} &= \tfrac{1}{24}\big\lVert t^{(1)} - t^{(5)}\big\rVert^2 = ${fine(f)}`,
      ]),
      aligned([
        raw`\mathcal{L}_{\text{no pos}} &= ${fine(last(r.plain))} ${rel(last(r.plain))} \text{floor}`,
        raw`\mathcal{L}_{\text{pos}} &= ${fine(last(r.positioned))} ${rel(last(r.positioned))} \text{floor}`,
      ]),
      aligned([
        raw`\text{no positions} &: \ z^{(1)} ${eq(r.plain.context)} z^{(5)}`,
        raw`\text{positions} &: \ z^{(1)} ${eq(r.positioned.context)} z^{(5)}`,
      ]),
    );
  },
  code: (d) => {
    const words = twinWords(d);
    const n = words.length;
    const dIn = d.x.shape[1]!;
    return [
      `words = "${words.join(' ')}".split()`,
      `ids = [${TWIN_IDS.join(', ')}]  # each word's row of inputs`,
      'x = inputs[ids]',
      'target_twins = (x @ W_value0)[previous]',
      '',
      'print("without positions")',
      'weights_plain, context_plain = train(x, target_twins)',
      '',
      `torch.manual_seed(${d.seed})`,
      `pos_embedding = torch.nn.Embedding(${n}, ${dIn})`,
      `x_pos = x + pos_embedding(torch.arange(${n})).detach()`,
      'print("with learned positions")',
      'weights_pos, context_pos = train(x_pos, target_twins)',
      '',
      `floor = ((target_twins[${TWINS[0]}] - target_twins[${TWINS[1]}]) ** 2).sum() / 2 / target_twins.numel()`,
      'print("lowest loss without positions:", floor)',
      `print(context_plain[[${TWINS[0]}, ${TWINS[1]}]])  # the two "${words[TWINS[0]]}"s, without positions`,
      `print(context_pos[[${TWINS[0]}, ${TWINS[1]}]])  # and with`,
    ].join('\n');
  },
  source: NEW,
  output: (d) => {
    const r = twins(d);
    const pick = (t: Tensor): Tensor => {
      const c = t.shape[1]!;
      const data = new Float32Array(2 * c);
      TWINS.forEach((i, k) => data.set(t.data.subarray(i * c, (i + 1) * c), k * c));
      return { shape: [2, c], data };
    };
    return [
      'without positions',
      ...lossLines(r.plain),
      'with learned positions',
      ...lossLines(r.positioned),
      `lowest loss without positions: ${formatTensor(r.floor)}`,
      formatTensor(pick(r.plain.context)),
      formatTensor(pick(r.positioned.context)),
    ].join('\n');
  },
  views: [
    predictTwins,
    {
      kind: 'tensor',
      of: (d) => twins(d).plain.weights,
      caption: 'Weights after training, without positions',
      labels: TWIN_LABELS,
    },
    {
      kind: 'tensor',
      of: (d) => twins(d).positioned.weights,
      caption: 'Weights after training, with learned positions',
      labels: TWIN_LABELS,
    },
  ],
};

const scalingStep: Step = {
  id: 'why-sqrt-dk',
  title: 'Why the scores are scaled',
  prose: para`
Every score in this lesson was divided by $\sqrt{d_k}$ before the softmax. With $d_k = 2$ that only divides by 1.41; real models use $d_k = 64$ or more, and there it makes the difference between gradients that can move $W_q$ and $W_k$ and gradients that barely can.

A score $q \cdot k = \sum_{m=1}^{d_k} q_m k_m$ adds up $d_k$ products, so the larger $d_k$, the larger the scores and the wider their spread: for random entries centred on 0 the spread grows like $\sqrt{d_k}$, and \`torch.rand\`'s entries, all positive, make it grow faster still. Softmax turns a wide spread into weights of almost exactly 0 for every key but the top-scoring few. Its slope there is flat: $\partial \alpha_j / \partial \omega_j = \alpha_j (1 - \alpha_j)$ vanishes as $\alpha_j$ nears 0 or 1, and every gradient on its way to $W_q$ and $W_k$ passes through that slope. A key whose weight is 0 gets no signal to become more (or less) relevant. Dividing by $\sqrt{d_k}$ undoes the $\sqrt{d_k}$ growth, so for centred entries the spread no longer depends on the size.

The code draws $W_q$ and $W_k$ of size $3 \times ${WIDE_DK}$ (and a $3 \times 2$ $W_v$) after the lesson's seed, sets the same kind of target as before (each word's starting value of the word before), and runs one forward and backward pass each way: without the division, and with it. It prints each row's largest weight, how many of the 36 weights are under 0.001, and the norm of each gradient. $W_v$'s gradient does not pass through the softmax, so it keeps its size; compare $W_q$'s and $W_k$'s. (Real models draw their weights centred on 0, which changes the numbers but not the reason.)
  `,
  formula: (d) => {
    const s = scaling(d);
    const q = d.query;
    const spread = (t: Tensor) => {
      const xs = Array.from(t.data.subarray(q * t.shape[1]!, (q + 1) * t.shape[1]!));
      return Math.max(...xs) - Math.min(...xs);
    };
    const n = s.unscaled.result.weights!.data.length;
    const g = (p: ScalingPass, k: 0 | 1 | 2) => smallNum(p.norms[k].data[0]!, 2);
    const rows = [
      raw`\text{spread} & ${num(spread(s.unscaled.result.scaled), 2)} & ${num(spread(s.scaled.result.scaled), 2)}`,
      raw`\alpha < 0.001 & ${s.unscaled.tiny} / ${n} & ${s.scaled.tiny} / ${n}`,
      raw`\lVert \nabla W_q \rVert & ${g(s.unscaled, 0)} & ${g(s.scaled, 0)}`,
      raw`\lVert \nabla W_k \rVert & ${g(s.unscaled, 1)} & ${g(s.scaled, 1)}`,
      raw`\lVert \nabla W_v \rVert & ${g(s.unscaled, 2)} & ${g(s.scaled, 2)}`,
    ];
    return stack(
      raw`d_k = ${WIDE_DK},\ \text{spread} = \max_j \omega_{${q + 1}j} - \min_j \omega_{${q + 1}j}`,
      raw`\begin{array}{l|c|c} & \omega & \omega / \sqrt{${WIDE_DK}} \\ \hline ${rows.join(raw` \\ `)} \end{array}`,
    );
  },
  code: (d) => {
    const dIn = d.x.shape[1]!;
    return [
      `torch.manual_seed(${d.seed})`,
      `W_query64 = torch.rand(${dIn}, ${WIDE_DK}, requires_grad=True)`,
      `W_key64 = torch.rand(${dIn}, ${WIDE_DK}, requires_grad=True)`,
      `W_value64 = torch.rand(${dIn}, 2, requires_grad=True)`,
      'target64 = (inputs @ W_value64).detach()[previous]',
      '',
      'for scaled in (False, True):',
      '    scores = (inputs @ W_query64) @ (inputs @ W_key64).T',
      '    if scaled:',
      `        scores = scores / ${WIDE_DK}**0.5`,
      '    weights = torch.softmax(scores, dim=-1)',
      '    loss = F.mse_loss(weights @ (inputs @ W_value64), target64)',
      '    grads = torch.autograd.grad(loss, [W_query64, W_key64, W_value64])',
      '    print("scaled" if scaled else "not scaled")',
      '    print("  largest weights:", weights.detach().max(dim=-1).values)',
      '    print("  weights under 0.001:", (weights < 0.001).sum().item(), "of", weights.numel())',
      '    for name, g in zip(("W_query", "W_key", "W_value"), grads):',
      '        print(f"  {name}.grad norm:", g.norm())',
    ].join('\n');
  },
  source: NEW,
  output: (d) => {
    const s = scaling(d);
    const names = ['W_query', 'W_key', 'W_value'];
    const pass = (label: string, p: ScalingPass) => [
      label,
      `  largest weights: ${formatTensor(p.maxWeights)}`,
      `  weights under 0.001: ${p.tiny} of ${p.result.weights!.data.length}`,
      ...p.norms.map((n, k) => `  ${names[k]}.grad norm: ${formatTensor(n)}`),
    ];
    return [...pass('not scaled', s.unscaled), ...pass('scaled', s.scaled)].join('\n');
  },
  views: [
    predictScaling,
    {
      kind: 'tensor',
      of: (d) => scaling(d).unscaled.result.weights!,
      caption: `Weights with ${WIDE_DK}-dim keys, raw scores`,
    },
    {
      kind: 'tensor',
      of: (d) => scaling(d).scaled.result.weights!,
      caption: `Weights with ${WIDE_DK}-dim keys, scores / √${WIDE_DK}`,
    },
  ],
};

export const beyondSteps: readonly Step[] = [downstreamStep, twinsStep, scalingStep];

/** Labels of the repeated-word sentence's rows, as its heatmaps show them. */
export const twinLabels = (d: Derived): string[] => tokenLabels(twinWords(d));
