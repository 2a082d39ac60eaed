/**
 * The training lesson's choices in its links (tags 9 to 13, reserved 9 to 15): the goal (one key
 * per query row), the optimizer, the learning rate, the run's length and the step shown. They
 * apply to that lesson only. The step is free (a classroom link lets the reader move through the
 * run, as it lets them pick the query); the goal and the settings are not.
 *
 * Undo: the step groups by value, so a Play (a step every few frames) or a scrub is one undo step
 * (edits of one value less than a second apart merge, history.ts), not one per frame.
 */
import type { Lesson, LessonState } from '../lessons/types';
import {
  defaultChoice,
  MAX_STEPS,
  MIN_STEPS,
  type OptimizerKind,
  type TrainingChoice,
} from '../lessons/training/model';
import { MAX_LR, MIN_LR } from '../view/trainInput';
import { LinkError } from './bytes';
import { MAX_SIDE, oneOf, uint, uintList, type Codec } from './codecs';
import { field, type Field, type Shared } from './schema';

type S = Shared<LessonState>;

const isTraining = (lesson: Lesson) => lesson.id === 'training';

/** The lesson's choice in `s` (its defaults when nothing was chosen). */
export function trainingChoice(lesson: Lesson, s: LessonState): TrainingChoice {
  return s.training ?? defaultChoice(lesson.tokens.length);
}

const patch = (s: S, lesson: Lesson, p: Partial<TrainingChoice>): S => ({
  ...s,
  state: { ...s.state, training: { ...trainingChoice(lesson, s.state), ...p } },
});

/** One key index per query row: the count, then each index. */
const goalCodec = uintList(MAX_SIDE);

/**
 * A learning rate: a float64, its 8 bytes as they are (bit for bit); anything the learning rate
 * field would refuse (not a finite number from MIN_LR to MAX_LR) is refused.
 */
export const lrCodec: Codec<number> = {
  write: (w, v) => {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, true);
    w.raw(b);
  },
  read: (r) => {
    const b = r.take(8);
    const v = new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, true);
    const why = lrProblem(v);
    if (why !== null) throw new LinkError(`holds ${String(v)}: ${why}`);
    return v;
  },
  same: Object.is,
};

/** Why a learning rate cannot be used (null: it can). */
export function lrProblem(v: number): string | null {
  if (!Number.isFinite(v)) return 'a learning rate must be a finite number';
  if (v <= 0) return 'a learning rate must be more than 0';
  if (v < MIN_LR) return `a learning rate below ${MIN_LR} changes nothing in float32`;
  if (v > MAX_LR) return `a learning rate above ${MAX_LR.toLocaleString('en')} is not accepted`;
  return null;
}

type TF<T> = Field<LessonState, Lesson, T>;

export const trainingFields = [
  field({
    tag: 9,
    name: 'goal',
    label: 'training goal',
    codec: goalCodec,
    part: 'value',
    undo: 'alone',
    applies: isTraining,
    get: (s) => s.state.training?.goal ?? defaultChoice(s.state.embeddings.shape[0]!).goal,
    set: (s, goal, lesson) => patch(s, lesson, { goal }),
    base: (lesson) => defaultChoice(lesson.tokens.length).goal,
    check: (goal, lesson) => {
      const n = lesson.tokens.length;
      if (goal.length !== n) return `has ${goal.length} goals for the lesson's ${n} words`;
      const bad = goal.find((k) => k >= n);
      return bad === undefined ? null : `asks a word to attend to word ${bad + 1} of ${n}`;
    },
  } satisfies TF<readonly number[]>),
  field({
    tag: 10,
    name: 'optimizer',
    label: 'optimizer',
    codec: oneOf<OptimizerKind>(['sgd', 'adam']),
    part: 'value',
    undo: 'alone',
    applies: isTraining,
    get: (s) => s.state.training?.optimizer ?? 'sgd',
    set: (s, optimizer, lesson) => patch(s, lesson, { optimizer }),
    base: (lesson) => defaultChoice(lesson.tokens.length).optimizer,
  } satisfies TF<OptimizerKind>),
  field({
    tag: 11,
    name: 'lr',
    label: 'learning rate',
    codec: lrCodec,
    part: 'value',
    undo: 'value',
    applies: isTraining,
    get: (s) => s.state.training?.lr ?? defaultChoice(0).lr,
    set: (s, lr, lesson) => patch(s, lesson, { lr }),
    base: (lesson) => defaultChoice(lesson.tokens.length).lr,
    check: (lr) => lrProblem(lr),
  } satisfies TF<number>),
  field({
    tag: 12,
    name: 'steps',
    label: 'number of steps',
    codec: uint(MAX_STEPS, MIN_STEPS),
    part: 'value',
    undo: 'value',
    applies: isTraining,
    get: (s) => s.state.training?.steps ?? defaultChoice(0).steps,
    // A shorter run takes the step shown back to its end.
    set: (s, steps, lesson) =>
      patch(s, lesson, { steps, step: Math.min(trainingChoice(lesson, s.state).step, steps) }),
    base: (lesson) => defaultChoice(lesson.tokens.length).steps,
  } satisfies TF<number>),
  field({
    tag: 13,
    name: 'step',
    label: 'training step',
    codec: uint(MAX_STEPS),
    part: 'value',
    undo: 'value',
    free: true,
    applies: isTraining,
    get: (s) => s.state.training?.step ?? 0,
    set: (s, step, lesson) => patch(s, lesson, { step }),
    base: () => 0,
    check: (step, lesson, s) => {
      const steps = trainingChoice(lesson, s.state).steps;
      return step <= steps ? null : `asks for step ${step} of a ${steps}-step run`;
    },
  } satisfies TF<number>),
];
