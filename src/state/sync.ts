/**
 * Keeps the store, the address bar and localStorage in step (DESIGN.md "URL state"):
 *
 * - At start-up, before anything renders from the store: saved values of every lesson, then the
 *   link in the address bar on top of them (a link wins, but the saved values it replaces are kept
 *   restorable).
 * - While the learner works: the fragment's `?s=` is rewritten with history.replaceState, debounced,
 *   so copying the address bar gives a share link and Back moves between steps, never between edits;
 *   each changed lesson is saved, debounced too, and flushed when the page is hidden.
 * - Step changes (StepNav's goToStep, via stepFragment) carry the `?s=` into the new entry.
 * - On hashchange: a fragment without `?s=` (a Contents link, the catalogue, a typed
 *   `#/lesson/2`) keeps the values in memory, and the address bar gets them back after the same
 *   pause; a fragment whose payload this tab wrote (Back, Forward) keeps the values too, and the
 *   address is brought up to date; any other payload is a link, opened as one undoable step.
 */
import { findLesson } from '../lessons';
import { LESSON_IDS, type Lesson, type LessonId, type LessonState } from '../lessons/types';
import { lessonHash, parseRoute } from '../app/router';
import { trackGestures } from './history';
import { dismiss, notify } from './notices';
import { openPersist, type Persist, type StorageLike } from './persist';
import { appStore, defaultState, lessonState, sameLessonValues, type AppState } from './store';
import {
  decodeShare,
  encodeShare,
  fragmentPayload,
  payloadSuffix,
  querySuffix,
  type ShareState,
} from './url';

/** Delay before the address bar and storage catch up with an edit. */
export const WRITE_DELAY_MS = 300;
/** Payloads this tab wrote, remembered so Back onto an older one is not taken for a new link. */
const MAX_KNOWN = 500;

/** The parts of `window` the sync uses (a fake in unit tests). */
export interface SyncWindow {
  location: { hash: string; href: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url: string): void };
  addEventListener(type: string, listener: () => void, options?: boolean): void;
  removeEventListener(type: string, listener: () => void, options?: boolean): void;
  setTimeout(f: () => void, ms: number): number;
  clearTimeout(id: number): void;
  readonly localStorage: StorageLike;
  document?: { visibilityState: string };
}

type Store = typeof appStore;

export interface Sync {
  /** Writes pending changes to the address bar and storage now. */
  flush(): void;
  stop(): void;
}

let active: Sync | null = null;
let flushUrlNow: () => void = () => {};

/** The lessons that have steps, by id. */
const lessonOf = (id: string): Lesson | undefined => {
  const lesson = findLesson(id);
  return lesson && lesson.steps.length > 0 ? lesson : undefined;
};

function shareOf(st: AppState, id: LessonId): ShareState {
  return { state: lessonState(st, id), plot: st.plotOptions, classroom: st.classroom };
}

/**
 * Starts syncing; call once, before anything renders from the store (the lesson chunk calls it as
 * it loads). Returns the running sync.
 */
export function startSync(
  win: SyncWindow = window as unknown as SyncWindow,
  store: Store = appStore,
): Sync {
  active?.stop();
  const known = new Set<string>();
  const remember = (payload: string) => {
    known.delete(payload);
    known.add(payload);
    if (known.size > MAX_KNOWN) known.delete(known.values().next().value!);
  };

  const persist: Persist = openPersist(
    () => win.localStorage,
    (problem) => {
      if (problem === null) dismiss('saving-off');
      else {
        notify({
          id: 'saving-off',
          scope: 'app',
          tone: 'warning',
          title: 'Saving is off',
          text: `Your edits work as usual but will not be kept when this tab closes: ${problem}. A copied link still carries them.`,
        });
      }
    },
  );

  // 1. Saved values.
  const saved: Partial<Record<LessonId, LessonState>> = {};
  for (const id of allLessonIds()) {
    const lesson = lessonOf(id)!;
    const loaded = persist.load(lesson);
    if (loaded.kind === 'corrupt') {
      notify({
        id: `saved-unreadable:${id}`,
        scope: id,
        tone: 'warning',
        title: 'Your saved edits could not be read',
        text: `What is stored for this lesson is not usable (${loaded.reason}). The lesson opened with the notebook's values; your next edit is saved over it.`,
      });
    } else if (loaded.kind === 'ok' && loaded.result.editsValues) {
      saved[id] = loaded.share.state;
      if (loaded.result.status === 'partial') {
        notify({
          id: `saved-unreadable:${id}`,
          scope: id,
          tone: 'warning',
          title: 'Some saved edits could not be read',
          text: `Stored for this lesson: ${loaded.result.problems.join('; ')}. The parts that could be read were restored.`,
        });
      }
    }
  }
  store.getState().hydrate({ lessons: saved });

  /** The fragment as last handled: a different one means a hashchange is on its way. */
  let lastHash = win.location.hash;

  const hasEdits = (id: LessonId) => store.getState().lessons[id] !== undefined;

  /**
   * Opens the payload of `hash` if it has one; returns the payload (null when none). `how`:
   * 'load' at start-up, 'navigate' for a link opened in a running tab.
   */
  function openFromFragment(hash: string, how: 'load' | 'navigate'): string | null {
    const route = parseRoute(hash);
    if (route.kind !== 'lesson') return null;
    const lesson = lessonOf(route.lessonId);
    if (!lesson) return null;
    const id = lesson.id;
    const frag = fragmentPayload(hash);
    if (frag.payload === null) {
      if (frag.problems.length > 0) {
        reportLink(id, frag.refused ? 'rejected' : 'partial', frag.problems, [], hasEdits(id));
      }
      return null;
    }
    const result = decodeShare(lesson, frag.payload);
    const problems = [...frag.problems, ...result.problems];
    const st = store.getState();
    const had = st.lessons[id];
    if (result.status === 'rejected') {
      reportLink(id, 'rejected', problems, [], had !== undefined);
      return frag.payload;
    }
    const next = result.editsValues ? result.share.state : undefined;
    const current = lessonState(st, id);
    const changes = !sameLessonValues(id, current, next ?? defaultState(id));
    const view = { plotOptions: result.share.plot, classroom: result.share.classroom };
    if (!changes) store.getState().hydrate(view);
    else if (how === 'load' && had === undefined) {
      store.getState().hydrate({ lessons: { [id]: next }, ...view });
    } else {
      store.getState().applyShared(id, next, view);
    }
    if (changes && had !== undefined) keepReplaced(lesson, had, how);
    if (problems.length > 0) reportLink(id, result.status, problems, result.used, false);
    else dismiss(`link:${id}`);
    return frag.payload;
  }

  function reportLink(
    id: LessonId,
    status: 'ok' | 'partial' | 'rejected',
    problems: readonly string[],
    used: readonly string[],
    keptSaved: boolean,
  ) {
    // Problems read as clauses about the link ("it is cut short"): one sentence, capitalised.
    const joined = problems.join('; ');
    const why = `${joined.charAt(0).toUpperCase()}${joined.slice(1)}.`;
    notify({
      id: `link:${id}`,
      scope: id,
      tone: status === 'rejected' ? 'error' : 'warning',
      title:
        status === 'rejected' ? 'This link could not be read' : 'This link could not be fully read',
      text:
        status === 'rejected'
          ? `${why} ${keptSaved ? 'The lesson shows your saved edits.' : "The lesson opened with the notebook's values."}`
          : used.length > 0
            ? `${why} Used from it: ${used.join(', ')}; everything else is at the notebook's values.`
            : why,
    });
  }

  /** Keeps the values a link replaced, in storage and in a notice that restores them. */
  function keepReplaced(lesson: Lesson, had: LessonState, how: 'load' | 'navigate') {
    const st = store.getState();
    persist.save(lesson, { ...shareOf(st, lesson.id), state: had }, 'replaced');
    const id = lesson.id;
    notify({
      id: `replaced:${id}`,
      scope: id,
      tone: 'info',
      title:
        how === 'load' ? 'This link replaced your saved edits' : 'This link replaced your edits',
      text: 'Your own values of this lesson are kept. Restore them here, or press Undo.',
      actions: [
        {
          label: 'Restore my edits',
          run: () => {
            store.getState().applyShared(id, had);
            dismiss(`replaced:${id}`);
          },
        },
      ],
    });
  }

  // Writing back: the address bar and storage follow the store.
  let urlTimer = 0;
  let saveTimer = 0;
  const dirty = new Set<LessonId>();

  function writeUrl() {
    urlTimer = 0;
    const hash = win.location.hash;
    // A navigation not handled yet: its hashchange decides.
    if (hash !== lastHash) return;
    const route = parseRoute(hash);
    if (route.kind !== 'lesson') return;
    const lesson = lessonOf(route.lessonId);
    if (!lesson) return;
    const payload = encodeShare(lesson, shareOf(store.getState(), lesson.id));
    const q = hash.indexOf('?');
    const next = (q < 0 ? hash : hash.slice(0, q)) + payloadSuffix(payload);
    if (next === hash) return;
    win.history.replaceState(win.history.state, '', next);
    lastHash = win.location.hash;
    if (payload !== '') remember(payload);
  }
  const scheduleUrl = (ms = WRITE_DELAY_MS) => {
    if (urlTimer) win.clearTimeout(urlTimer);
    urlTimer = win.setTimeout(writeUrl, ms);
  };
  const cancelUrl = () => {
    if (urlTimer) win.clearTimeout(urlTimer);
    urlTimer = 0;
  };

  function writeSaves() {
    saveTimer = 0;
    const st = store.getState();
    for (const id of dirty) {
      const lesson = lessonOf(id);
      if (lesson) persist.save(lesson, shareOf(st, id));
    }
    dirty.clear();
  }

  const unsubscribe = store.subscribe((st, prev) => {
    if (
      st.lessons !== prev.lessons ||
      st.plotOptions !== prev.plotOptions ||
      st.classroom !== prev.classroom
    ) {
      scheduleUrl();
    }
    if (st.lessons !== prev.lessons) {
      for (const id of allLessonIds()) {
        if (st.lessons[id] !== prev.lessons[id]) dirty.add(id);
      }
      if (dirty.size > 0) {
        if (saveTimer) win.clearTimeout(saveTimer);
        saveTimer = win.setTimeout(writeSaves, WRITE_DELAY_MS);
      }
    }
  });

  // 2. A link in the address bar, on top (after subscribing: the values it opens are saved, and
  // the address bar is brought to what is shown when only part of the link could be read).
  const opened = openFromFragment(win.location.hash, 'load');
  if (opened !== null) remember(opened);
  // Saved values opened under a bare address: the address bar gets them too.
  scheduleUrl();

  function onHashChange() {
    const hash = win.location.hash;
    lastHash = hash;
    const route = parseRoute(hash);
    if (route.kind !== 'lesson') {
      cancelUrl();
      return;
    }
    const lesson = lessonOf(route.lessonId);
    if (!lesson) return;
    const { payload } = fragmentPayload(hash);
    if (payload === null) {
      // A bare `#/lesson/step` (Contents, the catalogue, a typed address): the values stay in
      // memory, and the address bar gets them after the usual pause.
      scheduleUrl();
      return;
    }
    if (payload === encodeShare(lesson, shareOf(store.getState(), lesson.id))) {
      remember(payload);
      return;
    }
    if (known.has(payload)) {
      // Back or Forward onto an entry this tab wrote: keep the values, update the address.
      scheduleUrl(0);
      return;
    }
    const opened = openFromFragment(hash, 'navigate');
    if (opened !== null) remember(opened);
  }

  const flush = () => {
    if (urlTimer) {
      win.clearTimeout(urlTimer);
      writeUrl();
    }
    if (saveTimer) {
      win.clearTimeout(saveTimer);
      writeSaves();
    }
  };
  const onHide = () => {
    if (!win.document || win.document.visibilityState === 'hidden') flush();
  };

  const stopGestures =
    'PointerEvent' in globalThis ? trackGestures(win as unknown as Window) : () => {};
  win.addEventListener('hashchange', onHashChange);
  win.addEventListener('pagehide', flush);
  win.addEventListener('visibilitychange', onHide);

  flushUrlNow = () => {
    if (urlTimer) {
      win.clearTimeout(urlTimer);
      writeUrl();
    }
  };

  const sync: Sync = {
    flush,
    stop() {
      flush();
      unsubscribe();
      stopGestures();
      win.removeEventListener('hashchange', onHashChange);
      win.removeEventListener('pagehide', flush);
      win.removeEventListener('visibilitychange', onHide);
      flushUrlNow = () => {};
      if (active === sync) active = null;
    },
  };
  active = sync;
  return sync;
}

/** Lessons with steps: the ones that have values to share and save. */
function allLessonIds(): LessonId[] {
  return LESSON_IDS.filter((id) => lessonOf(id) !== undefined);
}

/**
 * Writes a pending change into the address bar now instead of after the pause: Copy link builds
 * its link from the store, and the address then agrees with it at once.
 */
export function flushAddress(): void {
  flushUrlNow();
}

/**
 * The fragment for another step of the lesson in the address bar, carrying its `?s=` state, so the
 * new history entry is a share link from the start. Pending edits are first written into the entry
 * being left, so Back returns to it with its values.
 */
export function stepFragment(lessonId: string, step: number): string {
  flushUrlNow();
  const current = typeof window === 'undefined' ? '' : window.location.hash;
  const route = parseRoute(current);
  const same = route.kind === 'lesson' && route.lessonId === lessonId;
  return lessonHash(lessonId, step) + (same ? querySuffix(current) : '');
}
