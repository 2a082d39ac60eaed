/**
 * "Download notebook" for the playground: its PyTorch cell as a Jupyter notebook (nbformat 4.5,
 * kernel python3), saved as if run, as lesson notebooks are (see notebook.ts): a markdown cell
 * saying what the settings are, then the code cell the page shows, numbered 1, with the output the
 * page prints stored as what the cell prints (a stdout stream). Run in Jupyter with PyTorch, the
 * cell prints exactly that (scripts/check-export.sh checks it with a real kernel).
 */
import {
  attend,
  baseTensors,
  MAX_DIM,
  POSITIONS,
  printed,
  printedAfterTraining,
  pyString,
  trainSync,
  pythonCode,
  type CodeSettings,
  type Positions,
} from '../lessons/playground';
import { checkSentence } from '../lessons/tokenize';
import { lines, notebookOf, type Notebook, type NotebookOptions } from './notebook';
import { oneLine } from './python';

/** The id of the playground notebook's code cell (what check-notebook.py keys its output on). */
export const PLAYGROUND_CELL_ID = 'playground';

/**
 * What the playground prints for these settings and edits: `print(weights)`, `print(context)` and
 * the query's rows, computed by the math core exactly as the page computes them (each edit goes
 * into the float32 table of embeddings). Throws a RangeError for settings the page refuses.
 */
export function playgroundOutput(settings: CodeSettings): string {
  const tokens = checkedTokens(settings);
  const { d } = settings;
  const base = baseTensors(tokens, d, settings.seed, settings.dk, settings.dv, settings.positions);
  const data = base.x.data.slice();
  for (const [r, c, v] of settings.edits) data[r * d + c] = v;
  const x = { shape: base.x.shape, data };
  const t = settings.training;
  if (t && settings.mode === 'trainable') {
    const run = trainSync(x, base, t, settings.causal);
    const [wq, wk, wv] = run.weights;
    const result = attend(x, { ...base, wq, wk, wv }, settings.mode, settings.causal);
    return printedAfterTraining(run.losses, t.steps, result, settings.query);
  }
  const result = attend(x, base, settings.mode, settings.causal);
  return printed(result, settings.query);
}

/**
 * The playground as a notebook: the settings (sentence, sizes, seed, attention kind, causal mask,
 * query token) and the learner's edited embedding cells, as the page holds them. `options.link`, a
 * link to the same values, is written in the first cell and the metadata. Throws a RangeError for
 * settings the page refuses (no words, over 64 words, a query or an edit outside the table).
 */
export function playgroundNotebook(
  settings: CodeSettings,
  options: NotebookOptions = {},
  /**
   * What the page printed for these settings, when it has it (a training run it has already
   * computed in its worker: replaying thousands of 64 × 64 steps here would hold the page up).
   */
  shownOutput?: string,
): Notebook {
  const tokens = checkedTokens(settings);
  const n = tokens.length;
  const code = pythonCode(settings, n);
  const output = shownOutput ?? playgroundOutput(settings);
  const { d, seed, mode, dk, dv, causal, query, edits, positions } = settings;

  const facts = [
    `- ${n} ${n === 1 ? 'word' : 'words'}, split as Python's \`sentence.split()\` splits them`,
    `- embedding size d = ${d}, seed ${seed}`,
    mode === 'plain'
      ? '- plain attention: `scores = x @ x.T`, no trainable weights'
      : `- trainable attention: W_query, W_key, W_value with d_k = ${dk}, d_v = ${dv}, scores scaled by √d_k`,
    `- positions: ${POSITION_FACTS[positions]}`,
    `- causal mask: ${causal ? 'on (each word attends only to itself and the words before it)' : 'off'}`,
    `- query token: number ${query} (from 0), ${escapeMarkdown(pyString(tokens[query]!))}`,
    edits.length === 0
      ? '- embeddings as the seed draws them'
      : `- ${edits.length} embedding ${edits.length === 1 ? 'value' : 'values'} edited (the \`x[row, col] = …\` lines)`,
    ...(settings.training && mode === 'trainable'
      ? [
          `- trained: ${settings.training.steps} ${settings.training.steps === 1 ? 'step' : 'steps'} of ${settings.training.optimizer === 'sgd' ? 'SGD' : 'Adam'} (lr ${settings.training.lr}) towards each word's goal key, \`target = [${settings.training.target.join(', ')}]\``,
        ]
      : []),
  ];
  const intro = [
    '# Attention Notebook: playground',
    '',
    'Self-attention on your own sentence, with the settings you chose:',
    '',
    ...facts,
    '',
    'Exported from Attention Notebook\u2019s playground with the values shown on the page, your ' +
      'edits included: run the cell with PyTorch installed and it prints what the page printed.',
  ];
  if (options.link)
    intro.push('', `[Open these values in Attention Notebook](${oneLine(options.link)})`);

  return notebookOf(
    'playground',
    [
      { cell_type: 'markdown', id: 'intro', metadata: {}, source: lines(intro.join('\n')) },
      {
        cell_type: 'code',
        id: PLAYGROUND_CELL_ID,
        metadata: {},
        execution_count: 1,
        // Four print calls: one stdout stream, closed by print's line break.
        outputs: [{ output_type: 'stream', name: 'stdout', text: lines(`${output}\n`) }],
        source: lines(code),
      },
    ],
    options,
  );
}

/** What each kind of positions does, as the notebook's first cell says it. */
const POSITION_FACTS: Record<Positions, string> = {
  none: 'none (attention sees the words as an unordered set)',
  learned:
    'learned, `torch.nn.Embedding(len(words), d)` drawn after the token embeddings, added to x',
  sinusoidal: "sinusoidal (the original Transformer's table), added to x",
  rotary:
    'rotary (RoPE): pairs of dimensions of what the scores compare (the queries and keys; plain attention: x) turned by an angle proportional to the position',
};

/** The sentence's words, after checking the settings are ones the page accepts. */
function checkedTokens(s: CodeSettings): string[] {
  const check = checkSentence(s.sentence);
  if (!check.ok) throw new RangeError(`playground sentence refused: ${check.message}`);
  const n = check.tokens.length;
  const whole = (x: number, lo: number, hi: number) =>
    Number.isSafeInteger(x) && x >= lo && x <= hi;
  const dims = [s.d, s.dk, s.dv].every((x) => whole(x, 1, MAX_DIM));
  if (!dims)
    throw new RangeError(`playground sizes out of range: d ${s.d}, d_k ${s.dk}, d_v ${s.dv}`);
  if (!POSITIONS.includes(s.positions))
    throw new RangeError(`playground positions unknown: ${String(s.positions)}`);
  if (!whole(s.seed, 0, Number.MAX_SAFE_INTEGER))
    throw new RangeError(`playground seed out of range: ${s.seed}`);
  if (!whole(s.query, 0, n - 1))
    throw new RangeError(`playground query ${s.query} not in 0..${n - 1}`);
  for (const [r, c, v] of s.edits) {
    if (!whole(r, 0, n - 1) || !whole(c, 0, s.d - 1))
      throw new RangeError(`playground edit at [${r}, ${c}] is outside the ${n} × ${s.d} table`);
    if (!Number.isFinite(v)) throw new RangeError(`playground edit at [${r}, ${c}] is ${v}`);
  }
  return check.tokens;
}

/** Text shown as itself in Markdown (and not as TeX): ASCII punctuation backslash-escaped. */
function escapeMarkdown(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>~$&]/g, (ch) => `\\${ch}`);
}
