import { torchGenerator } from '../math/random';
import { fromRows } from '../math/tensor';
import type { Lesson } from './types';

/**
 * Seed notebook 002: "The Self-Attention, Backbone of Transformers". Its embeddings came from an
 * unseeded `torch.randn(6, 3)`, so the lesson opens with the values the notebook printed (four
 * decimals); "Roll new embeddings" applies `torch.manual_seed(seed); torch.randn(6, 3)`.
 */
export const randomEmbeddings: Lesson = {
  id: 'random-embeddings',
  title: 'How self attention works in Transformer',
  sentence: 'How self attention works in Transformer',
  follows: 'The Self-Attention, Backbone of Transformers',
  summary:
    'Random embeddings with negative scores: why dividing by the sum fails and softmax does not.',
  tokens: ['How', 'self', 'attention', 'works', 'in', 'Transformer'],
  embeddings: fromRows([
    [-0.3178, -0.8048, 0.7659],
    [0.6087, 0.6313, 0.4881],
    [-0.5776, 0.5329, 1.2401],
    [-0.7568, 1.0494, -0.4434],
    [1.8883, -1.5365, -0.5007],
    [-1.2233, -0.2219, -1.2253],
  ]),
  query: 1,
  seed: 0,
  opensWithPrintedValues: true,
  generate: (seed) => ({ embeddings: torchGenerator(seed).randn([6, 3]) }),
  steps: [],
};
