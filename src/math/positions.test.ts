/**
 * positions.ts against real PyTorch 1.13 (src/math/fixtures/positions.json, written by
 * scripts/goldens/positions.py, which runs the code quoted in positions.ts). Values are compared
 * bit for bit and printed forms character for character.
 */
import { describe, expect, it } from 'vitest';
import fx from './fixtures/positions.json';
import { b64Floats } from './fixtures/b64';
import { lcg } from './fixtures/lcg';
import { formatTensor } from './format';
import { mul, unsqueeze } from './ops';
import {
  divTerm,
  learnedPositions,
  rope,
  ropeParts,
  ropeScore,
  sinusoidalPositions,
} from './positions';
import { ShapeError, type Tensor } from './tensor';
import { cos, sin, sleefSinF32 } from './trig';

/** Indices where the float32 bits differ (at most 5), or [] when identical. */
function bitDiffs(a: Float32Array, b: Float32Array): string[] {
  if (a.length !== b.length) return [`length ${a.length} != ${b.length}`];
  const ua = new Uint32Array(a.buffer, a.byteOffset, a.length);
  const ub = new Uint32Array(b.buffer, b.byteOffset, b.length);
  const out: string[] = [];
  for (let i = 0; i < a.length && out.length < 5; i++) {
    if (ua[i] !== ub[i]) out.push(`[${i}] got ${a[i]}, torch ${b[i]}`);
  }
  return out;
}

describe('sinusoidal positions', () => {
  for (const c of fx.sinusoidal) {
    it(`context_length ${c.contextLength}, d ${c.d}: values and print match`, () => {
      const dt = divTerm(c.d);
      expect(bitDiffs(dt.data, b64Floats(c.divTerm)), 'div_term').toEqual([]);
      expect(formatTensor(dt)).toBe(c.printedDivTerm);
      const pe = sinusoidalPositions(c.contextLength, c.d);
      expect(pe.shape).toEqual([c.contextLength, c.d]);
      expect(bitDiffs(pe.data, b64Floats(c.pe)), 'pe').toEqual([]);
      expect(formatTensor(pe)).toBe(c.printed);
    });
  }

  it('sin runs on the whole table, in vectors of 8 that span rows', () => {
    // From position 125 on, an angle >= 125 sends its whole vector to Sleef's slow reduction,
    // which changes the last bit of some small angles sharing that vector.
    const count = (L: number, d: number, vector: 'alone' | 'row') => {
      const c = fx.sinusoidal.find((s) => s.contextLength === L && s.d === d)!;
      const expected = b64Floats(c.pe);
      const dt = divTerm(d);
      let differs = 0;
      for (let p = 0; p < L; p++) {
        const angles = mul({ shape: [1], data: Float32Array.of(p) }, dt).data;
        const row =
          vector === 'row'
            ? sin({ shape: [angles.length], data: angles }).data
            : angles.map((a) => sleefSinF32(a));
        for (let i = 0; i < row.length; i++) if (row[i] !== expected[p * d + 2 * i]) differs++;
      }
      return differs;
    };
    expect(count(1024, 16, 'alone')).toBe(34);
    expect(count(1024, 16, 'row')).toBe(0); // 8 angles a row: rows start on vector boundaries
    expect(count(128, 7, 'row')).toBe(1); // 4 angles a row: vectors span two rows
  });

  it('the usual code without the d // 2 slice fails for odd d as in PyTorch', () => {
    for (const c of fx.sinusoidalVerbatim) {
      const run = () => sinusoidalPositions(c.contextLength, c.d, { verbatim: true });
      if (c.error === null) {
        expect(bitDiffs(run().data, sinusoidalPositions(c.contextLength, c.d).data)).toEqual([]);
      } else {
        expect(run).toThrow(ShapeError);
        expect(run).toThrow(c.error);
      }
    }
    expect(fx.sinusoidalVerbatim.filter((c) => c.error !== null).length).toBeGreaterThan(0);
  });

  it('refuses sizes that are not whole numbers', () => {
    expect(() => sinusoidalPositions(4, 0)).toThrow(RangeError);
    expect(() => sinusoidalPositions(-1, 4)).toThrow(RangeError);
    expect(() => sinusoidalPositions(2.5, 4)).toThrow(RangeError);
    expect(() => divTerm(4, 0)).toThrow(RangeError);
    expect(sinusoidalPositions(0, 4).shape).toEqual([0, 4]);
  });
});

describe('learned absolute positions (nn.Embedding)', () => {
  for (const c of fx.learned) {
    it(`seed ${c.seed}, vocab ${c.vocabSize}, context ${c.contextLength}, d ${c.d}`, () => {
      const r = learnedPositions(c);
      expect(bitDiffs(r.posEmbeddings.data, b64Floats(c.pos)), 'pos_embeddings').toEqual([]);
      expect(r.inputEmbeddings.shape).toEqual(c.inputShape);
      expect(bitDiffs(r.inputEmbeddings.data, b64Floats(c.input)), 'input').toEqual([]);
      expect(formatTensor(r.posEmbeddings, { gradFn: 'EmbeddingBackward0' })).toBe(c.printedPos);
      expect(formatTensor(r.inputEmbeddings, { gradFn: 'AddBackward0' })).toBe(c.printedInput);
    }, 30_000);
  }

  it('refuses token rows of the wrong length with both shapes named', () => {
    const args = { seed: 1, vocabSize: 5, contextLength: 3, d: 2, tokenIds: [[0, 1]] };
    expect(() => learnedPositions(args)).toThrow(ShapeError);
    expect(() => learnedPositions(args)).toThrow('[2, 2] + [3, 2]');
    expect(() => learnedPositions({ ...args, tokenIds: [0, 1, 5] })).toThrow(RangeError);
  });
});

describe('rotary positions (RoPE, pairs (2i, 2i+1))', () => {
  for (const c of fx.rope) {
    it(`n ${c.n}, d ${c.d}, base ${c.base}: rotated values and print match`, () => {
      const x = lcg(c.seed, [c.n, c.d]);
      const out = rope(x, c.positions, c.base);
      expect(bitDiffs(out.data, b64Floats(c.out))).toEqual([]);
      expect(formatTensor(out)).toBe(c.printed);
    });
  }

  it('ropeParts exposes the angles, cos and sin it rotates with', () => {
    const p = ropeParts(lcg(5, [3, 4]), [0, 1, 2]);
    const angles = mul(unsqueeze({ shape: [3], data: Float32Array.of(0, 1, 2) }, 1), p.theta);
    expect(p.angles).toEqual(angles);
    expect(p.cos).toEqual(cos(angles));
    expect(p.sin).toEqual(sin(angles));
    // position 0 leaves x as it is
    expect(Array.from(p.out.data.slice(0, 4))).toEqual(Array.from(lcg(5, [3, 4]).data.slice(0, 4)));
  });

  it('refuses odd d, a position count that does not match, and non-2-d input', () => {
    expect(() => rope(lcg(1, [2, 3]), [0, 1])).toThrow(ShapeError);
    expect(() => rope(lcg(1, [2, 4]), [0])).toThrow(ShapeError);
    expect(() => rope(lcg(1, [4]), [0])).toThrow(ShapeError);
    expect(() => rope(lcg(1, [1, 4]), [0.5])).toThrow(RangeError);
  });
});

/** The rotated q . k in double precision with exact angles: the real-number value. */
function realScore(q: Float32Array, k: Float32Array, m: number, n: number): number {
  let s = 0;
  const d = q.length;
  for (let i = 0; i < d / 2; i++) {
    const theta = 10000 ** ((-2 * i) / d);
    const [a, b] = [m * theta, n * theta];
    const q0 = q[2 * i]! * Math.cos(a) - q[2 * i + 1]! * Math.sin(a);
    const q1 = q[2 * i]! * Math.sin(a) + q[2 * i + 1]! * Math.cos(a);
    const k0 = k[2 * i]! * Math.cos(b) - k[2 * i + 1]! * Math.sin(b);
    const k1 = k[2 * i]! * Math.sin(b) + k[2 * i + 1]! * Math.cos(b);
    s += q0 * k0 + q1 * k1;
  }
  return s;
}

describe('RoPE scores depend on m - n only', () => {
  for (const c of fx.ropeScores) {
    it(`d ${c.d}, offset ${c.offset}: float32 scores and prints match PyTorch`, () => {
      const q = lcg(c.seedQ, [c.d]);
      const k = lcg(c.seedK, [c.d]);
      const expected = b64Floats(c.scores);
      const got = c.pairs.map(([m, n]) => ropeScore(q, k, m!, n!));
      expect(
        bitDiffs(
          Float32Array.from(got, (t: Tensor) => t.data[0]!),
          expected,
        ),
      ).toEqual([]);
      expect(got.map((t) => formatTensor(t))).toEqual(c.printed);
      // In real numbers the score is the same for every pair with this offset.
      const real = c.pairs.map(([m, n]) => realScore(q.data, k.data, m!, n!));
      for (const r of real) expect(Math.abs(r - real[0]!)).toBeLessThan(1e-9);
      // In float32 the scores drift as the position grows (the angle m * theta is rounded to
      // float32, about m * 2^-24 radians): measured 1e-7 at m = 3, 8e-6 at 200, 7e-5 at 5000.
      got.forEach((t, i) => {
        const m = Math.max(...c.pairs[i]!);
        expect(Math.abs(t.data[0]! - real[0]!)).toBeLessThan(1e-6 + 5e-8 * m);
      });
    });
  }

  it('has a case the lesson can show: every pair with offset 2 prints the same', () => {
    const c = fx.ropeScores.find((s) => s.d === 8 && s.offset === 2)!;
    expect(new Set(c.printed).size).toBe(1);
    expect(c.pairs.length).toBeGreaterThanOrEqual(5);
    // and one where float32 shows the drift at a large position
    const far = fx.ropeScores.find((s) => s.d === 64)!;
    expect(new Set(far.printed).size).toBeGreaterThan(1);
  });
});
