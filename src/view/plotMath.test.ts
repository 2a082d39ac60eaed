import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DOMAIN,
  arrowGeometry,
  axisPairs,
  basisStep,
  copyCoords,
  defaultAxisNames,
  depthAxis,
  describeVector,
  formatCoord,
  formatTick,
  gridMove,
  keyMove,
  keyStep,
  movedCoords,
  niceDomain,
  niceStep,
  placeLabels,
  plotDomain,
  roundCoord,
  stepDecimals,
  ticksOf,
  toData,
  toScreen,
  vectorLength,
} from './plotMath';

const f32 = (xs: number[]) => Float32Array.from(xs);

describe('coordinates', () => {
  it('rounds to 3 decimals and clamps to ±1000', () => {
    expect(roundCoord(0.55449)).toBe(0.554);
    expect(roundCoord(0.5555)).toBe(0.556);
    expect(roundCoord(-0.0001)).toBe(0);
    expect(Object.is(roundCoord(-0.0001), -0)).toBe(false);
    expect(roundCoord(1234.5)).toBe(1000);
    expect(roundCoord(-Infinity)).toBe(-1000);
    expect(roundCoord(NaN)).toBe(0);
  });

  it('copies coordinates to a plain array of the right length', () => {
    expect(copyCoords(f32([0.5, 0.25, 1]), 3)).toEqual([0.5, 0.25, 1]);
    expect(copyCoords([1], 3)).toEqual([1, 0, 0]);
    expect(copyCoords([NaN, 2], 2)).toEqual([0, 2]);
  });
});

describe('ticks and domains', () => {
  it('picks 1, 2 or 5 times a power of ten', () => {
    expect(niceStep(1, 5)).toBe(0.2);
    expect(niceStep(2, 5)).toBe(0.5);
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(3.7, 5)).toBe(1);
    expect(niceStep(0, 5)).toBe(1);
  });

  it('prints ticks with the step’s decimals and no -0', () => {
    expect(stepDecimals(0.2)).toBe(1);
    expect(stepDecimals(0.25)).toBe(2);
    expect(stepDecimals(5)).toBe(0);
    expect(formatTick(0.6000000000000001, 0.2)).toBe('0.6');
    expect(formatTick(-0.00000001, 0.2)).toBe('0.0');
    expect(formatTick(-0.4, 0.2)).toBe('-0.4');
  });

  it('is the notebooks’ [0, 1] while every vector fits', () => {
    const vs = [{ values: f32([0.72, 0.45, 0.31]) }, { values: f32([0.25, 0.2, 0.85]) }];
    expect(plotDomain(vs, 0, 1)).toBe(DEFAULT_DOMAIN);
    expect(plotDomain(vs, 0, 2)).toEqual({ lo: 0, hi: 1, step: 0.2 });
    expect(ticksOf(DEFAULT_DOMAIN)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it('grows to nice bounds when a vector leaves the box', () => {
    expect(plotDomain([{ values: [1.02, 0.5, 0] }], 0, 1)).toEqual({ lo: 0, hi: 1.2, step: 0.2 });
    // torch.randn embeddings (lesson 3) reach below zero.
    const randn = [
      { values: f32([-0.3178, -0.8048, 0.7659]) },
      { values: f32([1.8883, -1.5365, -0.5007]) },
      { values: f32([-1.2233, -0.2219, -1.2253]) },
    ];
    const d = plotDomain(randn, 0, 1);
    expect(d).toEqual({ lo: -2, hi: 2, step: 1 });
    // The hidden axis does not count.
    expect(plotDomain([{ values: [0.5, 0.5, 7] }], 0, 1)).toBe(DEFAULT_DOMAIN);
  });

  it('does not widen for float32 noise at a tick', () => {
    // Math.fround(-0.4) is -0.4000000059604645.
    expect(niceDomain(Math.fround(-0.4), 1)).toEqual({ lo: -0.4, hi: 1, step: 0.2 });
    expect(niceDomain(0, Math.fround(1.2))).toEqual({ lo: 0, hi: 1.2, step: 0.2 });
  });

  it('keeps the tick count readable for lopsided ranges', () => {
    for (const [lo, hi] of [
      [-0.01, 1],
      [-3, 1000],
      [-1000, 1000],
      [0, 0.0001],
      [-7.3, 2.1],
    ] as const) {
      const d = niceDomain(lo, hi);
      expect(d.lo).toBeLessThanOrEqual(lo);
      expect(d.hi).toBeGreaterThanOrEqual(hi);
      const n = ticksOf(d).length;
      expect(n).toBeGreaterThanOrEqual(3);
      expect(n).toBeLessThanOrEqual(9);
    }
  });

  it('ignores NaN and infinite coordinates', () => {
    expect(plotDomain([{ values: [NaN, Infinity] }], 0, 1)).toBe(DEFAULT_DOMAIN);
  });
});

describe('screen transforms', () => {
  it('maps data to screen and back, flipping y', () => {
    expect(toScreen(0, 0, 1, 56, 420)).toBe(56);
    expect(toScreen(1, 0, 1, 56, 420)).toBe(420);
    expect(toScreen(0.5, 0, 1, 380, 16)).toBe(198);
    for (const v of [-2, -0.3, 0, 0.55, 1, 7.5]) {
      expect(toData(toScreen(v, -2, 8, 380, 16), -2, 8, 380, 16)).toBeCloseTo(v, 10);
    }
  });
});

describe('axes', () => {
  it('lists X–Y, X–Z, Y–Z and all pairs beyond 3 dims', () => {
    expect(axisPairs(2)).toEqual([[0, 1]]);
    expect(axisPairs(3)).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
    expect(axisPairs(4)).toHaveLength(6);
    expect(defaultAxisNames(5)).toEqual(['X', 'Y', 'Z', 'dim 4', 'dim 5']);
  });

  it('uses the first hidden axis as depth', () => {
    expect(depthAxis(3, 0, 1)).toBe(2);
    expect(depthAxis(3, 0, 2)).toBe(1);
    expect(depthAxis(3, 1, 2)).toBe(0);
    expect(depthAxis(2, 0, 1)).toBeNull();
    expect(depthAxis(5, 0, 1)).toBe(2);
  });
});

describe('keyboard moves', () => {
  it('steps 0.01, Shift 0.1, Alt 0.001', () => {
    expect(keyStep({ key: 'ArrowUp' })).toBe(0.01);
    expect(keyStep({ key: 'ArrowUp', shiftKey: true })).toBe(0.1);
    expect(keyStep({ key: 'ArrowUp', altKey: true })).toBe(0.001);
  });

  it('maps arrows to the shown axes and Page keys to the hidden one', () => {
    expect(keyMove({ key: 'ArrowRight' }, 3, 0, 1)).toEqual({ axis: 0, delta: 0.01 });
    expect(keyMove({ key: 'ArrowLeft', shiftKey: true }, 3, 0, 1)).toEqual({
      axis: 0,
      delta: -0.1,
    });
    expect(keyMove({ key: 'ArrowUp' }, 3, 0, 2)).toEqual({ axis: 2, delta: 0.01 });
    expect(keyMove({ key: 'ArrowDown', altKey: true }, 3, 1, 2)).toEqual({
      axis: 2,
      delta: -0.001,
    });
    expect(keyMove({ key: 'PageUp' }, 3, 0, 1)).toEqual({ axis: 2, delta: 0.01 });
    expect(keyMove({ key: 'PageDown' }, 3, 0, 2)).toEqual({ axis: 1, delta: -0.01 });
    expect(keyMove({ key: 'PageUp' }, 2, 0, 1)).toBeNull();
    expect(keyMove({ key: 'Tab' }, 3, 0, 1)).toBeNull();
    expect(keyMove({ key: 'ArrowUp', ctrlKey: true }, 3, 0, 1)).toBeNull();
  });

  it('moves one coordinate of a float32 vector to a clean 3-decimal value', () => {
    const journey = f32([0.55, 0.87, 0.66]);
    expect(movedCoords(journey, 3, 0, 0.01)).toEqual([0.56, Math.fround(0.87), Math.fround(0.66)]);
    expect(movedCoords(journey, 3, 2, -0.1)[2]).toBe(0.56);
    expect(movedCoords([999.999], 1, 0, 0.1)).toEqual([1000]);
    // The input is not changed.
    expect(journey[0]).toBe(Math.fround(0.55));
  });
});

describe('descriptions', () => {
  it('reads coordinates without float32 noise', () => {
    expect(formatCoord(Math.fround(0.55))).toBe('0.55');
    expect(formatCoord(-0.00001)).toBe('0');
    expect(formatCoord(NaN)).toBe('not a number');
    expect(formatCoord(-Infinity)).toBe('minus infinity');
  });

  it('describes a vector with its coordinates and length', () => {
    const journey = f32([0.55, 0.87, 0.66]);
    expect(vectorLength(journey)).toBeCloseTo(Math.sqrt(0.55 ** 2 + 0.87 ** 2 + 0.66 ** 2), 6);
    expect(describeVector('journey', journey, 3, defaultAxisNames(3))).toBe(
      'journey: x 0.55, y 0.87, z 0.66, length 1.2227',
    );
    expect(describeVector('w', [3, 4, 0, 0], 4, ['X', 'Y', 'Z'])).toBe(
      'w: x 3, y 4, z 0, dim 4 0, length 5.0000',
    );
  });
});

describe('arrow geometry', () => {
  it('ends the shaft at the head and points the head at the tip', () => {
    const g = arrowGeometry(0, 100, 100, 100, 10, 8);
    expect(g.shaftX).toBeCloseTo(90.5, 6);
    expect(g.shaftY).toBe(100);
    expect(g.head).toBe('100.00,100.00 90.00,104.00 90.00,96.00');
  });

  it('shrinks the head on short arrows and drops it at zero length', () => {
    const g = arrowGeometry(0, 0, 4, 0, 10, 8);
    expect(g.head).toBe('4.00,0.00 2.00,0.80 2.00,-0.80');
    expect(arrowGeometry(5, 5, 5, 5, 10, 8).head).toBeNull();
  });
});

describe('label placement', () => {
  const opts = { left: 0, right: 440, top: 0, bottom: 436, lineHeight: 18, charWidth: 8 };

  it('puts labels beside the tip, inside the plot', () => {
    const [a, b] = placeLabels(
      [
        { x: 200, y: 100, ox: 56, oy: 380, chars: 5 },
        { x: 430, y: 200, ox: 56, oy: 380, chars: 7 },
      ],
      opts,
    );
    expect(a!.anchor).toBe('start');
    expect(a!.x).toBeGreaterThan(200);
    expect(a!.y).toBeLessThan(100);
    // Near the right edge the label flips to the tip's left.
    expect(b!.anchor).toBe('end');
    expect(b!.x).toBeLessThan(430);
  });

  it('keeps a long label inside when it fits on neither side', () => {
    const [s] = placeLabels([{ x: 120, y: 200, ox: 56, oy: 380, chars: 40 }], {
      ...opts,
      right: 340,
    });
    expect(s!.anchor).toBe('start');
    expect(s!.x).toBeGreaterThanOrEqual(0);
  });

  it('stacks labels of tips that nearly coincide (journey and starts)', () => {
    const spots = placeLabels(
      [
        { x: 256, y: 63, ox: 56, oy: 380, chars: 7 },
        { x: 263, y: 69, ox: 56, oy: 380, chars: 6 },
      ],
      opts,
    );
    expect(Math.abs(spots[0]!.y - spots[1]!.y)).toBeGreaterThanOrEqual(17.5);
  });
});

describe('grid focus moves', () => {
  it('steps with arrows and stops at the edges', () => {
    expect(gridMove({ key: 'ArrowRight' }, 0, 0, 6, 6)).toEqual({ i: 0, j: 1 });
    expect(gridMove({ key: 'ArrowLeft' }, 0, 0, 6, 6)).toEqual({ i: 0, j: 0 });
    expect(gridMove({ key: 'ArrowDown' }, 5, 2, 6, 6)).toEqual({ i: 5, j: 2 });
    expect(gridMove({ key: 'ArrowUp' }, 3, 2, 6, 6)).toEqual({ i: 2, j: 2 });
  });

  it('jumps with Home, End, Page keys and Ctrl', () => {
    expect(gridMove({ key: 'Home' }, 3, 4, 6, 6)).toEqual({ i: 3, j: 0 });
    expect(gridMove({ key: 'End' }, 3, 1, 6, 6)).toEqual({ i: 3, j: 5 });
    expect(gridMove({ key: 'Home', ctrlKey: true }, 3, 4, 6, 6)).toEqual({ i: 0, j: 0 });
    expect(gridMove({ key: 'End', metaKey: true }, 3, 1, 6, 6)).toEqual({ i: 5, j: 5 });
    expect(gridMove({ key: 'PageDown' }, 1, 1, 6, 3)).toEqual({ i: 5, j: 1 });
    expect(gridMove({ key: 'PageUp' }, 4, 1, 6, 3)).toEqual({ i: 0, j: 1 });
    expect(gridMove({ key: 'Enter' }, 0, 0, 6, 6)).toBeNull();
    expect(gridMove({ key: 'ArrowDown' }, 0, 0, 0, 0)).toBeNull();
  });

  it('works on a single row (a 1-d vector)', () => {
    expect(gridMove({ key: 'ArrowDown' }, 0, 2, 1, 6)).toEqual({ i: 0, j: 2 });
    expect(gridMove({ key: 'End' }, 0, 2, 1, 6)).toEqual({ i: 0, j: 5 });
  });
});

describe('PCA basis reuse', () => {
  const rows = () => [f32([1, 2, 3, 4]), f32([5, 6, 7, 8]), f32([9, 10, 11, 12])];

  it('fits when there is nothing to reuse or the number of vectors changed', () => {
    expect(basisStep(null, rows(), 4)).toBe('refit');
    expect(basisStep(rows().slice(0, 2), rows(), 4)).toBe('refit');
    expect(basisStep([f32([1, 2])], [f32([1, 2, 3, 4])], 4)).toBe('refit');
  });

  it('keeps the basis when no value changed, in the same or new arrays', () => {
    const r = rows();
    expect(basisStep(r, r, 4)).toBe('keep');
    expect(basisStep(rows(), rows(), 4)).toBe('keep');
    expect(basisStep([f32([NaN, 1])], [f32([NaN, 1])], 2)).toBe('keep');
    // Values past the first `dims` are not drawn.
    expect(basisStep([f32([1, 2, 3])], [f32([1, 2, 9])], 2)).toBe('keep');
  });

  it('reuses it while one vector moves, and refits when several do', () => {
    const next = rows();
    next[1] = f32([5, 6, 7.5, 8]);
    expect(basisStep(rows(), next, 4)).toBe('reuse');
    next[2] = f32([9, 10, 11, 0]);
    expect(basisStep(rows(), next, 4)).toBe('refit');
  });
});
