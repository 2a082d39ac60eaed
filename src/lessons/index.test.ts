import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { derive, initialState } from './derive';
import { LESSONS, findLesson, isLessonId } from './index';
import { proseTex } from './testing';
import { LESSON_IDS } from './types';

describe('lesson catalogue', () => {
  it('lists every fixed lesson id once, in order', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([...LESSON_IDS]);
  });
  it('finds lessons by id and rejects others', () => {
    expect(findLesson('dream-big')?.title).toBe('Dream big and work for it');
    expect(findLesson('nope')).toBeUndefined();
    expect(isLessonId('playground')).toBe(true);
    expect(isLessonId('constructor')).toBe(false);
  });
  it('gives every step a unique id within its lesson', () => {
    for (const lesson of LESSONS) {
      const ids = lesson.steps.map((s) => s.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});

describe('predict-then-reveal questions, in every lesson', () => {
  const questions = LESSONS.flatMap((lesson) =>
    lesson.steps.flatMap((step) =>
      (step.views ?? []).flatMap((v) => (v.kind === 'predict' ? [{ lesson, step, v }] : [])),
    ),
  );

  it('exist', () => {
    expect(questions.length).toBeGreaterThan(0);
  });

  it('have ids unique within their lesson', () => {
    for (const lesson of LESSONS) {
      const ids = questions.filter((q) => q.lesson === lesson).map((q) => q.v.id);
      expect(new Set(ids).size, lesson.id).toBe(ids.length);
    }
  });

  it.each(questions.map((q) => [`${q.lesson.id}/${q.v.id}`, q] as const))(
    '%s: offers two or more choices, answers one of them at the defaults, and its TeX renders',
    (_, { lesson, v }) => {
      expect(v.choices.length).toBeGreaterThanOrEqual(2);
      const d = derive(lesson, initialState(lesson));
      const index = v.answer(d);
      expect(Number.isInteger(index) && index >= 0 && index < v.choices.length).toBe(true);
      for (const tex of [...proseTex(v.question), ...proseTex(v.reveal(d))]) {
        expect(() => katex.renderToString(tex, { throwOnError: true }), tex).not.toThrow();
      }
    },
  );
});
