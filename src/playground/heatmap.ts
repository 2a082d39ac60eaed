/** Pure helpers of CanvasHeatmap: geometry, hit testing, keyboard moves and read-outs. */
import { domainPosition, type ColorDomain } from '../components/colors';

/** Colours a heatmap draws with, evenly spaced over its domain. */
export const PALETTE_SIZE = 256;

/** Index into the palette of a finite value (the nearest sampled colour). */
export function paletteIndex(v: number, domain: ColorDomain): number {
  return Math.round(domainPosition(v, domain) * (PALETTE_SIZE - 1));
}

export interface Cell {
  r: number;
  c: number;
}

/** CSS pixel size of one cell: fills about 512 px, between 6 and 24 px. */
export function cellSize(rows: number, cols: number): number {
  return Math.max(6, Math.min(24, Math.floor(512 / Math.max(rows, cols, 1))));
}

/** The canvas's backing-store size for a CSS size and devicePixelRatio. */
export function backingSize(cssWidth: number, cssHeight: number, dpr: number) {
  const ratio = Number.isFinite(dpr) && dpr > 0 ? dpr : 1;
  return {
    width: Math.round(cssWidth * ratio),
    height: Math.round(cssHeight * ratio),
    ratio,
  };
}

/** The cell under a point in CSS pixels relative to the canvas, or null outside it. */
export function cellAt(
  x: number,
  y: number,
  size: number,
  rows: number,
  cols: number,
): Cell | null {
  const c = Math.floor(x / size);
  const r = Math.floor(y / size);
  if (r < 0 || c < 0 || r >= rows || c >= cols) return null;
  return { r, c };
}

/** The cursor after a key press, or null when the key does not move it. */
export function moveCursor(cell: Cell, key: string, rows: number, cols: number): Cell | null {
  const clamp = (v: number, n: number) => Math.max(0, Math.min(n - 1, v));
  switch (key) {
    case 'ArrowUp':
      return { r: clamp(cell.r - 1, rows), c: cell.c };
    case 'ArrowDown':
      return { r: clamp(cell.r + 1, rows), c: cell.c };
    case 'ArrowLeft':
      return { r: cell.r, c: clamp(cell.c - 1, cols) };
    case 'ArrowRight':
      return { r: cell.r, c: clamp(cell.c + 1, cols) };
    case 'Home':
      return { r: cell.r, c: 0 };
    case 'End':
      return { r: cell.r, c: cols - 1 };
    case 'PageUp':
      return { r: 0, c: cell.c };
    case 'PageDown':
      return { r: rows - 1, c: cell.c };
    default:
      return null;
  }
}

/** "row 3 (cat), column 5 (dim 5): 0.1234" — 1-based like the tables' labels. */
export function readout(
  cell: Cell,
  value: number,
  rowLabels: readonly string[],
  colLabels: readonly string[],
): string {
  const rl = rowLabels[cell.r] ?? String(cell.r + 1);
  const cl = colLabels[cell.c] ?? String(cell.c + 1);
  return `row ${cell.r + 1} (${rl}), column ${cell.c + 1} (${cl}): ${formatValue(value)}`;
}

export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  return v.toFixed(4);
}
