/**
 * How the playground splits a sentence: like Python's `sentence.split()`, on runs of whitespace,
 * with no empty tokens. Checks the token count and the sentence length.
 */

/** Most tokens a playground sentence may have. */
export const MAX_TOKENS = 64;
/** Most characters a playground sentence may have. */
export const MAX_SENTENCE_CHARS = 2000;

/**
 * The characters Python 3's `str.split()` (no argument) splits on: those with `str.isspace()`.
 * Not JavaScript's `\s`, which adds U+FEFF (a byte-order mark) and lacks U+001C to U+001F and
 * U+0085 (next line): a sentence with one of those would have another number of words here than
 * in the code shown. src/math/fixtures/whitespace.json holds Python's own list, and the tests
 * compare against it.
 */
// U+001C to U+001F are control characters, and Python's whitespace all the same.
const PYTHON_WHITESPACE =
  // eslint-disable-next-line no-control-regex
  /[\t\n\v\f\r\u001c-\u001f \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;

/** `sentence.split()`: whitespace runs separate tokens; leading and trailing whitespace is dropped. */
export function tokenize(sentence: string): string[] {
  return sentence.split(PYTHON_WHITESPACE).filter((t) => t.length > 0);
}

export type SentenceCheck = { ok: true; tokens: string[] } | { ok: false; message: string };

/** Accepts 1..MAX_TOKENS tokens and at most MAX_SENTENCE_CHARS characters. */
export function checkSentence(sentence: string): SentenceCheck {
  if (sentence.length > MAX_SENTENCE_CHARS) {
    return { ok: false, message: `At most ${MAX_SENTENCE_CHARS} characters, please.` };
  }
  const tokens = tokenize(sentence);
  if (tokens.length === 0) return { ok: false, message: 'Type at least one word.' };
  if (tokens.length > MAX_TOKENS) {
    return {
      ok: false,
      message: `That is ${tokens.length} tokens; the playground takes at most ${MAX_TOKENS}.`,
    };
  }
  return { ok: true, tokens };
}

/** Python's `sorted(set(words))`: unique words in code-point order. */
export function vocabulary(tokens: readonly string[]): string[] {
  return [...new Set(tokens)].sort(compareCodePoints);
}

function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const n = Math.min(x.length, y.length);
  for (let k = 0; k < n; k++) {
    const d = x[k]!.codePointAt(0)! - y[k]!.codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
