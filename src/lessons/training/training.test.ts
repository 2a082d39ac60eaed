/**
 * The training lesson: every printed output at the defaults and in each of its own states (a run
 * at the defaults, an edited goal, Adam, a diverging learning rate) is what PyTorch printed
 * (lessons.json, from scripts/goldens/lessons.py); the state at step k is the same however the
 * run got there; and the goal, optimizer, learning rate and step travel in a link bit for bit.
 */
import { describe, expect, it } from 'vitest';
import fixtures from '../../math/fixtures/lessons.json';
import { attentionGradients } from '../../math/train';
import { derive, initialState } from '../derive';
import {
  expectFormulasRender,
  expectNoStaleFixtures,
  expectProseTexRenders,
  itPrintsFixtures,
  lessonFixtures,
} from '../testing';
import type { Derived, LessonState } from '../types';
import { training } from './index';
import { clearRuns } from './derive';
import { TRAINING_VARIANTS } from './fixtures';
import { defaultChoice, type TrainingChoice } from './model';
import { printEvery, trainingOf } from './core';

const variants = (
  fixtures as unknown as {
    variants: Record<
      string,
      Record<string, { choice: TrainingChoice; outputs: Record<string, string> }>
    >;
  }
).variants.training!;

const start = initialState(training);
const withChoice = (c: Partial<TrainingChoice>): LessonState => ({
  ...start,
  training: { ...defaultChoice(6), ...c },
});

describe('training, at its defaults', () => {
  it('opens at step 0 of a 100-step SGD run, every word its own goal', () => {
    const t = trainingOf(derive(training, start));
    expect(t.choice).toEqual({
      goal: [0, 1, 2, 3, 4, 5],
      optimizer: 'sgd',
      lr: 0.5,
      steps: 100,
      step: 0,
    });
    expect(t.losses).toHaveLength(101);
  });
  const d = () => derive(training, start);
  it('names exactly the steps that print', () => {
    expectNoStaleFixtures(training.steps, lessonFixtures('training')!);
  });
  itPrintsFixtures(
    training.steps,
    () => lessonFixtures('training'),
    d,
    '%s prints what PyTorch printed',
  );
});

for (const v of TRAINING_VARIANTS) {
  describe(`training, state "${v.name}"`, () => {
    let d: Derived | undefined;
    const state = () => (d ??= derive(training, withChoice(v.choice)));
    it('was run by the fixture script with these very settings', () => {
      expect(variants[v.name]!.choice).toEqual(v.choice);
      expectNoStaleFixtures(training.steps, variants[v.name]!.outputs);
    });
    itPrintsFixtures(
      training.steps,
      () => variants[v.name]?.outputs,
      state,
      '%s prints what PyTorch printed',
    );
  });
}

describe('the fixture states say what they are for', () => {
  it('the edited goal changes the loss; Adam differs from SGD; the diverging run prints nan', () => {
    expect(variants.goal!.outputs.goal).not.toBe(variants.trained!.outputs.goal);
    expect(variants.adam!.outputs.loop).not.toBe(variants.trained!.outputs.loop);
    expect(variants.diverge!.outputs.loop).toContain('tensor(nan');
  });
});

describe('the run at step k', () => {
  it('is the same reached by playing forward, by scrubbing back, and from a fresh cache', () => {
    const at = (step: number) => trainingOf(derive(training, withChoice({ lr: 5, step }))).now;
    clearRuns();
    const fresh = at(37);
    for (let k = 0; k <= 100; k += 7) at(k);
    const again = at(37);
    expect(Array.from(again.wq.data)).toEqual(Array.from(fresh.wq.data));
    expect(Array.from(again.wk.data)).toEqual(Array.from(fresh.wk.data));
    expect(again.loss.data[0]).toBe(fresh.loss.data[0]);
  });

  it("the loss curve's value at k is the loss computed at step k's weights", () => {
    const t = trainingOf(derive(training, withChoice({ lr: 5, step: 42 })));
    const x = start.embeddings;
    const r = attentionGradients(x, t.now.wq, t.now.wk, start.weights!.wv, {
      kind: 'crossEntropy',
      target: t.target,
    });
    expect(t.losses[42]).toBe(r.loss.data[0]);
    expect(t.now.loss.data[0]).toBe(r.loss.data[0]);
  });

  it('a step past the end of the run shows the end', () => {
    const t = trainingOf(derive(training, withChoice({ steps: 10, step: 50 })));
    expect(t.now.loss.data[0]).toBe(t.losses[10]);
  });
});

describe('printEvery', () => {
  it('prints at most ten lines, at round intervals', () => {
    expect([1, 10, 11, 100, 150, 2000].map(printEvery)).toEqual([1, 1, 2, 10, 20, 200]);
  });
});

describe('the softmax gradient the backward step writes out', () => {
  it('each row is (softmax - one-hot) / n and sums to about 0', () => {
    const t = trainingOf(derive(training, start));
    const g = t.start.gScaled.data;
    const p = t.start.weights.data;
    expect(g[1 * 6 + 1]).toBeCloseTo((p[1 * 6 + 1]! - 1) / 6, 7);
    expect(g[1 * 6 + 2]).toBeCloseTo(p[1 * 6 + 2]! / 6, 7);
    for (let i = 0; i < 6; i++) {
      let s = 0;
      for (let j = 0; j < 6; j++) s += g[i * 6 + j]!;
      expect(Math.abs(s)).toBeLessThan(1e-6);
    }
  });
});

describe('TeX', () => {
  it('every formula and the prose render with KaTeX, also for nan, Adam and tiny rates', () => {
    const states = [
      start,
      withChoice({ step: 50 }),
      withChoice({ lr: 500, step: 100 }),
      withChoice({ optimizer: 'adam', lr: 1e-5, step: 3 }),
    ].map((s) => derive(training, s));
    expectFormulasRender(
      training.steps,
      states,
      [
        { i: null, j: null },
        { i: 2, j: 4 },
      ],
      {
        strict: true,
      },
    );
    expectProseTexRenders(training.steps);
    for (const d of states) {
      for (const v of training.steps.flatMap((s) => s.views ?? [])) {
        if (v.kind === 'predict') expect(() => v.reveal(d)).not.toThrow();
      }
    }
  });
});
