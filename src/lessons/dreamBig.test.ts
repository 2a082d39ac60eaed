import { describe, expect, it } from 'vitest';
import { formatTensor, pyFixed, pyFloatRepr } from '../math/format';
import { row, tensor, toRows } from '../math/tensor';
import { derive, initialState } from './derive';
import { dreamBig } from './dreamBig';
import {
  expectCodeAvoids,
  expectFormulasRender,
  expectNoStaleFixtures,
  expectProseTexRenders,
  itPrintsFixtures,
  lessonFixtures,
  printedNumbers as numbers,
  lessonHarness,
} from './testing';
import type { Highlight, LessonState } from './types';

const fixture = lessonFixtures('dream-big');
const { defaults, step, codeOf, outputOf } = lessonHarness(dreamBig);

/** A state with the notebook's values except for the given changes. */
function stateWith(changes: { cell?: [number, number, number]; query?: number }): LessonState {
  const base = initialState(dreamBig);
  const data = Array.from(base.embeddings.data);
  if (changes.cell) {
    const [i, j, v] = changes.cell;
    data[i * 3 + j] = v;
  }
  return {
    ...base,
    embeddings: tensor(base.embeddings.shape, data),
    query: changes.query ?? base.query,
  };
}

const HIGHLIGHTS: Highlight[] = [
  { i: null, j: null },
  { i: 1, j: 3 },
  { i: null, j: 0 },
  { i: 5, j: null },
  { i: 2, j: 2 },
];

describe('dream-big lesson structure', () => {
  it('walks the notebook in 14 to 18 steps with stable kebab-case ids', () => {
    expect(dreamBig.steps.length).toBeGreaterThanOrEqual(14);
    expect(dreamBig.steps.length).toBeLessThanOrEqual(18);
    for (const s of dreamBig.steps) expect(s.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(dreamBig.steps.map((s) => s.id)).toEqual([
      'idea',
      'inputs',
      'magnitudes',
      'plot',
      'one-score',
      'query-scores',
      'naive',
      'softmax',
      'all-scores',
      'all-weights',
      'row-sums',
      'all-context',
      'query-context',
      'append-context',
      'plot-context',
      'recap',
    ]);
  });

  it('marks the matplotlib cells as not run, with no output, and gives every output its code', () => {
    for (const s of dreamBig.steps) {
      if (s.output) expect(s.code, s.id).toBeDefined();
      if (s.runs === false) expect(s.output, s.id).toBeUndefined();
    }
    expect(step('plot').runs).toBe(false);
    expect(step('plot-context').runs).toBe(false);
    expect(step('plot-context').views).toContainEqual({ kind: 'plot', context: true });
  });

  it('gives every step prose and at least one live view', () => {
    for (const s of dreamBig.steps) {
      expect(s.prose.length, s.id).toBeGreaterThan(200);
      expect(s.prose, s.id).not.toMatch(/<[a-z]/i);
      expect(s.views?.length ?? 0, s.id).toBeGreaterThan(0);
    }
  });
});

describe('dream-big outputs against real PyTorch (src/math/fixtures/lessons.json)', () => {
  it('has a fixture for the lesson', () => {
    expect(fixture).toBeDefined();
  });

  itPrintsFixtures(
    dreamBig.steps,
    () => fixture,
    () => defaults,
    '%s: prints exactly what PyTorch 1.13 printed',
    (id) => `lessons.json has no output for step ${id}: rerun the script`,
  );

  it('has no fixture outputs for steps that do not exist or print nothing', () => {
    expectNoStaleFixtures(dreamBig.steps, fixture);
  });

  it('shows the values the notebook relies on', () => {
    // The notebook hard-codes the query's printed weights in its row-sum cell; they must be what
    // softmax really prints, both for the query alone and for row 2 of the matrix.
    const notebookRow = '0.1624, 0.1803, 0.1336, 0.2059, 0.1715, 0.1462';
    expect(fixture?.['softmax']).toContain(`tensor([${notebookRow}])`);
    expect(fixture?.['all-weights']).toContain(`[${notebookRow}]`);
    expect(fixture?.['row-sums']).toBe(
      'Row 2 sum: 0.9999\nAll row sums: tensor([1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000])',
    );
    // Dot products worked out by hand: big·Dream = .75·.72 + .20·.45 + .55·.31 = 0.8005 etc.
    const x = toRows(defaults.x);
    const byHand = x.map((r) => r.reduce((s, v, k) => s + v * (x[1]![k] ?? 0), 0));
    expect(numbers(fixture?.['query-scores'] ?? '')).toEqual(
      byHand.map((v) => Number(v.toFixed(4))),
    );
    expect(fixture?.['query-scores']).toBe(
      'tensor([0.8005, 0.9050, 0.6050, 1.0375, 0.8550, 0.6950])',
    );
    // The query's loop scores and weights are row 2 of the matrix versions.
    expect(formatTensor(defaults.queryScores)).toBe(formatTensor(row(defaults.scores, 1)));
    expect(formatTensor(defaults.queryWeights)).toBe(formatTensor(row(defaults.weights, 1)));
    expect(fixture?.['query-context']).toBe(
      'Previous 2nd context vector: tensor([0.5982, 0.3431, 0.5794])',
    );
    expect(fixture?.['softmax']?.endsWith('\nSum: 1.0000001')).toBe(true);
  });
});

describe('dream-big code cells', () => {
  it('are the notebook’s code at the default values', () => {
    expect(codeOf('inputs', defaults)).toBe(`import torch

inputs = torch.tensor(
    [[0.72, 0.45, 0.31], # Dream    (x^1)
     [0.75, 0.20, 0.55], # big      (x^2)
     [0.30, 0.80, 0.40], # and      (x^3)
     [0.85, 0.35, 0.60], # work     (x^4)
     [0.55, 0.15, 0.75], # for      (x^5)
     [0.25, 0.20, 0.85]] # it       (x^6)
)

# Corresponding words
words = ['Dream', 'big', 'and', 'work', 'for', 'it']`);
    expect(codeOf('query-scores', defaults)).toBe(`query = inputs[1] # 2nd input token is the query

attn_scores_2 = torch.empty(inputs.shape[0])
for i, x_i in enumerate(inputs):
    attn_scores_2[i] = torch.dot(x_i, query) # dot product (transpose not necessary here)

print(attn_scores_2)`);
    expect(codeOf('softmax', defaults)).toBe(`from torch import  nn

# Convert attn_scores_2 to softmax
softmax = nn.Softmax(dim=-1)
attn_weights_2_tmp = softmax(attn_scores_2)

print('Attention weights:', attn_weights_2_tmp)
print('Sum:', attn_weights_2_tmp.numpy().sum())`);
    expect(codeOf('row-sums', defaults))
      .toBe(`row_2_sum = sum([0.1624, 0.1803, 0.1336, 0.2059, 0.1715, 0.1462])
print("Row 2 sum:", row_2_sum)
print("All row sums:", attn_weights.sum(dim=-1))`);
    expect(codeOf('query-context', defaults)).toBe(`context_vec_2 = all_context_vecs[1]
print('Previous 2nd context vector:', context_vec_2)`);
    expect(codeOf('append-context', defaults)).toBe(`# Append context_vec_2 to inputs
inputs = torch.cat((inputs, context_vec_2.unsqueeze(0)), dim=0)

# Add 'context_vector' to the words list
words.append('context_vector_for_big')

print('Updated input tensor:')
print(inputs)
print('\\nUpdated input tensor:')
print(words)`);
    // The commented-out cell runs uncommented.
    expect(codeOf('naive', defaults)).toBe(`attn_weights_2_tmp = attn_scores_2 / attn_scores_2.sum()

print('Attention weights:', attn_weights_2_tmp)
print('Sum:', attn_weights_2_tmp.sum())`);
    expect(codeOf('plot-context', defaults)).toContain(
      "colors = ['r', 'g', 'b', 'c', 'm', 'y', 'k']",
    );
  });
});

describe('dream-big after an edit', () => {
  // big's first entry 0.75 -> 0.95
  const edited = derive(dreamBig, stateWith({ cell: [1, 0, 0.95] }));

  it('shows the new value in the code, the table and the formulas', () => {
    expect(codeOf('inputs', edited)).toContain('     [0.95, 0.20, 0.55], # big      (x^2)');
    expect(step('one-score').formula!(edited, { i: null, j: 0 })).toContain('0.72{\\cdot}0.95');
    expect(step('magnitudes').formula!(edited, { i: 1, j: null })).toContain('0.95^2');
  });

  it('prints an embedding that is not two decimals with its shortest float32 digits', () => {
    const d = derive(dreamBig, stateWith({ cell: [0, 2, 0.123456] }));
    expect(codeOf('inputs', d)).toContain('    [[0.72, 0.45, 0.123456], # Dream    (x^1)');
    const neg = derive(dreamBig, stateWith({ cell: [5, 0, -1.5] }));
    expect(codeOf('inputs', neg)).toContain('     [-1.50, 0.20, 0.85]] # it       (x^6)');
  });

  it('recomputes scores, weights and context consistently', () => {
    for (const id of ['query-scores', 'softmax', 'all-scores', 'all-weights', 'all-context']) {
      expect(outputOf(id, edited), id).not.toBe(outputOf(id, defaults));
    }
    // big·Dream = 0.72·0.95 + 0.45·0.20 + 0.31·0.55 = 0.9445
    expect(numbers(outputOf('query-scores', edited))[0]).toBe(0.9445);
    // Printed weights still sum to 1 within rounding, for the query and every row.
    const w = numbers(outputOf('softmax', edited).split('\n')[0]!);
    expect(w).toHaveLength(6);
    expect(Math.abs(w.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(6e-4);
    const all = numbers(outputOf('all-weights', edited));
    for (let i = 0; i < 6; i++) {
      const s = all.slice(i * 6, i * 6 + 6).reduce((a, b) => a + b, 0);
      expect(Math.abs(s - 1)).toBeLessThan(6e-4);
    }
    // The query's weights are row 2 of the matrix, and its context vector row 2 of Z.
    expect(all.slice(6, 12)).toEqual(w);
    const ctx = numbers(outputOf('all-context', edited));
    expect(numbers(outputOf('query-context', edited))).toEqual(ctx.slice(3, 6));
    // The appended 7th row is that context vector, after the edited inputs.
    const appended = numbers(outputOf('append-context', edited).split('\n\n')[0]!);
    expect(appended.slice(3, 6)).toEqual([0.95, 0.2, 0.55]);
    expect(appended.slice(18)).toEqual(ctx.slice(3, 6));
  });

  it('keeps the hard-coded row-sum cell in step with the current weights', () => {
    const code = codeOf('row-sums', edited);
    const literals = code.match(/sum\(\[(.*)\]\)/)?.[1]?.split(', ') ?? [];
    const row2 = Array.from(row(edited.weights, 1).data, (v) => pyFixed(v, 4));
    expect(literals).toEqual(row2);
    const pythonSum = literals.reduce((s, lit) => s + Number(lit), 0);
    expect(outputOf('row-sums', edited).split('\n')[0]).toBe(
      `Row 2 sum: ${pyFloatRepr(pythonSum)}`,
    );
  });

  it('lets negative scores break the naive normalisation but not softmax', () => {
    // Point "it" away from "big": its score turns negative.
    const d = derive(dreamBig, stateWith({ cell: [5, 0, -1.5] }));
    const naive = numbers(outputOf('naive', d).split('\n')[0]!);
    expect(naive[5]).toBeLessThan(0);
    const soft = numbers(outputOf('softmax', d).split('\n')[0]!);
    expect(soft.every((v) => v > 0)).toBe(true);
  });
});

describe('dream-big with another query', () => {
  const d = derive(dreamBig, stateWith({ query: 3 }));

  it('points every query cell at the 4th token, "work"', () => {
    expect(d.queryToken).toBe('work');
    expect(codeOf('query-scores', d)).toContain('query = inputs[3] # 4th input token is the query');
    expect(codeOf('query-scores', d)).toContain('print(attn_scores_4)');
    expect(codeOf('naive', d)).toContain(
      'attn_weights_4_tmp = attn_scores_4 / attn_scores_4.sum()',
    );
    expect(codeOf('softmax', d)).toContain('attn_weights_4_tmp = softmax(attn_scores_4)');
    expect(codeOf('row-sums', d)).toContain('print("Row 4 sum:", row_4_sum)');
    expect(codeOf('query-context', d)).toBe(
      "context_vec_4 = all_context_vecs[3]\nprint('Previous 4th context vector:', context_vec_4)",
    );
    expect(codeOf('append-context', d)).toContain("words.append('context_vector_for_work')");
    expectCodeAvoids(dreamBig.steps, d, /_2\b|inputs\[1\]|all_context_vecs\[1\]|_for_big/);
  });

  it('prints the 4th row of every matrix', () => {
    const scores = numbers(outputOf('all-scores', d));
    expect(numbers(outputOf('query-scores', d))).toEqual(scores.slice(18, 24));
    expect(outputOf('query-scores', d)).toBe(
      'tensor([0.9555, 1.0375, 0.7750, 1.2050, 0.9700, 0.7925])',
    );
    const weights = numbers(outputOf('all-weights', d));
    expect(numbers(outputOf('softmax', d).split('\n')[0]!)).toEqual(weights.slice(18, 24));
    expect(outputOf('row-sums', d)).toMatch(/^Row 4 sum: /);
    expect(outputOf('query-context', d)).toBe(
      'Previous 4th context vector: tensor([0.6008, 0.3471, 0.5758])',
    );
    expect(outputOf('append-context', d)).toContain('[0.6008, 0.3471, 0.5758]])');
    expect(outputOf('append-context', d)).toContain("'it', 'context_vector_for_work']");
    // Outputs that do not depend on the query stay as they were.
    expect(outputOf('all-scores', d)).toBe(outputOf('all-scores', defaults));
  });

  it('names the query in the formulas', () => {
    expect(step('query-scores').formula!(d, { i: null, j: null })).toContain(
      '\\omega_{41} = x^{(1)}\\cdot x^{(4)}',
    );
    expect(step('idea').formula!(d, { i: null, j: null })).toContain('\\text{work}');
  });
});

describe('dream-big TeX', () => {
  const states = [defaults, derive(dreamBig, stateWith({ cell: [5, 0, -1.5], query: 4 }))];

  it('renders every formula with KaTeX, for any highlight', () => {
    expectFormulasRender(dreamBig.steps, states, HIGHLIGHTS);
  });

  it('highlights the pointed-at key in the score formulas', () => {
    expect(step('query-scores').formula!(defaults, { i: null, j: 3 })).toContain('\\colorbox');
    expect(step('query-scores').formula!(defaults, { i: null, j: null })).not.toContain(
      '\\colorbox',
    );
    expect(step('one-score').formula!(defaults, { i: null, j: 3 })).toContain(
      '0.85{\\cdot}0.75 + 0.35{\\cdot}0.20 + 0.60{\\cdot}0.55',
    );
  });

  it('renders the TeX in every step’s prose', () => {
    expectProseTexRenders(dreamBig.steps);
  });
});
