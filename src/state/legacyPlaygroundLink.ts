/**
 * The playground's first link format, kept only to open old links: `#/playground/1?p=<payload>`,
 * the payload being base64url (no padding) of a compact JSON object
 * `{v: 1, s, d, seed, m: 'plain' | 'trainable', dk, dv, c: 0 | 1, q, e?: [[row, col, value], ...]}`.
 * Nothing writes it any more: sync.ts opens such a link, rewrites the address as `?s=` (the format
 * of every page, schema.ts) and says what it dropped.
 *
 * Read field by field: a field that is missing, of the wrong type or out of range is dropped alone
 * (named in `problems`) and the playground's default stands in for it. The edits belong to the
 * table the sentence, d and seed draw, so they are dropped too when one of those was. Nothing here
 * throws; the payload is capped before decoding.
 */
import { DEFAULT_SETTINGS, MAX_DIM, playgroundWith, sentenceProblem } from '../lessons/playground';
import { tokenize } from '../lessons/tokenize';
import { fromBase64url } from './bytes';
import { MAX_ABS } from './codecs';
import { DEFAULT_PLOT_OPTIONS } from './plotOptions';
import type { PlaygroundShared } from './playground';
import { MAX_PAYLOAD_CHARS } from './schema';
import { MAX_SEED } from './url';

export interface LegacyResult {
  /** The values the link carried, its unreadable fields at their defaults; null: nothing read. */
  share: PlaygroundShared | null;
  /** What was dropped, one clause each ("its seed is not a whole number …"), for a notice. */
  problems: string[];
}

/** The `p` parameter of a fragment such as `#/playground/1?p=eyJ2…`, or null. */
export function legacyPayload(hash: string): string | null {
  const q = hash.indexOf('?');
  if (q < 0) return null;
  for (const part of hash.slice(q + 1).split('&')) {
    if (part.startsWith('p=')) return part.slice(2);
  }
  return null;
}

const isInt = (x: unknown, lo: number, hi: number): x is number =>
  typeof x === 'number' && Number.isSafeInteger(x) && x >= lo && x <= hi;

/** Reads an old `?p=` payload. Never throws. */
export function decodeLegacyPlayground(payload: string): LegacyResult {
  const rejected = (problem: string): LegacyResult => ({ share: null, problems: [problem] });
  if (payload.length > MAX_PAYLOAD_CHARS) return rejected('it is too long to be a link of ours');
  const bytes = fromBase64url(payload);
  if (!bytes) return rejected('its data has characters that a link of ours never has');
  let obj: unknown;
  try {
    obj = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return rejected('it is damaged: its data is not what the playground wrote');
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return rejected('it is damaged: its data is not what the playground wrote');
  }
  const o = obj as Record<string, unknown>;
  if (o.v !== 1)
    return rejected('it comes from a version of the playground this one does not know');

  const problems: string[] = [];
  const s = { ...DEFAULT_SETTINGS };
  const take = <T>(label: string, ok: boolean, apply: () => T): T | undefined => {
    if (ok) return apply();
    problems.push(`its ${label} is missing or not valid`);
    return undefined;
  };
  const sentenceOk = typeof o.s === 'string' && sentenceProblem(o.s) === null;
  take('sentence', sentenceOk, () => (s.sentence = o.s as string));
  const dOk = isInt(o.d, 1, MAX_DIM);
  take('embedding size d', dOk, () => (s.d = o.d as number));
  const seedOk = isInt(o.seed, 0, MAX_SEED);
  take('seed', seedOk, () => (s.seed = o.seed as number));
  take('attention kind', o.m === 'plain' || o.m === 'trainable', () => (s.mode = o.m as 'plain'));
  take('d_k', isInt(o.dk, 1, MAX_DIM), () => (s.dk = o.dk as number));
  take('d_v', isInt(o.dv, 1, MAX_DIM), () => (s.dv = o.dv as number));
  take('causal mask', o.c === 0 || o.c === 1, () => (s.causal = o.c === 1));
  const n = tokenize(s.sentence).length;
  take('query token', isInt(o.q, 0, n - 1), () => (s.query = o.q as number));
  const values = playgroundWith(s);

  if (o.e !== undefined) {
    if (!sentenceOk || !dOk || !seedOk) {
      problems.push('its edits of the embeddings belong to a table it could not describe');
    } else if (!Array.isArray(o.e)) {
      problems.push('its edits of the embeddings are not valid');
    } else {
      const data = values.embeddings.data.slice();
      let bad = 0;
      for (const e of o.e as unknown[]) {
        const [r, c, v] = Array.isArray(e) && e.length === 3 ? (e as unknown[]) : [];
        if (
          isInt(r, 0, n - 1) &&
          isInt(c, 0, s.d - 1) &&
          typeof v === 'number' &&
          Number.isFinite(v) &&
          Math.abs(v) <= MAX_ABS
        ) {
          data[r * s.d + c] = v;
        } else bad++;
      }
      if (bad > 0) {
        problems.push(
          `${bad === 1 ? 'one of its edits' : `${bad} of its edits`} of the embeddings ${bad === 1 ? 'is' : 'are'} not valid`,
        );
      }
      values.embeddings = { shape: values.embeddings.shape, data };
    }
  }
  return { share: { state: values, plot: DEFAULT_PLOT_OPTIONS, classroom: 0 }, problems };
}
