/**
 * The word-order lesson prints exactly what PyTorch 1.13 printed for the code it shows, at the
 * defaults, after a shuffle and after a position-vector edit (src/math/fixtures/lessons.json,
 * from scripts/goldens/lessons.py); the shared states (an embedding edit, a W edit, another seed)
 * are checked in pytorch.test.ts. Also: the claims its prose makes hold at the defaults.
 */
import { describe, expect, it } from 'vitest';
import fx from '../math/fixtures/lessons.json';
import { derive, reseed } from './derive';
import {
  expectFormulasRender,
  expectNoStaleFixtures,
  expectProseTexRenders,
  itPrintsFixtures,
  lessonFixtures,
  lessonHarness,
} from './testing';
import type { Derived, LessonState } from './types';
import { DEFAULT_PERM, TWINS, wordOrder } from './wordOrder';
import { permutationProblem } from './wordOrderModel';

interface OrderFixtures {
  shuffled: Record<string, { perm: number[]; outputs: Record<string, string> } | undefined>;
  posEdited: Record<
    string,
    | { edit: { row: number; col: number; value: number }; outputs: Record<string, string> }
    | undefined
  >;
}
const all = fx as unknown as OrderFixtures;
const shuffled = all.shuffled['word-order']!;
const posEdited = all.posEdited['word-order']!;

const { start, defaults, outputOf } = lessonHarness(wordOrder);

function withPerm(s: LessonState, perm: readonly number[]): LessonState {
  return { ...s, order: { ...s.order!, perm } };
}
function withPositionEdit(s: LessonState, e: { row: number; col: number; value: number }) {
  const p = s.order!.positions;
  const data = Float32Array.from(p.data);
  data[e.row * p.shape[1]! + e.col] = e.value;
  return { ...s, order: { ...s.order!, positions: { shape: p.shape, data } } };
}

describe('word-order at the defaults', () => {
  it('names exactly the steps that print', () => {
    expectNoStaleFixtures(wordOrder.steps, lessonFixtures('word-order'));
  });
  itPrintsFixtures(
    wordOrder.steps,
    () => lessonFixtures('word-order'),
    () => defaults,
  );
  it('opens with the sentence reversed, the twins at 2 and 7, 5 and 9', () => {
    expect(start.order!.perm).toEqual(DEFAULT_PERM);
    expect(permutationProblem(DEFAULT_PERM, 10)).toBeNull();
    expect(TWINS).toEqual([
      [2, 7],
      [5, 9],
    ]);
  });
  it('shows what the prose claims: shuffling only shuffles, twins are twins, positions part them', () => {
    expect(outputOf('shuffle').endsWith('True')).toBe(true);
    expect(
      outputOf('twins')
        .split('\n')
        .every((l) => l.endsWith('True True')),
    ).toBe(true);
    expect(outputOf('learned').endsWith('False False')).toBe(true);
    expect(outputOf('learned-shuffle').endsWith('False')).toBe(true);
    expect(outputOf('sinusoidal').endsWith('False False')).toBe(true);
    expect(outputOf('distance').endsWith('True')).toBe(true);
  });
  it('under the causal mask, a row stays exactly when its word sees the same set of words', () => {
    const words = wordOrder.tokens;
    for (const perm of [DEFAULT_PERM, shuffled.perm, [1, 0, 2, 3, 4, 5, 6, 7, 8, 9]]) {
      const d = derive(wordOrder, withPerm(start, perm));
      const sees = (ids: readonly number[]) => [...new Set(ids.map((i) => words[i]))].sort();
      const expected = perm.map(
        (w, i) =>
          JSON.stringify(sees(perm.slice(0, i + 1))) ===
          JSON.stringify(sees(Array.from({ length: w + 1 }, (_, k) => k))),
      );
      expect(d.order!.causalRowsSame, String(perm)).toEqual(expected);
    }
    // The prose's example: swapping the first two words changes only the first two rows.
    const swapped = derive(wordOrder, withPerm(start, [1, 0, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(swapped.order!.causalRowsSame).toEqual([false, false, ...Array(8).fill(true)]);
  });
  it('renders every formula and the prose TeX', () => {
    expectProseTexRenders(wordOrder.steps);
    expectFormulasRender(
      wordOrder.steps,
      [defaults, derive(wordOrder, withPerm(start, shuffled.perm))],
      [
        { i: null, j: null },
        { i: 3, j: null },
      ],
    );
  });
});

describe('word-order after a shuffle', () => {
  let d: Derived | undefined;
  const state = () => (d ??= derive(wordOrder, withPerm(start, shuffled.perm)));
  it('changes the outputs that show the order, and names exactly the steps that print', () => {
    expect(shuffled.perm).not.toEqual(DEFAULT_PERM);
    expectNoStaleFixtures(wordOrder.steps, shuffled.outputs);
    const changed = Object.keys(shuffled.outputs).filter(
      (id) => shuffled.outputs[id] !== lessonFixtures('word-order')![id],
    );
    expect(changed.sort()).toEqual(['causal', 'learned-shuffle', 'shuffle']);
  });
  itPrintsFixtures(
    wordOrder.steps,
    () => shuffled.outputs,
    state,
    '%s prints what PyTorch printed',
  );
});

describe('word-order after a position-vector edit', () => {
  let d: Derived | undefined;
  const state = () => (d ??= derive(wordOrder, withPositionEdit(start, posEdited.edit)));
  it('shows the edit in the code, and names exactly the steps that print', () => {
    expectNoStaleFixtures(wordOrder.steps, posEdited.outputs);
    const learned = wordOrder.steps.find((s) => s.id === 'learned')!;
    expect((learned.code as (d: Derived) => string)(state())).toContain('pos[7, 0] = -1.5');
    expect(posEdited.outputs.learned).not.toBe(lessonFixtures('word-order')!.learned);
  });
  itPrintsFixtures(
    wordOrder.steps,
    () => posEdited.outputs,
    state,
    '%s prints what PyTorch printed',
  );
});

describe('what the prose says of the learned positions', () => {
  it('swapping the twins leaves the output as it was, yet the check prints False', () => {
    const d = derive(wordOrder, withPerm(start, [0, 1, 7, 3, 4, 5, 6, 2, 8, 9]));
    const o = d.order!;
    expect(Array.from(o.learnedShuffled.context.data)).toEqual(Array.from(o.learned.context.data));
    const step = wordOrder.steps.find((s) => s.id === 'learned-shuffle')!;
    expect(step.output!(d).endsWith('\nFalse')).toBe(true);
    const inOrder = derive(wordOrder, withPerm(start, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(step.output!(inOrder).endsWith('\nTrue')).toBe(true);
  });
});

describe('a new seed', () => {
  it('redraws the position table and keeps the word order and the shift', () => {
    const moved = { ...start, order: { ...start.order!, perm: shuffled.perm, shift: 5 } };
    const next = reseed(wordOrder, moved, 7);
    expect(next.order!.perm).toEqual(shuffled.perm);
    expect(next.order!.shift).toBe(5);
    expect(next.order!.positions.data).not.toEqual(start.order!.positions.data);
  });
});

describe('predict, then check', () => {
  const predicts = wordOrder.steps.flatMap((s) =>
    (s.views ?? []).flatMap((v) => (v.kind === 'predict' ? [[s.id, v] as const] : [])),
  );
  const answer = (id: string, d: Derived) => {
    const v = predicts.find(([, p]) => p.id === id)![1];
    return v.answer(d);
  };

  it('asks at least three questions, each answered and explained from the live numbers', () => {
    expect(predicts.length).toBeGreaterThanOrEqual(3);
    // Each asked on the step whose numbers answer it.
    expect(predicts.map(([step, p]) => [step, p.id])).toEqual([
      ['shuffle', 'shuffle'],
      ['causal', 'causal'],
      ['learned', 'learned-twins'],
      ['distance', 'distance'],
    ]);
    for (const [, p] of predicts) {
      const k = p.answer(defaults);
      expect(k >= 0 && k < p.choices.length, p.id).toBe(true);
      expect(p.reveal(defaults).length, p.id).toBeGreaterThan(20);
    }
    expect(answer('shuffle', defaults)).toBe(0);
    expect(answer('causal', defaults)).toBe(0);
    expect(answer('learned-twins', defaults)).toBe(1);
    expect(answer('distance', defaults)).toBe(0);
  });

  it('answers follow the learner’s choices', () => {
    // Swapping the first two words: some causal rows stay, not all.
    const swapped = derive(wordOrder, withPerm(start, [1, 0, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(answer('causal', swapped)).toBe(1);
    // The sentence in order: every causal row stays.
    const inOrder = derive(wordOrder, withPerm(start, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    expect(answer('causal', inOrder)).toBe(2);
    // The two I's given the same position vector are twins again.
    const p = start.order!.positions;
    const data = Float32Array.from(p.data);
    data.copyWithin(7 * 4, 2 * 4, 3 * 4);
    const same = derive(wordOrder, {
      ...start,
      order: { ...start.order!, positions: { shape: p.shape, data } },
    });
    expect(answer('learned-twins', same)).toBe(0);
  });
});
