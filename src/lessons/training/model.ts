/**
 * What the learner chooses in the training lesson, and what is derived from it: the types and the
 * defaults. A leaf module (it imports only src/math), so `types.ts` can name these types.
 */
import type { Tensor } from '../../math/tensor';

export type OptimizerKind = 'sgd' | 'adam';

/** The training lesson's learner choices (LessonState.training; absent: the defaults). */
export interface TrainingChoice {
  /** For each query row, the key index it should attend to (the cross-entropy target). */
  goal: readonly number[];
  optimizer: OptimizerKind;
  /** The learning rate: finite, positive, a float64 as typed. */
  lr: number;
  /** How many steps a run takes (Play stops there; the loss curve's length). */
  steps: number;
  /** The step shown: the weights after this many optimizer steps (0 to `steps`). */
  step: number;
}

/** Shortest and longest runs the steps field accepts. */
export const MIN_STEPS = 1;
export const MAX_STEPS = 2000;
/** Largest learning rate the field accepts (beyond it every run is nan at once). */
export const MAX_LR = 1e6;

/** The opening run: every word attends to itself, SGD at lr 0.5 for 100 steps, at step 0. */
export function defaultChoice(n: number): TrainingChoice {
  return {
    goal: Array.from({ length: n }, (_, i) => i),
    optimizer: 'sgd',
    lr: 0.5,
    steps: 100,
    step: 0,
  };
}

/** Values of the training lesson derived from its start and TrainingChoice. */
export interface TrainingDerived {
  choice: TrainingChoice;
  /** The goal as a tensor of indices (what `target` prints), [n]. */
  target: readonly number[];
  /** At step 0: the loss, gradients and attention, before any update. */
  start: TrainingSnapshot;
  /** After one SGD step by hand (`W -= lr * W.grad` under no_grad), from the start. */
  byHand: { wq: Tensor; wk: Tensor; loss: Tensor };
  /** After one `optimizer.step()` of torch.optim.SGD at the same lr, from the start. */
  sgdStep: { wq: Tensor; wk: Tensor; loss: Tensor };
  /** The loss each iteration 0 to steps - 1 printed (float32), and the loss at `steps`. */
  losses: Float32Array;
  /** At the current step. */
  now: TrainingSnapshot;
}

/** The pipeline at some weights: what a forward and backward pass there computes. */
export interface TrainingSnapshot {
  wq: Tensor;
  wk: Tensor;
  queries: Tensor;
  keys: Tensor;
  /** `queries @ keys.T / sqrt(d_k)`, [n, n]. */
  scaled: Tensor;
  /** softmax(scaled, dim=-1), [n, n]. */
  weights: Tensor;
  /** 0-d loss. */
  loss: Tensor;
  /** W_query.grad and W_key.grad there. */
  gq: Tensor;
  gk: Tensor;
  /** d loss / d scaled: (softmax(row) - onehot(target)) / n, [n, n]. */
  gScaled: Tensor;
}
