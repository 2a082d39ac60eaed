/**
 * "Copy as PyTorch": one runnable Python cell that recreates the values on the page and runs the
 * lesson's code up to a step. Code cells are functions of Derived (src/lessons), so the code shown
 * for the current values is the code exported, and it prints what the page prints.
 */
import { stepCode } from '../lessons/common';
import type { Derived, Lesson, Step } from '../lessons/types';

/** True for cells Python can run with PyTorch alone (plots need matplotlib and are marked). */
export function runsWithTorch(step: Step): boolean {
  return step.code !== undefined && step.runs !== false;
}

export interface PythonExportOptions {
  /** A share link to the same values, quoted in the header. */
  link?: string;
}

/**
 * Every runnable cell of steps 1..`step` (1-based) as one cell, with a header saying what it is.
 * Run in Jupyter, it prints what the page printed for each of those steps, in order, and shows the
 * value of the last step's final expression.
 */
export function pythonForStep(
  lesson: Lesson,
  d: Derived,
  step: number,
  options: PythonExportOptions = {},
): string {
  const upTo = lesson.steps.slice(0, Math.max(0, Math.min(step, lesson.steps.length)));
  const current = upTo[upTo.length - 1];
  const header = [
    `# Attention Notebook: "${oneLine(lesson.title)}", steps 1-${upTo.length} of ${lesson.steps.length}` +
      (current ? ` (up to "${oneLine(current.title)}")` : ''),
    `# Follows the notebook "${oneLine(lesson.follows)}", with the values shown on the page`,
    '# (your edits included). Needs PyTorch: pip install torch. Plot cells are left out: they',
    '# need matplotlib (the downloaded .ipynb has them).',
  ];
  if (options.link) header.push(`# Link: ${oneLine(options.link)}`);
  const parts = [header.join('\n')];
  upTo.forEach((s, k) => {
    if (!runsWithTorch(s)) return;
    parts.push(`# --- Step ${k + 1}: ${oneLine(s.title)} ---\n${stepCode(s, d)!.trimEnd()}`);
  });
  return `${parts.join('\n\n')}\n`;
}

/** Text for a one-line comment: no line breaks can end the comment early. */
export function oneLine(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
