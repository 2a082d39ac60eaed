import { describe, expect, it } from 'vitest';
import { deltaE2000Lab, simulate, toLab, worstCaseDifference } from './colorVision';

describe('colour difference and colour-vision simulation', () => {
  it('gives CIEDE2000 as in Sharma, Wu and Dalal (2005), table 1', () => {
    // Pairs 1, 7, 17 and 25 of the paper's test data (L*, a*, b*), with their published ΔE00.
    const pairs: [[number, number, number], [number, number, number], number][] = [
      [[50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425],
      [[50, 0, 0], [50, -1, 2], 2.3669],
      [[50, 2.5, 0], [73, 25, -18], 27.1492],
      [[60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644],
    ];
    for (const [a, b, want] of pairs) {
      expect(deltaE2000Lab(a, b)).toBeCloseTo(want, 4);
      expect(deltaE2000Lab(b, a)).toBeCloseTo(want, 4);
    }
  });

  it('converts sRGB to CIELAB (D65)', () => {
    const white = toLab([255, 255, 255]);
    expect(white[0]).toBeCloseTo(100, 3);
    expect(Math.abs(white[1]) + Math.abs(white[2])).toBeLessThan(0.01);
    const red = toLab([255, 0, 0]);
    expect(red[0]).toBeCloseTo(53.24, 1);
    expect(red[1]).toBeCloseTo(80.09, 1);
    expect(red[2]).toBeCloseTo(67.2, 1);
  });

  it('keeps greys grey and merges red and green for protan and deutan readers', () => {
    for (const kind of ['protan', 'deutan', 'tritan'] as const) {
      const grey = simulate([128, 128, 128], kind);
      for (const c of grey) expect(c).toBeCloseTo(128, 0);
    }
    // matplotlib's red and green: far apart normally, close for a deuteranope.
    expect(worstCaseDifference([255, 0, 0], [0, 128, 0])).toBeLessThan(10);
    expect(worstCaseDifference([255, 0, 0], [0, 0, 255])).toBeGreaterThan(30);
  });
});
