import { describe, expect, it } from 'vitest';
import { backingSize, cellAt, cellSize, moveCursor, paletteIndex, readout } from './heatmap';

describe('heatmap helpers', () => {
  it('sizes cells and the backing store', () => {
    expect(cellSize(64, 64)).toBe(8);
    expect(cellSize(2, 3)).toBe(24);
    expect(backingSize(512, 256, 2)).toEqual({ width: 1024, height: 512, ratio: 2 });
    expect(backingSize(10, 10, NaN).ratio).toBe(1);
  });
  it('maps values to palette entries', () => {
    const d = { kind: 'sequential' as const, min: 0, max: 1 };
    expect(paletteIndex(0, d)).toBe(0);
    expect(paletteIndex(1, d)).toBe(255);
    expect(paletteIndex(2, d)).toBe(255);
    expect(paletteIndex(0.5, d)).toBe(128);
  });
  it('hit-tests', () => {
    expect(cellAt(17, 9, 8, 4, 4)).toEqual({ r: 1, c: 2 });
    expect(cellAt(-1, 0, 8, 4, 4)).toBeNull();
    expect(cellAt(0, 32, 8, 4, 4)).toBeNull();
  });
  it('moves the cursor with arrows, clamped', () => {
    expect(moveCursor({ r: 0, c: 0 }, 'ArrowUp', 3, 3)).toEqual({ r: 0, c: 0 });
    expect(moveCursor({ r: 0, c: 0 }, 'ArrowRight', 3, 3)).toEqual({ r: 0, c: 1 });
    expect(moveCursor({ r: 0, c: 0 }, 'End', 3, 3)).toEqual({ r: 0, c: 2 });
    expect(moveCursor({ r: 0, c: 0 }, 'a', 3, 3)).toBeNull();
  });
  it('reads out a cell', () => {
    expect(readout({ r: 0, c: 1 }, 0.5, ['a', 'b'], ['x', 'y'])).toBe(
      'row 1 (a), column 2 (y): 0.5000',
    );
    expect(readout({ r: 0, c: 0 }, -Infinity, ['a'], ['x'])).toBe('row 1 (a), column 1 (x): -inf');
  });
});
