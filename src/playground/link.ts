/**
 * The playground's share link: `#/playground/1?p=<payload>`, the payload being base64url (no
 * padding) of a compact JSON object
 * `{v: 1, s, d, seed, m: 'plain' | 'trainable', dk, dv, c: 0 | 1, q, e?: [[row, col, value], ...]}`.
 *
 * Hostile input: the payload is capped at MAX_LINK_CHARS before decoding; the JSON must be an
 * object whose every field is present, of the right type and in range (sentence <= 2000 chars and
 * 1..64 tokens, numbers finite, edits inside the matrix with |value| <= 1000). Anything else gives
 * `{ok: false}` and the caller opens the defaults with a notice. Nothing here throws.
 */
import { checkSentence, MAX_SENTENCE_CHARS } from './tokenize';

export const LINK_VERSION = 1;
/** Longest payload decoded (8 KB). */
export const MAX_LINK_CHARS = 8192;
export const MAX_DIM = 64;
export const MAX_ABS = 1000;

/** Plain attention (x @ x.T) or trainable weights (W_query, W_key, W_value). */
export type Mode = 'plain' | 'trainable';

export interface Settings {
  sentence: string;
  d: number;
  seed: number;
  mode: Mode;
  dk: number;
  dv: number;
  causal: boolean;
  query: number;
}

export type Edit = readonly [number, number, number];

export interface Shared {
  settings: Settings;
  edits: Edit[];
}

export const DEFAULT_SETTINGS: Settings = {
  sentence: 'Your journey starts with one step',
  d: 3,
  seed: 123,
  mode: 'plain',
  dk: 2,
  dv: 2,
  causal: false,
  query: 1,
};

export function encodeLink(shared: Shared): string {
  const s = shared.settings;
  const obj: Record<string, unknown> = {
    v: LINK_VERSION,
    s: s.sentence,
    d: s.d,
    seed: s.seed,
    m: s.mode,
    dk: s.dk,
    dv: s.dv,
    c: s.causal ? 1 : 0,
    q: s.query,
  };
  if (shared.edits.length > 0) obj.e = shared.edits.map(([r, c, v]) => [r, c, Math.fround(v)]);
  const bytes = new TextEncoder().encode(JSON.stringify(obj));
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export type Decoded = { ok: true; shared: Shared } | { ok: false; reason: string };

const isInt = (x: unknown, lo: number, hi: number): x is number =>
  typeof x === 'number' && Number.isSafeInteger(x) && x >= lo && x <= hi;

export function decodeLink(payload: string): Decoded {
  if (payload.length > MAX_LINK_CHARS) return { ok: false, reason: 'the link is too long' };
  if (!/^[A-Za-z0-9_-]*$/.test(payload)) return { ok: false, reason: 'the link is damaged' };
  let obj: unknown;
  try {
    const bin = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(bin, (ch) => ch.charCodeAt(0));
    obj = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, reason: 'the link is damaged' };
  }
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) {
    return { ok: false, reason: 'the link is damaged' };
  }
  const o = obj as Record<string, unknown>;
  if (o.v !== LINK_VERSION) {
    return {
      ok: false,
      reason: 'the link comes from a version of the playground this one does not know',
    };
  }
  const bad = (what: string): Decoded => ({ ok: false, reason: `its ${what} is not valid` });
  if (typeof o.s !== 'string' || o.s.length > MAX_SENTENCE_CHARS) return bad('sentence');
  const check = checkSentence(o.s);
  if (!check.ok) return bad('sentence');
  const n = check.tokens.length;
  if (!isInt(o.d, 1, MAX_DIM)) return bad('embedding size');
  if (!isInt(o.seed, 0, Number.MAX_SAFE_INTEGER)) return bad('seed');
  if (o.m !== 'plain' && o.m !== 'trainable') return bad('attention kind');
  if (!isInt(o.dk, 1, MAX_DIM)) return bad('d_k');
  if (!isInt(o.dv, 1, MAX_DIM)) return bad('d_v');
  if (o.c !== 0 && o.c !== 1) return bad('causal mask');
  if (!isInt(o.q, 0, n - 1)) return bad('query token');
  const edits: Edit[] = [];
  if (o.e !== undefined) {
    if (!Array.isArray(o.e) || o.e.length > n * o.d) return bad('edits');
    for (const e of o.e as unknown[]) {
      if (!Array.isArray(e) || e.length !== 3) return bad('edits');
      const [r, c, v] = e as unknown[];
      if (!isInt(r, 0, n - 1) || !isInt(c, 0, o.d - 1)) return bad('edits');
      if (typeof v !== 'number' || !Number.isFinite(v) || Math.abs(v) > MAX_ABS) {
        return bad('edits');
      }
      edits.push([r, c, v]);
    }
  }
  return {
    ok: true,
    shared: {
      settings: {
        sentence: o.s,
        d: o.d,
        seed: o.seed,
        mode: o.m,
        dk: o.dk,
        dv: o.dv,
        causal: o.c === 1,
        query: o.q,
      },
      edits,
    },
  };
}

/** The `p` payload of a fragment like `#/playground/1?p=...`, or null. */
export function payloadOf(hash: string): string | null {
  const q = hash.indexOf('?');
  if (q < 0) return null;
  const p = new URLSearchParams(hash.slice(q + 1)).get('p');
  return p;
}

export function playgroundHash(payload: string): string {
  return `#/playground/1?p=${payload}`;
}
