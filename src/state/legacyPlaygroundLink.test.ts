import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, DEFAULT_TRAIN, drawnEmbeddings } from '../lessons/playground';
import { decodeLegacyPlayground, legacyPayload } from './legacyPlaygroundLink';

/** A payload as the old playground wrote it: base64url of the JSON, no padding. */
const enc = (o: unknown) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(o))))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const good = {
  v: 1,
  s: 'the cat saw the dog',
  d: 4,
  seed: 7,
  m: 'trainable',
  dk: 3,
  dv: 5,
  c: 1,
  q: 2,
  e: [
    [1, 1, 1.25],
    [4, 3, -999.5],
  ],
};

describe('old ?p= playground links', () => {
  it('opens a good link with every setting and edit', () => {
    const p = enc(good);
    expect(legacyPayload(`#/playground/1?p=${p}`)).toBe(p);
    const r = decodeLegacyPlayground(p);
    expect(r.problems).toEqual([]);
    const v = r.share!.state;
    expect({ ...v, embeddings: undefined }).toEqual({
      sentence: 'the cat saw the dog',
      d: 4,
      seed: 7,
      mode: 'trainable',
      dk: 3,
      dv: 5,
      causal: true,
      query: 2,
      // Old links predate the positions: they open with none, as they always computed.
      positions: 'none',
      // and without training: no goal, the run at its start
      ...DEFAULT_TRAIN,
      embeddings: undefined,
    });
    const base = drawnEmbeddings('the cat saw the dog', 4, 7);
    const want = base.data.slice();
    want[5] = 1.25;
    want[19] = -999.5;
    expect(Array.from(v.embeddings.data)).toEqual(Array.from(want));
  });

  it('opens unicode and hostile text as it is', () => {
    const s = '<img src=x onerror=alert(1)> héllo 😀';
    const r = decodeLegacyPlayground(enc({ ...good, s, q: 0, e: [] }));
    expect(r.problems).toEqual([]);
    expect(r.share!.state.sentence).toBe(s);
  });

  it('drops only a bad field, and names it', () => {
    const cases: [Record<string, unknown>, RegExp, (v: Record<string, unknown>) => unknown][] = [
      [{ seed: -1 }, /seed/, (v) => v.seed],
      [{ seed: 1.5 }, /seed/, (v) => v.seed],
      [{ m: 'other' }, /attention kind/, (v) => v.mode],
      [{ dk: 65 }, /d_k/, (v) => v.dk],
      [{ c: 2 }, /causal/, (v) => v.causal],
      [{ q: 9 }, /query/, (v) => v.query],
    ];
    for (const [change, named, read] of cases) {
      // Without edits: a bad seed drops them too (next test).
      const r = decodeLegacyPlayground(enc({ ...good, e: undefined, ...change }));
      expect(r.problems, JSON.stringify(change)).toHaveLength(1);
      expect(r.problems[0]).toMatch(named);
      const v = r.share!.state as unknown as Record<string, unknown>;
      const key = Object.keys(change)[0]!;
      const defaults: Record<string, unknown> = {
        seed: DEFAULT_SETTINGS.seed,
        m: DEFAULT_SETTINGS.mode,
        dk: DEFAULT_SETTINGS.dk,
        c: DEFAULT_SETTINGS.causal,
        q: DEFAULT_SETTINGS.query,
      };
      // The dropped field is at its default, the others as the link has them.
      expect(read(v)).toBe(defaults[key]);
      expect(v.sentence).toBe(good.s);
      if (key !== 'm') expect(v.mode).toBe('trainable');
    }
    // One bad edit: the other is kept.
    const oneBad = decodeLegacyPlayground(
      enc({
        ...good,
        e: [
          [1, 1, 1.25],
          [0, 0, 1e9],
        ],
      }),
    );
    expect(oneBad.problems).toEqual(['one of its edits of the embeddings is not valid']);
    expect(oneBad.share!.state.embeddings.data[5]).toBe(1.25);
    // A bad seed or sentence: its edits no longer have a table to go into.
    const noSeed = decodeLegacyPlayground(enc({ ...good, seed: -1 }));
    expect(noSeed.problems).toEqual([
      'its seed is missing or not valid',
      'its edits of the embeddings belong to a table it could not describe',
    ]);
    expect(noSeed.share!.state.d).toBe(4);
    const noSentence = decodeLegacyPlayground(enc({ ...good, s: '' }));
    expect(noSentence.problems.join('; ')).toMatch(/sentence.*edits/);
    expect(noSentence.share!.state.sentence).toBe(DEFAULT_SETTINGS.sentence);
  });

  it('rejects garbage whole, saying why', () => {
    for (const junk of [
      '!!!',
      'bm90IGpzb24',
      enc([1, 2]),
      enc({ ...good, v: 2 }),
      'A'.repeat(9000),
    ]) {
      const r = decodeLegacyPlayground(junk);
      expect(r.share, junk.slice(0, 20)).toBeNull();
      expect(r.problems).toHaveLength(1);
    }
  });
});
