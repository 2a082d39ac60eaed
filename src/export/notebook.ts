/**
 * "Download notebook": the whole lesson as a Jupyter notebook (nbformat 4.5, kernel python3) with
 * the values on the page: a markdown cell per step (title, prose with its $…$ TeX, and the live
 * formula with the current numbers), then the step's code. Plot cells are included commented out,
 * so Run All works with PyTorch alone; uncommenting them needs matplotlib.
 *
 * The file is saved as if run: code cells are numbered 1, 2, 3… in order, and each carries the
 * output the page shows for it, stored as Jupyter stores it, so a code host or Jupyter shows the
 * outputs before anything is run. What a cell prints is a `stdout` stream; the value of a final
 * bare expression (`x @ x.T` on the last line) is an `execute_result`. A cell that did both would
 * need the page's text split between the two; no lesson has one, and such a cell would be stored
 * as one stream (the tests compare every cell with what PyTorch under Jupyter gives).
 */
import type { Derived, Lesson, Step } from '../lessons/types';
import { stepCode } from '../lessons/common';
import { oneLine, runsWithTorch } from './python';
import { callsPrint, showsFinalValue } from './pythonSource';

interface CellBase {
  id: string;
  metadata: Record<string, unknown>;
  source: string[];
}
export interface MarkdownCell extends CellBase {
  cell_type: 'markdown';
}
export interface CodeCell extends CellBase {
  cell_type: 'code';
  /** The cell's run number (1, 2, 3… in order); null for an empty cell, which Jupyter skips. */
  execution_count: number | null;
  outputs: Output[];
}
/** What a cell printed (nbformat 4 `stream`). */
export interface StreamOutput {
  output_type: 'stream';
  name: 'stdout';
  text: string[];
}
/** The value of a cell's final expression, as Jupyter shows it (nbformat 4 `execute_result`). */
export interface ExecuteResult {
  output_type: 'execute_result';
  execution_count: number;
  data: { 'text/plain': string[] };
  metadata: Record<string, never>;
}
export type Output = StreamOutput | ExecuteResult;
export interface Notebook {
  nbformat: 4;
  nbformat_minor: 5;
  metadata: Record<string, unknown>;
  cells: (MarkdownCell | CodeCell)[];
}

export interface NotebookOptions {
  /** A share link to the same values, written in the first cell. */
  link?: string;
}

/** nbformat's multiline string: lines keeping their "\n", the last without one. */
export function lines(text: string): string[] {
  const parts = text.split('\n');
  return parts.map((l, k) => (k < parts.length - 1 ? `${l}\n` : l)).filter((l) => l !== '');
}

/** A cell id as nbformat 4.5 allows it: 1-64 of [A-Za-z0-9_-], unique in the notebook. */
function cellId(raw: string, used: Set<string>): string {
  const base = raw.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 56) || 'cell';
  let id = base;
  for (let k = 2; used.has(id); k++) id = `${base}-${k}`;
  used.add(id);
  return id;
}

/** The id of the code cell for a step: what check-notebook.py keys expected outputs on. */
export function codeCellId(stepId: string): string {
  return stepId.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 56) || 'cell';
}

export function lessonNotebook(
  lesson: Lesson,
  d: Derived,
  options: NotebookOptions = {},
): Notebook {
  const used = new Set<string>();
  const cells: (MarkdownCell | CodeCell)[] = [];
  const markdown = (id: string, text: string) =>
    cells.push({ cell_type: 'markdown', id: cellId(id, used), metadata: {}, source: lines(text) });
  let runs = 0;
  const code = (id: string, text: string, step?: Step) => {
    // Jupyter does not run (or number) a cell with no code.
    const count = text.trim() === '' ? null : ++runs;
    cells.push({
      cell_type: 'code',
      id: cellId(id, used),
      metadata: {},
      execution_count: count,
      outputs: step && count !== null ? cellOutputs(step, d, text, count) : [],
      source: lines(text),
    });
  };

  // Code cells first claim their ids, so each is exactly codeCellId(step.id).
  for (const s of lesson.steps) if (s.code !== undefined) used.add(codeCellId(s.id));
  const intro = [
    `# ${lesson.title}`,
    '',
    `Follows the notebook *${lesson.follows}*. ${lesson.summary}`,
    '',
    'Exported from Attention Notebook with the values shown on the page, your edits included: run ' +
      'the cells in order (Run All) with PyTorch installed and each prints what the page printed. ' +
      'Plot cells are commented out because they need matplotlib.',
  ];
  if (options.link)
    intro.push('', `[Open these values in Attention Notebook](${oneLine(options.link)})`);
  markdown('intro', intro.join('\n'));

  lesson.steps.forEach((s, k) => {
    const parts = [`## ${k + 1}. ${s.title}`, '', s.prose.trim()];
    const formula = s.formula?.(d, { i: null, j: null });
    if (formula) parts.push('', `$$${formula}$$`);
    markdown(`${s.id}-text`, parts.join('\n'));
    const source = stepCode(s, d);
    if (source === undefined) return;
    used.delete(codeCellId(s.id));
    if (runsWithTorch(s)) code(codeCellId(s.id), source.trimEnd(), s);
    else {
      const commented = source
        .trimEnd()
        .split('\n')
        .map((l) => (l === '' ? '#' : `# ${l}`))
        .join('\n');
      code(
        codeCellId(s.id),
        `# This cell draws a plot and needs matplotlib: remove the "# " before each line to run it.\n${commented}`,
      );
    }
  });

  return notebookOf(lesson.id, cells, options);
}

/**
 * A notebook of these cells (nbformat 4.5, kernel python3), its metadata naming the page it was
 * exported from (a lesson id, or 'playground') and, when given, the link to the same values.
 */
export function notebookOf(
  page: string,
  cells: (MarkdownCell | CodeCell)[],
  options: NotebookOptions = {},
): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
      attention_notebook: { lesson: page, ...(options.link ? { link: options.link } : {}) },
    },
    cells,
  };
}

/**
 * What each runnable code cell prints at these values, keyed by cell id: the outputs the page shows,
 * and what scripts/check-notebook.py compares a run of the notebook against.
 */
export function expectedOutputs(lesson: Lesson, d: Derived): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of lesson.steps) {
    if (runsWithTorch(s) && s.output) out[codeCellId(s.id)] = s.output(d);
  }
  return out;
}

/**
 * The outputs a run of `code` (the step's cell) shows, as Jupyter stores them: the page's output as
 * the value of the final expression when the cell ends with one and prints nothing, else as what
 * it prints. None when the page shows no output.
 */
function cellOutputs(step: Step, d: Derived, code: string, count: number): Output[] {
  if (!step.output) return [];
  const text = step.output(d);
  if (showsFinalValue(code) && !callsPrint(code)) {
    return [
      {
        output_type: 'execute_result',
        execution_count: count,
        data: { 'text/plain': lines(text) },
        metadata: {},
      },
    ];
  }
  // print ends with a line break; the page shows the text without it.
  return [{ output_type: 'stream', name: 'stdout', text: lines(`${text}\n`) }];
}

/** What the toolbar says about a notebook: its cells, and the code cells with an output. */
export function notebookSummary(nb: Notebook): { cells: number; withOutputs: number } {
  return {
    cells: nb.cells.length,
    withOutputs: nb.cells.filter((c) => c.cell_type === 'code' && c.outputs.length > 0).length,
  };
}

/** The notebook as the text of an .ipynb file. */
export function notebookJson(nb: Notebook): string {
  return `${JSON.stringify(nb, null, 1)}\n`;
}
