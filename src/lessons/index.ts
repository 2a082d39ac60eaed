import { zeros } from '../math/tensor';
import { dreamBig } from './dreamBig';
import type { Lesson, LessonId } from './types';
import { LESSON_IDS } from './types';
import { yourJourney } from './yourJourney';

/** The ordered catalogue. */
export const LESSONS: readonly Lesson[] = [
  dreamBig,
  yourJourney,
  pending({
    id: 'random-embeddings',
    title: 'How self attention works in Transformer',
    sentence: 'How self attention works in Transformer',
    follows: 'The Self-Attention, Backbone of Transformers',
    summary:
      'Random embeddings with negative scores: why dividing by the sum fails and softmax does not.',
  }),
  pending({
    id: 'life-is-short',
    title: 'Life is short, eat dessert first',
    sentence: 'Life is short, eat dessert first',
    follows: 'Self-attention works from scratch',
    summary:
      'A vocabulary, 16-d embeddings from nn.Embedding, and query, key and value matrices of sizes 24, 24 and 28.',
  }),
  pending({
    id: 'attention-seeker',
    title: 'Hello World I am an attention seeker',
    sentence: 'Hello World I am an attention seeker I love attention',
    follows: 'Normal Implementation',
    summary: 'Scaled dot-product attention end to end, and what torch.manual_seed really fixes.',
  }),
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
