import { describe, expect, it } from 'vitest';
import { LESSONS } from '../lessons';
import { derive, initialState, reseed } from '../lessons/derive';
import { reseededFixtures, wEditedFixtures, withWeightEdit } from '../lessons/testing';
import type { Lesson } from '../lessons/types';
import fx from '../math/fixtures/notebook.json';
import { tensor } from '../math/tensor';
import {
  codeCellId,
  expectedOutputs,
  lessonNotebook,
  notebookJson,
  notebookSummary,
  type CodeCell,
  type Notebook,
} from './notebook';
import { pythonForStep, runsWithTorch, stepCode } from './python';
import { callsPrint, finalExpression, showsFinalValue } from './pythonSource';
import { NBFORMAT_4_5_SCHEMA, schemaErrors } from './testing';

const written = LESSONS.filter((l) => l.steps.length > 0);

/** notebook.json: each runnable cell's outputs as real PyTorch gave them, Jupyter-style. */
type FixtureOutput =
  | { output_type: 'stream'; name: string; text: string }
  | { output_type: 'execute_result'; 'text/plain': string };
interface NotebookFixtures {
  lessons: Record<string, Record<string, FixtureOutput[]> | undefined>;
  edited: Record<string, Record<string, FixtureOutput[]> | undefined>;
  /** Lessons with W matrices, after lessons.json's W edit. */
  wEdited: Record<string, Record<string, FixtureOutput[]> | undefined>;
  /** Lessons with a seed control, after lessons.json's seed change. */
  reseeded: Record<string, Record<string, FixtureOutput[]> | undefined>;
}
const fixtures = fx as unknown as NotebookFixtures;

/** The state scripts/export-cells.ts runs for the "edited" fixtures: query row, dim 1 = 0.9. */
function editedState(lesson: Lesson) {
  const start = initialState(lesson);
  const cols = start.embeddings.shape[1]!;
  const data = Float32Array.from(start.embeddings.data);
  data[start.query * cols] = 0.9;
  return { ...start, embeddings: tensor(start.embeddings.shape, data) };
}

const codeCells = (nb: Notebook) => nb.cells.filter((c): c is CodeCell => c.cell_type === 'code');

/** A stored output in the fixture's shape: its text joined from nbformat's lines. */
function asFixture(o: CodeCell['outputs'][number]): FixtureOutput {
  return o.output_type === 'stream'
    ? { output_type: 'stream', name: o.name, text: o.text.join('') }
    : { output_type: 'execute_result', 'text/plain': o.data['text/plain'].join('') };
}

describe('Download notebook', () => {
  for (const lesson of written) {
    it(`${lesson.id}: is an nbformat 4.5 notebook with a cell per step and its code`, () => {
      const d = derive(lesson, initialState(lesson));
      const nb = lessonNotebook(lesson, d, { link: 'http://example.test/#/x/1?s=AQ' });
      expect(nb.nbformat).toBe(4);
      expect(nb.nbformat_minor).toBe(5);
      expect(nb.metadata.kernelspec).toEqual({
        name: 'python3',
        display_name: 'Python 3',
        language: 'python',
      });
      const ids = nb.cells.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      // Every source line but the last ends with "\n", as nbformat writes them.
      for (const c of nb.cells) {
        c.source.slice(0, -1).forEach((l) => expect(l.endsWith('\n')).toBe(true));
      }
      const code = nb.cells.filter((c) => c.cell_type === 'code');
      const withCode = lesson.steps.filter((s) => s.code !== undefined);
      expect(code.map((c) => c.id)).toEqual(withCode.map((s) => codeCellId(s.id)));
      withCode.forEach((s, k) => {
        const text = code[k]!.source.join('');
        if (runsWithTorch(s)) expect(text).toBe(stepCode(s, d)!.trimEnd());
        // Plot cells are there, commented out: Run All needs only PyTorch.
        else for (const line of text.split('\n')) expect(line.startsWith('#')).toBe(true);
      });
      const md = nb.cells.filter((c) => c.cell_type === 'markdown').map((c) => c.source.join(''));
      expect(md[0]).toContain(`# ${lesson.title}`);
      expect(md[0]).toContain('(http://example.test/#/x/1?s=AQ)');
      lesson.steps.forEach((s, k) => expect(md[k + 1]).toContain(`## ${k + 1}. ${s.title}`));
      expect(() => JSON.parse(notebookJson(nb))).not.toThrow();
    });
  }

  for (const lesson of written) {
    const wEdit = wEditedFixtures(lesson.id)?.edit;
    const seed = reseededFixtures(lesson.id)?.seed;
    const start = initialState(lesson);
    for (const [name, state, expected] of [
      ['defaults', start, fixtures.lessons[lesson.id]],
      ['edited', editedState(lesson), fixtures.edited[lesson.id]],
      ...(wEdit
        ? [['W edited', withWeightEdit(start, wEdit), fixtures.wEdited[lesson.id]] as const]
        : []),
      ...(seed !== undefined
        ? [['reseeded', reseed(lesson, start, seed), fixtures.reseeded[lesson.id]] as const]
        : []),
    ] as const) {
      it(`${lesson.id} (${name}): stores each cell's outputs as PyTorch under Jupyter gives them`, () => {
        expect(expected, 'notebook.json has no entry: run scripts/goldens/run.sh').toBeDefined();
        const d = derive(lesson, state);
        const code = codeCells(lessonNotebook(lesson, d));
        const byId = new Map(code.map((c) => [c.id, c]));
        const runnable = lesson.steps.filter(runsWithTorch);
        expect(Object.keys(expected!).sort()).toEqual(runnable.map((s) => s.id).sort());
        for (const s of runnable) {
          const cell = byId.get(codeCellId(s.id))!;
          expect(cell.outputs.map(asFixture), s.id).toEqual(expected![s.id]);
        }
        // Plot cells (commented out) show nothing.
        for (const s of lesson.steps.filter((x) => x.code !== undefined && !runsWithTorch(x)))
          expect(byId.get(codeCellId(s.id))!.outputs).toEqual([]);
      });
    }
  }

  it('stores exactly the text the page shows under each code cell, numbered as if run', () => {
    for (const lesson of written) {
      for (const state of [initialState(lesson), editedState(lesson)]) {
        const d = derive(lesson, state);
        const nb = lessonNotebook(lesson, d);
        const code = codeCells(nb);
        // Run in order: 1, 2, 3… over the code cells (none is empty).
        expect(code.map((c) => c.execution_count)).toEqual(code.map((_, k) => k + 1));
        const page = expectedOutputs(lesson, d);
        for (const c of code) {
          const want = page[c.id];
          if (want === undefined) {
            expect(c.outputs, c.id).toEqual([]);
            continue;
          }
          expect(c.outputs, c.id).toHaveLength(1);
          const out = c.outputs[0]!;
          if (out.output_type === 'stream') {
            expect(out.name).toBe('stdout');
            // print's line break closes the text.
            expect(out.text.join('')).toBe(`${want}\n`);
          } else {
            expect(out.execution_count).toBe(c.execution_count);
            expect(out.metadata).toEqual({});
            expect(out.data['text/plain'].join('')).toBe(want);
          }
          // nbformat's lines: each keeps its "\n" (the last may lack one); none is empty.
          const parts = out.output_type === 'stream' ? out.text : out.data['text/plain'];
          parts.forEach((l, k) => {
            expect(l).not.toBe('');
            expect(l.slice(0, -1)).not.toContain('\n');
            if (k < parts.length - 1) expect(l.endsWith('\n')).toBe(true);
          });
        }
        // What the toolbar reports after a download.
        expect(notebookSummary(nb)).toEqual({
          cells: nb.cells.length,
          withOutputs: Object.keys(page).length,
        });
      }
    }
  });

  it('is valid against the nbformat 4.5 schema, outputs included', () => {
    for (const lesson of written) {
      const d = derive(lesson, editedState(lesson));
      const nb = JSON.parse(notebookJson(lessonNotebook(lesson, d, { link: 'http://x/#/a/1' })));
      expect(schemaErrors(nb, NBFORMAT_4_5_SCHEMA), lesson.id).toEqual([]);
      const kinds = new Set(codeCells(nb).flatMap((c) => c.outputs.map((o) => o.output_type)));
      if (lesson.id === 'your-journey')
        expect([...kinds].sort()).toEqual(['execute_result', 'stream']);
    }
  });

  it('the schema check catches outputs missing what nbformat requires', () => {
    const lesson = written.find((l) => l.id === 'your-journey')!;
    const nb = lessonNotebook(lesson, derive(lesson, initialState(lesson)));
    const broken = (edit: (o: Record<string, unknown>) => void, kind: string) => {
      const copy = JSON.parse(notebookJson(nb)) as Notebook;
      const cell = codeCells(copy).find((c) => c.outputs[0]?.output_type === kind)!;
      edit(cell.outputs[0] as unknown as Record<string, unknown>);
      return schemaErrors(copy, NBFORMAT_4_5_SCHEMA);
    };
    expect(broken((o) => delete o.name, 'stream')).not.toEqual([]);
    expect(broken((o) => delete o.metadata, 'execute_result')).not.toEqual([]);
    expect(broken((o) => delete o.execution_count, 'execute_result')).not.toEqual([]);
    expect(broken((o) => (o.text = 3), 'stream')).not.toEqual([]);
  });

  it('lists the outputs the page shows, one per runnable cell that prints', () => {
    for (const lesson of written) {
      const d = derive(lesson, initialState(lesson));
      const outputs = expectedOutputs(lesson, d);
      const printing = lesson.steps.filter((s) => runsWithTorch(s) && s.output);
      expect(Object.keys(outputs)).toEqual(printing.map((s) => codeCellId(s.id)));
      printing.forEach((s) => expect(outputs[codeCellId(s.id)]).toBe(s.output!(d)));
    }
  });
});

describe('what Jupyter shows under a cell', () => {
  it('finds a final bare expression, not an assignment, block or other statement', () => {
    expect(finalExpression('x = 1\nx @ x.T')).toBe('x @ x.T');
    expect(finalExpression('x = 1\nW_Q.shape, W_K.shape')).toBe('W_Q.shape, W_K.shape');
    expect(finalExpression('x = torch.tensor(\n  [1, 2]\n)')).toBeNull();
    expect(finalExpression('y = f(a,\n      b == 2)\n')).toBeNull();
    expect(finalExpression('x += 1')).toBeNull();
    expect(finalExpression('x <<= 1')).toBeNull();
    expect(finalExpression('x: int = 1')).toBeNull();
    expect(finalExpression('x <= 1')).toBe('x <= 1');
    expect(finalExpression('x != 1')).toBe('x != 1');
    expect(finalExpression('f(x=1)')).toBe('f(x=1)');
    expect(finalExpression('x[1:2]')).toBe('x[1:2]');
    expect(finalExpression('for i in x:\n    i')).toBeNull();
    expect(finalExpression('import torch')).toBeNull();
    expect(finalExpression('x = 1; x')).toBe('x');
    expect(finalExpression('x;')).toBeNull();
    expect(finalExpression('x  # a comment = 2')).toBe('x');
    expect(finalExpression('x\n# the end')).toBe('x');
    expect(finalExpression('s = """a\nb = 1\n"""')).toBeNull();
    expect(finalExpression('"a = 1"')).toBe('"     "');
    expect(finalExpression('x = 1 \\\n  + 2')).toBeNull();
  });

  it('shows the value unless it is a print call; sees print outside strings only', () => {
    expect(showsFinalValue('print(x)')).toBe(false);
    expect(showsFinalValue('x.sum()')).toBe(true);
    expect(callsPrint('for i in x:\n    print(i)')).toBe(true);
    expect(callsPrint('x.sum()  # print(x)')).toBe(false);
    expect(callsPrint('"print(x)"')).toBe(false);
    expect(callsPrint('pprint(x)')).toBe(false);
  });
});

describe('Copy as PyTorch', () => {
  it('joins the runnable cells up to the step, under a header, and leaves plots out', () => {
    for (const lesson of written) {
      const d = derive(lesson, initialState(lesson));
      const n = lesson.steps.length;
      const step = Math.ceil(n / 2);
      const text = pythonForStep(lesson, d, step, { link: 'http://x/#/a/1\nimport os' });
      expect(
        text.startsWith(`# Attention Notebook: "${lesson.title}", steps 1-${step} of ${n}`),
      ).toBe(true);
      // A line break in the link cannot end its comment.
      expect(text).toContain('# Link: http://x/#/a/1 import os');
      lesson.steps.forEach((s, k) => {
        const included = text.includes(`# --- Step ${k + 1}: ${s.title} ---`);
        expect(included).toBe(k < step && runsWithTorch(s));
        if (included) expect(text).toContain(stepCode(s, d)!.trimEnd());
      });
    }
  });
});
