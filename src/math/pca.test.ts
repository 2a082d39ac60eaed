/**
 * pca.ts against numpy/PyTorch (src/math/fixtures/pca.json, written by scripts/goldens/pca.py).
 * LAPACK and our Jacobi solver round differently, so values are compared to 1e-4, not bit for bit.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import fx from './fixtures/pca.json';
import { decodeTensor, type FixtureTensor } from './fixtures/decode';
import { pcaApply, pcaProject, symmetricEigen } from './pca';
import { fromRows, tensor, type Tensor } from './tensor';

interface PcaCase {
  k: number;
  x: FixtureTensor;
  coords: FixtureTensor;
  components: FixtureTensor;
  mean: FixtureTensor;
  explained: FixtureTensor;
}

const cases = (fx as unknown as { cases: Record<string, PcaCase> }).cases;

function expectClose(actual: Tensor, expected: Tensor, tol = 1e-4) {
  expect(actual.shape).toEqual(expected.shape);
  actual.data.forEach((v, i) => {
    expect(Math.abs(v - expected.data[i]!), `entry ${i}: ${v} vs ${expected.data[i]}`).toBeLessThan(
      tol,
    );
  });
}

describe('pcaProject against numpy/PyTorch', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const r = pcaProject(decodeTensor(c.x), c.k);
      expectClose(r.coords, decodeTensor(c.coords));
      expectClose(r.components, decodeTensor(c.components));
      expectClose(r.mean, decodeTensor(c.mean), 1e-6);
      expectClose(r.explained, decodeTensor(c.explained));
    });
  }

  it('covers a 16-dimensional case', () => {
    expect(Object.values(cases).some((c) => c.x.shape[1] === 16)).toBe(true);
  });
});

describe('pcaProject', () => {
  it('projects the context vector like the rows (pcaApply on a row gives its coords)', () => {
    const x = decodeTensor(cases['random-6x16']!.x);
    const r = pcaProject(x, 3);
    const row2 = x.data.subarray(2 * 16, 3 * 16);
    expectClose(pcaApply(r, row2), { shape: [3], data: r.coords.data.slice(6, 9) }, 1e-6);
  });

  it('sign-normalises each component: its largest-magnitude entry is positive', () => {
    const r = pcaProject(decodeTensor(cases['randn-10x16']!.x), 3);
    for (let c = 0; c < 3; c++) {
      const row = Array.from(r.components.data.subarray(c * 16, c * 16 + 16));
      const big = row.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
      expect(big).toBeGreaterThan(0);
    }
  });

  it('gives zeros, not NaN, when every row is the same', () => {
    const r = pcaProject(
      fromRows([
        [1, 2, 3, 4],
        [1, 2, 3, 4],
      ]),
      3,
    );
    expect(Array.from(r.coords.data)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(r.explained.data)).toEqual([0, 0, 0]);
  });

  it('refuses bad shapes and k', () => {
    expect(() => pcaProject(tensor([4], [1, 2, 3, 4]))).toThrow(/2-d/);
    expect(() => pcaProject(fromRows([[1, 2]]), 3)).toThrow(/k must be/);
    expect(() => pcaProject(fromRows([[1, 2]]), 0)).toThrow(/k must be/);
  });

  it('gives orthonormal components and descending ratios that sum to 1 (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 3, max: 12 }),
        fc.array(fc.float({ min: -5, max: 5, noNaN: true }), { minLength: 108, maxLength: 108 }),
        (n, d, pool) => {
          const x = tensor([n, d], pool.slice(0, n * d));
          const r = pcaProject(x, d);
          // Components are orthonormal.
          for (let a = 0; a < d; a++) {
            for (let b = 0; b < d; b++) {
              let s = 0;
              for (let j = 0; j < d; j++)
                s += r.components.data[a * d + j]! * r.components.data[b * d + j]!;
              expect(Math.abs(s - (a === b ? 1 : 0))).toBeLessThan(1e-4);
            }
          }
          // Ratios are descending and sum to 1 (or all 0).
          const e = Array.from(r.explained.data);
          const total = e.reduce((s, v) => s + v, 0);
          expect(total === 0 || Math.abs(total - 1) < 1e-4).toBe(true);
          for (let c = 1; c < d; c++) expect(e[c]!).toBeLessThanOrEqual(e[c - 1]! + 1e-6);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('symmetricEigen', () => {
  it('diagonalises a symmetric matrix: A v = lambda v, values descending', () => {
    const a = [4, 1, -2, 2, 1, 2, 0, 1, -2, 0, 3, -2, 2, 1, -2, -1];
    const { values, vectors } = symmetricEigen(a, 4);
    for (let r = 0; r < 4; r++) {
      for (let i = 0; i < 4; i++) {
        let av = 0;
        for (let j = 0; j < 4; j++) av += a[i * 4 + j]! * vectors[r * 4 + j]!;
        expect(av).toBeCloseTo(values[r]! * vectors[r * 4 + i]!, 10);
      }
      if (r > 0) expect(values[r]!).toBeLessThanOrEqual(values[r - 1]!);
    }
  });
});
