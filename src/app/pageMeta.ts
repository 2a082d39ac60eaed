/**
 * What the page says about itself beyond its title: the address a lesson is shared by, and the
 * description for the current route.
 *
 * The build writes a page per lesson beside index.html (`dream-big.html`, see
 * scripts/lesson-pages.ts) with that lesson's title, description and preview image, because a
 * link's hash never reaches the server or a chat app's unfurler. Links the app hands out point at
 * those pages; the hash still decides the route, so any page opens any lesson, and old
 * `index.html#/...` links keep working.
 */
import { useEffect } from 'react';
import { findLessonInfo } from '../lessons/catalogue';
import type { Route } from './router';
import { SITE_DESCRIPTION } from './site';

/**
 * The address of a lesson's own page in the folder of `href` (the page the app runs on), without
 * query or hash: `https://host/sub/index.html#/x` gives `https://host/sub/dream-big.html`.
 */
export function lessonPageUrl(href: string, lessonId: string): string {
  const url = new URL(href);
  url.hash = '';
  url.search = '';
  url.pathname = url.pathname.replace(/[^/]*$/, `${encodeURIComponent(lessonId)}.html`);
  return url.href;
}

/** The description of a route: the lesson's summary, or the site's. */
export function routeDescription(route: Route): string {
  if (route.kind !== 'lesson' && route.kind !== 'bad-step') return SITE_DESCRIPTION;
  return findLessonInfo(route.lessonId)?.summary ?? SITE_DESCRIPTION;
}

/** Keeps `<meta name="description">` on the current route's description. */
export function usePageDescription(route: Route): void {
  const description = routeDescription(route);
  useEffect(() => {
    document.querySelector('meta[name="description"]')?.setAttribute('content', description);
  }, [description]);
}
