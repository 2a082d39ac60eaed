import { describe, expect, it } from 'vitest';
import { decodeLink, DEFAULT_SETTINGS, encodeLink, MAX_LINK_CHARS, payloadOf } from './link';

const enc = (o: unknown) =>
  btoa(JSON.stringify(o)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

describe('playground link', () => {
  it('round-trips settings and edits, including unicode and hostile text', () => {
    const shared = {
      settings: {
        ...DEFAULT_SETTINGS,
        sentence: '<img src=x onerror=alert(1)> héllo 😀',
        d: 64,
        seed: Number.MAX_SAFE_INTEGER,
        mode: 'trainable' as const,
        causal: true,
        query: 2,
      },
      edits: [[1, 63, 0.25] as const, [0, 0, -999.5] as const],
    };
    const p = encodeLink(shared);
    expect(p).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeLink(p)).toEqual({ ok: true, shared });
    expect(payloadOf(`#/playground/1?p=${p}`)).toBe(p);
  });

  it('refuses bad payloads', () => {
    const good = {
      v: 1,
      s: 'a b',
      d: 3,
      seed: 1,
      m: 'plain',
      dk: 2,
      dv: 2,
      c: 0,
      q: 1,
    };
    expect(decodeLink(enc(good)).ok).toBe(true);
    for (const change of [
      { v: 2 },
      { d: 0 },
      { d: 65 },
      { d: 'abc' },
      { seed: -1 },
      { seed: 1.5 },
      { s: '' },
      { s: Array.from({ length: 65 }, () => 'x').join(' ') },
      { m: 'other' },
      { q: 2 },
      { c: 2 },
      { e: [[0, 3, 1]] },
      { e: [[0, 0, 1e9]] },
      { e: [[0, 0, null]] },
    ]) {
      expect(decodeLink(enc({ ...good, ...change })).ok, JSON.stringify(change)).toBe(false);
    }
    expect(decodeLink('!!!').ok).toBe(false);
    expect(decodeLink('bm90IGpzb24').ok).toBe(false);
    expect(decodeLink('A'.repeat(MAX_LINK_CHARS + 1)).ok).toBe(false);
    expect(decodeLink(enc([1, 2])).ok).toBe(false);
  });
});
