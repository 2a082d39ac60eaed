import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { formatTensor } from '../math/format';
import { torchGenerator } from '../math/random';
import { at, tensor, tensorsEqual } from '../math/tensor';
import { derive, initialState, trainableWeights } from './derive';
import {
  expectCodeAvoids,
  expectNoStaleFixtures,
  itPrintsFixtures,
  lessonFixtures,
  lessonHarness,
} from './testing';
import type { LessonState } from './types';
import { yourJourney as lesson } from './yourJourney';

// Expected strings here are never computed by our code: they are real PyTorch 1.13 output, from
// (a) src/math/fixtures/lessons.json (scripts/goldens/lessons.py runs every step's code at the
// lesson's defaults), (b) the printed outputs of seed notebook 001, copied verbatim with the cell
// they come from, (c) the book that notebook follows, and (d) for non-default states, each step's
// code as shown for that state, run once under PyTorch 1.13 and pasted here.

const fixtures: Record<string, string> = lessonFixtures('your-journey') ?? {};

const { defaults, step, codeOf, outputOf } = lessonHarness(lesson);
const stateWith = (patch: Partial<LessonState>): LessonState => ({
  ...initialState(lesson),
  ...patch,
});

describe('your-journey: structure', () => {
  it('walks the notebook and the book section in about two dozen steps with unique ids', () => {
    const ids = lesson.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(20);
    for (const s of lesson.steps) {
      expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(s.prose.length).toBeGreaterThan(80);
      // The prose renderer reads *italic* only; _italic_ would show its underscores.
      expect(s.prose, s.id).not.toMatch(/(^|[\s(])_[^_\s`$][^_`$]*_(?=[\s.,;:)']|$)/);
      if (s.output) expect(s.code, `${s.id} prints without code`).toBeDefined();
    }
  });
});

describe('your-journey: outputs at the defaults equal real PyTorch', () => {
  itPrintsFixtures(
    lesson.steps,
    () => fixtures,
    () => defaults,
  );
  it('has no stale fixtures', () => {
    expectNoStaleFixtures(lesson.steps, fixtures);
  });
});

// Seed notebook 001, cell by cell: its code and what it printed.
const NOTEBOOK: readonly { cell: string; step: string; code: string; printed?: string }[] = [
  {
    cell: 'In[2]',
    step: 'inputs',
    code: `import torch

inputs = torch.tensor(
    [
        [0.43, 0.15, 0.89],  # Your     (x^1)
        [0.55, 0.87, 0.66],  # journey  (x^2)
        [0.57, 0.85, 0.64],  # starts   (x^3)
        [0.22, 0.58, 0.33],  # with     (x^4)
        [0.77, 0.25, 0.10],  # one      (x^6)
        [0.05, 0.80, 0.55],  # step     (x^7)
    ]
)`,
  },
  {
    cell: 'In[12]',
    step: 'input-query',
    code: 'input_query = inputs[1]\ninput_query',
    printed: 'tensor([0.5500, 0.8700, 0.6600])',
  },
  {
    cell: 'In[13]',
    step: 'input-1',
    code: 'input_1 = inputs[0]\ninput_1',
    printed: 'tensor([0.4300, 0.1500, 0.8900])',
  },
  {
    cell: 'In[14]',
    step: 'dot-by-hand',
    code: '0.55*0.43 + 0.87*0.15 + 0.66*0.89',
    printed: '0.9544',
  },
  {
    cell: 'In[15]',
    step: 'torch-dot',
    code: '# compute the attention score\n\ntorch.dot(input_query, input_1)',
    printed: 'tensor(0.9544)',
  },
  {
    cell: 'In[16]',
    step: 'elements',
    code: 'res = 0.\n\nfor idx, ele in enumerate(inputs[0]):\n    print(inputs[0][idx])',
    printed: 'tensor(0.4300)\ntensor(0.1500)\ntensor(0.8900)',
  },
  { cell: 'In[23]', step: 'shape', code: 'inputs.shape', printed: 'torch.Size([6, 3])' },
  {
    cell: 'In[24]',
    step: 'query-scores',
    code: `# using for all inputs
# using attn_score_2 cause we are trying to find wrt to token 2

query  = inputs[1]
attn_score_2 = torch.empty(inputs.shape[0])

for i, x_i in enumerate(inputs):
    attn_score_2[i] = torch.dot(query, x_i)

print(attn_score_2)`,
    printed: 'tensor([0.9544, 1.4950, 1.4754, 0.8434, 0.7070, 1.0865])',
  },
  {
    cell: 'In[25]',
    step: 'naive-normalise',
    code: `# now from scores lets create the attention weights

# step 1 we normalize the attention scores to add up to 1

attn_weights_temp = attn_score_2/attn_score_2.sum()
print(attn_weights_temp)
print(attn_weights_temp.sum())`,
    printed: 'tensor([0.1455, 0.2278, 0.2249, 0.1285, 0.1077, 0.1656])\ntensor(1.0000)',
  },
  {
    cell: 'In[36]',
    step: 'softmax-naive',
    code: `def softmax_naive(x):
    return torch.exp(x)/torch.exp(x).sum(dim=0)

softmax_naive(attn_score_2)`,
    printed: 'tensor([0.1385, 0.2379, 0.2333, 0.1240, 0.1082, 0.1581])',
  },
  {
    cell: 'In[44]',
    step: 'softmax',
    code: `attn_weights_2 = torch.softmax(attn_score_2, dim=0)  # stable and optimized stable function

print("Attention weights:", attn_weights_2)
print("Sum:", attn_weights_2.sum())`,
    printed:
      'Attention weights: tensor([0.1385, 0.2379, 0.2333, 0.1240, 0.1082, 0.1581])\nSum: tensor(1.)',
  },
  {
    cell: 'In[45]',
    step: 'context-vector',
    code: `# attn_scores
i = 1
query= inputs[i]

context_vec_2 = torch.zeros(query.shape)

for i, x_i in enumerate(inputs):
    context_vec_2 += attn_weights_2[i] * inputs[i]

print(context_vec_2)`,
    printed: 'tensor([0.4419, 0.6515, 0.5683])',
  },
  {
    cell: 'In[47]',
    step: 'all-scores',
    code: `# lets find attn scores for all the inputs

attn_scores = torch.empty(inputs.shape[0], inputs.shape[0])

for i, x_i in enumerate(inputs):
    for j, x_j in enumerate(inputs):
        attn_scores[i, j] = torch.dot(x_i, x_j)

print(attn_scores)`,
    printed: `tensor([[0.9995, 0.9544, 0.9422, 0.4753, 0.4576, 0.6310],
        [0.9544, 1.4950, 1.4754, 0.8434, 0.7070, 1.0865],
        [0.9422, 1.4754, 1.4570, 0.8296, 0.7154, 1.0605],
        [0.4753, 0.8434, 0.8296, 0.4937, 0.3474, 0.6565],
        [0.4576, 0.7070, 0.7154, 0.3474, 0.6654, 0.2935],
        [0.6310, 1.0865, 1.0605, 0.6565, 0.2935, 0.9450]])`,
  },
  {
    cell: 'In[52]',
    step: 'matrix-form',
    code: `attn_scores = inputs @ inputs.T
attn_weights = torch.softmax(attn_scores, dim=1)
print(attn_scores)
print(f"\\nNormalised attention weights:")
print(attn_weights)`,
    printed: `tensor([[0.9995, 0.9544, 0.9422, 0.4753, 0.4576, 0.6310],
        [0.9544, 1.4950, 1.4754, 0.8434, 0.7070, 1.0865],
        [0.9422, 1.4754, 1.4570, 0.8296, 0.7154, 1.0605],
        [0.4753, 0.8434, 0.8296, 0.4937, 0.3474, 0.6565],
        [0.4576, 0.7070, 0.7154, 0.3474, 0.6654, 0.2935],
        [0.6310, 1.0865, 1.0605, 0.6565, 0.2935, 0.9450]])

Normalised attention weights:
tensor([[0.2098, 0.2006, 0.1981, 0.1242, 0.1220, 0.1452],
        [0.1385, 0.2379, 0.2333, 0.1240, 0.1082, 0.1581],
        [0.1390, 0.2369, 0.2326, 0.1242, 0.1108, 0.1565],
        [0.1435, 0.2074, 0.2046, 0.1462, 0.1263, 0.1720],
        [0.1526, 0.1958, 0.1975, 0.1367, 0.1879, 0.1295],
        [0.1385, 0.2184, 0.2128, 0.1420, 0.0988, 0.1896]])`,
  },
  {
    // The notebook's cell is broken (`context_vec =`); its printed output is these row sums.
    cell: 'In[50]',
    step: 'row-sums',
    code: 'attn_weights.sum(dim=-1)',
    printed: 'tensor([1.0000, 1.0000, 1.0000, 1.0000, 1.0000, 1.0000])',
  },
  {
    cell: 'In[57]',
    step: 'context-all',
    code: 'print(attn_weights@inputs)',
    printed: `tensor([[0.4421, 0.5931, 0.5790],
        [0.4419, 0.6515, 0.5683],
        [0.4431, 0.6496, 0.5671],
        [0.4304, 0.6298, 0.5510],
        [0.4671, 0.5910, 0.5266],
        [0.4177, 0.6503, 0.5645]])`,
  },
];

// Raschka, "Build a Large Language Model (From Scratch)", section 3.4.1: the values it prints.
const BOOK: readonly { step: string; printed: string }[] = [
  { step: 'project-query', printed: 'tensor([0.4306, 1.4551])' },
  {
    step: 'keys-values',
    printed: 'keys.shape: torch.Size([6, 2])\nvalues.shape: torch.Size([6, 2])',
  },
  { step: 'score-own', printed: 'tensor(1.8524)' },
  { step: 'scores-trainable', printed: 'tensor([1.2705, 1.8524, 1.8111, 1.0795, 0.5577, 1.5440])' },
  { step: 'scaled-softmax', printed: 'tensor([0.1500, 0.2264, 0.2199, 0.1311, 0.0906, 0.1820])' },
  { step: 'context-trainable', printed: 'tensor([0.3061, 0.8210])' },
];

describe('your-journey: the notebook, verbatim', () => {
  it.each(NOTEBOOK.map((c) => [c.cell, c] as const))('%s: same code and output', (_, c) => {
    expect(codeOf(c.step)).toBe(c.code);
    if (c.printed !== undefined) {
      expect(outputOf(c.step)).toContain(c.printed);
      expect(fixtures[c.step]).toContain(c.printed);
    }
  });
  it.each(BOOK.map((c) => [c.step, c] as const))('book 3.4: %s prints its values', (id, c) => {
    expect(outputOf(id)).toBe(c.printed);
  });
  it('continues with the book code for the trainable weights', () => {
    expect(codeOf('weights-init')).toBe(`torch.manual_seed(123)
W_query = torch.nn.Parameter(torch.rand(d_in, d_out), requires_grad=False)
W_key   = torch.nn.Parameter(torch.rand(d_in, d_out), requires_grad=False)
W_value = torch.nn.Parameter(torch.rand(d_in, d_out), requires_grad=False)
print(W_query)
print(W_key)
print(W_value)`);
    expect(codeOf('scaled-softmax')).toBe(`d_k = keys.shape[-1]
attn_weights_2 = torch.softmax(attn_scores_2 / d_k**0.5, dim=-1)
print(attn_weights_2)`);
  });
  it('shows the naive softmax overflowing and torch.softmax staying finite', () => {
    expect(outputOf('overflow')).toBe(
      'tensor([1.6516e+38,        inf])\ntensor([nan, nan, nan, 0., 0., nan])',
    );
    const [manual, torchSoftmax] = outputOf('stable-softmax').split('\n');
    expect(manual).toBe(torchSoftmax);
    expect(manual).not.toMatch(/nan|inf/);
  });
});

/** Numbers in a printed tensor, e.g. `tensor([0.1, 0.2])` → [0.1, 0.2]. */
function printed(s: string): number[] {
  const body = s.replace(/^[\s\S]*?tensor\(/, '').replace(/\)\s*$/, '');
  return (body.match(/-?\d+\.\d*(e[+-]\d+)?|nan|-?inf/g) ?? []).map(Number);
}

describe('your-journey: learner edits', () => {
  // "Your" gets 0.50 as its third value; W_key[0, 1] becomes 0.5.
  const emb = Array.from(defaults.x.data);
  emb[2] = 0.5;
  const w0 = initialState(lesson).weights!;
  const wk = Array.from(w0.wk.data);
  wk[1] = 0.5;
  const edited = derive(
    lesson,
    stateWith({
      embeddings: tensor([6, 3], emb),
      weights: { ...w0, wk: tensor([3, 2], wk) },
    }),
  );

  it('shows the edited values in the code', () => {
    expect(codeOf('inputs', edited)).toContain('[0.43, 0.15, 0.50],  # Your     (x^1)');
    expect(codeOf('dot-by-hand', edited)).toBe('0.55*0.43 + 0.87*0.15 + 0.66*0.5');
    expect(codeOf('weights-init', edited)).toContain(
      'W_value = torch.nn.Parameter(torch.rand(d_in, d_out), requires_grad=False)\n# your edits\nW_key[0, 1] = 0.5\nprint(W_query)',
    );
  });

  it('prints what PyTorch prints for the edited values', () => {
    // Each step's code as shown for this state, run under PyTorch 1.13 (Python 3 for In[14]).
    const torch: Record<string, string> = {
      'dot-by-hand': '0.6970000000000001',
      'query-scores': 'tensor([0.6970, 1.4950, 1.4754, 0.8434, 0.7070, 1.0865])',
      'naive-normalise': 'tensor([0.1106, 0.2371, 0.2340, 0.1338, 0.1121, 0.1723])\ntensor(1.)',
      softmax:
        'Attention weights: tensor([0.1106, 0.2456, 0.2408, 0.1280, 0.1117, 0.1632])\nSum: tensor(1.)',
      'context-vector': 'tensor([0.4423, 0.6678, 0.5147])',
      'weights-init':
        'Parameter containing:\ntensor([[0.2961, 0.5166],\n        [0.2517, 0.6886],\n        [0.0740, 0.8665]])\nParameter containing:\ntensor([[0.1366, 0.5000],\n        [0.1841, 0.7264],\n        [0.3153, 0.6871]])\nParameter containing:\ntensor([[0.0756, 0.1966],\n        [0.3164, 0.4017],\n        [0.1186, 0.8274]])',
      'project-query': 'tensor([0.4306, 1.4551])',
      'score-own': 'tensor(2.1705)',
      'scores-trainable': 'tensor([1.0763, 2.1705, 2.1408, 1.2068, 1.0031, 1.5729])',
      'scaled-softmax': 'tensor([0.1142, 0.2475, 0.2424, 0.1252, 0.1084, 0.1622])',
      'context-trainable': 'tensor([0.3061, 0.7832])',
    };
    for (const [id, expected] of Object.entries(torch))
      expect(outputOf(id, edited), id).toBe(expected);
  });

  it('keeps scores, weights and context vectors consistent with each other', () => {
    // Independent double-precision reference for the query's row, compared to the printed digits.
    const x = (i: number) => [0, 1, 2].map((k) => at(edited.x, i, k));
    const q = x(1);
    const scores = [0, 1, 2, 3, 4, 5].map((j) => x(j).reduce((s, v, k) => s + v * q[k]!, 0));
    const e = scores.map(Math.exp);
    const z = e.reduce((a, b) => a + b, 0);
    const weights = e.map((v) => v / z);
    const context = [0, 1, 2].map((k) => weights.reduce((s, w, j) => s + w * x(j)[k]!, 0));
    const close = (got: number[], want: number[]) => {
      expect(got.length).toBe(want.length);
      got.forEach((g, k) => expect(Math.abs(g - want[k]!)).toBeLessThanOrEqual(1e-4));
    };
    close(printed(outputOf('query-scores', edited)), scores);
    close(printed(outputOf('softmax', edited).split('\n')[0]!), weights);
    close(printed(outputOf('context-vector', edited)), context);
    // The query's row of the all-pairs matrices matches the single-query loop, and changed.
    const rowOf = (s: string, i: number) => s.split('\n')[i]!;
    expect(rowOf(outputOf('context-all', edited), 1)).toContain(
      outputOf('context-vector', edited).slice('tensor(['.length, -2),
    );
    expect(outputOf('context-vector', edited)).not.toBe(outputOf('context-vector'));
    // Only the key changed among the projections: the query vector did not, the scores did.
    expect(outputOf('project-query', edited)).toBe(outputOf('project-query'));
    expect(outputOf('scores-trainable', edited)).not.toBe(outputOf('scores-trainable'));
  });

  it('updates the live formulas', () => {
    const h = { i: null, j: null };
    expect(step('dot-by-hand').formula!(defaults, h)).toContain('0.9544');
    expect(step('dot-by-hand').formula!(edited, h)).toContain('0.6970');
    expect(step('dot-by-hand').formula!(edited, h)).toContain(String.raw`0.66\cdot 0.50`);
    expect(step('score-own').formula!(edited, h)).toContain('2.1705');
  });

  it('highlights the pair the learner points at', () => {
    const f = step('query-scores').formula!;
    expect(f(defaults, { i: null, j: null })).not.toContain('colorbox');
    expect(f(defaults, { i: 1, j: 2 })).toMatch(/colorbox\{[^}]*\}\{\$1\.4754\$\}/);
  });
});

describe('your-journey: another seed', () => {
  const seeded = derive(lesson, stateWith({ seed: 7, weights: trainableWeights(lesson, 7) }));

  it('makes new W matrices from torch.manual_seed(7)', () => {
    const g = torchGenerator(7);
    expect(tensorsEqual(seeded.trainable!.wq, g.rand([3, 2]))).toBe(true);
    expect(tensorsEqual(seeded.trainable!.wq, defaults.trainable!.wq)).toBe(false);
    expect(codeOf('weights-init', seeded)).toMatch(/^torch\.manual_seed\(7\)\n/);
    expect(codeOf('weights-init', seeded)).not.toContain('# your edits');
  });

  it('prints what PyTorch prints after torch.manual_seed(7)', () => {
    const torch: Record<string, string> = {
      'weights-init':
        'Parameter containing:\ntensor([[0.5349, 0.1988],\n        [0.6592, 0.6569],\n        [0.2328, 0.4251]])\nParameter containing:\ntensor([[0.2071, 0.6297],\n        [0.3653, 0.8513],\n        [0.8549, 0.5509]])\nParameter containing:\ntensor([[0.2868, 0.2063],\n        [0.4451, 0.3593],\n        [0.7204, 0.0731]])',
      'project-query': 'tensor([1.0213, 0.9614])',
      'score-own': 'tensor(2.4118)',
      'scores-trainable': 'tensor([1.7785, 2.4118, 2.3762, 1.3337, 1.0672, 1.7656])',
      'scaled-softmax': 'tensor([0.1558, 0.2439, 0.2378, 0.1138, 0.0942, 0.1544])',
      'context-trainable': 'tensor([0.8370, 0.3677])',
    };
    for (const [id, expected] of Object.entries(torch))
      expect(outputOf(id, seeded), id).toBe(expected);
    // The parts without trainable weights do not depend on the seed.
    expect(outputOf('context-all', seeded)).toBe(outputOf('context-all'));
  });
});

describe('your-journey: choosing the first token as the query', () => {
  const first = derive(lesson, stateWith({ query: 0 }));

  it('makes the code refer to the first token', () => {
    expect(codeOf('input-query', first)).toBe('input_query = inputs[0]\ninput_query');
    expect(codeOf('dot-by-hand', first)).toBe('0.43*0.43 + 0.15*0.15 + 0.89*0.89');
    expect(codeOf('query-scores', first)).toContain('query  = inputs[0]\nattn_score_1 = ');
    expect(codeOf('context-vector', first)).toContain('i = 0\n');
    expect(codeOf('trainable-setup', first)).toContain(
      'x_1 = inputs[0]  # the first input element',
    );
    expect(codeOf('score-own', first)).toBe(
      'keys_1 = keys[0]  # Python starts index at 0\nattn_score_11 = query_1.dot(keys_1)\nprint(attn_score_11)',
    );
    // No name still says "token 2".
    expectCodeAvoids(lesson.steps, first, /_2\b|_22\b|token 2|inputs\[1\]|keys\[1\]/);
  });

  it('prints the first token’s values, as PyTorch does', () => {
    // Rows 1 of the notebook's In[47], In[52] and In[57] prints are this query's results.
    const torch: Record<string, string> = {
      'input-query': 'tensor([0.4300, 0.1500, 0.8900])',
      'dot-by-hand': '0.9995',
      'query-scores': 'tensor([0.9995, 0.9544, 0.9422, 0.4753, 0.4576, 0.6310])',
      softmax:
        'Attention weights: tensor([0.2098, 0.2006, 0.1981, 0.1242, 0.1220, 0.1452])\nSum: tensor(1.0000)',
      'context-vector': 'tensor([0.4421, 0.5931, 0.5790])',
      'project-query': 'tensor([0.2309, 1.0966])',
      'score-own': 'tensor(0.9231)',
      'scores-trainable': 'tensor([0.9231, 1.3545, 1.3241, 0.7910, 0.4032, 1.1330])',
      'scaled-softmax': 'tensor([0.1551, 0.2104, 0.2059, 0.1413, 0.1074, 0.1799])',
      'context-trainable': 'tensor([0.2996, 0.8053])',
    };
    for (const [id, expected] of Object.entries(torch))
      expect(outputOf(id, first), id).toBe(expected);
  });
});

describe('your-journey: beyond the notebook', () => {
  const BEYOND = ['causal-mask', 'causal-renormalise', 'two-heads'];

  it('appends three optional steps after the book section, clearly titled', () => {
    const ids = lesson.steps.map((s) => s.id);
    expect(ids.slice(-4)).toEqual(['context-trainable', ...BEYOND]);
    for (const id of BEYOND) expect(step(id).title).toMatch(/^Beyond the notebook: /);
    expect(step('causal-mask').title).toBe('Beyond the notebook: a causal mask');
    expect(step('two-heads').title).toBe('Beyond the notebook: two heads');
  });

  it('masks above the diagonal with -inf, as torch.triu(..., diagonal=1).bool() does', () => {
    expect(codeOf('causal-mask')).toContain(
      'mask = torch.triu(torch.ones(context_length, context_length), diagonal=1).bool()\nmasked = attn_scores.masked_fill(mask, -torch.inf)',
    );
    // Real PyTorch (lessons.json): row 2 is the book's attn_scores_2, cut after the query.
    const [masked, weights] = fixtures['causal-mask']!.split('\ntensor(');
    expect(masked).toContain('[1.2705, 1.8524,   -inf,   -inf,   -inf,   -inf]');
    expect(weights).toMatch(/^\[\[1\.0000, 0\.0000, 0\.0000, 0\.0000, 0\.0000, 0\.0000\],/);
    expect(weights).toContain('[0.1557, 0.2092, 0.2048, 0.1419, 0.1089, 0.1794]])');
  });

  it('shows the masked scores as the code prints them, not the scores before the mask', () => {
    const matrices = (step('causal-mask').views ?? []).flatMap((v) =>
      v.kind === 'matrix' ? [v.of] : [],
    );
    expect(matrices).toEqual(['maskedScores']);
    // The matrix shown is the tensor `print(masked)` prints in real PyTorch (lessons.json).
    const [masked] = fixtures['causal-mask']!.split('\ntensor(');
    expect(masked).toContain('-inf');
    expect(formatTensor(defaults.trainable!.maskedScores)).toBe(masked);
    const m = defaults.trainable!.maskedScores;
    expect(m.shape).toEqual([6, 6]);
    expect(at(m, 0, 1)).toBe(-Infinity);
    // The query's row keeps its own scores (omega) up to the diagonal.
    const q = defaults.query;
    for (let j = 0; j <= q; j++) expect(at(m, q, j)).toBe(defaults.trainable!.omega.data[j]);
  });

  it('gets the same weights by renormalising after the softmax', () => {
    const printed = fixtures['causal-renormalise']!.split('\n');
    expect(printed.at(-1)).toBe('True');
    const renormalised = printed.slice(0, 6).join('\n');
    const masked = printed.slice(6, 12).join('\n');
    expect(renormalised).toBe(masked);
    expect(masked).toBe(fixtures['causal-mask']!.split('\n').slice(6).join('\n'));
  });

  it('runs two heads and concatenates them to [6, 4]', () => {
    const out = fixtures['two-heads']!;
    expect(out).toContain('\ntorch.Size([6, 4])\n');
    // Head 1's row for the query is the context vector of the book's section 3.4.
    expect(out.split('\n')[1]).toBe('        [0.3061, 0.8210],');
    expect(outputOf('context-trainable')).toBe('tensor([0.3061, 0.8210])');
    expect(codeOf('two-heads')).toContain('context = torch.cat((context_h1, context_h2), dim=-1)');
    // Head 2's matrices are draws 4 to 6 of the seed's stream.
    const g = torchGenerator(123);
    for (let k = 0; k < 3; k++) g.rand([3, 2]);
    const w2 = [g.rand([3, 2]), g.rand([3, 2]), g.rand([3, 2])];
    const tex = step('two-heads').formula!(defaults, { i: null, j: null });
    expect(tex).toContain(
      `W_q^{(2)} &= \\begin{bmatrix}${at(w2[0]!, 0, 0).toFixed(4)} & ${at(w2[0]!, 0, 1).toFixed(4)}`,
    );
  });

  it('prints what PyTorch prints after torch.manual_seed(7)', () => {
    const seeded = derive(lesson, stateWith({ seed: 7, weights: trainableWeights(lesson, 7) }));
    const torch: Record<string, string> = {
      'causal-mask': `tensor([[0.9848,   -inf,   -inf,   -inf,   -inf,   -inf],
        [1.7785, 2.4118,   -inf,   -inf,   -inf,   -inf],
        [1.7564, 2.3791, 2.3439,   -inf,   -inf,   -inf],
        [1.0241, 1.3941, 1.3737, 0.7712,   -inf,   -inf],
        [0.8626, 1.1195, 1.1018, 0.6166, 0.4726,   -inf],
        [1.3009, 1.7952, 1.7695, 0.9943, 0.8085, 1.3083]])
tensor([[1.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000],
        [0.3899, 0.6101, 0.0000, 0.0000, 0.0000, 0.0000],
        [0.2458, 0.3818, 0.3724, 0.0000, 0.0000, 0.0000],
        [0.2265, 0.2942, 0.2900, 0.1894, 0.0000, 0.0000],
        [0.2007, 0.2407, 0.2377, 0.1687, 0.1523, 0.0000],
        [0.1580, 0.2242, 0.2201, 0.1272, 0.1116, 0.1589]])`,
      'two-heads': `tensor([[0.8058, 0.3543],
        [0.8370, 0.3677],
        [0.8361, 0.3672],
        [0.8073, 0.3548],
        [0.8000, 0.3508],
        [0.8189, 0.3601]])
tensor([[1.2279, 1.2301],
        [1.2676, 1.2698],
        [1.2661, 1.2684],
        [1.2041, 1.2067],
        [1.1995, 1.2031],
        [1.2244, 1.2266]])
torch.Size([6, 4])
tensor([[0.8058, 0.3543, 1.2279, 1.2301],
        [0.8370, 0.3677, 1.2676, 1.2698],
        [0.8361, 0.3672, 1.2661, 1.2684],
        [0.8073, 0.3548, 1.2041, 1.2067],
        [0.8000, 0.3508, 1.1995, 1.2031],
        [0.8189, 0.3601, 1.2244, 1.2266]])`,
    };
    for (const [id, expected] of Object.entries(torch))
      expect(outputOf(id, seeded), id).toBe(expected);
    expect(outputOf('causal-renormalise', seeded).split('\n').at(-1)).toBe('True');
  });

  it('uses edited weights in head 1 only, and says so in the code', () => {
    const w0 = initialState(lesson).weights!;
    const wk = Array.from(w0.wk.data);
    wk[1] = 0.5;
    const edited = derive(lesson, stateWith({ weights: { ...w0, wk: tensor([3, 2], wk) } }));
    expect(codeOf('two-heads', edited)).toContain(
      '# head 1: the matrices from before, with your edits\ncontext_h1 = attention_head(W_query, W_key, W_value)',
    );
    expect(codeOf('two-heads')).not.toContain('your edits');
    // W_key[0, 1] = 0.5 (in the weights-init cell), then this cell, under PyTorch 1.13:
    expect(outputOf('two-heads', edited)).toBe(`tensor([[0.2994, 0.8056],
        [0.3064, 0.8225],
        [0.3060, 0.8217],
        [0.2945, 0.7936],
        [0.2924, 0.7887],
        [0.2988, 0.8042]])
tensor([[1.4035, 1.0391],
        [1.4410, 1.0669],
        [1.4391, 1.0655],
        [1.3786, 1.0178],
        [1.3653, 1.0086],
        [1.4025, 1.0361]])
torch.Size([6, 4])
tensor([[0.2994, 0.8056, 1.4035, 1.0391],
        [0.3064, 0.8225, 1.4410, 1.0669],
        [0.3060, 0.8217, 1.4391, 1.0655],
        [0.2945, 0.7936, 1.3786, 1.0178],
        [0.2924, 0.7887, 1.3653, 1.0086],
        [0.2988, 0.8042, 1.4025, 1.0361]])`);
    // Head 2 is untouched by the edit.
    const head2 = (s: string) => s.split('\n').slice(6, 12).join('\n');
    expect(head2(outputOf('two-heads', edited))).toBe(head2(outputOf('two-heads')));
  });

  it('shows renormalising failing where masking first does not: a huge future score', () => {
    // "step" set to [100, 100, 100]; the renormalise cell under PyTorch 1.13.
    const emb = Array.from(defaults.x.data);
    emb.splice(15, 3, 100, 100, 100);
    const huge = derive(lesson, stateWith({ embeddings: tensor([6, 3], emb) }));
    expect(outputOf('causal-renormalise', huge))
      .toBe(`tensor([[   nan,    nan,    nan,    nan,    nan,    nan],
        [   nan,    nan,    nan,    nan,    nan,    nan],
        [   nan,    nan,    nan,    nan,    nan,    nan],
        [0.2265, 0.2839, 0.2794, 0.2102, 0.0000, 0.0000],
        [0.1952, 0.2363, 0.2331, 0.1820, 0.1534, 0.0000],
        [0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 1.0000]])
tensor([[1.0000, 0.0000, 0.0000, 0.0000, 0.0000, 0.0000],
        [0.3986, 0.6014, 0.0000, 0.0000, 0.0000, 0.0000],
        [0.2526, 0.3791, 0.3683, 0.0000, 0.0000, 0.0000],
        [0.2265, 0.2839, 0.2794, 0.2103, 0.0000, 0.0000],
        [0.1952, 0.2363, 0.2331, 0.1820, 0.1534, 0.0000],
        [0.0000, 0.0000, 0.0000, 0.0000, 0.0000, 1.0000]])
False`);
  });

  it('follows the query and the pointed-at pair in the formulas', () => {
    const first = derive(lesson, stateWith({ query: 0 }));
    const f = step('causal-mask').formula!;
    expect(f(defaults, { i: null, j: null })).toContain('\\text{row 2 (2 of 6 tokens visible)}');
    expect(f(first, { i: null, j: null })).toContain('\\text{row 1 (1 of 6 tokens visible)}');
    expect(f(defaults, { i: null, j: 4 })).toMatch(/colorbox\{[^}]*\}\{\$-\\infty \\to 0\$\}/);
    expect(step('causal-renormalise').formula!(defaults, { i: 5, j: 2 })).toContain(
      '\\tilde\\alpha_{6,3}',
    );
    // The code of these cells does not depend on the query.
    for (const id of BEYOND) expect(codeOf(id, first)).toBe(codeOf(id));
    for (const id of BEYOND) {
      for (const h of [
        { i: null, j: null },
        { i: 0, j: 5 },
        { i: 5, j: 0 },
      ]) {
        expect(() =>
          katex.renderToString(step(id).formula!(first, h), {
            displayMode: true,
            throwOnError: true,
          }),
        ).not.toThrow();
      }
    }
  });
});
