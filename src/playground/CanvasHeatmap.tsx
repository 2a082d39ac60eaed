/**
 * A large matrix as one <canvas> heatmap (not thousands of DOM cells): colours from colors.ts,
 * drawn at devicePixelRatio. Hover or keyboard focus shows a read-out line, also announced in an
 * aria-live region; the canvas is focusable and the arrow keys move a cursor cell. Row labels sit
 * to the left (and stay there when the figure scrolls sideways), column labels above, rotated;
 * when cells are too small for a line of text only every k-th shows (see visibleLabels), and the
 * read-out always gives the full labels. The query row is outlined and its label marked.
 */
import { memo, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  cellColors,
  colorDomain,
  PALETTES,
  parseHex,
  type ColorDomain,
  type ScaleKind,
  type Theme,
} from '../view/colors';
import type { Tensor } from '../math/tensor';
import { useTheme } from '../app/theme';
import {
  backingSize,
  cellAt,
  cellSize,
  fillCells,
  fitLabel,
  LABEL_ROOM,
  moveCursor,
  PALETTE_SIZE,
  type Palette,
  readout,
  visibleLabels,
  type Cell,
} from '../view/heatmap';

export interface CanvasHeatmapProps {
  caption: string;
  value: Tensor;
  rowLabels: readonly string[];
  colLabels: readonly string[];
  scale?: ScaleKind;
  /** The cursor moved (keyboard or click), e.g. to pick a cell to edit. */
  onSelect?: (cell: Cell) => void;
  /** The query token's row, outlined on the canvas and marked among the row labels. */
  queryRow?: number;
  /**
   * A cell chosen (a click, or Enter or Space on the keyboard cursor), e.g. a row's training goal;
   * with it the heatmap says how to choose.
   */
  onPick?: (cell: Cell) => void;
  /** One marked column per row (a training goal: a ringed dot), or none. */
  marks?: readonly number[] | null;
  /** What a mark means, for the read-out and the canvas's name (e.g. "the goal"). */
  markName?: string;
}

/**
 * Both canvases are drawn by the CPU, never by the GPU: they are small and rewritten whole from
 * the CPU on every edit, the case a GPU canvas serves worst. There every putImageData and
 * drawImage is a pixel upload queued to the GPU process, which a later frame of the page must
 * wait for; with software-rendered graphics those uploads held frames up by 50–120 ms.
 */
const SOFTWARE: CanvasRenderingContext2DSettings = { willReadFrequently: true };

export const CanvasHeatmap = memo(function CanvasHeatmap(props: CanvasHeatmapProps) {
  const { caption, value, rowLabels, colLabels, scale, onSelect, queryRow, onPick, marks } = props;
  const markName = props.markName ?? 'marked';
  const [rows, cols] = value.shape as [number, number];
  const size = cellSize(rows, cols);
  const ref = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState<Cell | null>(null);
  const [hover, setHover] = useState<Cell | null>(null);
  const id = useId();
  const domain = useMemo(() => colorDomain(value.data, scale), [value, scale]);
  // Redrawn in the other theme's ramps and marks when the theme switches.
  const theme = useTheme();
  const shown = hover ?? cursor;
  const inRange = (c: Cell | null) => c !== null && c.r < rows && c.c < cols;

  // The cells as an image of one pixel per cell, in a canvas of its own, rebuilt only when the
  // values or colours change: 4,096 fillRects per matrix per edit were most of a 64 × 64
  // playground's frame (and of the GPU process's, which rasterises on the CPU when the graphics
  // are software-rendered).
  const cells = useRef<HTMLCanvasElement | null>(null);

  // A heatmap out of view (the playground's matrices sit far below the embeddings a learner
  // drags) is not redrawn at all until it comes near the viewport: redrawing it after each edit's
  // frame still cost a second frame per edit (the canvas's part of the page is painted again).
  // Near means within half a viewport, so it is drawn before it shows.
  const near = useRef(true);
  const pending = useRef<{ cells?: () => void; marks?: () => void }>({});
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || typeof IntersectionObserver === 'undefined') return;
    const io = new IntersectionObserver(
      (entries) => {
        for (const e of entries) near.current = e.isIntersecting;
        if (!near.current) return;
        // The cells first: the marks draw them scaled up.
        const { cells: drawCells, marks } = pending.current;
        pending.current = {};
        drawCells?.();
        marks?.();
      },
      { rootMargin: '50% 0px' },
    );
    io.observe(canvas);
    return () => io.disconnect();
  }, []);
  const whenNear = (part: 'cells' | 'marks', draw: () => void) => {
    if (near.current) {
      delete pending.current[part];
      draw();
    } else {
      pending.current[part] = draw;
    }
  };
  useEffect(
    () =>
      whenNear('cells', () => {
        const canvas = (cells.current ??= document.createElement('canvas'));
        if (canvas.width !== cols) canvas.width = cols;
        if (canvas.height !== rows) canvas.height = rows;
        const ctx = canvas.getContext('2d', SOFTWARE);
        if (!ctx || rows === 0 || cols === 0) return;
        const img = ctx.createImageData(cols, rows);
        fillCells(img.data, value.data, paletteFor(domain.kind, theme), domain);
        ctx.putImageData(img, 0, 0);
      }),
    [value, domain, rows, cols, theme],
  );

  useEffect(
    () =>
      whenNear('marks', () => {
        const canvas = ref.current;
        if (!canvas) return;
        const ctx = canvas.getContext('2d', SOFTWARE);
        if (!ctx) return;
        const { width, height, ratio } = backingSize(
          cols * size,
          rows * size,
          window.devicePixelRatio,
        );
        if (canvas.width !== width) canvas.width = width;
        if (canvas.height !== height) canvas.height = height;
        ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
        ctx.clearRect(0, 0, cols * size, rows * size);
        // Scaled up with hard edges: every cell a solid square, as fillRect drew it.
        ctx.imageSmoothingEnabled = false;
        if (cells.current) ctx.drawImage(cells.current, 0, 0, cols * size, rows * size);
        const mark = (cell: Cell | null, color: string) => {
          if (!cell || cell.r >= rows || cell.c >= cols) return;
          ctx.strokeStyle = color;
          ctx.lineWidth = 2;
          ctx.strokeRect(cell.c * size + 1, cell.r * size + 1, size - 2, size - 2);
        };
        // The query row: a light halo under an ink line, so it shows on every ramp colour.
        if (queryRow !== undefined && queryRow >= 0 && queryRow < rows) {
          const y = queryRow * size;
          ctx.lineWidth = 4;
          ctx.strokeStyle = PALETTES[theme].panel;
          ctx.strokeRect(1, y + 1, cols * size - 2, size - 2);
          ctx.lineWidth = 2;
          ctx.strokeStyle = PALETTES[theme].ink;
          ctx.strokeRect(1, y + 1, cols * size - 2, size - 2);
        }
        // Marked cells (a goal per row): a dot ringed in the panel's colour, on every ramp colour.
        if (marks) {
          const radius = Math.max(2, size * 0.22);
          marks.forEach((c, r) => {
            if (r >= rows || c < 0 || c >= cols) return;
            ctx.beginPath();
            ctx.arc(c * size + size / 2, r * size + size / 2, radius, 0, 2 * Math.PI);
            ctx.fillStyle = PALETTES[theme].ink;
            ctx.fill();
            ctx.lineWidth = Math.max(1, size * 0.1);
            ctx.strokeStyle = PALETTES[theme].panel;
            ctx.stroke();
          });
        }
        mark(hover, PALETTES[theme].ink);
        mark(cursor, PALETTES[theme].cursor);
      }),
    // value and domain: the effect above has just redrawn the cells, or left them for later
    // with these marks.
    [value, domain, rows, cols, size, hover, cursor, theme, queryRow, marks],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    if (onPick && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      onPick(inRange(cursor) ? cursor! : { r: 0, c: 0 });
      return;
    }
    const next = moveCursor(inRange(cursor) ? cursor! : { r: 0, c: 0 }, e.key, rows, cols);
    if (!next) return;
    e.preventDefault();
    setCursor(next);
    onSelect?.(next);
  };

  const isMarked = (c: Cell) => marks?.[c.r] === c.c;
  const text = inRange(shown)
    ? readout(shown!, value.data[shown!.r * cols + shown!.c]!, rowLabels, colLabels) +
      (isMarked(shown!) ? ` (${markName} of this row)` : '')
    : 'Point at a cell or focus the heatmap and use the arrow keys to read a value.';
  const pickNote = onPick ? ' Click a cell, or press Enter on it, to choose it.' : '';
  const marksNote = marks ? ` Dots mark ${markName} of each row.` : '';
  const query = queryRow !== undefined && queryRow >= 0 && queryRow < rows ? queryRow : null;
  const pointed = inRange(shown) ? shown! : null;
  const queryNote =
    query === null
      ? ''
      : ` The query's row, row ${query + 1} (${rowLabels[query] ?? ''}), is outlined.`;

  return (
    <figure className="canvas-heatmap">
      <figcaption id={`${id}-caption`}>
        {caption}{' '}
        <span className="heatmap-shape">
          ({rows} × {cols})
        </span>
      </figcaption>
      <div className="hm-grid">
        <div className="hm-corner" aria-hidden="true" />
        <AxisLabels
          rowLabels={rowLabels}
          colLabels={colLabels}
          rows={rows}
          cols={cols}
          size={size}
          query={query}
          pointedRow={pointed?.r ?? null}
          pointedCol={pointed?.c ?? null}
        />
        <canvas
          ref={ref}
          tabIndex={0}
          role="img"
          aria-label={`${caption}: heatmap of ${rows} rows by ${cols} columns, values from ${domain.min.toFixed(4)} to ${domain.max.toFixed(4)}.${queryNote}${marksNote} Use the arrow keys to read cells.${pickNote}`}
          aria-describedby={`${id}-readout`}
          style={{ width: cols * size, height: rows * size }}
          onKeyDown={onKeyDown}
          onFocus={() => {
            if (!inRange(cursor)) setCursor({ r: 0, c: 0 });
          }}
          onPointerMove={(e) => {
            const box = e.currentTarget.getBoundingClientRect();
            const cell = cellAt(e.clientX - box.left, e.clientY - box.top, size, rows, cols);
            if (cell?.r !== hover?.r || cell?.c !== hover?.c) setHover(cell);
          }}
          onPointerLeave={() => setHover(null)}
          onClick={(e) => {
            const box = e.currentTarget.getBoundingClientRect();
            const cell = cellAt(e.clientX - box.left, e.clientY - box.top, size, rows, cols);
            if (cell) {
              setCursor(cell);
              onSelect?.(cell);
              onPick?.(cell);
            }
          }}
        />
      </div>
      <p id={`${id}-readout`} className="heatmap-readout" aria-live="polite">
        {text}
      </p>
    </figure>
  );
});

const palettes = new Map<string, Palette>();

/**
 * cellColors sampled at PALETTE_SIZE evenly spaced places of a domain, as RGB bytes: the colour
 * depends only on the place, so one palette per kind and theme serves every domain.
 */
function paletteFor(kind: ScaleKind, theme: Theme): Palette {
  const key = `${kind} ${theme}`;
  let p = palettes.get(key);
  if (!p) {
    const unit: ColorDomain = { kind, min: 0, max: 1 };
    const rgb = new Uint8Array(PALETTE_SIZE * 3);
    for (let k = 0; k < PALETTE_SIZE; k++) {
      const hex = cellColors(k / (PALETTE_SIZE - 1), unit, theme).background;
      rgb.set(parseHex(hex) ?? [0, 0, 0], k * 3);
    }
    const neutral = parseHex(cellColors(NaN, unit, theme).background) ?? [0, 0, 0];
    p = { rgb, neutral };
    palettes.set(key, p);
  }
  return p;
}

/** The mark before the query row's label (PlaygroundPage.css puts it there). */
const QUERY_MARK = '▶ ';
const measured = new Map<string, number>();
let measurer: CanvasRenderingContext2D | null | undefined;

/**
 * How wide a text is as a heatmap label (11 px, in the page's font; bold for the query's and the
 * pointed-at ones), CSS px; 0.6 em a character where there is no canvas to measure with.
 */
function labelWidth(bold: boolean): (text: string) => number {
  return (text) => {
    const key = (bold ? 'b' : 'n') + text;
    let w = measured.get(key);
    if (w === undefined) {
      measurer ??= document.createElement('canvas').getContext('2d');
      if (measurer) {
        measurer.font = `${bold ? 700 : 400} 11px ${getComputedStyle(document.body).fontFamily}`;
        w = measurer.measureText(text).width;
      } else w = Array.from(text).length * 6.6;
      measured.set(key, w);
    }
    return w;
  };
}

/**
 * The row and column labels. Memoised apart from the heatmap: a drag or an edit changes the values
 * on every frame, but not the labels, so their hundred-odd elements are left alone then.
 * They repeat what the read-out and the canvas's name say, so they are hidden from screen readers.
 */
const AxisLabels = memo(function AxisLabels(props: {
  rowLabels: readonly string[];
  colLabels: readonly string[];
  rows: number;
  cols: number;
  size: number;
  query: number | null;
  pointedRow: number | null;
  pointedCol: number | null;
}) {
  const { rowLabels, colLabels, rows, cols, size, query, pointedRow, pointedCol } = props;
  const showRows = visibleLabels(rows, size, [query, pointedRow]);
  const showCols = visibleLabels(cols, size, [pointedCol]);
  return (
    <>
      <div className="hm-cols" aria-hidden="true">
        {colLabels.slice(0, cols).map((l, c) => (
          <span
            key={c}
            className={pointedCol === c ? 'hm-col is-pointed' : 'hm-col'}
            style={{ width: size, visibility: showCols[c] ? undefined : 'hidden' }}
            title={l}
          >
            <span>{fitLabel(l, LABEL_ROOM, labelWidth(pointedCol === c))}</span>
          </span>
        ))}
      </div>
      <div className="hm-rows" aria-hidden="true">
        {rowLabels.slice(0, rows).map((l, r) => (
          <span
            key={r}
            className={
              'hm-row' + (r === query ? ' is-query' : '') + (pointedRow === r ? ' is-pointed' : '')
            }
            style={{ height: size, visibility: showRows[r] ? undefined : 'hidden' }}
            title={l}
          >
            <span>
              {fitLabel(
                l,
                LABEL_ROOM - (r === query ? labelWidth(true)(QUERY_MARK) : 0),
                labelWidth(r === query || pointedRow === r),
              )}
            </span>
          </span>
        ))}
      </div>
    </>
  );
});
