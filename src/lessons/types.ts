/**
 * Lessons are typed data: ids are stable because links carry them, and no prose lives in render code.
 */

/** The ids that links carry; fixed, never renamed. */
export const LESSON_IDS = [
  'dream-big',
  'your-journey',
  'random-embeddings',
  'life-is-short',
  'attention-seeker',
  'playground',
] as const;

export type LessonId = (typeof LESSON_IDS)[number];

/** One step of a lesson: one notebook cell (or a short run of them) explained. */
export interface Step {
  /** Stable within its lesson. */
  id: string;
  title: string;
  /** Markdown with inline `$…$` and display `$$…$$` TeX. */
  prose: string;
}

/** What the catalogue shows of a lesson, and the steps it walks. */
export interface Lesson {
  id: LessonId;
  title: string;
  /** The sentence whose words the lesson embeds. */
  sentence: string;
  /** The notebook the lesson follows, as a reader would name it. */
  follows: string;
  summary: string;
  /** Empty while the lesson is still being written. */
  steps: readonly Step[];
}
