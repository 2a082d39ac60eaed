import { lazy, startTransition, StrictMode, useLayoutEffect, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, loadLessonRoute } from './components/App';
import './styles.css';

// The playground is its own chunk, fetched when its route is opened.
const PlaygroundPage = lazy(() => import('./playground/PlaygroundPage'));

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A lesson page that painted its pre-rendered first step (scripts/lesson-pages.ts) keeps it until
// the lesson chunk is in, so the app's first commit is that same step, live, rather than a loading
// stand-in in between. When the markup is not for this address (public/lesson-boot.js marked it
// stale), the app starts at once, as on any other page.
const showsPrerender =
  root.hasAttribute('data-prerendered') &&
  document.documentElement.getAttribute('data-prerender') !== 'stale';

// The lesson chunk (lessons, math, KaTeX, store) loads while the shell paints; evaluating it starts
// the sync, which reads saved edits and the link in the address bar into the store before any
// lesson renders. A failed load is shown by the page that needs it, not here. Under a
// pre-rendered step it is asked for once that step has painted: its 160 kB would otherwise share
// the connection with the page's stylesheets and hold up the first paint.
const lessonRoute = showsPrerender ? afterFirstPaint().then(loadLessonRoute) : loadLessonRoute();

/**
 * Resolves once the page's first contentful paint is on screen, or after `timeout` ms without one
 * (a tab opened in the background paints nothing until it is shown).
 */
function afterFirstPaint(timeout = 1000): Promise<void> {
  return new Promise((resolve) => {
    if (typeof PerformanceObserver === 'undefined') return resolve();
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length === 0) return;
      observer.disconnect();
      resolve();
    });
    observer.observe({ type: 'paint', buffered: true });
    setTimeout(() => {
      observer.disconnect();
      resolve();
    }, timeout);
  });
}

/**
 * Hands the page to React, which replaces whatever markup #root holds on its first commit. That
 * first render is a transition: React renders it in slices that leave the main thread free for
 * the learner's scrolling and taps (nothing changes on screen until the commit) instead of one
 * long task.
 */
function start() {
  const app = (
    <StrictMode>
      <Live>
        <App playground={PlaygroundPage} />
      </Live>
    </StrictMode>
  );
  const reactRoot = createRoot(root!);
  startTransition(() => reactRoot.render(app));
}

/**
 * In the commit that replaces the pre-rendered markup with the app, lifts `inert` off #root and
 * drops the marks that hid or held that markup.
 */
function Live({ children }: { children: ReactNode }) {
  useLayoutEffect(() => {
    root!.removeAttribute('inert');
    root!.removeAttribute('data-prerendered');
    document.documentElement.removeAttribute('data-prerender');
  }, []);
  return children;
}

if (showsPrerender) lessonRoute.then(start, start);
else {
  lessonRoute.catch(() => {});
  start();
}
