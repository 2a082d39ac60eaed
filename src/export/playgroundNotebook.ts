/**
 * "Download notebook" for the playground: its PyTorch cell as a Jupyter notebook (nbformat 4.5,
 * kernel python3), saved as if run, as a lesson's is (notebook.ts): a markdown cell naming the
 * settings, then the code cell the page shows, numbered 1, with the output the page prints stored
 * as what the cell prints (a stdout stream).
 */
import {
  attend,
  baseTensors,
  editsOf,
  printed,
  pythonCode,
  type PlaygroundValues,
} from '../lessons/playground';
import { tokenize } from '../lessons/tokenize';
import { lines, type Notebook, type NotebookOptions } from './notebook';
import { oneLine } from './python';

/** The playground's cell: the code the page shows and what it prints, from the same values. */
export function playgroundCell(v: PlaygroundValues): { code: string; output: string } {
  const tokens = tokenize(v.sentence);
  const base = baseTensors(tokens, v.d, v.seed, v.dk, v.dv);
  const result = attend(v.embeddings, base, v.mode, v.causal);
  return {
    code: pythonCode({ ...v, edits: editsOf(v) }, tokens.length),
    output: printed(result, v.query),
  };
}

/** The playground as a notebook with the page's values; `options.link` goes in the first cell. */
export function playgroundNotebook(v: PlaygroundValues, options: NotebookOptions = {}): Notebook {
  const { code, output } = playgroundCell(v);
  const intro = [
    '# Attention Notebook: playground',
    '',
    'Self-attention on your own sentence. Exported from Attention Notebook with the values shown ' +
      'on the page, your edits included: run the cell with PyTorch installed and it prints what ' +
      'the page printed.',
  ];
  if (options.link)
    intro.push('', `[Open these values in Attention Notebook](${oneLine(options.link)})`);
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' },
    },
    cells: [
      { cell_type: 'markdown', id: 'intro', metadata: {}, source: lines(intro.join('\n')) },
      {
        cell_type: 'code',
        id: 'playground',
        metadata: {},
        execution_count: 1,
        // Four print calls: one stdout stream, ended by print's line break.
        outputs: [{ output_type: 'stream', name: 'stdout', text: lines(`${output}\n`) }],
        source: lines(code),
      },
    ],
  };
}
