/**
 * How one kind of value is written into a link, read back and compared. A codec reads against the
 * field's default (`base`), so a tensor is written as its changes and a flag set as a mask; every
 * read checks the bytes and the value's bounds and throws LinkError, which the decoder turns into
 * a named problem (schema.ts). Nothing is silently replaced: a value out of bounds fails.
 */
import type { Tensor } from '../math/tensor';
import { LinkError, type Reader, type Writer } from './bytes';

export interface Codec<T> {
  write(w: Writer, value: T, base: T): void;
  /** Reads a value; throws LinkError on malformed bytes or values outside the codec's bounds. */
  read(r: Reader, base: T): T;
  /** Equality that decides "edited or not", undo steps and what a link writes: bit for bit. */
  same(a: T, b: T): boolean;
}

/** Largest magnitude of a value in a link, as in the editable tables. */
export const MAX_ABS = 1000;
/** Largest tensor side a link may describe (the shape must match the field's default anyway). */
export const MAX_SIDE = 4096;

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6] as const;
const MAX_MANTISSA = 2 ** 31;
const RAW = 7;

const zigzag = (m: number) => (m >= 0 ? 2 * m : -2 * m - 1);
const unzigzag = (z: number) => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

/**
 * A float32 that is exactly m / 10^k for a small integer m and k <= 6 (what a learner types: 0.43,
 * -1.5) as the varint (zigzag(m) * 8 + k), one to three bytes; anything else (a dragged
 * 0.43712345, -0) as its 4 raw bytes after a varint 7. Bit for bit either way.
 */
export function writeValue(w: Writer, x: number) {
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

export function readValue(r: Reader): number {
  const h = r.varint((2 * MAX_MANTISSA + 1) * 8 + 7);
  const k = h % 8;
  const x = k === RAW ? r.f32() : Math.fround(unzigzag(Math.floor(h / 8)) / POW10[k]!);
  if (!Number.isFinite(x)) throw new LinkError('holds a value that is not a finite number');
  if (Math.abs(x) > MAX_ABS) throw new LinkError(`holds ${x}, outside -${MAX_ABS}..${MAX_ABS}`);
  return x;
}

/** A whole number 0..max. */
export function uint(max: number, min = 0): Codec<number> {
  return {
    write: (w, v) => w.varint(v),
    read: (r) => {
      const v = r.varint(max);
      if (v < min) throw new LinkError(`holds ${v}, less than the smallest allowed (${min})`);
      return v;
    },
    same: Object.is,
  };
}

/**
 * A list of whole numbers 0..max (a word order, a key per query word): its length (at most
 * `maxLength`), then each number.
 */
export function uintList(max: number, maxLength = MAX_SIDE): Codec<readonly number[]> {
  return {
    write: (w, v) => {
      w.varint(v.length);
      for (const x of v) w.varint(x);
    },
    read: (r) => {
      const n = r.varint(maxLength);
      return Array.from({ length: n }, () => r.varint(max));
    },
    same: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
  };
}

/** A true/false choice, as one byte 0 or 1. */
export const bool: Codec<boolean> = {
  write: (w, v) => w.varint(v ? 1 : 0),
  read: (r) => r.varint(1) === 1,
  same: (a, b) => a === b,
};

/** One of a fixed list of names, by its index; append new names at the end, never reorder. */
export function oneOf<T extends string>(names: readonly T[]): Codec<T> {
  return {
    write: (w, v) => w.varint(names.indexOf(v)),
    read: (r) => {
      const i = r.varint(2 ** 30);
      const v = names[i];
      if (v === undefined) throw new LinkError('names a choice this version does not have');
      return v;
    },
    same: (a, b) => a === b,
  };
}

/** UTF-8 text of at most `maxBytes` bytes; malformed UTF-8 fails. */
export function text(maxBytes: number): Codec<string> {
  return {
    write: (w, v) => {
      const b = new TextEncoder().encode(v);
      w.varint(b.length);
      w.raw(b);
    },
    read: (r) => {
      const n = r.varint(maxBytes);
      try {
        return new TextDecoder('utf-8', { fatal: true }).decode(r.take(n));
      } catch (e) {
        if (e instanceof LinkError) throw e;
        throw new LinkError('holds text that is not valid UTF-8');
      }
    },
    same: (a, b) => a === b,
  };
}

/** Boolean options as one bitmask; bit k is keys[k]. */
export function flags<T extends Record<K, boolean>, K extends keyof T>(
  keys: readonly K[],
): Codec<T> {
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
 * The indices of the cells where `b` differs from `a` (bit for bit), the first `upTo` of them; null
 * when the shapes differ. What an undo step keys a table edit on ('embeddings:4').
 */
export function changedCells(a: Tensor, b: Tensor, upTo = Infinity): number[] | null {
  if (a.shape.length !== b.shape.length || !a.shape.every((n, k) => n === b.shape[k])) return null;
  const out: number[] = [];
  for (let i = 0; i < b.data.length && out.length < upTo; i++) {
    if (!Object.is(a.data[i], b.data[i])) out.push(i);
  }
  return out;
}

/** True when two tensors have the same shape and the same bits. */
export function sameTensor(a: Tensor, b: Tensor): boolean {
  return a === b || changedCells(a, b, 1)?.length === 0;
}

/**
 * A 2-d tensor as its changes against the default tensor: rows, cols, a bitmask of the changed
 * cells (row-major), then the changed values: one edited cell of a 6x3 table is 7 bytes. `owner`
 * names whose shape a mismatch is measured against ("this lesson's").
 */
export const tensorDiff = (owner: string): Codec<Tensor> => ({
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
      throw new LinkError(`has shape [${rows}, ${cols}], but ${owner} is [${bRows}, ${bCols}]`);
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
  same: sameTensor,
});
