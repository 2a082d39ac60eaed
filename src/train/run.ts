/**
 * A training run as a pure function of its start, its settings and the step: the weights after k
 * optimizer steps are whatever k iterations of
 *
 *     optimizer.zero_grad(); loss = <forward>(x, W_query, W_key, W_value); loss.backward();
 *     optimizer.step()
 *
 * from the start give, bit for bit as PyTorch 1.13 (src/math/train.ts). Nothing is stored that
 * could not be recomputed: a run keeps the record of every step it has computed (the loss that
 * iteration printed, and the gradient norms) and checkpoints of its state, and reaches any step k
 * by restoring the nearest checkpoint at or before k and stepping forward.
 *
 * Checkpoints: one at step 0 (the start) and one every `interval` steps (50 to begin with) as the
 * run first passes them. They are held under a byte budget (default 8 MB): when one more would not
 * fit, every other one is dropped and the interval doubles. So the checkpoints take at most the
 * budget plus the start's snapshot, and reaching any step replays at most `interval` steps. A
 * snapshot holds the three weight matrices and the optimizer's state (SGD's momentum buffers,
 * Adam's step counters and both moments): 3 matrices for SGD, 6 with momentum, 9 for Adam (one or
 * two fewer under cross-entropy, where W_value has no gradient). At 64 x 64 with
 * Adam that is 147 kB, so 8 MB keeps 54 snapshots (every 50 steps up to step 2700); at the lesson's
 * 3 x 2 it is 216 bytes, and the interval never grows in practice. The records take 28 bytes a
 * step (the loss as float32, three norms as float64), at most `maxSteps` (default 100 000) of them.
 */
import {
  AttentionTrainer,
  type AttentionTask,
  type OptimizerSpec,
  type Tensor,
  type TrainerSnapshot,
} from '../math';

/** What the learner chooses besides the start: the goal, the optimizer, scaling and the mask. */
export type TrainSettings = {
  task: AttentionTask;
  optimizer: OptimizerSpec;
  /** Divide the scores by sqrt(d_k) (default true). */
  scaled?: boolean;
  causal?: boolean;
};

/** Where training starts: the inputs and W_query, W_key, W_value (laid out (d_in, d_out)). */
export type TrainStart = { x: Tensor; weights: readonly [Tensor, Tensor, Tensor] };

export type RunLimits = {
  /** Steps between checkpoints to begin with (default 50). */
  interval?: number;
  /** Bytes the checkpoints may take, besides the start's (default 8 MB). */
  checkpointBytes?: number;
  /** Steps a run may take at most (default 100 000). */
  maxSteps?: number;
};

export const DEFAULT_INTERVAL = 50;
export const DEFAULT_CHECKPOINT_BYTES = 8_000_000;
export const DEFAULT_MAX_STEPS = 100_000;

function snapshotBytes(s: TrainerSnapshot): number {
  let n = 0;
  for (const w of s.weights) n += w.byteLength;
  const o = s.optimizer;
  if (o.kind === 'sgd') for (const b of o.buffers) n += b?.byteLength ?? 0;
  else for (const st of o.state) n += st ? st.expAvg.byteLength + st.expAvgSq.byteLength : 0;
  return n;
}

function checkWhole(name: string, v: number, min: number): void {
  if (!Number.isInteger(v) || v < min) {
    throw new RangeError(`${name} must be a whole number of at least ${min}, got ${v}`);
  }
}

export class TrainingRun {
  readonly maxSteps: number;
  private readonly trainer: AttentionTrainer;
  private readonly budget: number;
  private intervalNow: number;
  /** Step -> snapshot, in increasing step order; step 0 always present. */
  private readonly checkpoints = new Map<number, TrainerSnapshot>();
  private checkpointBytesUsed = 0;
  private position = 0;
  private frontier = 0;
  private lossRecords = new Float32Array(256);
  private normRecords = new Float64Array(256 * 3);
  private readonly gradCount: number;

  /** @throws what AttentionTrainer throws for bad shapes, targets or hyper-parameters. */
  constructor(start: TrainStart, settings: TrainSettings, limits: RunLimits = {}) {
    const interval = limits.interval ?? DEFAULT_INTERVAL;
    const maxSteps = limits.maxSteps ?? DEFAULT_MAX_STEPS;
    const budget = limits.checkpointBytes ?? DEFAULT_CHECKPOINT_BYTES;
    checkWhole('interval', interval, 1);
    checkWhole('maxSteps', maxSteps, 1);
    if (!(budget >= 0)) throw new RangeError(`checkpointBytes must be at least 0, got ${budget}`);
    this.trainer = new AttentionTrainer(start.x, start.weights, settings.task, settings.optimizer, {
      scaled: settings.scaled ?? true,
      causal: settings.causal ?? false,
    });
    this.intervalNow = interval;
    this.maxSteps = maxSteps;
    this.budget = budget;
    this.gradCount = settings.task.kind === 'mse' ? 3 : 2;
    this.checkpoints.set(0, this.trainer.snapshot());
  }

  /** The step the run is at: how many optimizer steps the current weights have taken. */
  get step(): number {
    return this.position;
  }

  /** How many steps have been computed (records 0 to computed - 1 exist). */
  get computed(): number {
    return this.frontier;
  }

  /** Steps between checkpoints now (doubles when the budget is full). */
  get interval(): number {
    return this.intervalNow;
  }

  /** The steps that hold a checkpoint, in order (step 0 always). */
  get checkpointSteps(): number[] {
    return [...this.checkpoints.keys()];
  }

  /** Bytes the checkpoints take, the start's included. */
  get checkpointBytes(): number {
    return this.checkpointBytesUsed + snapshotBytes(this.checkpoints.get(0)!);
  }

  /** W_query, W_key, W_value at the current step (live views: copy them to keep them). */
  get weights(): [Tensor, Tensor, Tensor] {
    return this.trainer.weights;
  }

  /**
   * The loss iteration `k` printed (computed from the weights at step k, before its update) as a
   * float32; undefined for a step not computed yet.
   */
  loss(k: number): number | undefined {
    return k >= 0 && k < this.frontier ? this.lossRecords[k] : undefined;
  }

  /** Every computed loss, iterations 0 to computed - 1 (a view: it changes as the run grows). */
  get losses(): Float32Array {
    return this.lossRecords.subarray(0, this.frontier);
  }

  /**
   * The Euclidean norms of W_query.grad, W_key.grad and W_value.grad in iteration `k` (null for
   * W_value under cross-entropy, which has no gradient), summed in float64 from the float32
   * gradients: for display, not PyTorch's `.norm()` bits.
   */
  gradNorms(k: number): [number, number, number | null] | undefined {
    if (!(k >= 0 && k < this.frontier)) return undefined;
    const r = this.normRecords;
    return [r[k * 3]!, r[k * 3 + 1]!, this.gradCount === 3 ? r[k * 3 + 2]! : null];
  }

  /** Every computed norm triple, 3 per iteration (W_value's NaN under cross-entropy). */
  get norms(): Float64Array {
    return this.normRecords.subarray(0, this.frontier * 3);
  }

  /**
   * Moves to step `k` (0 to maxSteps): forward from here when that is nearest, otherwise from the
   * last checkpoint at or before k. Steps not computed before are computed and recorded.
   * @throws RangeError for k outside 0 to maxSteps or not whole.
   */
  seek(k: number): void {
    this.rewind(k);
    while (this.position < k) this.forward();
  }

  /**
   * The cheap half of `seek(k)`: goes back to the last checkpoint at or before k, unless the run
   * is already between it and k, and takes no step. Stepping on to k (`advance`) can then be done
   * in slices, so a long replay does not hold up a worker's other messages.
   * @throws RangeError for k outside 0 to maxSteps or not whole.
   */
  rewind(k: number): void {
    if (!Number.isInteger(k) || k < 0 || k > this.maxSteps) {
      throw new RangeError(`step ${k} is out of range (0 to ${this.maxSteps})`);
    }
    let base = 0;
    for (const s of this.checkpoints.keys()) if (s <= k && s > base) base = s;
    if (!(this.position <= k && this.position >= base)) {
      this.trainer.restore(this.checkpoints.get(base)!);
      this.position = base;
    }
  }

  /**
   * Takes up to `n` steps forward (fewer at maxSteps) and returns how many it took.
   */
  advance(n = 1): number {
    const to = Math.min(this.maxSteps, this.position + Math.max(0, Math.floor(n)));
    const taken = to - this.position;
    this.seek(to);
    return taken;
  }

  private forward(): void {
    const k = this.position;
    const loss = this.trainer.step();
    if (k === this.frontier) {
      this.record(k, loss.data[0]!);
      this.frontier = k + 1;
    }
    this.position = k + 1;
    const at = this.position;
    if (at % this.intervalNow === 0 && !this.checkpoints.has(at) && at > this.lastCheckpoint()) {
      this.addCheckpoint(at);
    }
  }

  private lastCheckpoint(): number {
    let last = 0;
    for (const s of this.checkpoints.keys()) last = Math.max(last, s);
    return last;
  }

  private addCheckpoint(at: number): void {
    const snap = this.trainer.snapshot();
    const size = snapshotBytes(snap);
    // Thin out (every other checkpoint dropped, the interval doubled) until this one fits, or
    // until the interval no longer divides its step: then it is not kept.
    while (this.checkpointBytesUsed + size > this.budget) {
      if (this.checkpoints.size <= 1) return;
      this.intervalNow *= 2;
      for (const [s, c] of this.checkpoints) {
        if (s !== 0 && s % this.intervalNow !== 0) {
          this.checkpoints.delete(s);
          this.checkpointBytesUsed -= snapshotBytes(c);
        }
      }
      if (at % this.intervalNow !== 0) return;
    }
    this.checkpoints.set(at, snap);
    this.checkpointBytesUsed += size;
  }

  private record(k: number, loss: number): void {
    if (k >= this.lossRecords.length) {
      const losses = new Float32Array(Math.min(this.maxSteps, this.lossRecords.length * 2));
      losses.set(this.lossRecords);
      this.lossRecords = losses;
      const norms = new Float64Array(losses.length * 3);
      norms.set(this.normRecords);
      this.normRecords = norms;
    }
    this.lossRecords[k] = loss;
    this.trainer.params.forEach((p, i) => {
      let sum = 0;
      const g = p.grad?.data;
      if (g) for (let j = 0; j < g.length; j++) sum += g[j]! * g[j]!;
      this.normRecords[k * 3 + i] = g ? Math.sqrt(sum) : NaN;
    });
  }
}
