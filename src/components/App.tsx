import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { findLesson } from '../lessons';
import { CATALOGUE_HASH, type Route } from '../router';
import { Catalogue } from './Catalogue';
import { LessonPage } from './LessonPage';
import { Notices } from './Notice';
import { RouteMessage } from './RouteMessage';
import { useHashRoute } from './useHashRoute';

const PlaygroundPage = lazy(() => import('../playground/PlaygroundPage'));

/** Picks the page for the current hash route; every route that is not a page gets a message. */
export function App() {
  const route = useHashRoute();
  const { page, title } = pageFor(route);
  useEffect(() => {
    document.title = title;
  }, [title]);

  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header className="site-header">
        <a className="brand" href={CATALOGUE_HASH}>
          Attention&nbsp;Notebook
        </a>
      </header>
      <main id="main" tabIndex={-1}>
        <Notices scope="app" />
        {page}
      </main>
    </>
  );
}

function pageFor(route: Route): { page: ReactNode; title: string } {
  const site = 'Attention Notebook';
  if (route.kind === 'catalogue') return { page: <Catalogue />, title: site };
  if (route.kind === 'unknown') {
    return {
      title: `Page not found · ${site}`,
      page: (
        <RouteMessage heading="This page does not exist">
          There is no page at <code>#{route.path}</code>.
        </RouteMessage>
      ),
    };
  }
  const lesson = findLesson(route.lessonId);
  if (!lesson) {
    return {
      title: `Lesson not found · ${site}`,
      page: (
        <RouteMessage heading="Lesson not found">
          There is no lesson called <code>{route.lessonId}</code>. It may have been mistyped.
        </RouteMessage>
      ),
    };
  }
  if (route.kind === 'bad-step') {
    return {
      title: `Step not found · ${site}`,
      page: (
        <RouteMessage heading="Step not found" backTo={lesson}>
          <code>{route.raw}</code> is not a step number.
        </RouteMessage>
      ),
    };
  }
  if (lesson.id === 'playground') {
    return {
      title: `${lesson.title} · ${site}`,
      page: (
        <Suspense fallback={<p>Loading the playground…</p>}>
          <PlaygroundPage />
        </Suspense>
      ),
    };
  }
  return {
    title: `${lesson.title} · ${site}`,
    page: <LessonPage key={lesson.id} lesson={lesson} step={route.step} />,
  };
}

/** The skip link must not change the hash, which is our router. */
function skipToMain(e: React.MouseEvent) {
  e.preventDefault();
  document.getElementById('main')?.focus();
}
