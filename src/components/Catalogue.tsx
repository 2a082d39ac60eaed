import { LESSON_INFO, type LessonInfo } from '../lessons/catalogue';
import { lessonHash } from '../app/router';
import './LessonPage.css';

/** A lesson with steps, or the playground (a page of its own, with no steps). */
const available = (lesson: LessonInfo) => lesson.stepCount > 0 || lesson.id === 'playground';

/** The list of lessons, in order. Reads only the catalogue metadata, so it paints with the shell. */
export function Catalogue() {
  return (
    <div className="catalogue">
      <h1>Self-attention, one notebook cell at a time</h1>
      <p className="lede">
        Each lesson follows a PyTorch notebook step by step. Edit any number and every score, weight
        and printed output recomputes, exactly as PyTorch would print it.
      </p>
      <ol className="lesson-list">
        {LESSON_INFO.map((lesson, i) => (
          <li key={lesson.id} className={available(lesson) ? 'lesson-card' : 'lesson-card pending'}>
            <a href={lessonHash(lesson.id, 1)} aria-describedby={`lesson-${lesson.id}-summary`}>
              <span className="lesson-number" aria-hidden="true">
                {i + 1}
              </span>
              <span className="lesson-title">
                {lesson.title}
                {!available(lesson) && <span className="badge badge-soon">coming soon</span>}
              </span>
            </a>
            <p id={`lesson-${lesson.id}-summary`}>{lesson.summary}</p>
            <p className="lesson-meta">
              Follows: {lesson.follows}
              {lesson.stepCount > 0 ? ` · ${lesson.stepCount} steps` : ''}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
