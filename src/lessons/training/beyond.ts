/** More steps of the training lesson, after the core ones (see ./index.ts). */
import type { Step } from '../types';

export const beyondSteps: readonly Step[] = [];
