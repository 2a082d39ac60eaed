/** Pure helpers of CanvasHeatmap: geometry, hit testing, keyboard moves and read-outs. */
import { domainPosition, type ColorDomain } from './colors';

/** Colours a heatmap draws with, evenly spaced over its domain. */
export const PALETTE_SIZE = 256;

/** Index into the palette of a finite value (the nearest sampled colour). */
export function paletteIndex(v: number, domain: ColorDomain): number {
  return Math.round(domainPosition(v, domain) * (PALETTE_SIZE - 1));
}

/**
 * A heatmap's colours: PALETTE_SIZE RGB triples, evenly spaced from the domain's low end (entry 0)
 * to its high end, and the colour of non-finite values.
 */
export interface Palette {
  rgb: Uint8Array;
  neutral: readonly [number, number, number];
}

/**
 * Writes one opaque RGBA pixel per value (row-major, as ImageData lays them out) into `out`, each
 * the palette colour nearest to its value's place in `domain`; non-finite values get the neutral
 * colour.
 */
export function fillCells(
  out: Uint8ClampedArray,
  values: ArrayLike<number>,
  p: Palette,
  domain: ColorDomain,
): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const o = i * 4;
    if (Number.isFinite(v)) {
      const k = paletteIndex(v, domain) * 3;
      out[o] = p.rgb[k]!;
      out[o + 1] = p.rgb[k + 1]!;
      out[o + 2] = p.rgb[k + 2]!;
    } else {
      out[o] = p.neutral[0];
      out[o + 1] = p.neutral[1];
      out[o + 2] = p.neutral[2];
    }
    out[o + 3] = 255;
  }
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

/** Height of one line of a heatmap's row or column labels, CSS px (11 px text). */
export const LABEL_LINE = 12;

/**
 * Which of `count` labels, one per cell of `size` CSS px, to show. When a line of text fits a cell
 * every label shows; otherwise every k-th, k the fewest cells a line fits in. Each of `forced`
 * (the query row, the pointed-at cell's row or column; null for none) shows too, and hides the
 * labels closer to it than k so none overlap; a later one wins over an earlier one.
 */
export function visibleLabels(
  count: number,
  size: number,
  forced: readonly (number | null)[] = [],
): boolean[] {
  const k = Math.max(1, Math.ceil(LABEL_LINE / Math.max(1, size)));
  const show = Array.from({ length: count }, (_, i) => i % k === 0);
  for (const f of forced) {
    if (f === null || f < 0 || f >= count) continue;
    for (let j = Math.max(0, f - k + 1); j <= Math.min(count - 1, f + k - 1); j++) show[j] = false;
    show[f] = true;
  }
  return show;
}

/** The most a heatmap's row or column label may take, CSS px: longer ones end in an ellipsis. */
export const LABEL_ROOM = 96;

/**
 * `text` as a label of at most `room` px, as `width` measures it: whole when it fits, else the
 * longest start of it that fits with an ellipsis after it (the ellipsis alone if nothing does).
 * The labels cut themselves rather than each clipping its box with `text-overflow`: a clip per
 * label cost the browser 9 ms a frame to layer 640 of them (five 64 × 64 heatmaps) whenever
 * anything on the page changed.
 */
export function fitLabel(text: string, room: number, width: (s: string) => number): string {
  if (width(text) <= room) return text;
  const chars = Array.from(text);
  // The longest prefix that fits with the ellipsis: widths grow with length, so bisect.
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (width(chars.slice(0, mid).join('').trimEnd() + '…') <= room) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + '…';
}
