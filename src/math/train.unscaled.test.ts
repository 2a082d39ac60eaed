/**
 * Training without the division by sqrt(d_k) (`scaled: false`) against real PyTorch 1.13
 * (src/math/fixtures/train-unscaled.json, from scripts/goldens/train_unscaled.py): every loss
 * bit-identical, `print(loss)` identical, the weights bit-identical after the first recorded
 * steps; and at d_k = 64 the same loop scaled, so both sides of "why divide" are covered.
 */
import { describe, expect, it } from 'vitest';
import fx from './fixtures/train-unscaled.json';
import { b64Floats, b64Tensor, firstDiff, type B64Tensor } from './fixtures/b64';
import { formatTensor } from './format';
import type { OptimizerSpec } from './optim';
import { torchGenerator } from './random';
import { AttentionTrainer, lossGradFn, type AttentionTask } from './train';

type Run = (typeof fx.runs)[number];

function taskOf(r: Run): AttentionTask {
  return r.task === 'crossEntropy'
    ? { kind: 'crossEntropy', target: r.target as number[] }
    : { kind: 'mse', target: b64Tensor(r.target as B64Tensor) };
}

describe('training without scaling matches PyTorch 1.13', () => {
  it('covers both tasks, SGD with and without momentum, Adam, and d_k = 64 both ways', () => {
    expect(fx.runs.filter((r) => !r.scaled).length).toBeGreaterThanOrEqual(8);
    expect(fx.runs.some((r) => r.scaled && r.dOut === 64)).toBe(true);
    expect(new Set(fx.runs.map((r) => r.optimizer.kind))).toEqual(new Set(['sgd', 'adam']));
  });

  it.each(fx.runs.map((r) => [r.name, r] as const))('%s', (_, r: Run) => {
    const g = torchGenerator(r.seed);
    const shape = [r.dIn, r.dOut];
    const start = [g.rand(shape), g.rand(shape), g.rand(shape)] as const;
    const task = taskOf(r);
    const trainer = new AttentionTrainer(
      b64Tensor(r.x),
      start,
      task,
      r.optimizer as OptimizerSpec,
      { scaled: r.scaled },
    );
    const losses = b64Floats(r.losses);
    const gradFn = lossGradFn(task);
    const lossBad: number[] = [];
    const printBad: number[] = [];
    const weightBad: number[] = [];
    for (let step = 0; step < r.steps; step++) {
      const loss = trainer.step();
      if (firstDiff(loss.data, losses.subarray(step, step + 1)) >= 0) lossBad.push(step);
      if (formatTensor(loss, { gradFn }) !== `tensor(${r.printed[step]}, grad_fn=<${gradFn}>)`) {
        printBad.push(step);
      }
      const recorded = r.weights[step];
      if (recorded !== undefined) {
        const now = new Float32Array(trainer.weights[0].data.length * 3);
        trainer.weights.forEach((t, i) => now.set(t.data, i * t.data.length));
        if (firstDiff(now, b64Floats(recorded)) >= 0) weightBad.push(step);
      }
    }
    expect(lossBad, 'steps whose loss bits differ').toEqual([]);
    expect(printBad, 'steps whose print(loss) differs').toEqual([]);
    expect(weightBad, 'steps whose weights differ').toEqual([]);
  });
});
