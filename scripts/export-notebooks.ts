// Writes what "Download notebook" and "Copy as PyTorch" export, for every lesson, into a directory,
// with the outputs the page shows beside them, for scripts/check-notebook.py to run under real
// PyTorch (scripts/check-export.sh runs both). Each lesson is exported twice: at its defaults, and
// after edits made through the store as a learner would (a new seed, typed and dragged embedding
// values, an edited W entry, another query token; in the training lesson also the goal, the
// optimizer, the learning rate and the step; in the word-order lesson another word order, an
// edited position vector and another rotary shift).
// Run: npx tsx scripts/export-notebooks.ts OUTDIR
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { LESSONS } from '../src/lessons/index.ts';
import { derive } from '../src/lessons/derive.ts';
import type { Lesson } from '../src/lessons/types.ts';
import { expectedOutputs, lessonNotebook, notebookJson } from '../src/export/notebook.ts';
import {
  PLAYGROUND_CELL_ID,
  playgroundNotebook,
  playgroundOutput,
} from '../src/export/playground.ts';
import { pythonForStep } from '../src/export/python.ts';
import type { CodeSettings } from '../src/lessons/playground.ts';
import { registerLessons } from '../src/state/pages.ts';
import { createAppStore, lessonState } from '../src/state/store.ts';

const out = process.argv[2];
if (!out) {
  console.error('usage: npx tsx scripts/export-notebooks.ts OUTDIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
// The state layer knows the lessons registered with it, as the lesson chunk does in the app; the
// store makes a lesson's defaults on first use.
registerLessons(LESSONS);

/** Edits as the UI makes them: through the store's actions, one gesture each. */
function edited(lesson: Lesson) {
  const store = createAppStore();
  const s = store.getState();
  const id = lesson.id;
  if (lesson.trainable || lesson.generate) s.setSeed(id, 7);
  const x = lessonState(store.getState(), id).embeddings;
  const data = x.data.slice();
  data[0] = 0.9; // typed
  data[data.length - 1] = Math.fround(-0.4371234); // dragged: not a short decimal
  if (data.length > 4) data[4] = -0.37;
  s.setEmbeddings(id, { shape: x.shape, data });
  const w = lessonState(store.getState(), id).weights;
  if (w) {
    const wq = w.wq.data.slice();
    wq[1] = 1.25;
    s.setWeight(id, 'wq', { shape: w.wq.shape, data: wq });
  }
  s.setQuery(id, lesson.tokens.length - 1);
  if (id === 'training') {
    // Its own choices: another goal, Adam at another rate, a step inside the run.
    s.edit(id, 'goal', [0, 0, 1, 2, 3, 4]);
    s.edit(id, 'optimizer', 'adam');
    s.edit(id, 'lr', 0.05);
    s.edit(id, 'step', 60);
  }
  const order = lessonState(store.getState(), id).order;
  if (order) {
    // The word-order lesson: a typed order, a typed position entry, another shift.
    s.edit(id, 'perm', [3, 7, 0, 9, 5, 1, 8, 2, 6, 4]);
    const p = order.positions.data.slice();
    p[5] = -1.5;
    s.edit(id, 'positions', { shape: order.positions.shape, data: p });
    s.edit(id, 'shift', 5);
  }
  return lessonState(store.getState(), id);
}

const written: string[] = [];
for (const lesson of LESSONS) {
  if (lesson.steps.length === 0) continue;
  const cases = {
    defaults: lessonState(createAppStore().getState(), lesson.id),
    edited: edited(lesson),
  };
  for (const [name, state] of Object.entries(cases)) {
    const d = derive(lesson, state);
    const base = join(out, `${lesson.id}-${name}`);
    writeFileSync(`${base}.ipynb`, notebookJson(lessonNotebook(lesson, d)));
    writeFileSync(`${base}.expected.json`, JSON.stringify(expectedOutputs(lesson, d), null, 1));
    // "Copy as PyTorch" at the last step, as a one-cell notebook: its output must end with what
    // the last runnable step prints (earlier cells print before it).
    const steps = lesson.steps;
    const last = [...steps]
      .reverse()
      .find((s) => s.code !== undefined && s.runs !== false && s.output);
    const cell = pythonForStep(lesson, d, steps.indexOf(last!) + 1);
    const single = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
      cells: [
        {
          cell_type: 'code',
          id: 'python',
          metadata: {},
          execution_count: null,
          outputs: [],
          source: cell,
        },
      ],
    };
    writeFileSync(`${base}-python.ipynb`, JSON.stringify(single, null, 1));
    writeFileSync(
      `${base}-python.expected.json`,
      JSON.stringify({ python: { endsWith: last!.output!(d) } }, null, 1),
    );
    written.push(base);
  }
}
const playground: { settings: CodeSettings }[] = JSON.parse(
  readFileSync(new URL('../src/math/fixtures/playground.json', import.meta.url), 'utf8'),
).cases;
playground.forEach(({ settings }, k) => {
  const base = join(out, `playground-${String(k + 1).padStart(2, '0')}`);
  const link = k === 0 ? { link: 'https://example.org/playground.html#/playground/1' } : {};
  writeFileSync(`${base}.ipynb`, notebookJson(playgroundNotebook(settings, link)));
  writeFileSync(
    `${base}.expected.json`,
    JSON.stringify({ [PLAYGROUND_CELL_ID]: playgroundOutput(settings) }, null, 1),
  );
  written.push(base);
});
process.stdout.write(written.join('\n') + '\n');
