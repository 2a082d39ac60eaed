/**
 * The pure logic behind VectorPlot2D and MatrixView: axis ranges and ticks, data <-> screen
 * transforms, arrowheads, label placement, keyboard steps and descriptions. No DOM: tested in Node.
 */

/** One arrow from the origin, as the 2-D and 3-D plots draw it. */
export interface PlotVector {
  /** The token, drawn at the tip as plain text. */
  label: string;
  /** Arrow colour as `#rrggbb` (use `quiverColor(i)` / `CONTEXT_COLOR` from colors.ts). */
  color: string;
  /** The full d-dimensional coordinates; a plot shows two or three of them. */
  values: ArrayLike<number>;
  /** Whether the learner can move the tip (false for derived vectors such as the context vector). */
  draggable: boolean;
  /** Drawn thicker (the query). */
  emphasis?: boolean;
}

/** Coordinates a drag or key move may produce; the store and the URL stay sane beyond any use. */
export const COORD_LIMIT = 1000;

/** Rounds a coordinate to 3 decimals (what a drag can mean) and clamps it to ±COORD_LIMIT. */
export function roundCoord(v: number): number {
  if (Number.isNaN(v)) return 0;
  const c = Math.min(COORD_LIMIT, Math.max(-COORD_LIMIT, v));
  const r = Math.round(c * 1000) / 1000;
  return r === 0 ? 0 : r; // no -0
}

/** The "nice" step (1, 2 or 5 times a power of ten) closest to span / count. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !(count > 0)) return 1;
  const raw = span / count;
  const p = 10 ** Math.floor(Math.log10(raw));
  const f = raw / p;
  const m = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
  return m * p;
}

/** Number of decimals that print every multiple of `step` exactly (0.2 -> 1, 0.25 -> 2, 5 -> 0). */
export function stepDecimals(step: number): number {
  for (let d = 0; d <= 10; d++) {
    const s = step * 10 ** d;
    if (Math.abs(s - Math.round(s)) < 1e-9 * Math.max(1, s)) return d;
  }
  return 10;
}

/** A tick label: `v` with the step's decimals, and no "-0". */
export function formatTick(v: number, step: number): string {
  const s = v.toFixed(stepDecimals(step));
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** A closed interval [lo, hi] on an axis, and the tick step that divides it. */
export interface AxisDomain {
  lo: number;
  hi: number;
  step: number;
}

/** The notebooks' `set_xlim([0, 1])`. */
export const DEFAULT_DOMAIN: AxisDomain = { lo: 0, hi: 1, step: 0.2 };

/**
 * The shared range of both shown axes: [0, 1] like the notebooks, grown to nice multiples of a
 * nice step when a finite value leaves it. One range for both axes keeps the plot's aspect 1:1,
 * so angles and lengths look as they are (what a dot product is about).
 */
export function plotDomain(
  vectors: readonly { values: ArrayLike<number> }[],
  ax: number,
  ay: number,
  ticks = 5,
): AxisDomain {
  let lo = 0;
  let hi = 1;
  for (const v of vectors) {
    for (const k of [ax, ay]) {
      const x = v.values[k];
      if (x === undefined || !Number.isFinite(x)) continue;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  return niceDomain(lo, hi, ticks);
}

/** [lo, hi] widened to multiples of a nice step (about `ticks` intervals). */
export function niceDomain(lo: number, hi: number, ticks = 5): AxisDomain {
  if (lo === 0 && hi === 1 && ticks === 5) return DEFAULT_DOMAIN;
  let step = niceStep(hi - lo, ticks);
  // The epsilons forgive float noise (0.6 / 0.2 is 2.9999999999999996) and float32 storage.
  let nlo = Math.floor(lo / step + 1e-6) * step;
  let nhi = Math.ceil(hi / step - 1e-6) * step;
  // Widening can add intervals; one coarser step keeps the tick count readable.
  if ((nhi - nlo) / step > ticks + 2) {
    step = niceStep(nhi - nlo, ticks);
    nlo = Math.floor(lo / step + 1e-6) * step;
    nhi = Math.ceil(hi / step - 1e-6) * step;
  }
  return { lo: clean(nlo), hi: clean(nhi), step };
}

/** Strips float noise such as 0.30000000000000004. */
function clean(v: number): number {
  const r = Number(v.toPrecision(12));
  return r === 0 ? 0 : r;
}

/** The tick values of a domain, lo to hi inclusive. */
export function ticksOf(d: AxisDomain): number[] {
  const n = Math.round((d.hi - d.lo) / d.step);
  const out: number[] = [];
  for (let k = 0; k <= n; k++) out.push(clean(d.lo + k * d.step));
  return out;
}

/** Linear map from [d0, d1] to [r0, r1] (r1 < r0 flips, as for a screen's y). */
export function toScreen(v: number, d0: number, d1: number, r0: number, r1: number): number {
  return r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
}

/** Inverse of `toScreen`. */
export function toData(px: number, d0: number, d1: number, r0: number, r1: number): number {
  return d0 + ((px - r0) / (r1 - r0)) * (d1 - d0);
}

/** The pairs of axes the plot can show: X–Y, X–Z, Y–Z, then every other pair in order. */
export function axisPairs(dims: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = 0; a < dims; a++) for (let b = a + 1; b < dims; b++) out.push([a, b]);
  return out;
}

/** ['X', 'Y', 'Z', 'dim 4', 'dim 5', ...] */
export function defaultAxisNames(dims: number): string[] {
  const out: string[] = [];
  for (let k = 0; k < dims; k++) out.push(k < 3 ? 'XYZ'[k]! : `dim ${k + 1}`);
  return out;
}

/**
 * The axis PageUp/PageDown move: the first one not on screen (Z when X–Y are shown, Y for X–Z);
 * null when every axis is shown.
 */
export function depthAxis(dims: number, ax: number, ay: number): number | null {
  for (let k = 0; k < dims; k++) if (k !== ax && k !== ay) return k;
  return null;
}

/** Keys and modifiers of a keyboard event (so the logic needs no DOM types). */
export interface KeyInput {
  key: string;
  shiftKey?: boolean;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

/** Step of one key press: 0.01; Shift coarse (0.1); Alt fine (0.001), as mafs does. */
export function keyStep(e: KeyInput): number {
  if (e.altKey) return 0.001;
  if (e.shiftKey) return 0.1;
  return 0.01;
}

/**
 * Which coordinate a key moves and by how much: Left/Right the first shown axis, Up/Down the
 * second (up is +), PageUp/PageDown the first hidden axis. Null for any other key.
 */
export function keyMove(
  e: KeyInput,
  dims: number,
  ax: number,
  ay: number,
): { axis: number; delta: number } | null {
  if (e.ctrlKey || e.metaKey) return null;
  const s = keyStep(e);
  switch (e.key) {
    case 'ArrowRight':
      return { axis: ax, delta: s };
    case 'ArrowLeft':
      return { axis: ax, delta: -s };
    case 'ArrowUp':
      return { axis: ay, delta: s };
    case 'ArrowDown':
      return { axis: ay, delta: -s };
    case 'PageUp':
    case 'PageDown': {
      const z = depthAxis(dims, ax, ay);
      return z === null ? null : { axis: z, delta: e.key === 'PageUp' ? s : -s };
    }
    default:
      return null;
  }
}

/** A copy of `values` (length `dims`) with `axis` moved by `delta`, rounded and clamped. */
export function movedCoords(
  values: ArrayLike<number>,
  dims: number,
  axis: number,
  delta: number,
): number[] {
  const next = copyCoords(values, dims);
  next[axis] = roundCoord(next[axis]! + delta);
  return next;
}

/** `values` as a plain array of length `dims` (missing or NaN entries become 0). */
export function copyCoords(values: ArrayLike<number>, dims: number): number[] {
  const out = new Array<number>(dims);
  for (let k = 0; k < dims; k++) {
    const v = values[k];
    out[k] = v === undefined || Number.isNaN(v) ? 0 : v;
  }
  return out;
}

/** Euclidean length of the first `dims` coordinates (torch.norm). */
export function vectorLength(values: ArrayLike<number>, dims = values.length): number {
  let s = 0;
  for (let k = 0; k < dims; k++) {
    const v = values[k] ?? 0;
    s += v * v;
  }
  return Math.sqrt(s);
}

/** A coordinate for reading aloud: at most 4 decimals, trailing zeros dropped (0.55, not 0.5500). */
export function formatCoord(v: number): string {
  if (Number.isNaN(v)) return 'not a number';
  if (!Number.isFinite(v)) return v > 0 ? 'infinity' : 'minus infinity';
  const s = String(Number(v.toFixed(4)));
  return s === '-0' ? '0' : s;
}

/** "journey: x 0.55, y 0.87, z 0.66, length 1.2227" */
export function describeVector(
  label: string,
  values: ArrayLike<number>,
  dims: number,
  axisNames: readonly string[],
): string {
  const parts: string[] = [];
  for (let k = 0; k < dims; k++) {
    const name = (axisNames[k] ?? `dim ${k + 1}`).toLowerCase();
    parts.push(`${name} ${formatCoord(values[k] ?? 0)}`);
  }
  const len = vectorLength(values, dims);
  const lenText = Number.isFinite(len) ? len.toFixed(4) : formatCoord(len);
  return `${label}: ${parts.join(', ')}, length ${lenText}`;
}

/**
 * Arrow geometry in screen units from (x0, y0) to the tip (x1, y1): where the shaft should end
 * (at the head's base, so a thick shaft does not poke through the point) and the head's triangle
 * as an SVG `points` string. Null head for arrows too short to carry one.
 */
export function arrowGeometry(
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  headLength: number,
  headWidth: number,
): { shaftX: number; shaftY: number; head: string | null } {
  const dx = x1 - x0;
  const dy = y1 - y0;
  const len = Math.hypot(dx, dy);
  if (!(len > 1e-6)) return { shaftX: x1, shaftY: y1, head: null };
  // Short arrows get a smaller head, never longer than half the arrow.
  const hl = Math.min(headLength, len / 2);
  const hw = (headWidth * hl) / headLength;
  const ux = dx / len;
  const uy = dy / len;
  const bx = x1 - ux * hl;
  const by = y1 - uy * hl;
  const px = -uy * (hw / 2);
  const py = ux * (hw / 2);
  const f = (n: number) => n.toFixed(2);
  const head = `${f(x1)},${f(y1)} ${f(bx + px)},${f(by + py)} ${f(bx - px)},${f(by - py)}`;
  return { shaftX: bx + ux * 0.5, shaftY: by + uy * 0.5, head };
}

/** Where a tip's label goes, and how it is anchored. */
export interface LabelSpot {
  x: number;
  y: number;
  anchor: 'start' | 'end';
}

/**
 * Label positions beside each tip: pushed outward from the origin, anchored so text stays inside
 * [left, right] where it fits, then nudged down so labels whose boxes would overlap are stacked. Widths are
 * estimated from the character count (no DOM measuring): `charWidth` per character.
 */
export function placeLabels(
  tips: readonly { x: number; y: number; ox: number; oy: number; chars: number }[],
  opts: {
    left: number;
    right: number;
    top: number;
    bottom: number;
    lineHeight: number;
    charWidth: number;
  },
): LabelSpot[] {
  const gap = 7;
  const spots = tips.map((t) => {
    const dx = t.x - t.ox;
    const dy = t.y - t.oy;
    const len = Math.hypot(dx, dy) || 1;
    const ux = dx / len;
    const uy = dy / len;
    const w = t.chars * opts.charWidth;
    let x = t.x + ux * gap + 4;
    let anchor: 'start' | 'end' = 'start';
    if (x + w > opts.right) {
      x = t.x - 6;
      anchor = 'end';
      // A long label near both edges: keep its start inside, even if it covers its own arrow.
      if (x - w < opts.left) {
        x = Math.max(opts.left, Math.min(t.x + ux * gap + 4, opts.right - w));
        anchor = 'start';
      }
    }
    // Baseline: above the tip when the arrow points up, below when it points down.
    let y = uy <= 0 ? t.y + uy * gap - 3 : t.y + uy * gap + opts.lineHeight * 0.8;
    y = Math.min(opts.bottom, Math.max(opts.top + opts.lineHeight * 0.8, y));
    return { x, y, anchor, w };
  });
  // Greedy stacking, top to bottom: a label that overlaps an earlier one moves below it.
  const order = spots.map((_, k) => k).sort((a, b) => spots[a]!.y - spots[b]!.y || a - b);
  const placed: number[] = [];
  for (const k of order) {
    const s = spots[k]!;
    for (let pass = 0; pass < placed.length + 1; pass++) {
      const hit = placed.find((p) => overlaps(spots[p]!, s, opts.lineHeight));
      if (hit === undefined) break;
      s.y = spots[hit]!.y + opts.lineHeight;
    }
    placed.push(k);
  }
  return spots.map(({ x, y, anchor }) => ({ x, y, anchor }));
}

function overlaps(
  a: { x: number; y: number; anchor: 'start' | 'end'; w: number },
  b: { x: number; y: number; anchor: 'start' | 'end'; w: number },
  lineHeight: number,
): boolean {
  const a0 = a.anchor === 'start' ? a.x : a.x - a.w;
  const b0 = b.anchor === 'start' ? b.x : b.x - b.w;
  return a0 < b0 + b.w && b0 < a0 + a.w && Math.abs(a.y - b.y) < lineHeight - 0.5;
}

/**
 * Roving focus in a rows x cols grid: the cell a key moves to, or null for keys that do not move.
 * Arrows step (stopping at edges), Home/End go to the row's ends, Ctrl+Home/End to the corners,
 * PageUp/PageDown to the column's ends.
 */
export function gridMove(
  e: KeyInput,
  i: number,
  j: number,
  rows: number,
  cols: number,
): { i: number; j: number } | null {
  if (rows <= 0 || cols <= 0) return null;
  const ctrl = e.ctrlKey || e.metaKey;
  let ni = i;
  let nj = j;
  switch (e.key) {
    case 'ArrowRight':
      nj = j + 1;
      break;
    case 'ArrowLeft':
      nj = j - 1;
      break;
    case 'ArrowDown':
      ni = i + 1;
      break;
    case 'ArrowUp':
      ni = i - 1;
      break;
    case 'Home':
      nj = 0;
      if (ctrl) ni = 0;
      break;
    case 'End':
      nj = cols - 1;
      if (ctrl) ni = rows - 1;
      break;
    case 'PageUp':
      ni = 0;
      break;
    case 'PageDown':
      ni = rows - 1;
      break;
    default:
      return null;
  }
  return {
    i: Math.min(rows - 1, Math.max(0, ni)),
    j: Math.min(cols - 1, Math.max(0, nj)),
  };
}

/**
 * What a projected plot (d > 3) does with its PCA basis when the vectors change:
 * - `keep`: nothing moved (a new query or highlight): the same basis, nothing to refit later.
 * - `reuse`: one vector moved (a step of an edit or a drag): project with the old basis, so the
 *   axes hold still while the learner works and no eigen-decomposition (about 10 ms at d = 64)
 *   runs per step; the caller refits once the changes pause.
 * - `refit`: nothing to reuse (first fit, other sizes) or several vectors changed at once (a new
 *   seed, sentence or paste), which a stale basis would misrepresent: fit now.
 * Compares the first `dims` values of each row.
 */
export type BasisStep = 'keep' | 'reuse' | 'refit';

export function basisStep(
  prev: readonly ArrayLike<number>[] | null,
  next: readonly ArrayLike<number>[],
  dims: number,
): BasisStep {
  if (!prev || prev.length !== next.length) return 'refit';
  let changed = 0;
  for (let i = 0; i < next.length; i++) {
    const a = prev[i]!;
    const b = next[i]!;
    if (a === b) continue;
    if (a.length < dims || b.length < dims) return 'refit';
    for (let j = 0; j < dims; j++) {
      // Object.is, so a value that stays NaN is no change.
      if (!Object.is(a[j], b[j])) {
        changed += 1;
        break;
      }
    }
    if (changed > 1) return 'refit';
  }
  return changed === 0 ? 'keep' : 'reuse';
}
