// Prints, as JSON, every lesson's code cells in step order for scripts/goldens/lessons.py to run
// under real PyTorch: once at the lesson's default values, and once with one embedding edited
// (the EDIT below), so tests can check live recomputation against PyTorch too.
// Run: npx tsx scripts/export-cells.ts
import { LESSONS } from '../src/lessons/index.ts';
import { stepCode } from '../src/lessons/common.ts';
import { derive, initialState } from '../src/lessons/derive.ts';
import type { Lesson, LessonState } from '../src/lessons/types.ts';
import { tensor } from '../src/math/tensor.ts';

/** The edit the "edited" fixtures apply: the query token's first dimension set to 0.9. */
export const EDIT = { col: 0, value: 0.9 };

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
  return {
    lesson: lesson.id,
    edit: { row: start.query, col: EDIT.col, value: EDIT.value },
    cells: cells(lesson, start),
    editedCells: cells(lesson, edited),
  };
});
process.stdout.write(JSON.stringify(out, null, 1) + '\n');
