// Prints, as JSON, every lesson's code cells in step order for scripts/goldens/lessons.py to run
// under real PyTorch, in each state a learner reaches with one gesture: the lesson's default values,
// one embedding edited (EDIT), one W_query entry edited (W_EDIT; lessons with W matrices) and
// another seed (SEED; lessons with a seed control), so tests can check live recomputation against
// PyTorch too. Each state is built as the store builds it (derive.ts's reseed for the seed).
// Run: npx tsx scripts/export-cells.ts
import { LESSONS } from '../src/lessons/index.ts';
import { stepCode } from '../src/lessons/common.ts';
import { derive, initialState, reseed } from '../src/lessons/derive.ts';
import type { Lesson, LessonState } from '../src/lessons/types.ts';
import { tensor } from '../src/math/tensor.ts';
import { TRAINING_VARIANTS } from '../src/lessons/training/fixtures.ts';

/** The edit the "edited" fixtures apply: the query token's first dimension set to 0.9. */
export const EDIT = { col: 0, value: 0.9 };
/** The edit the "wEdited" fixtures apply: W_query's entry at row 1, column 2 (0-based 0, 1). */
export const W_EDIT = { matrix: 'wq', row: 0, col: 1, value: 1.25 } as const;
/** The seed the "reseeded" fixtures type in place of the lesson's own. */
export const SEED = 7;
/** The word order the "shuffled" fixtures apply (lessons with a word order: word-order). */
export const PERM = [3, 7, 0, 9, 5, 1, 8, 2, 6, 4];
/** The edit the "posEdited" fixtures apply: the position table's entry at row 7, column 0. */
export const POS_EDIT = { row: 7, col: 0, value: -1.5 };

function cells(lesson: Lesson, state: LessonState) {
  const d = derive(lesson, state);
  return lesson.steps
    .filter((s) => s.code !== undefined)
    .map((s) => ({
      step: s.id,
      code: stepCode(s, d),
      runs: s.runs ?? true,
      hasOutput: s.output !== undefined,
    }));
}

const out = LESSONS.filter((l) => l.steps.length > 0).map((lesson) => {
  const start = initialState(lesson);
  const cols = start.embeddings.shape[1]!;
  const data = Float32Array.from(start.embeddings.data);
  data[start.query * cols + EDIT.col] = EDIT.value;
  const edited = { ...start, embeddings: tensor(start.embeddings.shape, data) };
  const entry: Record<string, unknown> = {
    lesson: lesson.id,
    // Every step id in order (step k of the page is steps[k - 1]), for tests that open a step.
    steps: lesson.steps.map((s) => s.id),
    edit: { row: start.query, col: EDIT.col, value: EDIT.value },
    cells: cells(lesson, start),
    editedCells: cells(lesson, edited),
  };
  if (start.weights) {
    const w = start.weights[W_EDIT.matrix];
    const wData = Float32Array.from(w.data);
    wData[W_EDIT.row * w.shape[1]! + W_EDIT.col] = W_EDIT.value;
    const wEdited = {
      ...start,
      weights: { ...start.weights, [W_EDIT.matrix]: tensor(w.shape, wData) },
    };
    entry.wEdit = W_EDIT;
    entry.wEditedCells = cells(lesson, wEdited);
  }
  if (start.weights || lesson.generate) {
    entry.seed = SEED;
    entry.reseededCells = cells(lesson, reseed(lesson, start, SEED));
  }
  if (lesson.id === 'training') {
    // The training lesson's own states: a run at its defaults, an edited goal, Adam, a diverging
    // learning rate (each at the end of its run).
    entry.variants = TRAINING_VARIANTS.map((v) => ({
      name: v.name,
      choice: v.choice,
      cells: cells(lesson, { ...start, training: v.choice }),
    }));
  }
  if (start.order) {
    const positions = start.order.positions;
    const pData = Float32Array.from(positions.data);
    pData[POS_EDIT.row * positions.shape[1]! + POS_EDIT.col] = POS_EDIT.value;
    entry.perm = PERM;
    entry.shuffledCells = cells(lesson, { ...start, order: { ...start.order, perm: PERM } });
    entry.posEdit = POS_EDIT;
    entry.posEditedCells = cells(lesson, {
      ...start,
      order: { ...start.order, positions: tensor(positions.shape, pData) },
    });
  }
  return entry;
});
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
