/**
 * Hash routes: `#/` is the catalogue, `#/<lesson-id>/<step>` a lesson at a 1-based step.
 * Parsing is pure so it can be tested without a browser; the page decides what an unknown
 * lesson or a step out of range looks like.
 */
export type Route =
  | { kind: 'catalogue' }
  | { kind: 'lesson'; lessonId: string; step: number }
  | { kind: 'bad-step'; lessonId: string; raw: string }
  | { kind: 'unknown'; path: string };

/** Longest fragment we look at; a longer one is not a route we wrote. */
const MAX_PATH = 200;

export function parseRoute(hash: string): Route {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  // Anything after `?` carries learner state (share links), not the route.
  const path = raw.split('?', 1)[0]!.slice(0, MAX_PATH);
  const parts = path.split('/').filter((p) => p !== '');
  if (parts.length === 0) return { kind: 'catalogue' };
  const lessonId = safeDecode(parts[0]!);
  if (parts.length === 1) return { kind: 'lesson', lessonId, step: 1 };
  if (parts.length > 2) return { kind: 'unknown', path };
  const stepText = parts[1]!;
  if (!/^[0-9]{1,4}$/.test(stepText))
    return { kind: 'bad-step', lessonId, raw: safeDecode(stepText) };
  return { kind: 'lesson', lessonId, step: Number(stepText) };
}

export function lessonHash(lessonId: string, step: number): string {
  return `#/${encodeURIComponent(lessonId)}/${step}`;
}

export const CATALOGUE_HASH = '#/';

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
