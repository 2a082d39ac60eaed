/**
 * ops.ts against real PyTorch 1.13 (src/math/fixtures/ops.json, written by scripts/goldens/ops.py).
 *
 * Every fixture comparison here is BIT-EXACT (same float32 bits, NaN equal to NaN, +0 distinct
 * from -0): each op reproduces the evaluation order of the PyTorch kernel it mirrors, so no
 * tolerance is needed or allowed. Tolerances appear only in the property checks, which compare
 * against mathematical identities rather than PyTorch.
 */
import { describe, expect, it } from 'vitest';
import fx from './fixtures/ops.json';
import { lcg } from './fixtures/lcg';
import { expectShapeError } from './fixtures/testing';
import {
  decodeNumber,
  decodeTensor,
  type FixtureNumber,
  type FixtureTensor,
} from './fixtures/decode';
import {
  add,
  cat,
  causalMask,
  column,
  div,
  divTensor,
  dot,
  exp,
  fmaF32,
  indexRows,
  libmExpF32,
  maskedFill,
  matmul,
  mul,
  norm,
  scale,
  sleefExpF32,
  sliceRows,
  softmax,
  softmaxNaive,
  sub,
  sum,
  sumNumpy,
  transpose,
  unsqueeze,
} from './ops';
import { fromRows, scalar, tensor, type Tensor } from './tensor';

type FT = FixtureTensor;
type OpsFixture = {
  exp: Record<'sleef' | 'libm', { x: FT; y: FT }>;
  dot: { a: FT; b: FT; y: FT }[];
  matmul: { kind: string; a: FT; b: FT; y: FT }[];
  sum: { x: FT; dim: number | null; keepdim: boolean; y: FT }[];
  sumNumpy: { x: FT; y: FixtureNumber }[];
  norm: { x: FT; dim: number | null; y: FT }[];
  softmax: { x: FT; dim: number; y: FT }[];
  softmaxNaive: { x: FT; dim: number; y: FT }[];
  elementwise: { op: string; a: FT; b?: FT; k?: number; y: FT }[];
};
const F = fx as unknown as OpsFixture;
const T = decodeTensor;

/** Where `actual` differs from `expected` bit for bit (Object.is per element), or null. */
function mismatch(actual: Tensor, expected: Tensor): string | null {
  const sa = JSON.stringify(actual.shape);
  const se = JSON.stringify(expected.shape);
  if (sa !== se) return `shape ${sa} != ${se}`;
  for (let i = 0; i < expected.data.length; i++) {
    if (!Object.is(actual.data[i], expected.data[i])) {
      return `element ${i}: got ${actual.data[i]}, PyTorch ${expected.data[i]}`;
    }
  }
  return null;
}

/** Runs `f` over the cases and lists every mismatch (so a failure shows all of them at once). */
function allMismatches<C>(cases: readonly C[], f: (c: C) => [Tensor, Tensor]): string[] {
  const out: string[] = [];
  cases.forEach((c, i) => {
    const [actual, expected] = f(c);
    const m = mismatch(actual, expected);
    if (m) out.push(`case ${i}: ${m}`);
  });
  return out;
}

describe('scalar kernels', () => {
  it('fmaF32 rounds a*b+c once, where rounding the double sum would be wrong', () => {
    const a = 1 + 2 ** -12; // a*a = 1 + 2^-11 + 2^-24: exactly halfway between two float32s
    const down = 1 + 2 ** -11;
    const up = 1 + 2 ** -11 + 2 ** -23;
    expect(fmaF32(a, a, 2 ** -60)).toBe(up);
    expect(Math.fround(a * a + 2 ** -60)).toBe(down); // what double-then-float gives
    expect(fmaF32(a, a, -(2 ** -60))).toBe(down);
    expect(fmaF32(a, a, 0)).toBe(down); // a true tie rounds to even
    expect(fmaF32(3, 4, 5)).toBe(17);
    expect(fmaF32(Infinity, 0, 1)).toBeNaN();
    expect(fmaF32(3e38, 3e38, -Infinity)).toBe(-Infinity);
  });

  it('sleefExpF32 matches torch.exp bit for bit (Sleef expf u10, AVX2 + FMA)', () => {
    const { x, y } = F.exp.sleef;
    const got = exp(T(x));
    expect(mismatch(got, T(y))).toBeNull();
    // The port matters: the correctly rounded exp disagrees with PyTorch on a good share of inputs.
    const xs = T(x).data;
    let differ = 0;
    for (let i = 0; i < xs.length; i++) {
      if (!Object.is(Math.fround(Math.exp(xs[i]!)), got.data[i])) differ++;
    }
    expect(differ / xs.length).toBeGreaterThan(0.03);
  });

  it('libmExpF32 matches glibc expf bit for bit', () => {
    const { x, y } = F.exp.libm;
    const got = Float32Array.from(T(x).data, libmExpF32);
    expect(mismatch({ shape: x.shape, data: got }, T(y))).toBeNull();
  });

  it('exp edge cases follow Sleef: overflow above ~88.7, 0 below -104, NaN stays NaN', () => {
    expect(sleefExpF32(88.7)).toBeLessThan(Infinity);
    expect(sleefExpF32(88.8)).toBe(Infinity);
    expect(sleefExpF32(100)).toBe(Infinity);
    expect(sleefExpF32(-Infinity)).toBe(0);
    expect(sleefExpF32(NaN)).toBeNaN();
    expect(sleefExpF32(0)).toBe(1);
  });
});

describe('dot and matmul (reference BLAS order: sequential float32, no FMA)', () => {
  it('dot matches torch.dot on every fixture case', () => {
    expect(allMismatches(F.dot, (c) => [dot(T(c.a), T(c.b)), T(c.y)])).toEqual([]);
  });

  it('matmul matches torch.matmul for 2d@2d, x@x.T, 2d@1d, 1d@2d, 1d@1d and inf/nan', () => {
    const kinds = new Set(F.matmul.map((c) => c.kind));
    expect([...kinds].sort()).toEqual(['aat', 'mm', 'mv', 'special', 'vm', 'vv']);
    expect(allMismatches(F.matmul, (c) => [matmul(T(c.a), T(c.b)), T(c.y)])).toEqual([]);
  });

  it('matmul of x @ x.T equals the transposed computation element for element', () => {
    const x = lcg(9, [7, 5]);
    const scores = matmul(x, transpose(x));
    for (let i = 0; i < 7; i++) {
      for (let j = 0; j < 7; j++) expect(scores.data[i * 7 + j]).toBe(scores.data[j * 7 + i]);
    }
  });

  it('rejects mismatched shapes, naming both', () => {
    const a = tensor([6, 3], new Array(18).fill(1));
    const b = tensor([2, 6], new Array(12).fill(1));
    expectShapeError(() => matmul(a, b), 'matmul: [6, 3] @ [2, 6]: inner sizes 3 and 2 differ');
    expectShapeError(() => matmul(a, tensor([4], [1, 2, 3, 4])), '[6, 3]', '[4]');
    expectShapeError(() => matmul(tensor([2], [1, 2]), tensor([3], [1, 2, 3])), '[2]', '[3]');
    expectShapeError(() => matmul(scalar(1), a), '[]', '[6, 3]');
    expectShapeError(() => dot(tensor([3], [1, 2, 3]), tensor([4], [1, 2, 3, 4])), '[3]', '[4]');
    expectShapeError(() => dot(a, a), '[6, 3]');
  });
});

describe('sum (SumKernel.cpp cascade_sum)', () => {
  it('matches torch.sum on every fixture case (1-d, rows, columns, keepdim, inf/nan)', () => {
    const got = allMismatches(F.sum, (c) => [sum(T(c.x), c.dim ?? undefined, c.keepdim), T(c.y)]);
    expect(got).toEqual([]);
  });

  it('is not a left-to-right sum: 6 values add as ((((x0+x4)+x5)+x1)+x2)+x3', () => {
    const e = 2 ** -24; // half an ulp of 1: 1 + e rounds back to 1 (ties to even)
    const x = tensor([6], [e, e, e, e, 1, e]);
    let leftToRight = 0;
    for (const v of x.data) leftToRight = Math.fround(leftToRight + v);
    // Left to right the four small values first make 2^-22, which survives next to 1 ...
    expect(leftToRight).toBe(1 + 2 ** -22);
    // ... but row_sum meets x0 + x4 first, so each e is lost: exactly 1, printed `tensor(1.)`.
    expect(sum(x).data[0]).toBe(1);
  });

  it('rejects a dim outside the tensor', () => {
    expectShapeError(() => sum(tensor([2, 2], [1, 2, 3, 4]), 2), 'dim 2', '[2, 2]');
  });

  it('sumNumpy matches NumPy 1.24 pairwise summation of float32', () => {
    const bad = F.sumNumpy.filter((c) => !Object.is(sumNumpy(T(c.x)), decodeNumber(c.y)));
    expect(bad).toEqual([]);
  });
});

describe('norm (ReduceOpsKernel.cpp norm_kernel_tensor_iterator_impl)', () => {
  it('matches torch.norm on every fixture case (rows, columns, whole tensor, 1-d, inf/nan)', () => {
    const got = allMismatches(F.norm, (c) => [norm(T(c.x), c.dim ?? undefined), T(c.y)]);
    expect(got).toEqual([]);
  });

  it('is the Euclidean length within float32 rounding', () => {
    const x = lcg(3, [10, 37]);
    const n = norm(x, 1);
    for (let i = 0; i < 10; i++) {
      let s = 0;
      for (let j = 0; j < 37; j++) s += x.data[i * 37 + j]! ** 2;
      expect(Math.abs(n.data[i]! - Math.sqrt(s))).toBeLessThanOrEqual(1e-6 * Math.sqrt(s));
    }
  });
});

describe('softmax (SoftMaxKernel.cpp)', () => {
  it('matches torch.softmax on every fixture case (last dim, dim 0, 3-d, masked, inf/nan)', () => {
    const got = allMismatches(F.softmax, (c) => [softmax(T(c.x), c.dim), T(c.y)]);
    expect(got).toEqual([]);
  });

  it('rows sum to 1 within 1e-6 and every weight lies in [0, 1]', () => {
    for (const [r, c] of [
      [6, 6],
      [64, 64],
      [5, 13],
    ] as const) {
      const x = scale(lcg(r * 1000 + c, [r, c]), 8);
      const w = softmax(x, -1);
      for (let i = 0; i < r; i++) {
        let s = 0;
        for (let j = 0; j < c; j++) {
          const v = w.data[i * c + j]!;
          expect(v).toBeGreaterThanOrEqual(0);
          expect(v).toBeLessThanOrEqual(1);
          s += v;
        }
        expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-6);
      }
    }
  });

  it('masked entries get weight 0 and a fully masked row is NaN, like PyTorch', () => {
    const x = maskedFill(lcg(4, [4, 4]), causalMask(4), -Infinity);
    const w = softmax(x, -1);
    expect(Array.from(w.data.subarray(0, 4))).toEqual([1, 0, 0, 0]);
    expect(w.data[1 * 4 + 2]).toBe(0);
    const allMasked = softmax(tensor([3], [-Infinity, -Infinity, -Infinity]), 0);
    expect(Array.from(allMasked.data).every(Number.isNaN)).toBe(true);
  });

  it('does not overflow on large scores, unlike the naive version', () => {
    const x = tensor([3], [100, 1000, 1e30]);
    expect(Array.from(softmax(x, 0).data)).toEqual([0, 0, 1]);
  });

  it('rejects a dim outside the tensor', () => {
    expectShapeError(() => softmax(tensor([2, 2], [1, 2, 3, 4]), -3), 'dim -3', '[2, 2]');
  });
});

describe('softmaxNaive (seed 001: exp(x) / exp(x).sum(dim=0))', () => {
  it('matches the notebook expression on every fixture case, overflow included', () => {
    const got = allMismatches(F.softmaxNaive, (c) => [softmaxNaive(T(c.x), c.dim), T(c.y)]);
    expect(got).toEqual([]);
  });

  it('overflows to NaN from a score of about 89 (exp = inf in float32, inf / inf)', () => {
    const w = softmaxNaive(tensor([3], [100, 1, 2]), 0);
    expect(w.data[0]).toBeNaN();
    expect(w.data[1]).toBe(0); // finite / inf
    const ok = softmaxNaive(tensor([3], [1, 2, 3]), 0);
    expect(Array.from(ok.data).some(Number.isNaN)).toBe(false);
  });
});

describe('elementwise ops', () => {
  it('match PyTorch: tensor / float, tensor * float, and broadcast + - * /', () => {
    const got = allMismatches(F.elementwise, (c) => {
      const a = T(c.a);
      const b = c.b ? T(c.b) : scalar(0);
      const k = c.k ?? 0;
      const ops: Record<string, () => Tensor> = {
        div: () => div(a, k),
        scale: () => scale(a, k),
        add: () => add(a, b),
        sub: () => sub(a, b),
        mul: () => mul(a, b),
        divTensor: () => divTensor(a, b),
      };
      const op = ops[c.op];
      if (!op) throw new Error(`unknown op ${c.op}`);
      return [op(), T(c.y)];
    });
    expect(got).toEqual([]);
  });

  it('broadcasts a 0-d tensor over a row (weights[i] * inputs[i])', () => {
    const r = mul(scalar(0.5), tensor([3], [1, 2, 3]));
    expect(r.shape).toEqual([3]);
    expect(Array.from(r.data)).toEqual([0.5, 1, 1.5]);
  });

  it('rejects shapes that cannot broadcast, naming both', () => {
    const a = tensor([6, 3], new Array(18).fill(1));
    const b = tensor([2, 3], new Array(6).fill(1));
    expectShapeError(() => add(a, b), 'add: [6, 3] + [2, 3]', 'sizes 6 and 2');
    expectShapeError(() => sub(a, tensor([2], [1, 2])), '[6, 3] - [2]');
    expectShapeError(() => mul(a, b), '[6, 3] * [2, 3]');
    expectShapeError(() => divTensor(a, b), '[6, 3] / [2, 3]');
  });
});

describe('structure helpers', () => {
  const x = fromRows([
    [1, 2, 3],
    [4, 5, 6],
  ]);

  it('transpose, unsqueeze, sliceRows and column', () => {
    expect(transpose(x)).toEqual(
      fromRows([
        [1, 4],
        [2, 5],
        [3, 6],
      ]),
    );
    expect(unsqueeze(tensor([3], [1, 2, 3]), 0).shape).toEqual([1, 3]);
    expect(unsqueeze(tensor([3], [1, 2, 3]), -1).shape).toEqual([3, 1]);
    expect(sliceRows(x, 1)).toEqual(fromRows([[4, 5, 6]]));
    expect(Array.from(column(x, -1).data)).toEqual([3, 6]);
    expectShapeError(() => transpose(tensor([1, 1, 1], [1])), '[1, 1, 1]');
    expectShapeError(() => unsqueeze(x, 3), 'dim 3', '[2, 3]');
  });

  it('cat appends rows (seed 000 adds a context vector as a 7th row) or columns', () => {
    const seven = cat([x, unsqueeze(tensor([3], [7, 8, 9]), 0)], 0);
    expect(seven.shape).toEqual([3, 3]);
    expect(Array.from(seven.data.subarray(6))).toEqual([7, 8, 9]);
    const wide = cat([x, fromRows([[0], [1]])], 1);
    expect(Array.from(wide.data)).toEqual([1, 2, 3, 0, 4, 5, 6, 1]);
    expectShapeError(() => cat([x, tensor([2], [1, 2])], 0), '[2, 3]', '[2]');
    expectShapeError(() => cat([x, fromRows([[1, 2]])], 0), '[2, 3]', '[1, 2]');
  });

  it('causalMask is true strictly above the diagonal, maskedFill writes the value there', () => {
    expect(Array.from(causalMask(3))).toEqual([0, 1, 1, 0, 0, 1, 0, 0, 0]);
    const filled = maskedFill(
      fromRows([
        [1, 2],
        [3, 4],
      ]),
      [false, true, false, false],
      -Infinity,
    );
    expect(Array.from(filled.data)).toEqual([1, -Infinity, 3, 4]);
    expectShapeError(() => maskedFill(x, causalMask(3), 0), '9 entries', '[2, 3]');
  });
});

describe('indexRows', () => {
  it('gathers rows in order, with repeats, like embedding(ids)', () => {
    const t: Tensor = { shape: [3, 2], data: Float32Array.of(1, 2, 3, 4, 5, 6) };
    const r = indexRows(t, [2, 0, 2]);
    expect(r.shape).toEqual([3, 2]);
    expect(Array.from(r.data)).toEqual([5, 6, 1, 2, 5, 6]);
  });
  it('refuses ids out of range and non-matrices', () => {
    const t: Tensor = { shape: [3, 2], data: new Float32Array(6) };
    expect(() => indexRows(t, [3])).toThrow(RangeError);
    expect(() => indexRows(t, [-1])).toThrow(RangeError);
    expect(() => indexRows({ shape: [6], data: new Float32Array(6) }, [0])).toThrow(
      /got shape \[6\]/,
    );
  });
});
