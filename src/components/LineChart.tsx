/**
 * A line chart of one series over steps (the loss curve of a training run), controlled: it draws
 * `values` and the `selected` step, and reports the step the learner picks through `onSelect`.
 * The chart is a slider (role="slider"): arrows move one step, Page Up/Down a tenth of the run,
 * Home/End the ends; pointer down and drag scrub. Linear or log y axis (src/view/lineChart.ts:
 * honest ticks; the log scale does not draw values of 0 or less and says so; NaN and infinities
 * break the line, marked "diverged at step k").
 */
import {
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { palette, plotColor, readableFor } from '../view/colors';
import {
  chartGeometry,
  drawable,
  scaleX,
  scaleY,
  scrubKey,
  stepAt,
  valueText,
  yLabelWidth,
  type Box,
} from '../view/lineChart';
import { useTheme } from '../theme';
import './LineChart.css';

export type LineChartProps = {
  /** The value at each step, 0 to values.length - 1. */
  values: ArrayLike<number>;
  /** The step shown, or null for none. */
  selected: number | null;
  onSelect: (step: number) => void;
  /** Log-scale y axis (values of 0 or less are then not drawn, and the chart says so). */
  log?: boolean;
  xLabel: string;
  yLabel: string;
  /** The chart's accessible name, e.g. "Loss at each training step". */
  label: string;
  /** What the slider's value text calls a value (default: yLabel), e.g. "loss". */
  valueName?: string;
  /** Width in CSS pixels before the first measurement (server rendering, tests). */
  initialWidth?: number;
};

/** Tol's indigo for the line, Tol's rose for the break: apart for every colour vision. */
const LINE = '#332288';
const BREAK = '#cc6677';
const FONT = 12;

export function LineChart({
  values,
  selected,
  onSelect,
  log = false,
  xLabel,
  yLabel,
  label,
  valueName,
  initialWidth = 560,
}: LineChartProps) {
  const theme = useTheme();
  const pal = palette(theme);
  const uid = useId();
  const frameRef = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(initialWidth);
  const dragging = useRef(false);

  useEffect(() => {
    const el = frameRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver((entries) => {
      const w = Math.round(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const height = Math.round(Math.max(180, Math.min(260, width * 0.5)));
  const n = values.length;
  const xTicks = width < 420 ? 3 : 6;
  const { g, box } = useMemo(() => {
    // First with a provisional margin, to learn how wide the y labels are; then for real.
    const trial: Box = { left: 52, right: width - 14, top: 22, bottom: height - 34 };
    const left = yLabelWidth(chartGeometry(values, log, trial, xTicks));
    const b: Box = { ...trial, left };
    return { g: chartGeometry(values, log, b, xTicks), box: b };
    // values may be a typed array that grows in place: its length is part of the key
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [values, n, log, width, height, xTicks]);

  const name = valueName ?? yLabel;
  const sel = selected === null || n === 0 ? null : Math.max(0, Math.min(n - 1, selected));
  const selValue = sel === null ? undefined : values[sel];
  const text = sel === null ? 'no step selected' : valueText(sel, selValue, name);

  const line = plotColor(LINE, theme);
  const brk = plotColor(BREAK, theme);
  const brkText = readableFor(theme, BREAK);

  const pick = (e: PointerEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    if (rect.width <= 0 || n === 0) return;
    const px = ((e.clientX - rect.left) / rect.width) * width;
    const k = stepAt(px, n, box);
    if (k !== sel) onSelect(k);
  };

  const onKeyDown = (e: KeyboardEvent<SVGSVGElement>) => {
    const k = scrubKey(e.key, sel ?? 0, n);
    if (k === null) return;
    e.preventDefault();
    if (k !== sel) onSelect(k);
  };

  const notes: string[] = [];
  if (n === 0) notes.push('No steps yet.');
  if (g.divergedAt !== null) {
    const v = values[g.divergedAt]!;
    notes.push(
      `Diverged at step ${g.divergedAt}: the ${name} became ${Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf'}; the line stops there.`,
    );
  }
  if (g.refused) {
    const { count, first } = g.refused;
    notes.push(
      `Log scale: ${count === 1 ? 'one value' : `${count} values`} of 0 or less (first at step ${first}) cannot be drawn and ${count === 1 ? 'is' : 'are'} left out.`,
    );
  }

  const divX = g.divergedAt === null ? null : scaleX(g.divergedAt, g.x, box.left, box.right);
  const selX = sel === null ? null : scaleX(sel, g.x, box.left, box.right);
  const selY =
    selValue !== undefined && drawable(selValue, log)
      ? scaleY(selValue, g.y, box.bottom, box.top)
      : null;
  const noteId = `${uid}-notes`;

  return (
    <figure className="lc">
      <div className="lc-frame" ref={frameRef}>
        <svg
          className="lc-svg"
          width={width}
          height={height}
          viewBox={`0 0 ${width} ${height}`}
          role="slider"
          tabIndex={n > 0 ? 0 : -1}
          aria-label={label}
          aria-orientation="horizontal"
          aria-valuemin={0}
          aria-valuemax={Math.max(0, n - 1)}
          aria-valuenow={sel ?? 0}
          aria-valuetext={text}
          aria-disabled={n === 0 || undefined}
          aria-describedby={notes.length ? noteId : undefined}
          onKeyDown={onKeyDown}
          onPointerDown={(e) => {
            if (n === 0) return;
            dragging.current = true;
            e.currentTarget.setPointerCapture?.(e.pointerId);
            pick(e);
          }}
          onPointerMove={(e) => {
            if (dragging.current) pick(e);
          }}
          onPointerUp={() => (dragging.current = false)}
          onPointerCancel={() => (dragging.current = false)}
        >
          <rect
            x={box.left}
            y={box.top}
            width={Math.max(0, box.right - box.left)}
            height={Math.max(0, box.bottom - box.top)}
            fill={pal.plotBg}
          />
          <g className="lc-grid" stroke={pal.grid} strokeWidth={1}>
            {g.yTicks.map((t) => (
              <line key={`y${t.value}`} x1={box.left} x2={box.right} y1={t.at} y2={t.at} />
            ))}
          </g>
          <g fill={pal.ink} fontSize={FONT}>
            {g.yTicks.map((t) => (
              <text key={`yl${t.value}`} x={box.left - 6} y={t.at + 4} textAnchor="end">
                {t.label}
              </text>
            ))}
            {g.xTicks.map((t) => (
              <text key={`xl${t.value}`} x={t.at} y={box.bottom + 16} textAnchor="middle">
                {t.label}
              </text>
            ))}
            <text x={box.left} y={box.top - 8} textAnchor="middle" fontWeight={600}>
              {yLabel}
              {log ? ' (log)' : ''}
            </text>
            <text x={box.right} y={height - 4} textAnchor="end" fontWeight={600}>
              {xLabel}
            </text>
          </g>
          <g stroke={pal.axis} strokeWidth={1}>
            <line x1={box.left} x2={box.left} y1={box.top} y2={box.bottom} />
            <line x1={box.left} x2={box.right} y1={box.bottom} y2={box.bottom} />
            {g.xTicks.map((t) => (
              <line key={`xt${t.value}`} x1={t.at} x2={t.at} y1={box.bottom} y2={box.bottom + 4} />
            ))}
          </g>
          {g.path && (
            <path
              className="lc-line"
              d={g.path}
              fill="none"
              stroke={line}
              strokeWidth={2}
              strokeLinejoin="round"
            />
          )}
          {g.dots.map((d) => (
            <circle key={`d${d.step}`} cx={d.x} cy={d.y} r={2.5} fill={line} />
          ))}
          {divX !== null && (
            <g className="lc-diverged">
              <line
                x1={divX}
                x2={divX}
                y1={box.top}
                y2={box.bottom}
                stroke={brk}
                strokeWidth={2}
                strokeDasharray="5 4"
              />
              <text
                x={divX > (box.left + box.right) / 2 ? divX - 6 : divX + 6}
                y={box.top + 14}
                textAnchor={divX > (box.left + box.right) / 2 ? 'end' : 'start'}
                fill={brkText}
                fontSize={FONT}
                fontWeight={600}
              >
                diverged at step {g.divergedAt}
              </text>
            </g>
          )}
          {selX !== null && (
            <g className="lc-selected">
              <line
                x1={selX}
                x2={selX}
                y1={box.top}
                y2={box.bottom}
                stroke={pal.ink}
                strokeWidth={1}
              />
              {selY !== null && (
                <circle
                  cx={selX}
                  cy={selY}
                  r={4.5}
                  fill={pal.plotBg}
                  stroke={pal.ink}
                  strokeWidth={2}
                />
              )}
            </g>
          )}
        </svg>
      </div>
      <figcaption className="lc-readout" aria-hidden="true">
        {text}
      </figcaption>
      {notes.length > 0 && (
        <p className="lc-notes" id={noteId}>
          {notes.join(' ')}
        </p>
      )}
    </figure>
  );
}

export default LineChart;
