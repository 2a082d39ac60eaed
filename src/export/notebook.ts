/**
 * "Download notebook": the whole lesson as a Jupyter notebook (nbformat 4.5, kernel python3) with
 * the values on the page: a markdown cell per step (title, prose with its $…$ TeX, and the live
 * formula with the current numbers), then the step's code. Plot cells are included commented out,
 * so Run All works with PyTorch alone; uncommenting them needs matplotlib.
 */
import type { Derived, Lesson } from '../lessons/types';
import { oneLine, runsWithTorch, stepCode } from './python';

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
  execution_count: null;
  outputs: [];
}
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
function lines(text: string): string[] {
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
  const code = (id: string, text: string) =>
    cells.push({
      cell_type: 'code',
      id: cellId(id, used),
      metadata: {},
      execution_count: null,
      outputs: [],
      source: lines(text),
    });

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
    if (runsWithTorch(s)) code(codeCellId(s.id), source.trimEnd());
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

  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
      attention_notebook: { lesson: lesson.id, ...(options.link ? { link: options.link } : {}) },
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

/** The notebook as the text of an .ipynb file. */
export function notebookJson(nb: Notebook): string {
  return `${JSON.stringify(nb, null, 1)}\n`;
}
