import { describe, expect, it } from 'vitest';
import { torchGenerator } from '../math/random';
import { at, tensor, tensorsEqual } from '../math/tensor';
import { attentionSeeker as lesson, PROMPT, tokenIds, vocabulary } from './attentionSeeker';
import { derive, reseed } from './derive';
import {
  editedFixtures,
  expectCodeAvoids,
  expectFormulasRender,
  expectNoStaleFixtures,
  expectProseTexRenders,
  itPrintsFixtures,
  lessonFixtures,
  lessonHarness,
} from './testing';
import type { Highlight, LessonState } from './types';

// Expected strings here are never computed by our code: they are real PyTorch 1.13 output, from
// (a) src/math/fixtures/lessons.json (scripts/goldens/lessons.py runs every step's code at the
// lesson's defaults, and again with the query's first entry set to 0.9), (b) the printed outputs
// of seed notebook 004, copied verbatim with the cell they come from, and (c) for other states,
// each step's code as shown for that state, run once under PyTorch 1.13 and pasted here.

const atDefaults = lessonFixtures('attention-seeker');
const editedFixture = editedFixtures('attention-seeker');

const { start, defaults, step, codeOf, outputOf } = lessonHarness(lesson);
const stateWith = (patch: Partial<LessonState>): LessonState => ({ ...start, ...patch });

/** The defaults with one embedding entry changed. */
function withEmbedding(r: number, c: number, v: number): LessonState {
  const data = Array.from(start.embeddings.data);
  data[r * 3 + c] = v;
  return stateWith({ embeddings: tensor([10, 3], data) });
}

describe('attention-seeker: structure', () => {
  it('walks the notebook in 14 to 18 steps with unique kebab-case ids', () => {
    const ids = lesson.steps.map((s) => s.id);
    expect(ids.length).toBeGreaterThanOrEqual(14);
    expect(ids.length).toBeLessThanOrEqual(18);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(ids).toEqual([
      'prompt',
      'vocabulary',
      'tokens',
      'seed',
      'embedding-layer',
      'embed',
      'same-word',
      'no-weights',
      'sizes',
      'weights',
      'projections',
      'scores',
      'scale',
      'softmax',
      'context',
      'query-row',
      'twins',
      'recap',
    ]);
  });

  it('gives every step prose, a live view, and code for every output', () => {
    for (const s of lesson.steps) {
      expect(s.prose.length, s.id).toBeGreaterThan(200);
      // No HTML outside code spans (`grad_fn=<MmBackward0>` is code).
      expect(s.prose.replace(/`[^`]*`/g, ''), s.id).not.toMatch(/<[a-z]/i);
      // The prose renderer reads *italic* only; _italic_ would show its underscores.
      expect(s.prose, s.id).not.toMatch(/(^|[\s(])_[^_\s`$][^_`$]*_(?=[\s.,;:)']|$)/);
      expect(s.views?.length ?? 0, s.id).toBeGreaterThan(0);
      if (s.output) expect(s.code, s.id).toBeDefined();
    }
  });

  it('lets the learner reseed where the seed matters and edit the weights', () => {
    const kinds = (id: string) => (step(id).views ?? []).map((v) => v.kind);
    for (const id of ['seed', 'embedding-layer', 'embed', 'recap'])
      expect(kinds(id)).toContain('seed');
    for (const id of ['sizes', 'weights', 'scores']) expect(kinds(id)).toContain('trainable');
    expect(step('no-weights').views).toContainEqual({
      kind: 'matrix',
      of: 'weights',
      caption: 'Plain attention weights',
      rowSums: true,
    });
  });
});

describe('attention-seeker: outputs equal real PyTorch (lessons.json)', () => {
  const withOutput = lesson.steps.filter((s) => s.output);

  it('has fixtures for the lesson', () => {
    expect(
      atDefaults,
      'lessons.json has no attention-seeker entry: rerun the script',
    ).toBeDefined();
    expect(editedFixture, 'lessons.json has no edited attention-seeker entry').toBeDefined();
  });

  itPrintsFixtures(
    lesson.steps,
    () => atDefaults,
    () => defaults,
    '%s, at the defaults',
  );

  it.each(withOutput.map((s) => [s.id, s] as const))('%s, with the edited embedding', (id, s) => {
    const fx = editedFixture!;
    // The script's edit: the query token's first entry set to 0.9.
    expect(fx.edit).toEqual({ row: lesson.query, col: 0, value: 0.9 });
    const d = derive(lesson, withEmbedding(fx.edit.row, fx.edit.col, fx.edit.value));
    expect(fx.outputs[id], `no edited fixture for ${id}`).toBeTypeOf('string');
    expect(s.output!(d)).toBe(fx.outputs[id]);
  });

  it('has no stale fixtures', () => {
    expectNoStaleFixtures(lesson.steps, atDefaults);
  });

  it('changes what depends on the edited embedding', () => {
    const changed = withOutput.filter((s) => editedFixture?.outputs[s.id] !== atDefaults?.[s.id]);
    expect(changed.map((s) => s.id)).toEqual([
      'embed',
      'no-weights',
      'projections',
      'scores',
      'scale',
      'softmax',
      'context',
      'query-row',
    ]);
  });
});

describe('attention-seeker: the notebook, verbatim', () => {
  // In[3]: the dict with its gaps.
  const IN3 =
    "{'hello': 0, 'i': 2, 'world': 3, 'am': 4, 'an': 5, 'attention': 7, 'love': 8, 'seeker': 9}";
  // In[5]: the token list and tensor.
  const IN5 = '[0, 3, 2, 4, 5, 7, 9, 2, 8, 7]\ntensor([0, 3, 2, 4, 5, 7, 9, 2, 8, 7])';
  // In[11]: the embeddings after torch.manual_seed(123) and Embedding(50000, 3), and their shape.
  const IN11 = `tensor([[ 0.3374, -0.1778, -0.3035],
        [-1.1925,  0.6984, -1.4097],
        [-0.2196, -0.3792,  0.7671],
        [ 0.1794,  1.8951,  0.4954],
        [ 0.2692, -0.0770, -1.0205],
        [ 1.3010,  1.2753, -0.2010],
        [-1.1481, -1.1589,  0.3255],
        [-0.2196, -0.3792,  0.7671],
        [ 0.4965, -1.5723,  0.9666],
        [ 1.3010,  1.2753, -0.2010]])
torch.Size([10, 3])`;

  it('In[3]: prints the dictionary with its gaps', () => {
    expect(atDefaults?.['vocabulary']).toBe(IN3);
    expect(outputOf('vocabulary')).toBe(IN3);
  });

  it('In[5]: prints the token ids as a list and as an int64 tensor', () => {
    expect(atDefaults?.['tokens']).toBe(IN5);
    expect(outputOf('tokens')).toBe(IN5);
  });

  it('In[11]: prints the notebook’s embeddings at seed 123', () => {
    expect(atDefaults?.['embed']).toBe(IN11);
    expect(outputOf('embed')).toBe(IN11);
  });

  it('keeps the notebook’s code, split over the steps', () => {
    expect(codeOf('prompt')).toContain(
      'prompt = "Hello World I am an attention seeker I love attention"',
    );
    // In[2] and In[3]
    expect(codeOf('vocabulary')).toBe(
      'dic_words = {s.lower():i for i,s in enumerate(sorted(prompt.split(" ")))}\n\nprint(dic_words)',
    );
    // In[5]
    expect(codeOf('tokens')).toBe(`tokens = [dic_words[i.lower()] for i in prompt.split(" ")]
print(tokens)

import torch
tokens_tf = torch.tensor(tokens)
print(tokens_tf)`);
    // In[10], plus two prints
    expect(codeOf('embedding-layer')).toMatch(
      /^from torch\.nn import Embedding\n\ntorch\.manual_seed\(123\)\nvocab_size = 50000\nembedder = Embedding\(vocab_size, 3\)\n/,
    );
    // In[11]
    expect(codeOf('embed')).toBe(
      'token_embedding = embedder(tokens_tf).detach()\nprint(token_embedding)\nprint(token_embedding.shape)',
    );
    // In[12], In[13], In[15]
    expect(codeOf('sizes')).toContain('d = token_embedding.shape[1]\nd_q, d_k, d_v = 24, 24, 28');
    expect(codeOf('weights')).toMatch(
      /^w_query = torch\.nn\.Parameter\(torch\.rand\(d,d_q\)\)\nw_key = torch\.nn\.Parameter\(torch\.rand\(d,d_k\)\)\nw_value = torch\.nn\.Parameter\(torch\.rand\(d,d_v\)\)\nprint/,
    );
    expect(codeOf('projections')).toMatch(
      /^query = token_embedding @ w_query\nkey = token_embedding @ w_key\nvalue = token_embedding @ w_value\n/,
    );
    // In[21], one line per step
    expect(codeOf('scores')).toContain(
      'import math\nfrom torch.nn.functional import softmax\nq_kt = query @ key.T',
    );
    expect(codeOf('scale')).toContain('f = q_kt/math.sqrt(d_k)');
    expect(codeOf('softmax')).toContain('s = softmax(f, dim = -1)');
    expect(codeOf('context')).toBe('context_vector = s @ value\nprint(context_vector)');
  });

  it('prints the context vectors with their grad_fn, since the weights require grad', () => {
    const printed = atDefaults?.['context'] ?? '';
    expect(printed).toMatch(/^tensor\(\[\[-0\.1479, -0\.1076,/);
    expect(printed.endsWith('1.1410]], grad_fn=<MmBackward0>)')).toBe(true);
    expect(atDefaults?.['scores']).toMatch(/grad_fn=<MmBackward0>\)$/);
    expect(atDefaults?.['scale']).toMatch(/grad_fn=<DivBackward0>\)$/);
    expect(atDefaults?.['softmax']).toMatch(
      /grad_fn=<SoftmaxBackward0>\)\ntensor\(\[1\.0000, [\s\S]*grad_fn=<SumBackward1>\)$/,
    );
    expect(atDefaults?.['weights']).toMatch(/^Parameter containing:\ntensor\(\[\[0\.2482, /);
    expect(atDefaults?.['weights']).toContain(
      'requires_grad=True)\ntorch.Size([3, 24]) torch.Size([3, 28])',
    );
  });

  it('reproduces the notebook’s explanation of manual_seed: tensor([0.2961, 0.5166, 0.2517])', () => {
    const [first, again, next] = (atDefaults?.['seed'] ?? '').split('\n');
    expect(first).toBe('tensor([0.2961, 0.5166, 0.2517])');
    expect(again).toBe(first);
    expect(next).not.toBe(first);
  });
});

describe('attention-seeker: the vocabulary quirk', () => {
  it('numbers the sorted words, uppercase first, and lets a later duplicate win', () => {
    expect([...PROMPT.split(' ')].sort()).toEqual([
      'Hello',
      'I',
      'I',
      'World',
      'am',
      'an',
      'attention',
      'attention',
      'love',
      'seeker',
    ]);
    expect(vocabulary(PROMPT)).toEqual([
      ['hello', 0],
      ['i', 2],
      ['world', 3],
      ['am', 4],
      ['an', 5],
      ['attention', 7],
      ['love', 8],
      ['seeker', 9],
    ]);
    expect(tokenIds(PROMPT)).toEqual([0, 3, 2, 4, 5, 7, 9, 2, 8, 7]);
  });

  it('shows the overwritten ids in the formula', () => {
    const tex = step('vocabulary').formula!(defaults, { i: null, j: null });
    expect(tex).toContain('\\cancel{1}');
    expect(tex).toContain('\\cancel{6}');
  });
});

describe('attention-seeker: the seed', () => {
  it('gives identical values for the same seed twice', () => {
    const a = derive(lesson, reseed(lesson, start, 7));
    const b = derive(lesson, reseed(lesson, reseed(lesson, start, 99), 7));
    expect(a).not.toBe(b);
    expect(tensorsEqual(a.x, b.x)).toBe(true);
    expect(tensorsEqual(a.trainable!.wq, b.trainable!.wq)).toBe(true);
    expect(tensorsEqual(a.trainable!.wv, b.trainable!.wv)).toBe(true);
    for (const s of lesson.steps.filter((x) => x.output)) {
      expect(s.output!(a), s.id).toBe(s.output!(b));
    }
    // And back to 123: the notebook's numbers again.
    const back = derive(lesson, reseed(lesson, reseed(lesson, start, 7), 123));
    expect(outputOf('embed', back)).toBe(atDefaults?.['embed']);
    expect(outputOf('context', back)).toBe(atDefaults?.['context']);
  });

  it('changes embeddings and weights together for another seed', () => {
    const d = derive(lesson, reseed(lesson, start, 7));
    expect(tensorsEqual(d.x, defaults.x)).toBe(false);
    expect(tensorsEqual(d.trainable!.wq, defaults.trainable!.wq)).toBe(false);
    expect(tensorsEqual(d.trainable!.wk, defaults.trainable!.wk)).toBe(false);
    expect(tensorsEqual(d.trainable!.wv, defaults.trainable!.wv)).toBe(false);
    // The weights continue the stream after the table's 150,000 normal draws.
    const g = torchGenerator(7);
    g.embedding(50000, 3);
    expect(tensorsEqual(d.trainable!.wq, g.rand([3, 24]))).toBe(true);
    // The ids, and what depends on them only, do not change.
    expect(outputOf('tokens', d)).toBe(outputOf('tokens'));
    expect(codeOf('seed', d)).toMatch(/^torch\.manual_seed\(7\)\n/);
    expect(codeOf('embedding-layer', d)).toContain('\ntorch.manual_seed(7)\n');
    expect(codeOf('embed', d)).not.toContain('# your edits');
    expect(codeOf('weights', d)).not.toContain('no_grad');
  });

  it('prints what PyTorch prints after torch.manual_seed(7)', () => {
    const d = derive(lesson, reseed(lesson, start, 7));
    const torch: Record<string, string> = {
      seed: 'tensor([0.5349, 0.1988, 0.6592])\ntensor([0.5349, 0.1988, 0.6592])\ntensor([0.6569, 0.2328, 0.4251])',
      embed: `tensor([[-0.8201,  0.3956,  0.8989],
        [-0.5355, -1.1597, -0.4602],
        [-0.6411, -0.8937,  0.9265],
        [ 0.7085,  1.0128,  0.2304],
        [ 1.0902, -1.5827, -0.3246],
        [ 0.7821,  1.0391, -0.7245],
        [-0.3452, -2.0615,  0.6741],
        [-0.6411, -0.8937,  0.9265],
        [-0.2093, -0.2153, -1.8157],
        [ 0.7821,  1.0391, -0.7245]])
torch.Size([10, 3])`,
      weights: `Parameter containing:
tensor([[0.8661, 0.5184, 0.9678, 0.7055, 0.3046, 0.8965, 0.4497, 0.5289, 0.3720,
         0.9606, 0.1989, 0.4800, 0.0504, 0.2590, 0.0030, 0.5921, 0.0489, 0.9554,
         0.9184, 0.0320, 0.3476, 0.6416, 0.9027, 0.9806],
        [0.8645, 0.7941, 0.5534, 0.2999, 0.6421, 0.8997, 0.3241, 0.6513, 0.4665,
         0.7170, 0.6622, 0.9343, 0.6698, 0.4477, 0.8798, 0.7760, 0.0142, 0.7873,
         0.7601, 0.5722, 0.5583, 0.5747, 0.1114, 0.6277],
        [0.7674, 0.7827, 0.2631, 0.2896, 0.6510, 0.6260, 0.5748, 0.9387, 0.1835,
         0.8922, 0.5156, 0.6336, 0.1174, 0.4907, 0.1302, 0.5562, 0.0957, 0.0013,
         0.1275, 0.3075, 0.1176, 0.3343, 0.1891, 0.8150]], requires_grad=True)
torch.Size([3, 24]) torch.Size([3, 28])`,
      'query-row': `tensor([6.9211e-05, 3.3058e-01, 2.1636e-03, 1.3404e-06, 9.3287e-03, 2.2200e-05,
        8.3271e-02, 2.1636e-03, 5.7238e-01, 2.2200e-05],
       grad_fn=<SelectBackward0>)
tensor([-0.5270, -1.3547, -0.5229, -0.6007, -1.7077, -0.7699, -0.8908, -1.1985,
        -0.6116, -1.1036, -1.6320, -0.7843, -0.9466, -1.0886, -1.7135, -0.9612,
        -0.6201, -1.4603, -0.9721, -1.1952, -0.6438, -0.2639, -1.1905, -0.8627,
        -0.9517, -1.0239, -0.7911, -1.1454], grad_fn=<SelectBackward0>)`,
    };
    for (const [id, expected] of Object.entries(torch)) expect(outputOf(id, d), id).toBe(expected);
    // The repeated words still share their rows under any seed.
    expect(outputOf('same-word', d)).toBe('True\nTrue');
    expect(outputOf('twins', d)).toBe('True\nTrue');
  });
});

describe('attention-seeker: another query', () => {
  const d = derive(lesson, stateWith({ query: 3 }));

  it('points the query cells at the 4th word, "am"', () => {
    expect(d.queryToken).toBe('am');
    expect(codeOf('projections', d)).toContain(
      "print(query[3])  # the query vector of 'am', word 4",
    );
    expect(codeOf('query-row', d)).toBe(
      "print(s[3])  # how 'am' divides its attention\nprint(context_vector[3])",
    );
    expectCodeAvoids(lesson.steps, d, /query\[1\]|s\[1\]|context_vector\[1\]|'World'/);
  });

  it('prints row 4 as PyTorch does, and the same row of the full matrices', () => {
    expect(outputOf('projections', d))
      .toBe(`torch.Size([10, 24]) torch.Size([10, 24]) torch.Size([10, 28])
tensor([0.7209, 1.0006, 1.8167, 1.1691, 1.3028, 1.5859, 1.5479, 0.9268, 1.3701,
        0.8430, 0.6365, 1.1894, 0.6402, 0.8563, 0.8152, 1.6804, 1.6691, 1.6190,
        0.8755, 2.4286, 0.7270, 1.5268, 1.6626, 0.5036],
       grad_fn=<SelectBackward0>)`);
    expect(outputOf('query-row', d))
      .toBe(`tensor([1.2187e-04, 5.2372e-07, 4.7989e-04, 5.6797e-01, 1.2386e-05, 2.1537e-01,
        7.3340e-07, 4.7989e-04, 2.0181e-04, 2.1537e-01],
       grad_fn=<SelectBackward0>)
tensor([0.8267, 1.4581, 0.5838, 1.2482, 1.7377, 1.6291, 1.1330, 1.3417, 0.6073,
        0.1890, 1.9734, 1.1877, 2.2827, 0.6900, 1.3182, 0.8151, 1.5588, 0.7347,
        0.9638, 1.3002, 0.9232, 1.8427, 0.2679, 1.7625, 1.4453, 1.2461, 1.2671,
        1.1497], grad_fn=<SelectBackward0>)`);
    // Row 4 of In[21]'s s, as printed at the defaults (the query does not change the matrices).
    expect(atDefaults?.['softmax']).toContain(
      '[1.2187e-04, 5.2372e-07, 4.7989e-04, 5.6797e-01, 1.2386e-05, 2.1537e-01,\n         7.3340e-07, 4.7989e-04, 2.0181e-04, 2.1537e-01]',
    );
    for (const id of ['scores', 'scale', 'softmax', 'context']) {
      expect(outputOf(id, d), id).toBe(outputOf(id));
    }
  });

  it('names the query in the formulas', () => {
    const none: Highlight = { i: null, j: null };
    expect(step('projections').formula!(d, none)).toContain('q^{(4)} &= x^{(4)}');
    expect(step('query-row').formula!(d, none)).toContain('\\text{am}');
    expect(step('softmax').formula!(d, none)).toContain('\\alpha_{4,4}');
  });
});

describe('attention-seeker: learner edits', () => {
  // I #1 (row 2) gets 0.5 as its first entry; w_key[0, 1] becomes 0.5.
  const wk = Array.from(start.weights!.wk.data);
  wk[1] = 0.5;
  const emb = withEmbedding(2, 0, 0.5);
  const edited = derive(lesson, {
    ...emb,
    weights: { ...start.weights!, wk: tensor([3, 24], wk) },
  });

  it('shows the edits as assignments in the code', () => {
    expect(codeOf('embed', edited)).toBe(`token_embedding = embedder(tokens_tf).detach()
# your edits
token_embedding[2, 0] = 0.5
print(token_embedding)
print(token_embedding.shape)`);
    expect(codeOf('weights', edited)).toContain(`w_value = torch.nn.Parameter(torch.rand(d,d_v))
with torch.no_grad():  # your edits
    w_key[0, 1] = 0.5
print(w_query)`);
  });

  it('calls twins close, not bit-equal: a last-bit difference keeps them twins', () => {
    // I #1's first entry moved by one float32 ulp, as another BLAS's rounding might move it.
    const emb = Float32Array.from(start.embeddings.data);
    const bits = new Uint32Array(Float32Array.of(emb[6]!).buffer);
    bits[0]! += 1;
    emb[6] = new Float32Array(bits.buffer)[0]!;
    expect(emb[6]).toBe(-0.21963763236999512);
    const nudged = derive(lesson, stateWith({ embeddings: tensor(start.embeddings.shape, emb) }));
    expect(codeOf('twins')).toContain(
      'print(torch.allclose(context_vector[2], context_vector[7]))',
    );
    expect(codeOf('twins')).not.toContain('torch.equal');
    // PyTorch 1.13 on this code: torch.equal(context_vector[2], context_vector[7]) is False (they
    // differ by 5.96e-08), torch.allclose True; the looked-up rows themselves differ.
    expect(outputOf('twins', nudged)).toBe('True\nTrue');
    expect(outputOf('same-word', nudged)).toBe('False\nTrue');
    expect(step('twins').formula!(nudged, { i: null, j: null })).toContain(
      'z^{(3)} &\\approx z^{(8)}',
    );
  });

  it('separates the two I’s, and only them, as PyTorch does', () => {
    expect(outputOf('same-word', edited)).toBe('False\nTrue');
    expect(outputOf('twins', edited)).toBe('False\nTrue');
    // Only row 3 of the table changed: I #2 keeps the table's row 2.
    expect(at(edited.x, 7, 0)).toBe(at(defaults.x, 7, 0));
    expect(outputOf('embed', edited)).toContain(
      '        [ 0.5000, -0.3792,  0.7671],\n        [ 0.1794,  1.8951,  0.4954],',
    );
    expect(outputOf('embed', edited)).toContain(
      '        [-0.2196, -0.3792,  0.7671],\n        [ 0.4965,',
    );
  });

  it('prints what PyTorch prints for the edited values', () => {
    expect(outputOf('query-row', edited))
      .toBe(`tensor([1.7852e-02, 4.5653e-01, 1.9622e-03, 5.8805e-05, 7.8328e-02, 1.4105e-04,
        4.2365e-01, 6.7068e-03, 1.4628e-02, 1.4105e-04],
       grad_fn=<SelectBackward0>)
tensor([-1.4293, -0.8217, -0.9718, -0.4535, -1.5108, -0.9401, -1.4436, -0.9827,
        -0.3638, -0.0988, -1.2580, -0.8512, -1.3191, -0.4927, -1.5840, -1.3481,
        -1.1073, -0.4199, -0.8392, -0.6762, -0.9484, -1.1151, -0.3026, -0.6105,
        -1.1275, -1.3640, -1.2326, -1.2483], grad_fn=<SelectBackward0>)`);
    // w_query was not edited, so its printout is the seed's.
    expect(outputOf('weights', edited)).toBe(atDefaults?.['weights']);
  });

  it('updates the formulas', () => {
    const h: Highlight = { i: 2, j: null };
    expect(step('embed').formula!(edited, h)).toContain('0.5000');
    expect(step('same-word').formula!(edited, h)).toContain('x^{(3)} &\\neq x^{(8)}');
    expect(step('same-word').formula!(defaults, h)).toContain('x^{(3)} &= x^{(8)}');
    expect(step('twins').formula!(edited, h)).toContain('z^{(3)} &\\neq z^{(8)}');
    expect(step('twins').formula!(edited, h)).toContain('z^{(6)} &= z^{(10)}');
  });
});

describe('attention-seeker: TeX', () => {
  const HIGHLIGHTS: Highlight[] = [
    { i: null, j: null },
    { i: 1, j: 3 },
    { i: null, j: 0 },
    { i: 7, j: null },
    { i: 9, j: 9 },
  ];
  const states = [
    defaults,
    derive(lesson, stateWith({ query: 9 })),
    derive(lesson, reseed(lesson, start, 7)),
    derive(lesson, withEmbedding(0, 1, -3.25)),
  ];

  it('renders every formula with KaTeX, for any highlight', () => {
    expectFormulasRender(lesson.steps, states, HIGHLIGHTS, { strict: true });
  });

  it('highlights what the learner points at', () => {
    expect(step('softmax').formula!(defaults, { i: null, j: 3 })).toContain('\\colorbox');
    expect(step('softmax').formula!(defaults, { i: null, j: null })).not.toContain('\\colorbox');
    // Pointing at a score shows both directions: ω_ij and ω_ji differ.
    const tex = step('scores').formula!(defaults, { i: 3, j: 1 });
    expect(tex).toContain('\\omega_{4,2}');
    expect(tex).toContain('\\omega_{2,4} &= q^{(2)} \\cdot k^{(4)} = -25.8073');
    // Pointing at a word marks every place with the same id.
    const tokensTex = step('tokens').formula!(defaults, { i: 2, j: null });
    expect(tokensTex.match(/colorbox/g)?.length).toBe(6);
  });

  it('renders the TeX in every step’s prose', () => {
    expectProseTexRenders(lesson.steps);
  });

  it('writes a factor of -0 in parentheses, as any other negative factor', () => {
    const zero = derive(lesson, withEmbedding(1, 0, -0));
    const tex = step('projections').formula!(zero, { i: null, j: null });
    expect(tex).toMatch(/&= \(-0\.0000\)\\cdot 0\.\d{4}/);
    expect(tex).not.toMatch(/&= -0\.0000/);
  });
});
