import { useCallback, useMemo } from 'react';
import type { Derived, Highlight, Lesson, MatrixName, View } from '../lessons/types';
import { pyFixed } from '../math/format';
import { tensor, tensorsEqual, type Tensor } from '../math/tensor';
import { appStore, editingOff, pageView, useApp } from '../state/store';
import { EditableMatrix } from './EditableMatrix';
import { labelColor, quiverColor } from '../view/colors';
import { MatrixView } from './MatrixView';
import { QueryPicker } from './QueryPicker';
import { SeedControl } from './SeedControl';
import { TrainableEditor } from './TrainableEditor';
import { tokenLabels } from '../lessons/tokenLabels';
import { PlotView } from './PlotView';
import type { PlotVector } from './VectorPlot2D';

const fmt4 = (x: number) => pyFixed(x, 4);

const dimLabels = (n: number) => Array.from({ length: n }, (_, k) => `dim ${k + 1}`);

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

  return (
    <>
      {queryFirst(props.views).map((view, k) => {
        switch (view.kind) {
          case 'embeddings':
            return (
              <EditableMatrix
                key={k}
                caption="Embeddings: one row per token"
                rowLabels={labels}
                colLabels={dimLabels(d.x.shape[1]!)}
                value={d.x}
                onChange={(next) => appStore.getState().setEmbeddings(id, next)}
                highlightRows={rowsToHighlight(d, highlight)}
                onHoverRow={(r) => setHighlight({ i: r, j: null })}
                onReset={() => appStore.getState().reset(id)}
                edited={edited}
                rowColors={d.tokens.map((_, r) => labelColor(r))}
                readOnly={locked}
              />
            );
          case 'query':
            return (
              <QueryPicker
                key={k}
                tokens={labels}
                query={d.query}
                onChange={(q) => appStore.getState().setQuery(id, q)}
              />
            );
          case 'plot':
            return (
              <PlotView
                key={k}
                vectors={plotVectors(d, labels, view.context ?? false)}
                dims={d.x.shape[1]!}
                weights={d.queryWeights}
                query={d.query}
                context={d.queryContext}
                onMove={(r, next) => appStore.getState().setEmbeddings(id, withRow(d.x, r, next))}
                highlight={highlight.i ?? highlight.j}
                onHighlight={(i) => setHighlight({ i, j: null })}
                options={plotOptions}
                onOptions={(p) => appStore.getState().setPlotOptions(id, p)}
                readOnly={locked}
              />
            );
          case 'matrix': {
            const m = matrixOf(d, labels, view.of);
            if (!m) return null;
            return (
              <MatrixView
                key={k}
                caption={view.caption}
                value={m.value}
                rowLabels={m.rows}
                colLabels={m.cols}
                format={fmt4}
                rowSums={view.rowSums}
                highlight={viewHighlight(m.tokens, highlight, d.query)}
                onHighlight={(h) => setHighlight(storeHighlight(m.tokens, h, d.query))}
              />
            );
          }
          case 'trainable':
            return <TrainableEditor key={k} lesson={lesson} d={d} readOnly={locked} />;
          case 'seed':
            return (
              <SeedControl
                key={k}
                lessonId={id}
                seed={d.seed}
                label={view.label}
                unseeded={
                  lesson.opensWithPrintedValues === true && tensorsEqual(d.x, lesson.embeddings)
                }
                readOnly={locked}
              />
            );
        }
      })}
    </>
  );
}

/**
 * The most columns any of the step's tables has (a matrix's row sums count as one): the lesson
 * page gives a step whose tables cannot fit beside the text the full width (LessonPage).
 */
export function widestTable(views: readonly View[], d: Derived): number {
  let widest = 0;
  for (const view of views) {
    if (view.kind !== 'matrix') continue;
    const m = matrixOf(d, d.tokens, view.of);
    if (!m) continue;
    const cols = m.value.shape[m.value.shape.length - 1] ?? 1;
    widest = Math.max(widest, cols + (view.rowSums ? 1 : 0));
  }
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

/** Where a matrix keeps its tokens: rows and columns (scores), rows (keys), columns (a query's scores). */
type TokenAxis = 'both' | 'rows' | 'cols' | 'none';

/** The query picker leads, wherever a step lists it: every other view depends on it. */
function queryFirst(views: readonly View[]): readonly View[] {
  const picker = views.filter((v) => v.kind === 'query');
  return picker.length === 0 ? views : [...picker, ...views.filter((v) => v.kind !== 'query')];
}

/**
 * The store's (query i, key j) as a view's (row, column). With nothing pointed at, a square
 * matrix marks the query's row, which the prose keeps referring to.
 */
function viewHighlight(axis: TokenAxis, h: Highlight, query: number): Highlight {
  const token = h.j ?? h.i;
  if (axis === 'both') return h.i === null && h.j === null ? { i: query, j: null } : h;
  if (axis === 'rows') return { i: h.i ?? h.j, j: null };
  if (axis === 'cols') return { i: null, j: token };
  return { i: null, j: null };
}

/** A view's hovered (row, column) as the store's (query i, key j). */
function storeHighlight(axis: TokenAxis, h: Highlight, query: number): Highlight {
  if (axis === 'both') return h;
  if (axis === 'rows') return { i: h.i, j: null };
  if (axis === 'cols') return h.j === null ? { i: null, j: null } : { i: query, j: h.j };
  return { i: null, j: null };
}

interface MatrixShown {
  value: Tensor;
  rows: readonly string[];
  cols: readonly string[];
  tokens: TokenAxis;
}

/** What a matrix view shows, with its labels; null when the lesson has no such value. */
function matrixOf(d: Derived, tokens: readonly string[], name: MatrixName): MatrixShown | null {
  const dims = (t: Tensor) => dimLabels(t.shape[t.shape.length - 1]!);
  const q = [d.queryToken];
  const t = d.trainable;
  const square = (value: Tensor): MatrixShown => ({
    value,
    rows: tokens,
    cols: tokens,
    tokens: 'both',
  });
  const perToken = (value: Tensor): MatrixShown => ({
    value,
    rows: tokens,
    cols: dims(value),
    tokens: 'rows',
  });
  const perKey = (value: Tensor, rows = q): MatrixShown => ({
    value,
    rows,
    cols: tokens,
    tokens: 'cols',
  });
  const queryVector = (value: Tensor): MatrixShown => ({
    value,
    rows: q,
    cols: dims(value),
    tokens: 'none',
  });
  switch (name) {
    case 'scores':
      return square(d.scores);
    case 'weights':
      return square(d.weights);
    case 'context':
      return perToken(d.context);
    case 'queryScores':
      return perKey(d.queryScores);
    case 'queryNaive':
      return perKey(d.queryNaive);
    case 'queryWeights':
      return perKey(d.queryWeights);
    case 'queryContext':
      return queryVector(d.queryContext);
    case 'norms':
      return perKey(d.norms, ['length']);
    case 'keys':
      return t && perToken(t.keys);
    case 'values':
      return t && perToken(t.values);
    case 'omega':
      return t && perKey(t.omega);
    case 'maskedScores':
      return t && square(t.maskedScores);
    case 'trainableWeights':
      return t && perKey(t.weights);
    case 'trainableContext':
      return t && queryVector(t.context);
  }
}
