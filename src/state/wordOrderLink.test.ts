/**
 * The word-order lesson's link fields (tags 16 to 18): the word order, the learned position table
 * (its changes against what the seed draws) and the rotary shift round-trip bit for bit; a link
 * whose order is not a permutation of the words is refused with a message, never repaired.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLesson } from '../lessons';
import { crc8, decodeShare, defaultShare, encodeShare, toBase64url } from './url';
import { permutationProblem } from '../lessons/wordOrderModel';
import type { ShareState } from './url';

const lesson = findLesson('word-order')!;
const dreamBig = findLesson('dream-big')!;
const base = defaultShare(lesson);

const withOrder = (s: ShareState, patch: Partial<NonNullable<ShareState['state']['order']>>) => ({
  ...s,
  state: { ...s.state, order: { ...s.state.order!, ...patch } },
});

/** A payload of raw fields (tag, body bytes), framed as a link: version, fields, crc. */
function link(fields: [number, number[]][]): string {
  const bytes = [1];
  for (const [tag, body] of fields) bytes.push(tag, body.length, ...body);
  bytes.push(crc8(bytes));
  return toBase64url(bytes);
}

describe('word-order links', () => {
  it('round-trip any word order, position edits and shift, bit for bit', () => {
    const n = lesson.tokens.length;
    const positions = base.state.order!.positions;
    fc.assert(
      fc.property(
        fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n },
        ),
        fc.dictionary(
          fc.integer({ min: 0, max: positions.data.length - 1 }).map(String),
          fc.float({ min: -1000, max: 1000, noNaN: true }).map(Math.fround),
        ),
        fc.integer({ min: 0, max: 100 }),
        (perm, cells, shift) => {
          const data = Float32Array.from(positions.data);
          for (const [i, v] of Object.entries(cells)) data[Number(i)] = v;
          const share = withOrder(base, {
            perm,
            positions: { shape: positions.shape, data },
            shift,
          });
          const back = decodeShare(lesson, encodeShare(lesson, share));
          expect(back.problems).toEqual([]);
          expect(back.share.state.order!.perm).toEqual(perm);
          expect(back.share.state.order!.shift).toBe(shift);
          const got = back.share.state.order!.positions.data;
          expect(got.every((x, i) => Object.is(x, data[i]))).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('write only what changed: the default order writes nothing', () => {
    expect(encodeShare(lesson, base)).toBe('');
    expect(encodeShare(lesson, withOrder(base, { perm: [...base.state.order!.perm] }))).toBe('');
  });

  it('read position edits against the table the link’s seed draws', () => {
    const reseeded = decodeShare(
      lesson,
      encodeShare(lesson, { ...base, state: { ...base.state, seed: 7 } }),
    ).share;
    const p = reseeded.state.order!.positions;
    const data = Float32Array.from(p.data);
    data[3] = 0.5;
    const share = withOrder(reseeded, { positions: { shape: p.shape, data } });
    const payload = encodeShare(lesson, share);
    const back = decodeShare(lesson, payload);
    expect(back.share.state.seed).toBe(7);
    expect(Array.from(back.share.state.order!.positions.data)).toEqual(Array.from(data));
  });

  it('refuses an order that is not a permutation, says why, and keeps the rest of the link', () => {
    // perm with word 3 twice (no 4); then shift 5.
    const twice = decodeShare(
      lesson,
      link([
        [16, [10, 0, 1, 2, 3, 3, 5, 6, 7, 8, 9]],
        [18, [5]],
      ]),
    );
    expect(twice.status).toBe('partial');
    expect(twice.problems).toEqual(['its word order names word 3 twice and leaves out 4']);
    expect(twice.share.state.order!.perm).toEqual(base.state.order!.perm);
    expect(twice.share.state.order!.shift).toBe(5);
    const short = decodeShare(lesson, link([[16, [3, 0, 1, 2]]]));
    expect(short.problems).toEqual(['its word order has 3 numbers, but the sentence has 10 words']);
    const out = decodeShare(lesson, link([[16, [10, 0, 1, 2, 3, 4, 5, 6, 7, 8, 12]]]));
    expect(out.problems).toEqual([
      'its word order names word 12, but the words are numbered 0 to 9',
    ]);
    const far = decodeShare(lesson, link([[18, [101]]]));
    expect(far.status).toBe('rejected');
    expect(far.problems[0]).toMatch(/^its rotary shift/);
  });

  it('are refused in other lessons', () => {
    const r = decodeShare(dreamBig, link([[16, [6, 0, 1, 2, 3, 4, 5]]]));
    expect(r.problems).toEqual(['it sets word order, which this lesson does not have']);
  });

  it('permutationProblem accepts exactly the permutations', () => {
    expect(permutationProblem([2, 0, 1], 3)).toBeNull();
    expect(permutationProblem([0, 0, 1], 3)).toMatch(/twice/);
    expect(permutationProblem([], 0)).toBeNull();
  });
});
