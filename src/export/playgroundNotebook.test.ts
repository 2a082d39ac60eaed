import { describe, expect, it } from 'vitest';
import {
  attend,
  baseTensors,
  playgroundWith,
  printed,
  pythonCode,
  DEFAULT_SETTINGS,
} from '../lessons/playground';
import { tokenize } from '../lessons/tokenize';
import { playgroundCell, playgroundNotebook } from './playgroundNotebook';

describe('the playground notebook', () => {
  it('holds the cell the page shows, with the output it prints, saved as if run', () => {
    const v = playgroundWith({ ...DEFAULT_SETTINGS, sentence: 'a b a', causal: true, query: 2 });
    const data = v.embeddings.data.slice();
    data[4] = 0.5;
    const edited = { ...v, embeddings: { shape: v.embeddings.shape, data } };
    const tokens = tokenize(edited.sentence);
    const code = pythonCode({ ...edited, edits: [[1, 1, 0.5]] }, tokens.length);
    const base = baseTensors(tokens, 3, 123, 2, 2);
    const output = printed(attend(edited.embeddings, base, 'plain', true), 2);
    expect(playgroundCell(edited)).toEqual({ code, output });

    const nb = playgroundNotebook(edited, { link: 'https://example.org/p#/playground/1?s=AQ' });
    const json = JSON.parse(JSON.stringify(nb));
    expect(json.nbformat).toBe(4);
    expect(json.cells.map((c: { cell_type: string }) => c.cell_type)).toEqual(['markdown', 'code']);
    const cell = json.cells[1];
    expect(cell.source.join('')).toBe(code);
    expect(cell.execution_count).toBe(1);
    expect(cell.outputs).toEqual([
      { output_type: 'stream', name: 'stdout', text: expect.any(Array) },
    ]);
    expect(cell.outputs[0].text.join('')).toBe(`${output}\n`);
    expect(json.cells[0].source.join('')).toContain('(https://example.org/p#/playground/1?s=AQ)');
  });
});
