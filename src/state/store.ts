/**
 * The app's store: only what the learner chose, for every page with values (each lesson and the
 * playground), with one undo history, plot options and classroom mask per page. Scores, weights
 * and context vectors are derived (src/lessons/derive.ts, src/lessons/playground.ts), never stored.
 * What a page's values are, how an edit of one is applied and grouped into undo steps, and when
 * two are equal come from the page's field declarations (LESSON_FIELDS, PLAYGROUND_FIELDS).
 * Notices (notices.ts) and the colour theme (theme.ts) are kept apart: they are not choices a link
 * or an undo carries.
 */
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { PlaygroundValues } from '../lessons/playground';
import type { Highlight, LessonId, LessonState } from '../lessons/types';
import type { Tensor } from '../math/tensor';
import { activeGesture, EMPTY_HISTORY, record, redo, undo, type PageHistory } from './history';
import { pageDef, type PageId, type PageValues, type ValuesOf } from './pages';
import { DEFAULT_PLOT_OPTIONS, type PlotOptions } from './plotOptions';
import { changedCells } from './codecs';
import { editKey, fieldNamed, sameValues, type Shared } from './schema';
import { CLASSROOM } from './url';

export { DEFAULT_PLOT_OPTIONS, type PlotOptions };

export type WeightName = 'wq' | 'wk' | 'wv';

/** Bit of a page's classroom mask that turns editing off (read-only, no reset, undo or redo). */
export const CLASSROOM_EDIT = CLASSROOM.edit;

export type { PageId, PageValues, ValuesOf } from './pages';

/** How a page is shown: its plot options and classroom mask (in its links, not in undo). */
export interface PageView {
  plot: PlotOptions;
  /** Controls a classroom link hides, as a bitmask (CLASSROOM_EDIT); 0 for none. */
  classroom: number;
}

const DEFAULT_VIEW: PageView = { plot: DEFAULT_PLOT_OPTIONS, classroom: 0 };

export interface AppState {
  /** Per-page choices; a page absent here is at its defaults. */
  pages: PageValues;
  highlight: Highlight;
  /** Per-page plot options and classroom mask; a page absent here has the defaults. */
  views: Partial<Record<PageId, PageView>>;
  /** Undo and redo stacks per page (src/state/history.ts). View options are not in them. */
  history: Partial<Record<PageId, PageHistory>>;
  setPlotOptions(id: PageId, p: Partial<PlotOptions>): void;
  /**
   * Sets one of a page's values, by its field's name ('embeddings', 'seed', 'wq', 'sentence', …):
   * the field's declaration says how (a seed redraws what it draws) and whether a classroom view
   * allows it. An edit that changes nothing is no undo step. While the page's classroom view has
   * editing off, every edit but of a free field (the query), and undo, redo and reset, are refused
   * here, whatever view sends them.
   */
  edit(id: PageId, name: string, value: unknown): void;
  /** Sets several fields, in order, as one undo step (a new sentence and the query that follows). */
  editMany(id: PageId, changes: readonly (readonly [string, unknown])[]): void;
  setEmbeddings(id: PageId, next: Tensor): void;
  setQuery(id: PageId, query: number): void;
  /** Re-seeds and regenerates what the page draws, as torch.manual_seed(seed) would. */
  setSeed(id: PageId, seed: number): void;
  setWeight(id: LessonId, which: WeightName, next: Tensor): void;
  /** Back to the page's defaults (the notebook's values; the playground's opening sentence). */
  reset(id: PageId): void;
  setHighlight(h: Highlight): void;
  /** Steps back through the page's edits; a whole drag or a run of typing is one step. */
  undo(id: PageId): void;
  redo(id: PageId): void;
  /**
   * Puts saved or linked values in place without an undo step (start-up). A page given as
   * undefined goes back to its defaults.
   */
  hydrate(p: {
    pages?: { [K in PageId]?: ValuesOf<K> | undefined };
    views?: Partial<Record<PageId, Partial<PageView>>>;
  }): void;
  /**
   * Opens a page's values from a link (or restores saved ones) as one undo step; undefined means
   * the page's defaults. Allowed in a classroom view: it is how the view was made.
   */
  applyShared<K extends PageId>(
    id: K,
    state: ValuesOf<K> | undefined,
    view?: Partial<PageView>,
  ): void;
  setClassroom(id: PageId, mask: number): void;
}

/** Clock and gesture source, injectable so tests can drive undo grouping. */
export interface StoreOptions {
  now?: () => number;
  gesture?: () => number;
}

const NO_HIGHLIGHT: Highlight = { i: null, j: null };

/** A page's current values (its defaults when untouched). */
export function pageValues<K extends PageId>(state: AppState, id: K): ValuesOf<K> {
  return (state.pages[id] ?? pageDef(id).defaults) as ValuesOf<K>;
}

/** The lesson's current state (its defaults when untouched). */
export function lessonState(state: AppState, id: LessonId): LessonState {
  return pageValues(state, id) as LessonState;
}

/** The playground's current values. */
export function playgroundValues(state: AppState): PlaygroundValues {
  return pageValues(state, 'playground');
}

/** A lesson's defaults, made once per lesson. */
export function defaultState(id: LessonId): LessonState {
  return pageDef(id).defaults as LessonState;
}

/** How a page is shown now. */
export function pageView(state: AppState, id: PageId): PageView {
  return state.views[id] ?? DEFAULT_VIEW;
}

/** True while a classroom link has turned editing off on the page. */
export function editingOff(state: AppState, id: PageId): boolean {
  return (pageView(state, id).classroom & CLASSROOM_EDIT) !== 0;
}

/** What a link of the page carries now: its values and how it is shown. */
export function shareOf<K extends PageId>(state: AppState, id: K): Shared<ValuesOf<K>> {
  const view = pageView(state, id);
  return { state: pageValues(state, id), plot: view.plot, classroom: view.classroom };
}

/** True when two values of a page are the same in every field, bit for bit. */
export function samePageValues(id: PageId, a: unknown, b: unknown): boolean {
  const def = pageDef(id);
  return sameValues(def.schema, def.ctx, a, b);
}

export function createAppStore(options: StoreOptions = {}) {
  const now = options.now ?? (() => Date.now());
  const gesture = options.gesture ?? activeGesture;
  return createStore<AppState>()((set) => {
    /** Replaces one page's values (undefined: back to defaults) and records the undo step. */
    const commit = (
      st: AppState,
      id: PageId,
      next: unknown,
      key: string,
    ): Pick<AppState, 'pages' | 'history'> => {
      const before = st.pages[id];
      const pages = { ...st.pages } as Record<PageId, unknown>;
      if (next === undefined) delete pages[id];
      else pages[id] = next;
      const { defaults } = pageDef(id);
      const backToStart = (start: unknown) =>
        samePageValues(id, start ?? defaults, next ?? defaults);
      const h = record(st.history[id] ?? EMPTY_HISTORY, before, key, now(), gesture(), backToStart);
      return { pages: pages as PageValues, history: { ...st.history, [id]: h } };
    };
    /**
     * Applies fields in order as one edit: nothing when it changes nothing, or when the page's
     * classroom view has editing off and a field is not free.
     */
    const editFields = (id: PageId, changes: readonly (readonly [string, unknown])[]) =>
      set((st) => {
        const { schema, ctx } = pageDef(id);
        const fields = changes.map(([name]) => fieldNamed(schema, name));
        if (fields.some((f) => f.part !== 'value' || !f.applies(ctx))) return st;
        if (editingOff(st, id) && fields.some((f) => f.free !== true)) return st;
        const prev = pageValues(st, id) as unknown;
        const base = schema.defaults(ctx);
        const only = fields.length === 1 ? fields[0]! : null;
        if (only?.undo === 'cells') {
          // One table edited (a keystroke, a step of a drag): its cells compared once, for the
          // equality and the undo key together; a 64 × 64 table is 4096 comparisons per edit.
          const was = only.get({ ...base, state: prev }) as Tensor;
          const after = changes[0]![1] as Tensor;
          const cells = changedCells(was, after, 2);
          if (cells?.length === 0) return st;
          const next = only.set({ ...base, state: prev }, after, ctx).state;
          return commit(st, id, next, cells?.length === 1 ? `${only.name}:${cells[0]}` : '');
        }
        let next = prev;
        changes.forEach(([, value], k) => {
          const f = fields[k]!;
          const s = { ...base, state: next };
          if (!f.codec.same(f.get(s), value)) next = f.set(s, value, ctx).state;
        });
        if (next === prev || sameValues(schema, ctx, prev, next)) return st;
        return commit(st, id, next, editKey(schema, ctx, prev, next));
      });
    const edit = (id: PageId, name: string, value: unknown) => editFields(id, [[name, value]]);
    const step = (id: PageId, which: 'undo' | 'redo') =>
      set((st) => {
        if (editingOff(st, id)) return st;
        const h = st.history[id] ?? EMPTY_HISTORY;
        const r = which === 'undo' ? undo(h, st.pages[id]) : redo(h, st.pages[id], now());
        if (!r) return st;
        const pages = { ...st.pages } as Record<PageId, unknown>;
        if (r.state === undefined) delete pages[id];
        else pages[id] = r.state;
        return { pages: pages as PageValues, history: { ...st.history, [id]: r.history } };
      });
    const setView = (st: AppState, id: PageId, view: Partial<PageView>): Partial<AppState> => {
      const was = pageView(st, id);
      const next = { ...was, ...view };
      if (next.plot === was.plot && next.classroom === was.classroom) return {};
      return { views: { ...st.views, [id]: next } };
    };
    return {
      pages: {},
      highlight: NO_HIGHLIGHT,
      views: {},
      history: {},
      setPlotOptions: (id, p) =>
        set((st) => setView(st, id, { plot: { ...pageView(st, id).plot, ...p } })),
      edit,
      editMany: editFields,
      setEmbeddings: (id, next) => edit(id, 'embeddings', next),
      setQuery: (id, query) => edit(id, 'query', query),
      setSeed: (id, seed) => edit(id, 'seed', seed),
      setWeight: (id, which, next) => edit(id, which, next),
      reset: (id) =>
        set((st) =>
          editingOff(st, id) || st.pages[id] === undefined ? st : commit(st, id, undefined, ''),
        ),
      setHighlight: (h) =>
        set((st) => (st.highlight.i === h.i && st.highlight.j === h.j ? st : { highlight: h })),
      undo: (id) => step(id, 'undo'),
      redo: (id) => step(id, 'redo'),
      hydrate: (p) =>
        set((st) => {
          const pages = { ...st.pages } as Record<PageId, unknown>;
          for (const [id, s] of Object.entries(p.pages ?? {}) as [PageId, unknown][]) {
            if (s === undefined) delete pages[id];
            else pages[id] = s;
          }
          let out: Partial<AppState> = { pages: pages as PageValues };
          for (const [id, view] of Object.entries(p.views ?? {}) as [PageId, PageView][]) {
            out = { ...out, ...setView({ ...st, ...out }, id, view) };
          }
          return out;
        }),
      applyShared: (id, state, view = {}) =>
        set((st) => {
          const values = state === st.pages[id] ? {} : commit(st, id, state, '');
          return { ...values, ...setView(st, id, view) };
        }),
      setClassroom: (id, mask) => set((st) => setView(st, id, { classroom: mask })),
    };
  });
}

/** The app's store. Tests make their own with createAppStore(). */
export const appStore = createAppStore();

/** Reads one slice of the app store; pick one field per call so components re-render only for it. */
export function useApp<T>(selector: (s: AppState) => T): T {
  return useStore(appStore, selector);
}
