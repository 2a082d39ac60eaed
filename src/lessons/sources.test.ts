/**
 * Every printed output says where it comes from, and says it truthfully: checked against the seed
 * notebooks' own text (src/math/fixtures/notebooks.json, from scripts/goldens/notebooks.py).
 */
import { describe, expect, it } from 'vitest';
import nb from '../math/fixtures/notebooks.json';
import { outputBadge } from './badge';
import { derive, initialState } from './derive';
import { LESSONS } from './index';
import type { Lesson, OutputSource, Step } from './types';

const notebooks = (nb as unknown as { notebooks: Record<string, { cells: string[] }> }).notebooks;

/** The lines of a cell's text, trimmed, and again without a trailing `# comment`. */
const lineForms = (cell: string): string[] =>
  cell.split('\n').flatMap((l) => [l.trim(), l.replace(/\s+#.*$/, '').trim()]);

/** The notebook cells that have `line` as one of their lines. */
const cellsWith = (lessonId: string, line: string): string[] =>
  notebooks[lessonId]!.cells.filter((c) => lineForms(c).includes(line));

/** The text of a cell after the line that names it: what it printed (and any Markdown after). */
function printedBy(cell: string, line: string): string {
  const lines = cell.split('\n');
  const k = lines.findIndex((l) => l.trim() === line || l.replace(/\s+#.*$/, '').trim() === line);
  return lines.slice(k + 1).join('\n');
}

const taught = LESSONS.filter((l) => l.steps.length > 0);
/** Lessons that follow no notebook: every output of theirs must be declared new. */
const NO_NOTEBOOK: readonly string[] = ['word-order'];
const printing = (l: Lesson) =>
  l.steps.filter((s): s is Step & { source: OutputSource } => s.output !== undefined);
const cases = taught.flatMap((l) =>
  printing(l).map((s) => [`${l.id}/${l.steps.indexOf(s) + 1} ${s.id}`, l, s] as const),
);

describe('output sources', () => {
  it('cover every taught lesson with a notebook', () => {
    expect(Object.keys(notebooks).sort()).toEqual(
      taught
        .map((l) => l.id)
        .filter((id) => !NO_NOTEBOOK.includes(id))
        .sort(),
    );
    expect(cases.length).toBeGreaterThan(80);
  });

  it.each(cases)('%s: its source is true of the notebook', (_, lesson, step) => {
    const opening = step.output(derive(lesson, initialState(lesson)));
    const src = step.source;
    if (NO_NOTEBOOK.includes(lesson.id)) expect(src.kind, 'no notebook to match').toBe('new');
    const all = notebooks[lesson.id]?.cells.join('\n') ?? '';
    if (src.kind === 'new') {
      // Nothing the notebook printed: the output must not be in it.
      expect(all.includes(opening), `the notebook prints ${JSON.stringify(opening)}`).toBe(false);
      expect(src.from.length).toBeGreaterThan(5);
      return;
    }
    const found = cellsWith(lesson.id, src.cell);
    expect(found, `one notebook cell has the line ${src.cell}`).toHaveLength(1);
    const printed = printedBy(found[0]!, src.cell);
    if (src.kind === 'notebook') {
      expect(printed, 'the notebook printed this output in that cell').toContain(opening);
    } else {
      expect(printed, 'the notebook printed something in that cell').toMatch(/tensor\(/);
      expect(printed.includes(opening), 'it is the same as ours: say "notebook"').toBe(false);
      expect(src.why.length).toBeGreaterThan(5);
    }
  });

  it.each(cases)('%s: says "matches the notebook" only for the notebook’s printout', (_, l, s) => {
    const opening = s.output(derive(l, initialState(l)));
    const badge = outputBadge(s.source, opening, opening);
    expect(badge.label === 'matches the notebook').toBe(s.source.kind === 'notebook');
    expect(badge.state).toBe(s.source.kind);
  });
});

describe('outputBadge', () => {
  const nbSource: OutputSource = { kind: 'notebook', cell: 'x' };
  it('says "edited" once the learner’s values change the output, whatever its source', () => {
    for (const src of [
      nbSource,
      { kind: 'new', from: 'from the book, section 3.4' },
      { kind: 'differs', cell: 'x', why: 'rounded inputs' },
    ] satisfies OutputSource[]) {
      expect(outputBadge(src, 'tensor(2.)', 'tensor(1.)')).toMatchObject({
        state: 'edited',
        label: 'edited',
      });
    }
  });
  it('names where a new output comes from, and why one differs', () => {
    expect(outputBadge({ kind: 'new', from: 'continues the article' }, 'a', 'a')).toEqual({
      state: 'new',
      label: 'not in the notebook',
      note: 'continues the article',
    });
    expect(outputBadge({ kind: 'differs', cell: 'x', why: 'rounded' }, 'a', 'a')).toEqual({
      state: 'differs',
      label: 'differs from the notebook',
      note: 'rounded',
    });
    expect(outputBadge(nbSource, 'a', 'a')).toEqual({
      state: 'notebook',
      label: 'matches the notebook',
    });
  });
});
