/** The training lesson's own steps: a goal, the gradients, one step, the loop. */
import { formatTensor } from '../../math/format';
import { para } from '../common';
import type { Derived, Step } from '../types';
import type { TrainingDerived } from './model';

/** The training part of Derived, which this lesson always has. */
export function trainingOf(d: Derived): TrainingDerived {
  if (!d.training) throw new Error('training: training values missing from Derived');
  return d.training;
}

export const coreSteps: readonly Step[] = [
  {
    id: 'goal',
    title: 'A goal',
    prose: para`
Pick, for every word, the word it should attend to.
    `,
    code: 'print(loss)',
    source: { kind: 'new', from: 'new: training goes past the notebook' },
    output: (d) => formatTensor(trainingOf(d).start.loss, { gradFn: 'NllLossBackward0' }),
  },
];
