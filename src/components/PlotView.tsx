import {
  Component,
  Suspense,
  lazy,
  useCallback,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { pcaApply, pcaProject, type PcaResult } from '../math/pca';
import type { Tensor } from '../math/tensor';
import { webglSupport } from '../scene/webgl';
import type { PlotOptions } from '../state/plotOptions';
import { CONTEXT_COLOR } from '../view/colors';
import { basisStep, defaultAxisNames } from '../view/plotMath';
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
  /** How the plot draws (the page owns them: a lesson's travel in its links, the playground's not). */
  options: PlotOptions;
  /** The learner toggled a plot option. */
  onOptions: (change: Partial<PlotOptions>) => void;
  /** Nothing can be moved (a classroom link turned editing off); the view still turns and zooms. */
  readOnly: boolean;
}

type Fallback = 'no-webgl' | 'lost' | 'failed';

/** What the 3-D plot draws: the vectors themselves, or their projection when d > 3. */
export interface Projected {
  vectors: PlotVector[];
  axisNames: string[];
  /** Set for a projection: the sentence that says so. */
  note: string | null;
  /** The projection's basis (null without one), to pass back in for the next change. */
  pca: PcaResult | null;
}

/** How long the vectors must rest before a projection kept through a burst of changes refits. */
export const REFIT_IDLE_MS = 400;

const pct = (r: number) => `${Math.round(r * 100)}%`;

/**
 * The vectors as the 3-D plot shows them. With three dimensions, as they are. With more, the
 * token vectors' first three principal components (centred PCA) and the context vector projected
 * the same way; read-only, since a move in the projection does not say where in d dimensions the
 * vector should go. Given a `basis` (an earlier fit for the same d), every vector is projected
 * onto it instead of fitting anew.
 */
export function projectForPlot(
  vectors: readonly PlotVector[],
  dims: number,
  tokens: number,
  basis: PcaResult | null = null,
): Projected {
  if (dims <= 3) {
    return { vectors: [...vectors], axisNames: defaultAxisNames(3), note: null, pca: null };
  }
  const n = Math.min(tokens, vectors.length);
  let pca = basis;
  if (!pca || pca.mean.data.length !== dims) {
    const data = new Float32Array(n * dims);
    for (let i = 0; i < n; i++) {
      const v = vectors[i]!.values;
      for (let j = 0; j < dims; j++) data[i * dims + j] = v[j] ?? 0;
    }
    pca = pcaProject({ shape: [n, dims], data }, 3);
  }
  const fitted = pca !== basis;
  const projected = vectors.map((v, i) => ({
    ...v,
    draggable: false,
    values:
      fitted && i < n ? pca.coords.data.slice(i * 3, i * 3 + 3) : pcaApply(pca, v.values).data,
  }));
  const e = pca.explained.data;
  return {
    vectors: projected,
    axisNames: ['PC1', 'PC2', 'PC3'],
    note:
      `These vectors have ${dims} dimensions, so the plot shows a projection: their first three ` +
      `principal components (PC1 ${pct(e[0]!)}, PC2 ${pct(e[1]!)}, PC3 ${pct(e[2]!)} of the ` +
      `variance, centred on the mean word). It is read-only: edit the table to move a word.`,
    pca,
  };
}

/** What the plot projected last, and from what: the input of the next `advanceProjection`. */
export interface ProjectionState {
  vectors: readonly PlotVector[];
  dims: number;
  tokens: number;
  /** The idle refits requested so far: a new count asks for a fresh fit of the same vectors. */
  refits: number;
  /** Null when d <= 3 (nothing to project). */
  projected: Projected | null;
  /** Projected with a basis fitted to other values: a refit is due once changes pause. */
  stale: boolean;
}

/**
 * projectForPlot, keeping the basis through a burst of single-vector changes (the steps of an
 * edit or a drag, see `basisStep`) and marking the result stale, so the caller refits
 * (bumping `refits`) once the changes pause.
 */
export function advanceProjection(
  prev: ProjectionState | null,
  vectors: readonly PlotVector[],
  dims: number,
  tokens: number,
  refits: number,
): ProjectionState {
  const base = { vectors, dims, tokens, refits };
  if (dims <= 3) return { ...base, projected: null, stale: false };
  const old = prev?.projected && prev.dims === dims && prev.refits === refits ? prev : null;
  const rowsOf = (s: { vectors: readonly PlotVector[]; tokens: number }) =>
    s.vectors.slice(0, s.tokens).map((v) => v.values);
  const step = old ? basisStep(rowsOf(old), rowsOf(base), dims) : 'refit';
  const basis = step === 'refit' ? null : old!.projected!.pca;
  return {
    ...base,
    projected: projectForPlot(vectors, dims, tokens, basis),
    stale: step === 'reuse' || (step === 'keep' && old!.stale),
  };
}

/** advanceProjection across renders, with the idle timer that refits a stale projection. */
function useProjection(
  vectors: readonly PlotVector[],
  dims: number,
  tokens: number,
): Projected | null {
  const [refits, setRefits] = useState(0);
  const [state, setState] = useState<ProjectionState | null>(null);
  let current = state;
  // Three dimensions or fewer (every lesson): nothing to project, so no state to keep either.
  if (dims <= 3) current = null;
  else if (
    !current ||
    current.vectors !== vectors ||
    current.dims !== dims ||
    current.tokens !== tokens ||
    current.refits !== refits
  ) {
    // React's "information from previous renders" pattern: the next state from the last one.
    current = advanceProjection(current, vectors, dims, tokens, refits);
    setState(current);
  }
  const stale = current?.stale ?? false;
  useEffect(() => {
    if (!stale) return;
    const timer = window.setTimeout(() => setRefits((r) => r + 1), REFIT_IDLE_MS);
    return () => window.clearTimeout(timer);
  }, [current, stale]);
  return current?.projected ?? null;
}

/** Holds the 3-D stage's place (same box) until three.js and the scene are there. */
function PlotPlaceholder() {
  return <div className="pv-stage pv-loading" role="img" aria-label="The 3-D plot is loading" />;
}

/** How close (beyond the viewport's bottom or top edge) a plot must come before it loads. */
const NEAR_MARGIN = '300px 0px';

/**
 * Becomes true, and stays true, once the element comes within NEAR_MARGIN of the viewport (at
 * once where IntersectionObserver is missing). Staying true keeps a scene that scrolled away
 * mounted, with its camera where the learner left it.
 */
function useNearViewport(): [(el: HTMLElement | null) => void, boolean] {
  // Without IntersectionObserver every figure counts as near; outside a browser (pages
  // pre-rendered at build time) none does, as in a browser's first render.
  const [near, setNear] = useState(
    () => typeof window !== 'undefined' && typeof IntersectionObserver === 'undefined',
  );
  const ref = useCallback(
    (el: HTMLElement | null) => {
      if (!el || near) return;
      const io = new IntersectionObserver(
        (entries) => {
          if (entries.some((e) => e.isIntersecting)) {
            setNear(true);
            io.disconnect();
          }
        },
        { rootMargin: NEAR_MARGIN },
      );
      io.observe(el);
      return () => io.disconnect();
    },
    [near],
  );
  return [ref, near];
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
  const { dims, weights, query, context, onMove, highlight, onHighlight, options, onOptions } =
    props;
  const title = props.title ?? NOTEBOOK_PLOT_TITLE;
  const [failure, setFailure] = useState<Fallback | null>(null);
  // three.js (250 kB gzip) and the WebGL probe wait until the figure nears the screen: a phone
  // on a slow network does not fetch a plot the learner has not scrolled to.
  const [figureRef, near] = useNearViewport();
  const fallback = failure ?? (near && !webglSupport() ? 'no-webgl' : null);
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
  const projected = useProjection(vectors, dims, tokens);

  if (dims < 3 || fallback) {
    return (
      <div className="pv-fallback">
        {fallback && (
          <p className="pv-note" role="status">
            {fallback === 'no-webgl'
              ? 'This browser cannot draw 3-D graphics (WebGL is off or missing), so the plot is ' +
                'drawn flat, two axes at a time.' +
                (props.readOnly ? '' : ' Drag a tip or use the keys as before.')
              : 'The 3-D view stopped (the browser took back its graphics context), so the plot ' +
                'is drawn flat, two axes at a time.'}{' '}
            {fallback !== 'no-webgl' && (
              <button type="button" className="pv-retry" onClick={() => setFailure(null)}>
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
          readOnly={props.readOnly}
        />
      </div>
    );
  }

  const shown = projected ?? {
    vectors,
    axisNames: defaultAxisNames(3),
    note: null,
    pca: null,
  };
  const summary =
    `3-D plot of ${tokens} word vectors as arrows from the origin` +
    (vectors.length > tokens ? `, with the context vector of ${queryLabel} in black` : '') +
    `. The query, ${queryLabel}, is drawn thicker. Each vector's coordinates are listed below.`;

  return (
    <figure className="pv" ref={figureRef}>
      <figcaption className="pv-title">{title}</figcaption>
      {shown.note && <p className="pv-note">{shown.note}</p>}
      <PlotErrorBoundary onError={() => setFailure('failed')}>
        <Suspense fallback={<PlotPlaceholder />}>
          {near ? (
            <VectorPlot3D
              title={title}
              vectors={shown.vectors}
              axisNames={shown.axisNames}
              weights={weights.data}
              summary={summary}
              readOnly={projected !== null || props.readOnly}
              canBuild={tokens > 0}
              build={options.buildContext}
              weightOpacity={options.weightOpacity}
              onOptions={onOptions}
              onMove={onMove}
              highlight={highlight}
              onHighlight={onHighlight}
              onLost={() => setFailure('lost')}
            />
          ) : (
            <PlotPlaceholder />
          )}
        </Suspense>
      </PlotErrorBoundary>
    </figure>
  );
}
