/** The training lesson's questions are answered by the live numbers, and change with them. */
import { describe, expect, it } from 'vitest';
import { derive, initialState } from '../derive';
import type { LessonState, View } from '../types';
import { training } from './index';
import { defaultChoice, type TrainingChoice } from './model';

type Predict = Extract<View, { kind: 'predict' }>;
const questions = training.steps
  .flatMap((s) => s.views ?? [])
  .filter((v): v is Predict => v.kind === 'predict');
const q = (id: string) => questions.find((v) => v.id === id)!;

const start = initialState(training);
const at = (c: Partial<TrainingChoice>): LessonState => ({
  ...start,
  training: { ...defaultChoice(6), ...c },
});
const answer = (id: string, c: Partial<TrainingChoice>) => q(id).answer(derive(training, at(c)));

describe('training questions', () => {
  it('there are at least three, each with a reveal that states numbers', () => {
    expect(questions.length).toBeGreaterThanOrEqual(3);
    for (const v of questions) expect(v.reveal(derive(training, start))).toMatch(/\d\.\d{4}/);
  });

  it('one step lowers the loss at a small rate; at a huge one it does not', () => {
    expect(answer('one-step', { lr: 0.5 })).toBe(0);
    expect(answer('one-step', { lr: 500 })).toBe(1);
  });

  it('SGD at lr 50 blows up for one goal and ends lower for another', () => {
    expect(answer('lr-50', {})).toBe(2);
    expect(answer('lr-50', { goal: [0, 0, 0, 0, 0, 0] })).toBe(0);
    expect(q('lr-50').reveal(derive(training, start))).toContain('first nan or inf at step 18');
  });

  it('SGD or Adam: the answer follows the learning rate', () => {
    // At 0.5 Adam gets further in 100 steps; at 500 SGD diverges and Adam does not.
    expect(answer('sgd-or-adam', { lr: 0.5 })).toBe(1);
    expect(answer('sgd-or-adam', { lr: 500 })).toBe(1);
    // The same question from the Adam side of the setting gives the same answer.
    expect(answer('sgd-or-adam', { lr: 0.5, optimizer: 'adam' })).toBe(1);
    // Both reach a loss of exactly 0 (every row's softmax saturates on the first word): a tie.
    expect(answer('sgd-or-adam', { lr: 10, goal: [0, 0, 0, 0, 0, 0] })).toBe(2);
  });
});
