/**
 * The training run model against real PyTorch 1.13 (the runs of src/math/fixtures/train.json and
 * train-unscaled.json) and against a straight run: reaching step k by any path (forward, back to
 * a checkpoint, after the checkpoints were thinned) gives the weights k straight steps give, bit
 * for bit, for SGD (with momentum buffers) and Adam (with its moments and step counters).
 */
import { describe, expect, it } from 'vitest';
import fx from '../math/fixtures/train.json';
import unscaledFx from '../math/fixtures/train-unscaled.json';
import { b64Floats, b64Tensor, firstDiff, type B64Tensor } from '../math/fixtures/b64';
import { AttentionTrainer, torchGenerator, type OptimizerSpec, type Tensor } from '../math';
import { TrainingRun, type RunLimits, type TrainSettings, type TrainStart } from './run';

type Fixture = {
  name: string;
  seed: number;
  dIn: number;
  dOut: number;
  x: B64Tensor;
  task: string;
  causal?: boolean;
  scaled?: boolean;
  target: unknown;
  optimizer: unknown;
  steps: number;
  losses: string;
  weights: string[];
};

function setup(r: Fixture): { start: TrainStart; settings: TrainSettings } {
  const g = torchGenerator(r.seed);
  const shape = [r.dIn, r.dOut];
  const weights = [g.rand(shape), g.rand(shape), g.rand(shape)] as const;
  return {
    start: { x: b64Tensor(r.x), weights },
    settings: {
      task:
        r.task === 'crossEntropy'
          ? { kind: 'crossEntropy', target: r.target as number[] }
          : { kind: 'mse', target: b64Tensor(r.target as B64Tensor) },
      optimizer: r.optimizer as OptimizerSpec,
      scaled: r.scaled ?? true,
      causal: r.causal ?? false,
    },
  };
}

function flat(w: readonly Tensor[]): Float32Array {
  const out = new Float32Array(w.reduce((n, t) => n + t.data.length, 0));
  let at = 0;
  for (const t of w) {
    out.set(t.data, at);
    at += t.data.length;
  }
  return out;
}

/** The weights after every step 0..steps of a straight run (AttentionTrainer, no model). */
function straight(r: Fixture, steps: number): Float32Array[] {
  const { start, settings } = setup(r);
  const t = new AttentionTrainer(start.x, start.weights, settings.task, settings.optimizer, {
    scaled: settings.scaled,
    causal: settings.causal,
  });
  const out = [flat(t.weights)];
  for (let k = 0; k < steps; k++) {
    t.step();
    out.push(flat(t.weights));
  }
  return out;
}

const byName = (name: string): Fixture => {
  const r = [...fx.runs, ...unscaledFx.runs].find((x) => x.name === name);
  if (!r) throw new Error(`no fixture run ${name}`);
  return r as Fixture;
};

// Both optimizers, both tasks, momentum, causal, a divergence, no scaling.
const CASES = [
  'crossEntropy SGD lr 0.1 seed 123',
  'crossEntropy Adam lr 0.01 seed 0',
  'mse SGD lr 1 momentum 0.9',
  'mse Adam lr 0.1 betas (0.8, 0.99) eps 1e-6',
  'crossEntropy SGD lr 0.5 momentum 0.5, causal',
  'mse Adam lr 0.003, causal',
  'crossEntropy SGD lr 1000 (diverges)',
  'mse SGD momentum 6 tokens 3 -> 2, unscaled',
  'crossEntropy Adam 6 tokens 3 -> 2, unscaled',
].map(byName);

/** Steps to visit, forwards and backwards, across checkpoint boundaries. */
const PATH = [0, 137, 3, 50, 49, 51, 499, 250, 1, 100, 99, 500, 20, 7, 0, 333];

describe('TrainingRun matches PyTorch and a straight run', () => {
  it.each(CASES.map((r) => [r.name, r] as const))('%s', (_, r) => {
    const { start, settings } = setup(r);
    const run = new TrainingRun(start, settings);
    run.seek(r.steps);
    expect(run.computed).toBe(r.steps);
    // every loss bit-identical to PyTorch's
    expect(firstDiff(run.losses, b64Floats(r.losses)), 'first loss that differs').toBe(-1);
    const want = straight(r, r.steps);
    // PyTorch's weights after each of the first steps, reached by seeking (mostly backwards)
    r.weights.forEach((w, k) => {
      run.seek(k + 1);
      expect(firstDiff(flat(run.weights), b64Floats(w)), `weights at step ${k + 1}`).toBe(-1);
    });
    for (const k of PATH.filter((s) => s <= r.steps)) {
      run.seek(k);
      expect(run.step).toBe(k);
      expect(firstDiff(flat(run.weights), want[k]!), `weights at step ${k}`).toBe(-1);
    }
  });

  it('64 tokens x 64 dims (Adam, every 4 steps a checkpoint) against PyTorch', () => {
    const r = byName('crossEntropy Adam 64 tokens 64 -> 64');
    const { start, settings } = setup(r);
    const run = new TrainingRun(start, settings, { interval: 4 });
    run.seek(r.steps);
    expect(firstDiff(run.losses, b64Floats(r.losses))).toBe(-1);
    run.seek(1);
    expect(firstDiff(flat(run.weights), b64Floats(r.weights[0]!))).toBe(-1);
    const want = straight(r, r.steps);
    for (const k of [17, 9, 30, 4, 5, 29]) {
      run.seek(k);
      expect(firstDiff(flat(run.weights), want[k]!), `weights at step ${k}`).toBe(-1);
    }
  });
});

describe('checkpoints', () => {
  const r = byName('mse Adam lr 0.1 betas (0.8, 0.99) eps 1e-6');
  const snapshotBytes = 9 * 3 * 2 * 4; // Adam at 3 x 2: weights, exp_avg, exp_avg_sq

  it('are kept every interval steps as the run first passes them', () => {
    const { start, settings } = setup(r);
    const run = new TrainingRun(start, settings, { interval: 50 });
    run.seek(260);
    expect(run.checkpointSteps).toEqual([0, 50, 100, 150, 200, 250]);
    run.seek(10);
    run.seek(120);
    expect(run.checkpointSteps).toEqual([0, 50, 100, 150, 200, 250]);
  });

  it('stay within their byte budget by thinning, and replay stays exact', () => {
    const { start, settings } = setup(r);
    const limits: RunLimits = { interval: 5, checkpointBytes: 4 * snapshotBytes };
    const run = new TrainingRun(start, settings, limits);
    const want = straight(r, r.steps);
    for (let k = 0; k <= r.steps; k += 13) {
      run.seek(k);
      expect(run.checkpointBytes).toBeLessThanOrEqual(5 * snapshotBytes);
      expect(run.checkpointSteps.length).toBeLessThanOrEqual(5);
    }
    run.seek(r.steps);
    // room for 4: thinned at 25, 50, 100, 200 and 400, each time to every other one
    expect(run.interval).toBe(160);
    expect(run.checkpointSteps).toEqual([0, 160, 320, 480]);
    for (const k of [499, 3, 260, 128, 400, 0, 77]) {
      run.seek(k);
      expect(firstDiff(flat(run.weights), want[k]!), `weights at step ${k}`).toBe(-1);
    }
    expect(firstDiff(run.losses, b64Floats(r.losses))).toBe(-1);
  });

  it('with no budget, only the start is kept, and every step still replays exactly', () => {
    const { start, settings } = setup(r);
    const run = new TrainingRun(start, settings, { interval: 1, checkpointBytes: 0 });
    const want = straight(r, 60);
    run.seek(60);
    expect(run.checkpointSteps).toEqual([0]);
    run.seek(31);
    expect(firstDiff(flat(run.weights), want[31]!)).toBe(-1);
  });
});

describe('records and limits', () => {
  it('records the loss and gradient norms of each iteration; W_value has none under cross-entropy', () => {
    const ce = byName('crossEntropy SGD lr 0.1 seed 123');
    const { start, settings } = setup(ce);
    const run = new TrainingRun(start, settings);
    expect(run.loss(0)).toBeUndefined();
    expect(run.advance(3)).toBe(3);
    expect(run.loss(2)).toBe(b64Floats(ce.losses)[2]);
    const [q, k, v] = run.gradNorms(0)!;
    expect(q).toBeGreaterThan(0);
    expect(k).toBeGreaterThan(0);
    expect(v).toBeNull();
    expect(run.gradNorms(3)).toBeUndefined();
    // the norm is that of the gradient the optimizer used: sqrt(sum g^2) of W_query.grad at step 0
    const t = new AttentionTrainer(start.x, start.weights, settings.task, settings.optimizer);
    t.step();
    const g = t.params[0].grad!.data;
    expect(q).toBe(Math.sqrt(g.reduce((s, x) => s + x * x, 0)));
    const mse = setup(byName('mse SGD lr 1 momentum 0.9'));
    const run2 = new TrainingRun(mse.start, mse.settings);
    run2.advance(1);
    expect(run2.gradNorms(0)![2]).toBeGreaterThan(0);
  });

  it('keeps diverged losses as they are (inf, nan), never replaced', () => {
    const r = byName('mse SGD lr 1e6 momentum 0.9 (diverges)');
    const { start, settings } = setup(r);
    const run = new TrainingRun(start, settings);
    run.seek(r.steps);
    expect(run.losses.some((l) => Number.isNaN(l))).toBe(true);
    expect(firstDiff(run.losses, b64Floats(r.losses))).toBe(-1);
  });

  it('stops at maxSteps and refuses steps out of range', () => {
    const { start, settings } = setup(byName('crossEntropy SGD lr 0.1 seed 123'));
    const run = new TrainingRun(start, settings, { maxSteps: 10 });
    expect(run.advance(25)).toBe(10);
    expect(run.step).toBe(10);
    expect(run.advance()).toBe(0);
    expect(() => run.seek(11)).toThrow('step 11 is out of range (0 to 10)');
    expect(() => run.seek(-1)).toThrow(RangeError);
    expect(() => run.seek(1.5)).toThrow(RangeError);
    expect(() => new TrainingRun(start, settings, { interval: 0 })).toThrow(/interval/);
  });

  it('refuses bad settings with the math core’s messages', () => {
    const { start } = setup(byName('crossEntropy SGD lr 0.1 seed 123'));
    expect(
      () =>
        new TrainingRun(start, {
          task: { kind: 'crossEntropy', target: [0, 1, 2, 3, 4, 6] },
          optimizer: { kind: 'sgd', lr: 0.1 },
        }),
    ).toThrow('target key 6 is out of range (keys 0 to 5)');
    expect(
      () =>
        new TrainingRun(start, {
          task: { kind: 'crossEntropy', target: [0, 1, 2, 3, 4, 5] },
          optimizer: { kind: 'adam', lr: -1 },
        }),
    ).toThrow('Invalid learning rate: -1');
  });
});
