import { describe, expect, it } from 'vitest';
import { checkSentence, tokenize, vocabulary } from './tokenize';

describe('tokenize', () => {
  it('splits on whitespace runs like str.split()', () => {
    expect(tokenize('  Your journey\tstarts\n\nwith  one step ')).toEqual([
      'Your',
      'journey',
      'starts',
      'with',
      'one',
      'step',
    ]);
    expect(tokenize('   ')).toEqual([]);
  });
  it('sorts the vocabulary by code point, like sorted(set(...))', () => {
    expect(vocabulary(['b', 'a', 'B', 'b', '😀', 'é'])).toEqual(['B', 'a', 'b', 'é', '😀']);
  });
  it('refuses empty, too long and too many tokens', () => {
    expect(checkSentence('').ok).toBe(false);
    expect(checkSentence(Array.from({ length: 65 }, (_, k) => `w${k}`).join(' ')).ok).toBe(false);
    expect(checkSentence(Array.from({ length: 64 }, (_, k) => `w${k}`).join(' ')).ok).toBe(true);
    expect(checkSentence('a'.repeat(2001)).ok).toBe(false);
  });
});
