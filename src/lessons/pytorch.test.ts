/**
 * Every lesson, in each state a learner reaches with one gesture, prints exactly what real PyTorch
 * 1.13 printed for the code the page shows in that state (src/math/fixtures/lessons.json, written
 * by scripts/goldens/lessons.py from scripts/export-cells.ts): an edited embedding, an edited
 * W_query entry (lessons with W matrices) and another seed (lessons with a seed control). The
 * outputs at the defaults are checked in each lesson's own test file.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from './index';
import { derive, initialState, reseed } from './derive';
import {
  editedFixtures,
  expectNoStaleFixtures,
  fixtureLessonIds,
  fixtureSteps,
  itPrintsFixtures,
  lessonFixtures,
  reseededFixtures,
  wEditedFixtures,
  withEmbeddingEdit,
  withWeightEdit,
} from './testing';
import type { Derived, Lesson } from './types';

const written = LESSONS.filter((l) => l.steps.length > 0);
const hasSeed = (l: Lesson) => l.trainable !== undefined || l.generate !== undefined;

/** How many outputs in `outputs` differ from the lesson's outputs at its defaults. */
function changedFrom(lessonId: string, outputs: Record<string, string>): number {
  const defaults = lessonFixtures(lessonId)!;
  return Object.keys(outputs).filter((id) => outputs[id] !== defaults[id]).length;
}

it('the fixtures cover every lesson, every W matrix lesson and every seeded lesson', () => {
  expect(fixtureLessonIds().sort()).toEqual(written.map((l) => l.id).sort());
  for (const l of written) {
    // The browser tests open step k as steps[k - 1].
    expect(fixtureSteps(l.id), l.id).toEqual(l.steps.map((s) => s.id));
    expect(editedFixtures(l.id), l.id).toBeDefined();
    expect(wEditedFixtures(l.id) !== undefined, `${l.id}: W edit`).toBe(l.trainable !== undefined);
    expect(reseededFixtures(l.id) !== undefined, `${l.id}: seed`).toBe(hasSeed(l));
  }
  // Lessons with a seed control, and those with W matrices (training and word-order included).
  const ids = (ls: Lesson[]) => ls.map((l) => l.id).sort();
  const withW = ['attention-seeker', 'life-is-short', 'training', 'word-order', 'your-journey'];
  expect(ids(written.filter((l) => l.trainable))).toEqual(withW);
  expect(ids(written.filter(hasSeed))).toEqual([...withW, 'random-embeddings'].sort());
});

for (const lesson of written) {
  const start = initialState(lesson);
  const edited = editedFixtures(lesson.id);
  const wEdited = wEditedFixtures(lesson.id);
  const reseeded = reseededFixtures(lesson.id);

  describe(`${lesson.id}, with the query's first embedding entry edited`, () => {
    let d: Derived | undefined;
    const state = () => (d ??= derive(lesson, withEmbeddingEdit(start, edited!.edit)));
    it('names exactly the steps that print, and the edit changes outputs', () => {
      expect(edited!.edit).toEqual({ row: lesson.query, col: 0, value: 0.9 });
      expectNoStaleFixtures(lesson.steps, edited!.outputs);
      expect(changedFrom(lesson.id, edited!.outputs)).toBeGreaterThan(3);
    });
    itPrintsFixtures(lesson.steps, () => edited?.outputs, state, '%s prints what PyTorch printed');
  });

  if (lesson.trainable) {
    describe(`${lesson.id}, with a W_query entry edited`, () => {
      let d: Derived | undefined;
      const state = () => (d ??= derive(lesson, withWeightEdit(start, wEdited!.edit)));
      it('names exactly the steps that print; the edit shows in the code and changes outputs', () => {
        expect(wEdited!.edit).toEqual({ matrix: 'wq', row: 0, col: 1, value: 1.25 });
        expectNoStaleFixtures(lesson.steps, wEdited!.outputs);
        expect(changedFrom(lesson.id, wEdited!.outputs)).toBeGreaterThan(2);
        expect(state().trainable!.wq.data[1]).toBe(1.25);
      });
      itPrintsFixtures(
        lesson.steps,
        () => wEdited?.outputs,
        state,
        '%s prints what PyTorch printed',
      );
    });
  }

  if (hasSeed(lesson)) {
    describe(`${lesson.id}, with another seed`, () => {
      let d: Derived | undefined;
      const state = () => (d ??= derive(lesson, reseed(lesson, start, reseeded!.seed)));
      it('names exactly the steps that print, and the seed changes outputs', () => {
        expect(reseeded!.seed).toBe(7);
        expect(reseeded!.seed).not.toBe(start.seed);
        expectNoStaleFixtures(lesson.steps, reseeded!.outputs);
        expect(changedFrom(lesson.id, reseeded!.outputs)).toBeGreaterThan(2);
      });
      itPrintsFixtures(
        lesson.steps,
        () => reseeded?.outputs,
        state,
        '%s prints what PyTorch printed',
      );
    });
  }
}
