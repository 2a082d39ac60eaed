import { readFileSync } from 'node:fs';

/** What real PyTorch printed for each lesson step (scripts/goldens/lessons.py). */
export interface LessonFixtures {
  /** Every lesson's step ids in order: step k is steps[lesson][k - 1]. */
  steps: Record<string, string[]>;
  lessons: Record<string, Record<string, string>>;
  edited: Record<
    string,
    { edit: { row: number; col: number; value: number }; outputs: Record<string, string> }
  >;
  /** Lessons with W matrices: one entry of a W matrix edited (0-based row and column). */
  wEdited: Record<
    string,
    {
      edit: { matrix: 'wq' | 'wk' | 'wv'; row: number; col: number; value: number };
      outputs: Record<string, string>;
    }
  >;
  /** Lessons with a seed control: the seed changed to `seed`. */
  reseeded: Record<string, { seed: number; outputs: Record<string, string> }>;
}

export const fixtures: LessonFixtures = JSON.parse(
  readFileSync(new URL('../src/math/fixtures/lessons.json', import.meta.url), 'utf8'),
);

/** The lessons the fixtures cover (those that have steps). */
export const fixtureLessons = Object.keys(fixtures.lessons);
