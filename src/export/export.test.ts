import { describe, expect, it } from 'vitest';
import { LESSONS } from '../lessons';
import { derive, initialState } from '../lessons/derive';
import { codeCellId, expectedOutputs, lessonNotebook, notebookJson } from './notebook';
import { pythonForStep, runsWithTorch, stepCode } from './python';

const written = LESSONS.filter((l) => l.steps.length > 0);

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
