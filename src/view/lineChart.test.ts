import { describe, expect, it } from 'vitest';
import {
  chartGeometry,
  formatValue,
  logDomain,
  powerLabel,
  scaleY,
  scrubKey,
  stepAt,
  valueText,
  type Box,
} from './lineChart';

const BOX: Box = { left: 50, right: 550, top: 20, bottom: 220 };

/** The y of every M/L command of a path, in order. */
function ys(path: string): number[] {
  return [...path.matchAll(/[ML][\d.-]+ ([\d.-]+)/g)].map((m) => Number(m[1]));
}

describe('chartGeometry, linear', () => {
  const values = Float32Array.from([2.5, 1.2, 0.8, 0.61, 0.5, 0.45]);
  const g = chartGeometry(values, false, BOX);

  it('puts every tick where its label says, within a nice domain around the values', () => {
    expect(g.y.lo).toBeLessThanOrEqual(0.45);
    expect(g.y.hi).toBeGreaterThanOrEqual(2.5);
    for (const t of g.yTicks) {
      expect(Number(t.label)).toBeCloseTo(t.value, 12);
      expect(t.at).toBeCloseTo(scaleY(t.value, g.y, BOX.bottom, BOX.top), 9);
    }
    expect(g.xTicks[0]).toMatchObject({ value: 0, label: '0', at: BOX.left });
    expect(g.xTicks.every((t) => Number.isInteger(t.value) && t.value <= 5)).toBe(true);
  });

  it('draws one line through every value, higher values higher up', () => {
    expect(g.path.match(/M/g)).toHaveLength(1);
    const y = ys(g.path);
    expect(y).toHaveLength(6);
    for (let k = 1; k < y.length; k++) expect(y[k]!).toBeGreaterThan(y[k - 1]!); // falling loss
    expect(g.divergedAt).toBeNull();
    expect(g.refused).toBeNull();
  });

  it('a constant series still gets a domain of some height', () => {
    const c = chartGeometry([1, 1, 1], false, BOX);
    expect(c.y.hi).toBeGreaterThan(c.y.lo);
    expect(ys(c.path).every((y) => y > BOX.top && y < BOX.bottom)).toBe(true);
  });

  it('draws nothing for no values, and says it is empty', () => {
    const e = chartGeometry([], false, BOX);
    expect(e).toMatchObject({ path: '', empty: true, divergedAt: null });
  });
});

describe('chartGeometry, long runs and large values', () => {
  it('draws a long run with at most 4 points per pixel column, keeping each column’s extremes', () => {
    const n = 100_000;
    const v = Float32Array.from({ length: n }, (_, k) => 1 + Math.sin(k / 7) / (1 + k / 1000));
    const g = chartGeometry(v, false, BOX);
    const pts = ys(g.path);
    expect(pts.length).toBeLessThanOrEqual(4 * (BOX.right - BOX.left + 1));
    // the highest and lowest values are still drawn, where they are
    let hi = 0;
    let lo = 0;
    v.forEach((x, k) => {
      if (x > v[hi]!) hi = k;
      if (x < v[lo]!) lo = k;
    });
    const r = (x: number) => Math.round(x * 100) / 100;
    expect(Math.min(...pts)).toBe(r(scaleY(v[hi]!, g.y, BOX.bottom, BOX.top)));
    expect(Math.max(...pts)).toBe(r(scaleY(v[lo]!, g.y, BOX.bottom, BOX.top)));
    // a short run keeps every point
    expect(ys(chartGeometry(v.subarray(0, 300), false, BOX).path)).toHaveLength(300);
  });

  it('labels huge ticks in exponent form, each naming its own value', () => {
    const g = chartGeometry([0, 1, 3e34], false, BOX);
    expect(g.yTicks.map((t) => t.label)).toEqual([
      '0',
      '5e33',
      '1e34',
      '1.5e34',
      '2e34',
      '2.5e34',
      '3e34',
    ]);
    for (const t of g.yTicks) expect(Number(t.label)).toBe(t.value);
  });
});

describe('chartGeometry, diverging runs', () => {
  it('breaks the line at NaN and infinities and reports the first such step', () => {
    const g = chartGeometry([1, 2, 40, Infinity, NaN, NaN], false, BOX);
    expect(g.divergedAt).toBe(3);
    expect(g.path.match(/M/g)).toHaveLength(1);
    expect(ys(g.path)).toHaveLength(3);
    // the domain comes from the finite values only
    expect(g.y.hi).toBeGreaterThanOrEqual(40);
    expect(Number.isFinite(g.y.hi)).toBe(true);
  });

  it('a finite value after a break starts a new piece; a lone one is a dot', () => {
    const g = chartGeometry([1, 0.5, NaN, 0.7, NaN, 0.3, 0.2], false, BOX);
    expect(g.divergedAt).toBe(2);
    expect(g.path.match(/M/g)).toHaveLength(2);
    expect(g.dots.map((d) => d.step)).toEqual([3]);
  });
});

describe('chartGeometry, log scale', () => {
  it('ticks at powers of ten, labelled with their exact value', () => {
    const g = chartGeometry([3, 0.2, 0.004, 0.0007], true, BOX);
    expect(g.y).toMatchObject({ lo: 1e-4, hi: 10, log: true });
    expect(g.yTicks.map((t) => t.label)).toEqual(['10⁻⁴', '10⁻³', '0.01', '0.1', '1', '10']);
    expect(g.yTicks.map((t) => t.value)).toEqual([1e-4, 1e-3, 1e-2, 1e-1, 1, 10]);
    // equal decades are equally far apart
    const gaps = g.yTicks.slice(1).map((t, k) => g.yTicks[k]!.at - t.at);
    for (const d of gaps) expect(d).toBeCloseTo(gaps[0]!, 9);
  });

  it('within one decade adds 2 and 5', () => {
    const g = chartGeometry([0.9, 0.3, 0.15], true, BOX);
    expect(g.yTicks.map((t) => t.label)).toEqual(['0.1', '0.2', '0.5', '1']);
    for (const t of g.yTicks) expect(Number(t.label)).toBeCloseTo(t.value, 12);
  });

  it('refuses values of 0 or less: not drawn, counted, the first step named', () => {
    const g = chartGeometry([1, 0.1, 0, 0.01, -1], true, BOX);
    expect(g.refused).toEqual({ count: 2, first: 2 });
    expect(g.path.match(/M/g)).toHaveLength(1); // 1, 0.1 as a line
    expect(g.dots.map((d) => d.step)).toEqual([3]); // 0.01 alone, between refused values
    expect(ys(g.path).every((y) => y >= BOX.top && y <= BOX.bottom)).toBe(true);
    // the same values on a linear scale are all drawn
    expect(chartGeometry([1, 0.1, 0, 0.01, -1], false, BOX).refused).toBeNull();
  });

  it('thins the decades when there are many', () => {
    const d = logDomain(1e-12, 1e6);
    expect(d.ticks.length).toBeLessThanOrEqual(7);
    expect(powerLabel(-12)).toBe('10⁻¹²');
    expect(powerLabel(6)).toBe('10⁶');
  });
});

describe('scrubber', () => {
  it('keys: arrows one step, Page Up/Down a tenth, Home/End the ends, clamped', () => {
    expect(scrubKey('ArrowRight', 5, 100)).toBe(6);
    expect(scrubKey('ArrowUp', 5, 100)).toBe(6);
    expect(scrubKey('ArrowLeft', 5, 100)).toBe(4);
    expect(scrubKey('ArrowDown', 0, 100)).toBe(0);
    expect(scrubKey('PageUp', 5, 100)).toBe(15);
    expect(scrubKey('PageDown', 5, 100)).toBe(0);
    expect(scrubKey('PageUp', 2, 4)).toBe(3);
    expect(scrubKey('Home', 50, 100)).toBe(0);
    expect(scrubKey('End', 50, 100)).toBe(99);
    expect(scrubKey('ArrowRight', 99, 100)).toBe(99);
    expect(scrubKey('a', 5, 100)).toBeNull();
    expect(scrubKey('End', 0, 0)).toBeNull();
  });

  it('pointer: the nearest step to x, clamped to the run', () => {
    expect(stepAt(BOX.left, 11, BOX)).toBe(0);
    expect(stepAt(BOX.right, 11, BOX)).toBe(10);
    expect(stepAt((BOX.left + BOX.right) / 2, 11, BOX)).toBe(5);
    expect(stepAt(BOX.left + 26, 11, BOX)).toBe(1); // 50 units a step: 26 rounds to 1
    expect(stepAt(-100, 11, BOX)).toBe(0);
    expect(stepAt(9999, 11, BOX)).toBe(10);
  });

  it('speaks the step and the value', () => {
    expect(valueText(120, Math.fround(0.42131), 'loss')).toBe('step 120, loss 0.4213');
    expect(valueText(7, NaN, 'loss')).toBe('step 7, loss nan');
    expect(valueText(7, Infinity, 'loss')).toBe('step 7, loss inf');
    expect(valueText(3, undefined, 'loss')).toBe('step 3');
    expect(formatValue(0.00001234)).toBe('1.234e-5');
    expect(formatValue(123456)).toBe('1.235e5');
    expect(formatValue(0)).toBe('0.0000');
  });
});
