import { describe, expect, it } from 'vitest';
import { parsePermutation } from './WordOrderViews';

describe('the typed word order', () => {
  it('reads whole numbers separated by commas or spaces, with or without brackets', () => {
    expect(parsePermutation('2, 0, 1', 3)).toEqual({ perm: [2, 0, 1] });
    expect(parsePermutation(' 2 0  1 ', 3)).toEqual({ perm: [2, 0, 1] });
    expect(parsePermutation('[2, 0, 1]', 3)).toEqual({ perm: [2, 0, 1] });
  });

  it('refuses anything else and says why, never repairing it', () => {
    expect(parsePermutation('2, 0', 3)).toEqual({
      problem: 'the order has 2 numbers, but the sentence has 3 words',
    });
    expect(parsePermutation('2, 2, 1', 3)).toEqual({
      problem: 'the order names word 2 twice and leaves out 0',
    });
    expect(parsePermutation('0, 1, 3', 3)).toEqual({
      problem: 'the order names word 3, but the words are numbered 0 to 2',
    });
    expect(parsePermutation('0, 1.5, 2', 3)).toEqual({
      problem: '“1.5” is not a word number (0 to 2)',
    });
    expect(parsePermutation('0, -1, 2', 3)).toEqual({
      problem: '“-1” is not a word number (0 to 2)',
    });
    expect(parsePermutation('', 3)).toEqual({
      problem: 'the order has 0 numbers, but the sentence has 3 words',
    });
  });
});
