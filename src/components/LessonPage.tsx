import type { Lesson } from '../lessons/types';
import { RouteMessage } from './RouteMessage';

/** A lesson at one step; a step out of range gets a message with a way back. */
export function LessonPage({ lesson, step }: { lesson: Lesson; step: number }) {
  const count = lesson.steps.length;
  if (count === 0) {
    return (
      <RouteMessage heading={lesson.title}>
        This lesson is still being written. Its steps will follow the notebook “{lesson.follows}”.
      </RouteMessage>
    );
  }
  const current = lesson.steps[step - 1];
  if (!current) {
    return (
      <RouteMessage heading="Step not found" backTo={lesson}>
        “{lesson.title}” has {count} steps, numbered 1 to {count}; there is no step {step}.
      </RouteMessage>
    );
  }
  return (
    <article className="lesson">
      <p className="lesson-kicker">{lesson.title}</p>
      <h1>{current.title}</h1>
      <p>
        Step {step} of {count}
      </p>
    </article>
  );
}
