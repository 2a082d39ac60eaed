/**
 * The one store: only what the learner chose (per-lesson state and what they point at). Scores,
 * weights and context vectors are derived (src/lessons/derive.ts), never stored.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { findLesson } from '../lessons';
import { initialState, reseed } from '../lessons/derive';
import type { Highlight, LessonId, LessonState } from '../lessons/types';
import type { Tensor } from '../math/tensor';

export type WeightName = 'wq' | 'wk' | 'wv';

/** How the vector plot draws what it shows; learner choices, so they travel in share links. */
export interface PlotOptions {
  /** Draw alpha_i * x_i tip to tail from the origin to the context vector. */
  buildContext: boolean;
  /** Arrow opacity and width follow the query's attention weight on each token. */
  weightOpacity: boolean;
}

export const DEFAULT_PLOT_OPTIONS: PlotOptions = { buildContext: false, weightOpacity: false };

export interface AppState {
  /** Per-lesson choices; a lesson absent here is at its defaults. */
  lessons: Partial<Record<LessonId, LessonState>>;
  highlight: Highlight;
  plotOptions: PlotOptions;
  setPlotOptions(p: Partial<PlotOptions>): void;
  setEmbeddings(id: LessonId, next: Tensor): void;
  setQuery(id: LessonId, query: number): void;
  /** Re-seeds and regenerates W_query, W_key, W_value as torch.manual_seed(seed) would. */
  setSeed(id: LessonId, seed: number): void;
  setWeight(id: LessonId, which: WeightName, next: Tensor): void;
  /** Back to the notebook's values. */
  reset(id: LessonId): void;
  setHighlight(h: Highlight): void;
}

const NO_HIGHLIGHT: Highlight = { i: null, j: null };

/** The lesson's current state (its defaults when untouched). */
export function lessonState(state: AppState, id: LessonId): LessonState {
  return state.lessons[id] ?? defaultState(id);
}

const defaults = new Map<LessonId, LessonState>();
/** Defaults are made once per lesson, so an untouched lesson's state keeps one identity. */
export function defaultState(id: LessonId): LessonState {
  let s = defaults.get(id);
  if (!s) {
    const lesson = findLesson(id);
    if (!lesson) throw new Error(`unknown lesson ${id}`);
    s = initialState(lesson);
    defaults.set(id, s);
  }
  return s;
}

export function createAppStore() {
  return createStore<AppState>()((set) => {
    const update = (id: LessonId, f: (s: LessonState) => LessonState) =>
      set((st) => ({ lessons: { ...st.lessons, [id]: f(lessonState(st, id)) } }));
    return {
      lessons: {},
      highlight: NO_HIGHLIGHT,
      plotOptions: DEFAULT_PLOT_OPTIONS,
      setPlotOptions: (p) => set((st) => ({ plotOptions: { ...st.plotOptions, ...p } })),
      setEmbeddings: (id, next) => update(id, (s) => ({ ...s, embeddings: next })),
      setQuery: (id, query) => update(id, (s) => ({ ...s, query })),
      setSeed: (id, seed) => update(id, (s) => reseed(findLesson(id)!, s, seed)),
      setWeight: (id, which, next) =>
        update(id, (s) => (s.weights ? { ...s, weights: { ...s.weights, [which]: next } } : s)),
      reset: (id) =>
        set((st) => {
          const lessons = { ...st.lessons };
          delete lessons[id];
          return { lessons };
        }),
      setHighlight: (h) =>
        set((st) => (st.highlight.i === h.i && st.highlight.j === h.j ? st : { highlight: h })),
    };
  });
}

/** The app's store. Tests make their own with createAppStore(). */
export const appStore = createAppStore();

/** Reads one slice of the app store; pick one field per call so components re-render only for it. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
