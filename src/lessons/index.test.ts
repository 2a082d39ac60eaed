import { describe, expect, it } from 'vitest';
import { LESSONS, findLesson, isLessonId } from './index';
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
