import { describe, it, expect } from 'vitest';
import fx from './fixtures/rng.json';
import { decodeTensor, type FixtureTensor } from './fixtures/decode';
import { logOneMinusCephes, sinCosCephes, torchGenerator, type TorchGenerator } from './random';
import { ShapeError, type Tensor } from './tensor';

// Every expected value comes from PyTorch 1.13 (scripts/goldens/rng.py). Values are compared as
// exact float32s: no tolerance was needed anywhere.

type Call = {
  op: string;
  shape?: number[];
  num?: number;
  dim?: number;
  rows?: number[];
  hashOnly?: boolean;
  expected?: FixtureTensor;
  first?: FixtureTensor;
  hash?: number;
};
type Case = { name: string; seed: number; calls: Call[] };
type NotebookTable = {
  source: string;
  seed: number;
  num: number;
  dim: number;
  tokens: number[];
  printed: number[][];
};

const cases = fx.cases as Case[];
const notebook = fx.notebook as NotebookTable[];

function call(g: TorchGenerator, c: Call): Tensor {
  switch (c.op) {
    case 'rand':
      return g.rand(c.shape!);
    case 'randn':
      return g.randn(c.shape!);
    case 'embedding':
      return g.embedding(c.num!, c.dim!);
    default:
      throw new Error(`unknown op ${c.op}`);
  }
}

/** FNV-1a over the float32 bit patterns, as rng.py's bits_hash. */
function bitsHash(data: Float32Array): number {
  const words = new Uint32Array(data.buffer, data.byteOffset, data.length);
  let h = 2166136261;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i]!, 16777619) >>> 0;
  return h;
}

function rowsOf(t: Tensor, rows: number[]): Float32Array {
  const dim = t.shape[1]!;
  const out = new Float32Array(rows.length * dim);
  rows.forEach((r, k) => out.set(t.data.subarray(r * dim, r * dim + dim), k * dim));
  return out;
}

/** Index of the first value that differs (as float32 bits), or -1. */
function firstMismatch(got: Float32Array, want: Float32Array): number {
  if (got.length !== want.length) return Math.min(got.length, want.length);
  for (let i = 0; i < got.length; i++) if (!Object.is(got[i], want[i])) return i;
  return -1;
}

let valuesCompared = 0;

describe('torchGenerator matches PyTorch 1.13 (fixtures)', () => {
  it('has a meaningful number of fixture cases', () => {
    expect(cases.length).toBeGreaterThan(100);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const g = torchGenerator(c.seed);
    c.calls.forEach((k, step) => {
      const t = call(g, k);
      const where = `call ${step} (${k.op})`;
      if (k.op === 'embedding') expect(t.shape, where).toEqual([k.num, k.dim]);
      else expect(t.shape, where).toEqual(k.shape);
      if (k.hash !== undefined) expect(bitsHash(t.data), `${where} bits hash`).toBe(k.hash);
      if (k.first) {
        const want = decodeTensor(k.first).data;
        expect(firstMismatch(t.data.slice(0, want.length), want), where).toBe(-1);
        valuesCompared += want.length;
      }
      if (k.expected) {
        const want = decodeTensor(k.expected);
        const got = k.rows ? rowsOf(t, k.rows) : t.data;
        expect(k.rows ? [k.rows.length, k.dim] : t.shape, where).toEqual(want.shape);
        const i = firstMismatch(got, want.data);
        expect(i === -1 ? 'all equal' : `value ${i}: ${got[i]} vs ${want.data[i]}`, where).toBe(
          'all equal',
        );
        valuesCompared += want.data.length;
      }
    });
  });

  it('compared every stored value', () => {
    const stored = cases
      .flatMap((c) => c.calls)
      .reduce((n, k) => n + (k.expected?.data.length ?? 0) + (k.first?.data.length ?? 0), 0);
    expect(stored).toBeGreaterThan(10000);
    expect(valuesCompared).toBe(stored);
  });
});

describe('the seed notebooks', () => {
  it('has both notebook tables', () => {
    expect(notebook.map((n) => n.source.slice(0, 3))).toEqual(['003', '004']);
  });

  it.each(notebook.map((n) => [n.source, n] as const))(
    '%s: embedding rows print as in the notebook',
    (_source, n) => {
      const w = torchGenerator(n.seed).embedding(n.num, n.dim);
      const printed = n.tokens.map((tok) =>
        Array.from(w.data.subarray(tok * n.dim, tok * n.dim + n.dim), (v) => Number(v.toFixed(4))),
      );
      expect(printed).toEqual(n.printed);
    },
  );

  it('notebook 004 starts with 0.3374, -0.1778, -0.3035 after Embedding(50000, 3)', () => {
    const w = torchGenerator(123).embedding(50000, 3);
    expect(Array.from(w.data.subarray(0, 3), (v) => v.toFixed(4))).toEqual([
      '0.3374',
      '-0.1778',
      '-0.3035',
    ]);
  });
});

describe('stream semantics', () => {
  it('only the low 32 bits of the seed matter, like at::mt19937', () => {
    expect(torchGenerator(2 ** 32 + 5).rand([8]).data).toEqual(torchGenerator(5).rand([8]).data);
    expect(torchGenerator(2 ** 53 - 1).randn([20]).data).toEqual(
      torchGenerator(2 ** 32 - 1).randn([20]).data,
    );
  });

  it('generators are independent objects', () => {
    const a = torchGenerator(1);
    const b = torchGenerator(1);
    // Interleaved: a shared (global) stream would hand b the values after a's.
    const a1 = a.rand([4]);
    const b1 = b.rand([4]);
    const a2 = a.randn([3]);
    const b2 = b.randn([3]);
    expect(b1.data).toEqual(a1.data);
    expect(b2.data).toEqual(a2.data);
  });

  it('a small randn leaves a cached sample that the next small randn returns first', () => {
    const one = torchGenerator(3).randn([2]).data;
    const g = torchGenerator(3);
    const first = g.randn([1]).data;
    g.rand([5]); // uniform draws do not touch the normal cache
    g.randn([16]); // neither does the vectorised path
    expect([first[0], g.randn([1]).data[0]]).toEqual([one[0], one[1]]);
  });

  it('returns fresh tensors with the requested shape', () => {
    const g = torchGenerator(0);
    const t = g.rand([2, 3]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(g.randn([]).shape).toEqual([]);
    expect(g.randn([]).data.length).toBe(1);
    expect(g.embedding(4, 5).shape).toEqual([4, 5]);
  });
});

describe('errors', () => {
  it.each([-1, 0.5, NaN, Infinity, -Infinity, 2 ** 53, -0.25])('rejects seed %s', (seed) => {
    expect(() => torchGenerator(seed)).toThrow(RangeError);
    expect(() => torchGenerator(seed)).toThrow(/invalid seed/);
  });

  it('accepts the extreme seeds 0 and 2^53 - 1', () => {
    expect(() => torchGenerator(0)).not.toThrow();
    expect(() => torchGenerator(2 ** 53 - 1)).not.toThrow();
  });

  it.each([[[-1]], [[2, -3]], [[1.5]], [[NaN]], [[Infinity]], [[3, 0.1]]])(
    'rejects shape %j',
    (shape) => {
      const g = torchGenerator(0);
      expect(() => g.rand(shape)).toThrow(ShapeError);
      expect(() => g.randn(shape)).toThrow(/invalid shape/);
    },
  );

  it('rejects bad embedding sizes', () => {
    const g = torchGenerator(0);
    expect(() => g.embedding(-1, 3)).toThrow(ShapeError);
    expect(() => g.embedding(4, 2.5)).toThrow(/invalid shape \[4, 2\.5\]/);
  });

  it('a rejected call consumes nothing', () => {
    const g = torchGenerator(9);
    expect(() => g.rand([-2])).toThrow();
    expect(() => g.randn([1, -1])).toThrow();
    expect(g.rand([3]).data).toEqual(torchGenerator(9).rand([3]).data);
  });
});

// A second, deliberately literal transcription of avx_mathfun.h's log256_ps and sincos256_ps, with
// an exact float32 fma and the kernel's own bit manipulation, to check random.ts's shortcuts
// (fma as f32(a * b + c), exponent and mantissa from clz32) on every input they can receive.
const f32 = Math.fround;
const punF32 = new Float32Array(1);
const punI32 = new Int32Array(punF32.buffer);

/**
 * Correctly rounded float32 fma. a * b is exact in a double; the double sum s rounds to float
 * correctly unless it sits exactly halfway between two floats (then `other`, the float on the far
 * side of s, is representable), where TwoSum's recovered error decides the direction.
 */
function fmaExact(a: number, b: number, c: number): number {
  const s = a * b + c;
  const r = f32(s);
  const other = 2 * s - r;
  return f32(other) === other && other !== r ? breakTie(a * b, c, s, r, other) : r;
}

function breakTie(p: number, c: number, s: number, r: number, other: number): number {
  const bv = s - p;
  const err = p - (s - bv) + (c - bv);
  return err !== 0 && err > 0 === other > r ? other : r;
}

const LOG_P = [
  7.0376836292e-2, -1.151461031e-1, 1.167699874e-1, -1.2420140846e-1, 1.4249322787e-1,
  -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1,
].map(f32);
const HALF_BITS = 0x3f000000; // 0.5f

function refLog(x0: number): number {
  punF32[0] = x0;
  const bits = punI32[0]!;
  let e = f32((bits >>> 23) - 127);
  punI32[0] = (bits & ~0x7f800000) | HALF_BITS;
  let x = punF32[0]!;
  e = f32(e + 1);
  const mask = x < f32(0.7071067811865476);
  const tmp = mask ? x : 0;
  x = f32(x - 1);
  if (mask) e = f32(e - 1);
  x = f32(x + tmp);
  const z = f32(x * x);
  let y = LOG_P[0]!;
  for (let i = 1; i < 9; i++) y = fmaExact(y, x, LOG_P[i]!);
  y = f32(y * x);
  y = fmaExact(y, z, f32(e * f32(-2.1219444e-4)));
  y = fmaExact(z, -0.5, y);
  x = f32(x + y);
  return fmaExact(e, f32(0.693359375), x);
}

/** Writes [sin, cos] into out. */
function refSinCos(theta: number, out: Float64Array): void {
  let x = theta; // >= 0
  let y = f32(x * f32(1.27323954473516));
  let j = Math.trunc(y);
  j = (j + 1) & ~1;
  y = j;
  x = fmaExact(y, f32(-0.78515625), x);
  x = fmaExact(y, f32(-2.4187564849853515625e-4), x);
  x = fmaExact(y, f32(-3.774894977445941e-8), x);
  const z = f32(x * x);
  let c = fmaExact(f32(2.443315711809948e-5), z, f32(-1.388731625493765e-3));
  c = fmaExact(c, z, f32(4.166664568298827e-2));
  c = f32(c * z);
  c = fmaExact(c, z, -f32(z * 0.5));
  c = f32(c + 1);
  let s = fmaExact(f32(-1.9515295891e-4), z, f32(8.3321608736e-3));
  s = fmaExact(s, z, f32(-1.6666654611e-1));
  s = f32(s * z);
  s = fmaExact(s, x, x);
  const polyMask = (j & 2) === 0;
  let sin = polyMask ? s : c;
  let cos = polyMask ? c : s;
  if (j & 4) sin = -sin;
  if (((j - 2) & 4) === 0) cos = -cos;
  out[0] = sin;
  out[1] = cos;
}

/**
 * Which of the 2^24 uniform floats k * 2^-24 to check: all k near both ends (where log and the
 * angle reduction are at their extremes) and every EXHAUSTIVE_STRIDE-th in between. Set the stride
 * to 1 to check every input (about 10 s; it passes).
 */
const EXHAUSTIVE_STRIDE = 61;
const EDGE = 2 ** 16;

describe('the AVX2 normal_fill kernel emulation', () => {
  it('log and sincos agree with an exact-fma transcription of avx_mathfun.h', () => {
    const out = new Float64Array(2);
    const ref = new Float64Array(2);
    const twoPi = f32(2 * Math.PI);
    let checked = 0;
    let logMismatches = 0;
    let sinCosMismatches = 0;
    for (let k = 0; k < 2 ** 24; k += k < EDGE || k >= 2 ** 24 - EDGE ? 1 : EXHAUSTIVE_STRIDE) {
      const v = k / 2 ** 24; // a value uniform_real_distribution<float> can produce
      if (logOneMinusCephes(v) !== refLog(f32(1 - v))) logMismatches++;
      sinCosCephes(v, out);
      refSinCos(f32(twoPi * v), ref);
      if (out[0] !== ref[0] || out[1] !== ref[1]) sinCosMismatches++;
      checked++;
    }
    expect(checked).toBeGreaterThan(2 * EDGE);
    expect({ logMismatches, sinCosMismatches }).toEqual({ logMismatches: 0, sinCosMismatches: 0 });
  }, 60_000);

  it('the reference transcription reproduces PyTorch on the first 16 values of a big randn', () => {
    // Guards the reference itself: normal_fill_16_AVX2 on torch.rand's first 16 floats, seed 1.
    const u = torchGenerator(1).rand([16]).data;
    const fixture = cases.find((c) => c.name.startsWith('big randn'))!.calls[0]!.first!;
    const want = decodeTensor(fixture).data;
    const ref = new Float64Array(2);
    const twoPi = f32(2 * Math.PI);
    for (let j = 0; j < 8; j++) {
      const radius = f32(Math.sqrt(f32(-2 * refLog(f32(1 - u[j]!)))));
      refSinCos(f32(twoPi * u[j + 8]!), ref);
      expect(f32(radius * ref[1]!), `value ${j}`).toBe(want[j]);
      expect(f32(radius * ref[0]!), `value ${j + 8}`).toBe(want[j + 8]);
    }
  });
});
