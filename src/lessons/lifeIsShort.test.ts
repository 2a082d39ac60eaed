import { describe, expect, it } from 'vitest';
import { torchGenerator } from '../math/random';
import { indexRows } from '../math/ops';
import { tensor, tensorsEqual } from '../math/tensor';
import { derive, reseed } from './derive';
import { lifeIsShort as lesson, SENTENCE_IDS, VOCAB } from './lifeIsShort';
import {
  editedFixtures,
  expectCodeAvoids,
  expectNoStaleFixtures,
  itPrintsFixtures,
  lessonFixtures,
  lessonHarness,
} from './testing';
import type { LessonState } from './types';

// Expected strings here are never computed by our code: they are real PyTorch 1.13 output, from
// (a) src/math/fixtures/lessons.json (scripts/goldens/lessons.py runs every step's code at the
// lesson's defaults, and again with the query's first embedding entry set to 0.9), (b) the printed
// outputs of seed notebook 003, copied verbatim with the cell they come from, (c) the article that
// notebook names as its reference, and (d) for other states, each step's code as shown for that
// state, run once under PyTorch 1.13 (reference BLAS, as the fixtures) and pasted here.

const fixtures: Record<string, string> = lessonFixtures('life-is-short') ?? {};

const { start, defaults, step, codeOf, outputOf } = lessonHarness(lesson);
const stateWith = (patch: Partial<LessonState>): LessonState => ({ ...start, ...patch });

/** The embeddings (or a W) with one entry replaced. */
function withEntry(
  t: { shape: readonly number[]; data: Float32Array },
  r: number,
  c: number,
  v: number,
) {
  const data = Float32Array.from(t.data);
  data[r * t.shape[1]! + c] = v;
  return tensor(t.shape, data);
}

describe('life-is-short: structure', () => {
  it('walks the notebook and the article in 14 to 18 steps with unique kebab-case ids', () => {
    const ids = lesson.steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(14);
    expect(ids.length).toBeLessThanOrEqual(18);
    for (const s of lesson.steps) {
      expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(s.prose.length).toBeGreaterThan(80);
      // The prose renderer reads *italic* only; _italic_ would show its underscores.
      expect(s.prose, s.id).not.toMatch(/(^|[\s(])_[^_\s`$][^_`$]*_(?=[\s.,;:)']|$)/);
      if (s.output) expect(s.code, `${s.id} prints without code`).toBeDefined();
    }
  });

  it('opens with the seed-123 embeddings and weights, the 2nd token as the query', () => {
    expect(start.seed).toBe(123);
    expect(defaults.query).toBe(1);
    expect(defaults.queryToken).toBe('is');
    expect(defaults.x.shape).toEqual([6, 16]);
    expect(start.weights!.wq.shape).toEqual([24, 16]);
    expect(start.weights!.wv.shape).toEqual([28, 16]);
  });

  it('builds its vocabulary and ids from the sentence as the notebook does', () => {
    expect(VOCAB.map(([w]) => w)).toEqual(['Life', 'dessert', 'eat', 'first', 'is', 'short']);
    const ids = new Map(VOCAB);
    expect(lesson.tokens.map((w) => ids.get(w))).toEqual([...SENTENCE_IDS]);
  });

  it('shows the editable views the brief asks for', () => {
    const kinds = new Set(lesson.steps.flatMap((s) => (s.views ?? []).map((v) => v.kind)));
    for (const k of ['embeddings', 'query', 'trainable', 'seed', 'plot', 'matrix'] as const) {
      expect(kinds.has(k), k).toBe(true);
    }
    const matrices = new Set(
      lesson.steps.flatMap((s) =>
        (s.views ?? []).flatMap((v) => (v.kind === 'matrix' ? [v.of] : [])),
      ),
    );
    for (const m of ['keys', 'values', 'omega', 'trainableWeights', 'trainableContext'] as const) {
      expect(matrices.has(m), m).toBe(true);
    }
  });
});

describe('life-is-short: outputs equal real PyTorch', () => {
  const withOutput = lesson.steps.filter((s) => s.output);

  itPrintsFixtures(
    lesson.steps,
    () => fixtures,
    () => defaults,
    '%s, at the defaults',
  );

  it('has no stale fixtures', () => {
    expectNoStaleFixtures(lesson.steps, fixtures);
  });

  it('matches every output with the query’s first entry edited, as the fixture script ran it', () => {
    const e = editedFixtures('life-is-short');
    expect(e, 'no edited fixtures: run scripts/goldens/lessons.py').toBeDefined();
    const { row: r, col, value } = e!.edit;
    const d = derive(lesson, stateWith({ embeddings: withEntry(start.embeddings, r, col, value) }));
    expect(Object.keys(e!.outputs).sort()).toEqual(withOutput.map((s) => s.id).sort());
    for (const s of withOutput) expect(s.output!(d), s.id).toBe(e!.outputs[s.id]);
    // The edit is in the code, so the fixture run reproduced it.
    expect(codeOf('embedding', d)).toContain('# your edits\nembedded_sentence[1, 0] = 0.9\n');
    // The looked-up copy changed; the layer's table did not.
    expect(outputOf('lookup-table', d)).toBe('torch.Size([6, 16])\nFalse');
  });
});

// Seed notebook 003, cell by cell: its code and what it printed.
const NOTEBOOK: readonly { cell: string; step: string; code: string; printed?: string }[] = [
  {
    cell: 'In[1]',
    step: 'vocabulary',
    code: `sentence = "Life is short, eat dessert first"

# create vocab
vocab = {w: i for i, w in enumerate(sorted(sentence.replace(",", "").split()))}
vocab`,
    printed: "{'Life': 0, 'dessert': 1, 'eat': 2, 'first': 3, 'is': 4, 'short': 5}",
  },
  {
    cell: 'In[4]',
    step: 'token-ids',
    code: `# let's make integer-vector representation
sentence_vec = torch.tensor([vocab[w] for w in sentence.replace(",", "").split()])
sentence_vec`,
    printed: 'tensor([0, 4, 5, 2, 1, 3])',
  },
  {
    cell: 'In[5]',
    step: 'embedding',
    code: `torch.manual_seed(123)

# let's embed this integer-vector representation
embedding = torch.nn.Embedding(6, 16)
embedded_sentence = embedding(sentence_vec).detach()

print(embedded_sentence.shape)
print(embedded_sentence)`,
    printed: `torch.Size([6, 16])
tensor([[ 0.3374, -0.1778, -0.3035, -0.5880,  0.3486,  0.6603, -0.2196, -0.3792,
          0.7671, -1.1925,  0.6984, -1.4097,  0.1794,  1.8951,  0.4954,  0.2692],
        [ 0.5146,  0.9938, -0.2587, -1.0826, -0.0444,  1.6236, -2.3229,  1.0878,
          0.6716,  0.6933, -0.9487, -0.0765, -0.1526,  0.1167,  0.4403, -1.4465],
        [ 0.2553, -0.5496,  1.0042,  0.8272, -0.3948,  0.4892, -0.2168, -1.7472,
         -1.6025, -1.0764,  0.9031, -0.7218, -0.5951, -0.7112,  0.6230, -1.3729],
        [-1.3250,  0.1784, -2.1338,  1.0524, -0.3885, -0.9343, -0.4991, -1.0867,
          0.8805,  1.5542,  0.6266, -0.1755,  0.0983, -0.0935,  0.2662, -0.5850],
        [-0.0770, -1.0205, -0.1690,  0.9178,  1.5810,  1.3010,  1.2753, -0.2010,
          0.4965, -1.5723,  0.9666, -1.1481, -1.1589,  0.3255, -0.6315, -2.8400],
        [ 0.8768,  1.6221, -1.4779,  1.1331, -1.2203,  1.3139,  1.0533,  0.1388,
          2.2473, -0.8036, -0.2808,  0.7697, -0.6596, -0.7979,  0.1838,  0.2293]])`,
  },
  {
    cell: 'In[6]',
    step: 'weights',
    code: `torch.manual_seed(123)

d = embedded_sentence.shape[1]

# For computing dot-product between the query and key vectors, it contain the same number of elements
d_q, d_k, d_v = 24, 24, 28

W_Q = torch.nn.Parameter(torch.rand(d_q, d))
W_K = torch.nn.Parameter(torch.rand(d_k, d))
W_V = torch.nn.Parameter(torch.rand(d_v, d))`,
  },
  {
    cell: 'In[9]',
    step: 'weight-shapes',
    code: 'W_Q.shape, W_K.shape, W_V.shape',
    printed: '(torch.Size([24, 16]), torch.Size([24, 16]), torch.Size([28, 16]))',
  },
];

// Raschka, "Understanding and Coding the Self-Attention Mechanism of Large Language Models From
// Scratch" (2023): the numbers it prints for the same seed and sentence. Its grad_fn names come
// from a newer PyTorch, so only the numbers are compared.
const ARTICLE: readonly { step: string; numbers: number[] }[] = [
  { step: 'omega-24', numbers: [11.1466] },
  { step: 'omega-2', numbers: [8.5808, -7.6597, 3.2558, 1.0395, 11.1466, -0.48] },
  { step: 'scaled-softmax', numbers: [0.2912, 0.0106, 0.0982, 0.0625, 0.4917, 0.0458] },
  {
    step: 'context-vector',
    numbers: [
      28, -1.5993, 0.0156, 1.267, 0.0032, -0.646, -1.1407, -0.4908, -1.4632, 0.4747, 1.1926, 0.4506,
      -0.711, 0.0602, 0.7125, -0.1628, -2.0184, 0.3838, -2.1188, -0.8136, -1.5694, 0.7934, -0.2911,
      -1.364, -0.2366, -0.9564, -0.5265, 0.0624, 1.7084,
    ],
  },
];

/** The numbers in printed output, grad_fn names and Size brackets included as plain numbers. */
function numbers(s: string): number[] {
  const body = s.replace(/grad_fn=<\w+>/g, '').replace(/torch\.Size/g, '');
  return (body.match(/-?\d+\.?\d*(e[+-]\d+)?/g) ?? []).map(Number);
}

describe('life-is-short: the notebook, verbatim', () => {
  it.each(NOTEBOOK.map((c) => [c.cell, c] as const))('%s: same code and output', (_, c) => {
    expect(codeOf(c.step)).toContain(c.code);
    if (c.printed !== undefined) {
      expect(outputOf(c.step)).toBe(c.printed);
      expect(fixtures[c.step]).toBe(c.printed);
    }
  });

  it('imports only torch of the setup cell', () => {
    expect(codeOf('vocabulary')).toMatch(/^import torch\n\n/);
    for (const s of lesson.steps) {
      if (s.code === undefined) continue;
      expect(codeOf(s.id), s.id).not.toMatch(/numpy|pandas|sklearn|DataLoader|X_train/);
    }
  });

  it.each(ARTICLE.map((c) => [c.step, c] as const))('article: %s prints its numbers', (id, c) => {
    expect(numbers(outputOf(id))).toEqual(c.numbers);
  });

  it('continues with the article’s code', () => {
    expect(codeOf('project-query')).toBe(`query_2 = W_query.matmul(x_2)
key_2 = W_key.matmul(x_2)
value_2 = W_value.matmul(x_2)

print(query_2.shape)
print(key_2.shape)
print(value_2.shape)`);
    expect(outputOf('project-query')).toBe('torch.Size([24])\ntorch.Size([24])\ntorch.Size([28])');
    expect(codeOf('keys-values')).toContain('keys = W_key.matmul(embedded_sentence.T).T\n');
    expect(outputOf('keys-values')).toBe(
      'keys.shape: torch.Size([6, 24])\nvalues.shape: torch.Size([6, 28])',
    );
    expect(codeOf('omega-24')).toBe('omega_24 = query_2.dot(keys[4])\nprint(omega_24)');
    expect(codeOf('omega-2')).toBe('omega_2 = query_2.matmul(keys.T)\nprint(omega_2)');
    expect(codeOf('scaled-softmax')).toContain(
      'attention_weights_2 = F.softmax(omega_2 / d_k**0.5, dim=0)',
    );
    expect(codeOf('context-vector')).toContain(
      'context_vector_2 = attention_weights_2.matmul(values)',
    );
  });

  it('prints the 28-value context vector over four lines, as PyTorch wraps it', () => {
    const lines = outputOf('context-vector').split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe(
      '        -0.9564, -0.5265,  0.0624,  1.7084], grad_fn=<SqueezeBackward3>)',
    );
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(80);
  });
});

describe('life-is-short: another seed', () => {
  const seven = derive(lesson, reseed(lesson, start, 7));

  it('draws new embeddings and new weights, from the same stream PyTorch uses', () => {
    expect(tensorsEqual(seven.x, defaults.x)).toBe(false);
    expect(tensorsEqual(seven.trainable!.wq, defaults.trainable!.wq)).toBe(false);
    expect(tensorsEqual(seven.trainable!.wv, defaults.trainable!.wv)).toBe(false);
    expect(tensorsEqual(seven.x, indexRows(torchGenerator(7).embedding(6, 16), SENTENCE_IDS))).toBe(
      true,
    );
    const g = torchGenerator(7);
    expect(tensorsEqual(seven.trainable!.wq, g.rand([24, 16]))).toBe(true);
    expect(tensorsEqual(seven.trainable!.wk, g.rand([24, 16]))).toBe(true);
    expect(tensorsEqual(seven.trainable!.wv, g.rand([28, 16]))).toBe(true);
  });

  it('gives identical values for the same seed twice', () => {
    const again = derive(lesson, reseed(lesson, stateWith({ query: 1 }), 7));
    expect(again).not.toBe(seven);
    expect(tensorsEqual(again.x, seven.x)).toBe(true);
    expect(tensorsEqual(again.trainable!.wk, seven.trainable!.wk)).toBe(true);
    expect(tensorsEqual(again.trainable!.context, seven.trainable!.context)).toBe(true);
    const back = derive(lesson, reseed(lesson, reseed(lesson, start, 7), 123));
    for (const s of lesson.steps.filter((x) => x.output)) {
      expect(s.output!(back), s.id).toBe(fixtures[s.id]);
    }
  });

  it('shows torch.manual_seed(7) in both seeded cells, with no edits', () => {
    expect(codeOf('embedding', seven)).toMatch(/^torch\.manual_seed\(7\)\n/);
    expect(codeOf('weights', seven)).toMatch(/^torch\.manual_seed\(7\)\n/);
    expect(codeOf('embedding', seven)).not.toContain('# your edits');
    expect(codeOf('weights', seven)).not.toContain('# your edits');
  });

  it('prints what PyTorch prints after torch.manual_seed(7)', () => {
    const torch: Record<string, string> = {
      'query-token':
        'tensor([ 0.1332,  0.1825, -0.5146,  0.8005, -1.2432, -1.7178, -0.5824, -0.6153,\n        -0.8858,  1.1970,  0.4675, -0.1439, -0.8120, -0.3866, -1.0370,  0.5920])',
      'lookup-table': 'torch.Size([6, 16])\nTrue',
      'omega-24': 'tensor(98.0046, grad_fn=<DotBackward0>)',
      'omega-2':
        'tensor([ 17.6844, 115.2547, -92.3904, -46.0719,  98.0046, 136.6267],\n       grad_fn=<SqueezeBackward3>)',
      'scaled-softmax':
        'tensor([2.8191e-11, 1.2581e-02, 4.9201e-21, 6.2822e-17, 3.7195e-04, 9.8705e-01],\n       grad_fn=<SoftmaxBackward0>)',
      'context-vector':
        'torch.Size([28])\ntensor([-0.8129,  0.0663, -2.1003, -1.7805, -2.4794, -1.2336, -0.5858, -1.7677,\n        -4.4209, -2.8119,  0.0924, -0.9408, -2.1455, -3.5521,  0.3920,  0.0834,\n        -1.7978, -1.7775, -1.8649, -2.3075, -2.3626, -1.5167, -3.6752, -3.1670,\n        -3.3011, -1.1234, -3.4119, -0.4160], grad_fn=<SqueezeBackward3>)',
    };
    for (const [id, expected] of Object.entries(torch)) {
      expect(outputOf(id, seven), id).toBe(expected);
    }
    // A value of 0.0016 among values up to 2.97 switches PyTorch to scientific notation.
    expect(outputOf('embedding', seven)).toContain(
      '[-1.7819e-01, -2.5950e-01, -1.4488e-02, -3.8389e-01, -2.9662e+00,',
    );
    // The vocabulary does not depend on the seed.
    expect(outputOf('vocabulary', seven)).toBe(fixtures['vocabulary']);
  });
});

describe('life-is-short: choosing another query', () => {
  const life = derive(lesson, stateWith({ query: 0 }));

  it('makes the code refer to the chosen token', () => {
    expect(codeOf('query-token', life)).toContain('x_1 = embedded_sentence[0]\nprint(x_1)');
    expect(codeOf('lookup-table', life)).toContain(
      "# 'Life' has id 0, so row 0 of the sentence is row 0 of the table\nprint(torch.equal(embedding.weight[0], embedded_sentence[0]))",
    );
    expect(codeOf('project-query', life)).toContain('query_1 = W_query.matmul(x_1)');
    // omega_24's key stays keys[4], "dessert".
    expect(codeOf('omega-24', life)).toBe('omega_14 = query_1.dot(keys[4])\nprint(omega_14)');
    expect(codeOf('context-vector', life)).toContain(
      'context_vector_1 = attention_weights_1.matmul(values)',
    );
    expectCodeAvoids(lesson.steps, life, /_2\b|_24\b|embedded_sentence\[1\]/);
  });

  it('prints the first token’s values, as PyTorch does', () => {
    const torch: Record<string, string> = {
      'query-token':
        'tensor([ 0.3374, -0.1778, -0.3035, -0.5880,  0.3486,  0.6603, -0.2196, -0.3792,\n         0.7671, -1.1925,  0.6984, -1.4097,  0.1794,  1.8951,  0.4954,  0.2692])',
      'query-vector':
        'tensor([-0.7665, -1.1306,  0.0167,  1.3456, -0.0111,  0.2577,  0.3018,  0.5771,\n         0.8287, -0.3224,  0.9979, -1.3807,  0.7953,  0.3018,  1.1813,  1.3559,\n         0.2174,  3.4764,  1.1683, -0.6475,  0.9448,  0.1573,  1.5465,  1.5362],\n       grad_fn=<MvBackward0>)',
      'omega-24': 'tensor(-9.5164, grad_fn=<DotBackward0>)',
      'omega-2':
        'tensor([ 16.4255,   8.1306, -24.5414, -19.6606,  -9.5164,  19.2777],\n       grad_fn=<SqueezeBackward3>)',
      'scaled-softmax':
        'tensor([3.3559e-01, 6.1726e-02, 7.8361e-05, 2.1222e-04, 1.6829e-03, 6.0071e-01],\n       grad_fn=<SoftmaxBackward0>)',
      'context-vector':
        'torch.Size([28])\ntensor([ 1.6553,  1.3356,  2.3568,  1.8870,  1.2365,  1.4977,  1.0891,  2.1984,\n        -0.5872,  2.3954,  1.1139,  2.2103,  2.1913,  0.9127,  2.1987,  1.8836,\n         0.5733,  0.6872,  0.7283,  2.2573,  2.8605,  2.1737,  1.2913,  1.6612,\n         1.4178,  3.1113,  2.0411,  3.5763], grad_fn=<SqueezeBackward3>)',
    };
    for (const [id, expected] of Object.entries(torch)) {
      expect(outputOf(id, life), id).toBe(expected);
    }
    // The query's weights are row 1 of the all-queries matrix.
    expect(outputOf('all-queries', life).split('\n')[1]).toBe(
      'tensor([[3.3559e-01, 6.1726e-02, 7.8361e-05, 2.1222e-04, 1.6829e-03, 6.0071e-01],',
    );
  });

  it('follows the query in the formulas', () => {
    const h = { i: null, j: null };
    expect(step('omega-2').formula!(life, h)).toContain(String.raw`\omega_{1,6} &= 19.2777`);
    expect(step('omega-24').formula!(life, h)).toContain('-9.5164');
    expect(step('lookup-table').formula!(life, h)).toContain(String.raw`\text{onehot}(0)`);
  });
});

describe('life-is-short: learner edits', () => {
  // dessert's last entry -2.8400 -> 0.5; W_K[0, 1] -> 0.5.
  const w0 = start.weights!;
  const edited = derive(
    lesson,
    stateWith({
      embeddings: withEntry(start.embeddings, 4, 15, 0.5),
      weights: { ...w0, wk: withEntry(w0.wk, 0, 1, 0.5) },
    }),
  );

  it('writes each edit into the code, so the cell reproduces what it prints', () => {
    expect(codeOf('embedding', edited)).toBe(`torch.manual_seed(123)

# let's embed this integer-vector representation
embedding = torch.nn.Embedding(6, 16)
embedded_sentence = embedding(sentence_vec).detach()

# your edits
embedded_sentence[4, 15] = 0.5

print(embedded_sentence.shape)
print(embedded_sentence)`);
    expect(codeOf('weights', edited)).toMatch(
      /W_V = torch\.nn\.Parameter\(torch\.rand\(d_v, d\)\)\n\n# your edits: in place, so without gradient tracking\nwith torch\.no_grad\(\):\n {4}W_K\[0, 1\] = 0\.5$/,
    );
  });

  it('prints what PyTorch prints for the edited values', () => {
    const torch: Record<string, string> = {
      'omega-24': 'tensor(11.4891, grad_fn=<DotBackward0>)',
      'omega-2':
        'tensor([ 8.6333, -7.9533,  3.4182,  0.9868, 11.4891, -0.9593],\n       grad_fn=<SqueezeBackward3>)',
      'scaled-softmax':
        'tensor([0.2840, 0.0096, 0.0979, 0.0596, 0.5087, 0.0401],\n       grad_fn=<SoftmaxBackward0>)',
      'context-vector':
        'torch.Size([28])\ntensor([-0.0720,  0.0038,  1.8975,  0.2229, -0.4667,  0.1293, -0.3346, -0.4897,\n         0.5718,  1.4765,  1.0963,  0.4984,  0.9732,  1.7569,  0.9716, -0.7139,\n         0.6379, -1.0680,  0.1064, -0.1444,  2.0590,  0.9409, -1.0872,  0.1412,\n        -0.3328,  0.1360,  0.6670,  1.7803], grad_fn=<SqueezeBackward3>)',
    };
    for (const [id, expected] of Object.entries(torch)) {
      expect(outputOf(id, edited), id).toBe(expected);
    }
    expect(outputOf('embedding', edited)).toContain(
      '0.4965, -1.5723,  0.9666, -1.1481, -1.1589,  0.3255, -0.6315,  0.5000],',
    );
    // W_K changed, W_Q did not: the query is the same, the scores are not.
    expect(outputOf('query-vector', edited)).toBe(fixtures['query-vector']);
    // Only the query's row is checked against the table; dessert's edit leaves it equal.
    expect(outputOf('lookup-table', edited)).toBe('torch.Size([6, 16])\nTrue');
  });

  it('updates the live formulas', () => {
    const h = { i: null, j: null };
    expect(step('omega-24').formula!(defaults, h)).toContain('11.1466');
    expect(step('omega-24').formula!(edited, h)).toContain('11.4891');
    expect(step('scaled-softmax').formula!(edited, h)).toContain('0.5087');
    expect(step('without-scaling').formula!(defaults, h)).toContain('0.9283 & 0.4917');
    expect(step('context-vector').formula!(edited, h)).toContain('-0.0720');
  });

  it('highlights the key the learner points at', () => {
    const f = step('omega-2').formula!;
    expect(f(defaults, { i: null, j: null })).not.toContain('colorbox');
    expect(f(defaults, { i: 1, j: 4 })).toMatch(/colorbox\{[^}]*\}\{\$11\.1466\$\}/);
    expect(step('omega-24').formula!(defaults, { i: null, j: 4 })).toContain('colorbox');
    expect(step('omega-24').formula!(defaults, { i: null, j: 2 })).not.toContain('colorbox');
  });
});
