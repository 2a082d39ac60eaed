import { zeros } from '../math/tensor';
import { dreamBig } from './dreamBig';
import { attentionSeeker } from './attentionSeeker';
import { lifeIsShort } from './lifeIsShort';
import { randomEmbeddings } from './randomEmbeddings';
import type { Lesson, LessonId } from './types';
import { LESSON_IDS } from './types';
import { yourJourney } from './yourJourney';

/** The ordered catalogue. */
export const LESSONS: readonly Lesson[] = [
  dreamBig,
  yourJourney,
  randomEmbeddings,
  lifeIsShort,
  attentionSeeker,
  pending({
    id: 'playground',
    title: 'Playground',
    sentence: 'Your own sentence',
    follows: 'No notebook: your own sentence',
    summary: 'Type any sentence, choose sizes and a seed, and watch attention work on it.',
  }),
];

/** A catalogue entry for a lesson whose steps are still being written. */
function pending(info: Pick<Lesson, 'id' | 'title' | 'sentence' | 'follows' | 'summary'>): Lesson {
  return { ...info, tokens: [], embeddings: zeros([0, 3]), query: 0, steps: [] };
}

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export function isLessonId(id: string): id is LessonId {
  return (LESSON_IDS as readonly string[]).includes(id);
}
