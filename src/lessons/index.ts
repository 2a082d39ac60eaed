import { zeros } from '../math/tensor';
import { catalogueText } from './catalogue';
import { dreamBig } from './dreamBig';
import { attentionSeeker } from './attentionSeeker';
import { lifeIsShort } from './lifeIsShort';
import { randomEmbeddings } from './randomEmbeddings';
import type { Lesson, LessonId } from './types';
import { LESSON_IDS } from './types';
import { wordOrder } from './wordOrder';
import { yourJourney } from './yourJourney';
import { training } from './training';

/**
 * The ordered lessons, in full. The app shell lists them from `LESSON_INFO` (./catalogue) instead,
 * so it does not pull in their steps.
 */
export const LESSONS: readonly Lesson[] = [
  dreamBig,
  yourJourney,
  training,
  randomEmbeddings,
  lifeIsShort,
  attentionSeeker,
  wordOrder,
  pending('playground', 'Your own sentence'),
];

/**
 * A page without steps (the playground), described by its catalogue entry: what the catalogue and
 * page titles read. Nothing reads its tokens or embeddings (the playground's values are its own).
 */
function pending(id: LessonId, sentence: string): Lesson {
  return {
    id,
    ...catalogueText(id),
    sentence,
    tokens: [],
    embeddings: zeros([0, 3]),
    query: 0,
    steps: [],
  };
}

/** The full lesson of an id, or undefined for an id no lesson has. */
export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export function isLessonId(id: string): id is LessonId {
  return (LESSON_IDS as readonly string[]).includes(id);
}
