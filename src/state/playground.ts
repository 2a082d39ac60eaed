/**
 * The playground's learner choices, declared once (schema.ts says what a field is): its share
 * link is `#/playground/1?s=<payload>` in the same framing as a lesson's, read field by field, and
 * its autosave, undo and store read the same list.
 *
 * The sentence, d and seed come first: the embeddings are written as their changes against what
 * the seed draws for that sentence and d, so a link with one edited cell of a 64 × 64 table is a
 * few bytes. Setting any of the three draws the table again (edits dropped: they belonged to
 * another table) and keeps the query inside the sentence.
 */
import {
  clampQuery,
  defaultPlayground,
  drawnEmbeddings,
  MAX_DIM,
  playgroundWith,
  sentenceProblem,
  POSITIONS,
  type Mode,
  type PlaygroundValues,
  type Positions,
} from '../lessons/playground';
import { MAX_SENTENCE_CHARS, MAX_TOKENS, tokenize } from '../lessons/tokenize';
import type { Tensor } from '../math/tensor';
import { bool, oneOf, tensorDiff, text, uint } from './codecs';
import { DEFAULT_PLOT_OPTIONS } from './plotOptions';
import { field, schema, type Field, type Shared } from './schema';
import { classroomField, MAX_SEED, plotField } from './url';

/** The playground needs nothing beyond its values to read them: its context is empty. */
export type PlaygroundCtx = null;
export const PLAYGROUND_CTX: PlaygroundCtx = null;

export type PlaygroundShared = Shared<PlaygroundValues>;
type PlaygroundField<T> = Field<PlaygroundValues, PlaygroundCtx, T>;

/** The playground's defaults: what its link without a payload means. */
export function defaultPlaygroundShare(): PlaygroundShared {
  return { state: defaultPlayground(), plot: DEFAULT_PLOT_OPTIONS, classroom: 0 };
}

const withValues = (s: PlaygroundShared, patch: Partial<PlaygroundValues>): PlaygroundShared => ({
  ...s,
  state: { ...s.state, ...patch },
});

/** The values with a new sentence, d or seed: the table drawn again, the query kept inside. */
const redrawn = (s: PlaygroundShared, patch: Partial<PlaygroundValues>): PlaygroundShared => ({
  ...s,
  state: playgroundWith({ ...s.state, ...patch }),
});

const BASE = defaultPlayground();

/** A whole number field of the settings (d, d_k, d_v), 1..MAX_DIM. */
function sizeField(
  tag: number,
  name: 'd' | 'dk' | 'dv',
  label: string,
  redraws: boolean,
): Field<PlaygroundValues, PlaygroundCtx, unknown> {
  return field({
    tag,
    name,
    label,
    codec: uint(MAX_DIM, 1),
    part: 'value',
    undo: 'value',
    applies: () => true,
    get: (s) => s.state[name],
    set: (s, v) => (redraws ? redrawn : withValues)(s, { [name]: v }),
    base: () => BASE[name],
  } satisfies PlaygroundField<number>);
}

/** Every choice a playground link carries, in tag order (the order they are written and read). */
export const PLAYGROUND_FIELDS = schema<PlaygroundValues, PlaygroundCtx>({
  page: 'the playground',
  defaults: () => defaultPlaygroundShare(),
  fields: [
    field({
      tag: 1,
      name: 'sentence',
      label: 'sentence',
      // At most MAX_SENTENCE_CHARS UTF-16 units, each at most 3 bytes of UTF-8.
      codec: text(3 * MAX_SENTENCE_CHARS),
      part: 'value',
      undo: 'value',
      applies: () => true,
      get: (s) => s.state.sentence,
      set: (s, sentence) => redrawn(s, { sentence }),
      base: () => BASE.sentence,
      check: (sentence) => {
        const problem = sentenceProblem(sentence);
        return problem === null ? null : `is refused: ${problem}`;
      },
    } satisfies PlaygroundField<string>),
    sizeField(2, 'd', 'embedding size d', true),
    field({
      tag: 3,
      name: 'seed',
      label: 'seed',
      codec: uint(MAX_SEED),
      part: 'value',
      undo: 'value',
      applies: () => true,
      get: (s) => s.state.seed,
      set: (s, seed) => redrawn(s, { seed }),
      base: () => BASE.seed,
    } satisfies PlaygroundField<number>),
    field({
      tag: 4,
      name: 'mode',
      label: 'attention kind',
      codec: oneOf<Mode>(['plain', 'trainable']),
      part: 'value',
      undo: 'alone',
      applies: () => true,
      get: (s) => s.state.mode,
      set: (s, mode) => withValues(s, { mode }),
      base: () => BASE.mode,
    } satisfies PlaygroundField<Mode>),
    sizeField(5, 'dk', 'd_k', false),
    sizeField(6, 'dv', 'd_v', false),
    field({
      tag: 7,
      name: 'causal',
      label: 'causal mask',
      codec: bool,
      part: 'value',
      undo: 'alone',
      applies: () => true,
      get: (s) => s.state.causal,
      set: (s, causal) => withValues(s, { causal }),
      base: () => BASE.causal,
    } satisfies PlaygroundField<boolean>),
    field({
      tag: 8,
      name: 'query',
      label: 'query token',
      codec: uint(MAX_TOKENS - 1),
      part: 'value',
      undo: 'alone',
      free: true,
      applies: () => true,
      get: (s) => s.state.query,
      set: (s, query) => withValues(s, { query: clampQuery(s.state.sentence, query) }),
      base: (_, s) => clampQuery(s.state.sentence, BASE.query),
      check: (q, _, s) => {
        const n = tokenize(s.state.sentence).length;
        return q < n ? null : `asks for token ${q + 1}, but the sentence has ${n}`;
      },
    } satisfies PlaygroundField<number>),
    field({
      tag: 9,
      name: 'embeddings',
      label: 'embeddings',
      codec: tensorDiff("the playground's table"),
      part: 'value',
      undo: 'cells',
      applies: () => true,
      get: (s) => s.state.embeddings,
      set: (s, embeddings) => withValues(s, { embeddings }),
      base: (_, s) => drawnEmbeddings(s.state.sentence, s.state.d, s.state.seed),
      check: (x, _, s) => {
        const [n, d] = x.shape;
        return n === tokenize(s.state.sentence).length && d === s.state.d
          ? null
          : `has shape [${n}, ${d}], which does not fit the sentence and d`;
      },
    } satisfies PlaygroundField<Tensor>),
    plotField(10),
    classroomField(11),
    // Added after the rest: a link from before it has no tag 12 and opens with no positions.
    field({
      tag: 12,
      name: 'positions',
      label: 'positions',
      codec: oneOf<Positions>(POSITIONS),
      part: 'value',
      undo: 'alone',
      applies: () => true,
      get: (s) => s.state.positions,
      set: (s, positions) => withValues(s, { positions }),
      base: () => BASE.positions,
    } satisfies PlaygroundField<Positions>),
  ],
});
