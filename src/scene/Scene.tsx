import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useFrame, useThree } from '@react-three/fiber';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import { Plane, Raycaster, Vector2, Vector3, type PerspectiveCamera } from 'three';
import { readableOn } from '../view/colors';
import { roundCoord, type AxisDomain } from '../view/plotMath';
import type { PlotBridge } from './bridge';
import { Axes } from './Axes';
import { LabelSet } from './labels';
import { ArrowSet } from './objects';
import {
  DEFAULT_AZIM,
  DEFAULT_ELEV,
  alignedAxis,
  boxLayout,
  chainPoints,
  closestOnLine,
  cubeDomain,
  fitDistance,
  layoutKey,
  toDataCoord,
  toSceneCoord,
  viewOffset,
  weightStyle,
  type BoxLayout,
  type Vec3,
} from './sceneMath';

/** The structural part of a vector: what changes only when the lesson or the query changes. */
export interface SceneVector {
  label: string;
  color: string;
  draggable: boolean;
  emphasis: boolean;
}

export interface SceneProps {
  bridge: PlotBridge;
  vectors: readonly SceneVector[];
  axisNames: readonly string[];
  /** Draw alpha_i x_i tip to tail from the origin to the context vector. */
  build: boolean;
  /** Token arrows' opacity and width follow their attention weight. */
  weightOpacity: boolean;
  /** No dragging (a projection of higher-dimensional vectors). */
  readOnly: boolean;
}

/** Vertical field of view: a mild perspective, like matplotlib's default `persp` projection. */
export const FOV = 26;
/** The box (radius sqrt(3)/2) plus its labels, and a little air. */
const VIEW_RADIUS = 0.78;
/** The camera looks a little below the box's centre: the labels under the floor need the room. */
const TARGET_Z = -0.1;

// Sizes in scene units (the box is 1 wide).
const RADIUS = 0.0055;
const RADIUS_EMPHASIS = 0.009;
const HEAD_LENGTH = 0.06;
const HEAD_RADIUS = 0.021;
const CHAIN_RADIUS = 0.0045;
/** How far from a tip, in CSS pixels, a pointer still grabs it (touch gets more). */
const HIT_MOUSE = 18;
const HIT_TOUCH = 28;
/** Pixels a Shift-drag travels before it chooses its axis. */
const AXIS_LOCK_PX = 4;
const AXES_ = [new Vector3(1, 0, 0), new Vector3(0, 1, 0), new Vector3(0, 0, 1)] as const;

// Scratch objects: pointer moves and frames allocate nothing.
const _origin = new Vector3();
const _tip = new Vector3();
const _a = new Vector3();
const _b = new Vector3();
const _hit = new Vector3();
const _right = new Vector3();
const _dir = new Vector3();
const _ndc = new Vector2();
const _plane = new Plane();
const _ray = new Raycaster();
const _chain = new Float64Array(3 * 64);

interface Drag {
  index: number;
  pointerId: number;
  /** The canvas's client rect at grab time (reading it per move would force a layout). */
  rect: DOMRect;
  /** The data domain when the tip was grabbed: held so the tip stays under the pointer. */
  domain: AxisDomain;
  /** Coordinates at grab time, restored by Escape. */
  start: number[];
  shift: boolean;
  /** Where the current mode began: the tip (scene), the pointer (px), and tip minus hit point. */
  anchor: Vector3;
  anchorX: number;
  anchorY: number;
  offset: Vector3;
  /** Shift-drag: the chosen axis and the line parameter at the anchor, once chosen. */
  axis: number | null;
  t0: number;
}

function sameDomain(a: AxisDomain, b: AxisDomain) {
  return a.lo === b.lo && a.hi === b.hi && a.step === b.step;
}

/** matplotlib's default view (azim -60, elev 30, Z up), at a distance that fits the box. */
function placeCamera(camera: PerspectiveCamera, aspect: number) {
  const dist = fitDistance(VIEW_RADIUS, FOV, aspect, 1);
  const [x, y, z] = viewOffset(DEFAULT_AZIM, DEFAULT_ELEV, dist);
  camera.up.set(0, 0, 1);
  camera.fov = FOV;
  camera.zoom = 1;
  camera.position.set(x, y, z + TARGET_Z);
  camera.lookAt(0, 0, TARGET_Z);
  camera.updateProjectionMatrix();
}

/** Orbit (left drag, one finger), zoom (wheel, pinch) and pan (right drag, two fingers). */
function createControls(camera: PerspectiveCamera, dom: HTMLElement): OrbitControls {
  const controls = new OrbitControls(camera, dom);
  controls.target.set(0, 0, TARGET_Z);
  controls.screenSpacePanning = true;
  controls.minDistance = 0.8;
  controls.maxDistance = 25;
  controls.update();
  controls.saveState();
  return controls;
}

/** The frame counter tests read: a property of the canvas's dataset, no cost to speak of. */
function countFrame(canvas: HTMLCanvasElement, n: number) {
  canvas.dataset.frames = String(n);
}

function layoutFor(camera: PerspectiveCamera): BoxLayout {
  camera.updateMatrixWorld();
  _right.setFromMatrixColumn(camera.matrixWorld, 0);
  return boxLayout(
    [camera.position.x, camera.position.y, camera.position.z],
    [_right.x, _right.y, _right.z],
  );
}

/**
 * The plot inside the Canvas: box and axes, one arrow per vector with its label, the optional
 * tip-to-tail sum, camera controls and tip dragging. Coordinates come from `bridge.store`
 * transiently; this component re-renders only for structural changes.
 */
export function Scene({ bridge, vectors, axisNames, build, weightOpacity, readOnly }: SceneProps) {
  const camera = useThree((s) => s.camera) as PerspectiveCamera;
  const gl = useThree((s) => s.gl);
  const scene = useThree((s) => s.scene);
  const invalidate = useThree((s) => s.invalidate);
  const get = useThree((s) => s.get);
  const set = useThree((s) => s.set);

  const [domain, setDomain] = useState(() => cubeDomain(bridge.store.getState().values));
  const domainRef = useRef(domain);
  const [layout, setLayout] = useState<BoxLayout>(() => layoutFor(camera));
  const layoutRef = useRef(layoutKey(layout));
  const dragRef = useRef<Drag | null>(null);
  const hoverRef = useRef<number | null>(null);
  const controlsRef = useRef<OrbitControls | null>(null);
  /** Tips in scene coordinates, 3 per vector (NaN when not drawable). */
  const tipsRef = useRef(new Float64Array(0));
  const framesRef = useRef(0);
  const screenRef = useRef<string[]>([]);

  const arrows = useMemo(() => new ArrowSet(vectors.map((v) => v.color)), [vectors]);
  useEffect(() => () => arrows.dispose(), [arrows]);
  const dpr = useThree((s) => s.viewport.dpr);
  const labels = useMemo(
    () =>
      new LabelSet(
        vectors.map((v) => ({
          text: v.label,
          color: readableOn(v.color),
          px: 14,
          weight: v.emphasis ? 700 : 400,
          anchor: 'above-left' as const,
        })),
        // A long label near the right edge ("context vector for big" on a phone) goes to its
        // tip's other side instead of off the canvas.
        { dpr, keepOnCanvas: true, renderOrder: 11 },
      ),
    [vectors, dpr],
  );
  useEffect(() => () => labels.dispose(), [labels]);

  /** The tokens: vectors with a weight (the context vector, if shown, has none). */
  const tokenCount = bridge.store.getState().weights?.length ?? 0;
  const chain = useMemo(
    () =>
      build ? new ArrowSet(vectors.slice(0, Math.min(tokenCount, 63)).map((v) => v.color)) : null,
    [build, vectors, tokenCount],
  );
  useEffect(() => () => chain?.dispose(), [chain]);

  /** Moves every object to where the store says: the only per-change work of a drag. */
  const update = useCallback(() => {
    const s = bridge.store.getState();
    let d = domainRef.current;
    if (!dragRef.current) {
      const fit = cubeDomain(s.values);
      if (!sameDomain(fit, d)) {
        d = fit;
        domainRef.current = fit;
        setDomain(fit);
      }
    }
    _origin.set(toSceneCoord(0, d, 0), toSceneCoord(0, d, 1), toSceneCoord(0, d, 2));
    const n = vectors.length;
    if (tipsRef.current.length !== n * 3) tipsRef.current = new Float64Array(n * 3);
    const tips = tipsRef.current;
    const w = s.weights;
    let maxW = 0;
    if (w) for (let i = 0; i < w.length; i++) maxW = Math.max(maxW, w[i]!);

    arrows.begin();
    for (let k = 0; k < n; k++) {
      const vals = s.values[k];
      const meta = vectors[k]!;
      if (!vals) continue;
      const x = vals[0] ?? 0;
      const y = vals[1] ?? 0;
      const z = vals[2] ?? 0;
      const ok = Number.isFinite(x) && Number.isFinite(y) && Number.isFinite(z);
      _tip.set(toSceneCoord(x, d, 0), toSceneCoord(y, d, 1), toSceneCoord(z, d, 2));
      tips[k * 3] = ok ? _tip.x : NaN;
      tips[k * 3 + 1] = ok ? _tip.y : NaN;
      tips[k * 3 + 2] = ok ? _tip.z : NaN;
      let r = meta.emphasis ? RADIUS_EMPHASIS : RADIUS;
      let opacity = 1;
      if (weightOpacity && w && k < w.length) {
        const st = weightStyle(w[k]!, maxW);
        r *= st.width;
        opacity = st.opacity;
      }
      if (build && k < tokenCount) opacity = Math.min(opacity, 0.35);
      if (s.highlight === k) {
        r *= 1.6;
        opacity = 1;
      }
      const head = Math.max(1, Math.sqrt(r / RADIUS));
      if (ok) arrows.place(k, _origin, _tip, r, HEAD_LENGTH * head, HEAD_RADIUS * head, opacity);
      labels.set(k, ok ? _tip : null);
    }

    arrows.end();

    if (chain && w) {
      const pts = chainPoints(w, s.values, 3, _chain);
      chain.begin();
      for (let i = 0; i < chain.size; i++) {
        const p = i * 3;
        const q = p + 3;
        _a.set(
          toSceneCoord(pts[p]!, d, 0),
          toSceneCoord(pts[p + 1]!, d, 1),
          toSceneCoord(pts[p + 2]!, d, 2),
        );
        _b.set(
          toSceneCoord(pts[q]!, d, 0),
          toSceneCoord(pts[q + 1]!, d, 1),
          toSceneCoord(pts[q + 2]!, d, 2),
        );
        chain.place(i, _a, _b, CHAIN_RADIUS * 1.4, HEAD_LENGTH * 0.7, HEAD_RADIUS * 0.8);
      }
      chain.end();
    }
  }, [arrows, bridge, build, chain, labels, tokenCount, vectors, weightOpacity]);

  useLayoutEffect(() => {
    update();
    invalidate();
    return bridge.store.subscribe(() => {
      update();
      invalidate();
    });
  }, [bridge, update, invalidate]);

  // A domain change (a tip let go outside the box) re-renders the axes; move the arrows with it.
  useEffect(() => {
    update();
    invalidate();
  }, [domain, update, invalidate]);

  // matplotlib's default view, framed to fit; the orbit controls start from it and Reset returns.
  const home = useCallback(() => {
    const { size } = get();
    placeCamera(camera, size.width / Math.max(1, size.height));
  }, [camera, get]);

  useLayoutEffect(() => {
    home();
    const controls = createControls(camera, gl.domElement);
    controlsRef.current = controls;
    const onChange = () => {
      const l = layoutFor(camera);
      const key = layoutKey(l);
      if (key !== layoutRef.current) {
        layoutRef.current = key;
        setLayout(l);
      }
      invalidate();
    };
    controls.addEventListener('change', onChange);
    onChange();
    // "makeDefault": other parts of the R3F tree can find the controls, and a drag disables them.
    set({ controls });
    return () => {
      controls.removeEventListener('change', onChange);
      controls.dispose();
      controlsRef.current = null;
      set({ controls: null });
    };
  }, [camera, gl, home, invalidate, set]);

  // The buttons around the canvas.
  useEffect(() => {
    bridge.setApi({
      resetView() {
        const c = controlsRef.current;
        home();
        if (c) {
          c.target.set(0, 0, TARGET_Z);
          c.update();
        }
        invalidate();
      },
      renderNow() {
        gl.render(scene, camera);
        return gl.domElement;
      },
    });
    return () => bridge.setApi(null);
  }, [bridge, camera, gl, home, invalidate, scene]);

  // WebGL lost (driver reset, too many contexts): the 2-D plot takes over.
  useEffect(() => {
    const canvas = gl.domElement;
    const lost = () => bridge.callbacks.onLost();
    canvas.addEventListener('webglcontextlost', lost);
    return () => canvas.removeEventListener('webglcontextlost', lost);
  }, [bridge, gl]);

  // Each frame, before it is drawn: count it (a test hook: idle means no new frames), keep the
  // labels on the canvas, and publish where the tips are on screen, for tests and for the list's
  // focus ring.
  useFrame(() => {
    framesRef.current += 1;
    countFrame(gl.domElement, framesRef.current);
    camera.updateMatrixWorld();
    const { size } = get();
    labels.frame(camera, size.width, size.height);
    const tips = tipsRef.current;
    for (let k = 0; k < vectors.length; k++) {
      const el = bridge.tipEl(k);
      if (!el) continue;
      _a.set(tips[k * 3]!, tips[k * 3 + 1]!, tips[k * 3 + 2]!).project(camera);
      const sx = ((_a.x + 1) / 2) * size.width;
      const sy = ((1 - _a.y) / 2) * size.height;
      const key = Number.isFinite(sx) ? `${sx.toFixed(1)},${sy.toFixed(1)}` : '';
      if (screenRef.current[k] === key) continue;
      screenRef.current[k] = key;
      el.dataset.screenX = Number.isFinite(sx) ? sx.toFixed(1) : '';
      el.dataset.screenY = Number.isFinite(sy) ? sy.toFixed(1) : '';
    }
  });

  // Pointer: hover shows a grab cursor on a tip; a drag moves it. Handled on the canvas's wrapper
  // in the capture phase, so a press on a tip never reaches the orbit controls.
  useEffect(() => {
    const canvas = gl.domElement;
    const host = canvas.parentElement;
    if (!host) return;

    const toScreen = (k: number, size: { width: number; height: number }) => {
      const tips = tipsRef.current;
      _a.set(tips[k * 3]!, tips[k * 3 + 1]!, tips[k * 3 + 2]!).project(camera);
      return [((_a.x + 1) / 2) * size.width, ((1 - _a.y) / 2) * size.height] as const;
    };

    const nearestTip = (px: number, py: number, radius: number): number | null => {
      if (readOnly) return null;
      const { size } = get();
      camera.updateMatrixWorld();
      let best: number | null = null;
      let bestDist = radius;
      vectors.forEach((v, k) => {
        if (!v.draggable || !Number.isFinite(tipsRef.current[k * 3]!)) return;
        const [sx, sy] = toScreen(k, size);
        const dist = Math.hypot(sx - px, sy - py);
        if (dist <= bestDist) {
          best = k;
          bestDist = dist;
        }
      });
      return best;
    };

    const rayAt = (px: number, py: number, rect: DOMRect) => {
      _ndc.set((px / rect.width) * 2 - 1, -(py / rect.height) * 2 + 1);
      _ray.setFromCamera(_ndc, camera);
      return _ray.ray;
    };

    /** Starts (or restarts, when Shift changes) a drag mode at the tip's current position. */
    const anchor = (drag: Drag, px: number, py: number, shift: boolean) => {
      const k = drag.index;
      const tips = tipsRef.current;
      drag.anchor.set(tips[k * 3]!, tips[k * 3 + 1]!, tips[k * 3 + 2]!);
      drag.anchorX = px;
      drag.anchorY = py;
      drag.shift = shift;
      drag.axis = null;
      camera.getWorldDirection(_dir);
      _plane.setFromNormalAndCoplanarPoint(_dir, drag.anchor);
      const ray = rayAt(px, py, drag.rect);
      if (ray.intersectPlane(_plane, _hit)) drag.offset.subVectors(drag.anchor, _hit);
      else drag.offset.set(0, 0, 0);
    };

    const setHighlight = (k: number | null) => {
      if (hoverRef.current === k) return;
      hoverRef.current = k;
      bridge.callbacks.onHighlight(k);
    };

    const onDown = (e: PointerEvent) => {
      if (dragRef.current || !e.isPrimary || (e.pointerType === 'mouse' && e.button !== 0)) return;
      const rect = canvas.getBoundingClientRect();
      const px = e.clientX - rect.left;
      const py = e.clientY - rect.top;
      const k = nearestTip(px, py, e.pointerType === 'mouse' ? HIT_MOUSE : HIT_TOUCH);
      if (k === null) return;
      e.stopPropagation();
      e.preventDefault();
      const vals = bridge.store.getState().values[k];
      if (!vals) return;
      const drag: Drag = {
        index: k,
        pointerId: e.pointerId,
        rect,
        domain: domainRef.current,
        start: [vals[0] ?? 0, vals[1] ?? 0, vals[2] ?? 0],
        shift: e.shiftKey,
        anchor: new Vector3(),
        anchorX: px,
        anchorY: py,
        offset: new Vector3(),
        axis: null,
        t0: 0,
      };
      anchor(drag, px, py, e.shiftKey);
      dragRef.current = drag;
      host.setPointerCapture(e.pointerId);
      if (controlsRef.current) controlsRef.current.enabled = false;
      canvas.style.cursor = 'grabbing';
      host.classList.add('is-dragging');
      // Focus moves to the tip's slider, so the arrow keys carry on where the pointer left off.
      bridge.tipEl(k)?.focus({ preventScroll: true });
      setHighlight(k);
    };

    const moveTo = (drag: Drag, e: PointerEvent) => {
      const px = e.clientX - drag.rect.left;
      const py = e.clientY - drag.rect.top;
      if (e.shiftKey !== drag.shift) anchor(drag, px, py, e.shiftKey);
      const ray = rayAt(px, py, drag.rect);
      if (!drag.shift) {
        if (!ray.intersectPlane(_plane, _hit)) return;
        _tip.copy(_hit).add(drag.offset);
      } else {
        if (drag.axis === null) {
          const dx = px - drag.anchorX;
          const dy = py - drag.anchorY;
          if (Math.hypot(dx, dy) < AXIS_LOCK_PX) return;
          // Each axis's direction on screen at the tip.
          const { size } = get();
          const dirs = AXES_.map((axis) => {
            _a.copy(drag.anchor).project(camera);
            _b.copy(drag.anchor).addScaledVector(axis, 0.1).project(camera);
            return [((_b.x - _a.x) * size.width) / 2, ((_a.y - _b.y) * size.height) / 2] as const;
          });
          drag.axis = alignedAxis(dx, dy, dirs);
          // Where the pointer was on the axis line when this mode began: moves are relative to it.
          const r0 = rayAt(drag.anchorX, drag.anchorY, drag.rect);
          drag.t0 =
            closestOnLine(
              vec(drag.anchor),
              axisVec(drag.axis),
              vec(r0.origin),
              vec(r0.direction),
            ) ?? 0;
        }
        const r = rayAt(px, py, drag.rect);
        const t = closestOnLine(
          vec(drag.anchor),
          axisVec(drag.axis),
          vec(r.origin),
          vec(r.direction),
        );
        if (t === null) return;
        _tip.copy(drag.anchor).addScaledVector(AXES_[drag.axis]!, t - drag.t0);
      }
      const vals = bridge.store.getState().values[drag.index];
      if (!vals) return;
      const next = [vals[0] ?? 0, vals[1] ?? 0, vals[2] ?? 0];
      const coords = [_tip.x, _tip.y, _tip.z];
      for (let a = 0; a < 3; a++) {
        if (drag.shift && drag.axis !== a) continue;
        const v = toDataCoord(coords[a]!, drag.domain, a);
        if (Number.isFinite(v)) next[a] = roundCoord(v);
      }
      if (next[0] === vals[0] && next[1] === vals[1] && next[2] === vals[2]) return;
      // The plot keeps no copy: the store changes, the lesson re-renders, and the new
      // coordinates come back through the bridge's store.
      bridge.callbacks.onMove(drag.index, next);
    };

    const end = () => {
      const drag = dragRef.current;
      if (!drag) return;
      dragRef.current = null;
      if (host.hasPointerCapture(drag.pointerId)) host.releasePointerCapture(drag.pointerId);
      if (controlsRef.current) controlsRef.current.enabled = true;
      canvas.style.cursor = 'grab';
      host.classList.remove('is-dragging');
      // Let go outside the box: the axes refit now.
      update();
      invalidate();
    };

    const onMove = (e: PointerEvent) => {
      const drag = dragRef.current;
      if (drag) {
        if (e.pointerId === drag.pointerId) moveTo(drag, e);
        return;
      }
      if (e.buttons !== 0 || e.pointerType !== 'mouse') return; // orbiting, or a touch
      const rect = canvas.getBoundingClientRect();
      const k = nearestTip(e.clientX - rect.left, e.clientY - rect.top, HIT_MOUSE);
      canvas.style.cursor = k === null ? '' : 'grab';
      setHighlight(k);
    };

    const onUp = (e: PointerEvent) => {
      if (dragRef.current?.pointerId === e.pointerId) end();
    };

    const onLeave = () => {
      if (dragRef.current) return;
      canvas.style.cursor = '';
      setHighlight(null);
    };

    const onKey = (e: KeyboardEvent) => {
      const drag = dragRef.current;
      if (e.key !== 'Escape' || !drag) return;
      e.preventDefault();
      bridge.callbacks.onMove(drag.index, drag.start);
      end();
    };

    host.addEventListener('pointerdown', onDown, { capture: true });
    host.addEventListener('pointermove', onMove);
    host.addEventListener('pointerup', onUp);
    host.addEventListener('pointercancel', onUp);
    host.addEventListener('lostpointercapture', onUp);
    host.addEventListener('pointerleave', onLeave);
    window.addEventListener('keydown', onKey);
    return () => {
      host.removeEventListener('pointerdown', onDown, { capture: true });
      host.removeEventListener('pointermove', onMove);
      host.removeEventListener('pointerup', onUp);
      host.removeEventListener('pointercancel', onUp);
      host.removeEventListener('lostpointercapture', onUp);
      host.removeEventListener('pointerleave', onLeave);
      window.removeEventListener('keydown', onKey);
      end();
    };
  }, [bridge, camera, get, gl, invalidate, readOnly, update, vectors]);

  return (
    <>
      <color attach="background" args={['#ffffff']} />
      <Axes domain={domain} layout={layout} names={axisNames} />
      <primitive object={arrows.group} />
      {chain && <primitive object={chain.group} />}
      <primitive object={labels.mesh} />
    </>
  );
}

const AXIS_VECS: readonly Vec3[] = [
  [1, 0, 0],
  [0, 1, 0],
  [0, 0, 1],
];
const axisVec = (k: number): Vec3 => AXIS_VECS[k]!;
const vec = (v: Vector3): Vec3 => [v.x, v.y, v.z];
