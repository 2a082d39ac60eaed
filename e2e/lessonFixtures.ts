import { readFileSync } from 'node:fs';

/** What real PyTorch printed for each lesson step (scripts/goldens/lessons.py). */
export interface LessonFixtures {
  lessons: Record<string, Record<string, string>>;
  edited: Record<
    string,
    { edit: { row: number; col: number; value: number }; outputs: Record<string, string> }
  >;
}

export const fixtures: LessonFixtures = JSON.parse(
  readFileSync(new URL('../src/math/fixtures/lessons.json', import.meta.url), 'utf8'),
);

/** The lessons the fixtures cover (those that have steps). */
export const fixtureLessons = Object.keys(fixtures.lessons);
