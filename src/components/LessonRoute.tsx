/**
 * The lesson page with everything it needs (full lessons, the math core, KaTeX, the store and its
 * sync), split off the app shell so the shell paints first. main.tsx starts loading this chunk at
 * boot, whatever the route, because the sync also serves the catalogue and the playground.
 */
import { findLesson, LESSONS } from '../lessons';
import { registerLessons } from '../state/pages';
import { ensureSync } from '../state/sync';
import { LessonPage } from './LessonPage';

// Saved edits and the link in the address bar go into the store before anything renders from it:
// every component that reads the store is reached only through this module. The store knows the
// lessons from here: the state layer imports none, so the playground does not carry their prose.
registerLessons(LESSONS);
ensureSync();

/** A lesson with steps at one step; App routes here only ids the catalogue knows. */
export default function LessonRoute({ lessonId, step }: { lessonId: string; step: number }) {
  const lesson = findLesson(lessonId);
  if (!lesson) throw new Error(`no lesson ${lessonId}`);
  return <LessonPage key={lesson.id} lesson={lesson} step={step} />;
}
