/**
 * A large matrix as one <canvas> heatmap (not thousands of DOM cells): colours from colors.ts,
 * drawn at devicePixelRatio. Hover or keyboard focus shows a read-out line, also announced in an
 * aria-live region; the canvas is focusable and the arrow keys move a cursor cell.
 */
import { memo, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { cellColors, colorDomain, type ColorDomain, type ScaleKind } from '../components/colors';
import type { Tensor } from '../math/tensor';
import {
  backingSize,
  cellAt,
  cellSize,
  moveCursor,
  paletteIndex,
  PALETTE_SIZE,
  readout,
  type Cell,
} from './heatmap';

export interface CanvasHeatmapProps {
  caption: string;
  value: Tensor;
  rowLabels: readonly string[];
  colLabels: readonly string[];
  scale?: ScaleKind;
  /** The cursor moved (keyboard or click), e.g. to pick a cell to edit. */
  onSelect?: (cell: Cell) => void;
}

export const CanvasHeatmap = memo(function CanvasHeatmap(props: CanvasHeatmapProps) {
  const { caption, value, rowLabels, colLabels, scale, onSelect } = props;
  const [rows, cols] = value.shape as [number, number];
  const size = cellSize(rows, cols);
  const ref = useRef<HTMLCanvasElement>(null);
  const [cursor, setCursor] = useState<Cell | null>(null);
  const [hover, setHover] = useState<Cell | null>(null);
  const id = useId();
  const domain = useMemo(() => colorDomain(value.data, scale), [value, scale]);
  const shown = hover ?? cursor;
  const inRange = (c: Cell | null) => c !== null && c.r < rows && c.c < cols;

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const { width, height, ratio } = backingSize(cols * size, rows * size, window.devicePixelRatio);
    if (canvas.width !== width) canvas.width = width;
    if (canvas.height !== height) canvas.height = height;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, cols * size, rows * size);
    const colorOf = palette(domain);
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        ctx.fillStyle = colorOf(value.data[r * cols + c]!);
        ctx.fillRect(c * size, r * size, size, size);
      }
    }
    const mark = (cell: Cell | null, color: string) => {
      if (!cell || cell.r >= rows || cell.c >= cols) return;
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.strokeRect(cell.c * size + 1, cell.r * size + 1, size - 2, size - 2);
    };
    mark(hover, '#1c2230');
    mark(cursor, '#d4145a');
  }, [value, domain, rows, cols, size, hover, cursor]);

  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const next = moveCursor(inRange(cursor) ? cursor! : { r: 0, c: 0 }, e.key, rows, cols);
    if (!next) return;
    e.preventDefault();
    setCursor(next);
    onSelect?.(next);
  };

  const text = inRange(shown)
    ? readout(shown!, value.data[shown!.r * cols + shown!.c]!, rowLabels, colLabels)
    : 'Point at a cell or focus the heatmap and use the arrow keys to read a value.';

  return (
    <figure className="canvas-heatmap">
      <figcaption id={`${id}-caption`}>
        {caption}{' '}
        <span className="heatmap-shape">
          ({rows} × {cols})
        </span>
      </figcaption>
      <canvas
        ref={ref}
        tabIndex={0}
        role="img"
        aria-label={`${caption}: heatmap of ${rows} rows by ${cols} columns, values from ${domain.min.toFixed(4)} to ${domain.max.toFixed(4)}. Use the arrow keys to read cells.`}
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
          }
        }}
      />
      <p id={`${id}-readout`} className="heatmap-readout" aria-live="polite">
        {text}
      </p>
    </figure>
  );
});

/** cellColors sampled at PALETTE_SIZE steps of the domain: one lookup per cell while drawing. */
function palette(domain: ColorDomain): (v: number) => string {
  const colors = Array.from(
    { length: PALETTE_SIZE },
    (_, k) =>
      cellColors(domain.min + ((domain.max - domain.min) * k) / (PALETTE_SIZE - 1), domain)
        .background,
  );
  const neutral = cellColors(NaN, domain).background;
  return (v) => (Number.isFinite(v) ? colors[paletteIndex(v, domain)]! : neutral);
}
