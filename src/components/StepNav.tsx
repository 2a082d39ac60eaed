import { useEffect } from 'react';
import type { Lesson } from '../lessons/types';
import { LESSONS } from '../lessons';
import { CATALOGUE_HASH, lessonHash, parseRoute } from '../app/router';
import { stepFragment } from '../state/sync';

/**
 * Moves to a step by changing the hash, so every step is a history entry and Back works. The
 * fragment keeps its `?s=` state (src/state/sync.ts), so every entry is a share link.
 */
export function goToStep(lesson: Lesson, step: number) {
  const clamped = Math.min(Math.max(step, 1), lesson.steps.length);
  window.location.hash = stepFragment(lesson.id, clamped);
}

/**
 * Moves `delta` steps from the step in the URL, not from the rendered one: `hashchange` arrives
 * asynchronously, so a quick second press (or a held key's auto-repeat) would otherwise start from
 * a stale step.
 */
function moveBy(lesson: Lesson, delta: number, rendered: number) {
  const route = parseRoute(window.location.hash);
  const from = route.kind === 'lesson' && route.lessonId === lesson.id ? route.step : rendered;
  const to = from + delta;
  if (to >= 1 && to <= lesson.steps.length) goToStep(lesson, to);
}

/** True when arrow keys belong to the focused element (inputs, the plot's tips, sliders). */
function keysOwnedBy(el: Element | null): boolean {
  if (!el) return false;
  return (
    el.matches('input, textarea, select, [contenteditable=""], [contenteditable="true"]') ||
    el.closest('[data-owns-arrow-keys]') !== null
  );
}

/** Previous / Next, the step count, and Left/Right arrow keys when focus is not in an input. */
export function StepNav({ lesson, step }: { lesson: Lesson; step: number }) {
  const count = lesson.steps.length;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      if (keysOwnedBy(document.activeElement)) return;
      e.preventDefault();
      moveBy(lesson, e.key === 'ArrowRight' ? 1 : -1, step);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [lesson, step]);

  return (
    <nav className="step-nav" aria-label="Steps">
      <button type="button" onClick={() => moveBy(lesson, -1, step)} disabled={step <= 1}>
        <span aria-hidden="true">← </span>Previous
      </button>
      <span className="step-count">
        Step {step} of {count}
      </span>
      <button
        type="button"
        className="primary"
        onClick={() => moveBy(lesson, 1, step)}
        disabled={step >= count}
      >
        Next<span aria-hidden="true"> →</span>
      </button>
      {step >= count && <OnwardLink lesson={lesson} />}
    </nav>
  );
}

/** The table of contents: every step, the current one marked. */
export function StepContents({ lesson, step }: { lesson: Lesson; step: number }) {
  return (
    <details className="step-contents">
      <summary>Contents</summary>
      <ol>
        {lesson.steps.map((s, k) => (
          <li key={s.id}>
            <a
              href={lessonHash(lesson.id, k + 1)}
              aria-current={k + 1 === step ? 'step' : undefined}
            >
              {s.title}
            </a>
          </li>
        ))}
      </ol>
    </details>
  );
}

/**
 * On a lesson's last step, the way on: the next lesson, or after the last one the playground (a
 * page without steps, opened at its own route), or the catalogue when nothing follows.
 */
function OnwardLink({ lesson }: { lesson: Lesson }) {
  const at = LESSONS.findIndex((l) => l.id === lesson.id);
  const next = at < 0 ? undefined : LESSONS[at + 1];
  if (!next) {
    return (
      <a className="lesson-next" href={CATALOGUE_HASH}>
        All lessons
      </a>
    );
  }
  return (
    <a className="lesson-next" href={lessonHash(next.id, 1)}>
      {next.steps.length > 0
        ? `Next lesson: ${next.title}`
        : `Next: ${next.title} (${next.sentence.toLowerCase()})`}
    </a>
  );
}
