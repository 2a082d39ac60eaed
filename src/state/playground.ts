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
  DEFAULT_TRAIN,
  defaultPlayground,
  drawnEmbeddings,
  GOAL_PRESETS,
  goalFor,
  MAX_DIM,
  MAX_TRAIN_STEPS,
  playgroundWith,
  sameGoal,
  sentenceProblem,
  POSITIONS,
  type Goal,
  type Mode,
  type OptimizerKind,
  type PlaygroundValues,
  type Positions,
} from '../lessons/playground';
import { parseLearningRate } from '../view/trainInput';
import { LinkError } from './bytes';
import { MAX_SENTENCE_CHARS, MAX_TOKENS, tokenize } from '../lessons/tokenize';
import type { Tensor } from '../math/tensor';
import { bool, oneOf, tensorDiff, text, uint, uintList, type Codec } from './codecs';
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

/**
 * The values with a change that defines another training run (every value but the query, the
 * run's length and its step): the run starts over, at step 0.
 */
const withValues = (s: PlaygroundShared, patch: Partial<PlaygroundValues>): PlaygroundShared => ({
  ...s,
  state: { ...s.state, trainStep: 0, ...patch },
});

/** A change that leaves the training run as it is (the query, the steps, the step). */
const viewing = (s: PlaygroundShared, patch: Partial<PlaygroundValues>): PlaygroundShared => ({
  ...s,
  state: { ...s.state, ...patch },
});

/**
 * The values with a new sentence, d or seed: the table drawn again, the query kept inside, the
 * goal fitted to the words, the run at step 0.
 */
const redrawn = (s: PlaygroundShared, patch: Partial<PlaygroundValues>): PlaygroundShared => ({
  ...s,
  state: playgroundWith({ ...s.state, ...patch }),
});

/** A goal's keys: one word index per word, for up to MAX_TOKENS words. */
const goalKeys = uintList(MAX_TOKENS - 1, MAX_TOKENS);

/**
 * A goal in a link: 0 none, 1 + the preset's index, or 1 + the presets' count followed by the
 * number of words and each word's key.
 */
const goalCodec: Codec<Goal> = {
  write: (w, g) => {
    if (g === 'none') w.varint(0);
    else if (typeof g === 'string') w.varint(1 + GOAL_PRESETS.indexOf(g));
    else {
      w.varint(1 + GOAL_PRESETS.length);
      goalKeys.write(w, g, g);
    }
  },
  read: (r) => {
    const kind = r.varint(1 + GOAL_PRESETS.length);
    if (kind === 0) return 'none';
    if (kind <= GOAL_PRESETS.length) return GOAL_PRESETS[kind - 1]!;
    return goalKeys.read(r, []);
  },
  same: sameGoal,
};

/** A learning rate in a link: its shortest decimal text, read back to the same double. */
const learningRate: Codec<number> = {
  write: (w, v) => text(32).write(w, String(v), ''),
  read: (r) => {
    const typed = text(32).read(r, '');
    const p = parseLearningRate(typed);
    if (!p.ok || String(p.value) !== typed) {
      throw new LinkError(`holds “${typed.slice(0, 32)}”, which is not a learning rate`);
    }
    return p.value;
  },
  same: Object.is,
};

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
      set: (s, query) => viewing(s, { query: clampQuery(s.state.sentence, query) }),
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
    // The training panel (trainable mode). A link from before them opens with no goal.
    field({
      tag: 13,
      name: 'goal',
      label: 'training goal',
      codec: goalCodec,
      part: 'value',
      undo: 'alone',
      applies: () => true,
      get: (s) => s.state.goal,
      set: (s, goal) => withValues(s, { goal }),
      base: () => DEFAULT_TRAIN.goal,
      check: (goal, _, s) => {
        const n = tokenize(s.state.sentence).length;
        return sameGoal(goalFor(goal, n), goal)
          ? null
          : `names a key for each of ${typeof goal === 'string' ? 0 : goal.length} words, but the sentence has ${n}`;
      },
    } satisfies PlaygroundField<Goal>),
    field({
      tag: 14,
      name: 'optimizer',
      label: 'optimizer',
      codec: oneOf<OptimizerKind>(['sgd', 'adam']),
      part: 'value',
      undo: 'alone',
      applies: () => true,
      get: (s) => s.state.optimizer,
      set: (s, optimizer) => withValues(s, { optimizer }),
      base: () => DEFAULT_TRAIN.optimizer,
    } satisfies PlaygroundField<OptimizerKind>),
    field({
      tag: 15,
      name: 'lr',
      label: 'learning rate',
      codec: learningRate,
      part: 'value',
      undo: 'value',
      applies: () => true,
      get: (s) => s.state.lr,
      set: (s, lr) => withValues(s, { lr }),
      base: () => DEFAULT_TRAIN.lr,
    } satisfies PlaygroundField<number>),
    field({
      tag: 16,
      name: 'steps',
      label: 'training steps',
      codec: uint(MAX_TRAIN_STEPS, 1),
      part: 'value',
      undo: 'value',
      applies: () => true,
      get: (s) => s.state.steps,
      // A shorter run than the step reached moves the step back to its end.
      set: (s, steps) => viewing(s, { steps, trainStep: Math.min(s.state.trainStep, steps) }),
      base: () => DEFAULT_TRAIN.steps,
    } satisfies PlaygroundField<number>),
    field({
      tag: 17,
      name: 'trainStep',
      label: 'training step',
      codec: uint(MAX_TRAIN_STEPS),
      part: 'value',
      undo: 'value',
      // Moving through the run changes no setting: a classroom view may (as it may pick the query).
      free: true,
      applies: () => true,
      get: (s) => s.state.trainStep,
      set: (s, trainStep) => viewing(s, { trainStep }),
      base: () => 0,
      check: (k, _, s) =>
        k <= s.state.steps ? null : `is ${k}, past the run's ${s.state.steps} steps`,
    } satisfies PlaygroundField<number>),
  ],
});
