/**
 * The lesson `training` ("Train the weights"): your-journey's sentence, embeddings and seeded
 * weights, trained toward a goal the learner picks. The core steps are in ./core.ts, more in
 * ./beyond.ts; the derived values in ./derive.ts, the learner's choices in ./model.ts.
 */
import { catalogueText } from '../catalogue';
import type { Lesson } from '../types';
import { yourJourney } from '../yourJourney';
import { beyondSteps } from './beyond';
import { coreSteps } from './core';

export const training: Lesson = {
  id: 'training',
  ...catalogueText('training'),
  // Your-journey's sentence, embeddings, query and seeded weights: training starts where it ends.
  sentence: yourJourney.sentence,
  tokens: yourJourney.tokens,
  embeddings: yourJourney.embeddings,
  query: yourJourney.query,
  trainable: yourJourney.trainable,
  steps: [...coreSteps, ...beyondSteps],
};
