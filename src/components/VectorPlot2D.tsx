import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, PointerEvent, FocusEvent } from 'react';
import { useTheme } from '../theme';
import { needsCasing, plotColor, readableOn } from '../view/colors';
import {
  arrowGeometry,
  axisPairs,
  copyCoords,
  defaultAxisNames,
  depthAxis,
  describeVector,
  formatTick,
  keyMove,
  movedCoords,
  placeLabels,
  plotDomain,
  roundCoord,
  ticksOf,
  toData,
  toScreen,
  type AxisDomain,
} from '../view/plotMath';
import './VectorPlot2D.css';

/** One arrow from the origin. */
export interface PlotVector {
  /** The token, drawn at the tip as plain SVG text. */
  label: string;
  /** Arrow colour as `#rrggbb` (use `quiverColor(i)` / `CONTEXT_COLOR` from colors.ts). */
  color: string;
  /** The full d-dimensional coordinates; the plot shows two of them. */
  values: ArrayLike<number>;
  /** Whether the learner can move the tip (false for derived vectors such as the context vector). */
  draggable: boolean;
  /** Drawn thicker (the query). */
  emphasis?: boolean;
}

export interface VectorPlot2DProps {
  /** Shown as the figure's caption, e.g. "3D Plot of Word Embeddings with Colored Vectors". */
  title: string;
  vectors: readonly PlotVector[];
  /** d, the length of every vector's `values` (d >= 2). */
  dims: number;
  /**
   * Called on every drag step and key press with the vector's index and its new full coordinates
   * (only the moved axes change; values rounded to 3 decimals, clamped to ±1000). The plot keeps no
   * copy: it shows what `vectors` says.
   */
  onMove: (index: number, next: number[]) => void;
  /** Index of the vector to emphasise (e.g. the hovered token), or null. */
  highlight: number | null;
  /** Hover or focus of a vector (null when the pointer leaves or focus moves out). */
  onHighlight: (index: number | null) => void;
  /** Axis names, default ['X', 'Y', 'Z', 'dim 4', ...]. */
  axisNames?: readonly string[];
  /**
   * Nothing can be moved (a classroom link turned editing off): no tips to drag or focus, no key
   * moves, and the plot says so. Choosing the axes still works.
   */
  readOnly?: boolean;
}

// Geometry in viewBox units. The plot area is square so both axes share one scale.
const VB = 440;
const LEFT = 56;
const TOP = 16;
const SIZE = 364;
const RIGHT = LEFT + SIZE;
const BOTTOM = TOP + SIZE;
const HEAD_LENGTH = 13;
const HEAD_WIDTH = 9;
const HIT_RADIUS = 22;
const LABEL_LINE = 20;
// Estimated width of a label character: generous enough for the larger phone font (18px).
const LABEL_CHAR = 10.5;

interface Drag {
  index: number;
  pointerId: number;
  /** Tip minus pointer at grab time, so the tip does not jump to the pointer. */
  dx: number;
  dy: number;
  /** Coordinates at grab time, restored by Escape. */
  start: number[];
}

function svgPoint(svg: SVGSVGElement, clientX: number, clientY: number) {
  const m = svg.getScreenCTM();
  if (!m) return null;
  return new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
}

function indexOf(target: EventTarget | null, selector: string): number | null {
  if (!(target instanceof Element)) return null;
  const el = target.closest<SVGElement>(selector);
  const raw = el?.dataset.index;
  return raw === undefined ? null : Number(raw);
}

const finite = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v);

/**
 * Token vectors as arrows from the origin on two chosen axes, with draggable tips: the
 * notebooks' 3D quiver plots made explorable. Controlled: it draws `vectors` and reports moves.
 * Keyboard: each draggable tip is a focusable slider; arrows move it, Shift is coarse, Alt fine.
 */
export function VectorPlot2D({
  title,
  vectors,
  dims,
  onMove,
  highlight,
  onHighlight,
  axisNames,
  readOnly = false,
}: VectorPlot2DProps) {
  // Arrow and label colours depend on the theme: re-render when it switches.
  useTheme();
  const uid = useId();
  const helpId = `${uid}-help`;
  const svgRef = useRef<SVGSVGElement>(null);
  const dragRef = useRef<Drag | null>(null);

  const names = useMemo(() => {
    const base = defaultAxisNames(dims);
    return axisNames ? base.map((n, k) => axisNames[k] ?? n) : base;
  }, [axisNames, dims]);
  const pairs = useMemo(() => axisPairs(Math.max(2, dims)), [dims]);
  const [pairIndex, setPairIndex] = useState(0);
  const [ax, ay] = pairs[pairIndex] ?? pairs[0]!;
  const depth = depthAxis(dims, ax, ay);
  const movable = (v: PlotVector) => v.draggable && !readOnly;

  // A touch that starts on a tip drags it instead of scrolling the page. The tips' `touch-action:
  // none` says so, but support for it on SVG children varies; a non-passive touchstart listener is
  // dependable, and React's touch listeners are passive, so this one is added by hand.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const stop = (e: TouchEvent) => {
      if (e.target instanceof Element && e.target.closest('[data-drag]')) e.preventDefault();
    };
    svg.addEventListener('touchstart', stop, { passive: false });
    return () => svg.removeEventListener('touchstart', stop);
  }, []);

  // During a drag the axes stay as they were when the tip was grabbed, so the tip stays under the
  // pointer (rescaling while the pointer moves would feed back into the mapping and run away);
  // a tip pulled out of the box refits the axes when it is let go.
  const [drag, setDrag] = useState<{ index: number; hold: AxisDomain } | null>(null);
  const domain = drag ? drag.hold : plotDomain(vectors, ax, ay);
  const sx = (v: number) => toScreen(v, domain.lo, domain.hi, LEFT, RIGHT);
  const sy = (v: number) => toScreen(v, domain.lo, domain.hi, BOTTOM, TOP);
  const ticks = ticksOf(domain);
  const ox = sx(0);
  const oy = sy(0);

  const tips = vectors.map((v) => {
    const x = v.values[ax];
    const y = v.values[ay];
    const ok = finite(x) && finite(y);
    return { ok, x: ok ? sx(x) : ox, y: ok ? sy(y) : oy };
  });
  const labels = placeLabels(
    tips.map((t, k) => ({ x: t.x, y: t.y, ox, oy, chars: vectors[k]!.label.length })),
    {
      left: 2,
      right: VB - 2,
      top: 0,
      bottom: VB - 4,
      lineHeight: LABEL_LINE,
      charWidth: LABEL_CHAR,
    },
  );

  function nearestTip(x: number, y: number): number | null {
    let best: number | null = null;
    let bestDist = Infinity;
    vectors.forEach((v, k) => {
      const t = tips[k]!;
      if (!movable(v) || !t.ok) return;
      const dist = Math.hypot(t.x - x, t.y - y);
      if (dist <= HIT_RADIUS + 1 && dist < bestDist) {
        best = k;
        bestDist = dist;
      }
    });
    return best;
  }

  function endDrag() {
    dragRef.current = null;
    setDrag(null);
  }

  function onPointerDown(e: PointerEvent<SVGSVGElement>) {
    const svg = svgRef.current;
    if (indexOf(e.target, '[data-drag]') === null || !svg) return;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    const p = svgPoint(svg, e.clientX, e.clientY);
    if (!p) return;
    // Hit circles are generous and tips can nearly coincide (journey and starts): grab the tip
    // nearest the pointer, not whichever circle happens to be drawn on top.
    const index = nearestTip(p.x, p.y);
    const v = index === null ? undefined : vectors[index];
    if (index === null || !v) return;
    const tip = tips[index]!;
    e.preventDefault(); // no text selection, no scrolling; focus is set below instead
    const target =
      svg.querySelector<SVGElement>(`.vp-hit[data-index="${index}"]`) ?? (e.target as SVGElement);
    target.setPointerCapture(e.pointerId);
    target.focus({ preventScroll: true });
    dragRef.current = {
      index,
      pointerId: e.pointerId,
      dx: tip.x - p.x,
      dy: tip.y - p.y,
      start: copyCoords(v.values, dims),
    };
    setDrag({ index, hold: domain });
    if (highlight !== index) onHighlight(index);
  }

  function onPointerMove(e: PointerEvent<SVGSVGElement>) {
    const d = dragRef.current;
    const svg = svgRef.current;
    if (!d || e.pointerId !== d.pointerId || !svg) return;
    const v = vectors[d.index];
    const p = svgPoint(svg, e.clientX, e.clientY);
    if (!v || !p) return;
    const x = roundCoord(toData(p.x + d.dx, domain.lo, domain.hi, LEFT, RIGHT));
    const y = roundCoord(toData(p.y + d.dy, domain.lo, domain.hi, BOTTOM, TOP));
    if (x === v.values[ax] && y === v.values[ay]) return;
    const next = copyCoords(v.values, dims);
    next[ax] = x;
    next[ay] = y;
    onMove(d.index, next);
  }

  function onPointerEnd(e: PointerEvent<SVGSVGElement>) {
    if (dragRef.current?.pointerId === e.pointerId) endDrag();
  }

  function onPointerOver(e: PointerEvent<SVGSVGElement>) {
    if (dragRef.current) return;
    const index = indexOf(e.target, '[data-index]');
    if (index !== highlight) onHighlight(index);
  }

  function onPointerLeave() {
    if (!dragRef.current && highlight !== null) onHighlight(null);
  }

  function onFocus(e: FocusEvent<SVGSVGElement>) {
    const index = indexOf(e.target, '[data-index]');
    if (index !== null && index !== highlight) onHighlight(index);
  }

  function onBlur(e: FocusEvent<SVGSVGElement>) {
    if (dragRef.current) return;
    const next = e.relatedTarget;
    if (!(next instanceof Node && e.currentTarget.contains(next)) && highlight !== null) {
      onHighlight(null);
    }
  }

  function onKeyDown(e: KeyboardEvent<SVGSVGElement>) {
    const index = indexOf(e.target, '[data-drag]');
    const v = index === null ? undefined : vectors[index];
    if (index === null || !v || !movable(v)) return;
    const d = dragRef.current;
    if (e.key === 'Escape' && d) {
      e.preventDefault();
      onMove(d.index, d.start);
      const el = e.target as SVGElement;
      if (el.hasPointerCapture(d.pointerId)) el.releasePointerCapture(d.pointerId);
      endDrag();
      return;
    }
    const mv = keyMove(e, dims, ax, ay);
    if (!mv) return;
    e.preventDefault(); // arrows and Page keys would scroll the page
    onMove(index, movedCoords(v.values, dims, mv.axis, mv.delta));
  }

  const axisLabel = (k: number) => names[k] ?? `dim ${k + 1}`;
  const help = readOnly
    ? "Read-only: the vectors cannot be moved here. Each vector's coordinates are listed below."
    : `Drag a tip, or focus it and use the arrow keys: left and right move ${axisLabel(ax)}, ` +
      `up and down move ${axisLabel(ay)}` +
      (depth !== null ? `, Page Up and Page Down move ${axisLabel(depth)}` : '') +
      '. Shift moves 0.1, Alt 0.001, otherwise 0.01.';

  const origin = 0 >= domain.lo && 0 <= domain.hi;

  return (
    <figure className="vp">
      <figcaption className="vp-title">{title}</figcaption>
      <div className="vp-controls">
        <label className="vp-axes">
          Axes{' '}
          <select
            value={pairIndex < pairs.length ? pairIndex : 0}
            onChange={(e) => {
              setPairIndex(Number(e.target.value));
              endDrag();
            }}
          >
            {pairs.map(([a, b], k) => (
              <option key={`${a}-${b}`} value={k}>
                {axisLabel(a)}–{axisLabel(b)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <svg
        ref={svgRef}
        className={drag ? 'vp-svg is-dragging' : 'vp-svg'}
        viewBox={`0 0 ${VB} ${VB}`}
        role="group"
        aria-label={
          `Vectors on axes ${axisLabel(ax)} and ${axisLabel(ay)}` + (readOnly ? ', read-only' : '')
        }
        aria-describedby={helpId}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
        onLostPointerCapture={onPointerEnd}
        onPointerOver={onPointerOver}
        onPointerLeave={onPointerLeave}
        onFocus={onFocus}
        onBlur={onBlur}
        onKeyDown={onKeyDown}
      >
        <g aria-hidden="true">
          <rect className="vp-frame" x={LEFT} y={TOP} width={SIZE} height={SIZE} />
          {ticks.map((t) => (
            <g key={t}>
              <line className="vp-grid" x1={sx(t)} x2={sx(t)} y1={TOP} y2={BOTTOM} />
              <line className="vp-grid" x1={LEFT} x2={RIGHT} y1={sy(t)} y2={sy(t)} />
              <text className="vp-tick" x={sx(t)} y={BOTTOM + 16} textAnchor="middle">
                {formatTick(t, domain.step)}
              </text>
              <text className="vp-tick" x={LEFT - 6} y={sy(t) + 4} textAnchor="end">
                {formatTick(t, domain.step)}
              </text>
            </g>
          ))}
          {origin && (
            <>
              <line className="vp-zero" x1={ox} x2={ox} y1={TOP} y2={BOTTOM} />
              <line className="vp-zero" x1={LEFT} x2={RIGHT} y1={oy} y2={oy} />
            </>
          )}
          <text className="vp-axis-name" x={LEFT + SIZE / 2} y={BOTTOM + 40} textAnchor="middle">
            {axisLabel(ax)}
          </text>
          <text
            className="vp-axis-name"
            transform={`translate(${LEFT - 40} ${TOP + SIZE / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {axisLabel(ay)}
          </text>
        </g>

        <g aria-hidden="true">
          {vectors.map((v, k) => {
            const t = tips[k]!;
            if (!t.ok) return null;
            const hl = highlight === k;
            const width = (v.emphasis ? 3.5 : 2) + (hl ? 1.5 : 0);
            const g = arrowGeometry(ox, oy, t.x, t.y, HEAD_LENGTH + width, HEAD_WIDTH + width);
            const casing = needsCasing(v.color) ? readableOn(v.color) : null;
            const color = plotColor(v.color);
            const l = labels[k]!;
            return (
              <g
                key={k}
                data-index={k}
                className={
                  hl ? 'vp-vec is-highlight' : v.emphasis ? 'vp-vec is-emphasis' : 'vp-vec'
                }
              >
                {hl && (
                  <line className="vp-glow" x1={ox} y1={oy} x2={t.x} y2={t.y} stroke={color} />
                )}
                <line className="vp-hover" x1={ox} y1={oy} x2={t.x} y2={t.y} />
                {casing && (
                  <line
                    x1={ox}
                    y1={oy}
                    x2={g.shaftX}
                    y2={g.shaftY}
                    stroke={casing}
                    strokeWidth={width + 2}
                  />
                )}
                <line
                  x1={ox}
                  y1={oy}
                  x2={g.shaftX}
                  y2={g.shaftY}
                  stroke={color}
                  strokeWidth={width}
                />
                {g.head && (
                  <polygon
                    points={g.head}
                    fill={color}
                    stroke={casing ?? color}
                    strokeWidth={1}
                    strokeLinejoin="round"
                  />
                )}
                <text
                  className="vp-label"
                  x={l.x}
                  y={l.y}
                  textAnchor={l.anchor}
                  fill={readableOn(v.color)}
                >
                  {v.label}
                </text>
              </g>
            );
          })}
        </g>

        <g>
          {vectors.map((v, k) => {
            const t = tips[k]!;
            if (!movable(v) || !t.ok) return null;
            return (
              <g key={k} className="vp-handle">
                <circle
                  className="vp-knob"
                  cx={t.x}
                  cy={t.y}
                  r={5}
                  stroke={needsCasing(v.color) ? readableOn(v.color) : plotColor(v.color)}
                  aria-hidden="true"
                />
                <circle
                  className="vp-hit"
                  data-index={k}
                  data-drag=""
                  cx={t.x}
                  cy={t.y}
                  r={HIT_RADIUS}
                  tabIndex={0}
                  role="slider"
                  aria-label={`${v.label} vector`}
                  aria-valuetext={describeVector(v.label, v.values, dims, names)}
                  aria-valuenow={roundCoord(v.values[ax] ?? 0)}
                  aria-valuemin={-1000}
                  aria-valuemax={1000}
                />
                <g className="vp-ring" aria-hidden="true">
                  <circle cx={t.x} cy={t.y} r={12} className="vp-ring-outer" />
                  <circle cx={t.x} cy={t.y} r={12} className="vp-ring-inner" />
                </g>
              </g>
            );
          })}
        </g>
      </svg>
      <p className="vp-help" id={helpId}>
        {help}
      </p>
      <ul className="vp-sr" aria-label="Vectors">
        {vectors.map((v, k) => (
          <li key={k}>{describeVector(v.label, v.values, dims, names)}</li>
        ))}
      </ul>
    </figure>
  );
}
