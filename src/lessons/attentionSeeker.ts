import { torchGenerator } from '../math/random';
import { indexRows } from '../math/ops';
import { tensor } from '../math/tensor';
import type { Lesson } from './types';

export const PROMPT = 'Hello World I am an attention seeker I love attention';

/**
 * The notebook's vocabulary, quirk included: `{s.lower(): i for i, s in enumerate(sorted(...))}`
 * numbers the sorted words with duplicates, and a later duplicate overwrites an earlier id, so the
 * ids have gaps ('i' is 2, not 1).
 */
export function vocabulary(prompt: string): [string, number][] {
  const dict = new Map<string, number>();
  [...prompt.split(' ')].sort().forEach((s, i) => dict.set(s.toLowerCase(), i));
  return [...dict];
}

/** `[dic_words[i.lower()] for i in prompt.split(" ")]`. */
export function tokenIds(prompt: string): number[] {
  const dict = new Map(vocabulary(prompt));
  return prompt.split(' ').map((w) => dict.get(w.toLowerCase())!);
}

/**
 * Seed notebook 004: "Normal Implementation". One random stream: `torch.manual_seed(123)`,
 * `Embedding(50000, 3)`, then `torch.rand(d, d_q)`, `torch.rand(d, d_k)`, `torch.rand(d, d_v)`
 * continue it, so a new seed remakes embeddings and weights together.
 */
export const attentionSeeker: Lesson = {
  id: 'attention-seeker',
  title: 'Hello World I am an attention seeker',
  sentence: PROMPT,
  follows: 'Normal Implementation',
  summary: 'Scaled dot-product attention end to end, and what torch.manual_seed really fixes.',
  tokens: PROMPT.split(' '),
  // Replaced by generate(123) when the lesson opens.
  embeddings: tensor([10, 3], new Float32Array(30)),
  query: 1,
  trainable: { seed: 123, dIn: 3, dK: 24, dV: 28, layout: 'x@W' },
  generate: (seed) => {
    const g = torchGenerator(seed);
    const embeddings = indexRows(g.embedding(50000, 3), tokenIds(PROMPT));
    return {
      embeddings,
      weights: { wq: g.rand([3, 24]), wk: g.rand([3, 24]), wv: g.rand([3, 28]) },
    };
  },
  steps: [],
};
