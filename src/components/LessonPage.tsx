import { useDeferredValue, useEffect, useRef } from 'react';
import { outputBadge } from '../lessons/badge';
import { stepCode } from '../lessons/common';
import { derive } from '../lessons/derive';
import type { Lesson } from '../lessons/types';
import { defaultState, lessonState, useApp } from '../state/store';
import { CodeCell } from './CodeCell';
import { LessonToolbar } from './LessonToolbar';
import { Notices } from './Notice';
import { Prose } from './Prose';
import { RouteMessage } from './RouteMessage';
import { StepContents, StepNav } from './StepNav';
import { StepViews, widestTable } from './StepViews';
import { ScrollBox } from './ScrollBox';
import { Tex } from './Tex';
import './LessonPage.css';

/**
 * The most table columns (row sums included) that fit in the views' column beside the text at
 * 1280 px; a step with a wider table lays its views out under the text, at full width.
 */
const SIDE_COLUMNS = 7;

/** A lesson at one step; a step out of range gets a message with a way back. */
export function LessonPage({ lesson, step }: { lesson: Lesson; step: number }) {
  const count = lesson.steps.length;
  const state = useApp((s) => lessonState(s, lesson.id));
  const highlight = useApp((s) => s.highlight);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const current = lesson.steps[step - 1];

  // On a step change (not on first load), start the new step at its heading, for eyes and
  // screen readers alike.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus({ preventScroll: true });
    window.scrollTo({ top: 0 });
  }, [step]);

  if (count === 0) {
    return (
      <RouteMessage heading={lesson.title}>
        This lesson is still being written.
        {lesson.id === 'playground'
          ? ' It will let you type your own sentence and watch attention work on it.'
          : ` Its steps will follow the notebook “${lesson.follows}”.`}
      </RouteMessage>
    );
  }
  if (!current) {
    return (
      <RouteMessage heading="Step not found" backTo={lesson}>
        “{lesson.title}” has {count} steps, numbered 1 to {count}; there is no step {step}.
      </RouteMessage>
    );
  }

  const d = derive(lesson, state);
  const d0 = derive(lesson, defaultState(lesson.id));
  const code = stepCode(current, d);
  const output = current.output?.(d);
  // The badge compares the output with the one printed at the lesson's opening values.
  const badge =
    current.output && output !== undefined
      ? outputBadge(current.source, output, current.output(d0))
      : undefined;
  const views = current.views ?? [];
  const bodyClass =
    views.length === 0
      ? 'lesson-body no-views'
      : widestTable(views, d) > SIDE_COLUMNS
        ? 'lesson-body is-wide'
        : 'lesson-body';

  return (
    <article className="lesson" aria-labelledby="step-heading" data-step-id={current.id}>
      <header className="lesson-head">
        <p className="lesson-kicker">
          <a href="#/">Lessons</a> <span aria-hidden="true">/</span> {lesson.title}
        </p>
        <h1 id="step-heading" ref={headingRef} tabIndex={-1}>
          {current.title}
        </h1>
        <StepContents lesson={lesson} step={step} />
        <LessonToolbar lesson={lesson} step={step} />
        <Notices scope={lesson.id} />
      </header>
      <div className={bodyClass}>
        <section className="lesson-text" aria-label="Explanation and code">
          <Prose source={current.prose} />
          {current.formula && <LiveFormula tex={current.formula(d, highlight)} />}
          {code !== undefined && <CodeCell code={code} output={output} badge={badge} />}
        </section>
        {current.views && current.views.length > 0 && (
          <section className="lesson-views" aria-label="Live views">
            <StepViews lesson={lesson} views={current.views} d={d} highlight={highlight} />
          </section>
        )}
      </div>
      <StepNav lesson={lesson} step={step} />
    </article>
  );
}

/**
 * The step's live formula. KaTeX layout is the costliest part of a re-render, so during a drag it
 * is deferred: outputs, tables and the plot commit first, and the formula catches up when the
 * browser is idle (React's useDeferredValue), never showing a stale value once input stops.
 */
function LiveFormula({ tex }: { tex: string }) {
  const shown = useDeferredValue(tex);
  return (
    <ScrollBox className="math-block live-formula" label="Live formula">
      <Tex tex={shown} display />
    </ScrollBox>
  );
}
