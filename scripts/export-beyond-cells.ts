// Prints, as JSON, the code cells of the training lesson's last three steps (src/lessons/training/
// beyond.ts) for scripts/goldens/training_beyond.py to run under real PyTorch, in the states
// scripts/export-cells.ts uses (defaults, one embedding edited, one W_query entry edited, another
// seed) and one more: a word of the repeated-word sentence edited. Each state's cells start with
// one that defines `inputs` (and imports torch) as the lesson's first cells do, so these steps can
// be checked on their own; scripts/goldens/lessons.py runs them again inside the whole lesson.
// Run: npx tsx scripts/export-beyond-cells.ts
import { stepCode } from '../src/lessons/common.ts';
import { derive, initialState, reseed } from '../src/lessons/derive.ts';
import { training } from '../src/lessons/training/index.ts';
import { beyondSteps } from '../src/lessons/training/beyond.ts';
import type { LessonState } from '../src/lessons/types.ts';
import { numpyFloat32Repr } from '../src/math/format.ts';
import { tensor, toRows } from '../src/math/tensor.ts';

// The edits of scripts/export-cells.ts (importing it would run it).
const EDIT = { col: 0, value: 0.9 };
const W_EDIT = { matrix: 'wq', row: 0, col: 1, value: 1.25 } as const;
const SEED = 7;
/** An edit of a row the repeated-word sentence uses twice: "one", dimension 1. */
const TWIN_EDIT = { row: 4, col: 0, value: 0.9 };

function cells(state: LessonState) {
  const d = derive(training, state);
  const rows = toRows(d.x).map((r) => `    [${r.map(numpyFloat32Repr).join(', ')}],`);
  const preamble = ['import torch', '', 'inputs = torch.tensor([', ...rows, '])'].join('\n');
  return [
    { step: 'inputs', code: preamble, hasOutput: false },
    ...beyondSteps.map((s) => ({ step: s.id, code: stepCode(s, d)!, hasOutput: !!s.output })),
  ];
}

const start = initialState(training);
const cols = start.embeddings.shape[1]!;
const data = Float32Array.from(start.embeddings.data);
data[start.query * cols + EDIT.col] = EDIT.value;
const w = start.weights![W_EDIT.matrix];
const wData = Float32Array.from(w.data);
wData[W_EDIT.row * w.shape[1]! + W_EDIT.col] = W_EDIT.value;

function withRow(edit: { row: number; col: number; value: number }): LessonState {
  const e = Float32Array.from(start.embeddings.data);
  e[edit.row * cols + edit.col] = edit.value;
  return { ...start, embeddings: tensor(start.embeddings.shape, e) };
}

const out = {
  steps: beyondSteps.map((s) => s.id),
  defaults: { cells: cells(start) },
  edited: {
    edit: { row: start.query, col: EDIT.col, value: EDIT.value },
    cells: cells({ ...start, embeddings: tensor(start.embeddings.shape, data) }),
  },
  // The query's row is not in the repeated-word sentence; this edit is ("one", twice in it).
  twinEdited: {
    edit: TWIN_EDIT,
    cells: cells(withRow(TWIN_EDIT)),
  },
  wEdited: {
    edit: W_EDIT,
    cells: cells({
      ...start,
      weights: { ...start.weights!, [W_EDIT.matrix]: tensor(w.shape, wData) },
    }),
  },
  reseeded: { seed: SEED, cells: cells(reseed(training, start, SEED)) },
};
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
