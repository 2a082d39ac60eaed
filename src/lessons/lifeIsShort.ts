import { torchGenerator } from '../math/random';
import { indexRows } from '../math/ops';
import { tensor } from '../math/tensor';
import type { Lesson } from './types';

/** `sorted(sentence.replace(",", "").split())` gives the vocabulary; these are the words' ids. */
export const SENTENCE_IDS = [0, 4, 5, 2, 1, 3] as const;

/**
 * Seed notebook 003: "Self-attention works from scratch" ("Life is short, eat dessert first"),
 * continued past its break as the article it names does (W_query.matmul(x_2), omega, softmax,
 * the 28-dimensional context vector z(2)).
 */
export const lifeIsShort: Lesson = {
  id: 'life-is-short',
  title: 'Life is short, eat dessert first',
  sentence: 'Life is short, eat dessert first',
  follows: 'Self-attention works from scratch',
  summary:
    'A vocabulary, 16-d embeddings from nn.Embedding, and query, key and value matrices of sizes 24, 24 and 28.',
  tokens: ['Life', 'is', 'short', 'eat', 'dessert', 'first'],
  // Replaced by generate(123) when the lesson opens; kept for the catalogue's shape.
  embeddings: tensor([6, 16], new Float32Array(96)),
  query: 1,
  trainable: { seed: 123, dIn: 16, dK: 24, dV: 28, layout: 'W@x' },
  // torch.manual_seed(seed); Embedding(6, 16)(sentence_vec); then the notebook re-seeds with the
  // same seed before W_Q, W_K, W_V = torch.rand(24, 16), torch.rand(24, 16), torch.rand(28, 16).
  generate: (seed) => {
    const embeddings = indexRows(torchGenerator(seed).embedding(6, 16), SENTENCE_IDS);
    const g = torchGenerator(seed);
    return {
      embeddings,
      weights: { wq: g.rand([24, 16]), wk: g.rand([24, 16]), wv: g.rand([28, 16]) },
    };
  },
  steps: [],
};
