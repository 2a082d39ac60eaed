/**
 * The pure geometry behind the 3-D vector plot: the matplotlib view, the plot box and its axes,
 * the tip-to-tail sum of weighted vectors, and the choices a drag makes. Plain numbers, no three.js
 * and no DOM, so it is tested in Node.
 *
 * Scene space: the plot box is centred on the origin and has matplotlib's default box aspect
 * (4 : 4 : 3, so [-0.5, 0.5] x [-0.5, 0.5] x [-0.375, 0.375]) whatever the data range; Z is up,
 * as in matplotlib.
 */
import { niceDomain, ticksOf, type AxisDomain } from '../view/plotMath';

export type Vec3 = [number, number, number];

/** matplotlib's default 3-D view: `ax.view_init(elev=30, azim=-60)`. */
export const DEFAULT_AZIM = -60;
export const DEFAULT_ELEV = 30;

/**
 * Where the camera sits relative to what it looks at, for an azimuth and elevation in degrees
 * (matplotlib's convention: azimuth from +X towards +Y, elevation above the XY plane).
 */
export function viewOffset(azimDeg: number, elevDeg: number, dist: number): Vec3 {
  const a = (azimDeg * Math.PI) / 180;
  const e = (elevDeg * Math.PI) / 180;
  return [dist * Math.cos(e) * Math.cos(a), dist * Math.cos(e) * Math.sin(a), dist * Math.sin(e)];
}

/**
 * Camera distance at which a sphere of `radius` just fits a perspective view of vertical field
 * `fovDeg` and the given aspect (width / height), with `margin` (> 1) to spare.
 */
export function fitDistance(radius: number, fovDeg: number, aspect: number, margin = 1): number {
  const half = (fovDeg * Math.PI) / 360;
  const vertical = Math.tan(half);
  const horizontal = vertical * Math.min(1, aspect);
  return (radius * margin) / Math.sin(Math.atan(horizontal));
}

/**
 * The shared range of the three axes: the notebooks' [0, 1] (`set_xlim([0, 1])` and so on), grown
 * to nice multiples when a finite coordinate leaves it. One range for all three keeps the box a
 * cube, so angles and lengths look as they are (what a dot product is about).
 */
export function cubeDomain(values: readonly ArrayLike<number>[], dims = 3): AxisDomain {
  let lo = 0;
  let hi = 1;
  for (const v of values) {
    for (let k = 0; k < dims; k++) {
      const x = v[k];
      if (x === undefined || !Number.isFinite(x)) continue;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  return niceDomain(lo, hi);
}

/**
 * The box's size along X, Y, Z in scene units: matplotlib's default `set_box_aspect((4, 4, 3))`.
 * One data range serves all three axes, so Z is drawn at 3/4 the scale of X and Y, as in the
 * notebooks' figures.
 */
export const BOX: Vec3 = [1, 1, 0.75];

/** A data coordinate on scene axis `axis` for a domain: lo -> -BOX/2, hi -> BOX/2. */
export function toSceneCoord(v: number, d: AxisDomain, axis = 0): number {
  return ((v - d.lo) / (d.hi - d.lo) - 0.5) * BOX[axis]!;
}

/** Inverse of `toSceneCoord`. */
export function toDataCoord(s: number, d: AxisDomain, axis = 0): number {
  return (s / BOX[axis]! + 0.5) * (d.hi - d.lo) + d.lo;
}

/**
 * The points of the weighted sum drawn tip to tail: p_0 = 0, p_i = p_{i-1} + w_i x_i, so the last
 * point is the context vector sum_i w_i x_i. `rows[i]` holds at least `dims` coordinates.
 * Written into `out` (length (n + 1) * dims) so a drag makes no garbage.
 */
export function chainPoints(
  weights: ArrayLike<number>,
  rows: readonly ArrayLike<number>[],
  dims: number,
  out: Float64Array,
): Float64Array {
  const n = Math.min(weights.length, rows.length);
  for (let k = 0; k < dims; k++) out[k] = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] ?? 0;
    const r = rows[i]!;
    for (let k = 0; k < dims; k++) out[(i + 1) * dims + k] = out[i * dims + k]! + w * (r[k] ?? 0);
  }
  return out;
}

/**
 * How an arrow shows its attention weight (the `weightOpacity` option): opacity and a width
 * factor, from faint and thin at weight 0 to solid and full width at the largest weight. In
 * proportion to the largest weight (not stretched between the smallest and the largest), so
 * nearly equal weights look nearly equal, as they are.
 */
export function weightStyle(w: number, maxW: number): { opacity: number; width: number } {
  const t = maxW > 0 && Number.isFinite(w) ? Math.min(1, Math.max(0, w / maxW)) : 0;
  return { opacity: 0.15 + 0.85 * t, width: 0.4 + 0.6 * t };
}

/**
 * The axis (0 X, 1 Y, 2 Z) whose direction on screen is most aligned with a pointer motion
 * (dx, dy in pixels): Shift-drag moves along it. `axes[k]` is axis k's direction on screen
 * (any length); an axis seen end-on (near-zero length) is never chosen when another one is usable.
 */
export function alignedAxis(
  dx: number,
  dy: number,
  axes: readonly (readonly [number, number])[],
): number {
  const m = Math.hypot(dx, dy);
  let best = 0;
  let bestScore = -1;
  axes.forEach(([ax, ay], k) => {
    const len = Math.hypot(ax, ay);
    if (!(len > 1e-9)) return;
    const score = m > 0 ? Math.abs(dx * ax + dy * ay) / (m * len) : len;
    if (score > bestScore) {
      best = k;
      bestScore = score;
    }
  });
  return best;
}

/**
 * The parameter t of the point p0 + t * dir on a line closest to a ray (origin o, direction r):
 * where a Shift-drag along one axis puts the tip for a pointer ray. Null when the ray runs
 * parallel to the line.
 */
export function closestOnLine(p0: Vec3, dir: Vec3, o: Vec3, r: Vec3): number | null {
  const w: Vec3 = [p0[0] - o[0], p0[1] - o[1], p0[2] - o[2]];
  const a = dot(dir, dir);
  const b = dot(dir, r);
  const c = dot(r, r);
  const d = dot(dir, w);
  const e = dot(r, w);
  const den = a * c - b * b;
  if (!(Math.abs(den) > 1e-12 * a * c)) return null;
  return (b * e - c * d) / den;
}

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];

/**
 * The `center.x` for a sprite label that keeps it on the canvas. The label is `width` wide and
 * anchored at `x` (both in normalised device coordinates, -1 to 1 across the canvas) by its
 * preferred `centerX` (the anchor's place along the label: 0 its left edge, 1 its right, beyond
 * for a gap). One that would run off the right edge goes to the anchor's other side; one that fits
 * on neither side slides as far as it must. `margin` keeps it that far from the edges.
 */
export function labelCenterX(x: number, width: number, centerX: number, margin = 0): number {
  if (!(width > 0) || !Number.isFinite(x)) return centerX;
  const lo = -1 + margin;
  const hi = 1 - margin;
  const fits = (cx: number) => x - cx * width >= lo && x + (1 - cx) * width <= hi;
  if (fits(centerX)) return centerX;
  const flipped = 1 - centerX;
  if (fits(flipped)) return flipped;
  const left = Math.max(lo, Math.min(hi - width, x - centerX * width));
  return (x - left) / width;
}

/** One axis line of the box, with its ticks: where it runs and which way its labels go. */
export interface AxisLine {
  /** 0 X, 1 Y, 2 Z: the coordinate that varies along the line. */
  axis: number;
  /** The line's fixed coordinates (scene units); entry `axis` is ignored. */
  at: Vec3;
  /** Unit direction, away from the box, in which ticks point and labels sit. */
  out: Vec3;
}

/** Where the panes and axes go for a camera position (relative to the box centre). */
export interface BoxLayout {
  /** For each axis, the coordinate (±BOX/2) of its pane: the far side from the camera. */
  panes: Vec3;
  axes: [AxisLine, AxisLine, AxisLine];
}

/**
 * matplotlib's layout: each pane on the far side of the box from the camera, so it never hides
 * the arrows; X and Y ticks along the floor's two near edges; Z ticks up the vertical edge that
 * is rightmost on screen. `right` is the camera's right direction (for choosing that edge).
 */
export function boxLayout(camera: Vec3, right: Vec3): BoxLayout {
  const s = camera.map((c) => (c < 0 ? -1 : 1)) as Vec3;
  const far = s.map((v, k) => -0.5 * v * BOX[k]!) as Vec3;
  const near = s.map((v, k) => 0.5 * v * BOX[k]!) as Vec3;
  // The two vertical edges on the box's silhouette; Z goes on the one further right.
  const e1: Vec3 = [near[0], far[1], 0];
  const e2: Vec3 = [far[0], near[1], 0];
  const zEdge = dot(e1, right) > dot(e2, right) ? e1 : e2;
  const zOut = normalise([zEdge[0], zEdge[1], 0]);
  return {
    panes: far,
    axes: [
      { axis: 0, at: [0, near[1], far[2]], out: [0, s[1], 0] },
      { axis: 1, at: [near[0], 0, far[2]], out: [s[0], 0, 0] },
      { axis: 2, at: [zEdge[0], zEdge[1], 0], out: zOut },
    ],
  };
}

function normalise(v: Vec3): Vec3 {
  const l = Math.hypot(v[0], v[1], v[2]) || 1;
  return [v[0] / l, v[1] / l, v[2] / l];
}

/** A key for a layout, so the scene rebuilds its axes only when the layout really changes. */
export function layoutKey(l: BoxLayout): string {
  return [...l.panes, l.axes[2].at[0], l.axes[2].at[1]].join(',');
}

/** The ticks of a domain with their scene positions along X, Y and Z. */
export function sceneTicks(d: AxisDomain): { value: number; at: Vec3 }[] {
  return ticksOf(d).map((value) => ({
    value,
    at: [toSceneCoord(value, d, 0), toSceneCoord(value, d, 1), toSceneCoord(value, d, 2)],
  }));
}
