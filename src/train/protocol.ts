/**
 * The messages between the page and the training worker (src/train/worker.ts), and the same-thread
 * engine that stands in for it (src/train/engine.ts). Every command names the run it is for; the
 * worker ignores commands for an older run, and the page ignores progress from one, so a new
 * `configure` cancels whatever the old run was doing.
 */
import type { RunLimits, TrainSettings, TrainStart } from './run';

export type ToWorker =
  /** A new run (the old one is dropped), paused at step 0. */
  | {
      type: 'configure';
      run: number;
      start: TrainStart;
      settings: TrainSettings;
      limits?: RunLimits;
    }
  /**
   * Train until step `until` (default: the run's maxSteps) or a pause, as fast as the worker can,
   * or at most `stepsPerSecond`.
   */
  | { type: 'play'; run: number; until?: number; stepsPerSecond?: number }
  | { type: 'pause'; run: number }
  /** Pause, then `count` steps forward. */
  | { type: 'step'; run: number; count: number }
  /** Pause, then go to step `step` (back by a checkpoint, or forward, computing as needed). */
  | { type: 'seek'; run: number; step: number }
  /** Pause and start the run over: step 0, the records and checkpoints dropped. */
  | { type: 'reset'; run: number };

/** A run's progress, posted at most once every `FRAME_MS` while it trains, and after a command. */
export type Progress = {
  type: 'progress';
  run: number;
  /** The step the weights are at. */
  step: number;
  /** Steps computed: the records 0 to computed - 1 exist. */
  computed: number;
  playing: boolean;
  /** The step a play, step or seek is heading for while it computes; null when it is done. */
  goal: number | null;
  /** The records posted here start at this iteration (those before it were posted earlier). */
  from: number;
  /** Losses of iterations from to computed - 1 (float32, inf and nan as they came). */
  losses: Float32Array;
  /** Gradient norms of those iterations, 3 per iteration (W_value's NaN under cross-entropy). */
  norms: Float64Array;
  /** W_query, W_key, W_value at `step` (their data, row-major). */
  weights: [Float32Array, Float32Array, Float32Array];
  /** Steps between checkpoints now. */
  interval: number;
  maxSteps: number;
};

export type FromWorker =
  | Progress
  /** A command failed: bad settings (the run is then gone) or a step out of range (it stays). */
  | { type: 'error'; run: number; message: string };

/** The least time between two progress messages while a run trains, in ms (one 60 Hz frame). */
export const FRAME_MS = 1000 / 60;
/** How long the worker computes before it looks at its messages again, in ms. */
export const SLICE_MS = 8;
