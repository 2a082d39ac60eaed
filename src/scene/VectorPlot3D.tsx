/**
 * The 3-D vector plot: the notebooks' matplotlib quiver figure, live. Loaded lazily (this module
 * and three.js are their own chunk), so prose and tables paint first.
 */
import { memo, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { FocusEvent, KeyboardEvent, PointerEvent } from 'react';
import { Canvas } from '@react-three/fiber';
import { INK, plotColor } from '../view/colors';
import { useTheme } from '../app/theme';
import {
  copyCoords,
  describeVector,
  keyMove,
  movedCoords,
  roundCoord,
  type PlotVector,
} from '../view/plotMath';
import { useStableHandlers } from '../app/useStableHandlers';
import './quiet';
import { PlotBridge } from './bridge';
import { LABEL_FONT } from './labels';
import { DEFAULT_AZIM, DEFAULT_ELEV } from './sceneMath';
import { webglIsSoftware } from './webgl';
import { FOV, Scene, type SceneVector } from './Scene';

export interface VectorPlot3DProps {
  /** The figure's title, as the notebook's `plt.title`. */
  title: string;
  /** The arrows; the first three values of each are drawn. */
  vectors: readonly PlotVector[];
  /** Names of the three axes (X, Y, Z; or PC1.. for a projection). */
  axisNames: readonly string[];
  /** The query's attention weights on the tokens (vectors 0..n-1), or null. */
  weights: ArrayLike<number> | null;
  /** One sentence for the canvas's accessible name. */
  summary: string;
  /** A projection of more dimensions: nothing can be dragged or moved by keys. */
  readOnly: boolean;
  /** Whether the "build the context vector" toggle applies (a context vector is shown). */
  canBuild: boolean;
  build: boolean;
  weightOpacity: boolean;
  onOptions: (p: { buildContext?: boolean; weightOpacity?: boolean }) => void;
  /** A drag step or key press: vector `index` now has these 3 coordinates (rounded, clamped). */
  onMove: (index: number, next: number[]) => void;
  highlight: number | null;
  onHighlight: (index: number | null) => void;
  /** WebGL failed or was lost: the caller shows the 2-D plot instead. */
  onLost: () => void;
}

const DIMS = 3;
const noEvents = () => ({ enabled: false, priority: 0 });
/** Coordinate units per CSS pixel when a word in the list is dragged. */
const SCRUB_RATE = 0.005;
/** What one tap on a nudge button moves. */
const NUDGE = 0.05;
const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(2) : String(v));

export default function VectorPlot3D(props: VectorPlot3DProps) {
  const {
    title,
    vectors,
    axisNames,
    weights,
    summary,
    readOnly,
    canBuild,
    build,
    weightOpacity,
    onOptions,
    onMove,
    highlight,
    onHighlight,
    onLost,
  } = props;
  const uid = useId();
  const helpId = `${uid}-help`;
  // The list's swatches match the arrows, which the dark theme lightens (plotColor).
  useTheme();
  const [bridge] = useState(
    () =>
      new PlotBridge(
        { values: vectors.map((v) => v.values), weights, highlight },
        { onMove, onHighlight, onLost },
      ),
  );
  const [saving, setSaving] = useState(false);
  /** The word the nudge buttons move: the last one focused, at first the query. */
  const [nudged, setNudged] = useState<number | null>(null);

  // Every render (so every drag step) hands the new coordinates to the scene transiently.
  useLayoutEffect(() => {
    bridge.setCallbacks({ onMove, onHighlight, onLost });
    bridge.store.setState({ values: vectors.map((v) => v.values), weights, highlight });
  });

  // The scene's structure: its React tree re-renders only when this changes, never in a drag.
  const structure = vectors
    .map((v) => `${v.label}\u0000${v.color}\u0000${v.draggable}\u0000${v.emphasis === true}`)
    .join('\u0001');
  const sceneVectors = useMemo<SceneVector[]>(
    () =>
      structure.split('\u0001').map((s) => {
        const [label = '', color = '', draggable, emphasis] = s.split('\u0000');
        return { label, color, draggable: draggable === 'true', emphasis: emphasis === 'true' };
      }),
    [structure],
  );
  const names = axisNames.join('\u0000');
  const sceneNames = useMemo(() => names.split('\u0000'), [names]);
  const doBuild = canBuild && build;

  const canvas = useMemo(
    () => (
      <Canvas
        className="pv-canvas"
        frameloop="demand"
        // Scrolling the page moves the canvas but changes nothing in it: no frame for that.
        resize={{ scroll: false }}
        // The scene does its own hit testing (a few projected tips); R3F's raycasting events
        // would read offsetX on every pointer move, forcing a layout of the whole page mid-drag.
        events={noEvents}
        flat
        // Drawn on the CPU, multisampling costs a third of every frame (the 64-token playground's
        // plot: 31 -> 22 ms of CPU a frame without it), time taken from the page on a small
        // machine. There the edges go unsmoothed; on a GPU nothing changes.
        gl={{ antialias: !webglIsSoftware() }}
        dpr={[1, 2]}
        camera={{ fov: FOV, near: 0.05, far: 60, up: [0, 0, 1], position: [3, -3, 2] }}
        role="img"
        aria-label={summary}
        onCreated={({ gl }) => gl.setClearColor('#ffffff', 1)}
      >
        <Scene
          bridge={bridge}
          vectors={sceneVectors}
          axisNames={sceneNames}
          build={doBuild}
          weightOpacity={weightOpacity}
          readOnly={readOnly}
        />
      </Canvas>
    ),
    [bridge, sceneVectors, sceneNames, doBuild, weightOpacity, readOnly, summary],
  );

  function saveImage() {
    const api = bridge.api;
    if (!api) return;
    setSaving(true);
    try {
      const src = api.renderNow();
      const scale = src.clientWidth > 0 ? src.width / src.clientWidth : 1;
      const titleHeight = Math.round(34 * scale);
      const out = document.createElement('canvas');
      out.width = src.width;
      out.height = src.height + titleHeight;
      const ctx = out.getContext('2d');
      if (!ctx) return;
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, out.width, out.height);
      ctx.fillStyle = INK;
      ctx.font = `${Math.round(15 * scale)}px ${LABEL_FONT}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(title, out.width / 2, titleHeight * 0.6, out.width - 8 * scale);
      ctx.drawImage(src, 0, titleHeight);
      const a = document.createElement('a');
      a.href = out.toDataURL('image/png');
      a.download = 'attention-vectors.png';
      a.click();
    } finally {
      setSaving(false);
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLElement>, k: number) {
    const v = vectors[k];
    if (!v || readOnly || !v.draggable) return;
    const mv = keyMove(e, DIMS, 0, 1);
    if (!mv) return;
    e.preventDefault(); // arrows and Page keys would scroll the page
    onMove(k, movedCoords(v.values, DIMS, mv.axis, mv.delta));
  }

  // A word in the list can be scrubbed like the table's handles: sideways moves X, up and down
  // moves Y (as its arrow keys do), 0.005 per pixel. One more way to move a vector that needs
  // no aiming at a tip.
  const scrubRef = useRef<{ id: number; k: number; x: number; y: number; start: number[] } | null>(
    null,
  );
  function onScrubStart(e: PointerEvent<HTMLElement>, k: number) {
    const v = vectors[k];
    if (!v || readOnly || !v.draggable || !e.isPrimary) return;
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    scrubRef.current = {
      id: e.pointerId,
      k,
      x: e.clientX,
      y: e.clientY,
      start: copyCoords(v.values, DIMS),
    };
  }
  function onScrubMove(e: PointerEvent<HTMLElement>) {
    const s = scrubRef.current;
    if (!s || s.id !== e.pointerId) return;
    const v = vectors[s.k];
    if (!v) return;
    const next = [...s.start];
    next[0] = roundCoord(s.start[0]! + (e.clientX - s.x) * SCRUB_RATE);
    next[1] = roundCoord(s.start[1]! - (e.clientY - s.y) * SCRUB_RATE);
    if (next[0] === v.values[0] && next[1] === v.values[1]) return;
    onMove(s.k, next);
  }
  function onScrubEnd(e: PointerEvent<HTMLElement>) {
    if (scrubRef.current?.id === e.pointerId) scrubRef.current = null;
  }

  function onBlur(e: FocusEvent<HTMLElement>) {
    const next = e.relatedTarget;
    const list = e.currentTarget.closest('ul');
    if (!(next instanceof Node && list?.contains(next)) && highlight !== null) onHighlight(null);
  }

  // The toolbar and the list's words get handlers that never change, so a word whose props stay
  // the same is not rendered again (64 words in the playground), nor the toolbar.
  const actions = useStableHandlers<PlotActions>({
    keyDown: onKeyDown,
    scrubStart: onScrubStart,
    scrubMove: onScrubMove,
    scrubEnd: onScrubEnd,
    blur: onBlur,
    focus: (k) => {
      setNudged(k);
      if (highlight !== k) onHighlight(k);
    },
    options: onOptions,
    save: saveImage,
  });

  const help = readOnly
    ? 'Drag to turn the plot, scroll or pinch to zoom, right-drag or two fingers to pan.'
    : 'Drag a tip to move it in the plane facing you, or with Shift along one axis (the one ' +
      'most in line with your first movement). Drag elsewhere to turn the plot, scroll or pinch ' +
      `to zoom, right-drag or two fingers to pan. Or drag a word below (sideways moves ` +
      `${axisNames[0]}, up and down ${axisNames[1]}), or focus it: arrows move ` +
      `${axisNames[0]} and ${axisNames[1]}, Page Up and Page Down move ${axisNames[2]}; Shift ` +
      'moves 0.1, Alt 0.001, otherwise 0.01.';

  // Taps on buttons move a word too: WCAG 2.5.7 asks for a way without dragging for pointers.
  const movable = vectors.flatMap((v, k) => (v.draggable ? [k] : []));
  const fallbackNudge = movable.find((k) => vectors[k]!.emphasis) ?? movable[0] ?? 0;
  const nudgeIndex = nudged !== null && movable.includes(nudged) ? nudged : fallbackNudge;

  let maxW = 0;
  if (weights) for (let i = 0; i < weights.length; i++) maxW = Math.max(maxW, weights[i]!);

  return (
    <>
      <PlotToolbar
        bridge={bridge}
        actions={actions}
        saving={saving}
        canBuild={canBuild}
        build={build}
        hasWeights={weights !== null}
        weightOpacity={weightOpacity}
      />
      <div className="pv-stage" data-view={`${DEFAULT_AZIM},${DEFAULT_ELEV}`}>
        {canvas}
      </div>
      <p className="pv-help" id={helpId}>
        {help}
      </p>
      <ul className="pv-list" aria-label="Vectors">
        {vectors.map((v, k) => {
          const w = weights && k < weights.length ? weights[k]! : null;
          const interactive = v.draggable && !readOnly;
          return (
            <PlotItem
              key={k}
              k={k}
              label={v.label}
              color={v.color}
              x={v.values[0] ?? 0}
              y={v.values[1] ?? 0}
              z={v.values[2] ?? 0}
              emphasis={v.emphasis === true}
              // The weight shows in the bar, and in a movable word's value text: elsewhere it is
              // left out, so a word whose coordinates stay is not rendered again.
              w={interactive || weightOpacity ? w : null}
              maxW={weightOpacity ? maxW : 0}
              weightBar={weightOpacity}
              highlighted={highlight === k}
              interactive={interactive}
              axisNames={sceneNames}
              helpId={helpId}
              bridge={bridge}
              actions={actions}
            />
          );
        })}
      </ul>
      {!readOnly && movable.length > 0 && (
        <div className="pv-nudge" role="group" aria-label="Move a word by tapping">
          <label>
            Move{' '}
            <select value={nudgeIndex} onChange={(e) => setNudged(Number(e.target.value))}>
              {movable.map((k) => (
                <option key={k} value={k}>
                  {vectors[k]!.label}
                </option>
              ))}
            </select>
          </label>
          {[0, 1, 2].map((axis) => (
            <span key={axis} className="pv-nudge-axis">
              {axisNames[axis]}
              {[-NUDGE, NUDGE].map((delta) => (
                <button
                  key={delta}
                  type="button"
                  aria-label={`${axisNames[axis]} ${delta < 0 ? 'minus' : 'plus'} ${NUDGE}`}
                  onClick={() => {
                    const v = vectors[nudgeIndex];
                    if (v) onMove(nudgeIndex, movedCoords(v.values, DIMS, axis, delta));
                  }}
                >
                  {delta < 0 ? '−' : '+'}
                </button>
              ))}
            </span>
          ))}
        </div>
      )}
    </>
  );
}

/** The plot's handlers, for its toolbar and for word `k` of its list. */
interface PlotActions {
  keyDown: (e: KeyboardEvent<HTMLElement>, k: number) => void;
  scrubStart: (e: PointerEvent<HTMLElement>, k: number) => void;
  scrubMove: (e: PointerEvent<HTMLElement>) => void;
  scrubEnd: (e: PointerEvent<HTMLElement>) => void;
  blur: (e: FocusEvent<HTMLElement>) => void;
  focus: (k: number) => void;
  options: (p: { buildContext?: boolean; weightOpacity?: boolean }) => void;
  save: () => void;
}

/** Reset view, Save image and the plot's options. Memoised: an edit or a drag changes none of it. */
const PlotToolbar = memo(function PlotToolbar(props: {
  bridge: PlotBridge;
  actions: PlotActions;
  saving: boolean;
  canBuild: boolean;
  build: boolean;
  hasWeights: boolean;
  weightOpacity: boolean;
}) {
  const { actions } = props;
  return (
    <div className="pv-toolbar">
      <button type="button" onClick={() => props.bridge.api?.resetView()}>
        Reset view
      </button>
      <button type="button" onClick={actions.save} disabled={props.saving}>
        Save image
      </button>
      {props.canBuild && (
        <label className="pv-check">
          <input
            type="checkbox"
            checked={props.build}
            onChange={(e) => actions.options({ buildContext: e.target.checked })}
          />{' '}
          Build the context vector
        </label>
      )}
      {props.hasWeights && (
        <label className="pv-check">
          <input
            type="checkbox"
            checked={props.weightOpacity}
            onChange={(e) => actions.options({ weightOpacity: e.target.checked })}
          />{' '}
          Show attention weights
        </label>
      )}
    </div>
  );
});

/**
 * One word of the plot's list: its swatch, name, first three coordinates and (with the weights
 * shown) its weight bar; a slider when it can be moved. Memoised: an edit or a drag moves one
 * word, and only that one renders again.
 */
const PlotItem = memo(function PlotItem(props: {
  k: number;
  label: string;
  color: string;
  x: number;
  y: number;
  z: number;
  emphasis: boolean;
  w: number | null;
  maxW: number;
  weightBar: boolean;
  highlighted: boolean;
  interactive: boolean;
  axisNames: readonly string[];
  helpId: string;
  bridge: PlotBridge;
  actions: PlotActions;
}) {
  const { k, label, x, y, z, w, maxW, bridge, actions } = props;
  const content = (
    <>
      <span
        className="pv-swatch"
        style={{ background: plotColor(props.color) }}
        aria-hidden="true"
      />
      <span className={props.emphasis ? 'pv-name is-emphasis' : 'pv-name'}>{label}</span>
      <span className="pv-coords" aria-hidden="true">
        ({fmt(x)}, {fmt(y)}, {fmt(z)})
      </span>
      {props.weightBar && w !== null && (
        <span className="pv-weight" aria-hidden="true">
          <span className="pv-weight-track">
            <span
              className="pv-weight-bar"
              style={{ width: `${maxW > 0 ? (100 * w) / maxW : 0}%` }}
            />
          </span>
          α {w.toFixed(4)}
        </span>
      )}
    </>
  );
  const className = props.highlighted ? 'pv-item is-highlight' : 'pv-item';
  const description = describeVector(label, [x, y, z], DIMS, props.axisNames);
  const tipRef = (el: HTMLDivElement | null) => bridge.setTipEl(k, el);
  return (
    <li>
      {props.interactive ? (
        <div
          ref={tipRef}
          className={className}
          role="slider"
          tabIndex={0}
          aria-label={`${label} vector`}
          aria-valuetext={description + (w !== null ? `, weight ${w.toFixed(4)}` : '')}
          aria-valuenow={roundCoord(x)}
          aria-valuemin={-1000}
          aria-valuemax={1000}
          aria-describedby={props.helpId}
          onKeyDown={(e) => actions.keyDown(e, k)}
          onPointerDown={(e) => actions.scrubStart(e, k)}
          onPointerMove={actions.scrubMove}
          onPointerUp={actions.scrubEnd}
          onPointerCancel={actions.scrubEnd}
          onLostPointerCapture={actions.scrubEnd}
          onFocus={() => actions.focus(k)}
          onBlur={actions.blur}
        >
          {content}
        </div>
      ) : (
        <div ref={tipRef} className={className}>
          {content}
          <span className="pv-sr">{description}</span>
        </div>
      )}
    </li>
  );
});
