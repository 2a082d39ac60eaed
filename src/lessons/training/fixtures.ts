/**
 * The training lesson's states that `scripts/goldens/lessons.py` runs under real PyTorch besides
 * the lessons' usual ones (lessons.json `variants.training`); the unit and browser tests compare
 * every printed output in each. Each is at the end of its run, so the loop's cell runs it all.
 */
import { defaultChoice, type TrainingChoice } from './model';

const n = 6;
const base = defaultChoice(n);

export const TRAINING_VARIANTS: readonly { name: string; choice: TrainingChoice }[] = [
  /** The defaults, trained to the end. */
  { name: 'trained', choice: { ...base, step: base.steps } },
  /** An edited goal: each word attends to the previous word (the first to itself). */
  { name: 'goal', choice: { ...base, goal: [0, 0, 1, 2, 3, 4], step: base.steps } },
  /** Adam instead of SGD. */
  { name: 'adam', choice: { ...base, optimizer: 'adam', lr: 0.05, step: base.steps } },
  /** A learning rate high enough to diverge to nan within the run. */
  { name: 'diverge', choice: { ...base, lr: 500, step: base.steps } },
];
