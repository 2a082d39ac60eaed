/**
 * The pure geometry of the line chart (src/components/LineChart.tsx): scales, honest ticks, the
 * SVG path of a series with its breaks, the scrubber's keys and pointer mapping. No DOM.
 *
 * Honest means: every tick sits at the value its label names; the log scale draws only positive
 * values and counts the others as refused (the chart says so), never moving them elsewhere; a value
 * that is NaN or infinite (a diverged run) breaks the line, and the first one is reported as the
 * step where the run diverged.
 */
import { formatTick, niceDomain, ticksOf } from './plotMath';

export type Box = { left: number; right: number; top: number; bottom: number };

export type Tick = { value: number; label: string; at: number };

export type ChartGeometry = {
  /** The y domain drawn, and whether it is logarithmic. */
  y: { lo: number; hi: number; log: boolean };
  /** The x domain: steps 0 to last (at least 1 wide). */
  x: { lo: number; hi: number };
  xTicks: Tick[];
  yTicks: Tick[];
  /** SVG path data: one subpath per unbroken run of drawable points. */
  path: string;
  /** Points drawn alone (a drawable value with no drawable neighbour), as circles. */
  dots: { x: number; y: number; step: number }[];
  /** The first step whose value is NaN or infinite, or null. */
  divergedAt: number | null;
  /** Under the log scale: how many values are 0 or negative (not drawn), and the first step. */
  refused: { count: number; first: number } | null;
  /** Whether any value can be drawn at all. */
  empty: boolean;
};

/** What can be drawn: finite, and positive under the log scale. */
export function drawable(v: number, log: boolean): boolean {
  return Number.isFinite(v) && (!log || v > 0);
}

/** Linear or log10 position of `v` in [lo, hi], mapped onto [r0, r1]. */
export function scaleY(v: number, y: ChartGeometry['y'], r0: number, r1: number): number {
  const t = y.log
    ? (Math.log10(v) - Math.log10(y.lo)) / (Math.log10(y.hi) - Math.log10(y.lo))
    : (v - y.lo) / (y.hi - y.lo);
  return r0 + t * (r1 - r0);
}

export function scaleX(step: number, x: ChartGeometry['x'], r0: number, r1: number): number {
  return r0 + ((step - x.lo) / (x.hi - x.lo)) * (r1 - r0);
}

/** Superscript digits for labels such as 10⁻³. */
const SUP: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** 10^e exactly as the decimal literal reads (10 ** -4 is 0.00009999999999999999 in doubles). */
export function pow10(e: number): number {
  return Number(`1e${e}`);
}

/** A power of ten as a label: 0.01, 0.1, 1, 10, 100 plainly, 10⁻³ and 10³ beyond. */
export function powerLabel(e: number): string {
  if (e >= -2 && e <= 2) return String(pow10(e));
  return `10${String(e)
    .split('')
    .map((c) => SUP[c] ?? c)
    .join('')}`;
}

/**
 * Log ticks over [lo, hi] (both positive): the decades 10^k inside, widened to whole decades;
 * within a single decade, 2 and 5 times it as well. Labels name exactly the tick's value.
 */
export function logDomain(min: number, max: number): { lo: number; hi: number; ticks: number[] } {
  let e0 = Math.floor(Math.log10(min) + 1e-9);
  let e1 = Math.ceil(Math.log10(max) - 1e-9);
  if (e1 <= e0) e1 = e0 + 1;
  // Very many decades: every other one, or sparser, so labels stay apart.
  const span = e1 - e0;
  const every = span <= 6 ? 1 : Math.ceil(span / 6);
  e0 = Math.floor(e0 / every) * every;
  e1 = Math.ceil(e1 / every) * every;
  const ticks: number[] = [];
  for (let e = e0; e <= e1; e += every) ticks.push(e);
  return { lo: pow10(e0), hi: pow10(e1), ticks };
}

/** A y value for the read-out: 4 decimals in a normal range, else 4 significant digits. */
export function formatValue(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(3).replace('e+', 'e');
  return v.toFixed(4);
}

/**
 * Everything the chart draws, in the coordinates of `box` (SVG user units, y growing down).
 * `values[k]` is the value at step k.
 */
export function chartGeometry(
  values: ArrayLike<number>,
  log: boolean,
  box: Box,
  xTickCount = 5,
): ChartGeometry {
  const n = values.length;
  let min = Infinity;
  let max = -Infinity;
  let divergedAt: number | null = null;
  let refusedCount = 0;
  let refusedFirst = -1;
  for (let k = 0; k < n; k++) {
    const v = values[k]!;
    if (!Number.isFinite(v)) {
      if (divergedAt === null) divergedAt = k;
      continue;
    }
    if (log && v <= 0) {
      refusedCount++;
      if (refusedFirst < 0) refusedFirst = k;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const empty = !(min <= max);
  const x = { lo: 0, hi: Math.max(1, n - 1) };
  const xd = niceDomain(0, x.hi, xTickCount);
  // whole steps only; the axis ends at the last step, the ticks inside it
  const xStep = Math.max(1, Math.round(xd.step));
  const xTicks: Tick[] = [];
  for (let s = 0; s <= x.hi + 1e-9; s += xStep) {
    xTicks.push({ value: s, label: String(s), at: scaleX(s, x, box.left, box.right) });
  }

  let y: ChartGeometry['y'];
  let yTicks: Tick[];
  if (log) {
    const d = empty ? logDomain(0.1, 10) : logDomain(min, max);
    y = { lo: d.lo, hi: d.hi, log: true };
    yTicks = d.ticks.map((e) => ({
      value: pow10(e),
      label: powerLabel(e),
      at: scaleY(pow10(e), y, box.bottom, box.top),
    }));
    if (d.ticks.length === 2 && d.ticks[1]! - d.ticks[0]! === 1) {
      // one decade: 2 and 5 times its start as well
      for (const m of [2, 5]) {
        const v = m * d.lo;
        const s = Number((m * d.lo).toPrecision(3));
        yTicks.push({ value: v, label: String(s), at: scaleY(v, y, box.bottom, box.top) });
      }
      yTicks.sort((a, b) => a.value - b.value);
    }
  } else {
    // a constant series gets room above and below, so its line is not drawn on the frame
    const pad = max === min ? Math.max(Math.abs(min) * 0.1, 1e-3) : 0;
    const d = empty ? niceDomain(0, 1) : niceDomain(min - pad, max + pad);
    y = { lo: d.lo, hi: d.hi, log: false };
    const big = Math.max(Math.abs(d.lo), Math.abs(d.hi)) >= 1e5 || d.step < 1e-4;
    yTicks = ticksOf(d).map((v) => ({
      value: v,
      // beyond plain decimals, the shortest exponent form of the tick's own value
      label: big && v !== 0 ? v.toExponential().replace('e+', 'e') : formatTick(v, d.step),
      at: scaleY(v, y, box.bottom, box.top),
    }));
  }

  // The path, decimated to the pixel: within one column of width 1 only the first, lowest, highest
  // and last points of each unbroken piece are kept (in step order), which draws the same line.
  let path = '';
  const dots: ChartGeometry['dots'] = [];
  let runLength = 0;
  let runStart = { x: 0, y: 0, step: 0 };
  const r1 = (v: number) => Math.round(v * 100) / 100;
  const emit = (k: number) => {
    const px = r1(scaleX(k, x, box.left, box.right));
    const py = r1(scaleY(values[k]!, y, box.bottom, box.top));
    path += `${runLength === 0 ? 'M' : 'L'}${px} ${py}`;
    if (runLength === 0) runStart = { x: px, y: py, step: k };
    runLength++;
  };
  const endRun = () => {
    if (runLength === 1) {
      dots.push(runStart);
      path = path.slice(0, path.lastIndexOf('M'));
    }
    runLength = 0;
  };
  let col = NaN;
  let first = -1;
  let lo = -1;
  let hi = -1;
  let last = -1;
  const flush = () => {
    if (first < 0) return;
    for (const k of [...new Set([first, lo, hi, last])].sort((a, b) => a - b)) emit(k);
    first = lo = hi = last = -1;
  };
  for (let k = 0; k < n; k++) {
    const v = values[k]!;
    if (!drawable(v, log)) {
      flush();
      endRun();
      continue;
    }
    const c = Math.floor(scaleX(k, x, box.left, box.right));
    if (c !== col) {
      flush();
      col = c;
    }
    if (first < 0) first = lo = hi = k;
    if (v < values[lo]!) lo = k;
    if (v > values[hi]!) hi = k;
    last = k;
  }
  flush();
  endRun();

  return {
    y,
    x,
    xTicks,
    yTicks,
    path,
    dots,
    divergedAt,
    refused: refusedCount > 0 ? { count: refusedCount, first: refusedFirst } : null,
    empty,
  };
}

/** The width the y tick labels need (about 7 units a character at 12 px), plus a gap. */
export function yLabelWidth(g: ChartGeometry): number {
  return 12 + 7 * Math.max(3, ...g.yTicks.map((t) => t.label.length));
}

/**
 * The step a key moves the scrubber to, from `step` among `count` steps (0 to count - 1), or
 * null for a key it does not handle: arrows one step, Page Up/Down a tenth of the run (at least
 * one), Home and End the ends.
 */
export function scrubKey(key: string, step: number, count: number): number | null {
  if (count <= 0) return null;
  const last = count - 1;
  const page = Math.max(1, Math.round(count / 10));
  const to = (k: number) => Math.max(0, Math.min(last, k));
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return to(step - 1);
    case 'ArrowRight':
    case 'ArrowUp':
      return to(step + 1);
    case 'PageDown':
      return to(step - page);
    case 'PageUp':
      return to(step + page);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/** The step nearest to x (in the same units as the box), clamped to 0 to count - 1. */
export function stepAt(px: number, count: number, box: Box): number {
  if (count <= 1) return 0;
  const x = { lo: 0, hi: Math.max(1, count - 1) };
  const t = (px - box.left) / (box.right - box.left);
  return Math.max(0, Math.min(count - 1, Math.round(x.lo + t * (x.hi - x.lo))));
}

/** The slider's spoken value: "step 120, loss 0.4213". */
export function valueText(step: number, value: number | undefined, name: string): string {
  return value === undefined ? `step ${step}` : `step ${step}, ${name} ${formatValue(value)}`;
}
