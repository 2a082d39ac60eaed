/**
 * attention.ts (and the ops it chains) against real PyTorch 1.13: the five seed notebooks'
 * computations and attention pipelines up to 256 tokens (src/math/fixtures/ops.json).
 *
 * All comparisons with PyTorch are BIT-EXACT (Object.is per float32 element; the large pipelines
 * compare an FNV-1a hash of all float32 bits plus their first and last rows).
 */
import { describe, expect, it } from 'vitest';
import fx from './fixtures/ops.json';
import { lcg } from './fixtures/lcg';
import { expectShapeError } from './fixtures/testing';
import {
  decodeNumber,
  decodeTensor,
  type FixtureNumber,
  type FixtureTensor,
} from './fixtures/decode';
import {
  attentionForQuery,
  projectQKV,
  scaledDotProductAttention,
  selfAttention,
  simpleAttention,
  type WeightLayout,
} from './attention';
import { cat, divTensor, dot, norm, softmax, softmaxNaive, sum, sumNumpy, unsqueeze } from './ops';
import { row, tensor, type Tensor } from './tensor';

type FT = FixtureTensor;
type Summary = { shape: number[]; hash: number; first: FT; last: FT };
type Pipeline = {
  name: string;
  seed: number;
  n: number;
  d_in: number;
  d_k?: number;
  d_v?: number;
  layout?: WeightLayout;
  causal?: boolean;
  simple?: boolean;
} & Record<string, Summary | unknown>;
type SeedId = '000' | '001' | '002' | '003' | '004';
const F = fx as unknown as {
  seeds: Record<SeedId, Record<string, FT | FixtureNumber>>;
  pipelines: Pipeline[];
};

/** A tensor recorded for a seed notebook. */
function seedT(seed: SeedId, key: string): Tensor {
  const v = F.seeds[seed][key];
  if (typeof v !== 'object' || v === null) throw new Error(`no tensor ${key} for seed ${seed}`);
  return decodeTensor(v);
}

/** A plain number recorded for a seed notebook (e.g. a NumPy scalar). */
function seedNumber(seed: SeedId, key: string): number {
  const v = F.seeds[seed][key];
  if (typeof v === 'object' || v === undefined)
    throw new Error(`no number ${key} for seed ${seed}`);
  return decodeNumber(v);
}

/** Where `actual` differs from `expected` bit for bit (Object.is per element), or null. */
function mismatch(actual: Tensor, expected: Tensor): string | null {
  const sa = JSON.stringify(actual.shape);
  const se = JSON.stringify(expected.shape);
  if (sa !== se) return `shape ${sa} != ${se}`;
  for (let i = 0; i < expected.data.length; i++) {
    if (!Object.is(actual.data[i], expected.data[i])) {
      return `element ${i}: got ${actual.data[i]}, PyTorch ${expected.data[i]}`;
    }
  }
  return null;
}

/** Checks each named result against the seed's fixture tensor and lists the mismatches. */
function compare(seed: SeedId, results: Record<string, Tensor>): string[] {
  return Object.entries(results).flatMap(([key, actual]) => {
    const m = mismatch(actual, seedT(seed, key));
    return m ? [`${key}: ${m}`] : [];
  });
}

/** FNV-1a over the float32 bit patterns, NaN canonicalised (as scripts/goldens/ops.py does). */
function fnv(t: Tensor): number {
  const bits = new Uint32Array(t.data.buffer, t.data.byteOffset, t.data.length);
  let h = 0x811c9dc5;
  for (let i = 0; i < bits.length; i++) {
    const b = Number.isNaN(t.data[i]) ? 0x7fc00000 : bits[i]!;
    h = Math.imul(h ^ b, 0x01000193) >>> 0;
  }
  return h;
}

function summaryMismatch(name: string, actual: Tensor, expected: Summary): string[] {
  const rows = actual.shape.length === 2 ? actual.shape[0]! : 1;
  const width = actual.data.length / Math.max(rows, 1);
  const first: Tensor = { shape: [width], data: actual.data.subarray(0, width) };
  const last: Tensor = { shape: [width], data: actual.data.subarray((rows - 1) * width) };
  const out: string[] = [];
  if (JSON.stringify(actual.shape) !== JSON.stringify(expected.shape)) {
    out.push(`${name}: shape ${JSON.stringify(actual.shape)} != ${JSON.stringify(expected.shape)}`);
  }
  const mf = mismatch(first, decodeTensor(expected.first));
  if (mf) out.push(`${name} first row: ${mf}`);
  const ml = mismatch(last, decodeTensor(expected.last));
  if (ml) out.push(`${name} last row: ${ml}`);
  if (fnv(actual) !== expected.hash) out.push(`${name}: hash ${fnv(actual)} != ${expected.hash}`);
  return out;
}

describe('seed 000: "Dream big and work for it" (no trainable weights)', () => {
  const x = seedT('000', 'inputs');
  const q = attentionForQuery(x, 1);
  const all = simpleAttention(x);

  it('every printed tensor matches PyTorch bit for bit', () => {
    const naive = divTensor(q.scores, sum(q.scores));
    const got = compare('000', {
      magnitudes: norm(x, 1),
      attn_scores_2: q.scores,
      naive_weights_2: naive,
      naive_weights_2_sum: sum(naive),
      attn_weights_2: q.weights,
      attn_scores: all.scores,
      attn_weights: all.weights,
      row_sums: sum(all.weights, -1),
      all_context_vecs: all.context,
      updated_inputs: cat([x, unsqueeze(row(all.context, 1), 0)], 0),
    });
    expect(got).toEqual([]);
  });

  it("`attn_weights_2_tmp.numpy().sum()` is NumPy's pairwise float32 sum", () => {
    expect(sumNumpy(q.weights)).toBe(seedNumber('000', 'attn_weights_2_numpy_sum'));
  });
});

describe('seed 001: "Your journey starts with one step"', () => {
  const x = seedT('001', 'inputs');
  const q = attentionForQuery(x, 1);
  const all = simpleAttention(x);
  const naive = divTensor(q.scores, sum(q.scores));

  it('every printed tensor matches PyTorch bit for bit', () => {
    const loopScores = new Float32Array(36);
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) loopScores[i * 6 + j] = dot(row(x, i), row(x, j)).data[0]!;
    }
    const got = compare('001', {
      dot_2_1: dot(row(x, 1), row(x, 0)),
      attn_score_2: q.scores,
      attn_weights_temp: naive,
      attn_weights_temp_sum: sum(naive),
      softmax_naive: softmaxNaive(q.scores, 0),
      attn_weights_2: softmax(q.scores, 0),
      attn_weights_2_sum: sum(q.weights),
      context_vec_2: q.context,
      loop_scores: { shape: [6, 6], data: loopScores },
      attn_scores: all.scores,
      attn_weights: all.weights,
      row_sums: sum(all.weights, -1),
      context: all.context,
    });
    expect(got).toEqual([]);
  });

  it('reproduces the notebook printing tensor(1.0000) for the naive sum but tensor(1.) for softmax', () => {
    // These digits depend on cascade_sum's order: a left-to-right sum would flip them.
    expect(sum(naive).data[0]).not.toBe(1);
    expect(sum(q.weights).data[0]).toBe(1);
  });
});

describe('seed 002: random embeddings from the 4-decimal printout', () => {
  const x = seedT('002', 'word_embeddings');
  const q = attentionForQuery(x, 1);
  const all = simpleAttention(x);

  it('every tensor matches PyTorch on the same inputs bit for bit', () => {
    const got = compare('002', {
      sim_score: q.scores,
      sim_weights_naive: divTensor(q.scores, sum(q.scores)),
      sim_weights: q.weights,
      sim_weights_sum: sum(q.weights),
      context_vector: q.context,
      similarity_mat: all.scores,
      similarity_weights: all.weights,
      row_0_sum: sum(row(all.weights, 0)),
      row_sums: sum(all.weights, -1),
      context_matrix: all.context,
    });
    expect(got).toEqual([]);
  });
});

describe("seed 003: Raschka's article, W is (d_out, d_in) ('W@x')", () => {
  const x = seedT('003', 'embedded_sentence');
  const wq = seedT('003', 'W_query');
  const wk = seedT('003', 'W_key');
  const wv = seedT('003', 'W_value');

  it('query_2 = W_query.matmul(x_2), keys = (W_key @ x.T).T, omega_2, softmax(omega_2 / 24**0.5), z(2)', () => {
    const one = projectQKV(row(x, 1), wq, wk, wv, 'W@x');
    const all = projectQKV(x, wq, wk, wv, 'W@x');
    const att = scaledDotProductAttention(one.queries, all.keys, all.values);
    const got = compare('003', {
      query_2: one.queries,
      key_2: one.keys,
      value_2: one.values,
      queries_all: all.queries,
      keys: all.keys,
      values: all.values,
      omega_24: dot(one.queries, row(all.keys, 4)),
      omega_2: att.scores,
      omega_2_scaled: att.scaled,
      attention_weights_2: att.weights,
      context_vector_2: att.context,
    });
    expect(got).toEqual([]);
    expect(att.context.shape).toEqual([28]);
  });
});

describe("seed 004: 10 tokens, W is (d_in, d_out) ('x@W')", () => {
  const x = seedT('004', 'token_embedding');
  const w = (k: string) => seedT('004', k);

  it('query, key, value, q_kt, q_kt / math.sqrt(d_k), softmax and context match bit for bit', () => {
    const r = selfAttention(x, w('w_query'), w('w_key'), w('w_value'), 'x@W');
    const got = compare('004', {
      query: r.queries,
      key: r.keys,
      value: r.values,
      q_kt: r.scores,
      f: r.scaled,
      s: r.weights,
      context_vector: r.context,
    });
    expect(got).toEqual([]);
  });

  it('the causal variant masks with -inf before softmax', () => {
    const r = selfAttention(x, w('w_query'), w('w_key'), w('w_value'), 'x@W', { causal: true });
    expect(compare('004', { causal_weights: r.weights, causal_context: r.context })).toEqual([]);
    expect(r.masked?.data[1]).toBe(-Infinity);
    expect(r.weights.data[1]).toBe(0);
  });
});

describe('attention pipelines on LCG inputs (6 to 256 tokens)', () => {
  for (const p of F.pipelines) {
    it(`${p.name}: every intermediate matches PyTorch bit for bit`, () => {
      const x = lcg(p.seed, [p.n, p.d_in]);
      const problems: string[] = [];
      const check = (name: string, t: Tensor) =>
        problems.push(...summaryMismatch(name, t, p[name] as Summary));
      if (p.simple) {
        const r = simpleAttention(x);
        check('scores', r.scores);
        check('weights', r.weights);
        check('context', r.context);
      } else {
        const layout = p.layout ?? 'x@W';
        const shape = (dOut: number) => (layout === 'x@W' ? [p.d_in, dOut] : [dOut, p.d_in]);
        const wq = lcg(p.seed * 101 + 1, shape(p.d_k!));
        const wk = lcg(p.seed * 101 + 2, shape(p.d_k!));
        const wv = lcg(p.seed * 101 + 3, shape(p.d_v!));
        const r = selfAttention(x, wq, wk, wv, layout, { causal: p.causal ?? false });
        check('queries', r.queries);
        check('keys', r.keys);
        check('values', r.values);
        check('scores', r.scores);
        check('scaled', r.scaled);
        check('weights', r.weights);
        check('row_sums', sum(r.weights, -1));
        check('context', r.context);
      }
      expect(problems).toEqual([]);
    });
  }
});

describe('attention API', () => {
  it('attentionForQuery (the notebook loops) equals the matching row of simpleAttention', () => {
    const x = lcg(77, [9, 5]);
    const all = simpleAttention(x);
    for (let i = 0; i < 9; i++) {
      const q = attentionForQuery(x, i);
      expect(mismatch(q.scores, row(all.scores, i))).toBeNull();
      expect(mismatch(q.weights, row(all.weights, i))).toBeNull();
      expect(mismatch(q.context, row(all.context, i))).toBeNull();
    }
    expect(mismatch(attentionForQuery(x, -1).context, row(all.context, 8))).toBeNull();
  });

  it("'x@W' and 'W@x' give identical projections for transposed weights", () => {
    const x = lcg(5, [6, 4]);
    const w = lcg(6, [4, 3]);
    const wt: Tensor = { shape: [3, 4], data: new Float32Array(12) };
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) wt.data[j * 4 + i] = w.data[i * 3 + j]!;
    const a = projectQKV(x, w, w, w, 'x@W');
    const b = projectQKV(x, wt, wt, wt, 'W@x');
    expect(mismatch(a.queries, b.queries)).toBeNull();
  });

  it('causal attention gives weight 0 above the diagonal and rows summing to 1', () => {
    const q = lcg(11, [8, 4]);
    const r = scaledDotProductAttention(q, q, q, { causal: true });
    for (let i = 0; i < 8; i++) {
      let s = 0;
      for (let j = 0; j < 8; j++) {
        const v = r.weights.data[i * 8 + j]!;
        if (j > i) expect(v).toBe(0);
        s += v;
      }
      expect(Math.abs(s - 1)).toBeLessThanOrEqual(1e-6);
    }
    expect(r.weights.data[0]).toBe(1);
  });

  it('rejects wrong shapes, naming both', () => {
    const x = tensor([6, 16], new Array(96).fill(0.5));
    const w = tensor([24, 16], new Array(384).fill(0.5));
    expectShapeError(() => projectQKV(x, w, w, w, 'x@W'), 'x [6, 16] @ W_query [24, 16]');
    expectShapeError(
      () => projectQKV(x, w, w, tensor([16], new Array(16).fill(1)), 'W@x'),
      'W_value',
    );
    expectShapeError(() => simpleAttention(tensor([3], [1, 2, 3])), '[3]');
    const k = tensor([6, 4], new Array(24).fill(1));
    const v = tensor([5, 4], new Array(20).fill(1));
    expectShapeError(
      () => scaledDotProductAttention(tensor([6, 3], new Array(18).fill(1)), k, k),
      '[6, 3]',
      '[6, 4]',
    );
    expectShapeError(() => scaledDotProductAttention(k, k, v), '[6, 4]', '[5, 4]');
    const q2 = tensor([2, 4], new Array(8).fill(1));
    expectShapeError(
      () => scaledDotProductAttention(q2, k, k, { causal: true }),
      '[2, 4]',
      '[6, 4]',
    );
  });
});
