/**
 * Share links: everything the learner chose for one lesson, as the `s` parameter of the fragment
 * `#/<lesson>/<step>?s=<payload>` (parseRoute ignores everything after `?`).
 *
 * The payload is base64url (no padding) of a small binary message:
 *
 *     version (1 byte) | field* | crc-8 of every byte before it
 *     field = tag (1 byte) | body length (varint) | body
 *
 * Only fields whose value differs from the lesson's defaults are written, in increasing tag order.
 * One table, FIELDS, lists every field (tag, name, codec, where it lives, its default, its schema
 * check) and drives both encoding and decoding.
 *
 * Versions. The version byte names the framing above. A field added later gets a new tag and
 * leaves the version alone: older apps skip a tag they do not know (the body length says how far)
 * and say so. Only an incompatible change of the framing bumps the version; DECODERS then keeps a
 * reader for every version ever published, so old links keep opening. A link from a newer version
 * than this app knows opens the lesson at its defaults, with a notice.
 *
 * Hostile input. The payload is capped at MAX_PAYLOAD_CHARS before anything is decoded (there is
 * no decompression, so the decoded size is bounded by 3/4 of that); every number is checked
 * (finite, |x| <= 1000, integers in range, shapes equal to the lesson's). A field that fails its
 * check is dropped and named in `problems`; the fields around it still count. Nothing here ever
 * throws on bad input.
 *
 * Numbers round-trip bit for bit: a float32 that is exactly m / 10^k for a small integer m and
 * k <= 6 (what a learner types: 0.43, -1.5) is written as the varint (zigzag(m) * 8 + k), one to
 * three bytes; anything else (a dragged 0.43712345) as its 4 raw bytes after a varint 7.
 */
import { initialState, reseed } from '../lessons/derive';
import type { Lesson, LessonState } from '../lessons/types';
import type { Tensor } from '../math/tensor';
import { DEFAULT_PLOT_OPTIONS, PLOT_OPTION_KEYS, type PlotOptions } from './plotOptions';

/** The framing this app writes. */
export const FORMAT_VERSION = 1;
/** Longest `s` value we decode; longer input is refused before any decoding (8 KB). */
export const MAX_PAYLOAD_CHARS = 8192;
/** Largest magnitude of a value in a link, as in the editable tables. */
export const MAX_ABS = 1000;
/** Seeds are whole numbers 0..2^53-1 (what the seed field accepts). */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;
/** Largest tensor side a link may describe (the shape must match the lesson's anyway). */
const MAX_SIDE = 4096;

/** Bits of the classroom mask: which controls a classroom link hides. */
export const CLASSROOM = {
  /** Editing tools: tables and seed read-only, scrub handles, reset, undo and redo hidden. */
  edit: 1,
} as const;
const CLASSROOM_KNOWN = CLASSROOM.edit;

/** Everything a link carries for one lesson. */
export interface ShareState {
  state: LessonState;
  plot: PlotOptions;
  /** Bitmask of CLASSROOM controls hidden for whoever opens the link; 0 for none. */
  classroom: number;
}

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
// Bytes
// ---------------------------------------------------------------------------------------------

/** A malformed payload; caught by the decoder, never thrown out of this module. */
class LinkError extends Error {}

class Writer {
  readonly bytes: number[] = [];
  byte(b: number) {
    this.bytes.push(b & 0xff);
  }
  /** Unsigned LEB128 of a whole number 0..2^53-1, with Number arithmetic (no 32-bit wrap). */
  varint(n: number) {
    while (n >= 128) {
      this.bytes.push((n % 128) + 128);
      n = Math.floor(n / 128);
    }
    this.bytes.push(n);
  }
  f32(x: number) {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, x, true);
    this.bytes.push(...b);
  }
}

class Reader {
  pos: number;
  constructor(
    private readonly bytes: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
  }
  get done(): boolean {
    return this.pos >= this.end;
  }
  byte(): number {
    if (this.pos >= this.end) throw new LinkError('ends in the middle of a value');
    return this.bytes[this.pos++]!;
  }
  varint(max: number): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      result += (b & 127) * scale;
      if (b < 128) {
        if (result > max) throw new LinkError(`holds ${result}, more than the largest allowed`);
        return result;
      }
      scale *= 128;
    }
    throw new LinkError('holds a number that is too long');
  }
  f32(): number {
    if (this.pos + 4 > this.end) throw new LinkError('ends in the middle of a value');
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset + this.pos, 4);
    this.pos += 4;
    return view.getFloat32(0, true);
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export function toBase64url(bytes: ArrayLike<number>): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let k = 0; k < chars; k++) out += B64[(n >> (18 - 6 * k)) & 63];
  }
  return out;
}

/** Strict base64url without padding; null for any other text. */
export function b64Floatsurl(s: string): Uint8Array | null {
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 6) / 8));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (const c of s) {
    const v = B64_INDEX.get(c);
    if (v === undefined) return null;
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** CRC-8 (polynomial 0x07): catches a cut-short or mistyped link. */
export function crc8(bytes: ArrayLike<number>, end = bytes.length): number {
  let crc = 0;
  for (let i = 0; i < end; i++) {
    crc ^= bytes[i]!;
    for (let k = 0; k < 8; k++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

// ---------------------------------------------------------------------------------------------
// Codecs: how one kind of value is written, read and compared
// ---------------------------------------------------------------------------------------------

interface Codec<T> {
  write(w: Writer, value: T, base: T): void;
  /** Reads a value; throws LinkError on malformed bytes or values outside the schema. */
  read(r: Reader, base: T): T;
  same(a: T, b: T): boolean;
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6] as const;
const MAX_MANTISSA = 2 ** 31;
const RAW = 7;

const zigzag = (m: number) => (m >= 0 ? 2 * m : -2 * m - 1);
const unzigzag = (z: number) => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

function writeValue(w: Writer, x: number) {
  if (!Object.is(x, -0)) {
    for (let k = 0; k < POW10.length; k++) {
      const m = Math.round(x * POW10[k]!) + 0;
      if (Math.abs(m) <= MAX_MANTISSA && Object.is(Math.fround(m / POW10[k]!), x)) {
        w.varint(zigzag(m) * 8 + k);
        return;
      }
    }
  }
  w.varint(RAW);
  w.f32(x);
}

function readValue(r: Reader): number {
  const h = r.varint((2 * MAX_MANTISSA + 1) * 8 + 7);
  const k = h % 8;
  const x = k === RAW ? r.f32() : Math.fround(unzigzag(Math.floor(h / 8)) / POW10[k]!);
  if (!Number.isFinite(x)) throw new LinkError('holds a value that is not a finite number');
  if (Math.abs(x) > MAX_ABS) throw new LinkError(`holds ${x}, outside -${MAX_ABS}..${MAX_ABS}`);
  return x;
}

function uint(max: number): Codec<number> {
  return {
    write: (w, v) => w.varint(v),
    read: (r) => r.varint(max),
    same: Object.is,
  };
}

/** Boolean options as one bitmask; bit k is keys[k]. */
function flags<T extends Record<K, boolean>, K extends keyof T>(keys: readonly K[]): Codec<T> {
  return {
    write: (w, v) => w.varint(keys.reduce((m, key, k) => (v[key] ? m + 2 ** k : m), 0)),
    read: (r, base) => {
      const mask = r.varint(2 ** 30);
      if (mask >= 2 ** keys.length) throw new LinkError('names options this version does not have');
      const out = { ...base };
      keys.forEach((key, k) => {
        out[key] = (Math.floor(mask / 2 ** k) % 2 === 1) as T[K];
      });
      return out;
    },
    same: (a, b) => keys.every((key) => a[key] === b[key]),
  };
}

/**
 * A 2-d tensor as its changes against the lesson's tensor: rows, cols, a bitmask of the changed
 * cells (row-major), then the changed values: one edited cell of a 6x3 table is 7 bytes.
 */
const tensorDiff: Codec<Tensor> = {
  write(w, v, base) {
    const [rows = 0, cols = 0] = v.shape;
    w.varint(rows);
    w.varint(cols);
    const mask = new Uint8Array(Math.ceil(v.data.length / 8));
    v.data.forEach((x, i) => {
      if (!Object.is(x, base.data[i])) mask[i >> 3]! |= 1 << (i & 7);
    });
    mask.forEach((b) => w.byte(b));
    v.data.forEach((x, i) => {
      if (!Object.is(x, base.data[i])) writeValue(w, x);
    });
  },
  read(r, base) {
    const rows = r.varint(MAX_SIDE);
    const cols = r.varint(MAX_SIDE);
    const [bRows, bCols] = base.shape;
    if (base.shape.length !== 2 || rows !== bRows || cols !== bCols) {
      throw new LinkError(
        `has shape [${rows}, ${cols}], but this lesson's is [${bRows}, ${bCols}]`,
      );
    }
    const n = rows * cols;
    const mask: number[] = [];
    for (let i = 0; i < Math.ceil(n / 8); i++) mask.push(r.byte());
    if (n % 8 !== 0 && mask[mask.length - 1]! >> (n % 8) !== 0) {
      throw new LinkError('marks cells the table does not have');
    }
    const data = Float32Array.from(base.data);
    for (let i = 0; i < n; i++) if ((mask[i >> 3]! >> (i & 7)) & 1) data[i] = readValue(r);
    return { shape: [rows, cols], data };
  },
  same: (a, b) =>
    a.shape.length === b.shape.length &&
    a.shape.every((s, k) => s === b.shape[k]) &&
    a.data.every((x, i) => Object.is(x, b.data[i])),
};

// ---------------------------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------------------------

interface Field<T> {
  /** Its byte in a link; fixed forever once published. */
  tag: number;
  /** Names the field in notices. */
  label: string;
  codec: Codec<T>;
  /** Whether the lesson has this field at all (W matrices only in lessons with trainable weights). */
  applies(lesson: Lesson): boolean;
  get(s: ShareState): T;
  set(s: ShareState, value: T, lesson: Lesson): ShareState;
  /** Its default, given the fields before it (W_query's default follows the seed). */
  base(lesson: Lesson, s: ShareState): T;
  /** Schema checks beyond the codec's; a message when the value does not fit the lesson. */
  check?(value: T, lesson: Lesson): string | null;
}

const withState = (s: ShareState, patch: Partial<LessonState>): ShareState => ({
  ...s,
  state: { ...s.state, ...patch },
});

type WeightKey = 'wq' | 'wk' | 'wv';

/** Erases a field's value type, so fields of different types share one table. */
const field = <T>(f: Field<T>): Field<unknown> => f as unknown as Field<unknown>;

function weightField(tag: number, key: WeightKey, label: string): Field<unknown> {
  return field<Tensor>({
    tag,
    label,
    codec: tensorDiff,
    applies: (lesson) => seeded(lesson, null).weights !== null,
    get: (s) => s.state.weights![key],
    set: (s, v) => withState(s, { weights: { ...s.state.weights!, [key]: v } }),
    base: (lesson, s) => seeded(lesson, s.state.seed).weights![key],
  });
}

/** Every field a link can carry, in tag order (the order they are written and read). */
const FIELDS: readonly Field<unknown>[] = [
  field({
    tag: 1,
    label: 'seed',
    codec: uint(MAX_SEED),
    // Lessons with a seed control: their weights (and maybe embeddings) are drawn from it.
    applies: (lesson) => lesson.trainable !== undefined || lesson.generate !== undefined,
    get: (s) => s.state.seed,
    // Comes first: the fields after it are written against what this seed draws.
    set: (s, seed, lesson) => withState(s, { ...seeded(lesson, seed), query: s.state.query }),
    base: (lesson) => seeded(lesson, null).seed,
  }),
  field({
    tag: 2,
    label: 'query token',
    codec: uint(MAX_SIDE),
    applies: () => true,
    get: (s) => s.state.query,
    set: (s, query) => withState(s, { query }),
    base: (lesson) => lesson.query,
    check: (q, lesson) =>
      q < lesson.tokens.length
        ? null
        : `asks for token ${q + 1}, but the lesson has ${lesson.tokens.length}`,
  }),
  field({
    tag: 3,
    label: 'embeddings',
    codec: tensorDiff,
    applies: () => true,
    get: (s) => s.state.embeddings,
    set: (s, embeddings) => withState(s, { embeddings }),
    base: (lesson, s) => seeded(lesson, s.state.seed).embeddings,
  }),
  weightField(4, 'wq', 'W_query'),
  weightField(5, 'wk', 'W_key'),
  weightField(6, 'wv', 'W_value'),
  field({
    tag: 7,
    label: 'plot options',
    codec: flags<PlotOptions, keyof PlotOptions>(PLOT_OPTION_KEYS),
    applies: () => true,
    get: (s) => s.plot,
    set: (s, plot) => ({ ...s, plot }),
    base: () => DEFAULT_PLOT_OPTIONS,
  }),
  field({
    tag: 8,
    label: 'classroom view',
    codec: uint(255),
    applies: () => true,
    get: (s) => s.classroom,
    // Bits this version does not know are dropped: they would hide controls it does not have.
    set: (s, classroom) => ({ ...s, classroom: classroom & CLASSROOM_KNOWN }),
    base: () => 0,
  }),
];

const BY_TAG = new Map(FIELDS.map((f) => [f.tag, f]));

/** Fields that are part of the lesson's values (not view options or classroom). */
const LESSON_TAGS = new Set([1, 2, 3, 4, 5, 6]);

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
  { explicit = false }: { explicit?: boolean } = {},
): string {
  const w = new Writer();
  w.byte(FORMAT_VERSION);
  for (const f of FIELDS) {
    if (!f.applies(lesson)) continue;
    const base = f.base(lesson, share);
    const value = f.get(share);
    if (f.codec.same(value, base)) continue;
    const body = new Writer();
    f.codec.write(body, value, base);
    w.byte(f.tag);
    w.varint(body.bytes.length);
    w.bytes.push(...body.bytes);
  }
  if (w.bytes.length === 1 && !explicit) return '';
  w.byte(crc8(w.bytes));
  return toBase64url(w.bytes);
}

export interface DecodeResult {
  /** The link's values; fields it lacks (or that failed their checks) are the lesson's defaults. */
  share: ShareState;
  /**
   * 'ok': every part read; 'partial': some parts used and `problems` says what was dropped;
   * 'rejected': nothing used (defaults), `problems` says why.
   */
  status: 'ok' | 'partial' | 'rejected';
  /** What was wrong, one sentence each, for a notice. */
  problems: string[];
  /** Labels of the parts that were read and used. */
  used: string[];
  /** True when the link changes the lesson's values (not only view options). */
  editsLesson: boolean;
}

type VersionDecoder = (lesson: Lesson, bytes: Uint8Array) => DecodeResult;

/** A reader for every framing version ever published. */
const DECODERS: Readonly<Record<number, VersionDecoder>> = { 1: decodeV1 };

/** Decodes the `s` parameter of a link for `lesson`. Never throws. */
export function decodeShare(lesson: Lesson, payload: string): DecodeResult {
  const rejected = (problem: string): DecodeResult => ({
    share: defaultShare(lesson),
    status: 'rejected',
    problems: [problem],
    used: [],
    editsLesson: false,
  });
  try {
    if (payload.length > MAX_PAYLOAD_CHARS) {
      return rejected(
        `its data is ${payload.length.toLocaleString('en')} characters long; a link of ours has at most ${MAX_PAYLOAD_CHARS.toLocaleString('en')}`,
      );
    }
    if (payload === '') return { ...rejected(''), status: 'ok', problems: [] };
    const bytes = b64Floatsurl(payload);
    if (!bytes) return rejected('its data has characters that a link of ours never has');
    if (bytes.length < 2) return rejected('its data is cut short');
    const version = bytes[0]!;
    const decoder = DECODERS[version];
    if (!decoder) {
      return rejected(
        version > FORMAT_VERSION
          ? `it was made by a newer version of Attention Notebook (link format ${version}; this page reads format ${FORMAT_VERSION} and older)`
          : 'its data is not in any format Attention Notebook has written',
      );
    }
    return decoder(lesson, bytes);
  } catch (e) {
    // Unreachable by design (every reader catches its own errors); a last guard for the page.
    return rejected(`it could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
}

function decodeV1(lesson: Lesson, bytes: Uint8Array): DecodeResult {
  const problems: string[] = [];
  const used: string[] = [];
  const intact = crc8(bytes, bytes.length - 1) === bytes[bytes.length - 1];
  // A damaged link has no trustworthy last byte: read to the end and keep the parts that parse.
  const end = intact ? bytes.length - 1 : bytes.length;
  let share = defaultShare(lesson);
  let editsLesson = false;
  let lastTag = 0;
  const r = new Reader(bytes, 1, end);
  while (!r.done) {
    let tag: number;
    let length: number;
    try {
      tag = r.byte();
      length = r.varint(bytes.length);
    } catch {
      problems.push('it ends in the middle of a part');
      break;
    }
    const bodyEnd = r.pos + length;
    if (bodyEnd > end) {
      problems.push('it is cut short: its last part is incomplete');
      break;
    }
    const field = BY_TAG.get(tag);
    if (tag <= lastTag) {
      problems.push('its parts are out of order');
      break;
    }
    lastTag = tag;
    if (!field) {
      problems.push(
        `it has a part (number ${tag}) that this version does not know, perhaps from a newer version`,
      );
    } else if (!field.applies(lesson)) {
      problems.push(`it sets ${field.label}, which this lesson does not have`);
    } else {
      try {
        const body = new Reader(bytes, r.pos, bodyEnd);
        const value = field.codec.read(body, field.base(lesson, share));
        if (!body.done) throw new LinkError('has extra data');
        const bad = field.check?.(value, lesson);
        if (bad) throw new LinkError(bad);
        share = field.set(share, value, lesson);
        used.push(field.label);
        if (LESSON_TAGS.has(tag)) editsLesson = true;
      } catch (e) {
        problems.push(
          `its ${field.label} ${e instanceof LinkError ? e.message : 'could not be read'}`,
        );
      }
    }
    r.pos = bodyEnd;
  }
  if (!intact) problems.unshift('it is damaged or cut short (its check digit does not match)');
  return {
    share,
    status: problems.length === 0 ? 'ok' : used.length > 0 ? 'partial' : 'rejected',
    problems,
    used,
    editsLesson,
  };
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
