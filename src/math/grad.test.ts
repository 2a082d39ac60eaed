/**
 * grad.ts against real PyTorch 1.13 (src/math/fixtures/train.json, written by
 * scripts/goldens/train.py): every backward kernel on shapes from 1 to 64 (sizes 1, 3, 7, 9, 17
 * exercise the 8-lane vector loops and their tails), Sleef's log, and the whole attention
 * pipeline's loss and weight gradients. All comparisons are BIT-EXACT (NaN equals NaN).
 */
import { describe, expect, it } from 'vitest';
import fx from './fixtures/train.json';
import { b64Floats, b64Tensor, firstDiff, hexBits, ulps, type B64Tensor } from './fixtures/b64';
import { expectShapeError } from './fixtures/testing';
import {
  crossEntropy,
  crossEntropyBackward,
  divScalarBackward,
  logSoftmax,
  logSoftmaxBackward,
  maskedFillBackward,
  matmulBackward,
  mean,
  meanBackward,
  mseLoss,
  mseLossBackward,
  sleefLogF32,
  softmaxBackward,
  sumBackward,
  transposeBackward,
} from './grad';
import { attentionGradients, type AttentionTask } from './train';
import { causalMask, div, maskedFill, matmul, softmax, sum } from './ops';
import { tensor, type Tensor } from './tensor';

type OpCase = {
  op: string;
  name: string;
  inputs: Record<string, B64Tensor>;
  outputs: Record<string, B64Tensor>;
  k?: number;
  dim?: number;
  grad?: number;
  target?: number[];
};

/** Empty when equal; otherwise where and by how much the bits differ, for the failure message. */
function diff(got: Tensor, want: Tensor): string {
  if (got.shape.join() !== want.shape.join()) return `shape [${got.shape}] vs [${want.shape}]`;
  const i = firstDiff(got.data, want.data);
  if (i < 0) return '';
  let count = 0;
  let worst = 0;
  for (let j = 0; j < want.data.length; j++) {
    const u = ulps(got.data[j]!, want.data[j]!);
    if (u > 0) count++;
    worst = Math.max(worst, u);
  }
  return `${count}/${want.data.length} elements differ (max ${worst} ulps); first at ${i}: ${hexBits(got.data[i]!)} vs ${hexBits(want.data[i]!)}`;
}

/** Runs one fixture case through grad.ts and returns what it computed, keyed like `outputs`. */
function compute(c: OpCase): Record<string, Tensor> {
  const I: Record<string, Tensor> = {};
  for (const [k, v] of Object.entries(c.inputs)) I[k] = b64Tensor(v);
  const a = I.a!;
  switch (c.op) {
    case 'matmul': {
      const r = matmulBackward(I.grad!, a, I.b!);
      return { out: matmul(a, I.b!), gradA: r.a, gradB: r.b };
    }
    case 'transpose':
      return { gradA: transposeBackward(I.grad!) };
    case 'divScalar':
      return { out: div(a, Math.sqrt(c.k!)), gradA: divScalarBackward(I.grad!, Math.sqrt(c.k!)) };
    case 'softmax': {
      const out = softmax(a, c.dim!);
      return { out, gradA: softmaxBackward(I.grad!, out, c.dim!) };
    }
    case 'logSoftmax': {
      const out = logSoftmax(a, c.dim!);
      return { out, gradA: logSoftmaxBackward(I.grad!, out, c.dim!) };
    }
    case 'maskedFill': {
      const m = causalMask(a.shape[0]!);
      return { out: maskedFill(a, m, -Infinity), gradA: maskedFillBackward(I.grad!, m) };
    }
    case 'mseLoss':
      return { loss: mseLoss(a, I.target!), gradA: mseLossBackward(a, I.target!) };
    case 'crossEntropy': {
      const r = crossEntropy(a, c.target!);
      return { loss: r.loss, gradA: crossEntropyBackward(r.logProbs, c.target!) };
    }
    case 'sum':
      return { out: sum(a), gradA: sumBackward(c.grad!, a.shape) };
    case 'mean':
      return { out: mean(a), gradA: meanBackward(c.grad!, a.shape) };
    case 'log':
      return { out: { shape: a.shape, data: a.data.map(sleefLogF32) } };
    default:
      throw new Error(`unknown op ${c.op}`);
  }
}

const cases = fx.ops as unknown as OpCase[];

describe('backward kernels match PyTorch 1.13 bit for bit', () => {
  it('covers every op the brief lists, on odd sizes too', () => {
    const ops = new Set(cases.map((c) => c.op));
    for (const op of ['matmul', 'transpose', 'divScalar', 'softmax', 'logSoftmax', 'maskedFill']) {
      expect(ops).toContain(op);
    }
    for (const op of ['mseLoss', 'crossEntropy', 'sum', 'mean', 'log']) expect(ops).toContain(op);
    const widths = new Set(cases.map((c) => c.inputs.a!.shape.at(-1)));
    for (const n of [1, 3, 7, 9, 17]) expect(widths).toContain(n);
  });

  it.each(cases.map((c) => [`${c.op} ${c.name}`, c] as const))('%s', (_, c) => {
    const got = compute(c);
    for (const [k, v] of Object.entries(c.outputs)) {
      expect(diff(got[k]!, b64Tensor(v)), k).toBe('');
    }
  });
});

describe('sleefLogF32', () => {
  it('handles the special values like Sleef', () => {
    expect(sleefLogF32(1)).toBe(0);
    expect(sleefLogF32(0)).toBe(-Infinity);
    expect(sleefLogF32(-0)).toBe(-Infinity);
    expect(sleefLogF32(Infinity)).toBe(Infinity);
    expect(sleefLogF32(-1)).toBeNaN();
    expect(sleefLogF32(NaN)).toBeNaN();
  });

  it('is not simply the correctly rounded log (which would make the port untested)', () => {
    const c = cases.find((x) => x.op === 'log')!;
    const xs = b64Floats(c.inputs.a!.b64);
    const want = b64Floats(c.outputs.out!.b64);
    const differ = xs.filter((x, i) => Math.fround(Math.log(x)) !== want[i] && !Number.isNaN(x));
    expect(differ.length).toBeGreaterThan(0);
  });
});

type GradCase = (typeof fx.grads)[number];

function taskOf(c: { task: string; target: unknown }): AttentionTask {
  return c.task === 'crossEntropy'
    ? { kind: 'crossEntropy', target: c.target as number[] }
    : { kind: 'mse', target: b64Tensor(c.target as B64Tensor) };
}

describe('attentionGradients matches loss.backward() bit for bit', () => {
  it.each(fx.grads.map((c) => [c.name, c] as const))('%s', (_, c: GradCase) => {
    const [wq, wk, wv] = c.weights.map((w) => b64Tensor(w));
    const r = attentionGradients(b64Tensor(c.x), wq!, wk!, wv!, taskOf(c), { causal: c.causal });
    expect(diff(r.loss, b64Tensor(c.loss)), 'loss').toBe('');
    c.grads.forEach((g, i) => {
      if (g === null) expect(r.grads[i], `grad ${i}`).toBeNull();
      else expect(diff(r.grads[i]!, b64Tensor(g)), `grad ${i}`).toBe('');
    });
  });

  it('leaves W_value without a gradient for cross-entropy, as autograd does', () => {
    const ce = fx.grads.find((c) => c.task === 'crossEntropy')!;
    expect(ce.grads[2]).toBeNull();
  });
});

describe('bad input', () => {
  const x = tensor([2, 3], [1, 2, 3, 4, 5, 6]);
  const w = tensor([3, 2], [1, 0, 0, 1, 1, 1]);

  it('refuses mismatched shapes with both shapes named', () => {
    expectShapeError(() => matmulBackward(tensor([2, 3], new Array(6).fill(0)), x, w), '[2, 3]');
    expectShapeError(() => mseLoss(x, w), '[3, 2]', '[2, 3]');
    expectShapeError(() => softmaxBackward(w, x, -1), '[3, 2]');
    expectShapeError(() => logSoftmax(x, 2), 'dim 2 is out of range');
    expectShapeError(() => maskedFillBackward(x, [true]), 'mask of 1');
    expectShapeError(() => crossEntropy(x, [0]), '1 targets', '2 rows');
    expectShapeError(() => crossEntropy(tensor([3], [1, 2, 3]), [0]), '2-d input');
    expectShapeError(
      () =>
        attentionGradients(
          x,
          w,
          w,
          tensor([2, 2], [1, 2, 3, 4]),
          taskOf({ task: 'crossEntropy', target: [0, 1] }),
        ),
      'W_value',
    );
    expectShapeError(
      () => attentionGradients(x, w, w, w, { kind: 'mse', target: x }),
      'target context [2, 3]',
    );
  });

  it('refuses a target class out of range like PyTorch (Target k is out of bounds)', () => {
    expect(() => crossEntropy(x, [0, 3])).toThrow(/Target 3 is out of bounds/);
    expect(() => crossEntropy(x, [0, -1])).toThrow(RangeError);
    expect(() => crossEntropy(x, [0, 0.5])).toThrow(RangeError);
  });

  it('gives an infinite loss, not an error, for a target the causal mask hides', () => {
    const scores = maskedFill(tensor([2, 2], [1, 2, 3, 4]), causalMask(2), -Infinity);
    expect(crossEntropy(scores, [1, 0]).loss.data[0]).toBe(Infinity);
  });
});
