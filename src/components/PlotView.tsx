import { Component, Suspense, lazy, useMemo, useState, type ReactNode } from 'react';
import { pcaApply, pcaProject } from '../math/pca';
import type { Tensor } from '../math/tensor';
import { webglSupport } from '../scene/webgl';
import { appStore, CLASSROOM_EDIT, useApp } from '../state/store';
import { CONTEXT_COLOR } from './colors';
import { defaultAxisNames } from './plotMath';
import { VectorPlot2D, type PlotVector } from './VectorPlot2D';
import './PlotView.css';

// three.js and the scene are a chunk of their own, fetched only when a plot is shown in 3-D.
const VectorPlot3D = lazy(() => import('../scene/VectorPlot3D'));

/** The notebooks' `plt.title(...)`. */
export const NOTEBOOK_PLOT_TITLE = '3D Plot of Word Embeddings with Colored Vectors';
const TITLE_2D = 'Word embeddings as arrows from the origin';

export interface PlotViewProps {
  /** The figure's title; defaults to the notebooks' matplotlib title. */
  title?: string;
  /** One arrow per token (draggable), then optionally the context vector (not draggable). */
  vectors: readonly PlotVector[];
  /** d, the length of every vector's values. */
  dims: number;
  /** The query's attention weights over the tokens, [n] (`d.queryWeights`). */
  weights: Tensor;
  /** 0-based query token (`d.query`). */
  query: number;
  /**
   * The query's context vector, [d] (`d.queryContext`): drawn as a black arrow when `vectors`
   * ends with it, and added for "Build the context vector" on steps whose vectors do not.
   */
  context: Tensor;
  /** A drag step or key press: vector `index` now has these full coordinates. */
  onMove: (index: number, next: number[]) => void;
  highlight: number | null;
  onHighlight: (index: number | null) => void;
}

type Fallback = 'no-webgl' | 'lost' | 'failed';

/** What the 3-D plot draws: the vectors themselves, or their projection when d > 3. */
export interface Projected {
  vectors: PlotVector[];
  axisNames: string[];
  /** Set for a projection: the sentence that says so. */
  note: string | null;
}

const pct = (r: number) => `${Math.round(r * 100)}%`;

/**
 * The vectors as the 3-D plot shows them. With three dimensions, as they are. With more, the
 * token vectors' first three principal components (centred PCA) and the context vector projected
 * the same way; read-only, since a move in the projection does not say where in d dimensions the
 * vector should go.
 */
export function projectForPlot(
  vectors: readonly PlotVector[],
  dims: number,
  tokens: number,
): Projected {
  if (dims <= 3) return { vectors: [...vectors], axisNames: defaultAxisNames(3), note: null };
  const n = Math.min(tokens, vectors.length);
  const data = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    const v = vectors[i]!.values;
    for (let j = 0; j < dims; j++) data[i * dims + j] = v[j] ?? 0;
  }
  const pca = pcaProject({ shape: [n, dims], data }, 3);
  const projected = vectors.map((v, i) => ({
    ...v,
    draggable: false,
    values: i < n ? pca.coords.data.slice(i * 3, i * 3 + 3) : pcaApply(pca, v.values).data,
  }));
  const e = pca.explained.data;
  return {
    vectors: projected,
    axisNames: ['PC1', 'PC2', 'PC3'],
    note:
      `These vectors have ${dims} dimensions, so the plot shows a projection: their first three ` +
      `principal components (PC1 ${pct(e[0]!)}, PC2 ${pct(e[1]!)}, PC3 ${pct(e[2]!)} of the ` +
      `variance, centred on the mean word). It is read-only: edit the table to move a word.`,
  };
}

class PlotErrorBoundary extends Component<
  { onError: () => void; children: ReactNode },
  { failed: boolean }
> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch() {
    this.props.onError();
  }
  override render() {
    return this.state.failed ? null : this.props.children;
  }
}

/**
 * The vector plot: in 3-D (three.js, lazily loaded) when the browser has WebGL, with the 2-D plot
 * standing in while WebGL is missing or lost, so the lesson always has a plot that can be dragged.
 */
export function PlotView(props: PlotViewProps) {
  const { dims, weights, query, context, onMove, highlight, onHighlight } = props;
  const title = props.title ?? NOTEBOOK_PLOT_TITLE;
  const [fallback, setFallback] = useState<Fallback | null>(() =>
    webglSupport() ? null : 'no-webgl',
  );
  const options = useApp((s) => s.plotOptions);
  // A classroom link with editing off: the store refuses edits, so the plot offers none.
  const editingOff = useApp((s) => (s.classroom & CLASSROOM_EDIT) !== 0);
  const tokens = weights.data.length;
  const queryLabel = props.vectors[query]?.label ?? 'the query';
  // Building the context vector needs its arrow: the steps that do not show it get it added.
  const hasContext = props.vectors.length > tokens;
  const vectors = useMemo(
    () =>
      hasContext || !options.buildContext || dims < 3
        ? props.vectors
        : [
            ...props.vectors,
            {
              label: `context vector for ${queryLabel}`,
              color: CONTEXT_COLOR,
              values: context.data,
              draggable: false,
              emphasis: true,
            },
          ],
    [props.vectors, hasContext, options.buildContext, dims, queryLabel, context],
  );
  const projected = useMemo(
    () => (dims > 3 ? projectForPlot(vectors, dims, tokens) : null),
    [vectors, dims, tokens],
  );

  if (dims < 3 || fallback) {
    return (
      <div className="pv-fallback">
        {fallback && (
          <p className="pv-note" role="status">
            {fallback === 'no-webgl'
              ? 'This browser cannot draw 3-D graphics (WebGL is off or missing), so the plot is ' +
                'drawn flat, two axes at a time. Drag a tip or use the keys as before.'
              : 'The 3-D view stopped (the browser took back its graphics context), so the plot ' +
                'is drawn flat, two axes at a time.'}{' '}
            {fallback !== 'no-webgl' && (
              <button type="button" className="pv-retry" onClick={() => setFallback(null)}>
                Try 3-D again
              </button>
            )}
          </p>
        )}
        <VectorPlot2D
          title={TITLE_2D}
          vectors={props.vectors}
          dims={dims}
          onMove={onMove}
          highlight={highlight}
          onHighlight={onHighlight}
        />
      </div>
    );
  }

  const shown = projected ?? {
    vectors,
    axisNames: defaultAxisNames(3),
    note: null,
  };
  const summary =
    `3-D plot of ${tokens} word vectors as arrows from the origin` +
    (vectors.length > tokens ? `, with the context vector of ${queryLabel} in black` : '') +
    `. The query, ${queryLabel}, is drawn thicker. Each vector's coordinates are listed below.`;

  return (
    <figure className="pv">
      <figcaption className="pv-title">{title}</figcaption>
      {shown.note && <p className="pv-note">{shown.note}</p>}
      <PlotErrorBoundary onError={() => setFallback('failed')}>
        <Suspense
          fallback={
            <div className="pv-stage pv-loading" role="img" aria-label="The 3-D plot is loading" />
          }
        >
          <VectorPlot3D
            title={title}
            vectors={shown.vectors}
            axisNames={shown.axisNames}
            weights={weights.data}
            summary={summary}
            readOnly={projected !== null || editingOff}
            canBuild={tokens > 0}
            build={options.buildContext}
            weightOpacity={options.weightOpacity}
            onOptions={(p) => appStore.getState().setPlotOptions(p)}
            onMove={onMove}
            highlight={highlight}
            onHighlight={onHighlight}
            onLost={() => setFallback('lost')}
          />
        </Suspense>
      </PlotErrorBoundary>
    </figure>
  );
}
