/**
 * Whole training loops against real PyTorch 1.13 (src/math/fixtures/train.json): SGD (with and
 * without momentum) and Adam, cross-entropy and MSE, several seeds, learning rates and targets,
 * causal or not, including learning rates that diverge to inf and nan. Weights start as the
 * lessons make them (`torch.manual_seed(s)`, then `torch.rand` three times, mirrored by
 * torchGenerator).
 *
 * Targets: the loss BIT-IDENTICAL at every recorded step (up to 500), the three weight matrices
 * bit-identical after each of the first 20 steps, and `print(loss)` identical at every step.
 * A failure names the first step that differs and how far.
 */
import { describe, expect, it } from 'vitest';
import fx from './fixtures/train.json';
import { b64Floats, b64Tensor, firstDiff, hexBits, ulps, type B64Tensor } from './fixtures/b64';
import { formatTensor } from './format';
import { Adam, SGD, accumulateGrad, makeOptimizer, parameter, type OptimizerSpec } from './optim';
import { torchGenerator } from './random';
import { AttentionTrainer, lossGradFn, type AttentionTask } from './train';
import { tensor } from './tensor';

type Run = (typeof fx.runs)[number];

function taskOf(r: Run): AttentionTask {
  return r.task === 'crossEntropy'
    ? { kind: 'crossEntropy', target: r.target as number[] }
    : { kind: 'mse', target: b64Tensor(r.target as B64Tensor) };
}

function trainerFor(r: Run): AttentionTrainer {
  const g = torchGenerator(r.seed);
  const shape = [r.dIn, r.dOut];
  const weights = [g.rand(shape), g.rand(shape), g.rand(shape)] as const;
  return new AttentionTrainer(b64Tensor(r.x), weights, taskOf(r), r.optimizer as OptimizerSpec, {
    causal: r.causal,
  });
}

type Outcome = { lossBad: number[]; weightBad: number[]; printBad: number[]; note: string };

function replay(r: Run): Outcome {
  const trainer = trainerFor(r);
  const losses = b64Floats(r.losses);
  const gradFn = lossGradFn(taskOf(r));
  const out: Outcome = { lossBad: [], weightBad: [], printBad: [], note: '' };
  for (let step = 0; step < r.steps; step++) {
    const loss = trainer.step();
    const want = losses[step]!;
    if (firstDiff(loss.data, Float32Array.of(want)) >= 0) {
      if (!out.note) {
        out.note = `step ${step}: loss ${hexBits(loss.data[0]!)} vs ${hexBits(want)} (${ulps(loss.data[0]!, want)} ulps)`;
      }
      out.lossBad.push(step);
    }
    if (formatTensor(loss, { gradFn }) !== `tensor(${r.printed[step]}, grad_fn=<${gradFn}>)`) {
      out.printBad.push(step);
    }
    const recorded = r.weights[step];
    if (recorded !== undefined) {
      const w = trainer.weights;
      const now = new Float32Array(w[0].data.length * 3);
      w.forEach((t, i) => now.set(t.data, i * t.data.length));
      if (firstDiff(now, b64Floats(recorded)) >= 0) out.weightBad.push(step);
    }
  }
  return out;
}

describe('training runs match PyTorch 1.13', () => {
  it('covers both optimizers, both tasks, several seeds and a diverging learning rate', () => {
    const runs = fx.runs;
    expect(new Set(runs.map((r) => r.optimizer.kind))).toEqual(new Set(['sgd', 'adam']));
    expect(new Set(runs.map((r) => r.task))).toEqual(new Set(['crossEntropy', 'mse']));
    expect(new Set(runs.map((r) => r.seed)).size).toBeGreaterThanOrEqual(3);
    const diverged = runs.filter((r) => r.printed.at(-1) === 'nan' || r.printed.at(-1) === 'inf');
    expect(diverged.length).toBeGreaterThanOrEqual(4);
    expect(runs.some((r) => r.steps >= 500 && r.weights.length >= 20)).toBe(true);
  });

  it.each(fx.runs.map((r) => [r.name, r] as const))('%s', (_, r: Run) => {
    const o = replay(r);
    expect(o.note, 'first loss that differs').toBe('');
    expect(o.lossBad, 'steps whose loss bits differ').toEqual([]);
    expect(o.weightBad, 'steps whose weights differ (first 20)').toEqual([]);
    expect(o.printBad, 'steps whose print(loss) differs').toEqual([]);
  });
});

describe('optimizers', () => {
  const spec = fx.runs.find((r) => r.optimizer.kind === 'adam')!;

  it('skips a parameter without a gradient (W_value under cross-entropy)', () => {
    const r = fx.runs.find((x) => x.task === 'crossEntropy' && x.optimizer.kind === 'sgd')!;
    const trainer = trainerFor(r);
    const before = trainer.weights[2].data.slice();
    for (let i = 0; i < 3; i++) trainer.step();
    expect(trainer.params[2].grad).toBeNull();
    expect(trainer.weights[2].data).toEqual(before);
    expect(trainer.weights[0].data).not.toEqual(trainerFor(r).weights[0].data);
  });

  it('zeroGrad zeroes (does not drop) gradients; without it they accumulate', () => {
    const p = parameter(tensor([2], [1, 2]));
    const opt = new SGD([p], { lr: 0.5 });
    accumulateGrad(p, tensor([2], [-0, 3]));
    expect(Object.is(p.grad!.data[0], -0)).toBe(true); // the first gradient is taken as is
    accumulateGrad(p, tensor([2], [1, 1]));
    expect(Array.from(p.grad!.data)).toEqual([1, 4]);
    opt.zeroGrad();
    expect(Array.from(p.grad!.data)).toEqual([0, 0]);
    accumulateGrad(p, tensor([2], [-0, 1]));
    expect(Object.is(p.grad!.data[0], 0)).toBe(true); // 0 + -0 is +0, as in PyTorch
    expect(() => accumulateGrad(p, tensor([3], [1, 2, 3]))).toThrow(/\[3\].*\[2\]/);
  });

  it("refuses invalid hyper-parameters with PyTorch's messages", () => {
    const p = [parameter(tensor([1], [1]))];
    expect(() => new SGD(p, { lr: -1 })).toThrow('Invalid learning rate: -1');
    expect(() => new SGD(p, { lr: NaN })).toThrow('Invalid learning rate: NaN');
    expect(() => new SGD(p, { lr: 0.1, momentum: -0.5 })).toThrow('Invalid momentum value: -0.5');
    expect(() => new Adam(p, { lr: -0.1 })).toThrow('Invalid learning rate: -0.1');
    expect(() => new Adam(p, { eps: -1 })).toThrow('Invalid epsilon value: -1');
    expect(() => new Adam(p, { betas: [1, 0.999] })).toThrow(
      'Invalid beta parameter at index 0: 1',
    );
    expect(() => new Adam(p, { betas: [0.9, -0.1] })).toThrow(
      'Invalid beta parameter at index 1: -0.1',
    );
    expect(makeOptimizer(p, spec.optimizer as OptimizerSpec)).toBeInstanceOf(Adam);
  });
});

describe('AttentionTrainer input checks', () => {
  const x = tensor([2, 3], [1, 2, 3, 4, 5, 6]);
  const w = tensor([3, 2], [1, 0, 0, 1, 1, 1]);
  const sgd: OptimizerSpec = { kind: 'sgd', lr: 0.1 };

  it('refuses bad targets before the first step', () => {
    expect(
      () => new AttentionTrainer(x, [w, w, w], { kind: 'crossEntropy', target: [0, 2] }, sgd),
    ).toThrow(/target key 2 is out of range \(keys 0 to 1\)/);
    expect(
      () => new AttentionTrainer(x, [w, w, w], { kind: 'crossEntropy', target: [0] }, sgd),
    ).toThrow(/1 target keys for 2 query rows/);
    expect(() => new AttentionTrainer(x, [w, w, w], { kind: 'mse', target: w }, sgd)).toThrow(
      /target context \[3, 2\] does not match context \[2, 2\]/,
    );
    expect(
      () =>
        new AttentionTrainer(
          x,
          [w, w, w],
          { kind: 'mse', target: tensor([2, 2], [0, 0, 0, 0]) },
          { kind: 'sgd', lr: -1 },
        ),
    ).toThrow(/Invalid learning rate/);
  });
});
