/**
 * The training lesson's views: the goal on the attention heatmap (click or Enter on a cell sets
 * that row's goal; presets), the training controls (TrainControls, with Play driven here), the
 * 2-d queries and keys, and a line chart of any series over steps. They write the lesson's fields
 * through the store's generic `edit`, which refuses non-free edits in a classroom view.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Derived, Lesson } from '../lessons/types';
import type { TrainingDerived } from '../lessons/training/model';
import { pyFixed } from '../math/format';
import type { Tensor } from '../math/tensor';
import { appStore, lessonState } from '../state/store';
import { trainingChoice } from '../state/trainingFields';
import { useTheme } from '../app/theme';
import { cellColors } from '../view/colors';
import { quiverColor } from '../view/colors';
import { LineChart } from './LineChart';
import { useScrollCue } from './ScrollBox';
import { TrainControls } from './TrainControls';
import { VectorPlot2D, type PlotVector } from './VectorPlot2D';
import './TrainingViews.css';

function trainingOf(d: Derived): TrainingDerived {
  if (!d.training) throw new Error('training views: no training values in this lesson');
  return d.training;
}

const edit = (lesson: Lesson, name: string, value: unknown) =>
  appStore.getState().edit(lesson.id, name, value);

/** A loss for the status line and labels: four decimals, or nan / inf as PyTorch prints them. */
const show = (x: number) => pyFixed(x, 4);

/** The presets: each word's goal is itself, the previous word (the first: itself), the first. */
export const GOAL_PRESETS = [
  { id: 'self', label: 'Itself', goal: (n: number) => Array.from({ length: n }, (_, i) => i) },
  {
    id: 'previous',
    label: 'The previous word',
    goal: (n: number) => Array.from({ length: n }, (_, i) => Math.max(0, i - 1)),
  },
  { id: 'first', label: 'The first word', goal: (n: number) => Array.from({ length: n }, () => 0) },
] as const;

const sameGoal = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((k, i) => k === b[i]);

/** The attention weights with the goal ringed; each cell a button that makes it its row's goal. */
export function GoalHeatmap(props: {
  lesson: Lesson;
  d: Derived;
  labels: readonly string[];
  at: 'start' | 'now';
  locked: boolean;
}) {
  const { lesson, d, labels, at, locked } = props;
  const theme = useTheme();
  const t = trainingOf(d);
  const weights: Tensor = at === 'start' ? t.start.weights : t.now.weights;
  const n = labels.length;
  const goal = t.target;
  const [focus, setFocus] = useState<[number, number]>([0, goal[0] ?? 0]);
  const table = useRef<HTMLTableElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  useScrollCue(scroller);
  const hint = useId();
  const domain = { kind: 'sequential' as const, min: 0, max: 1 };

  const setGoal = (i: number, j: number) => {
    if (locked || goal[i] === j) return;
    const next = goal.slice();
    next[i] = j;
    edit(lesson, 'goal', next);
  };
  const move = (e: KeyboardEvent, i: number, j: number) => {
    const to: Record<string, [number, number]> = {
      ArrowUp: [Math.max(0, i - 1), j],
      ArrowDown: [Math.min(n - 1, i + 1), j],
      ArrowLeft: [i, Math.max(0, j - 1)],
      ArrowRight: [i, Math.min(n - 1, j + 1)],
      Home: [i, 0],
      End: [i, n - 1],
    };
    const next = to[e.key];
    if (!next) return;
    e.preventDefault();
    e.stopPropagation();
    setFocus(next);
    table.current?.querySelector<HTMLButtonElement>(`[data-cell="${next[0]}-${next[1]}"]`)?.focus();
  };
  const caption =
    at === 'start'
      ? 'Attention weights at the start; ringed: each row’s goal'
      : `Attention weights at step ${t.choice.step}; ringed: each row’s goal`;

  return (
    <div className="tg">
      <p className="tg-caption" id={`${hint}-caption`}>
        {caption}
      </p>
      <div className="tg-scroll" ref={scroller}>
        <table
          className="tg-table"
          ref={table}
          aria-labelledby={`${hint}-caption`}
          aria-describedby={hint}
        >
          <thead>
            <tr>
              <th scope="col">
                <span className="sr-only">query \ key</span>
              </th>
              {labels.map((l, j) => (
                <th key={j} scope="col" className="tg-colhead">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((rowLabel, i) => (
              <tr key={i}>
                <th scope="row" className="tg-rowhead">
                  {rowLabel}
                </th>
                {labels.map((colLabel, j) => {
                  const v = weights.data[i * n + j]!;
                  const c = cellColors(v, domain, theme);
                  const isGoal = goal[i] === j;
                  const focused = focus[0] === i && focus[1] === j;
                  return (
                    <td key={j} className="tg-cell">
                      <button
                        type="button"
                        data-cell={`${i}-${j}`}
                        className={isGoal ? 'tg-btn tg-goal' : 'tg-btn'}
                        style={{ background: c.background, color: c.color }}
                        tabIndex={focused ? 0 : -1}
                        aria-pressed={isGoal}
                        aria-disabled={locked || undefined}
                        aria-label={`${rowLabel} attends to ${colLabel}: weight ${show(v)}${isGoal ? ', the goal' : ''}`}
                        onFocus={() => setFocus([i, j])}
                        onKeyDown={(e) => move(e, i, j)}
                        onClick={() => setGoal(i, j)}
                      >
                        {show(v)}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p id={hint} className="tg-hint">
        {locked
          ? 'Classroom view: the goal is fixed.'
          : 'Click a cell (or move with the arrow keys and press Enter) to make it its row’s goal.'}
      </p>
      <div className="tg-presets" role="group" aria-label="Goal presets">
        <span aria-hidden="true">Every word attends to:</span>
        {GOAL_PRESETS.map((p) => {
          const g = p.goal(n);
          const on = sameGoal(g, goal);
          return (
            <button
              key={p.id}
              type="button"
              aria-pressed={on}
              aria-disabled={locked || undefined}
              onClick={() => !locked && !on && edit(lesson, 'goal', g)}
            >
              {p.label}
            </button>
          );
        })}
      </div>
    </div>
  );
}

/** Steps per second while playing: a run plays in about four seconds, at least 25 a second. */
const playRate = (steps: number) => Math.max(25, steps / 4);

/** TrainControls for the lesson's run; Play moves the step forward on animation frames. */
export function TrainingPanel(props: { lesson: Lesson; d: Derived; locked: boolean }) {
  const { lesson, d, locked } = props;
  const t = trainingOf(d);
  const { step, steps } = t.choice;
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    let last = performance.now();
    let carry = 0;
    const tick = (now: number) => {
      // The store's values, not this render's: a frame may come before React re-renders.
      const { step: k, steps: end } = trainingChoice(
        lesson,
        lessonState(appStore.getState(), lesson.id),
      );
      carry += ((now - last) / 1000) * playRate(end);
      last = now;
      const by = Math.floor(carry);
      if (by > 0) {
        carry -= by;
        const next = Math.min(end, k + by);
        edit(lesson, 'step', next);
        if (next >= end) {
          setPlaying(false);
          return;
        }
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, lesson]);

  const lossNow = t.now.loss.data[0]!;
  return (
    <TrainControls
      step={step}
      steps={steps}
      playing={playing}
      optimizer={t.choice.optimizer}
      lr={t.choice.lr}
      readOnly={locked}
      maxSteps={2000}
      label="Train W_query and W_key"
      status={`loss ${show(lossNow)}`}
      onPlay={() => {
        if (step >= steps) return;
        setPlaying(true);
      }}
      onPause={() => setPlaying(false)}
      onStep={() => {
        setPlaying(false);
        edit(lesson, 'step', Math.min(steps, step + 1));
      }}
      onReset={() => {
        setPlaying(false);
        edit(lesson, 'step', 0);
      }}
      onOptimizer={(kind) => edit(lesson, 'optimizer', kind)}
      onLr={(lr) => edit(lesson, 'lr', lr)}
      onSteps={(n) => edit(lesson, 'steps', n)}
    />
  );
}

/** The queries and keys at the step shown, as 2-d arrows (read-only: they follow the weights). */
export function TrainPlot(props: {
  d: Derived;
  labels: readonly string[];
  highlight: number | null;
  onHighlight: (i: number | null) => void;
}) {
  const { d, labels } = props;
  const t = trainingOf(d);
  const { queries, keys } = t.now;
  const n = labels.length;
  const vectors: PlotVector[] = [];
  for (let i = 0; i < n; i++) {
    vectors.push({
      label: `q ${labels[i]}`,
      color: quiverColor(i),
      values: queries.data.subarray(i * 2, i * 2 + 2),
      draggable: false,
      emphasis: true,
    });
  }
  for (let i = 0; i < n; i++) {
    vectors.push({
      label: `k ${labels[i]}`,
      color: quiverColor(i),
      values: keys.data.subarray(i * 2, i * 2 + 2),
      draggable: false,
    });
  }
  return (
    <VectorPlot2D
      title={`Queries (thick) and keys (thin) at step ${t.choice.step}`}
      vectors={vectors}
      dims={2}
      onMove={() => undefined}
      highlight={props.highlight}
      onHighlight={props.onHighlight}
      axisNames={['dim 1', 'dim 2']}
      readOnly
    />
  );
}

/** A line chart over steps whose picked step sets a lesson field; with a log-scale switch. */
export function StepChart(props: {
  lesson: Lesson;
  values: ArrayLike<number>;
  at: number;
  field: string;
  label: string;
  xLabel: string;
  yLabel: string;
}) {
  const { lesson } = props;
  const [log, setLog] = useState(false);
  const id = useId();
  return (
    <div className="tchart">
      <LineChart
        values={props.values}
        selected={props.at}
        onSelect={(k) => edit(lesson, props.field, k)}
        log={log}
        xLabel={props.xLabel}
        yLabel={props.yLabel}
        label={props.label}
      />
      <label className="tchart-log" htmlFor={id}>
        <input id={id} type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} />{' '}
        Log scale
      </label>
    </div>
  );
}
