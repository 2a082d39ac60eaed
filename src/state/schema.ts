/**
 * One declaration per learner choice. A page (a lesson, the playground) lists its fields once:
 * tag, label, codec (bytes, bounds and equality), whether it is one of the page's values or a view
 * option, how its edits group into undo steps, where it lives, its default. The store, undo, the
 * share link and autosave all read that list, so a new choice is one entry (plus its test).
 *
 * The link framing (format 1), for every page:
 *
 *     version (1 byte) | field* | crc-8 of every byte before it
 *     field = tag (1 byte) | body length (varint) | body
 *
 * Only fields that differ from their default are written, in increasing tag order. A field added
 * later gets a new tag and leaves the version alone: older apps skip a tag they do not know (the
 * body length says how far) and say so. Only an incompatible change of the framing bumps the
 * version; DECODERS then keeps a reader for every version ever published, so old links keep
 * opening. A link from a newer version than this app knows opens the defaults, with a notice.
 *
 * Hostile input. The payload is capped at MAX_PAYLOAD_CHARS before anything is decoded (there is
 * no decompression, so the decoded size is bounded by 3/4 of that); every value is checked by its
 * codec and its field. A field that fails is dropped and named in `problems`; the fields around it
 * still count. Nothing here throws on bad input.
 */
import { crc8, fromBase64url, LinkError, Reader, toBase64url, Writer } from './bytes';
import { changedCells, type Codec } from './codecs';
import type { Tensor } from '../math/tensor';
import type { PlotOptions } from './plotOptions';

/** The framing this app writes. */
export const FORMAT_VERSION = 1;
/** Longest payload we decode; longer input is refused before any decoding (8 KB). */
export const MAX_PAYLOAD_CHARS = 8192;

/** Everything a link carries for one page: its values and how the reader sees them. */
export interface Shared<V> {
  state: V;
  plot: PlotOptions;
  /** Bitmask of CLASSROOM controls hidden for whoever opens the link; 0 for none. */
  classroom: number;
}

/**
 * How edits of a field group into undo steps (history.ts): 'cells': edits of one cell of a table
 * in a row are one step (typing "0.123" into one cell); 'value': edits of the field in a row are
 * one step (typing a seed); 'alone': every edit is a step of its own (the query, a mode).
 */
export type UndoGrouping = 'cells' | 'value' | 'alone';

export interface Field<V, C, T> {
  /** Its byte in a link; fixed forever once published. */
  tag: number;
  /** Its key in undo merge keys ('embeddings:4'); stable. */
  name: string;
  /** Names the field in notices ("its W_query has shape …"). */
  label: string;
  codec: Codec<T>;
  /** 'value': the page's values (saved, undone, reset); 'view': how they are shown (link only). */
  part: 'value' | 'view';
  undo: UndoGrouping;
  /**
   * True for a value a classroom view still lets the reader change: a choice of what to look at
   * (the query), not an edit of the numbers.
   */
  free?: boolean;
  /** Whether the page has this field at all (W matrices only in lessons with trainable weights). */
  applies(ctx: C): boolean;
  get(s: Shared<V>): T;
  set(s: Shared<V>, value: T, ctx: C): Shared<V>;
  /** Its default, given the fields before it (W_query's default follows the seed). */
  base(ctx: C, s: Shared<V>): T;
  /** Checks beyond the codec's; a message when the value does not fit the page. */
  check?(value: T, ctx: C, s: Shared<V>): string | null;
}

/** A page's fields, in tag order, and its defaults. */
export interface Schema<V, C> {
  /** The page in notices: "this lesson", "the playground". */
  page: string;
  fields: readonly Field<V, C, unknown>[];
  /** The page's defaults: what a link without a payload means. */
  defaults(ctx: C): Shared<V>;
}

/** The field called `name`; throws for a name the schema does not have (a programming error). */
export function fieldNamed<V, C>(sc: Schema<V, C>, name: string): Field<V, C, unknown> {
  const f = sc.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f;
}

/** Erases a field's value type, so fields of different types share one list. */
export const field = <V, C, T>(f: Field<V, C, T>): Field<V, C, unknown> =>
  f as unknown as Field<V, C, unknown>;

/** Declares a schema; checks that tags increase (they are written and read in that order). */
export function schema<V, C>(s: Schema<V, C>): Schema<V, C> {
  s.fields.forEach((f, i) => {
    const prev = s.fields[i - 1];
    if (prev && prev.tag >= f.tag) throw new Error(`field ${f.name}: tags must increase`);
  });
  return s;
}

const wrap = <V>(state: V, like: Shared<V>): Shared<V> => ({ ...like, state });

/** True when two values of a page are the same, bit for bit, in every value field. */
export function sameValues<V, C>(sc: Schema<V, C>, ctx: C, a: V, b: V): boolean {
  if (a === b) return true;
  const base = sc.defaults(ctx);
  const sa = wrap(a, base);
  const sb = wrap(b, base);
  return sc.fields.every(
    (f) => f.part !== 'value' || !f.applies(ctx) || f.codec.same(f.get(sa), f.get(sb)),
  );
}

/**
 * What an edit changed, as an undo merge key: the first changed field that groups by value gives
 * its name ('seed'); one that stands alone gives '' (never merges); otherwise the one changed cell
 * of a table ('embeddings:4', 'wq:0'), or '' when several changed (a paste, a whole row).
 */
export function editKey<V, C>(sc: Schema<V, C>, ctx: C, prev: V, next: V): string {
  const base = sc.defaults(ctx);
  const sa = wrap(prev, base);
  const sb = wrap(next, base);
  const changed: string[] = [];
  for (const f of sc.fields) {
    if (f.part !== 'value' || !f.applies(ctx)) continue;
    const a = f.get(sa);
    const b = f.get(sb);
    if (f.codec.same(a, b)) continue;
    if (f.undo === 'value') return f.name;
    if (f.undo === 'alone') return '';
    const cells = changedCells(a as Tensor, b as Tensor, 2);
    if (cells === null) return '';
    for (const i of cells) changed.push(`${f.name}:${i}`);
    if (changed.length > 1) return '';
  }
  return changed.length === 1 ? changed[0]! : '';
}

/**
 * The payload for `s`: '' when everything is at its defaults, unless `explicit` asks for a payload
 * that says so (3 characters), as a copied link does: a link without one opens with the
 * recipient's own saved edits.
 */
export function encode<V, C>(
  sc: Schema<V, C>,
  ctx: C,
  s: Shared<V>,
  { explicit = false }: { explicit?: boolean } = {},
): string {
  const w = new Writer();
  w.byte(FORMAT_VERSION);
  for (const f of sc.fields) {
    if (!f.applies(ctx)) continue;
    const base = f.base(ctx, s);
    const value = f.get(s);
    if (f.codec.same(value, base)) continue;
    const body = new Writer();
    f.codec.write(body, value, base);
    w.byte(f.tag);
    w.varint(body.bytes.length);
    w.raw(body.bytes);
  }
  if (w.bytes.length === 1 && !explicit) return '';
  w.byte(crc8(w.bytes));
  return toBase64url(w.bytes);
}

export interface DecodeResult<V> {
  /** The link's values; fields it lacks (or that failed their checks) are at their defaults. */
  share: Shared<V>;
  /**
   * 'ok': every part read; 'partial': some parts used and `problems` says what was dropped;
   * 'rejected': nothing used (defaults), `problems` says why.
   */
  status: 'ok' | 'partial' | 'rejected';
  /** What was wrong, one sentence each, for a notice. */
  problems: string[];
  /** Labels of the parts that were read and used. */
  used: string[];
  /** True when the link changes the page's values (not only view options). */
  editsValues: boolean;
}

type VersionDecoder = <V, C>(sc: Schema<V, C>, ctx: C, bytes: Uint8Array) => DecodeResult<V>;

/** A reader for every framing version ever published. */
const DECODERS: Readonly<Record<number, VersionDecoder>> = { 1: decodeV1 };

/**
 * Decodes a payload written by encode() (by this version or any earlier one). Never throws.
 * `maxChars`: the longest payload read (a link's, MAX_PAYLOAD_CHARS, unless the caller's source
 * is its own storage, which may hold more: a 64 × 64 table edited everywhere).
 */
export function decode<V, C>(
  sc: Schema<V, C>,
  ctx: C,
  payload: string,
  { maxChars = MAX_PAYLOAD_CHARS }: { maxChars?: number } = {},
): DecodeResult<V> {
  const rejected = (problem: string): DecodeResult<V> => ({
    share: sc.defaults(ctx),
    status: 'rejected',
    problems: [problem],
    used: [],
    editsValues: false,
  });
  try {
    if (payload.length > maxChars) {
      return rejected(
        `its data is ${payload.length.toLocaleString('en')} characters long; a link of ours has at most ${maxChars.toLocaleString('en')}`,
      );
    }
    if (payload === '') return { ...rejected(''), status: 'ok', problems: [] };
    const bytes = fromBase64url(payload);
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
    return decoder(sc, ctx, bytes);
  } catch (e) {
    // Unreachable by design (every reader catches its own errors); a last guard for the page.
    return rejected(`it could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
}

function decodeV1<V, C>(sc: Schema<V, C>, ctx: C, bytes: Uint8Array): DecodeResult<V> {
  const problems: string[] = [];
  const used: string[] = [];
  const intact = crc8(bytes, bytes.length - 1) === bytes[bytes.length - 1];
  // A damaged link has no trustworthy last byte: read to the end and keep the parts that parse.
  const end = intact ? bytes.length - 1 : bytes.length;
  let share = sc.defaults(ctx);
  let editsValues = false;
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
    const f = sc.fields.find((x) => x.tag === tag);
    if (tag <= lastTag) {
      problems.push('its parts are out of order');
      break;
    }
    lastTag = tag;
    if (!f) {
      problems.push(
        `it has a part (number ${tag}) that this version does not know, perhaps from a newer version`,
      );
    } else if (!f.applies(ctx)) {
      problems.push(`it sets ${f.label}, which ${sc.page} does not have`);
    } else {
      try {
        const body = new Reader(bytes, r.pos, bodyEnd);
        const value = f.codec.read(body, f.base(ctx, share));
        if (!body.done) throw new LinkError('has extra data');
        const bad = f.check?.(value, ctx, share);
        if (bad) throw new LinkError(bad);
        share = f.set(share, value, ctx);
        used.push(f.label);
        if (f.part === 'value') editsValues = true;
      } catch (e) {
        problems.push(`its ${f.label} ${e instanceof LinkError ? e.message : 'could not be read'}`);
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
    editsValues,
  };
}
