import { describe, expect, it } from 'vitest';
import {
  causalMask,
  div,
  indexRows,
  matmul,
  maskedFill,
  softmax,
  tensorsEqual,
  torchGenerator,
  transpose,
} from '../math';
import { attend, baseTensors, printed, pythonCode } from './compute';
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
        edits: [[0, 1, 0.5]],
      },
      2,
    );
    expect(code).toContain('sentence = "a \\"b\\""');
    expect(code).toContain('x[0, 1] = 0.5');
    expect(code).toContain('torch.triu');
  });
});
