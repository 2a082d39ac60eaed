/**
 * The training lesson's derived values: the start (loss, gradients), one step by hand and by
 * optimizer, and the run at the chosen step. The run is a TrainingRun (src/train/run.ts): the
 * state at step k replays from checkpoints, so nothing derivable is stored; runs are kept in a
 * small module cache keyed on the start and the settings, so moving the step (playing, scrubbing)
 * replays at most a checkpoint interval.
 */
import { attentionGradients, type AttentionGradients } from '../../math/train';
import { softmax } from '../../math/ops';
import { tensor, type Tensor } from '../../math/tensor';
import { TrainingRun } from '../../train/run';
import type { Weights } from '../types';
import type { TrainingChoice, TrainingDerived, TrainingSnapshot } from './model';

const copy = (t: Tensor): Tensor => tensor(t.shape, t.data.slice());

/** The pipeline at W_query, W_key (W_value rides along: no path to a cross-entropy loss). */
export function snapshotAt(
  x: Tensor,
  wq: Tensor,
  wk: Tensor,
  wv: Tensor,
  goal: readonly number[],
): TrainingSnapshot {
  const r: AttentionGradients = attentionGradients(x, wq, wk, wv, {
    kind: 'crossEntropy',
    target: goal,
  });
  const n = x.shape[0]!;
  const weights = softmax(r.scaled, -1);
  // d loss / d scaled: cross_entropy's mean over n rows of (softmax - one-hot).
  const gScaled = gradOfScaled(r.scaled, weights, goal, n);
  return {
    wq: copy(wq),
    wk: copy(wk),
    queries: r.queries,
    keys: r.keys,
    scaled: r.scaled,
    weights,
    loss: r.loss,
    gq: r.grads[0],
    gk: r.grads[1],
    gScaled,
  };
}

/** (softmax(row) - onehot(target)) / n, each row: shown in the prose, not fed to PyTorch. */
function gradOfScaled(scaled: Tensor, weights: Tensor, goal: readonly number[], n: number): Tensor {
  const data = new Float32Array(scaled.data.length);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const p = weights.data[i * n + j]!;
      data[i * n + j] = Math.fround((p - (goal[i] === j ? 1 : 0)) / n);
    }
  }
  return tensor(scaled.shape, data);
}

/** Python-literal-safe key of a float32 array (-0 kept apart from 0). */
function keyOf(a: ArrayLike<number>): string {
  let s = '';
  for (let i = 0; i < a.length; i++) s += (Object.is(a[i], -0) ? '-0' : String(a[i])) + ',';
  return s;
}

const RUNS_KEPT = 8;
const runs = new Map<string, TrainingRun>();

/** The run for this start and these settings, from the cache or new (then cached). */
export function runFor(x: Tensor, w: Weights, choice: TrainingChoice): TrainingRun {
  const key = [
    keyOf(x.data),
    keyOf(w.wq.data),
    keyOf(w.wk.data),
    keyOf(w.wv.data),
    choice.goal.join(','),
    choice.optimizer,
    String(choice.lr),
    x.shape.join('x'),
  ].join('|');
  let run = runs.get(key);
  if (run) {
    runs.delete(key);
  } else {
    run = new TrainingRun(
      { x, weights: [w.wq, w.wk, w.wv] },
      {
        task: { kind: 'crossEntropy', target: choice.goal },
        optimizer:
          choice.optimizer === 'sgd'
            ? { kind: 'sgd', lr: choice.lr }
            : { kind: 'adam', lr: choice.lr },
      },
    );
    if (runs.size >= RUNS_KEPT) runs.delete(runs.keys().next().value!);
  }
  runs.set(key, run);
  return run;
}

/** Clears the run cache (tests that count replays). */
export function clearRuns(): void {
  runs.clear();
}

/** One SGD update of a weight by hand: `W -= lr * W.grad` (lr * grad rounded, then subtracted). */
function byHandUpdate(w: Tensor, g: Tensor, lr: number): Tensor {
  const lr32 = Math.fround(lr);
  const data = new Float32Array(w.data.length);
  for (let i = 0; i < data.length; i++) {
    data[i] = Math.fround(w.data[i]! - Math.fround(lr32 * g.data[i]!));
  }
  return tensor(w.shape, data);
}

export function deriveTraining(x: Tensor, w: Weights, choice: TrainingChoice): TrainingDerived {
  const { goal, lr } = choice;
  const start = snapshotAt(x, w.wq, w.wk, w.wv, goal);
  const hq = byHandUpdate(w.wq, start.gq, lr);
  const hk = byHandUpdate(w.wk, start.gk, lr);
  const handLoss = attentionGradients(x, hq, hk, w.wv, { kind: 'crossEntropy', target: goal }).loss;
  const sgd = new TrainingRun(
    { x, weights: [w.wq, w.wk, w.wv] },
    { task: { kind: 'crossEntropy', target: goal }, optimizer: { kind: 'sgd', lr } },
    { maxSteps: 1 },
  );
  sgd.seek(1);
  const [sq, sk] = sgd.weights.map(copy) as [Tensor, Tensor, Tensor];
  const sgdLoss = attentionGradients(x, sq, sk, w.wv, { kind: 'crossEntropy', target: goal }).loss;

  const run = runFor(x, w, choice);
  // Iteration `steps` computes the loss at the weights after `steps` updates: the curve's end.
  if (run.computed < choice.steps + 1) run.seek(choice.steps + 1);
  const losses = run.losses.slice(0, choice.steps + 1);

  const k = Math.min(Math.max(0, choice.step), choice.steps);
  run.seek(k);
  const [nq, nk, nv] = run.weights;
  const now = k === 0 ? start : snapshotAt(x, nq, nk, nv, goal);
  return {
    choice,
    target: goal,
    start,
    byHand: { wq: hq, wk: hk, loss: handLoss },
    sgdStep: { wq: sq, wk: sk, loss: sgdLoss },
    losses,
    now,
  };
}
