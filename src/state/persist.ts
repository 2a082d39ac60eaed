/**
 * Autosave: each page's values (every lesson's, the playground's) in localStorage, in the same
 * validated format as share links (schema.ts), so saved values are read with the same checks as a
 * link and a change of format is handled once.
 *
 * Storage is untrusted and may be missing: disabled (the getter throws), full (setItem throws a
 * QuotaExceededError), or holding garbage written by anything. Every access is guarded; a failure
 * turns saving off and says why, and the app keeps working from memory.
 */
import { decodePage, encodePage, type PageId } from './pages';
import { DEFAULT_PLOT_OPTIONS } from './plotOptions';
import type { DecodeResult, Shared } from './schema';

/** The part of the Storage API we use. */
export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const PREFIX = 'attention-notebook:';
/**
 * Longest payload we store and read back: more than a link carries (MAX_PAYLOAD_CHARS), since the
 * playground's 64 × 64 table with every cell dragged is about 28,000 characters.
 */
export const MAX_SAVED_PAYLOAD_CHARS = 65_536;
/** Longest stored record we read; a record of ours is a payload plus a few bytes of JSON. */
const MAX_RECORD_CHARS = MAX_SAVED_PAYLOAD_CHARS + 100;

export const storageKeys = {
  /** The page's values as the learner left them (a lesson's, or the playground's own key). */
  lesson: (id: PageId) => (id === 'playground' ? `${PREFIX}playground` : `${PREFIX}lesson:${id}`),
  /** Values a share link replaced, so the learner can get them back. */
  replaced: (id: PageId) => `${PREFIX}replaced:${id}`,
};

/** A page to save: a lesson or anything else with a page id. */
export interface PageRef {
  id: PageId;
}

/** One stored record: a link payload and when it was saved. */
interface SavedRecord {
  v: 1;
  s: string;
  at: number;
}

export type LoadResult =
  | { kind: 'none' }
  | { kind: 'ok'; share: Shared<unknown>; at: number; result: DecodeResult<unknown> }
  | { kind: 'corrupt'; reason: string };

/** Why saving is off, in words for a notice; null while it works. */
export type SaveProblem = string | null;

export interface Persist {
  /** Null while saving works, else why it does not. */
  readonly problem: SaveProblem;
  load(page: PageRef, key?: 'lesson' | 'replaced'): LoadResult;
  /** Saves (or, at defaults, removes) a page's values; false when saving failed. */
  save(page: PageRef, share: Shared<unknown>, key?: 'lesson' | 'replaced'): boolean;
  remove(id: PageId, key?: 'lesson' | 'replaced'): void;
}

/**
 * Opens storage through `get`, which may itself throw (Safari with storage disabled, sandboxed
 * iframes) or return null. `onProblem` hears every change of the saving problem.
 */
export function openPersist(
  get: () => StorageLike | null | undefined,
  onProblem: (p: SaveProblem) => void = () => {},
  now: () => number = Date.now,
): Persist {
  let storage: StorageLike | null = null;
  let problem: SaveProblem = null;
  const setProblem = (p: SaveProblem) => {
    if (p === problem) return;
    problem = p;
    onProblem(p);
  };
  try {
    storage = get() ?? null;
    if (!storage) throw new Error('no localStorage');
  } catch (e) {
    storage = null;
    setProblem(describe(e, 'this browser does not allow this page to store anything'));
  }
  if (storage) {
    // Some browsers expose storage that throws on the first write (private modes, quotas of 0, a
    // full disk); what is already stored can still be read.
    try {
      const probe = `${PREFIX}probe`;
      storage.setItem(probe, '1');
      storage.removeItem(probe);
    } catch (e) {
      setProblem(describe(e, 'the browser refused to store your edits'));
    }
  }

  return {
    get problem() {
      return problem;
    },
    load({ id }, key = 'lesson') {
      if (!storage) return { kind: 'none' };
      let raw: string | null;
      try {
        raw = storage.getItem(storageKeys[key](id));
      } catch (e) {
        return { kind: 'corrupt', reason: describe(e, 'storage could not be read') };
      }
      if (raw === null) return { kind: 'none' };
      const rec = parseRecord(raw);
      if (!rec)
        return { kind: 'corrupt', reason: 'what is stored is not something this page wrote' };
      const result = decodePage(id, rec.s, { maxChars: MAX_SAVED_PAYLOAD_CHARS });
      if (result.status === 'rejected') {
        return { kind: 'corrupt', reason: result.problems.join('; ') };
      }
      return { kind: 'ok', share: result.share, at: rec.at, result };
    },
    save({ id }, share, key = 'lesson') {
      if (!storage) return false;
      // View options and the classroom view are not saved: only the page's values.
      const payload = encodePage(id, { ...share, plot: DEFAULT_PLOT_OPTIONS, classroom: 0 });
      try {
        if (payload === '') storage.removeItem(storageKeys[key](id));
        else {
          const rec: SavedRecord = { v: 1, s: payload, at: now() };
          storage.setItem(storageKeys[key](id), JSON.stringify(rec));
        }
        setProblem(null);
        return true;
      } catch (e) {
        setProblem(describe(e, 'the browser refused to store your edits'));
        return false;
      }
    },
    remove(id, key = 'lesson') {
      try {
        storage?.removeItem(storageKeys[key](id));
      } catch {
        // Nothing to do: the record stays, and is overwritten by the next save.
      }
    },
  };
}

function parseRecord(raw: string): SavedRecord | null {
  if (raw.length > MAX_RECORD_CHARS) return null;
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return null;
    const r = v as Record<string, unknown>;
    if (r.v !== 1 || typeof r.s !== 'string') return null;
    const at = typeof r.at === 'number' && Number.isFinite(r.at) ? r.at : 0;
    return { v: 1, s: r.s, at };
  } catch {
    return null;
  }
}

function describe(e: unknown, fallback: string): string {
  const name = e instanceof Error || e instanceof DOMException ? e.name : '';
  if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED') {
    return "the browser's storage for this site is full";
  }
  if (name === 'SecurityError') return 'this browser does not allow this page to store anything';
  return fallback;
}
