import { describe, expect, it } from 'vitest';
import { packLabels } from './labels';

const overlaps = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('packLabels', () => {
  it('packs boxes in rows, with a gap around each, none overlapping, all inside the atlas', () => {
    const sizes = Array.from({ length: 64 }, (_, k) => ({
      w: 30 + ((k * 37) % 90),
      h: 24 + (k % 3),
    }));
    const { rects, width, height } = packLabels(sizes, 256);
    expect(width).toBe(256);
    expect(rects).toHaveLength(64);
    rects.forEach((r, k) => {
      expect([r.w, r.h]).toEqual([sizes[k]!.w, sizes[k]!.h]);
      expect(r.x).toBeGreaterThanOrEqual(2);
      expect(r.y).toBeGreaterThanOrEqual(2);
      expect(r.x + r.w + 2).toBeLessThanOrEqual(width);
      expect(r.y + r.h + 2).toBeLessThanOrEqual(height);
      for (let j = 0; j < k; j++) {
        const o = rects[j]!;
        // Grown by the gap, no two boxes meet: smooth sampling never reads a neighbour.
        expect(overlaps({ x: r.x - 2, y: r.y - 2, w: r.w + 4, h: r.h + 4 }, o)).toBe(false);
      }
    });
    // Rows: more than one, and filled before a new one starts.
    expect(new Set(rects.map((r) => r.y)).size).toBeGreaterThan(1);
    expect(height).toBeLessThan(64 * 30);
  });

  it('widens the atlas for a label wider than it', () => {
    const { rects, width } = packLabels(
      [
        { w: 3000, h: 20 },
        { w: 10, h: 20 },
      ],
      1024,
    );
    expect(width).toBe(3004);
    expect(rects[1]!.y).toBeGreaterThan(rects[0]!.y);
  });

  it('gives an empty set a 1-pixel atlas', () => {
    expect(packLabels([], 64)).toEqual({ rects: [], width: 64, height: 1 });
  });
});
