/**
 * The playground prints exactly what real PyTorch 1.13 prints for the cell it shows, in every case
 * of src/math/fixtures/playground.json (scripts/goldens/playground.py ran each case's cell, as
 * pythonCode() writes it, under PyTorch): sentences with repeated words, punctuation, one token,
 * unicode and Python's own whitespace; d from 1 to 64 and up to 64 tokens; plain and trainable
 * attention; causal or not; edited embedding cells.
 */
import { describe, expect, it } from 'vitest';
import fx from '../math/fixtures/playground.json';
import {
  attend,
  baseTensors,
  printed,
  printedAfterTraining,
  pythonCode,
  trainSync,
  type CodeSettings,
} from '../lessons/playground';
import { tokenize } from '../lessons/tokenize';

export interface PlaygroundCase {
  name: string;
  settings: CodeSettings;
  code: string;
  /** What the cell printed, as the page shows it (without print's last line break). */
  output: string;
}

const cases = (fx as unknown as { cases: PlaygroundCase[] }).cases;

/** What the page prints for these settings: the playground's own computation, edits applied. */
function pageOutput(s: CodeSettings): string {
  const tokens = tokenize(s.sentence);
  const base = baseTensors(tokens, s.d, s.seed, s.dk, s.dv, s.positions);
  // As the page applies its edits: each into the float32 table of embeddings.
  const data = base.x.data.slice();
  for (const [r, c, v] of s.edits) data[r * s.d + c] = v;
  const x = { shape: base.x.shape, data };
  if (s.training) {
    // The training loop first (the page runs the same steps in its worker), then attention with
    // the trained W.
    const run = trainSync(x, base, s.training, s.causal);
    const [wq, wk, wv] = run.weights;
    const result = attend(x, { ...base, wq, wk, wv }, s.mode, s.causal);
    return printedAfterTraining(run.losses, s.training.steps, result, s.query);
  }
  return printed(attend(x, base, s.mode, s.causal), s.query);
}

describe('the playground prints what PyTorch prints for its code', () => {
  it('covers what learners do', () => {
    const all = cases.map((c) => c.settings);
    const n = (s: CodeSettings) => tokenize(s.sentence).length;
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(new Set(all.map((s) => s.d))).toEqual(new Set([1, 2, 3, 4, 6, 16, 64]));
    expect(all.some((s) => n(s) === 1)).toBe(true);
    expect(
      all.some((s) => n(s) === 64 && s.d === 64 && s.mode === 'trainable' && s.dk === 64),
    ).toBe(true);
    expect(all.some((s) => new Set(tokenize(s.sentence)).size < n(s))).toBe(true);
    expect(all.some((s) => /[^\x20-\x7e]/.test(s.sentence))).toBe(true);
    for (const mode of ['plain', 'trainable'] as const) {
      for (const causal of [false, true]) {
        expect(all.some((s) => s.mode === mode && s.causal === causal)).toBe(true);
        expect(all.some((s) => s.mode === mode && s.causal === causal && s.edits.length > 0)).toBe(
          true,
        );
      }
    }
  });

  it('covers every kind of positions: odd and even sizes, plain and trainable, 1 token, 64 × 64', () => {
    const all = cases.map((c) => c.settings);
    const n = (s: CodeSettings) => tokenize(s.sentence).length;
    // The size positions act on: d when added to x or turning x, d_k when turning queries and keys.
    const size = (s: CodeSettings) =>
      s.positions === 'rotary' && s.mode === 'trainable' ? s.dk : s.d;
    for (const kind of ['learned', 'sinusoidal', 'rotary'] as const) {
      const of = all.filter((s) => s.positions === kind);
      expect(
        of.some((s) => size(s) % 2 === 1 && size(s) > 1),
        kind,
      ).toBe(true);
      expect(
        of.some((s) => size(s) % 2 === 0),
        kind,
      ).toBe(true);
      expect(
        of.some((s) => s.mode === 'plain'),
        kind,
      ).toBe(true);
      expect(
        of.some((s) => s.mode === 'trainable'),
        kind,
      ).toBe(true);
      expect(
        of.some((s) => s.causal),
        kind,
      ).toBe(true);
      expect(
        of.some((s) => s.edits.length > 0),
        kind,
      ).toBe(true);
      expect(
        of.some((s) => n(s) === 1),
        kind,
      ).toBe(true);
      expect(
        of.some((s) => n(s) === 64 && s.d === 64),
        kind,
      ).toBe(true);
    }
    expect(all.some((s) => s.positions === 'rotary' && size(s) === 1 && n(s) > 1)).toBe(true);
    expect(
      all.some(
        (s) => s.positions === 'rotary' && s.mode === 'trainable' && s.dk === 64 && n(s) === 64,
      ),
    ).toBe(true);
  });

  it('covers training: both optimizers, causal, positions, step 0, divergence, 64 × 64', () => {
    const trained = cases.map((c) => c.settings).filter((s) => s.training);
    const t = (s: CodeSettings) => s.training!;
    expect(trained.some((s) => t(s).optimizer === 'sgd')).toBe(true);
    expect(trained.some((s) => t(s).optimizer === 'adam')).toBe(true);
    expect(trained.some((s) => s.causal)).toBe(true);
    expect(trained.some((s) => s.positions === 'learned' && s.edits.length > 0)).toBe(true);
    expect(trained.some((s) => s.positions === 'sinusoidal')).toBe(true);
    expect(trained.some((s) => t(s).steps === 0)).toBe(true);
    expect(trained.some((s) => s.d === 64 && s.dk === 64 && t(s).target.length === 64)).toBe(true);
    // a run that diverges prints nan or inf, as PyTorch does
    const diverged = cases.filter((c) => c.settings.training && /loss (nan|inf)/.test(c.output));
    expect(diverged.length).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    // The code is still what the page shows for these settings (else: rerun the fixture script).
    expect(pythonCode(c.settings, tokenize(c.settings.sentence).length)).toBe(c.code);
    expect(pageOutput(c.settings)).toBe(c.output);
  });
});
