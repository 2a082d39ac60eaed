import { afterEach, describe, expect, it, vi } from 'vitest';
import * as attention from '../math/attention';
import { causalMask, maskedFill } from '../math/ops';
import { row, tensor, tensorsEqual, type Tensor } from '../math/tensor';
import { derive, initialState, reseed } from './derive';
import { LESSONS } from './index';
import type { Derived, Highlight, Lesson, LessonState } from './types';
import { stepCode } from './common';

// Every pipeline function is spied on, so a test can count who computes attention, and on what.
vi.mock('../math/attention', async (importOriginal) => {
  const real = await importOriginal<typeof import('../math/attention')>();
  return {
    ...real,
    simpleAttention: vi.fn(real.simpleAttention),
    attentionForQuery: vi.fn(real.attentionForQuery),
    projectQKV: vi.fn(real.projectQKV),
    scaledDotProductAttention: vi.fn(real.scaledDotProductAttention),
    selfAttention: vi.fn(real.selfAttention),
  };
});

const real = await vi.importActual<typeof import('../math/attention')>('../math/attention');
const spied = () => [
  vi.mocked(attention.simpleAttention),
  vi.mocked(attention.attentionForQuery),
  vi.mocked(attention.projectQKV),
  vi.mocked(attention.scaledDotProductAttention),
  vi.mocked(attention.selfAttention),
];
afterEach(() => spied().forEach((s) => s.mockClear()));

const lessons = LESSONS.filter((l) => l.steps.length > 0);
const trainable = lessons.filter((l) => l.trainable);

/** Bit for bit: the same shape and the same float32 bits (so -0 differs from 0, nan equals nan). */
function expectBits(actual: Tensor, expected: Tensor, what: string): void {
  expect(actual.shape, what).toEqual(expected.shape);
  const bits = (t: Tensor) => Array.from(new Uint32Array(Float32Array.from(t.data).buffer));
  expect(bits(actual), what).toEqual(bits(expected));
}

/** A fresh state object with the query `q` and the first entry of its embedding moved. */
function stateFor(lesson: Lesson, q: number, nudge = 0): LessonState {
  const start = initialState(lesson);
  const data = Float32Array.from(start.embeddings.data);
  data[q * start.embeddings.shape[1]!] = data[q * start.embeddings.shape[1]!]! + nudge;
  return { ...start, query: q, embeddings: tensor(start.embeddings.shape, data) };
}

/** Everything a learner can see on every step: code, output and formula at several pointers. */
function showEveryStep(lesson: Lesson, d: Derived): void {
  const pointers: Highlight[] = [
    { i: null, j: null },
    { i: 0, j: null },
    { i: null, j: 1 },
    { i: 2, j: 0 },
  ];
  for (const s of lesson.steps) {
    stepCode(s, d);
    s.output?.(d);
    for (const h of pointers) s.formula?.(d, h);
  }
}

describe('derive: the whole trainable pipeline, every row', () => {
  it.each(trainable.map((l) => [l.id, l] as const))(
    '%s: equals the math core’s selfAttention, plain and causal, bit for bit',
    (_, lesson) => {
      const state = initialState(lesson);
      const t = derive(lesson, state).trainable!;
      const { wq, wk, wv } = state.weights!;
      const layout = lesson.trainable!.layout ?? 'x@W';
      const whole = real.selfAttention(state.embeddings, wq, wk, wv, layout);
      const causal = real.selfAttention(state.embeddings, wq, wk, wv, layout, { causal: true });
      for (const k of [
        'queries',
        'keys',
        'values',
        'scores',
        'scaled',
        'weights',
        'context',
      ] as const)
        expectBits(t[k], whole[k], k);
      expectBits(t.causal.masked, causal.masked!, 'causal.masked');
      expectBits(t.causal.weights, causal.weights, 'causal.weights');
      expectBits(t.causal.context, causal.context, 'causal.context');
      const n = state.embeddings.shape[0]!;
      expectBits(t.maskedScores, maskedFill(whole.scores, causalMask(n), -Infinity), 'masked');
    },
  );

  it.each(trainable.map((l) => [l.id, l] as const))(
    '%s: the query’s rows equal one query run alone through the pipeline, for every query',
    (_, lesson) => {
      const n = initialState(lesson).embeddings.shape[0]!;
      for (let q = 0; q < n; q++) {
        const state = stateFor(lesson, q, 0.25);
        const t = derive(lesson, state).trainable!;
        const { wq, wk, wv } = state.weights!;
        const layout = lesson.trainable!.layout ?? 'x@W';
        // The notebooks' one-query route: project x_q alone, score it against every key.
        const one = real.projectQKV(row(state.embeddings, q), wq, wk, wv, layout);
        const alone = real.scaledDotProductAttention(one.queries, t.keys, t.values);
        expectBits(t.queryVec, one.queries, `query ${q}: queryVec`);
        expectBits(t.omega, alone.scores, `query ${q}: omega`);
        expectBits(t.queryWeights, alone.weights, `query ${q}: weights`);
        expectBits(t.queryContext, alone.context, `query ${q}: context`);
        // And they are the query's rows of the whole matrices.
        expectBits(t.queryVec, row(t.queries, q), `query ${q}: row of queries`);
        expectBits(t.omega, row(t.scores, q), `query ${q}: row of scores`);
        expectBits(t.queryWeights, row(t.weights, q), `query ${q}: row of weights`);
        expectBits(t.queryContext, row(t.context, q), `query ${q}: row of context`);
      }
    },
  );

  it.each(lessons.map((l) => [l.id, l] as const))(
    '%s: plain attention’s query rows equal the rows of the whole matrices',
    (_, lesson) => {
      const n = initialState(lesson).embeddings.shape[0]!;
      for (let q = 0; q < n; q++) {
        const d = derive(lesson, stateFor(lesson, q, -0.5));
        expectBits(d.queryScores, row(d.scores, q), `query ${q}: scores`);
        expectBits(d.queryWeights, row(d.weights, q), `query ${q}: weights`);
        expectBits(d.queryContext, row(d.context, q), `query ${q}: context`);
      }
    },
  );
});

describe('derive: computed once per state, and nowhere else', () => {
  it('returns the same values for the same state object, and computes again for a new one', () => {
    const lesson = trainable[0]!;
    const state = initialState(lesson);
    const d = derive(lesson, state);
    expect(derive(lesson, state)).toBe(d);
    expect(vi.mocked(attention.projectQKV)).toHaveBeenCalledTimes(1);
    const again = derive(lesson, { ...state });
    expect(again).not.toBe(d);
    expect(vi.mocked(attention.projectQKV)).toHaveBeenCalledTimes(2);
  });

  it.each(lessons.map((l) => [l.id, l] as const))(
    '%s: steps read the pipeline from Derived, never run it again on the lesson’s values',
    (_, lesson) => {
      for (const state of [stateFor(lesson, 0, 0.125), reseed(lesson, stateFor(lesson, 1), 7)]) {
        const d = derive(lesson, state);
        const wholeRuns = lesson.trainable ? 1 : 0;
        expect(vi.mocked(attention.simpleAttention)).toHaveBeenCalledTimes(1);
        expect(vi.mocked(attention.attentionForQuery)).toHaveBeenCalledTimes(1);
        expect(vi.mocked(attention.projectQKV)).toHaveBeenCalledTimes(wholeRuns);
        // The word-order lesson's own runs, once each: shuffled, causal, causal shuffled,
        // learned positions, learned positions shuffled, sinusoidal positions.
        const orderRuns = state.order ? 6 : 0;
        expect(vi.mocked(attention.scaledDotProductAttention)).toHaveBeenCalledTimes(
          wholeRuns + orderRuns,
        );
        spied().forEach((s) => s.mockClear());

        showEveryStep(lesson, d);

        expect(vi.mocked(attention.simpleAttention)).not.toHaveBeenCalled();
        expect(vi.mocked(attention.attentionForQuery)).not.toHaveBeenCalled();
        expect(vi.mocked(attention.projectQKV)).not.toHaveBeenCalled();
        expect(vi.mocked(attention.scaledDotProductAttention)).not.toHaveBeenCalled();
        // Only other weights may go through it (your-journey's second head has its own W).
        const mine = vi
          .mocked(attention.selfAttention)
          .mock.calls.filter(([, wq]) => state.weights && tensorsEqual(wq, state.weights.wq));
        expect(mine).toHaveLength(0);
        spied().forEach((s) => s.mockClear());
      }
    },
  );
});
