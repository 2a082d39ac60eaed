/**
 * The one store: only what the learner chose (per-lesson state and what they point at). Scores,
 * weights and context vectors are derived (src/lessons/derive.ts), never stored.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { findLesson } from '../lessons';
import { initialState } from '../lessons/derive';
import type { Highlight, LessonId, LessonState } from '../lessons/types';
import type { Tensor } from '../math/tensor';
import { activeGesture, EMPTY_HISTORY, record, redo, undo, type LessonHistory } from './history';
import { editKey, fieldNamed, sameValues } from './schema';
import { DEFAULT_PLOT_OPTIONS, type PlotOptions } from './plotOptions';
import { CLASSROOM, LESSON_FIELDS } from './url';

export { DEFAULT_PLOT_OPTIONS, type PlotOptions };

export type WeightName = 'wq' | 'wk' | 'wv';

/** Bit of `classroom` that turns editing off (tables read-only, no reset, undo or redo). */
export const CLASSROOM_EDIT = CLASSROOM.edit;

export interface AppState {
  /** Per-lesson choices; a lesson absent here is at its defaults. */
  lessons: Partial<Record<LessonId, LessonState>>;
  highlight: Highlight;
  plotOptions: PlotOptions;
  /** Undo and redo stacks per lesson (src/state/history.ts). View options are not in them. */
  history: Partial<Record<LessonId, LessonHistory>>;
  /**
   * Controls a classroom link hides, as a bitmask (CLASSROOM_EDIT); 0 for none. While editing is
   * off, every edit below (and undo, redo, reset) is refused here, whatever view sends it.
   */
  classroom: number;
  setPlotOptions(p: Partial<PlotOptions>): void;
  /**
   * Sets one of a lesson's values, by its field's name in LESSON_FIELDS ('embeddings', 'seed',
   * 'wq', …): the field's declaration says how (a seed redraws what it draws) and whether a
   * classroom view allows it. An edit that changes nothing is no undo step.
   */
  edit(id: LessonId, name: string, value: unknown): void;
  setEmbeddings(id: LessonId, next: Tensor): void;
  setQuery(id: LessonId, query: number): void;
  /** Re-seeds and regenerates W_query, W_key, W_value as torch.manual_seed(seed) would. */
  setSeed(id: LessonId, seed: number): void;
  setWeight(id: LessonId, which: WeightName, next: Tensor): void;
  /** Back to the notebook's values. */
  reset(id: LessonId): void;
  setHighlight(h: Highlight): void;
  /** Steps back through the lesson's edits; a whole drag or a run of typing is one step. */
  undo(id: LessonId): void;
  redo(id: LessonId): void;
  /**
   * Puts saved or linked values in place without an undo step (start-up). A lesson given as
   * undefined goes back to its defaults.
   */
  hydrate(p: {
    lessons?: Partial<Record<LessonId, LessonState | undefined>>;
    plotOptions?: PlotOptions;
    classroom?: number;
  }): void;
  /**
   * Opens a lesson's values from a link (or restores saved ones) as one undo step; undefined
   * means the lesson's defaults. Allowed in a classroom view: it is how the view was made.
   */
  applyShared(
    id: LessonId,
    state: LessonState | undefined,
    view?: { plotOptions?: PlotOptions; classroom?: number },
  ): void;
  setClassroom(mask: number): void;
}

/** Clock and gesture source, injectable so tests can drive undo grouping. */
export interface StoreOptions {
  now?: () => number;
  gesture?: () => number;
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

/** True when two states of a lesson hold the same values in every field, bit for bit. */
export function sameLessonValues(id: LessonId, a: LessonState, b: LessonState): boolean {
  return sameValues(LESSON_FIELDS, findLesson(id)!, a, b);
}

export function createAppStore(options: StoreOptions = {}) {
  const now = options.now ?? (() => Date.now());
  const gesture = options.gesture ?? activeGesture;
  return createStore<AppState>()((set) => {
    const locked = (st: AppState) => (st.classroom & CLASSROOM_EDIT) !== 0;
    /** Replaces one lesson's state (undefined: back to defaults) and records the undo step. */
    const commit = (
      st: AppState,
      id: LessonId,
      next: LessonState | undefined,
      key: string,
    ): Partial<AppState> => {
      const before = st.lessons[id];
      const lessons = { ...st.lessons };
      if (next === undefined) delete lessons[id];
      else lessons[id] = next;
      const backToStart = (start: LessonState | undefined) =>
        sameLessonValues(id, start ?? defaultState(id), next ?? defaultState(id));
      const h = record(st.history[id] ?? EMPTY_HISTORY, before, key, now(), gesture(), backToStart);
      return { lessons, history: { ...st.history, [id]: h } };
    };
    /** An edit: nothing when it changes nothing, or when a classroom view has editing off. */
    const update = (id: LessonId, f: (s: LessonState) => LessonState, lockable = true) =>
      set((st) => {
        if (lockable && locked(st)) return st;
        const prev = lessonState(st, id);
        const next = f(prev);
        if (next === prev || sameLessonValues(id, prev, next)) return st;
        return commit(st, id, next, editKey(LESSON_FIELDS, findLesson(id)!, prev, next));
      });
    const edit = (id: LessonId, name: string, value: unknown) => {
      const lesson = findLesson(id)!;
      const f = fieldNamed(LESSON_FIELDS, name);
      if (f.part !== 'value' || !f.applies(lesson)) return;
      update(
        id,
        (s) => {
          const base = LESSON_FIELDS.defaults(lesson);
          return f.codec.same(f.get({ ...base, state: s }), value)
            ? s
            : f.set({ ...base, state: s }, value, lesson).state;
        },
        f.free !== true,
      );
    };
    const step = (id: LessonId, which: 'undo' | 'redo') =>
      set((st) => {
        if (locked(st)) return st;
        const h = st.history[id] ?? EMPTY_HISTORY;
        const r = which === 'undo' ? undo(h, st.lessons[id]) : redo(h, st.lessons[id], now());
        if (!r) return st;
        const lessons = { ...st.lessons };
        if (r.state === undefined) delete lessons[id];
        else lessons[id] = r.state;
        return { lessons, history: { ...st.history, [id]: r.history } };
      });
    return {
      lessons: {},
      highlight: NO_HIGHLIGHT,
      plotOptions: DEFAULT_PLOT_OPTIONS,
      history: {},
      classroom: 0,
      setPlotOptions: (p) => set((st) => ({ plotOptions: { ...st.plotOptions, ...p } })),
      edit,
      setEmbeddings: (id, next) => edit(id, 'embeddings', next),
      setQuery: (id, query) => edit(id, 'query', query),
      setSeed: (id, seed) => edit(id, 'seed', seed),
      setWeight: (id, which, next) => edit(id, which, next),
      reset: (id) =>
        set((st) =>
          locked(st) || st.lessons[id] === undefined ? st : commit(st, id, undefined, ''),
        ),
      setHighlight: (h) =>
        set((st) => (st.highlight.i === h.i && st.highlight.j === h.j ? st : { highlight: h })),
      undo: (id) => step(id, 'undo'),
      redo: (id) => step(id, 'redo'),
      hydrate: (p) =>
        set((st) => {
          const lessons = { ...st.lessons };
          for (const [id, s] of Object.entries(p.lessons ?? {}) as [LessonId, LessonState][]) {
            if (s === undefined) delete lessons[id];
            else lessons[id] = s;
          }
          return {
            lessons,
            plotOptions: p.plotOptions ?? st.plotOptions,
            classroom: p.classroom ?? st.classroom,
          };
        }),
      applyShared: (id, state, view = {}) =>
        set((st) => ({
          ...(state === st.lessons[id] ? {} : commit(st, id, state, '')),
          plotOptions: view.plotOptions ?? st.plotOptions,
          classroom: view.classroom ?? st.classroom,
        })),
      setClassroom: (mask) => set((st) => (st.classroom === mask ? st : { classroom: mask })),
    };
  });
}

/** The app's store. Tests make their own with createAppStore(). */
export const appStore = createAppStore();

/** Reads one slice of the app store; pick one field per call so components re-render only for it. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
