/**
 * The training lesson's last three steps. Expected outputs are never computed by our code: they are
 * what real PyTorch 1.13 printed for each step's code as the page shows it, in four states
 * (defaults, two embedding edits, a W edit, another seed:
 * src/math/fixtures/training-beyond.json, from scripts/goldens/training_beyond.py).
 */
import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { tensor } from '../../math/tensor';
import fx from '../../math/fixtures/training-beyond.json';
import { stepCode } from '../common';
import { derive, initialState, reseed } from '../derive';
import {
  expectFormulasRender,
  expectNoStaleFixtures,
  expectProseTexRenders,
  itPrintsFixtures,
  printedNumbers,
  proseTex,
  withEmbeddingEdit,
  withWeightEdit,
} from '../testing';
import type { Derived, LessonState } from '../types';
import {
  beyondPredictions,
  beyondSteps,
  downstream,
  scaling,
  TWIN_LABELS,
  twinLabels,
  twins,
  twinWords,
} from './beyond';
import { STEPS, TWINS } from './beyondRuns';
import { training } from './index';

interface Fixture {
  steps: string[];
  defaults: { outputs: Record<string, string> };
  edited: { edit: { row: number; col: number; value: number }; outputs: Record<string, string> };
  twinEdited: {
    edit: { row: number; col: number; value: number };
    outputs: Record<string, string>;
  };
  wEdited: {
    edit: { matrix: 'wq' | 'wk' | 'wv'; row: number; col: number; value: number };
    outputs: Record<string, string>;
  };
  reseeded: { seed: number; outputs: Record<string, string> };
}
const fixture = fx as unknown as Fixture;

const start = initialState(training);
const states: Record<'defaults' | 'edited' | 'twinEdited' | 'wEdited' | 'reseeded', LessonState> = {
  defaults: start,
  edited: withEmbeddingEdit(start, fixture.edited.edit),
  twinEdited: withEmbeddingEdit(start, fixture.twinEdited.edit),
  wEdited: withWeightEdit(start, fixture.wEdited.edit),
  reseeded: reseed(training, start, fixture.reseeded.seed),
};
const derived = (k: keyof typeof states): Derived => derive(training, states[k]);

describe('training, the last three steps: structure', () => {
  it('end the lesson, in order, each with code, an output and a source', () => {
    const ids = beyondSteps.map((s) => s.id);
    expect(training.steps.slice(-3).map((s) => s.id)).toEqual(ids);
    expect(fixture.steps).toEqual(ids);
    for (const s of beyondSteps) {
      expect(s.code, s.id).toBeDefined();
      expect(s.output, s.id).toBeDefined();
      expect(s.source?.kind, s.id).toBe('new');
      expect(s.prose.length).toBeGreaterThan(200);
      expect(s.prose, s.id).not.toMatch(/(^|[\s(])_[^_\s`$][^_`$]*_(?=[\s.,;:)']|$)/);
    }
  });

  it('each asks its question beside its numbers', () => {
    for (const s of beyondSteps) {
      const asked = (s.views ?? []).filter((v) => v.kind === 'predict');
      expect(asked, s.id).toEqual([beyondPredictions[s.id]]);
    }
  });

  it('point to the word-order lesson', () => {
    expect(beyondSteps[1]!.prose).toContain('(#/word-order/1)');
  });

  it("label the repeated-word sentence's heatmaps with its words", () => {
    const d = derived('defaults');
    expect(twinWords(d).join(' ')).toBe('one step starts with one step');
    expect(twinLabels(d)).toEqual(TWIN_LABELS);
  });

  it('renders every formula in every state, and the TeX in the prose', () => {
    expectProseTexRenders(beyondSteps);
    expectFormulasRender(
      beyondSteps,
      (Object.keys(states) as (keyof typeof states)[]).map(derived),
      [
        { i: null, j: null },
        { i: 1, j: 2 },
      ],
    );
  });
});

for (const k of Object.keys(states) as (keyof typeof states)[]) {
  describe(`training, the last three steps, ${k}: print what PyTorch printed`, () => {
    it('the fixtures name exactly the steps that print', () => {
      expectNoStaleFixtures(beyondSteps, fixture[k].outputs);
    });
    itPrintsFixtures(
      beyondSteps,
      () => fixture[k].outputs,
      () => derived(k),
      '%s',
      (id) => `no fixture for ${id}: run scripts/goldens/training_beyond.py`,
    );
  });
}

describe('the states differ where they should', () => {
  it('each edit changes the outputs of the runs that read what it edits', () => {
    const d0 = fixture.defaults.outputs;
    const changed = (k: 'edited' | 'twinEdited' | 'wEdited' | 'reseeded') =>
      fixture.steps.filter((id) => fixture[k].outputs[id] !== d0[id]);
    // A new seed redraws every start; the repeated-word sentence does not use the query's row
    // (journey), and the 3 x 64 weights are drawn from the seed, not edited.
    expect(changed('reseeded')).toEqual(fixture.steps);
    expect(changed('edited')).toEqual(['downstream-goal', 'why-sqrt-dk']);
    expect(fixture.twinEdited.edit.row).toBe(4);
    expect(changed('twinEdited')).toEqual(fixture.steps);
    expect(changed('wEdited')).toEqual(['downstream-goal', 'repeated-word']);
  });

  it('the code shows the edits it trains from', () => {
    const code = stepCode(beyondSteps[0]!, derived('wEdited'))!;
    expect(code).toContain('W_query0[0, 1] = 1.25');
    expect(stepCode(beyondSteps[0]!, derived('defaults'))).not.toContain('# your edits');
    expect(stepCode(beyondSteps[1]!, derived('reseeded'))).toContain('torch.manual_seed(7)');
  });
});

describe('what the prose and the questions claim holds for the live numbers', () => {
  const all = (Object.keys(states) as (keyof typeof states)[]).map(derived);

  it('the twins get one context vector without positions, two with them', () => {
    for (const d of all) {
      const r = twins(d);
      const c = r.plain.context.shape[1]!;
      const row = (t: Float32Array, i: number) => Array.from(t.subarray(i * c, (i + 1) * c));
      expect(row(r.plain.context.data, TWINS[0])).toEqual(row(r.plain.context.data, TWINS[1]));
      expect(row(r.positioned.context.data, TWINS[0])).not.toEqual(
        row(r.positioned.context.data, TWINS[1]),
      );
      // The floor holds: without positions the loss never goes below it.
      const floor = r.floor.data[0]!;
      expect(floor).toBeGreaterThan(0);
      for (const l of r.plain.losses) expect(l).toBeGreaterThanOrEqual(floor * (1 - 1e-6));
      expect(beyondPredictions['repeated-word']!.answer(d)).toBe(0);
    }
  });

  it("the printed floor is PyTorch's, and the default run with positions goes below it", () => {
    const printed = fixture.defaults.outputs['repeated-word']!;
    const line = printed.split('\n').find((l) => l.startsWith('lowest loss'))!;
    const r = twins(derived('defaults'));
    expect(printedNumbers(line)[0]).toBeCloseTo(r.floor.data[0]!, 4);
    expect(r.positioned.losses[STEPS]!).toBeLessThan(r.floor.data[0]!);
  });

  it('the answers follow the numbers they reveal', () => {
    for (const d of all) {
      const r = downstream(d);
      const half = r.losses[STEPS]! < r.losses[0]! / 2;
      expect(beyondPredictions['downstream-goal']!.answer(d)).toBe(half ? 0 : 1);
      const s = scaling(d);
      const ratio = s.unscaled.norms[0].data[0]! / s.scaled.norms[0].data[0]!;
      expect(beyondPredictions['why-sqrt-dk']!.answer(d)).toBe(ratio < 0.5 ? 0 : ratio > 2 ? 2 : 1);
      for (const p of Object.values(beyondPredictions)) {
        expect(p.answer(d)).toBeGreaterThanOrEqual(0);
        expect(p.answer(d)).toBeLessThan(p.choices.length);
        expect(p.reveal(d).length).toBeGreaterThan(40);
      }
    }
    // At the defaults the unscaled gradient of W_query is far smaller.
    expect(beyondPredictions['why-sqrt-dk']!.answer(derived('defaults'))).toBe(0);
  });

  it('states that the numbers settle nothing when they do not (equal words, saturated scores)', () => {
    const x = start.embeddings;
    const same = derive(training, { ...start, embeddings: tensor(x.shape, new Float32Array(18)) });
    const big = derive(training, {
      ...start,
      embeddings: tensor(
        x.shape,
        x.data.map((v) => v * 30),
      ),
    });
    expectFormulasRender(beyondSteps, [same, big], [{ i: null, j: null }]);
    for (const d of [same, big]) {
      for (const p of Object.values(beyondPredictions)) {
        expect(p.reveal(d), p.id).not.toMatch(/nan|NaN|Infinity/);
        expect(() => katex.renderToString(proseTex(p.reveal(d)).join(' '))).not.toThrow();
      }
    }
    // Every word the same: every target the same, so the twins' targets agree and the loss is 0.
    expect(beyondPredictions['repeated-word']!.reveal(same)).toContain('the same here');
    expect(beyondPredictions['downstream-goal']!.reveal(same)).toContain('nothing to halve');
    // Thirty times the embeddings: the unscaled gradient underflows to exactly 0.
    expect(scaling(big).unscaled.norms[0].data[0]).toBe(0);
    expect(beyondPredictions['why-sqrt-dk']!.answer(big)).toBe(0);
    expect(beyondPredictions['why-sqrt-dk']!.reveal(big)).toContain('exactly $0$');
  });

  it('runs once per set of tensors: a query change reuses the runs', () => {
    const d = derived('defaults');
    const moved = derive(training, { ...start, query: 3 });
    expect(downstream(moved)).toBe(downstream(d));
    expect(twins(moved)).toBe(twins(d));
    expect(scaling(moved)).toBe(scaling(d));
    const reseeded = derived('reseeded');
    expect(twins(reseeded)).not.toBe(twins(d));
  });
});
