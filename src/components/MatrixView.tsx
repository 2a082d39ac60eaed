import { memo, useEffect, useId, useRef, useState } from 'react';
import type { FocusEvent, KeyboardEvent, PointerEvent } from 'react';
import type { Tensor } from '../math/tensor';
import { useTheme } from '../app/theme';
import {
  cellColors,
  colorDomain,
  rampGradient,
  type ColorDomain,
  type ScaleKind,
} from '../view/colors';
import { gridMove } from '../view/plotMath';
import { useScrollCue } from './ScrollBox';
import './MatrixView.css';

/** Which query row i and key column j are pointed at; null for neither. */
export interface MatrixHighlight {
  i: number | null;
  j: number | null;
}

export interface MatrixViewProps {
  /** Visible caption and the table's accessible name. */
  caption: string;
  /** 1-d [n] (shown as one row) or 2-d [r, c]. */
  value: Tensor;
  /** Row headers (query tokens). For 1-d, one optional label; without it there is no row header. */
  rowLabels?: readonly string[];
  /** Column headers (key tokens or dimensions); default 0, 1, 2, ... */
  colLabels?: readonly string[];
  /** Cell text; the lead passes PyTorch's 4-decimal formatter. Default `x.toFixed(4)`. */
  format?: (x: number) => string;
  /** Adds a "sum" column with each row's float32 sum (attention weights' rows sum to 1). */
  rowSums?: boolean;
  /**
   * The shared highlight: row header i, column header j and cell (i, j) are marked. A 1-d value
   * has no rows: it ignores `i` and marks cell j.
   */
  highlight: MatrixHighlight;
  /**
   * Hover or focus of a cell reports {i: row, j: column}; a row header or sum cell {i, j: null}; a
   * column header {i: null, j}; leaving the table {null, null}. A 1-d value always reports i: null
   * (map it to the query index if the row stands for one).
   */
  onHighlight: (h: MatrixHighlight) => void;
  /** 'sequential' for weights, 'diverging' (around 0) for scores; default diverging if any value < 0. */
  scale?: ScaleKind;
  /**
   * Fixes the colour range (e.g. [0, 1] for weights) so colours do not drift while a learner
   * drags; default the values' own range. Diverging scales use [-m, m], m the larger magnitude.
   */
  domain?: readonly [number, number];
}

const defaultFormat = (x: number) => x.toFixed(4);

/** Row r's sum accumulated in float32, as PyTorch sums a float tensor. */
function rowSum(data: Float32Array, r: number, cols: number): number {
  let s = 0;
  for (let c = 0; c < cols; c++) s = Math.fround(s + data[r * cols + c]!);
  return s;
}

function position(el: Element | null, attr: 'r' | 'c'): number | null {
  const raw = el instanceof HTMLElement ? el.dataset[attr] : undefined;
  return raw === undefined ? null : Number(raw);
}

function resolveDomain(
  data: Float32Array,
  scale: ScaleKind | undefined,
  domain: readonly [number, number] | undefined,
): ColorDomain {
  const auto = colorDomain(data, scale);
  if (!domain) return auto;
  if (auto.kind === 'diverging') {
    const m = Math.max(Math.abs(domain[0]), Math.abs(domain[1]));
    return { kind: 'diverging', min: -m, max: m };
  }
  return { kind: 'sequential', min: domain[0], max: domain[1] };
}

/**
 * A matrix or vector as a heatmap table: a real <table> with headers, a colour per cell from a
 * perceptual ramp with text that keeps 4.5:1 contrast, a legend, and one delegated set of
 * handlers (no per-cell closures: it re-renders on every drag step). Cells form one tab stop;
 * the arrow keys, Home/End and PageUp/PageDown move between them.
 */
export const MatrixView = memo(function MatrixView({
  caption,
  value,
  rowLabels,
  colLabels,
  format = defaultFormat,
  rowSums = false,
  highlight,
  onHighlight,
  scale,
  domain,
}: MatrixViewProps) {
  const uid = useId();
  const captionId = `${uid}-caption`;
  const scrollRef = useRef<HTMLDivElement>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const [active, setActive] = useState({ r: 0, c: 0 });
  const [scrolls, setScrolls] = useState(false);
  // Cell colours and the legend come from the active theme: re-render when it switches.
  useTheme();
  useScrollCue(scrollRef);

  // A landmark only when it scrolls: then the region needs a name, otherwise it is noise.
  useEffect(() => {
    const el = scrollRef.current;
    const table = tableRef.current;
    if (!el || !table || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setScrolls(el.scrollWidth > el.clientWidth + 1));
    ro.observe(el);
    ro.observe(table);
    return () => ro.disconnect();
  }, []);

  const oneD = value.shape.length <= 1;
  const cols = oneD ? (value.shape[0] ?? 1) : value.shape[value.shape.length - 1]!;
  const rows = cols === 0 ? 0 : value.data.length / cols;
  const rowHeader = !oneD || rowLabels?.[0] !== undefined;
  const cd = resolveDomain(value.data, scale, domain);
  const ar = Math.min(active.r, rows - 1);
  const ac = Math.min(active.c, cols - 1);
  const hi = oneD ? null : highlight.i;
  const hj = highlight.j;

  function report(r: number | null, c: number | null) {
    const i = oneD ? null : r;
    if (i !== highlight.i || c !== highlight.j) onHighlight({ i, j: c });
  }

  function onPointerOver(e: PointerEvent<HTMLTableElement>) {
    const el = (e.target as Element).closest('[data-r],[data-c]');
    report(position(el, 'r'), position(el, 'c'));
  }

  function onPointerLeave() {
    if (highlight.i !== null || highlight.j !== null) onHighlight({ i: null, j: null });
  }

  function onFocus(e: FocusEvent<HTMLTableElement>) {
    const r = position(e.target, 'r');
    const c = position(e.target, 'c');
    if (r !== null && c !== null && (r !== active.r || c !== active.c)) setActive({ r, c });
    report(r, c);
  }

  function onBlur(e: FocusEvent<HTMLTableElement>) {
    const next = e.relatedTarget;
    if (next instanceof Node && e.currentTarget.contains(next)) return;
    onPointerLeave();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTableElement>) {
    const r = position(e.target as Element, 'r');
    const c = position(e.target as Element, 'c');
    if (r === null || c === null) return;
    const to = gridMove(e, r, c, rows, cols);
    if (!to) return;
    e.preventDefault();
    const cell = tableRef.current?.querySelector<HTMLElement>(
      `td[data-r="${to.i}"][data-c="${to.j}"]`,
    );
    cell?.focus();
  }

  const colHead = (c: number) => colLabels?.[c] ?? String(c);
  const mark = (on: boolean, base: string) => (on ? `${base} is-hl` : base);

  const body = [];
  for (let r = 0; r < rows; r++) {
    const cells = [];
    for (let c = 0; c < cols; c++) {
      const x = value.data[r * cols + c]!;
      const colors = cellColors(x, cd);
      const on = oneD ? hj === c : hi === r && hj === c;
      const band = !on && ((hi === r && hj === null) || (hj === c && (hi === null || oneD)));
      cells.push(
        <td
          key={c}
          data-r={r}
          data-c={c}
          tabIndex={r === ar && c === ac ? 0 : -1}
          className={on ? 'mv-cell is-hl' : band ? 'mv-cell is-band' : 'mv-cell'}
          style={{ backgroundColor: colors.background, color: colors.color }}
        >
          {format(x)}
        </td>,
      );
    }
    body.push(
      <tr key={r}>
        {rowHeader && (
          <th scope="row" data-r={r} className={mark(hi === r, 'mv-rowhead')}>
            {rowLabels?.[r] ?? String(r)}
          </th>
        )}
        {cells}
        {rowSums && (
          <td className="mv-sum" data-r={r}>
            {format(rowSum(value.data, r, cols))}
          </td>
        )}
      </tr>,
    );
  }

  const minText = format(cd.min);
  const maxText = format(cd.max);
  const diverging = cd.kind === 'diverging';
  // Masked scores (-inf) and the like sit outside the ramp, on a neutral grey: the legend says so.
  const offScale = [...new Set(Array.from(value.data).filter((x) => !Number.isFinite(x)))]
    .map(format)
    .join(', ');
  const neutral = cellColors(NaN, cd);

  return (
    <div className="mv">
      <div
        ref={scrollRef}
        className={scrolls ? 'mv-scroll is-scrollable' : 'mv-scroll'}
        role={scrolls ? 'region' : undefined}
        aria-labelledby={scrolls ? captionId : undefined}
      >
        <table
          ref={tableRef}
          className="mv-table"
          onPointerOver={onPointerOver}
          onPointerLeave={onPointerLeave}
          onFocus={onFocus}
          onBlur={onBlur}
          onKeyDown={onKeyDown}
        >
          <caption id={captionId}>
            <span className="mv-caption-text">{caption}</span>
          </caption>
          <thead>
            <tr>
              {rowHeader && <td className="mv-corner" />}
              {Array.from({ length: cols }, (_, c) => (
                <th key={c} scope="col" data-c={c} className={mark(hj === c, 'mv-colhead')}>
                  {colHead(c)}
                </th>
              ))}
              {rowSums && (
                <th scope="col" className="mv-sumhead">
                  sum
                </th>
              )}
            </tr>
          </thead>
          <tbody>{body}</tbody>
        </table>
      </div>
      <div
        className="mv-legend"
        role="img"
        aria-label={`colour scale from ${minText} to ${maxText}${diverging ? ', white at 0' : ''}${offScale ? `; grey cells: ${offScale}` : ''}`}
      >
        <span className="mv-legend-bar" style={{ backgroundImage: rampGradient(cd.kind) }} />
        <span className="mv-legend-min">{minText}</span>
        {diverging && <span className="mv-legend-mid">0</span>}
        <span className="mv-legend-max">{maxText}</span>
        {offScale && (
          <span className="mv-legend-off">
            <span className="mv-legend-swatch" style={{ backgroundColor: neutral.background }} />
            {offScale}
          </span>
        )}
      </div>
    </div>
  );
});
