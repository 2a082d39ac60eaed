/**
 * A lesson's learner choices (its fields, declared once in LESSON_FIELDS: schema.ts says what a
 * field is) and its share links: the `s` parameter of the fragment `#/<lesson>/<step>?s=<payload>`
 * (parseRoute ignores everything after `?`), in the framing schema.ts defines for every page.
 *
 * Numbers round-trip bit for bit (codecs.ts): a float32 that is exactly m / 10^k for a small
 * integer m and k <= 6 (what a learner types: 0.43, -1.5) is one to three bytes; anything else
 * (a dragged 0.43712345) its 4 raw bytes.
 */
import { initialState, reseed } from '../lessons/derive';
import type { Lesson, LessonState } from '../lessons/types';
import type { Tensor } from '../math/tensor';
import { flags, MAX_SIDE, tensorDiff, uint, uintList } from './codecs';
import { MAX_SHIFT, permutationProblem, type WordOrderState } from '../lessons/wordOrderModel';
import { DEFAULT_PLOT_OPTIONS, PLOT_OPTION_KEYS, type PlotOptions } from './plotOptions';
import {
  decode,
  encode,
  field,
  MAX_PAYLOAD_CHARS,
  schema,
  type DecodeResult as SchemaDecodeResult,
  type Field,
  type Shared,
} from './schema';
import { trainingFields } from './trainingFields';

export { FORMAT_VERSION, MAX_PAYLOAD_CHARS } from './schema';
export { MAX_ABS } from './codecs';
export { crc8, fromBase64url, toBase64url } from './bytes';
/** Seeds are whole numbers 0..2^53-1 (what the seed field accepts). */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

/** Bits of the classroom mask: which controls a classroom link hides. */
export const CLASSROOM = {
  /** Editing tools: tables and seed read-only, scrub handles, reset, undo and redo hidden. */
  edit: 1,
} as const;
const CLASSROOM_KNOWN = CLASSROOM.edit;

/** Everything a link carries for one lesson. */
export type ShareState = Shared<LessonState>;

/** The lesson's defaults: what a link without a payload (or with an empty one) means. */
export function defaultShare(lesson: Lesson): ShareState {
  return { state: seeded(lesson, null), plot: DEFAULT_PLOT_OPTIONS, classroom: 0 };
}

const starts = new WeakMap<Lesson, { start: LessonState; last: LessonState }>();

/**
 * What the lesson holds right after `torch.manual_seed(seed)` with no edits (null: its opening
 * seed): the base that a link's embeddings and W matrices are written against. A lesson opening
 * with printed values (not what its seed draws) keeps them at its own seed.
 */
function seeded(lesson: Lesson, seed: number | null): LessonState {
  let c = starts.get(lesson);
  if (!c) {
    const start = initialState(lesson);
    c = { start, last: start };
    starts.set(lesson, c);
  }
  if (seed === null || seed === c.start.seed) return c.start;
  if (c.last.seed !== seed) c.last = reseed(lesson, c.start, seed);
  return c.last;
}

// ---------------------------------------------------------------------------------------------
// The fields
// ---------------------------------------------------------------------------------------------

type LessonField<T> = Field<LessonState, Lesson, T>;

const withState = (s: ShareState, patch: Partial<LessonState>): ShareState => ({
  ...s,
  state: { ...s.state, ...patch },
});

type WeightKey = 'wq' | 'wk' | 'wv';

const lessonTensor = tensorDiff("this lesson's");

function weightField(tag: number, key: WeightKey, label: string) {
  return field<LessonState, Lesson, Tensor>({
    tag,
    name: key,
    label,
    codec: lessonTensor,
    part: 'value',
    undo: 'cells',
    applies: (lesson) => seeded(lesson, null).weights !== null,
    get: (s) => s.state.weights![key],
    set: (s, v) => withState(s, { weights: { ...s.state.weights!, [key]: v } }),
    base: (lesson, s) => seeded(lesson, s.state.seed).weights![key],
  });
}

/** The plot options, in every page's links under the same tag. */
export const plotField = <V, C>(tag: number) =>
  field<V, C, PlotOptions>({
    tag,
    name: 'plot',
    label: 'plot options',
    codec: flags<PlotOptions, keyof PlotOptions>(PLOT_OPTION_KEYS),
    part: 'view',
    undo: 'alone',
    applies: () => true,
    get: (s) => s.plot,
    set: (s, plot) => ({ ...s, plot }),
    base: () => DEFAULT_PLOT_OPTIONS,
  });

/** The classroom view, in every page's links under the same tag. */
export const classroomField = <V, C>(tag: number) =>
  field<V, C, number>({
    tag,
    name: 'classroom',
    label: 'classroom view',
    codec: uint(255),
    part: 'view',
    undo: 'alone',
    applies: () => true,
    get: (s) => s.classroom,
    // Bits this version does not know are dropped: they would hide controls it does not have.
    set: (s, classroom) => ({ ...s, classroom: classroom & CLASSROOM_KNOWN }),
    base: () => 0,
  });

// The word-order lesson's own choices (tags 16 to 22 are reserved for it).

const hasOrder = (lesson: Lesson): boolean => seeded(lesson, null).order !== undefined;
const orderOf = (s: ShareState): WordOrderState => s.state.order!;
const withOrder = (s: ShareState, patch: Partial<WordOrderState>): ShareState =>
  withState(s, { order: { ...orderOf(s), ...patch } });

const WORD_ORDER_FIELDS = [
  field({
    tag: 16,
    name: 'perm',
    label: 'word order',
    codec: uintList(MAX_SIDE),
    part: 'value',
    undo: 'alone',
    applies: hasOrder,
    get: (s) => orderOf(s).perm,
    set: (s, perm) => withOrder(s, { perm }),
    base: (lesson) => seeded(lesson, null).order!.perm,
    check: (perm, lesson) => permutationProblem(perm, lesson.tokens.length),
  } satisfies LessonField<readonly number[]>),
  field({
    tag: 17,
    name: 'positions',
    label: 'position vectors',
    codec: lessonTensor,
    part: 'value',
    undo: 'cells',
    applies: hasOrder,
    get: (s) => orderOf(s).positions,
    set: (s, positions) => withOrder(s, { positions }),
    base: (lesson, s) => seeded(lesson, s.state.seed).order!.positions,
  } satisfies LessonField<Tensor>),
  field({
    tag: 18,
    name: 'shift',
    label: 'rotary shift',
    codec: uint(MAX_SHIFT),
    part: 'value',
    undo: 'value',
    applies: hasOrder,
    get: (s) => orderOf(s).shift,
    set: (s, shift) => withOrder(s, { shift }),
    base: (lesson) => seeded(lesson, null).order!.shift,
  } satisfies LessonField<number>),
];

/** Every choice a lesson link carries, in tag order (the order they are written and read). */
export const LESSON_FIELDS = schema<LessonState, Lesson>({
  page: 'this lesson',
  defaults: (lesson) => defaultShare(lesson),
  fields: [
    field({
      tag: 1,
      name: 'seed',
      label: 'seed',
      codec: uint(MAX_SEED),
      part: 'value',
      undo: 'value',
      // Lessons with a seed control: their weights (and maybe embeddings) are drawn from it.
      applies: (lesson) => lesson.trainable !== undefined || lesson.generate !== undefined,
      get: (s) => s.state.seed,
      // Comes first: the fields after it are written against what this seed draws. Whatever the
      // lesson draws from the seed is drawn again; the rest (the query, embeddings the seed does
      // not draw) stays.
      set: (s, seed, lesson) => ({ ...s, state: reseed(lesson, s.state, seed) }),
      base: (lesson) => seeded(lesson, null).seed,
    } satisfies LessonField<number>),
    field({
      tag: 2,
      name: 'query',
      label: 'query token',
      codec: uint(MAX_SIDE),
      part: 'value',
      undo: 'alone',
      free: true,
      applies: () => true,
      get: (s) => s.state.query,
      set: (s, query) => withState(s, { query }),
      base: (lesson) => lesson.query,
      check: (q, lesson) =>
        q < lesson.tokens.length
          ? null
          : `asks for token ${q + 1}, but the lesson has ${lesson.tokens.length}`,
    } satisfies LessonField<number>),
    field({
      tag: 3,
      name: 'embeddings',
      label: 'embeddings',
      codec: lessonTensor,
      part: 'value',
      undo: 'cells',
      applies: () => true,
      get: (s) => s.state.embeddings,
      set: (s, embeddings) => withState(s, { embeddings }),
      base: (lesson, s) => seeded(lesson, s.state.seed).embeddings,
    } satisfies LessonField<Tensor>),
    weightField(4, 'wq', 'W_query'),
    weightField(5, 'wk', 'W_key'),
    weightField(6, 'wv', 'W_value'),
    plotField(7),
    classroomField(8),
    ...trainingFields,
    ...WORD_ORDER_FIELDS,
  ],
});

// ---------------------------------------------------------------------------------------------
// Encode and decode
// ---------------------------------------------------------------------------------------------

/**
 * The payload for `share` in `lesson`: '' when everything is at the lesson's defaults, unless
 * `explicit` asks for a payload that says so (3 characters), as a copied link does: a link
 * without one opens with the recipient's own saved edits.
 */
export function encodeShare(
  lesson: Lesson,
  share: ShareState,
  options: { explicit?: boolean } = {},
): string {
  return encode(LESSON_FIELDS, lesson, share, options);
}

export type DecodeResult = SchemaDecodeResult<LessonState>;

/** Decodes the `s` parameter of a link for `lesson`. Never throws. */
export function decodeShare(lesson: Lesson, payload: string): DecodeResult {
  return decode(LESSON_FIELDS, lesson, payload);
}

// ---------------------------------------------------------------------------------------------
// The fragment
// ---------------------------------------------------------------------------------------------

/** Longest `?…` part we look at: the payload cap plus room for the parameter names. */
const MAX_QUERY_CHARS = MAX_PAYLOAD_CHARS + 64;

export interface FragmentPayload {
  /** The `s` parameter; null when the fragment has none. */
  payload: string | null;
  /** Problems with the fragment itself (too long, parameters we do not know). */
  problems: string[];
  /** True when the fragment was refused unread (too long). */
  refused: boolean;
}

/** The state part of a fragment such as `#/dream-big/3?s=AQMH…`. Never throws. */
export function fragmentPayload(hash: string): FragmentPayload {
  const q = hash.indexOf('?');
  if (q < 0) return { payload: null, problems: [], refused: false };
  const query = hash.slice(q + 1);
  if (query.length > MAX_QUERY_CHARS) {
    return {
      payload: null,
      problems: [
        `its data is ${query.length.toLocaleString('en')} characters long; a link of ours has at most ${MAX_PAYLOAD_CHARS.toLocaleString('en')}`,
      ],
      refused: true,
    };
  }
  let payload: string | null = null;
  const unknown: string[] = [];
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (key === 's' && payload === null) payload = value;
    else unknown.push(key.length > 12 ? `${key.slice(0, 12)}…` : key);
  }
  const problems =
    unknown.length > 0
      ? [
          `it has parts this page does not use (${unknown.slice(0, 3).join(', ')}), which were ignored`,
        ]
      : [];
  return { payload, problems, refused: false };
}

/** The `?s=…` suffix for a payload ('' for none). */
export function payloadSuffix(payload: string): string {
  return payload === '' ? '' : `?s=${payload}`;
}

/** The fragment's `?…` part as it is ('' when there is none). */
export function querySuffix(hash: string): string {
  const q = hash.indexOf('?');
  return q < 0 ? '' : hash.slice(q);
}
