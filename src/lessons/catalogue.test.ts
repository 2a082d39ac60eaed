import { describe, expect, it } from 'vitest';
import { findLessonInfo, LESSON_INFO } from './catalogue';
import { LESSONS } from './index';

describe('lesson catalogue metadata', () => {
  it('lists the same lessons as the full lessons, in the same order', () => {
    expect(LESSON_INFO.map((l) => l.id)).toEqual(LESSONS.map((l) => l.id));
  });
  it('agrees with each full lesson on title, notebook, summary and step count', () => {
    for (const lesson of LESSONS) {
      expect(findLessonInfo(lesson.id)).toEqual({
        id: lesson.id,
        title: lesson.title,
        follows: lesson.follows,
        summary: lesson.summary,
        stepCount: lesson.steps.length,
      });
    }
  });
  it('finds nothing for an id no lesson has', () => {
    expect(findLessonInfo('no-such-lesson')).toBeUndefined();
    // Ids come from the address bar: inherited object keys must not match.
    expect(findLessonInfo('constructor')).toBeUndefined();
  });
});
