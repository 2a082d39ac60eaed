import type { LessonState } from '../lessons/types';
import { describe, expect, it } from 'vitest';
import { findLesson } from '../lessons';
import { openPersist, storageKeys, type StorageLike } from './persist';
import { defaultShare } from './url';

const lesson = findLesson('dream-big')!;

function memoryStorage(
  overrides: Partial<StorageLike> = {},
): StorageLike & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
    ...overrides,
  };
}

const edited = () => {
  const s = defaultShare(lesson);
  const data = s.state.embeddings.data.slice();
  data[0] = 0.123;
  return { ...s, state: { ...s.state, query: 4, embeddings: { shape: [6, 3], data } } };
};

function quotaError(): Error {
  const e = new Error('quota');
  e.name = 'QuotaExceededError';
  return e;
}

describe('autosave', () => {
  it('saves and restores a lesson bit for bit; at the defaults it removes the record', () => {
    const storage = memoryStorage();
    const p = openPersist(() => storage);
    expect(p.save(lesson, edited())).toBe(true);
    const back = p.load(lesson);
    expect(back.kind).toBe('ok');
    if (back.kind !== 'ok') return;
    const state = back.share.state as LessonState;
    expect(state.query).toBe(4);
    expect(state.embeddings.data[0]).toBe(Math.fround(0.123));
    p.save(lesson, defaultShare(lesson));
    expect(storage.map.has(storageKeys.lesson('dream-big'))).toBe(false);
    expect(p.load(lesson).kind).toBe('none');
  });

  it('calls garbage in storage corrupt, and carries on', () => {
    for (const junk of [
      '{',
      'null',
      '[]',
      '{"v":2,"s":"AQ"}',
      '{"v":1,"s":"<script>"}',
      'x'.repeat(20_000),
    ]) {
      const storage = memoryStorage();
      storage.setItem(storageKeys.lesson('dream-big'), junk);
      const r = openPersist(() => storage).load(lesson);
      expect(r.kind).toBe('corrupt');
    }
  });

  it('turns saving off, and says why, when storage is disabled', () => {
    const problems: (string | null)[] = [];
    const p = openPersist(
      () => {
        throw Object.assign(new Error('denied'), { name: 'SecurityError' });
      },
      (x) => problems.push(x),
    );
    expect(p.problem).toMatch(/does not allow/);
    expect(p.save(lesson, edited())).toBe(false);
    expect(p.load(lesson).kind).toBe('none');
    expect(problems).toHaveLength(1);
  });

  it('turns saving off when storage is full, and back on when a save works again', () => {
    let full = false;
    const storage = memoryStorage();
    const setItem = storage.setItem;
    storage.setItem = (k, v) => {
      if (full) throw quotaError();
      setItem(k, v);
    };
    const problems: (string | null)[] = [];
    const p = openPersist(
      () => storage,
      (x) => problems.push(x),
    );
    full = true;
    expect(p.save(lesson, edited())).toBe(false);
    expect(p.problem).toMatch(/full/);
    full = false;
    expect(p.save(lesson, edited())).toBe(true);
    expect(problems).toEqual(["the browser's storage for this site is full", null]);
  });

  it('survives a storage whose every call throws', () => {
    const boom = () => {
      throw new Error('boom');
    };
    const p = openPersist(() => ({ getItem: boom, setItem: boom, removeItem: boom }));
    expect(p.problem).not.toBeNull();
    expect(() => p.remove('dream-big')).not.toThrow();
  });
});

describe('autosave of the playground', () => {
  it('keeps a 64 × 64 table with every cell edited (more than a link can carry)', async () => {
    const { playgroundWith, DEFAULT_SETTINGS } = await import('../lessons/playground');
    const { defaultPlaygroundShare } = await import('./playground');
    const sentence = Array.from({ length: 64 }, (_, k) => `w${k}`).join(' ');
    const v = playgroundWith({ ...DEFAULT_SETTINGS, sentence, d: 64 });
    // Dragged values: none is a short decimal, so each is written as its 4 bytes.
    const data = v.embeddings.data.map((x, k) => Math.fround(x + 0.1234567 + k / 7));
    const share = {
      ...defaultPlaygroundShare(),
      state: { ...v, embeddings: { shape: v.embeddings.shape, data } },
    };
    const storage = memoryStorage();
    const p = openPersist(() => storage);
    expect(p.save({ id: 'playground' }, share)).toBe(true);
    const back = p.load({ id: 'playground' });
    expect(back.kind).toBe('ok');
    if (back.kind !== 'ok') return;
    const x = (back.share.state as typeof v).embeddings;
    expect(Array.from(x.data)).toEqual(Array.from(data));
  });
});
