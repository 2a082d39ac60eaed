import { describe, expect, it } from 'vitest';
import whitespace from '../math/fixtures/whitespace.json';
import { checkSentence, tokenize, vocabulary } from './tokenize';

/** The code points where JavaScript's `\s` and Python's `str.isspace()` disagree. */
function disagreements(python: ReadonlySet<number>): number[] {
  const out: number[] = [];
  for (let c = 0; c <= 0x10ffff; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (/\s/u.test(String.fromCodePoint(c)) !== python.has(c)) out.push(c);
  }
  return out;
}

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

  it("splits on exactly Python's whitespace, where JavaScript's \\s differs too", () => {
    const python = new Set(whitespace.python);
    const differ = disagreements(python);
    // U+001C to U+001F and U+0085 are Python's only; U+FEFF is JavaScript's only.
    expect(differ).toEqual([0x1c, 0x1d, 0x1e, 0x1f, 0x85, 0xfeff]);
    for (const c of [...differ, ...python]) {
      const ch = String.fromCodePoint(c);
      const words = python.has(c) ? ['a', 'b', 'c'] : [`a${ch}b`, 'c'];
      expect(tokenize(`a${ch}b c`), `U+${c.toString(16)}`).toEqual(words);
      expect(tokenize(`${ch}${ch}`)).toEqual(python.has(c) ? [] : [`${ch}${ch}`]);
    }
  });

  it('gives the words Python gives for sentences with every kind of whitespace', () => {
    expect(whitespace.sentences.length).toBeGreaterThan(100);
    for (const { text, words } of whitespace.sentences) {
      expect(tokenize(text), JSON.stringify(text)).toEqual(words);
    }
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
