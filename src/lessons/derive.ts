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
import { causalMask, div, maskedFill, matmul, norm, row, softmax, sum } from '../math';
import { deriveOrder } from './wordOrderModel';
import type { Derived, Lesson, LessonState, TrainableDerived, Weights } from './types';
import { deriveTraining } from './training/derive';
import { defaultChoice } from './training/model';

/** The state a lesson opens with: the notebook's values, and W matrices from its seed. */
export function initialState(lesson: Lesson): LessonState {
  const seed = lesson.seed ?? lesson.trainable?.seed ?? 123;
  const generated =
    lesson.generate && !lesson.opensWithPrintedValues ? lesson.generate(seed) : undefined;
  return {
    embeddings: generated?.embeddings ?? lesson.embeddings,
    query: lesson.query,
    seed,
    weights: generated?.weights ?? trainableWeights(lesson, seed),
    ...(generated?.order ? { order: generated.order } : {}),
  };
}

/** The state after `torch.manual_seed(seed)`: whatever the lesson makes from the seed is remade. */
export function reseed(lesson: Lesson, state: LessonState, seed: number): LessonState {
  const generated = lesson.generate?.(seed);
  return {
    ...state,
    seed,
    embeddings: generated?.embeddings ?? state.embeddings,
    weights: generated?.weights ?? trainableWeights(lesson, seed),
    // The seed redraws the position table; the word order and the shift stay.
    ...(state.order && generated?.order
      ? { order: { ...state.order, positions: generated.order.positions } }
      : {}),
  };
}

/**
 * W_query, W_key, W_value as the notebooks make them: `torch.manual_seed(seed)` then three
 * `torch.rand` calls on one stream, shaped for the lesson's layout.
 */
export function trainableWeights(lesson: Lesson, seed: number): Weights | null {
  const spec = lesson.trainable;
  if (!spec) return null;
  const g = torchGenerator(seed);
  const shape = (dOut: number) => (spec.layout === 'W@x' ? [dOut, spec.dIn] : [spec.dIn, dOut]);
  return { wq: g.rand(shape(spec.dK)), wk: g.rand(shape(spec.dK)), wv: g.rand(shape(spec.dV)) };
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
    trainable: state.weights ? deriveTrainable(state, lesson.trainable?.layout ?? 'x@W') : null,
  };
  if (lesson.id === 'training' && state.weights) {
    d.training = deriveTraining(x, state.weights, state.training ?? defaultChoice(x.shape[0]!));
  }
  if (state.order && d.trainable) d.order = deriveOrder(state.order, x, d.trainable);
  cache.set(state, d);
  return d;
}

/**
 * The whole trainable pipeline, every row: projections, scores, scaling, softmax and context, and
 * the causal run from the same scaled scores. The query's rows are rows of these matrices.
 */
function deriveTrainable(state: LessonState, layout: 'x@W' | 'W@x'): TrainableDerived {
  const { wq, wk, wv } = state.weights!;
  const { queries, keys, values } = projectQKV(state.embeddings, wq, wk, wv, layout);
  const att = scaledDotProductAttention(queries, keys, values);
  const mask = causalMask(keys.shape[0]!);
  // As scaledDotProductAttention computes it with `causal`, from the scaled scores already made.
  // Eager: at lesson sizes (up to 10 tokens) it costs microseconds; the playground has its own.
  const masked = maskedFill(att.scaled, mask, -Infinity);
  const causalWeights = softmax(masked, -1);
  const q = state.query;
  return {
    wq,
    wk,
    wv,
    dK: keys.shape[1]!,
    queries,
    keys,
    values,
    scores: att.scores,
    scaled: att.scaled,
    weights: att.weights,
    context: att.context,
    maskedScores: maskedFill(att.scores, mask, -Infinity),
    causal: { masked, weights: causalWeights, context: matmul(causalWeights, values) },
    queryVec: row(queries, q),
    omega: row(att.scores, q),
    queryWeights: row(att.weights, q),
    queryContext: row(att.context, q),
  };
}
