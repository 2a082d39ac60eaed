import { describe, expect, it, vi } from 'vitest';
import type { StorageLike } from './persist';
import type { SyncWindow } from './sync';

/** A window whose timers run by hand, over the given storage. */
function fakeWindow(hash: string, storage: StorageLike): SyncWindow & { run(): void } {
  const timers = new Map<number, () => void>();
  let next = 1;
  const win = {
    location: { hash, href: `http://127.0.0.1/${hash}` },
    history: {
      state: null,
      replaceState: (_d: unknown, _u: string, url: string) => {
        win.location.hash = url.slice(url.indexOf('#'));
      },
    },
    addEventListener: () => {},
    removeEventListener: () => {},
    setTimeout: (f: () => void) => {
      timers.set(next, f);
      return next++;
    },
    clearTimeout: (id: number) => void timers.delete(id),
    localStorage: storage,
    run() {
      for (const [id, f] of [...timers]) {
        timers.delete(id);
        f();
      }
    },
  };
  return win;
}

describe('lessons registered after the sync started (the playground opened first)', () => {
  it('takes in their saved values, and a link to one of them, as at start-up', async () => {
    // Fresh modules: an empty registry of lessons, as in the playground's chunk.
    vi.resetModules();
    const { LESSONS, findLesson } = await import('../lessons');
    const { registerLessons } = await import('./pages');
    const { createAppStore, lessonState } = await import('./store');
    const { startSync } = await import('./sync');
    const { defaultShare, encodeShare } = await import('./url');
    const { storageKeys } = await import('./persist');

    const lesson = findLesson('dream-big')!;
    const edited = (first: number) => {
      const s = defaultShare(lesson);
      const data = s.state.embeddings.data.slice();
      data[0] = first;
      return { ...s, state: { ...s.state, embeddings: { shape: [6, 3], data } } };
    };
    const map = new Map<string, string>();
    const storage: StorageLike = {
      getItem: (k) => map.get(k) ?? null,
      setItem: (k, v) => void map.set(k, v),
      removeItem: (k) => void map.delete(k),
    };
    // Saved edits of dream-big, and the address opens your-journey by a link.
    map.set(
      storageKeys.lesson('dream-big'),
      JSON.stringify({ v: 1, s: encodeShare(lesson, edited(0.5)), at: 1 }),
    );
    const yj = findLesson('your-journey')!;
    const ys = defaultShare(yj);
    const link = encodeShare(yj, { ...ys, state: { ...ys.state, query: 4 } });
    const win = fakeWindow(`#/your-journey/2?s=${link}`, storage);
    const store = createAppStore();
    const sync = startSync(win, store);
    // Nothing of the lessons yet: the state layer does not know them.
    expect(store.getState().pages['dream-big']).toBeUndefined();
    expect(store.getState().pages['your-journey']).toBeUndefined();

    registerLessons(LESSONS);
    sync.addPages();
    expect(lessonState(store.getState(), 'dream-big').embeddings.data[0]).toBe(0.5);
    expect(lessonState(store.getState(), 'your-journey').query).toBe(4);
    // Taken in once: a second call changes nothing.
    const before = store.getState().pages;
    sync.addPages();
    expect(store.getState().pages).toBe(before);
    sync.stop();
  });
});
