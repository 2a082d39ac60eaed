import { describe, expect, it } from 'vitest';
import {
  BOX,
  alignedAxis,
  boxLayout,
  chainPoints,
  closestOnLine,
  cubeDomain,
  fitDistance,
  sceneTicks,
  labelCenterX,
  toDataCoord,
  toSceneCoord,
  viewOffset,
  weightStyle,
  type Vec3,
} from './sceneMath';

const close = (a: number, b: number, eps = 1e-9) => expect(Math.abs(a - b)).toBeLessThan(eps);

describe('the matplotlib view', () => {
  it('puts the camera at azim -60, elev 30: in front of +X, -Y, above', () => {
    const [x, y, z] = viewOffset(-60, 30, 2);
    close(x, 2 * Math.cos(Math.PI / 6) * 0.5);
    close(y, -2 * Math.cos(Math.PI / 6) * Math.sin(Math.PI / 3));
    close(z, 1);
    close(Math.hypot(x, y, z), 2);
  });

  it('fits a sphere: farther for a narrower view or a portrait canvas', () => {
    const d = fitDistance(1, 30, 4 / 3);
    close(d, 1 / Math.sin(Math.PI / 12));
    expect(fitDistance(1, 20, 4 / 3)).toBeGreaterThan(d);
    expect(fitDistance(1, 30, 0.5)).toBeGreaterThan(d);
  });

  it('lays out panes at the back and Z on the right, as matplotlib does', () => {
    const cam = viewOffset(-60, 30, 4) as Vec3;
    // The camera's right at azim -60: (cos 30, sin 30, 0).
    const layout = boxLayout(cam, [Math.cos(Math.PI / 6), Math.sin(Math.PI / 6), 0]);
    // Panes at x = 0, y = 1, z = 0 in data terms.
    expect(layout.panes).toEqual([-0.5, 0.5, -0.375]);
    // X ticks along the front edge (y = 0, on the floor), Y along x = 1, Z up the x = y = 1 edge.
    expect(layout.axes[0].at.slice(1)).toEqual([-0.5, -0.375]);
    expect(layout.axes[1].at).toEqual([0.5, 0, -0.375]);
    expect(layout.axes[2].at.slice(0, 2)).toEqual([0.5, 0.5]);
    // Seen from the other side, the panes move to the other side.
    const back = boxLayout([-cam[0], -cam[1], cam[2]], [-0.866, -0.5, 0]);
    expect(back.panes).toEqual([0.5, -0.5, -0.375]);
  });
});

describe('the box', () => {
  it("is the notebooks' [0, 1] until a value leaves it, then fits nice multiples", () => {
    expect(cubeDomain([[0.2, 0.5, 0.9]])).toEqual({ lo: 0, hi: 1, step: 0.2 });
    const d = cubeDomain([
      [0.2, -0.35, 0.9],
      [1.4, 0.1, 0],
    ]);
    expect(d.lo).toBeLessThanOrEqual(-0.35);
    expect(d.hi).toBeGreaterThanOrEqual(1.4);
    // Infinite and NaN values do not blow the box up.
    expect(cubeDomain([[Infinity, NaN, 0.5]])).toEqual({ lo: 0, hi: 1, step: 0.2 });
  });

  it('maps data to scene and back on every axis, Z at 3/4 scale', () => {
    const d = { lo: -1, hi: 2, step: 0.5 };
    for (let axis = 0; axis < 3; axis++) {
      close(toSceneCoord(-1, d, axis), -0.5 * BOX[axis]!);
      close(toSceneCoord(2, d, axis), 0.5 * BOX[axis]!);
      close(toDataCoord(toSceneCoord(0.37, d, axis), d, axis), 0.37, 1e-12);
    }
    const ticks = sceneTicks({ lo: 0, hi: 1, step: 0.2 });
    expect(ticks.map((t) => t.value)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    close(ticks[5]!.at[2], 0.375);
  });
});

describe('building the context vector', () => {
  it('adds the weighted vectors tip to tail, ending at the context vector', () => {
    const rows = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 2],
    ];
    const w = [0.5, 0.25, 0.25];
    const pts = chainPoints(w, rows, 3, new Float64Array(12));
    expect(Array.from(pts)).toEqual([0, 0, 0, 0.5, 0, 0, 0.5, 0.25, 0, 0.5, 0.25, 0.5]);
  });
});

describe('drag helpers', () => {
  it('picks the axis most in line with the pointer, skipping axes seen end-on', () => {
    const axes = [
      [10, 3],
      [4, -8],
      [0, -12],
    ] as const;
    expect(alignedAxis(20, 5, axes)).toBe(0);
    expect(alignedAxis(0, -30, axes)).toBe(2);
    expect(alignedAxis(5, -9, axes)).toBe(1);
    expect(
      alignedAxis(0, 10, [
        [1, 0],
        [0, 0],
        [0, 1],
      ] as const),
    ).toBe(2);
  });

  it('finds where a pointer ray passes closest to an axis line', () => {
    // Line: the X axis through (0, 0, 0). Ray: straight down through (0.3, 0, 5).
    close(closestOnLine([0, 0, 0], [1, 0, 0], [0.3, 0, 5], [0, 0, -1])!, 0.3);
    // A ray along the line has no single closest point.
    expect(closestOnLine([0, 0, 0], [1, 0, 0], [0, 1, 0], [1, 0, 0])).toBeNull();
  });

  it('shows weights in proportion to the largest', () => {
    expect(weightStyle(0.5, 0.5)).toEqual({ opacity: 1, width: 1 });
    expect(weightStyle(0, 0.5).opacity).toBeCloseTo(0.15);
    expect(weightStyle(0.25, 0.5).opacity).toBeCloseTo(0.575);
    expect(weightStyle(NaN, 0.5).opacity).toBeCloseTo(0.15);
  });
});

describe('labelCenterX', () => {
  // A label 0.4 wide starting just right of its anchor (center.x -0.05).
  const cx = -0.05;
  const span = (x: number, w: number, c: number) => [x - c * w, x + (1 - c) * w];

  it('keeps the preferred side when the label fits', () => {
    expect(labelCenterX(0, 0.4, cx)).toBe(cx);
  });

  it('moves a label that would run off the right edge to the anchor’s left', () => {
    const c = labelCenterX(0.8, 0.4, cx);
    expect(c).toBeCloseTo(1.05);
    const [l, r] = span(0.8, 0.4, c);
    expect(l).toBeGreaterThanOrEqual(-1);
    expect(r).toBeLessThanOrEqual(0.8);
  });

  it('slides a label that fits on neither side, keeping it on the canvas', () => {
    const c = labelCenterX(0.1, 1.5, cx, 0.02);
    const [l, r] = span(0.1, 1.5, c);
    expect(l).toBeGreaterThanOrEqual(-0.98 - 1e-9);
    expect(r).toBeLessThanOrEqual(0.98 + 1e-9);
  });

  it('leaves a label wider than the canvas at its left edge, and bad input alone', () => {
    expect(span(0.5, 3, labelCenterX(0.5, 3, cx))[0]).toBeCloseTo(-1);
    expect(labelCenterX(Number.NaN, 0.4, cx)).toBe(cx);
    expect(labelCenterX(0.9, 0, cx)).toBe(cx);
  });
});
