/**
 * trig.ts (torch.sin, torch.cos) and ops.ts's exp against real PyTorch 1.13
 * (src/math/fixtures/positions.json, written by scripts/goldens/positions.py). Every comparison is
 * bit for bit, NaN bits included.
 *
 * Large sets are stored as one CRC-32 per block of 65536 outputs. By default each generated set
 * is checked on its first 4 blocks and each range of "all float32 in [2^k, 2^(k+1))" on every
 * 64th block plus the last (about 4 million inputs for sin and cos, 4 million for exp);
 * TRIG_FULL=1 checks every block (168 million inputs for sin and cos, 176 million for exp, and
 * 6 million generated ones).
 */
import { describe, expect, it } from 'vitest';
import fx from './fixtures/positions.json';
import { b64Floats } from './fixtures/b64';
import { crc32Hex, generated } from './fixtures/bits';
import { exp } from './ops';
import { cos, sin, sleefCosF32, sleefSinF32 } from './trig';
import type { Tensor } from './tensor';

const T = fx.trig;
const BLOCK = T.block;
const FULL = import.meta.env['TRIG_FULL'] === '1';

function vec(data: Float32Array): Tensor {
  return { shape: [data.length], data };
}

/** Indices where two float32 arrays differ in their bits (at most `limit`). */
function bitDiffs(a: Float32Array, b: Float32Array, limit = 5): string[] {
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  const out: string[] = [];
  if (a.length !== b.length) return [`length ${a.length} != ${b.length}`];
  for (let i = 0; i < a.length && out.length < limit; i++) {
    if (ua[i] !== ub[i])
      out.push(`[${i}] got ${ua[i]!.toString(16)}, torch ${ub[i]!.toString(16)}`);
  }
  return out;
}

/** Blocks whose CRC differs, as readable messages naming the first input of the block. */
function badBlocks(
  x: Float32Array,
  y: Float32Array,
  crcs: readonly string[],
  blocks: Iterable<number>,
): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    const end = Math.min((b + 1) * BLOCK, y.length);
    if (crc32Hex(y, b * BLOCK, end) !== crcs[b]) out.push(`block ${b} (from x = ${x[b * BLOCK]})`);
  }
  return out;
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

type RangeCase = { name: string; start: number; count: number } & Record<string, unknown>;

/**
 * Checks every float32 of each range (consecutive bit patterns from `start`) against the block
 * CRCs stored under each function's name: all blocks with TRIG_FULL=1, else every 64th and the
 * last. Returns how many inputs were checked per function.
 */
function checkRanges(
  ranges: readonly RangeCase[],
  fns: Record<string, (t: Tensor) => Tensor>,
): number {
  let values = 0;
  for (const r of ranges) {
    const nBlocks = Math.ceil(r.count / BLOCK);
    const blocks = FULL
      ? range(nBlocks)
      : range(nBlocks).filter((b) => b % 64 === 0 || b === nBlocks - 1);
    const bits = new Uint32Array(blocks.length * BLOCK);
    blocks.forEach((b, j) => {
      for (let i = 0; i < BLOCK; i++) bits[j * BLOCK + i] = (r.start + b * BLOCK + i) >>> 0;
    });
    const x = new Float32Array(bits.buffer);
    const bad: string[] = [];
    for (const [name, f] of Object.entries(fns)) {
      const y = f(vec(x)).data;
      const crcs = r[name] as string[];
      blocks.forEach((b, j) => {
        const from = j * BLOCK;
        if (crc32Hex(y, from, from + BLOCK) !== crcs[b]) bad.push(`${name} block ${b}`);
      });
    }
    expect(bad, r.name).toEqual([]);
    values += x.length;
  }
  return values;
}

describe('torch.sin / torch.cos (Sleef sinf8_u10 / cosf8_u10, AVX2 + FMA)', () => {
  it('special values match, each alone in its vector and packed together', () => {
    const x = b64Floats(T.special.x);
    const alone = (f: (v: number) => number) => Float32Array.from(x, f);
    // A NaN result is all ones in torch; a lone scalar returns a JS NaN, so compare those as NaN.
    const sameOrNaN = (a: Float32Array, b: Float32Array) =>
      Array.from(a).every((v, i) => Object.is(v, b[i]) || (v !== v && b[i] !== b[i]));
    expect(sameOrNaN(alone(sleefSinF32), b64Floats(T.special.sin))).toBe(true);
    expect(sameOrNaN(alone(sleefCosF32), b64Floats(T.special.cos))).toBe(true);
    // In a tensor, NaN bits match too.
    const aloneT = (f: (t: Tensor) => Tensor) =>
      Float32Array.from(x, (v) => f(vec(Float32Array.of(v, 0, 0, 0, 0, 0, 0, 0))).data[0]!);
    expect(bitDiffs(aloneT(sin), b64Floats(T.special.sin))).toEqual([]);
    expect(bitDiffs(aloneT(cos), b64Floats(T.special.cos))).toEqual([]);
    expect(bitDiffs(sin(vec(x)).data, b64Floats(T.special.sinPacked))).toEqual([]);
    expect(bitDiffs(cos(vec(x)).data, b64Floats(T.special.cosPacked))).toEqual([]);
    expect(Object.is(sleefSinF32(-0), -0)).toBe(true);
    expect(sleefCosF32(0)).toBe(1);
  });

  it('tensors of 1 to 17 elements match (zero-padded last vector)', () => {
    let checked = 0;
    for (const c of T.tails) {
      const x = generated(c);
      expect(bitDiffs(sin(vec(x)).data, b64Floats(c.sin)), `sin n=${c.n} a=${c.a}`).toEqual([]);
      expect(bitDiffs(cos(vec(x)).data, b64Floats(c.cos)), `cos n=${c.n} a=${c.a}`).toEqual([]);
      checked += 2 * c.n;
    }
    expect(checked).toBe(2 * 2 * ((17 * 18) / 2));
  });

  it('a lane of 125 or more moves its whole vector to the slow reduction, as in torch', () => {
    const c = T.coupling;
    const x = generated({ kind: 'uniform', seed: c.seed, n: c.n, a: c.a });
    const big = x.slice();
    for (let i = 7; i < big.length; i += 8) big[i] = c.big;
    expect(bitDiffs(sin(vec(x)).data, b64Floats(c.sin))).toEqual([]);
    expect(bitDiffs(cos(vec(x)).data, b64Floats(c.cos))).toEqual([]);
    expect(bitDiffs(sin(vec(big)).data, b64Floats(c.sinBig))).toEqual([]);
    expect(bitDiffs(cos(vec(big)).data, b64Floats(c.cosBig))).toEqual([]);
    // The effect is real: computing each element alone would miss it.
    expect(c.sinChanged).toBeGreaterThan(0);
    const lone = Float32Array.from(big, (v) => sleefSinF32(v));
    expect(bitDiffs(lone, b64Floats(c.sinBig), 1e9).length).toBe(c.sinChanged);
  });

  for (const c of T.random) {
    it(`${FULL ? c.n : 4 * BLOCK} generated values (${c.kind}, seed ${c.seed}) match`, () => {
      const nBlocks = FULL ? c.sin.length : 4;
      const x = generated({ ...c, n: nBlocks * BLOCK });
      const blocks = range(nBlocks);
      expect(badBlocks(x, sin(vec(x)).data, c.sin, blocks), 'sin').toEqual([]);
      expect(badBlocks(x, cos(vec(x)).data, c.cos, blocks), 'cos').toEqual([]);
    }, 60_000);
  }

  it(`every float32 in ${T.ranges.length} ranges matches (${FULL ? 'all' : 'sampled'} blocks)`, () => {
    const values = checkRanges(T.ranges, { sin, cos });
    expect(values).toBeGreaterThan(FULL ? 1.6e8 : 3e6);
  }, 600_000);

  it('keeps the shape, and an empty tensor stays empty', () => {
    const t: Tensor = { shape: [2, 3], data: Float32Array.of(0, 1, 2, 3, 200, 5) };
    expect(sin(t).shape).toEqual([2, 3]);
    expect(cos(t).data.length).toBe(6);
    expect(sin({ shape: [0, 4], data: new Float32Array(0) })).toEqual({
      shape: [0, 4],
      data: new Float32Array(0),
    });
  });
});

describe('torch.exp (Sleef expf8_u10, AVX2 + FMA; ops.ts)', () => {
  it('special values match, NaN payloads included', () => {
    const x = b64Floats(T.special.x);
    expect(bitDiffs(exp(vec(x)).data, b64Floats(T.special.exp))).toEqual([]);
  });

  it('tensors of 1 to 17 elements match', () => {
    for (const c of T.tails) {
      expect(bitDiffs(exp(vec(generated(c))).data, b64Floats(c.exp)), `n=${c.n}`).toEqual([]);
    }
  });

  it('generated values over wide ranges match', () => {
    for (const c of T.random) {
      const nBlocks = FULL ? c.exp.length : 4;
      const x = generated({ ...c, n: nBlocks * BLOCK });
      expect(badBlocks(x, exp(vec(x)).data, c.exp, range(nBlocks)), c.kind).toEqual([]);
    }
  }, 60_000);

  it(`every float32 in ${T.expRanges.length} ranges matches (${FULL ? 'all' : 'sampled'} blocks)`, () => {
    expect(checkRanges(T.expRanges, { exp })).toBeGreaterThan(FULL ? 1.7e8 : 3e6);
  }, 600_000);
});
