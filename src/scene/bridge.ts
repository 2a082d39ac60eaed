/**
 * What the DOM side of the 3-D plot (VectorPlot3D) and the three.js side (Scene) share. The
 * coordinates travel through a small vanilla zustand store that the scene reads transiently
 * (`subscribe`), so a drag moves the arrows through refs without re-rendering the scene's React
 * tree; only structural changes (tokens, colours, options, domain) re-render it.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';

/** What the scene draws on every change: read transiently, never through React props. */
export interface PlotFrame {
  /** Each vector's coordinates in the plot (the first three are drawn). */
  values: readonly ArrayLike<number>[];
  /** The query's attention weight on each token (vectors 0..n-1), or null. */
  weights: ArrayLike<number> | null;
  /** The vector to emphasise (hovered or focused), or null. */
  highlight: number | null;
}

/** What the scene offers the buttons around it. */
export interface SceneApi {
  /** Back to matplotlib's default view. */
  resetView(): void;
  /** Renders a frame now and returns the canvas holding it (read it before yielding). */
  renderNow(): HTMLCanvasElement;
}

/** The DOM side's callbacks, read at call time so the scene never re-renders for new closures. */
export interface BridgeCallbacks {
  onMove(index: number, next: number[]): void;
  onHighlight(index: number | null): void;
  onLost(): void;
}

export class PlotBridge {
  readonly store: StoreApi<PlotFrame>;
  private els: (HTMLElement | null)[] = [];
  private sceneApi: SceneApi | null = null;
  private cbs: BridgeCallbacks;

  constructor(frame: PlotFrame, callbacks: BridgeCallbacks) {
    this.store = createStore<PlotFrame>()(() => frame);
    this.cbs = callbacks;
  }

  /**
   * The list's slider for vector k. After each frame the scene writes the tip's position on
   * screen on it (`data-screen-x`, `data-screen-y`: CSS pixels from the canvas's top left), a
   * test hook that costs two attribute writes per tip that moved on screen.
   */
  setTipEl(k: number, el: HTMLElement | null) {
    this.els[k] = el;
  }
  tipEl(k: number): HTMLElement | null {
    return this.els[k] ?? null;
  }

  setApi(api: SceneApi | null) {
    this.sceneApi = api;
  }
  get api(): SceneApi | null {
    return this.sceneApi;
  }

  setCallbacks(callbacks: BridgeCallbacks) {
    this.cbs = callbacks;
  }
  get callbacks(): BridgeCallbacks {
    return this.cbs;
  }
}
