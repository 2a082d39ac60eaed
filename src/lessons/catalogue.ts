/**
 * What the app shell needs to know about each lesson before the lessons themselves have loaded:
 * the catalogue, page titles and "not found" messages. The full lessons (steps, prose, code) live
 * in a lazily loaded chunk; this module imports nothing but types and the fixed ids, so the shell
 * stays small. `catalogue.test.ts` checks that it agrees with the full lessons.
 */
import type { LessonId } from './types';

/** A lesson as the catalogue lists it. */
export interface LessonInfo {
  id: LessonId;
  title: string;
  /** The notebook the lesson follows, as a reader would name it. */
  follows: string;
  summary: string;
  /** Number of steps; 0 for a page without steps (the playground). */
  stepCount: number;
}

/** The ordered catalogue, in the order of `LESSONS` and `LESSON_IDS`. */
export const LESSON_INFO: readonly LessonInfo[] = [
  {
    id: 'dream-big',
    title: 'Dream big and work for it',
    follows: 'Simplified attention mechanism without trainable weights',
    summary:
      'Six hand-picked 3-d word vectors: their lengths, dot products with the query “big”, softmax, and the context vector, drawn as arrows.',
    stepCount: 16,
  },
  {
    id: 'your-journey',
    title: 'Your journey starts with one step',
    follows: 'Coding attention mechanism',
    summary:
      'Attention scores by hand and by loop, why a naive softmax overflows, context vectors, then trainable query, key and value weights.',
    stepCount: 29,
  },
  {
    id: 'training',
    title: 'Train the weights',
    follows: 'No notebook: training the weights of your-journey',
    summary:
      'Pick who should attend to whom, then watch gradients and SGD or Adam train W_query and W_key toward it, step by step.',
    stepCount: 9,
  },
  {
    id: 'random-embeddings',
    title: 'How self attention works in Transformer',
    follows: 'The Self-Attention, Backbone of Transformers',
    summary:
      'Random embeddings with negative scores: why dividing by the sum fails and softmax does not.',
    stepCount: 14,
  },
  {
    id: 'life-is-short',
    title: 'Life is short, eat dessert first',
    follows: 'Self-attention works from scratch',
    summary:
      'A vocabulary, 16-d embeddings from nn.Embedding, and query, key and value matrices of sizes 24, 24 and 28.',
    stepCount: 16,
  },
  {
    id: 'attention-seeker',
    title: 'Hello World I am an attention seeker',
    follows: 'Normal Implementation',
    summary: 'Scaled dot-product attention end to end, and what torch.manual_seed really fixes.',
    stepCount: 18,
  },
  {
    id: 'word-order',
    title: 'Word order',
    follows: 'No notebook: a new lesson on positions',
    summary:
      'Shuffle a sentence and attention only shuffles its output; twin words stay twins. A causal mask, learned, sinusoidal and rotary positions.',
    stepCount: 10,
  },
  {
    id: 'playground',
    title: 'Playground',
    follows: 'No notebook: your own sentence',
    summary: 'Type any sentence, choose sizes and a seed, and watch attention work on it.',
    stepCount: 0,
  },
];

/**
 * A lesson's title, notebook and summary, for the lesson's own definition: written once, here,
 * where the shell can read them without loading the lesson.
 */
export function catalogueText(id: LessonId): Pick<LessonInfo, 'title' | 'follows' | 'summary'> {
  const { title, follows, summary } = findLessonInfo(id)!;
  return { title, follows, summary };
}

/** The catalogue entry of a lesson id, or undefined for an id no lesson has. */
export function findLessonInfo(id: string): LessonInfo | undefined {
  return LESSON_INFO.find((l) => l.id === id);
}
