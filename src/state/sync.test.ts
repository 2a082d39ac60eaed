import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Tensor } from '../math/tensor';
import { findLesson } from '../lessons';
import { noticeStore } from './notices';
import { storageKeys, type StorageLike } from './persist';
import { decodePage, encodePage } from './pages';
import { createAppStore, lessonState, playgroundValues, shareOf } from './store';
import { startSync, type Sync, type SyncWindow } from './sync';
import { decodeShare, defaultShare, encodeShare, fragmentPayload } from './url';

const ID = 'dream-big';
const lesson = findLesson(ID)!;

function memoryStorage(): StorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}

/** A window with a hand-run timer queue, a fragment, and history.replaceState. */
function fakeWindow(hash: string, storage: StorageLike = memoryStorage()) {
  const listeners = new Map<string, Set<() => void>>();
  const timers = new Map<number, () => void>();
  const replaced: string[] = [];
  let next = 1;
  const win: SyncWindow = {
    location: {
      hash,
      get href() {
        return `http://127.0.0.1/${this.hash}`;
      },
    },
    history: {
      state: null,
      replaceState: (_d, _u, url) => {
        replaced.push(url);
        win.location.hash = url.slice(url.indexOf('#'));
      },
    },
    addEventListener: (type, f) => {
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type)!.add(f);
    },
    removeEventListener: (type, f) => void listeners.get(type)?.delete(f),
    setTimeout: (f) => {
      timers.set(next, f);
      return next++;
    },
    clearTimeout: (id) => void timers.delete(id),
    localStorage: storage,
  };
  return {
    win,
    replaced,
    runTimers() {
      for (const [id, f] of [...timers]) {
        timers.delete(id);
        f();
      }
    },
    navigate(to: string) {
      win.location.hash = to;
      for (const f of listeners.get('hashchange') ?? []) f();
    },
  };
}

/** A payload with the given query and first embedding value. */
function payload(query: number, first?: number): string {
  const s = defaultShare(lesson);
  const data = s.state.embeddings.data.slice();
  if (first !== undefined) data[0] = first;
  return encodeShare(lesson, {
    ...s,
    state: { ...s.state, query, embeddings: { shape: [6, 3], data } },
  });
}

function saved(storage: StorageLike, query: number) {
  storage.setItem(storageKeys.lesson(ID), JSON.stringify({ v: 1, s: payload(query), at: 1 }));
}

const notices = () => noticeStore.getState().notices;
const setCell = (store: ReturnType<typeof createAppStore>, i: number, v: number) => {
  const x = lessonState(store.getState(), ID).embeddings;
  const data = x.data.slice();
  data[i] = v;
  store.getState().setEmbeddings(ID, { shape: x.shape, data } as Tensor);
};

let sync: Sync | null = null;
beforeEach(() => noticeStore.setState({ notices: [] }));
afterEach(() => sync?.stop());

describe('start-up', () => {
  it('restores saved edits', () => {
    const storage = memoryStorage();
    saved(storage, 4);
    const store = createAppStore();
    sync = startSync(fakeWindow(`#/${ID}/2`, storage).win, store);
    expect(lessonState(store.getState(), ID).query).toBe(4);
    expect(notices()).toEqual([]);
  });

  it('lets a link win over saved edits, keeps them, and offers them back', () => {
    const storage = memoryStorage();
    saved(storage, 4);
    const store = createAppStore();
    sync = startSync(fakeWindow(`#/${ID}/2?s=${payload(2, 0.5)}`, storage).win, store);
    expect(lessonState(store.getState(), ID).query).toBe(2);
    expect(lessonState(store.getState(), ID).embeddings.data[0]).toBe(0.5);
    expect(storage.getItem(storageKeys.replaced(ID))).toContain(payload(4));
    const n = notices().find((m) => m.id === `replaced:${ID}`)!;
    expect(n.title).toMatch(/replaced your saved edits/);
    n.actions![0]!.run();
    expect(lessonState(store.getState(), ID).query).toBe(4);
    // Undo takes the restore back: the link's values again.
    store.getState().undo(ID);
    expect(lessonState(store.getState(), ID).query).toBe(2);
  });

  it('opens a link equal to the saved edits quietly', () => {
    const storage = memoryStorage();
    saved(storage, 4);
    sync = startSync(fakeWindow(`#/${ID}/2?s=${payload(4)}`, storage).win, createAppStore());
    expect(notices()).toEqual([]);
  });

  it('keeps saved edits when a link cannot be read, and says so', () => {
    const storage = memoryStorage();
    saved(storage, 4);
    const store = createAppStore();
    sync = startSync(fakeWindow(`#/${ID}/2?s=<script>alert(1)</script>`, storage).win, store);
    expect(lessonState(store.getState(), ID).query).toBe(4);
    const n = notices().find((m) => m.id === `link:${ID}`)!;
    expect(n.tone).toBe('error');
    expect(n.text).toMatch(/characters that a link of ours never has.*your saved edits/);
  });

  it('says that saving is off when storage throws, and still works', () => {
    const storage: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
      },
      removeItem: () => {},
    };
    const store = createAppStore();
    sync = startSync(fakeWindow(`#/${ID}/2?s=${payload(3)}`, storage).win, store);
    expect(lessonState(store.getState(), ID).query).toBe(3);
    const n = notices().find((m) => m.id === 'saving-off')!;
    expect(n.scope).toBe('app');
    expect(n.text).toMatch(/full/);
  });
});

describe('while the learner works', () => {
  it('writes the values into the fragment and storage after a pause, not on every edit', () => {
    const storage = memoryStorage();
    const w = fakeWindow(`#/${ID}/2`, storage);
    const store = createAppStore();
    sync = startSync(w.win, store);
    setCell(store, 0, 0.25);
    setCell(store, 0, 0.5);
    expect(w.replaced).toEqual([]);
    w.runTimers();
    expect(w.replaced).toEqual([`#/${ID}/2?s=${payload(1, 0.5)}`]);
    expect(storage.getItem(storageKeys.lesson(ID))).toContain(payload(1, 0.5));
    store.getState().reset(ID);
    w.runTimers();
    expect(w.win.location.hash).toBe(`#/${ID}/2`);
    expect(storage.getItem(storageKeys.lesson(ID))).toBeNull();
  });

  it('keeps the values over a bare fragment (a step change), and writes them back after a pause', () => {
    const w = fakeWindow(`#/${ID}/2`);
    const store = createAppStore();
    sync = startSync(w.win, store);
    setCell(store, 0, 0.25);
    w.navigate(`#/${ID}/1`);
    expect(w.win.location.hash).toBe(`#/${ID}/1`);
    expect(lessonState(store.getState(), ID).embeddings.data[0]).toBe(0.25);
    w.runTimers();
    expect(w.win.location.hash).toBe(`#/${ID}/1?s=${payload(1, 0.25)}`);
  });

  it('puts saved values into a bare address at start-up', () => {
    const storage = memoryStorage();
    saved(storage, 4);
    const w = fakeWindow(`#/${ID}/3`, storage);
    sync = startSync(w.win, createAppStore());
    w.runTimers();
    expect(w.win.location.hash).toBe(`#/${ID}/3?s=${payload(4)}`);
  });

  it('does not take Back onto an older entry of its own for a new link', () => {
    const w = fakeWindow(`#/${ID}/2`);
    const store = createAppStore();
    sync = startSync(w.win, store);
    setCell(store, 0, 0.25);
    w.runTimers();
    const older = w.win.location.hash;
    setCell(store, 0, 0.5);
    w.runTimers();
    w.navigate(older);
    expect(lessonState(store.getState(), ID).embeddings.data[0]).toBe(0.5);
    w.runTimers();
    expect(w.win.location.hash).toBe(`#/${ID}/2?s=${payload(1, 0.5)}`);
  });

  it('opens a link pasted into a running tab as one undoable step', () => {
    const w = fakeWindow(`#/${ID}/2`);
    const store = createAppStore();
    sync = startSync(w.win, store);
    setCell(store, 0, 0.25);
    w.navigate(`#/${ID}/5?s=${payload(5)}`);
    expect(lessonState(store.getState(), ID).query).toBe(5);
    expect(notices().some((n) => n.id === `replaced:${ID}`)).toBe(true);
    store.getState().undo(ID);
    expect(lessonState(store.getState(), ID).embeddings.data[0]).toBe(0.25);
    expect(decodeShare(lesson, payload(5)).status).toBe('ok');
  });
});

describe('the playground', () => {
  const PG = 'playground';
  const oldLink = (o: Record<string, unknown>) =>
    btoa(
      JSON.stringify({
        v: 1,
        s: 'a b c',
        d: 3,
        seed: 1,
        m: 'plain',
        dk: 2,
        dv: 2,
        c: 0,
        q: 1,
        ...o,
      }),
    )
      .replace(/\+/g, '-')
      .replace(/\//g, '_')
      .replace(/=+$/, '');
  const values = (store: ReturnType<typeof createAppStore>) => playgroundValues(store.getState());

  it('saves its values under its own key and restores them', () => {
    const storage = memoryStorage();
    const w = fakeWindow(`#/${PG}/1`, storage);
    const store = createAppStore();
    sync = startSync(w.win, store);
    store.getState().edit(PG, 'seed', 42);
    w.runTimers();
    expect(storage.getItem(storageKeys.lesson(PG))).not.toBeNull();
    expect(storageKeys.lesson(PG)).not.toBe(storageKeys.lesson(ID));
    expect(w.win.location.hash).toMatch(/^#\/playground\/1\?s=/);
    sync.stop();
    const again = createAppStore();
    sync = startSync(fakeWindow(`#/${PG}/1`, storage).win, again);
    expect(values(again).seed).toBe(42);
  });

  it('keeps values too many for a link out of the address, and in storage', () => {
    const storage = memoryStorage();
    const w = fakeWindow(`#/${PG}/1`, storage);
    const store = createAppStore();
    sync = startSync(w.win, store);
    const sentence = Array.from({ length: 64 }, (_, k) => `w${k}`).join(' ');
    store.getState().editMany(PG, [
      ['sentence', sentence],
      ['d', 64],
    ]);
    const x = values(store).embeddings;
    const data = x.data.map((v, k) => Math.fround(v + 0.1234567 + k / 7));
    store.getState().edit(PG, 'embeddings', { shape: x.shape, data });
    w.runTimers();
    expect(w.win.location.hash).toBe(`#/${PG}/1`);
    sync.stop();
    const again = createAppStore();
    const reloaded = fakeWindow(`#/${PG}/1`, storage);
    sync = startSync(reloaded.win, again);
    expect(Array.from(values(again).embeddings.data)).toEqual(Array.from(data));
    expect(notices()).toEqual([]);
  });

  it('opens an old ?p= link and rewrites the address in the ?s= form', () => {
    const w = fakeWindow(`#/${PG}/1?p=${oldLink({ seed: 7, c: 1 })}`);
    const store = createAppStore();
    sync = startSync(w.win, store);
    expect(values(store)).toMatchObject({ sentence: 'a b c', seed: 7, causal: true, query: 1 });
    const s = fragmentPayload(w.win.location.hash).payload!;
    expect(w.win.location.hash).toBe(`#/${PG}/1?s=${s}`);
    const back = decodePage(PG, s);
    expect(back.status).toBe('ok');
    expect(back.share.state).toMatchObject({ sentence: 'a b c', seed: 7, causal: true });
    expect(notices().filter((n) => n.id === `link:${PG}`)).toEqual([]);
    // Opening the rewritten address gives the same values.
    const other = createAppStore();
    sync.stop();
    sync = startSync(fakeWindow(w.win.location.hash).win, other);
    expect(values(other)).toEqual(values(store));
  });

  it('opens what it can of an old link with a bad field, and names what it dropped', () => {
    const w = fakeWindow(`#/${PG}/1?p=${oldLink({ seed: 'x', c: 1 })}`);
    const store = createAppStore();
    sync = startSync(w.win, store);
    expect(values(store)).toMatchObject({ sentence: 'a b c', seed: 123, causal: true });
    const n = notices().find((m) => m.id === `link:${PG}`)!;
    expect(n.title).toBe('An older playground link could not be fully read');
    expect(n.text).toMatch(/Its seed is missing or not valid/);
    expect(w.win.location.hash).toMatch(/^#\/playground\/1\?s=/);
  });

  it('opens the defaults for a garbage old link, and says so', () => {
    const w = fakeWindow(`#/${PG}/1?p=not-a-valid-payload`);
    const store = createAppStore();
    sync = startSync(w.win, store);
    expect(store.getState().pages.playground).toBeUndefined();
    const n = notices().find((m) => m.id === `link:${PG}`)!;
    expect(n.title).toBe('An older playground link could not be read');
    expect(n.tone).toBe('error');
    expect(n.text).toMatch(/The playground opened with its opening sentence/);
    expect(w.win.location.hash).toBe(`#/${PG}/1`);
  });
});

describe('Restore my edits', () => {
  it('is offered again after a reload, restores as one undoable step, and then is gone', () => {
    const storage = memoryStorage();
    saved(storage, 4);
    // A link replaces the saved edits; the tab is then reloaded on the bare address.
    sync = startSync(fakeWindow(`#/${ID}/2?s=${payload(2, 0.5)}`, storage).win, createAppStore());
    sync.stop();
    noticeStore.setState({ notices: [] });
    const store = createAppStore();
    const w = fakeWindow(`#/${ID}/2`, storage);
    sync = startSync(w.win, store);
    expect(lessonState(store.getState(), ID).query).toBe(2);
    const n = notices().find((m) => m.id === `replaced:${ID}`)!;
    expect(n.title).toBe('A link replaced your edits');
    expect(n.actions!.map((a) => a.label)).toEqual(['Restore my edits']);
    n.actions![0]!.run();
    expect(lessonState(store.getState(), ID).query).toBe(4);
    expect(notices().some((m) => m.id === `replaced:${ID}`)).toBe(false);
    expect(storage.getItem(storageKeys.replaced(ID))).toBeNull();
    store.getState().undo(ID);
    expect(lessonState(store.getState(), ID).query).toBe(2);
    // Used: not offered again at the next start.
    sync.stop();
    noticeStore.setState({ notices: [] });
    sync = startSync(fakeWindow(`#/${ID}/2`, storage).win, createAppStore());
    expect(notices().some((m) => m.id === `replaced:${ID}`)).toBe(false);
  });

  it('forgets the kept edits when the notice is dismissed', () => {
    const storage = memoryStorage();
    saved(storage, 4);
    sync = startSync(fakeWindow(`#/${ID}/2?s=${payload(2, 0.5)}`, storage).win, createAppStore());
    const n = notices().find((m) => m.id === `replaced:${ID}`)!;
    n.onDismiss!();
    expect(storage.getItem(storageKeys.replaced(ID))).toBeNull();
    sync.stop();
    noticeStore.setState({ notices: [] });
    sync = startSync(fakeWindow(`#/${ID}/2`, storage).win, createAppStore());
    expect(notices().some((m) => m.id === `replaced:${ID}`)).toBe(false);
  });

  it('works for the playground too', () => {
    const storage = memoryStorage();
    const first = createAppStore();
    let w = fakeWindow(`#/playground/1`, storage);
    sync = startSync(w.win, first);
    first.getState().edit('playground', 'seed', 11);
    w.runTimers();
    sync.stop();
    const link = encodePage('playground', {
      ...shareOf(first.getState(), 'playground'),
      state: { ...playgroundValues(first.getState()), causal: true, seed: 3 },
    });
    // Opened by a fresh store: the seed 3 link replaces the saved seed 11.
    const store = createAppStore();
    w = fakeWindow(`#/playground/1?s=${link}`, storage);
    sync = startSync(w.win, store);
    expect(playgroundValues(store.getState()).seed).toBe(3);
    sync.stop();
    noticeStore.setState({ notices: [] });
    const after = createAppStore();
    sync = startSync(fakeWindow(`#/playground/1`, storage).win, after);
    notices()
      .find((m) => m.id === 'replaced:playground')!
      .actions![0]!.run();
    expect(playgroundValues(after.getState()).seed).toBe(11);
  });
});
