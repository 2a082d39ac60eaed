import { useEffect } from 'react';
import { findLesson } from '../lessons';
import { CATALOGUE_HASH } from '../router';
import { Catalogue } from './Catalogue';
import { LessonPage } from './LessonPage';
import { RouteMessage } from './RouteMessage';
import { useHashRoute } from './useHashRoute';

/** Picks the page for the current hash route; every route that is not a page gets a message. */
export function App() {
  const route = useHashRoute();
  const lesson = route.kind === 'lesson' ? findLesson(route.lessonId) : undefined;

  let title = 'Attention Notebook';
  let page;
  if (route.kind === 'catalogue') {
    page = <Catalogue />;
  } else if (route.kind === 'unknown') {
    page = (
      <RouteMessage heading="This page does not exist">
        There is no page at <code>#{route.path}</code>.
      </RouteMessage>
    );
  } else if (!findLesson(route.lessonId)) {
    page = (
      <RouteMessage heading="Lesson not found">
        There is no lesson called <code>{route.lessonId}</code>. It may have been mistyped.
      </RouteMessage>
    );
  } else if (route.kind === 'bad-step' || !lesson) {
    const l = findLesson(route.lessonId)!;
    page = (
      <RouteMessage heading="Step not found" backTo={l}>
        <code>{route.kind === 'bad-step' ? route.raw : ''}</code> is not a step number.
      </RouteMessage>
    );
  } else {
    title = `${lesson.title} · Attention Notebook`;
    page = <LessonPage lesson={lesson} step={route.step} />;
  }

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
        {page}
      </main>
    </>
  );
}

/** The skip link must not change the hash, which is our router. */
function skipToMain(e: React.MouseEvent) {
  e.preventDefault();
  document.getElementById('main')?.focus();
}
