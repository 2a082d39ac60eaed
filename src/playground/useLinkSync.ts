/**
 * Keeps the playground store and the address bar in step: the link in the address is read when
 * the page opens (and when a different `?p=` arrives by hashchange); every change is written back
 * with a debounced history.replaceState (never location.hash, so edits make no history entries).
 * Copy link does not wait for that: it builds the link from the store (playgroundLink) and brings
 * the address up to date at once (flushLink).
 */
import { useEffect } from 'react';
import { lessonPageUrl } from '../app/pageMeta';
import { parseRoute } from '../app/router';
import { decodeLink, DEFAULT_SETTINGS, encodeLink, payloadOf, playgroundHash } from './link';
import { editList, usePlayground } from './state';

export const LINK_WRITE_DELAY_MS = 300;

function onPlayground(hash: string): boolean {
  const route = parseRoute(hash);
  return route.kind === 'lesson' && route.lessonId === 'playground';
}

function currentPayload(): string {
  const { settings, edits } = usePlayground.getState();
  return encodeLink({ settings, edits: editList(edits, settings.d) });
}

/** The share link for what the playground shows now, on the playground's own page. */
export function playgroundLink(): string {
  return lessonPageUrl(window.location.href, 'playground') + playgroundHash(currentPayload());
}

let writeNow: () => void = () => {};

/** Writes a pending change into the address bar now instead of after the pause. */
export function flushLink(): void {
  writeNow();
}

export function useLinkSync(): void {
  useEffect(() => {
    let written: string | null = null;
    const read = () => {
      const payload = payloadOf(window.location.hash);
      if (payload === null || payload === written) return;
      const decoded = decodeLink(payload);
      const store = usePlayground.getState();
      if (decoded.ok) store.load(decoded.shared, null);
      else {
        store.load(
          { settings: DEFAULT_SETTINGS, edits: [] },
          `This link could not be opened (${decoded.reason}), so the playground starts from its defaults.`,
        );
      }
      written = payload;
    };
    read();
    let timer = 0;
    const write = () => {
      timer = 0;
      const hash = window.location.hash;
      if (!onPlayground(hash)) return;
      const payload = currentPayload();
      // The playground's own page, so the address a learner copies unfurls with its card.
      const next = lessonPageUrl(window.location.href, 'playground') + playgroundHash(payload);
      written = payload;
      if (next !== window.location.href)
        window.history.replaceState(window.history.state, '', next);
    };
    const unsubscribe = usePlayground.subscribe((st, prev) => {
      if (st.settings === prev.settings && st.edits === prev.edits) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(write, LINK_WRITE_DELAY_MS);
    });
    if (payloadOf(window.location.hash) === null) timer = window.setTimeout(write, 0);
    window.addEventListener('hashchange', read);
    writeNow = () => {
      if (!timer) return;
      window.clearTimeout(timer);
      write();
    };
    return () => {
      writeNow = () => {};
      unsubscribe();
      window.clearTimeout(timer);
      window.removeEventListener('hashchange', read);
    };
  }, []);
}
