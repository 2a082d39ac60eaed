/**
 * Undo and redo over one page's edits (a lesson's, the playground's). Pure functions over an immutable stack, plus the one bit of
 * the page they need: whether a pointer is held down.
 *
 * What counts as one step:
 * - Everything while one pointer is held down (a whole drag of a plot tip, a whole scrub of a cell's
 *   handle) is one step: trackGestures() watches pointerdown/pointerup on the window, in the
 *   capture phase so no view can hide a gesture from it.
 * - Consecutive edits of the same single value (typing "0.123" into one cell, holding an arrow key
 *   on one coordinate, typing a seed) less than COALESCE_MS apart are one step.
 * - Anything else (a paste, a reset, a new query, opening a link) is a step of its own.
 */
// What one edit changed (its merge key) and whether two states are equal come from the page's
// field declarations: editKey and sameValues in schema.ts.

/** Edits of one value closer together than this are one undo step. */
export const COALESCE_MS = 1000;
/** Undo steps kept per page; the oldest go first. */
export const MAX_UNDO = 200;

/**
 * One undo step: the page's values before it (undefined: the page's defaults) and how it was made.
 * The values are whatever the page holds (store.ts ValuesOf); history never looks inside them.
 */
export interface Entry {
  before: unknown;
  /** What the step edited ('embeddings:4', 'seed'); '' never merges with a later edit. */
  key: string;
  /** When the step's last edit happened. */
  at: number;
  /** The pointer gesture it happened in; 0 for none. */
  gesture: number;
}

export interface PageHistory {
  past: readonly Entry[];
  /** Values to redo, the next one last (undefined: the page's defaults). */
  future: readonly unknown[];
}

export const EMPTY_HISTORY: PageHistory = { past: [], future: [] };

/**
 * Records an edit from `before`; merges it into the last step when it continues that step. A
 * merged step that ends where it began (a typed "2" that "2/" puts back, as the refused text
 * keeps the value from before the typing) is no step: `backToStart` says whether the state after
 * the edit is the step's starting state, and such a step is dropped.
 */
export function record(
  h: PageHistory,
  before: unknown,
  key: string,
  now: number,
  gesture: number,
  backToStart?: (start: unknown) => boolean,
): PageHistory {
  const last = h.past[h.past.length - 1];
  const continues =
    last !== undefined &&
    (gesture !== 0
      ? last.gesture === gesture
      : last.gesture === 0 && key !== '' && last.key === key && now - last.at < COALESCE_MS);
  if (continues) {
    if (gesture === 0 && backToStart?.(last.before))
      return { past: h.past.slice(0, -1), future: [] };
    return { past: [...h.past.slice(0, -1), { ...last, at: now }], future: [] };
  }
  const past = [...h.past, { before, key, at: now, gesture }];
  return { past: past.length > MAX_UNDO ? past.slice(-MAX_UNDO) : past, future: [] };
}

/** Steps back: the state to show and the new history; null when there is nothing to undo. */
export function undo(
  h: PageHistory,
  current: unknown,
): { history: PageHistory; state: unknown } | null {
  const last = h.past[h.past.length - 1];
  if (!last) return null;
  return {
    state: last.before,
    history: { past: h.past.slice(0, -1), future: [...h.future, current] },
  };
}

/** Steps forward again; null when there is nothing to redo. */
export function redo(
  h: PageHistory,
  current: unknown,
  now: number,
): { history: PageHistory; state: unknown } | null {
  if (h.future.length === 0) return null;
  const state = h.future[h.future.length - 1];
  // A redone step never merges with the next edit.
  const entry: Entry = { before: current, key: '', at: now, gesture: 0 };
  return { state, history: { past: [...h.past, entry], future: h.future.slice(0, -1) } };
}

/** The gesture in progress (0: none); a single global because one pointer drags at a time. */
const current = { id: 0 };
let counter = 0;

/** The id of the pointer gesture in progress, 0 when none. */
export function activeGesture(): number {
  return current.id;
}

/**
 * Watches the window for pointer gestures so a whole drag is one undo step. Returns the cleanup.
 * A gesture ends on pointerup, pointercancel, or when the window loses focus mid-drag.
 */
export function trackGestures(win: Window): () => void {
  const down = (e: PointerEvent) => {
    if (e.isPrimary) current.id = ++counter;
  };
  // The gesture ends after this event has been handled everywhere: a view that commits its final
  // value on pointerup still commits into the same step.
  const up = (e: PointerEvent) => {
    if (!e.isPrimary) return;
    const id = current.id;
    win.setTimeout(() => {
      if (current.id === id) current.id = 0;
    }, 0);
  };
  const blur = () => {
    current.id = 0;
  };
  win.addEventListener('pointerdown', down, true);
  win.addEventListener('pointerup', up, true);
  win.addEventListener('pointercancel', up, true);
  win.addEventListener('blur', blur);
  return () => {
    win.removeEventListener('pointerdown', down, true);
    win.removeEventListener('pointerup', up, true);
    win.removeEventListener('pointercancel', up, true);
    win.removeEventListener('blur', blur);
  };
}
