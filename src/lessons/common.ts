/**
 * The lesson kit, with ./tex (TeX builders) and ./tokenLabels (row labels): what every lesson
 * needs, once. Here: prose templates, names that follow the query, Python literals for code
 * cells, and a step's code as text. Lesson files import these and contain only their lesson.
 */
import { numpyFloat32Repr, pyFixed } from '../math/format';
import { at, type Tensor } from '../math/tensor';
import { tokenLabels } from './tokenLabels';
import type { Derived, OutputSource, Step, TrainableDerived, Weights } from './types';

/**
 * Markdown prose: String.raw (TeX backslashes stay as written), except that \` writes a backtick
 * for inline code; trimmed, so prose can start on its own line. Not named `md`: Prettier would
 * reformat a template tagged `md` as Markdown and turn asterisk italics into underscore italics,
 * which the prose renderer does not read.
 */
export const para = (s: TemplateStringsArray, ...v: unknown[]): string =>
  String.raw(s, ...v)
    .replace(/\\`/g, '`')
    .trim();

/** TeX and Python source: backslashes stay as written. */
export const raw = String.raw;

/** The code a step shows for these values (its code may be a function of them); undefined without. */
export function stepCode(step: Step, d: Derived): string | undefined {
  return typeof step.code === 'function' ? step.code(d) : step.code;
}

/** The source of an output printed by a cell that the notebook does not have. */
export const NEW_CELL: OutputSource = {
  kind: 'new',
  from: 'new: a cell the notebook does not have',
};

/** Token j's label, as the views show it: a repeated word numbered (`I #1`, `I #2`). */
export const tokenLabel = (d: Derived, j: number): string =>
  tokenLabels(d.tokens)[j] ?? `token ${j + 1}`;

/** The query's 1-based number, as in the notebooks' names (`attn_scores_2`, `x^{(2)}`). */
export const qn = (d: Derived): number => d.query + 1;

/** Shortest Python literal that reads back as this float32 (`0.55`, `0.29611194`, `1e-05`). */
export const lit = (x: number): string => numpyFloat32Repr(x);

/**
 * A float32 as a code literal: `digits` decimals as the notebook writes them (`0.20`) when they
 * read back exactly, else the shortest digits that give back the same float32.
 */
export function fixedLit(x: number, digits: number): string {
  const s = pyFixed(x, digits);
  return Math.fround(Number(s)) === x ? s : numpyFloat32Repr(x);
}

/** A tensor's entries as plain numbers. */
export const vals = (t: Tensor): number[] => Array.from(t.data);

/** The trainable part of Derived, which lessons with W matrices always have. */
export function trainableOf(d: Derived, lessonId: string): TrainableDerived {
  if (!d.trainable) throw new Error(`${lessonId}: trainable weights missing from Derived`);
  return d.trainable;
}

/** `[row, col, value]` entries where `now` differs from `was` (all of them if the shapes differ). */
export function changedCells(now: Tensor, was: Tensor): [number, number, number][] {
  const [r, c] = now.shape as [number, number];
  const same = was.shape[0] === r && was.shape[1] === c;
  const out: [number, number, number][] = [];
  for (let i = 0; i < r; i++) {
    for (let k = 0; k < c; k++) {
      const v = at(now, i, k);
      if (!same || !Object.is(v, at(was, i, k))) out.push([i, k, v]);
    }
  }
  return out;
}

/**
 * Cells of `now` that differ from `was` as Python `name[i, k] = value` lines, so a code cell
 * reproduces the learner's edits.
 */
export const assignments = (name: string, now: Tensor, was: Tensor): string[] =>
  changedCells(now, was).map(([i, k, v]) => `${name}[${i}, ${k}] = ${lit(v)}`);

/**
 * Cells of W_query, W_key and W_value that differ from the seeded ones (`was`) as Python
 * assignments, under the names the lesson's code gives the three matrices.
 */
export const weightAssignments = (
  now: Weights,
  was: Weights,
  [wq, wk, wv]: readonly [string, string, string],
): string[] => [
  ...assignments(wq, now.wq, was.wq),
  ...assignments(wk, now.wk, was.wk),
  ...assignments(wv, now.wv, was.wv),
];

/**
 * `torch.allclose(a, b)` (rtol 1e-5, atol 1e-8): |a - b| <= atol + rtol * |b| everywhere, in
 * float32 as isclose computes it; NaN is close to nothing, equal infinities are close. Tensors of
 * different shapes are not close (torch would broadcast; no lesson compares such tensors).
 */
export function allclose(a: Tensor, b: Tensor): boolean {
  if (a.shape.length !== b.shape.length || a.shape.some((n, i) => n !== b.shape[i])) return false;
  const rtol = Math.fround(1e-5);
  const atol = Math.fround(1e-8);
  return a.data.every((x, k) => {
    const y = b.data[k]!;
    if (x === y) return true;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return false;
    return Math.fround(Math.abs(x - y)) <= Math.fround(atol + Math.fround(rtol * Math.abs(y)));
  });
}
