import { Fragment, useCallback, useMemo, type ReactNode } from 'react';
import type { Derived, Highlight, Lesson, MatrixName, TensorAxes, View } from '../lessons/types';
import { pyFixed } from '../math/format';
import { tensor, tensorsEqual, type Tensor } from '../math/tensor';
import { appStore, editingOff, pageView, useApp } from '../state/store';
import type { PlotOptions } from '../state/plotOptions';
import { EditableMatrix, editableColumns } from './EditableMatrix';
import { labelColor, quiverColor } from '../view/colors';
import { MatrixView } from './MatrixView';
import { QueryPicker } from './QueryPicker';
import { SeedControl } from './SeedControl';
import { TrainableEditor } from './TrainableEditor';
import { dimLabels, tokenLabels } from '../lessons/tokenLabels';
import { PlotView } from './PlotView';
import { GoalHeatmap, StepChart, TrainingPanel, TrainPlot } from './TrainingViews';
import { OrderControl, PositionsEditor, RopeView } from './WordOrderViews';
import { PredictQuestion } from './PredictQuestion';
import type { PlotVector } from './VectorPlot2D';

const fmt4 = (x: number) => pyFixed(x, 4);

/** What every view reads: the lesson, its derived values and the shared page state. */
export interface ViewContext {
  lesson: Lesson;
  d: Derived;
  highlight: Highlight;
  /** Token row labels, repeated words numbered ("I #1"). */
  labels: readonly string[];
  /** True once the learner has edited this lesson (the embeddings' reset button shows). */
  edited: boolean;
  /** A classroom link turned editing off. */
  locked: boolean;
  /** How this page's plot draws (the lessons' options, in their links). */
  plotOptions: PlotOptions;
  setHighlight: (h: Highlight) => void;
}

/** The View union member of one kind. */
type ViewOf<K extends View['kind']> = Extract<View, { kind: K }>;

/** How one kind of view renders, and how many table columns it needs (for the page layout). */
export interface ViewKind<V extends { kind: string }> {
  render: (view: V, ctx: ViewContext) => ReactNode;
  /**
   * How wide its table is, in columns of a printed table (row sums count as one; an editable
   * table's wider columns count for more, editableColumns); omitted for views without a table.
   */
  columns?: (view: V, d: Derived) => number;
}

/** A registry of view kinds: one entry for every kind of the union V, and none for another. */
export type ViewKinds<V extends { kind: string }> = {
  [K in V['kind']]: ViewKind<Extract<V, { kind: K }>>;
};

/**
 * One entry per kind of View. The mapped type makes a kind without an entry (or an entry for no
 * kind) a compile error, so a new kind is its View member in lessons/types.ts plus one entry here.
 */
export const VIEW_KINDS: ViewKinds<View> = {
  embeddings: {
    render: (_, { lesson, d, highlight, labels, edited, locked, setHighlight }) => (
      <EditableMatrix
        caption="Embeddings: one row per token"
        rowLabels={labels}
        colLabels={dimLabels(d.x.shape[1]!)}
        value={d.x}
        onChange={(next) => appStore.getState().setEmbeddings(lesson.id, next)}
        highlightRows={rowsToHighlight(d, highlight)}
        onHoverRow={(r) => setHighlight({ i: r, j: null })}
        onReset={() => appStore.getState().reset(lesson.id)}
        resetLabel={
          // A lesson that follows no notebook has none of its values to go back to.
          lesson.follows.startsWith('No notebook') ? 'Reset the lesson’s values' : undefined
        }
        edited={edited}
        rowColors={d.tokens.map((_, r) => labelColor(r))}
        readOnly={locked}
      />
    ),
    columns: (_, d) => editableColumns(d.x),
  },
  query: {
    render: (_, { lesson, d, labels }) => (
      <QueryPicker
        tokens={labels}
        query={d.query}
        onChange={(q) => appStore.getState().setQuery(lesson.id, q)}
      />
    ),
  },
  plot: {
    render: (view, { lesson, d, highlight, labels, locked, plotOptions, setHighlight }) => (
      <PlotView
        vectors={plotVectors(d, labels, view.context ?? false)}
        dims={d.x.shape[1]!}
        weights={d.queryWeights}
        query={d.query}
        context={d.queryContext}
        onMove={(r, next) => appStore.getState().setEmbeddings(lesson.id, withRow(d.x, r, next))}
        highlight={highlight.i ?? highlight.j}
        onHighlight={(i) => setHighlight({ i, j: null })}
        options={plotOptions}
        onOptions={(p) => appStore.getState().setPlotOptions(lesson.id, p)}
        readOnly={locked}
      />
    ),
  },
  matrix: {
    render: (view, ctx) => tableView(matrixOf(ctx.d, ctx.labels, view.of), view, ctx),
    columns: (view, d) => tableColumns(matrixOf(d, d.tokens, view.of), view),
  },
  tensor: {
    render: (view, ctx) => tableView(tensorOf(ctx.d, ctx.labels, view), view, ctx),
    columns: (view, d) => tableColumns(tensorOf(d, d.tokens, view), view),
  },
  trainable: {
    render: (_, { lesson, d, locked }) => (
      <TrainableEditor lesson={lesson} d={d} readOnly={locked} />
    ),
  },
  seed: {
    render: (view, { lesson, d, locked }) => (
      <SeedControl
        lessonId={lesson.id}
        seed={d.seed}
        label={view.label}
        unseeded={lesson.opensWithPrintedValues === true && tensorsEqual(d.x, lesson.embeddings)}
        readOnly={locked}
      />
    ),
  },
  lineChart: {
    render: (view, { lesson, d }) => (
      <StepChart
        lesson={lesson}
        values={view.of(d)}
        at={view.at(d)}
        field={view.field}
        label={view.label}
        xLabel={view.xLabel}
        yLabel={view.yLabel}
      />
    ),
  },
  trainGoal: {
    render: (view, { lesson, d, labels, locked }) => (
      <GoalHeatmap lesson={lesson} d={d} labels={labels} at={view.at} locked={locked} />
    ),
  },
  trainControls: {
    render: (_, { lesson, d, locked }) => <TrainingPanel lesson={lesson} d={d} locked={locked} />,
  },
  trainPlot: {
    render: (_, { d, labels, highlight, setHighlight }) => (
      <TrainPlot
        d={d}
        labels={labels}
        highlight={highlight.i ?? highlight.j}
        onHighlight={(i) => setHighlight({ i, j: null })}
      />
    ),
  },
  order: {
    render: (_, { lesson, d, locked }) => <OrderControl lesson={lesson} d={d} readOnly={locked} />,
  },
  positions: {
    render: (_, { lesson, d, locked }) => (
      <PositionsEditor lesson={lesson} d={d} readOnly={locked} />
    ),
    columns: (_, d) => (d.order ? editableColumns(d.order.positions) : 0),
  },
  rope: {
    render: (_, { lesson, d, locked, labels, highlight, setHighlight }) => (
      <RopeView
        lesson={lesson}
        d={d}
        readOnly={locked}
        labels={labels}
        highlight={highlight.i ?? highlight.j}
        onHighlight={(i) => setHighlight({ i, j: null })}
      />
    ),
  },
  predict: {
    render: (view, { lesson, d }) => (
      <PredictQuestion
        key={`${lesson.id}/${view.id}`}
        storageKey={`${lesson.id}/${view.id}`}
        question={view.question}
        choices={view.choices}
        answer={() => view.answer(d)}
        reveal={() => view.reveal(d)}
      />
    ),
  },
};

/** The registry entry of a view's kind. */
function kindOf<V extends View>(view: V): ViewKind<V> {
  // TypeScript cannot tie VIEW_KINDS[view.kind] to view's own member of the union; the mapped
  // type above guarantees the entry under a kind takes views of that kind.
  return VIEW_KINDS[view.kind] as unknown as ViewKind<V>;
}

/** The live views a step asks for, each reading derived values and writing learner edits. */
export function StepViews(props: {
  lesson: Lesson;
  views: readonly View[];
  d: Derived;
  highlight: Highlight;
}) {
  const { lesson, d, highlight } = props;
  const id = lesson.id;
  const edited = useApp((s) => s.pages[id] !== undefined);
  const setHighlight = useCallback((h: Highlight) => appStore.getState().setHighlight(h), []);
  const labels = useMemo(() => tokenLabels(d.tokens), [d.tokens]);
  // A classroom link turns editing off: the store refuses edits, and the views say so by being
  // read-only rather than inviting input that cannot land.
  const locked = useApp((s) => editingOff(s, id));
  const plotOptions = useApp((s) => pageView(s, id).plot);
  const ctx: ViewContext = {
    lesson,
    d,
    highlight,
    labels,
    edited,
    locked,
    plotOptions,
    setHighlight,
  };

  return (
    <>
      {queryFirst(props.views).map((view, k) => (
        <Fragment key={k}>{kindOf(view).render(view, ctx)}</Fragment>
      ))}
    </>
  );
}

/**
 * The widest of the step's tables, in columns of a printed table (ViewKind.columns): the lesson
 * page gives a step whose tables cannot fit beside the text the full width (LessonPage).
 */
export function widestTable(views: readonly View[], d: Derived): number {
  let widest = 0;
  for (const view of views) widest = Math.max(widest, kindOf(view).columns?.(view, d) ?? 0);
  return widest;
}

function rowsToHighlight(d: Derived, h: Highlight): number[] {
  const rows = [d.query];
  if (h.i !== null) rows.push(h.i);
  if (h.j !== null) rows.push(h.j);
  return [...new Set(rows)];
}

/** The embeddings with row r replaced. */
function withRow(x: Tensor, r: number, values: readonly number[]): Tensor {
  const [, cols] = x.shape as [number, number];
  const data = Float32Array.from(x.data);
  data.set(values.slice(0, cols), r * cols);
  return tensor(x.shape, data);
}

function plotVectors(d: Derived, labels: readonly string[], withContext: boolean): PlotVector[] {
  const [n, c] = d.x.shape as [number, number];
  const out: PlotVector[] = [];
  for (let r = 0; r < n; r++) {
    out.push({
      label: labels[r]!,
      color: quiverColor(r),
      values: d.x.data.subarray(r * c, r * c + c),
      draggable: true,
      emphasis: r === d.query,
    });
  }
  if (withContext) {
    out.push({
      label: `context vector for ${d.queryToken}`,
      color: '#000000',
      values: d.queryContext.data,
      draggable: false,
      emphasis: true,
    });
  }
  return out;
}

/** The query picker leads, wherever a step lists it: every other view depends on it. */
function queryFirst(views: readonly View[]): readonly View[] {
  const picker = views.filter((v) => v.kind === 'query');
  return picker.length === 0 ? views : [...picker, ...views.filter((v) => v.kind !== 'query')];
}

/**
 * The store's (query i, key j) as a view's (row, column). With nothing pointed at, a square
 * matrix marks the query's row, which the prose keeps referring to.
 */
function viewHighlight(axis: TensorAxes, h: Highlight, query: number): Highlight {
  const token = h.j ?? h.i;
  if (axis === 'both') return h.i === null && h.j === null ? { i: query, j: null } : h;
  if (axis === 'rows') return { i: h.i ?? h.j, j: null };
  if (axis === 'cols') return { i: null, j: token };
  return { i: null, j: null };
}

/** A view's hovered (row, column) as the store's (query i, key j). */
function storeHighlight(axis: TensorAxes, h: Highlight, query: number): Highlight {
  if (axis === 'both') return h;
  if (axis === 'rows') return { i: h.i, j: null };
  if (axis === 'cols') return h.j === null ? { i: null, j: null } : { i: query, j: h.j };
  return { i: null, j: null };
}

/** A table to show: the tensor, its row and column labels, and which axes are tokens. */
interface TableShown {
  value: Tensor;
  rows: readonly string[];
  cols: readonly string[];
  tokens: TensorAxes;
}

/** A tensor a view cannot show as a table, and why (said on the page, not hidden). */
interface TableRefused {
  refused: string;
}

/** Each named value: where Derived keeps it, which axes are tokens, and a 1-d value's row label. */
const NAMED: Record<
  MatrixName,
  { of: (d: Derived) => Tensor | undefined; axes: TensorAxes; rowLabel?: string }
> = {
  scores: { of: (d) => d.scores, axes: 'both' },
  weights: { of: (d) => d.weights, axes: 'both' },
  context: { of: (d) => d.context, axes: 'rows' },
  queryScores: { of: (d) => d.queryScores, axes: 'cols' },
  queryNaive: { of: (d) => d.queryNaive, axes: 'cols' },
  queryWeights: { of: (d) => d.queryWeights, axes: 'cols' },
  queryContext: { of: (d) => d.queryContext, axes: 'none' },
  norms: { of: (d) => d.norms, axes: 'cols', rowLabel: 'length' },
  keys: { of: (d) => d.trainable?.keys, axes: 'rows' },
  values: { of: (d) => d.trainable?.values, axes: 'rows' },
  omega: { of: (d) => d.trainable?.omega, axes: 'cols' },
  maskedScores: { of: (d) => d.trainable?.maskedScores, axes: 'both' },
  trainableWeights: { of: (d) => d.trainable?.queryWeights, axes: 'cols' },
  trainableContext: { of: (d) => d.trainable?.queryContext, axes: 'none' },
};

/** What a matrix view shows, with its labels; null when the lesson has no such value. */
function matrixOf(
  d: Derived,
  tokens: readonly string[],
  name: MatrixName,
): TableShown | TableRefused | null {
  const { of, axes, rowLabel } = NAMED[name];
  const value = of(d);
  return value ? tableOf(value, axes, tokens, d, rowLabel) : null;
}

/** What a tensor view shows: its tensor, with the axes it declares or its shape implies. */
function tensorOf(
  d: Derived,
  tokens: readonly string[],
  view: ViewOf<'tensor'>,
): TableShown | TableRefused {
  const value = view.of(d);
  if (view.labels) {
    // Another sentence's tokens: labelled by them, and unlinked from the lesson's highlight.
    const shown = tableOf(value, view.axes ?? axesOf(value, view.labels.length), view.labels, d);
    return 'refused' in shown ? shown : { ...shown, tokens: 'none' };
  }
  const shown = tableOf(value, view.axes ?? axesOf(value, tokens.length), tokens, d);
  if (!view.rowLabels || 'refused' in shown) return shown;
  return { ...shown, rows: view.rowLabels(d, tokens) };
}

/** Which axes of a tensor run over the n tokens, read from its shape (see TensorAxes). */
function axesOf(value: Tensor, n: number): TensorAxes {
  const [a, b] = value.shape;
  if (value.shape.length === 2) return a === n ? (b === n ? 'both' : 'rows') : 'none';
  return value.shape.length === 1 && a === n ? 'cols' : 'none';
}

/**
 * Labels for a 1-d or 2-d tensor: tokens along its token axes, `dim k` along the others; a 1-d
 * value's one row is the query's (or `rowLabel`). A tensor whose shape does not fit is refused.
 */
function tableOf(
  value: Tensor,
  axes: TensorAxes,
  tokens: readonly string[],
  d: Derived,
  rowLabel?: string,
): TableShown | TableRefused {
  const shape = value.shape;
  const dims = (k: number) => dimLabels(shape[k]!);
  if (shape.length !== 1 && shape.length !== 2) {
    return {
      refused: `a ${shape.length}-d tensor of shape [${shape.join(', ')}]: a table shows 1-d or 2-d ones`,
    };
  }
  const n = tokens.length;
  const last = shape.length - 1;
  const fits =
    axes === 'none' ||
    (axes === 'cols' && shape[last] === n) ||
    (shape.length === 2 && shape[0] === n && (axes === 'rows' || shape[1] === n));
  if (!fits) {
    return {
      refused: `shape [${shape.join(', ')}] does not run over the ${n} tokens as its axes ('${axes}') say`,
    };
  }
  const tokenRows = axes === 'both' || axes === 'rows';
  const tokenCols = axes === 'both' || axes === 'cols';
  const rows = shape.length === 1 ? [rowLabel ?? d.queryToken] : tokenRows ? tokens : dims(0);
  return { value, rows, cols: tokenCols ? tokens : dims(last), tokens: axes };
}

/** A heatmap table (matrix and tensor views), or what keeps it from being shown. */
function tableView(
  shown: TableShown | TableRefused | null,
  view: { caption: string; rowSums?: boolean },
  { d, highlight, setHighlight }: ViewContext,
): ReactNode {
  if (!shown) return null;
  if ('refused' in shown) {
    return (
      <p className="field-error" role="status">
        {view.caption}: cannot be shown, {shown.refused}.
      </p>
    );
  }
  return (
    <MatrixView
      caption={view.caption}
      value={shown.value}
      rowLabels={shown.rows}
      colLabels={shown.cols}
      format={fmt4}
      rowSums={view.rowSums}
      highlight={viewHighlight(shown.tokens, highlight, d.query)}
      onHighlight={(h) => setHighlight(storeHighlight(shown.tokens, h, d.query))}
    />
  );
}

/** A table's columns, its row sums counting as one; 0 when there is no table. */
function tableColumns(
  shown: TableShown | TableRefused | null,
  view: { rowSums?: boolean },
): number {
  if (!shown || 'refused' in shown) return 0;
  return (shown.value.shape[shown.value.shape.length - 1] ?? 1) + (view.rowSums ? 1 : 0);
}
