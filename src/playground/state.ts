/**
 * The playground's own store (separate from the lessons' store): the settings and the learner's
 * edits to the embeddings, as a map from cell index (row * d + col) to value. A change of
 * sentence, d or seed drops the edits, since they no longer belong to the same table.
 */
import { create } from 'zustand';
import { DEFAULT_SETTINGS, type Edit, type Settings, type Shared } from './link';
import { tokenize } from './tokenize';

export interface PlaygroundState {
  settings: Settings;
  /** Edited cells: index row * d + col → value. */
  edits: ReadonlyMap<number, number>;
  /** Why the link in the address bar was not used, or null. */
  linkNotice: string | null;
  set(patch: Partial<Settings>): void;
  /** Replaces the edits (from a whole edited table compared with the drawn one). */
  setEdits(edits: ReadonlyMap<number, number>): void;
  resetEdits(): void;
  load(shared: Shared, notice: string | null): void;
}

export const usePlayground = create<PlaygroundState>()((set) => ({
  settings: DEFAULT_SETTINGS,
  edits: new Map(),
  linkNotice: null,
  set: (patch) =>
    set((st) => {
      const next = { ...st.settings, ...patch };
      const n = tokenize(next.sentence).length;
      if (next.query >= n) next.query = n - 1;
      const reset =
        next.sentence !== st.settings.sentence ||
        next.d !== st.settings.d ||
        next.seed !== st.settings.seed;
      return reset ? { settings: next, edits: new Map() } : { settings: next };
    }),
  setEdits: (edits) => set({ edits }),
  resetEdits: () => set({ edits: new Map() }),
  load: (shared, notice) =>
    set({
      settings: shared.settings,
      edits: new Map(shared.edits.map(([r, c, v]) => [r * shared.settings.d + c, v])),
      linkNotice: notice,
    }),
}));

/** The edits as the link writes them, [row, col, value] in cell order. */
export function editList(edits: ReadonlyMap<number, number>, d: number): Edit[] {
  return [...edits.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, v]) => [Math.floor(k / d), k % d, v] as const);
}
