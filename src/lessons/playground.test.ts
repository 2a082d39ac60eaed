import { describe, expect, it } from 'vitest';
import {
  add,
  causalMask,
  div,
  learnedPositions,
  rope,
  sinusoidalPositions,
  indexRows,
  matmul,
  maskedFill,
  numpyFloat32Repr,
  softmax,
  tensorsEqual,
  torchGenerator,
  transpose,
} from '../math';
import whitespace from '../math/fixtures/whitespace.json';
import { attend, baseTensors, printed, pythonCode, pyString, rotary } from './playground';
import { tokenize } from './tokenize';

const tokens = tokenize('the cat saw the dog');

describe('playground compute', () => {
  it('draws embeddings by sorted vocabulary id, so equal words share a row', () => {
    const b = baseTensors(tokens, 4, 123, 2, 3);
    expect(b.vocab).toEqual(['cat', 'dog', 'saw', 'the']);
    expect(b.ids).toEqual([3, 0, 2, 3, 1]);
    const g = torchGenerator(123);
    const table = g.embedding(4, 4);
    expect(tensorsEqual(b.x, indexRows(table, b.ids))).toBe(true);
    expect(tensorsEqual(b.wq, g.rand([4, 2]))).toBe(true);
    expect(tensorsEqual(b.wk, g.rand([4, 2]))).toBe(true);
    expect(tensorsEqual(b.wv, g.rand([4, 3]))).toBe(true);
    expect(Array.from(b.x.data.subarray(0, 4))).toEqual(Array.from(b.x.data.subarray(12, 16)));
  });

  it('plain attention equals x @ x.T, softmax, @ x', () => {
    const b = baseTensors(tokens, 3, 7, 2, 2);
    const r = attend(b.x, b, 'plain', false);
    const scores = matmul(b.x, transpose(b.x));
    const weights = softmax(scores, -1);
    expect(tensorsEqual(r.scores, scores)).toBe(true);
    expect(tensorsEqual(r.weights, weights)).toBe(true);
    expect(tensorsEqual(r.context, matmul(weights, b.x))).toBe(true);
  });

  it('trainable causal attention equals the direct composition', () => {
    const b = baseTensors(tokens, 3, 123, 2, 4);
    const r = attend(b.x, b, 'trainable', true);
    const q = matmul(b.x, b.wq);
    const k = matmul(b.x, b.wk);
    const v = matmul(b.x, b.wv);
    const scaled = div(matmul(q, transpose(k)), Math.sqrt(2));
    const weights = softmax(maskedFill(scaled, causalMask(5), -Infinity), -1);
    expect(tensorsEqual(r.weights, weights)).toBe(true);
    expect(tensorsEqual(r.context, matmul(weights, v))).toBe(true);
    expect(r.weights.data[1]).toBe(0);
    // The scores shown are the masked ones the code hands to the softmax.
    expect(tensorsEqual(r.scores, maskedFill(scaled, causalMask(5), -Infinity))).toBe(true);
    expect(r.scores.data[1]).toBe(-Infinity);
  });

  it('shows plain causal scores masked, as the code leaves them before the softmax', () => {
    const b = baseTensors(tokens, 3, 7, 2, 2);
    const r = attend(b.x, b, 'plain', true);
    const masked = maskedFill(matmul(b.x, transpose(b.x)), causalMask(5), -Infinity);
    expect(tensorsEqual(r.scores, masked)).toBe(true);
    expect(tensorsEqual(r.weights, softmax(masked, -1))).toBe(true);
    expect(r.scores.data[4]).toBe(-Infinity);
    expect(r.scores.data[20]).toBe(masked.data[20]);
    expect(Number.isFinite(r.scores.data[20])).toBe(true);
  });

  it('prints summarised tensors beyond 1000 elements and writes the code', () => {
    const many = Array.from({ length: 40 }, (_, k) => `w${k}`);
    const b = baseTensors(many, 30, 1, 30, 30);
    const out = printed(attend(b.x, b, 'trainable', false), 2);
    expect(out).toContain('...');
    const code = pythonCode(
      {
        sentence: 'a "b"',
        d: 3,
        seed: 1,
        mode: 'trainable',
        dk: 2,
        dv: 2,
        causal: true,
        query: 1,
        positions: 'none',
        edits: [[0, 1, 0.5]],
      },
      2,
    );
    expect(code).toContain('sentence = "a \\"b\\""');
    expect(code).toContain('x[0, 1] = 0.5');
    expect(code).toContain('torch.triu');
  });

  it('writes edited values as numpy literals that read back as the same float32, sign and all', () => {
    const values = [-0, 0, 1, -1000, 1e-5, Math.fround(1 / 3), Math.fround(0.1), 1e-45];
    const code = pythonCode(
      {
        sentence: 'a b c d e f g h',
        d: 1,
        seed: 1,
        mode: 'plain',
        dk: 1,
        dv: 1,
        causal: false,
        query: 0,
        positions: 'none',
        edits: values.map((v, k) => [k, 0, v] as const),
      },
      8,
    );
    const literals = values.map((_, k) => {
      const m = new RegExp(`^x\\[${k}, 0\\] = (.*)$`, 'm').exec(code);
      return m?.[1];
    });
    // numpy's own form of each value (numpyFloat32Repr matches numpy in format.test.ts) ...
    expect(literals).toEqual(values.map(numpyFloat32Repr));
    // ... which keeps the sign of zero: `x[0, 0] = 0` would store +0 where the page has -0.
    expect(literals[0]).toBe('-0.0');
    for (const [k, v] of values.entries()) {
      expect(Object.is(Math.fround(Number(literals[k])), Math.fround(v)), literals[k]).toBe(true);
    }
  });

  it('draws learned positions right after the token table, as learnedPositions does, then the W', () => {
    const b = baseTensors(tokens, 4, 123, 2, 3, 'learned');
    const want = learnedPositions({
      seed: 123,
      vocabSize: 4,
      contextLength: 5,
      d: 4,
      tokenIds: b.ids,
    });
    // The table the learner edits stays the token embeddings; the positions are added in attend.
    expect(tensorsEqual(b.x, want.tokenEmbeddings)).toBe(true);
    expect(tensorsEqual(b.pe!, want.posEmbeddings)).toBe(true);
    const g = torchGenerator(123);
    g.embedding(4, 4);
    g.embedding(5, 4);
    expect(tensorsEqual(b.wq, g.rand([4, 2]))).toBe(true);
    const r = attend(b.x, b, 'plain', false);
    expect(tensorsEqual(r.input, want.inputEmbeddings)).toBe(true);
    expect(
      tensorsEqual(r.scores, matmul(want.inputEmbeddings, transpose(want.inputEmbeddings))),
    ).toBe(true);
    // The twins "the" (tokens 0 and 3) get different context rows once positions are added.
    const ctx = (t: { data: Float32Array }, k: number) =>
      Array.from(t.data.subarray(k * 4, k * 4 + 4));
    const plain = attend(b.x, baseTensors(tokens, 4, 123, 2, 3), 'plain', false);
    expect(ctx(plain.context, 0)).toEqual(ctx(plain.context, 3));
    expect(ctx(r.context, 0)).not.toEqual(ctx(r.context, 3));
  });

  it('adds the sinusoidal table and leaves the draws alone; rotary adds nothing', () => {
    const none = baseTensors(tokens, 3, 7, 2, 2);
    const sin = baseTensors(tokens, 3, 7, 2, 2, 'sinusoidal');
    expect(tensorsEqual(sin.pe!, sinusoidalPositions(5, 3))).toBe(true);
    expect(tensorsEqual(sin.wq, none.wq)).toBe(true);
    const r = attend(sin.x, sin, 'plain', true);
    expect(tensorsEqual(r.input, add(sin.x, sinusoidalPositions(5, 3)))).toBe(true);
    const rot = baseTensors(tokens, 3, 7, 2, 2, 'rotary');
    expect(rot.pe).toBeNull();
    expect(tensorsEqual(rot.wv, none.wv)).toBe(true);
  });

  it('rotary turns what the scores compare: x in plain attention (odd d: the last dim stays), Q and K when trainable', () => {
    const b = baseTensors(tokens, 3, 7, 2, 2, 'rotary');
    const r = attend(b.x, b, 'plain', false);
    // d = 3: the first two dimensions turn as rope of size 2 does, the third is x's own.
    const turned = rotary(b.x);
    const pair = rope(
      {
        shape: [5, 2],
        data: Float32Array.from(
          [0, 1, 2, 3, 4].flatMap((p) => [b.x.data[3 * p]!, b.x.data[3 * p + 1]!]),
        ),
      },
      [0, 1, 2, 3, 4],
    );
    for (let p = 0; p < 5; p++) {
      expect(turned.data[3 * p]).toBe(pair.data[2 * p]);
      expect(turned.data[3 * p + 1]).toBe(pair.data[2 * p + 1]);
      expect(turned.data[3 * p + 2]).toBe(b.x.data[3 * p + 2]);
    }
    expect(tensorsEqual(r.scores, matmul(turned, transpose(turned)))).toBe(true);
    expect(tensorsEqual(r.context, matmul(r.weights, b.x))).toBe(true);
    const t = attend(b.x, b, 'trainable', false);
    const q = rope(matmul(b.x, b.wq), [0, 1, 2, 3, 4]);
    const k = rope(matmul(b.x, b.wk), [0, 1, 2, 3, 4]);
    expect(tensorsEqual(t.scores, div(matmul(q, transpose(k)), Math.sqrt(2)))).toBe(true);
    // rope's own numbers, bit for bit, with its tables kept between calls (twice each).
    for (const [n, size] of [
      [64, 64],
      [7, 2],
      [64, 64],
      [1, 6],
      [7, 2],
    ] as const) {
      const t = torchGenerator(n + size).randn([n, size]);
      const want = rope(
        t,
        Array.from({ length: n }, (_, p) => p),
      );
      expect(Array.from(new Uint32Array(rotary(t).data.buffer))).toEqual(
        Array.from(new Uint32Array(want.data.buffer)),
      );
    }
    // Size 1: no pair, nothing turns.
    const one = { shape: [5, 1], data: Float32Array.from([1, 2, 3, 4, 5]) };
    expect(tensorsEqual(rotary(one), one)).toBe(true);
  });

  it.each(['none', 'learned', 'sinusoidal', 'rotary'] as const)(
    'positions %s: a drag or an edit gives the same bits as a fresh full computation',
    (positions) => {
      const many = tokenize(Array.from({ length: 24 }, (_, k) => `w${k % 9}`).join(' '));
      const b = baseTensors(many, 16, 5, 8, 12, positions);
      const bits = (t: { data: Float32Array }) =>
        Array.from(new Uint32Array(t.data.slice().buffer));
      const same = (x: typeof b.x) => {
        for (const mode of ['plain', 'trainable'] as const) {
          for (const causal of [false, true]) {
            const kept = attend(x, b, mode, causal);
            // Fresh weights (copies: no earlier projection kept for them) and a fresh table.
            const fresh = baseTensors(many, 16, 5, 8, 12, positions);
            const scratch = attend({ shape: x.shape, data: x.data.slice() }, fresh, mode, causal);
            expect(bits(kept.scores)).toEqual(bits(scratch.scores));
            expect(bits(kept.weights)).toEqual(bits(scratch.weights));
            expect(bits(kept.context)).toEqual(bits(scratch.context));
          }
        }
      };
      same(b.x);
      const g = torchGenerator(9);
      let x = b.x;
      // One row at a time (a drag, an edit): the projections and scores are reused row by row.
      for (let step = 0; step < 5; step++) {
        const data = x.data.slice();
        data.set(g.randn([16]).data, ((step * 7) % 24) * 16);
        x = { shape: x.shape, data };
        same(x);
      }
      // Four rows at once (a quarter: still row by row), six (the scores from scratch), all of
      // them; then three tokens (positions added to x are a table for 24, so none or rotary).
      for (const rows of [4, 6, 24]) {
        const data = x.data.slice();
        data.set(g.randn([rows * 16]).data, (24 - rows) * 16);
        x = { shape: x.shape, data };
        same(x);
      }
      if (!b.pe) same(indexRows(x, [0, 1, 2]));
    },
  );

  it('writes the sentence as a Python literal that reads back the same, every invisible character escaped', () => {
    const samples = [
      ...whitespace.sentences.map((x) => x.text),
      'a "b" \\ c',
      '\ufeffHello\u0085world\u200b😀 é\u0000\ud800',
    ];
    for (const s of samples) {
      const lit = pyString(s);
      // Only space and visible characters between the quotes: nothing a paste can lose.
      expect(/[\p{C}\p{Z}]/u.test(lit.replaceAll(' ', '')), JSON.stringify(lit)).toBe(false);
      expect(readPythonLiteral(lit)).toBe(s);
    }
    expect(pyString('a\ufeffb\u0085c\u001cd')).toBe('"a\\ufeffb\\x85c\\x1cd"');
  });
});

/**
 * What Python makes of a double-quoted literal using only the escapes pyString writes (the
 * meaning of each is Python's: \\ \" \n \t \r \xhh \uhhhh \Uhhhhhhhh); throws on anything else.
 */
function readPythonLiteral(lit: string): string {
  if (!lit.startsWith('"') || !lit.endsWith('"') || lit.length < 2) throw new Error(lit);
  const body = lit.slice(1, -1);
  const simple: Record<string, string> = { '\\': '\\', '"': '"', n: '\n', t: '\t', r: '\r' };
  const width: Record<string, number> = { x: 2, u: 4, U: 8 };
  let out = '';
  for (let k = 0; k < body.length; k++) {
    const ch = body[k]!;
    if (ch === '"') throw new Error(`unescaped quote in ${lit}`);
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const e = body[++k]!;
    if (e in simple) out += simple[e];
    else if (e in width) {
      const digits = body.slice(k + 1, k + 1 + width[e]!);
      if (!/^[0-9a-f]+$/.test(digits) || digits.length !== width[e]) throw new Error(lit);
      const cp = parseInt(digits, 16);
      // Python's \ud800 is a lone surrogate, as String.fromCharCode gives one.
      out += cp <= 0xffff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
      k += width[e]!;
    } else throw new Error(`unknown escape \\${e} in ${lit}`);
  }
  return out;
}
