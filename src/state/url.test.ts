import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLesson, LESSONS } from '../lessons';
import type { Lesson } from '../lessons/types';
import type { Tensor } from '../math/tensor';
import {
  crc8,
  decodeShare,
  defaultShare,
  encodeShare,
  fragmentPayload,
  fromBase64url,
  FORMAT_VERSION,
  MAX_ABS,
  MAX_PAYLOAD_CHARS,
  MAX_SEED,
  toBase64url,
  type ShareState,
} from './url';

const dreamBig = findLesson('dream-big')!;
const yourJourney = findLesson('your-journey')!;
const written = LESSONS.filter((l) => l.steps.length > 0);

const withCells = (t: Tensor, edits: Record<number, number>): Tensor => {
  const data = Float32Array.from(t.data);
  for (const [i, v] of Object.entries(edits)) data[Number(i)] = v;
  return { shape: [...t.shape], data };
};

const sameBits = (a: Tensor, b: Tensor) =>
  a.shape.join() === b.shape.join() && a.data.every((x, i) => Object.is(x, b.data[i]));

/** The schema every decoded state must satisfy, whatever the input. */
function expectValid(lesson: Lesson, s: ShareState) {
  const base = defaultShare(lesson);
  const tensors: [Tensor, Tensor][] = [[s.state.embeddings, base.state.embeddings]];
  if (s.state.weights && base.state.weights) {
    for (const k of ['wq', 'wk', 'wv'] as const) {
      tensors.push([s.state.weights[k], base.state.weights[k]]);
    }
  }
  for (const [t, b] of tensors) {
    expect(t.shape).toEqual(b.shape);
    expect(t.data.length).toBe(b.data.length);
    // One assertion per tensor: 10,000 runs of per-element expects would take minutes.
    expect(t.data.every((x) => Number.isFinite(x) && Math.abs(x) <= MAX_ABS)).toBe(true);
  }
  expect(Number.isInteger(s.state.query)).toBe(true);
  expect(s.state.query).toBeGreaterThanOrEqual(0);
  expect(s.state.query).toBeLessThan(lesson.tokens.length);
  expect(Number.isSafeInteger(s.state.seed)).toBe(true);
  expect(s.state.seed).toBeGreaterThanOrEqual(0);
  expect([0, 1]).toContain(s.classroom);
  expect(typeof s.plot.buildContext).toBe('boolean');
}

const float32 = fc
  .float({ min: -MAX_ABS, max: MAX_ABS, noNaN: true, noDefaultInfinity: true })
  .map(Math.fround);
/** Values a learner makes: typed short decimals, arrow steps, drags (any float32). */
const value = fc.oneof(
  float32,
  fc.integer({ min: -100_000, max: 100_000 }).map((m) => Math.fround(m / 100)),
  fc.constant(-0),
);

/** A random learner state for a lesson: edited cells, maybe a seed, query, options, classroom. */
function arbitraryShare(lesson: Lesson): fc.Arbitrary<ShareState> {
  const base = defaultShare(lesson);
  const cells = (t: Tensor) =>
    fc.dictionary(fc.integer({ min: 0, max: t.data.length - 1 }).map(String), value, {
      maxKeys: t.data.length,
    });
  return fc
    .record({
      seed: fc.option(fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constant(MAX_SEED))),
      query: fc.integer({ min: 0, max: lesson.tokens.length - 1 }),
      emb: cells(base.state.embeddings),
      wq: base.state.weights ? cells(base.state.weights.wq) : fc.constant({}),
      plot: fc.record({ buildContext: fc.boolean(), weightOpacity: fc.boolean() }),
      classroom: fc.constantFrom(0, 1),
    })
    .map(({ seed, query, emb, wq, plot, classroom }) => {
      const hasSeed = lesson.trainable !== undefined || lesson.generate !== undefined;
      let share = base;
      if (seed !== null && hasSeed) {
        // What the store does on a seed change: redraw from the seed.
        const reseeded = encodeShare(lesson, { ...base, state: { ...base.state, seed } });
        share = decodeShare(lesson, reseeded).share;
      }
      const state = { ...share.state, query };
      state.embeddings = withCells(state.embeddings, emb);
      if (state.weights) state.weights = { ...state.weights, wq: withCells(state.weights.wq, wq) };
      return { state, plot, classroom };
    });
}

describe('share links: encode and decode', () => {
  it('encodes a lesson at its defaults as nothing, or as 3 characters when asked to', () => {
    for (const lesson of written) {
      expect(encodeShare(lesson, defaultShare(lesson))).toBe('');
      const explicit = encodeShare(lesson, defaultShare(lesson), { explicit: true });
      expect(explicit).toHaveLength(3);
      const back = decodeShare(lesson, explicit);
      expect(back.status).toBe('ok');
      expect(back.editsValues).toBe(false);
    }
  });

  it('round-trips every learner state bit for bit, in every lesson', () => {
    for (const lesson of written) {
      fc.assert(
        fc.property(arbitraryShare(lesson), (share) => {
          const payload = encodeShare(lesson, share);
          expect(payload).toMatch(/^[A-Za-z0-9_-]*$/);
          const back = decodeShare(lesson, payload);
          expect(back.problems).toEqual([]);
          expect(back.status).toBe('ok');
          expect(back.share.state.query).toBe(share.state.query);
          expect(back.share.state.seed).toBe(share.state.seed);
          expect(back.share.plot).toEqual(share.plot);
          expect(back.share.classroom).toBe(share.classroom);
          expect(sameBits(back.share.state.embeddings, share.state.embeddings)).toBe(true);
          for (const k of ['wq', 'wk', 'wv'] as const) {
            if (share.state.weights) {
              expect(sameBits(back.share.state.weights![k], share.state.weights[k])).toBe(true);
            }
          }
        }),
        { numRuns: 150 },
      );
    }
    // 150 states per lesson, many with a new seed to draw (attention-seeker's is a 150,000-draw
    // table): seconds of work, over the default 5 s on a loaded machine.
  }, 30_000);

  it('keeps links short: one edited cell, and a whole 6x3 table of dragged values', () => {
    const base = defaultShare(dreamBig);
    const one = encodeShare(dreamBig, {
      ...base,
      state: { ...base.state, embeddings: withCells(base.state.embeddings, { 4: 0.9 }) },
    });
    const all = Object.fromEntries(
      Array.from({ length: 18 }, (_, i) => [i, Math.fround(Math.sin(i + 1) * 0.7123456)]),
    );
    const full = encodeShare(dreamBig, {
      ...base,
      state: { ...base.state, embeddings: withCells(base.state.embeddings, all) },
    });
    const afterHash = (p: string) => `/dream-big/16?s=${p}`.length;
    expect(afterHash(one)).toBeLessThanOrEqual(40);
    expect(afterHash(full)).toBeLessThanOrEqual(200);
  });

  it('still opens links written in format 1 (frozen examples)', () => {
    // Written by this version; if the format changes, these must keep decoding to the same values.
    const one = decodeShare(dreamBig, 'AQMHBgMQAACRAew');
    expect(one.status).toBe('ok');
    expect(one.share.state.embeddings.data[4]).toBe(Math.fround(0.9));
    const edited = encodeShare(yourJourney, {
      ...defaultShare(yourJourney),
      state: {
        ...defaultShare(yourJourney).state,
        query: 3,
        embeddings: withCells(defaultShare(yourJourney).state.embeddings, { 0: -0.25 }),
      },
      plot: { buildContext: true, weightOpacity: false },
    });
    expect(edited).toBe('AQIBAwMHBgMBAACKAwcBARA');
  });

  it('says which version made a link it cannot read', () => {
    const bytes = [FORMAT_VERSION + 1, 3, 1, 0];
    bytes.push(crc8(bytes));
    const r = decodeShare(dreamBig, toBase64url(bytes));
    expect(r.status).toBe('rejected');
    expect(r.problems.join()).toMatch(/newer version/);
    expect(r.share.state).toEqual(defaultShare(dreamBig).state);
  });

  it('refuses an over-long payload before decoding it', () => {
    const r = decodeShare(dreamBig, 'A'.repeat(MAX_PAYLOAD_CHARS + 1));
    expect(r.status).toBe('rejected');
    expect(r.problems[0]).toMatch(/at most 8,192/);
  });

  it('refuses script and other text that is not base64url', () => {
    for (const bad of [
      '<script>alert(1)</script>',
      'javascript:alert(1)',
      '%3Cscript%3E',
      'AQ==',
    ]) {
      const r = decodeShare(dreamBig, bad);
      expect(r.status).toBe('rejected');
      expect(r.problems[0]).toMatch(/characters/);
    }
  });

  it('keeps the readable parts of a damaged link and says what was dropped', () => {
    const base = defaultShare(dreamBig);
    const payload = encodeShare(dreamBig, {
      ...base,
      state: { ...base.state, query: 3, embeddings: withCells(base.state.embeddings, { 0: 0.5 }) },
      plot: { buildContext: true, weightOpacity: true },
    });
    const cut = decodeShare(dreamBig, payload.slice(0, -4));
    expect(cut.status).toBe('partial');
    expect(cut.used).toContain('query token');
    expect(cut.share.state.query).toBe(3);
    expect(cut.problems[0]).toMatch(/damaged or cut short/);
  });

  it('drops a field that does not fit the lesson, and keeps the others', () => {
    // query 9 in a 6-token lesson; embeddings with the wrong shape; then plot options.
    const bytes = [1, 2, 1, 9, 3, 3, 2, 2, 0, 7, 1, 1];
    bytes.push(crc8(bytes));
    const r = decodeShare(dreamBig, toBase64url(bytes));
    expect(r.status).toBe('partial');
    expect(r.problems.join(' | ')).toMatch(/token 10, but the lesson has 6/);
    expect(r.problems.join(' | ')).toMatch(/shape \[2, 2\], but this lesson's is \[6, 3\]/);
    expect(r.share.plot.buildContext).toBe(true);
    expect(r.share.state.query).toBe(dreamBig.query);
  });

  it('skips parts from a newer version and reads the rest', () => {
    const bytes = [1, 2, 1, 2, 7, 1, 2, 40, 2, 9, 9];
    bytes.push(crc8(bytes));
    const r = decodeShare(dreamBig, toBase64url(bytes));
    expect(r.share.state.query).toBe(2);
    expect(r.share.plot.weightOpacity).toBe(true);
    expect(r.problems.join()).toMatch(/does not know/);
  });

  it('refuses values outside the schema: NaN, infinity, |x| > 1000', () => {
    const base = defaultShare(dreamBig);
    for (const bad of [NaN, Infinity, -Infinity, 1001, 3e38]) {
      // Write a raw float32 by hand (the encoder would never write one of these).
      const f = new Uint8Array(new Float32Array([bad]).buffer);
      const body = [6, 3, 1, 0, 0, 7, ...f];
      const bytes = [1, 3, body.length, ...body];
      bytes.push(crc8(bytes));
      const r = decodeShare(dreamBig, toBase64url(bytes));
      expect(r.status).toBe('rejected');
      expect(sameBits(r.share.state.embeddings, base.state.embeddings)).toBe(true);
    }
  });

  it('decodes 10,000 random and mutated payloads without throwing, always within the schema', () => {
    const lessons = written;
    const valid = lessons.map((l) =>
      fc.sample(arbitraryShare(l), 20).map((s) => encodeShare(l, s)),
    );
    const b64 = fc.string({
      unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'),
      maxLength: 300,
    });
    const anyText = fc.string({ unit: 'binary', maxLength: 200 });
    const randomBytes = fc
      .uint8Array({ maxLength: 200 })
      .map((b) => [FORMAT_VERSION, ...b])
      .map((b) => (Math.random() < 0.5 ? toBase64url([...b, crc8(b)]) : toBase64url(b)));
    const mutated = fc
      .tuple(
        fc.integer({ min: 0, max: lessons.length - 1 }),
        fc.nat(19),
        fc.nat(),
        fc.constantFrom('truncate', 'flip', 'insert', 'delete', 'swap'),
        fc.constantFrom(...'AZaz09-_+/=%<'),
      )
      .map(([l, k, at, op, c]) => {
        const p = valid[l]![k]!;
        const i = p.length === 0 ? 0 : at % p.length;
        if (op === 'truncate') return p.slice(0, i);
        if (op === 'flip') return p.slice(0, i) + c + p.slice(i + 1);
        if (op === 'insert') return p.slice(0, i) + c + p.slice(i);
        if (op === 'delete') return p.slice(0, i) + p.slice(i + 1);
        return p.slice(i) + p.slice(0, i);
      });
    let runs = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: lessons.length - 1 }),
        fc.oneof(b64, anyText, randomBytes, mutated, mutated),
        (l, payload) => {
          runs++;
          const lesson = lessons[l]!;
          const r = decodeShare(lesson, payload);
          expectValid(lesson, r.share);
          const frag = fragmentPayload(`#/${lesson.id}/2?s=${payload}&x=${payload}`);
          expect(frag.payload).not.toBeNull();
        },
      ),
      { numRuns: 10_000 },
    );
    expect(runs).toBe(10_000);
  }, 60_000);
});

describe('share links: the fragment', () => {
  it('finds the payload after ?, and names parameters it ignores', () => {
    expect(fragmentPayload('#/dream-big/2')).toEqual({
      payload: null,
      problems: [],
      refused: false,
    });
    expect(fragmentPayload('#/dream-big/2?s=AQMH').payload).toBe('AQMH');
    const odd = fragmentPayload('#/dream-big/2?s=AQ&evil=<script>');
    expect(odd.payload).toBe('AQ');
    expect(odd.problems[0]).toMatch(/evil/);
  });

  it('refuses an enormous fragment without splitting it', () => {
    const r = fragmentPayload(`#/dream-big/2?s=${'A'.repeat(100_000)}`);
    expect(r.payload).toBeNull();
    expect(r.problems[0]).toMatch(/100,002 characters/);
  });

  it('base64url round-trips every byte and refuses anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (b) => {
        expect(Array.from(fromBase64url(toBase64url(b))!)).toEqual(Array.from(b));
      }),
    );
    expect(fromBase64url('A')).toBeNull();
    expect(fromBase64url('AB+/')).toBeNull();
  });
});
