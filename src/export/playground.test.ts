import { describe, expect, it } from 'vitest';
import fx from '../math/fixtures/playground.json';
import type { CodeSettings } from '../lessons/playground';
import { lines, notebookJson, type CodeCell, type MarkdownCell } from './notebook';
import { PLAYGROUND_CELL_ID, playgroundNotebook, playgroundOutput } from './playground';
import { NBFORMAT_4_5_SCHEMA, schemaErrors } from './testing';

/** scripts/goldens/playground.py: each case's cell, and its outputs as Jupyter stores them. */
interface Case {
  name: string;
  settings: CodeSettings;
  code: string;
  output: string;
  outputs: { output_type: string; name?: string; text?: string }[];
}
const cases = (fx as unknown as { cases: Case[] }).cases;
const defaults = cases[0]!.settings;

describe('Download notebook, playground', () => {
  it.each(cases.map((c) => [c.name, c] as const))(
    '%s: the cell and its stored output are what PyTorch under Jupyter gives',
    (_, c) => {
      const nb = playgroundNotebook(c.settings);
      const json = JSON.parse(notebookJson(nb));
      expect(schemaErrors(json, NBFORMAT_4_5_SCHEMA)).toEqual([]);
      const [intro, cell] = nb.cells as [MarkdownCell, CodeCell];
      expect(nb.cells.map((x) => x.cell_type)).toEqual(['markdown', 'code']);
      expect(intro.source.join('')).toMatch(/^# Attention Notebook: playground\n/);
      expect(cell.id).toBe(PLAYGROUND_CELL_ID);
      expect(cell.source.join('')).toBe(c.code);
      expect(cell.source).toEqual(lines(c.code));
      expect(cell.execution_count).toBe(1);
      // The outputs, as the kernel's run stored them: one stdout stream with all four prints.
      expect(
        cell.outputs.map((o) =>
          o.output_type === 'stream'
            ? { output_type: o.output_type, name: o.name, text: o.text.join('') }
            : o,
        ),
      ).toEqual(c.outputs);
      expect(playgroundOutput(c.settings)).toBe(c.output);
    },
  );

  it('says what the settings are, in Markdown that shows the words as they are', () => {
    const nb = playgroundNotebook(
      {
        ...defaults,
        sentence: 'a $x$ `b` *c*',
        query: 1,
        mode: 'trainable',
        causal: true,
        edits: [[0, 1, 0.5]],
      },
      { link: 'http://example.test/playground.html#/playground/1?s=AQ' },
    );
    const intro = nb.cells[0]!.source.join('');
    expect(intro).toContain('- 4 words');
    expect(intro).toContain('- embedding size d = 3, seed 123');
    expect(intro).toContain('d_k = 2, d_v = 2');
    expect(intro).toContain('- causal mask: on');
    // The query "$x$": its Python literal, with Markdown's and TeX's characters escaped.
    expect(intro).toContain('- query token: number 1 (from 0), "\\$x\\$"');
    expect(intro).toContain('- 1 embedding value edited');
    expect(intro).toContain('(http://example.test/playground.html#/playground/1?s=AQ)');
    expect(nb.metadata.attention_notebook).toEqual({
      lesson: 'playground',
      link: 'http://example.test/playground.html#/playground/1?s=AQ',
    });
    const plain = playgroundNotebook(defaults).cells[0]!.source.join('');
    expect(plain).toContain('- plain attention');
    expect(plain).toContain('- causal mask: off');
    expect(plain).toContain('- embeddings as the seed draws them');
    expect(plain).toContain('- positions: none');
    const learned = playgroundNotebook({ ...defaults, positions: 'learned' }).cells[0]!.source;
    expect(learned.join('')).toContain('- positions: learned, `torch.nn.Embedding(len(words), d)`');
    const rotary = playgroundNotebook({ ...defaults, positions: 'rotary' }).cells[0]!.source;
    expect(rotary.join('')).toContain('- positions: rotary (RoPE)');
    expect(plain).not.toContain('Open these values');
  });

  it('refuses settings the page refuses, saying which', () => {
    const bad: [Partial<CodeSettings>, RegExp][] = [
      [{ sentence: '   ' }, /sentence refused: Type at least one word/],
      [{ sentence: Array.from({ length: 65 }, (_, k) => `w${k}`).join(' ') }, /65 tokens/],
      [{ d: 0 }, /sizes out of range/],
      [{ dk: 65 }, /sizes out of range/],
      [{ seed: -1 }, /seed out of range/],
      [{ query: 6 }, /query 6 not in 0\.\.5/],
      [{ edits: [[6, 0, 1]] }, /outside the 6 × 3 table/],
      [{ edits: [[0, 3, 1]] }, /outside the 6 × 3 table/],
      [{ edits: [[0, 0, NaN]] }, /edit at \[0, 0\] is NaN/],
      [{ positions: 'absolute' as never }, /positions unknown: absolute/],
    ];
    for (const [patch, message] of bad) {
      expect(() => playgroundNotebook({ ...defaults, ...patch }), JSON.stringify(patch)).toThrow(
        message,
      );
    }
  });
});
