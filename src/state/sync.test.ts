import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Tensor } from '../math/tensor';
import { findLesson } from '../lessons';
import { noticeStore } from './notices';
import { storageKeys, type StorageLike } from './persist';
import { createAppStore, lessonState } from './store';
import { startSync, type Sync, type SyncWindow } from './sync';
import { decodeShare, defaultShare, encodeShare } from './url';

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
