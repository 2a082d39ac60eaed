/**
 * Pre-rendering, run at build time in Node (scripts/lesson-pages.ts): the first step of a lesson
 * as static markup for that lesson's own page (`dream-big.html`), at the lesson's default values.
 * The page then paints its first step from the HTML and one stylesheet, before any script has
 * loaded; the app replaces the markup with the live page once its lesson chunk is in
 * (src/main.tsx). Nothing here runs in the browser.
 */
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { AppFrame } from './components/App';
import { LessonPage } from './components/LessonPage';
import { findLesson, LESSONS } from './lessons';
import { registerLessons } from './state/pages';

registerLessons(LESSONS);

/** The markup of `lessonId`'s first step inside the app's frame; null for a lesson without steps. */
export function prerenderLesson(lessonId: string): string | null {
  const lesson = findLesson(lessonId);
  if (!lesson || lesson.steps.length === 0) return null;
  return renderToString(
    <StrictMode>
      <AppFrame>
        <LessonPage lesson={lesson} step={1} />
      </AppFrame>
    </StrictMode>,
  );
}
