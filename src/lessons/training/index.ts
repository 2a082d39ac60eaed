/**
 * The lesson `training` ("Train the weights"): your-journey's sentence, embeddings and seeded
 * weights, trained toward a goal the learner picks. The core steps are in ./core.ts, more in
 * ./beyond.ts; the derived values in ./derive.ts, the learner's choices in ./model.ts.
 */
import { catalogueText } from '../catalogue';
import { fromRows } from '../../math/tensor';
import type { Lesson } from '../types';
import { beyondSteps } from './beyond';
import { coreSteps } from './core';

export const training: Lesson = {
  id: 'training',
  ...catalogueText('training'),
  sentence: 'Your journey starts with one step',
  tokens: ['Your', 'journey', 'starts', 'with', 'one', 'step'],
  embeddings: fromRows([
    [0.43, 0.15, 0.89],
    [0.55, 0.87, 0.66],
    [0.57, 0.85, 0.64],
    [0.22, 0.58, 0.33],
    [0.77, 0.25, 0.1],
    [0.05, 0.8, 0.55],
  ]),
  query: 1,
  trainable: { seed: 123, dIn: 3, dK: 2, dV: 2 },
  steps: [...coreSteps, ...beyondSteps],
};
