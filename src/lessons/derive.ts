/**
 * From what the learner chose (LessonState) to every value the views show (Derived). Pure, and
 * memoised per state object: the store replaces a lesson's state on every edit, so identity is a
 * complete cache key.
 */
import { torchGenerator } from '../math/random';
import {
  attentionForQuery,
  projectQKV,
  scaledDotProductAttention,
  simpleAttention,
} from '../math/attention';
import { div, norm, row, sum } from '../math';
import type { Derived, Lesson, LessonState, TrainableDerived } from './types';

/** The state a lesson opens with: the notebook's values, and W matrices from its seed. */
export function initialState(lesson: Lesson): LessonState {
  const seed = lesson.trainable?.seed ?? 123;
  return {
    embeddings: lesson.embeddings,
    query: lesson.query,
    seed,
    weights: lesson.trainable ? trainableWeights(lesson, seed) : null,
  };
}

/**
 * W_query, W_key, W_value as the notebooks make them: `torch.manual_seed(seed)` then three
 * `torch.rand(d_in, d_out)` calls on one stream.
 */
export function trainableWeights(lesson: Lesson, seed: number): LessonState['weights'] {
  const spec = lesson.trainable;
  if (!spec) return null;
  const g = torchGenerator(seed);
  return {
    wq: g.rand([spec.dIn, spec.dK]),
    wk: g.rand([spec.dIn, spec.dK]),
    wv: g.rand([spec.dIn, spec.dV]),
  };
}

const cache = new WeakMap<LessonState, Derived>();

export function derive(lesson: Lesson, state: LessonState): Derived {
  const hit = cache.get(state);
  if (hit) return hit;
  const x = state.embeddings;
  const q = state.query;
  const forQuery = attentionForQuery(x, q);
  const all = simpleAttention(x);
  const d: Derived = {
    tokens: lesson.tokens,
    x,
    query: q,
    queryToken: lesson.tokens[q] ?? `token ${q + 1}`,
    seed: state.seed,
    norms: norm(x, 1),
    queryScores: forQuery.scores,
    queryNaive: div(forQuery.scores, sum(forQuery.scores).data[0]!),
    queryWeights: forQuery.weights,
    queryContext: forQuery.context,
    scores: all.scores,
    weights: all.weights,
    context: all.context,
    trainable: state.weights ? deriveTrainable(state) : null,
  };
  cache.set(state, d);
  return d;
}

function deriveTrainable(state: LessonState): TrainableDerived {
  const { wq, wk, wv } = state.weights!;
  const { queries, keys, values } = projectQKV(state.embeddings, wq, wk, wv, 'x@W');
  const dK = wk.shape[1]!;
  const queryVec = row(queries, state.query);
  const att = scaledDotProductAttention(queries, keys, values);
  return {
    wq,
    wk,
    wv,
    queryVec,
    keys,
    values,
    omega: row(att.scores, state.query),
    weights: row(att.weights, state.query),
    context: row(att.context, state.query),
    dK,
  };
}
