import { describe, expect, it } from 'vitest';
import {
  backingSize,
  cellAt,
  cellSize,
  fillCells,
  fitLabel,
  moveCursor,
  PALETTE_SIZE,
  paletteIndex,
  readout,
  visibleLabels,
} from './heatmap';

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
  it('writes one opaque pixel per value, the nearest palette colour or the neutral one', () => {
    const domain = { kind: 'sequential' as const, min: 0, max: 1 };
    // Entry k of this palette is (k, 255 - k, 7): a pixel's colour says which entry it took.
    const rgb = new Uint8Array(PALETTE_SIZE * 3);
    for (let k = 0; k < PALETTE_SIZE; k++) rgb.set([k, 255 - k, 7], k * 3);
    const out = new Uint8ClampedArray(4 * 4).fill(9);
    fillCells(out, [0, 1, 0.5, NaN], { rgb, neutral: [1, 2, 3] }, domain);
    const entry = (v: number) => paletteIndex(v, domain);
    expect([...out]).toEqual([
      ...[entry(0), 255 - entry(0), 7, 255],
      ...[entry(1), 255 - entry(1), 7, 255],
      ...[entry(0.5), 255 - entry(0.5), 7, 255],
      ...[1, 2, 3, 255],
    ]);
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
  it('thins labels that do not fit, keeping forced ones clear of their neighbours', () => {
    const shown = (v: boolean[]) => v.flatMap((on, i) => (on ? [i] : []));
    // 40 tokens: 12 px cells fit a line each.
    expect(shown(visibleLabels(40, 12))).toHaveLength(40);
    // 64 tokens: 8 px cells, every second label.
    expect(shown(visibleLabels(64, 8))).toEqual(Array.from({ length: 32 }, (_, k) => 2 * k));
    // The query (5) shows, its neighbours 4 and 6 give way.
    const q = visibleLabels(64, 8, [5]);
    expect(q.slice(2, 9)).toEqual([true, false, false, true, false, false, true]);
    // A pointed-at row next to the query wins over it; out-of-range and null are ignored.
    const both = visibleLabels(64, 8, [5, 6, null, 99]);
    expect(shown(both).filter((i) => i >= 4 && i <= 8)).toEqual([6, 8]);
    // 6 px cells: every second label (two cells hold a 12 px line).
    expect(shown(visibleLabels(10, 6))).toEqual([0, 2, 4, 6, 8]);
  });

  it('cuts a label to its room with an ellipsis, and leaves one that fits whole', () => {
    // 6 px a character, 2 for the ellipsis: a stand-in for measuring text.
    const width = (s: string) => Array.from(s).reduce((w, ch) => w + (ch === '…' ? 2 : 6), 0);
    expect(fitLabel('attention', 54, width)).toBe('attention');
    expect(fitLabel('attention', 53, width)).toBe('attentio…');
    expect(fitLabel('attention', 44, width)).toBe('attenti…');
    expect(fitLabel('attention', 43, width)).toBe('attent…');
    // Spaces before the ellipsis go; characters outside the BMP stay whole.
    expect(fitLabel('ab cd', 20, width)).toBe('ab…');
    expect(fitLabel('😀😀😀', 14, width)).toBe('😀😀…');
    // Nothing fits: the ellipsis alone.
    expect(fitLabel('attention', 3, width)).toBe('…');
    expect(fitLabel('', 0, width)).toBe('');
  });
});
