import { describe, expect, it } from 'vitest';
import { crc8, fromBase64url, toBase64url } from './bytes';
import { bool, oneOf, tensorDiff, text, uint } from './codecs';
import { DEFAULT_PLOT_OPTIONS } from './plotOptions';
import { decode, editKey, encode, field, sameValues, schema, type Shared } from './schema';
import type { Tensor } from '../math/tensor';

/** A page of its own, declared as every page is: one entry per choice. */
interface Toy {
  name: string;
  size: number;
  mode: 'a' | 'b';
  on: boolean;
  table: Tensor;
}
const TABLE: Tensor = { shape: [2, 2], data: Float32Array.from([1, 2, 3, 4]) };
const defaults = (): Shared<Toy> => ({
  state: { name: 'hi', size: 3, mode: 'a', on: false, table: TABLE },
  plot: DEFAULT_PLOT_OPTIONS,
  classroom: 0,
});
const at = <K extends keyof Toy>(key: K) => ({
  get: (s: Shared<Toy>) => s.state[key],
  set: (s: Shared<Toy>, v: Toy[K]) => ({ ...s, state: { ...s.state, [key]: v } }),
  base: () => defaults().state[key],
  applies: () => true,
  part: 'value' as const,
});
const TOY = schema<Toy, null>({
  page: 'the toy',
  defaults,
  fields: [
    field({ tag: 1, name: 'name', label: 'name', codec: text(100), undo: 'value', ...at('name') }),
    field({
      tag: 2,
      name: 'size',
      label: 'size',
      codec: uint(64, 1),
      undo: 'value',
      ...at('size'),
    }),
    field({
      tag: 3,
      name: 'mode',
      label: 'mode',
      codec: oneOf(['a', 'b']),
      undo: 'alone',
      ...at('mode'),
    }),
    field({ tag: 4, name: 'on', label: 'switch', codec: bool, undo: 'alone', ...at('on') }),
    field({
      tag: 5,
      name: 'table',
      label: 'table',
      codec: tensorDiff("the toy's"),
      undo: 'cells',
      ...at('table'),
    }),
  ],
});
const edited = (patch: Partial<Toy>): Shared<Toy> => ({
  ...defaults(),
  state: { ...defaults().state, ...patch },
});

describe('a page schema', () => {
  it('writes nothing at the defaults, and round-trips every kind of field', () => {
    expect(encode(TOY, null, defaults())).toBe('');
    const table = { shape: [2, 2], data: Float32Array.from([1, -0, 0.1, 4]) };
    const s = edited({ name: 'Dürer “x”', size: 64, mode: 'b', on: true, table });
    const r = decode(TOY, null, encode(TOY, null, s));
    expect(r.status).toBe('ok');
    expect(r.used).toEqual(['name', 'size', 'mode', 'switch', 'table']);
    expect(r.editsValues).toBe(true);
    expect(sameValues(TOY, null, r.share.state, s.state)).toBe(true);
    expect(Object.is(r.share.state.table.data[1], -0)).toBe(true);
  });

  it('drops a field out of bounds, names it, and keeps the others', () => {
    const bytes = fromBase64url(encode(TOY, null, edited({ size: 5, on: true })))!;
    // size is tag 2, one byte long: write 65, one more than the largest.
    const i = [...bytes].indexOf(2);
    bytes[i + 2] = 65;
    bytes[bytes.length - 1] = crc8(bytes, bytes.length - 1);
    const r = decode(TOY, null, toBase64url(bytes));
    expect(r.status).toBe('partial');
    expect(r.problems.join()).toMatch(/its size holds 65/);
    expect(r.share.state.size).toBe(3);
    expect(r.share.state.on).toBe(true);
  });

  it('skips a part it does not know and reads the rest', () => {
    const w = [1, 4, 1, 1, 9, 2, 0, 0];
    w.push(crc8(w));
    const r = decode(TOY, null, toBase64url(w));
    expect(r.status).toBe('partial');
    expect(r.share.state.on).toBe(true);
    expect(r.problems.join()).toMatch(/part \(number 9\)/);
  });

  it('keys undo steps by the declaration: one cell, one value, or alone', () => {
    const a = defaults().state;
    const cell = { shape: [2, 2], data: Float32Array.from([1, 2, 9, 4]) };
    expect(editKey(TOY, null, a, { ...a, table: cell })).toBe('table:2');
    expect(editKey(TOY, null, a, { ...a, size: 7 })).toBe('size');
    expect(editKey(TOY, null, a, { ...a, mode: 'b' })).toBe('');
    const two = { shape: [2, 2], data: Float32Array.from([0, 2, 9, 4]) };
    expect(editKey(TOY, null, a, { ...a, table: two })).toBe('');
  });

  it('refuses tags out of order when declared', () => {
    expect(() =>
      schema<Toy, null>({ page: 'x', defaults, fields: [TOY.fields[1]!, TOY.fields[0]!] }),
    ).toThrow(/tags must increase/);
  });
});
