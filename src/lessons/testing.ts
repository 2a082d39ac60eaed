/**
 * Test helpers the lesson tests share: the PyTorch fixtures (src/math/fixtures/lessons.json), step
 * lookup, and the checks every lesson runs (outputs equal the fixtures, all TeX renders, code
 * follows the query). Only tests import this file.
 */
import katex from 'katex';
import { expect, it } from 'vitest';
import fx from '../math/fixtures/lessons.json';
import { derive, initialState } from './derive';
import type { Derived, Highlight, Lesson, LessonState, Step } from './types';

/** lessons.json 'edited': every output with the query's first embedding entry set to 0.9. */
export interface EditedFixture {
  edit: { row: number; col: number; value: number };
  outputs: Record<string, string>;
}

/** lessons.json 'wEdited': every output with one entry of a W matrix edited. */
export interface WEditedFixture {
  edit: { matrix: 'wq' | 'wk' | 'wv'; row: number; col: number; value: number };
  outputs: Record<string, string>;
}

/** lessons.json 'reseeded': every output after the seed is changed to `seed`. */
export interface ReseededFixture {
  seed: number;
  outputs: Record<string, string>;
}

interface Fixtures {
  steps: Record<string, string[] | undefined>;
  lessons: Record<string, Record<string, string> | undefined>;
  edited: Record<string, EditedFixture | undefined>;
  wEdited: Record<string, WEditedFixture | undefined>;
  reseeded: Record<string, ReseededFixture | undefined>;
}
const all = fx as unknown as Fixtures;

/** A lesson's outputs at its defaults, by step id, as PyTorch printed them. */
export const lessonFixtures = (lessonId: string): Record<string, string> | undefined =>
  all.lessons[lessonId];

/** A lesson's outputs after the fixture script's edit. */
export const editedFixtures = (lessonId: string): EditedFixture | undefined => all.edited[lessonId];

/** A lesson's outputs after the fixture script's W edit (lessons with W matrices). */
export const wEditedFixtures = (lessonId: string): WEditedFixture | undefined =>
  all.wEdited[lessonId];

/** A lesson's outputs after the fixture script's seed change (lessons with a seed control). */
export const reseededFixtures = (lessonId: string): ReseededFixture | undefined =>
  all.reseeded[lessonId];

/** A lesson's step ids in order, as the fixture script listed them. */
export const fixtureSteps = (lessonId: string): string[] | undefined => all.steps[lessonId];

/** The lessons lessons.json covers. */
export const fixtureLessonIds = (): string[] => Object.keys(all.lessons);

/** `state` with one embedding entry set, as the table's edit does. */
export function withEmbeddingEdit(
  state: LessonState,
  edit: { row: number; col: number; value: number },
): LessonState {
  const x = state.embeddings;
  const data = Float32Array.from(x.data);
  data[edit.row * x.shape[1]! + edit.col] = edit.value;
  return { ...state, embeddings: { shape: x.shape, data } };
}

/** `state` with one entry of a W matrix set, as the W editor's edit does (the store's setWeight). */
export function withWeightEdit(state: LessonState, edit: WEditedFixture['edit']): LessonState {
  if (!state.weights) throw new Error('the lesson has no W matrices');
  const w = state.weights[edit.matrix];
  const data = Float32Array.from(w.data);
  data[edit.row * w.shape[1]! + edit.col] = edit.value;
  return { ...state, weights: { ...state.weights, [edit.matrix]: { shape: w.shape, data } } };
}

/** A step's code as shown for `d` (undefined for steps without code). */
export const codeText = (s: Step, d: Derived): string | undefined =>
  s.code === undefined ? undefined : typeof s.code === 'function' ? s.code(d) : s.code;

/** Step lookup for one lesson: a step by id, its code and its output (at `defaults` unless given). */
export function stepsOf(lesson: Lesson, defaults: Derived) {
  function step(id: string): Step {
    const s = lesson.steps.find((x) => x.id === id);
    if (!s) throw new Error(`no step ${id}`);
    return s;
  }
  const codeOf = (id: string, d: Derived = defaults): string => {
    const c = codeText(step(id), d);
    if (c === undefined) throw new Error(`step ${id} has no code`);
    return c;
  };
  const outputOf = (id: string, d: Derived = defaults): string => {
    const o = step(id).output;
    if (!o) throw new Error(`step ${id} has no output`);
    return o(d);
  };
  return { step, codeOf, outputOf };
}

/** A lesson's opening state, what it derives, and step lookup at those defaults. */
export function lessonHarness(lesson: Lesson) {
  const start = initialState(lesson);
  const defaults = derive(lesson, start);
  return { start, defaults, ...stepsOf(lesson, defaults) };
}

/** The TeX pieces of a Markdown prose string: $$display$$ and $inline$. */
export function proseTex(prose: string): string[] {
  const out: string[] = [];
  prose.split('$$').forEach((part, k) => {
    if (k % 2 === 1) out.push(part);
    else part.split('$').forEach((p, m) => m % 2 === 1 && out.push(p));
  });
  return out;
}

/** Every number in a printed tensor, in order. */
export const printedNumbers = (printed: string): number[] =>
  (printed.match(/-?\d+\.\d*(?:e[+-]\d+)?/g) ?? []).map(Number);

/**
 * One test per step with an output: it prints exactly `expected[id]`, for the state `d`.
 * `name` is the test's name (`%s` is the step id); `missing` the message when there is no fixture.
 */
export function itPrintsFixtures(
  steps: readonly Step[],
  expected: () => Record<string, string> | undefined,
  d: () => Derived,
  name = '%s',
  missing = (id: string) => `no fixture for ${id}: run scripts/goldens/lessons.py`,
): void {
  const withOutput = steps.filter((s) => s.output);
  it.each(withOutput.map((s) => [s.id, s] as const))(name, (id, s) => {
    const want = expected()?.[id];
    expect(want, missing(id)).toBeTypeOf('string');
    expect(s.output!(d())).toBe(want);
  });
}

/** The fixtures name exactly the steps that print. */
export function expectNoStaleFixtures(
  steps: readonly Step[],
  fixtures: Record<string, string> | undefined,
): void {
  const withOutput = steps.filter((s) => s.output).map((s) => s.id);
  expect(Object.keys(fixtures ?? {}).sort()).toEqual([...withOutput].sort());
}

/** Every step's formula renders with KaTeX, in every state and for every highlight. */
export function expectFormulasRender(
  steps: readonly Step[],
  states: readonly Derived[],
  highlights: readonly Highlight[],
  { strict = false }: { strict?: boolean } = {},
): void {
  const options: katex.KatexOptions = {
    displayMode: true,
    throwOnError: true,
    ...(strict ? { strict: 'error' as const } : {}),
  };
  for (const d of states) {
    for (const s of steps) {
      if (!s.formula) continue;
      for (const h of highlights) {
        const tex = s.formula(d, h);
        expect(
          () => katex.renderToString(tex, options),
          `${s.id} ${JSON.stringify(h)}`,
        ).not.toThrow();
      }
    }
  }
}

/** The TeX in every step's prose renders with KaTeX. */
export function expectProseTexRenders(steps: readonly Step[]): void {
  for (const s of steps) {
    for (const tex of proseTex(s.prose)) {
      expect(
        () => katex.renderToString(tex, { throwOnError: true }),
        `${s.id}: ${tex}`,
      ).not.toThrow();
    }
  }
}

/** No step's code, as shown for `d`, matches `stale` (names left over from another query). */
export function expectCodeAvoids(steps: readonly Step[], d: Derived, stale: RegExp): void {
  for (const s of steps) {
    const code = codeText(s, d);
    if (code === undefined) continue;
    expect(code, s.id).not.toMatch(stale);
  }
}
