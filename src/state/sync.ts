/**
 * Keeps the store, the address bar and localStorage in step for every page with values (the
 * lessons and the playground, pages.ts) (DESIGN.md "URL state"):
 *
 * - At start-up, before anything renders from the store: saved values of every page, then the
 *   link in the address bar on top of them (a link wins, but the saved values it replaces are kept
 *   under persist.ts's `replaced` key, and a notice offers them back, after a reload too, until
 *   the learner restores or dismisses them). An old playground link (`?p=`, JSON) is opened field
 *   by field and the address rewritten in today's `?s=` form.
 * - While the learner works: the fragment's `?s=` is rewritten with history.replaceState, debounced,
 *   so copying the address bar gives a share link and Back moves between steps, never between edits;
 *   each changed lesson is saved, debounced too, and flushed when the page is hidden.
 * - Step changes (StepNav's goToStep, via stepFragment) carry the `?s=` into the new entry.
 * - On hashchange: a fragment without `?s=` (a Contents link, the catalogue, a typed
 *   `#/lesson/2`) keeps the values in memory, and the address bar gets them back after the same
 *   pause; a fragment whose payload this tab wrote (Back, Forward) keeps the values too, and the
 *   address is brought up to date; any other payload is a link, opened as one undoable step.
 */
import { lessonPageUrl } from '../app/pageMeta';
import { lessonHash, parseRoute } from '../app/router';
import { trackGestures } from './history';
import { decodeLegacyPlayground, legacyPayload } from './legacyPlaygroundLink';
import { dismiss, notify } from './notices';
import {
  decodePage,
  encodePage,
  findPageDef,
  pageIds,
  type PageId,
  type PageValues,
} from './pages';
import { openPersist, type Persist, type StorageLike } from './persist';
import type { PlotOptions } from './plotOptions';
import { appStore, pageValues, samePageValues, shareOf } from './store';
import { fragmentPayload, MAX_PAYLOAD_CHARS, payloadSuffix, querySuffix } from './url';

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
  /**
   * Takes in pages registered since the sync started (the lesson chunk registers the lessons when
   * it loads, perhaps after the playground started the sync): their saved values, then the link
   * in the address bar if it is for one of them, as at start-up.
   */
  addPages(): void;
  stop(): void;
}

let active: Sync | null = null;
let flushUrlNow: () => void = () => {};

/** The page with values a route names, or undefined. */
const pageOf = (id: string): PageId | undefined =>
  findPageDef(id) === undefined ? undefined : (id as PageId);

/** "this lesson" / "the playground", and what it opens with when a link gives nothing. */
const pageWords = (id: PageId) =>
  id === 'playground'
    ? { page: 'the playground', of: 'the playground', defaults: 'its opening sentence and values' }
    : { page: 'the lesson', of: 'this lesson', defaults: "the notebook's values" };

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

  /** Pages whose saved values have been read. */
  const started = new Set<PageId>();
  /** Reads the saved values of `ids` into the store. */
  function loadSaved(ids: readonly PageId[]) {
    for (const id of ids) started.add(id);
    const saved: { [K in PageId]?: unknown } = {};
    for (const id of ids) {
      const loaded = persist.load({ id });
      const words = pageWords(id);
      if (loaded.kind === 'corrupt') {
        notify({
          id: `saved-unreadable:${id}`,
          scope: id,
          tone: 'warning',
          title: 'Your saved edits could not be read',
          text: `What is stored for ${words.of} is not usable (${loaded.reason}). ${capital(words.page)} opened with ${words.defaults}; your next edit is saved over it.`,
        });
      } else if (loaded.kind === 'ok' && loaded.result.editsValues) {
        saved[id] = loaded.share.state;
        if (loaded.result.status === 'partial') {
          notify({
            id: `saved-unreadable:${id}`,
            scope: id,
            tone: 'warning',
            title: 'Some saved edits could not be read',
            text: `Stored for ${words.of}: ${loaded.result.problems.join('; ')}. The parts that could be read were restored.`,
          });
        }
      }
    }
    store.getState().hydrate({ pages: saved as PageValues });
  }

  // 1. Saved values.
  loadSaved(pageIds());

  /** The fragment as last handled: a different one means a hashchange is on its way. */
  let lastHash = win.location.hash;

  /** Pages whose replaced values have been offered back in this start-up. */
  const offered = new Set<PageId>();
  const hasEdits = (id: PageId) => store.getState().pages[id] !== undefined;

  /**
   * Opens the payload of `hash` if it has one; returns the payload (null when none). `how`:
   * 'load' at start-up, 'navigate' for a link opened in a running tab.
   */
  function openFromFragment(hash: string, how: 'load' | 'navigate'): string | null {
    const route = parseRoute(hash);
    if (route.kind !== 'lesson') return null;
    const id = pageOf(route.lessonId);
    if (!id) return null;
    const frag = fragmentPayload(hash);
    const legacy = id === 'playground' ? legacyPayload(hash) : null;
    if (legacy !== null && frag.payload === null) return openLegacy(hash, legacy, how);
    if (frag.payload === null) {
      if (frag.problems.length > 0) {
        reportLink(id, frag.refused ? 'rejected' : 'partial', frag.problems, [], hasEdits(id));
      }
      return null;
    }
    const result = decodePage(id, frag.payload);
    const problems = [...frag.problems, ...result.problems];
    if (result.status === 'rejected') {
      reportLink(id, 'rejected', problems, [], hasEdits(id));
      return frag.payload;
    }
    openValues(id, result.editsValues ? result.share.state : undefined, result.share, how);
    if (problems.length > 0) reportLink(id, result.status, problems, result.used, false);
    else dismiss(`link:${id}`);
    return frag.payload;
  }

  /** Puts a link's values and view in place; keeps the values it replaced restorable. */
  function openValues(
    id: PageId,
    next: unknown,
    view: { plot: PlotOptions; classroom: number },
    how: 'load' | 'navigate',
  ) {
    const st = store.getState();
    const had = st.pages[id];
    const changes = !samePageValues(id, pageValues(st, id), next ?? findPageDef(id)!.defaults);
    const shown = { plot: view.plot, classroom: view.classroom };
    if (!changes) store.getState().hydrate({ views: { [id]: shown } });
    else if (how === 'load' && had === undefined) {
      store.getState().hydrate({ pages: { [id]: next }, views: { [id]: shown } });
    } else {
      store.getState().applyShared(id, next as never, shown);
    }
    if (changes && had !== undefined) keepReplaced(id, had, how);
  }

  /**
   * An old playground link (`?p=`): its readable fields opened, the address rewritten as `?s=`
   * at once (a reload or a copy of the address gives today's link), and a notice naming what was
   * dropped. Returns the new payload.
   */
  function openLegacy(hash: string, payload: string, how: 'load' | 'navigate'): string | null {
    const id: PageId = 'playground';
    const { share, problems } = decodeLegacyPlayground(payload);
    if (share) openValues(id, share.state, share, how);
    const q = hash.indexOf('?');
    const next = encodePage(id, shareOf(store.getState(), id));
    win.history.replaceState(
      win.history.state,
      '',
      address(id, hash.slice(0, q) + payloadSuffix(next)),
    );
    lastHash = win.location.hash;
    if (share === null) {
      reportLink(id, 'rejected', problems, [], hasEdits(id), 'an older playground link');
    } else if (problems.length > 0) {
      reportLink(id, 'partial', problems, ['everything else'], false, 'an older playground link');
    } else dismiss(`link:${id}`);
    return next === '' ? null : next;
  }

  function reportLink(
    id: PageId,
    status: 'ok' | 'partial' | 'rejected',
    problems: readonly string[],
    used: readonly string[],
    keptSaved: boolean,
    what = 'This link',
  ) {
    // Problems read as clauses about the link ("it is cut short"): one sentence, capitalised.
    const why = `${capital(problems.join('; '))}.`;
    const words = pageWords(id);
    notify({
      id: `link:${id}`,
      scope: id,
      tone: status === 'rejected' ? 'error' : 'warning',
      title:
        status === 'rejected'
          ? `${capital(what)} could not be read`
          : `${capital(what)} could not be fully read`,
      text:
        status === 'rejected'
          ? `${why} ${keptSaved ? `${capital(words.page)} shows your saved edits.` : `${capital(words.page)} opened with ${words.defaults}.`}`
          : used.length > 0
            ? `${why} Used from it: ${used.join(', ')}; everything else is at ${words.defaults}.`
            : why,
    });
  }

  /** Keeps the values a link replaced, in storage and in a notice that restores them. */
  function keepReplaced(id: PageId, had: unknown, how: 'load' | 'navigate') {
    persist.save({ id }, { ...shareOf(store.getState(), id), state: had }, 'replaced');
    offerReplaced(id, how);
  }

  /**
   * The notice that offers back the values a link replaced, while persist.ts keeps them under
   * `replaced`: "Restore my edits" opens them (one undo step) and forgets them; dismissing the
   * notice forgets them too. `when`: how they were replaced ('earlier': before this start-up).
   */
  function offerReplaced(id: PageId, when: 'load' | 'navigate' | 'earlier') {
    offered.add(id);
    const loaded = persist.load({ id }, 'replaced');
    if (loaded.kind !== 'ok' || !loaded.result.editsValues) {
      if (loaded.kind === 'corrupt') persist.remove(id, 'replaced');
      return;
    }
    const kept = loaded.share.state;
    if (samePageValues(id, kept, pageValues(store.getState(), id))) {
      // Already what the page shows: nothing to offer.
      persist.remove(id, 'replaced');
      return;
    }
    const forget = () => persist.remove(id, 'replaced');
    notify({
      id: `replaced:${id}`,
      scope: id,
      tone: 'info',
      title:
        when === 'load'
          ? 'This link replaced your saved edits'
          : when === 'navigate'
            ? 'This link replaced your edits'
            : 'A link replaced your edits',
      text: `Your own values of ${pageWords(id).of} are kept until you restore or dismiss them. Restore them here${when === 'earlier' ? '' : ', or press Undo'}.`,
      actions: [
        {
          label: 'Restore my edits',
          run: () => {
            store.getState().applyShared(id, kept as never);
            forget();
            dismiss(`replaced:${id}`);
          },
        },
      ],
      onDismiss: forget,
    });
  }

  // Writing back: the address bar and storage follow the store.
  let urlTimer = 0;
  let saveTimer = 0;
  const dirty = new Set<PageId>();

  function writeUrl() {
    urlTimer = 0;
    const hash = win.location.hash;
    // A navigation not handled yet: its hashchange decides.
    if (hash !== lastHash) return;
    const route = parseRoute(hash);
    if (route.kind !== 'lesson') return;
    const id = pageOf(route.lessonId);
    if (!id) return;
    const encoded = encodePage(id, shareOf(store.getState(), id));
    // Values too many for a link (the playground's large table edited everywhere) stay out of the
    // address, which would not open; storage keeps them.
    const payload = encoded.length > MAX_PAYLOAD_CHARS ? '' : encoded;
    const q = hash.indexOf('?');
    const next = address(id, (q < 0 ? hash : hash.slice(0, q)) + payloadSuffix(payload));
    if (next === hash || next === win.location.href) return;
    win.history.replaceState(win.history.state, '', next);
    lastHash = win.location.hash;
    if (payload !== '') remember(payload);
  }

  /**
   * What the address bar shows for a page's fragment: the fragment alone for a lesson; for the
   * playground, on its own HTML page (as its links always were), so the address a learner copies
   * unfurls with its card.
   */
  function address(id: PageId, fragment: string): string {
    return id === 'playground' ? lessonPageUrl(win.location.href, id) + fragment : fragment;
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
    for (const id of dirty) persist.save({ id }, shareOf(st, id));
    dirty.clear();
  }

  const unsubscribe = store.subscribe((st, prev) => {
    if (st.pages !== prev.pages || st.views !== prev.views) scheduleUrl();
    if (st.pages !== prev.pages) {
      for (const id of pageIds()) {
        if (st.pages[id] !== prev.pages[id]) dirty.add(id);
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
  // Values a link replaced before this start-up (before a reload, or in another tab), offered
  // back unless the link just opened has already offered this page's.
  for (const id of pageIds()) if (!offered.has(id)) offerReplaced(id, 'earlier');
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
    const id = pageOf(route.lessonId);
    if (!id) return;
    const { payload } = fragmentPayload(hash);
    if (payload === null && id === 'playground' && legacyPayload(hash) !== null) {
      const opened = openFromFragment(hash, 'navigate');
      if (opened !== null) remember(opened);
      return;
    }
    if (payload === null) {
      // A bare `#/lesson/step` (Contents, the catalogue, a typed address): the values stay in
      // memory, and the address bar gets them after the usual pause.
      scheduleUrl();
      return;
    }
    if (payload === encodePage(id, shareOf(store.getState(), id))) {
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
    addPages() {
      const fresh = pageIds().filter((id) => !started.has(id));
      if (fresh.length === 0) return;
      loadSaved(fresh);
      const route = parseRoute(win.location.hash);
      if (route.kind === 'lesson' && (fresh as string[]).includes(route.lessonId)) {
        lastHash = win.location.hash;
        const opened = openFromFragment(win.location.hash, 'load');
        if (opened !== null) remember(opened);
      }
      for (const id of fresh) if (!offered.has(id)) offerReplaced(id, 'earlier');
      scheduleUrl();
    },
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

/** "the lesson" → "The lesson". */
function capital(s: string): string {
  return `${s.charAt(0).toUpperCase()}${s.slice(1)}`;
}

/** Starts the sync unless it runs already (the lesson chunk and the playground both need it). */
export function ensureSync(): Sync {
  if (!active) return startSync();
  active.addPages();
  return active;
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
