import type { Lesson, LessonId } from './types';
import { LESSON_IDS } from './types';

/** The ordered catalogue. */
export const LESSONS: readonly Lesson[] = [
  {
    id: 'dream-big',
    title: 'Dream big and work for it',
    sentence: 'Dream big and work for it',
    follows: 'Simplified attention mechanism without trainable weights',
    summary:
      'Six hand-picked 3-d word vectors: their lengths, dot products with the query “big”, softmax, and the context vector, drawn as arrows.',
    steps: [],
  },
  {
    id: 'your-journey',
    title: 'Your journey starts with one step',
    sentence: 'Your journey starts with one step',
    follows: 'Coding attention mechanism',
    summary:
      'Attention scores by hand and by loop, why a naive softmax overflows, context vectors, then trainable query, key and value weights.',
    steps: [],
  },
  {
    id: 'random-embeddings',
    title: 'How self attention works in Transformer',
    sentence: 'How self attention works in Transformer',
    follows: 'The Self-Attention, Backbone of Transformers',
    summary:
      'Random embeddings with negative scores: why dividing by the sum fails and softmax does not.',
    steps: [],
  },
  {
    id: 'life-is-short',
    title: 'Life is short, eat dessert first',
    sentence: 'Life is short, eat dessert first',
    follows: 'Self-attention works from scratch',
    summary:
      'A vocabulary, 16-d embeddings from nn.Embedding, and query, key and value matrices of sizes 24, 24 and 28.',
    steps: [],
  },
  {
    id: 'attention-seeker',
    title: 'Hello World I am an attention seeker',
    sentence: 'Hello World I am an attention seeker I love attention',
    follows: 'Normal Implementation',
    summary: 'Scaled dot-product attention end to end, and what torch.manual_seed really fixes.',
    steps: [],
  },
  {
    id: 'playground',
    title: 'Playground',
    sentence: 'Your own sentence',
    follows: 'No notebook: your own sentence',
    summary: 'Type any sentence, choose sizes and a seed, and watch attention work on it.',
    steps: [],
  },
];

export function findLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}

export function isLessonId(id: string): id is LessonId {
  return (LESSON_IDS as readonly string[]).includes(id);
}
