/**
 * The page's handle on a training run: `createTrainer(start, settings)` starts the run in a Web
 * Worker (src/train/worker.ts) and returns commands (play, pause, step, seek, reset, configure)
 * and a store of what the worker last reported (getState, subscribe). Where no Worker exists
 * (Node, unit tests) or one cannot start, the same engine runs on this thread instead, through the
 * same messages (structured-cloned, as a worker would receive them).
 */
import type { Tensor } from '../math';
import { TrainEngine } from './engine';
import type { FromWorker, ToWorker } from './protocol';
import type { RunLimits, TrainSettings, TrainStart } from './run';

export type TrainerMode = 'worker' | 'same-thread';

export type TrainerState = {
  /** Where the run computes; 'same-thread' when no Worker could start. */
  mode: TrainerMode;
  /** False until the first progress of the current configuration arrives. */
  ready: boolean;
  step: number;
  computed: number;
  playing: boolean;
  /** The step a play, step or seek is heading for while it computes; null when it is done. */
  goal: number | null;
  /** The loss of every computed iteration, 0 to computed - 1. */
  losses: Float32Array;
  /** Gradient norms of W_query, W_key, W_value per iteration (3 each; NaN where none). */
  norms: Float64Array;
  /** W_query, W_key, W_value at `step`; null before the first progress or after bad settings. */
  weights: [Tensor, Tensor, Tensor] | null;
  maxSteps: number;
  interval: number;
  /** The last command's failure (bad settings, a step out of range), or null. */
  error: string | null;
};

export interface Trainer {
  readonly mode: TrainerMode;
  getState(): TrainerState;
  /** Calls `fn` after every change of state; returns the unsubscribe function. */
  subscribe(fn: (state: TrainerState) => void): () => void;
  /** A new run (cancels the old one): step 0, paused. */
  configure(start: TrainStart, settings: TrainSettings, limits?: RunLimits): void;
  play(options?: { until?: number; stepsPerSecond?: number }): void;
  pause(): void;
  /** `count` steps forward (default 1), paused. */
  step(count?: number): void;
  /** Go to step k, paused. */
  seek(k: number): void;
  /** Start over: step 0, records dropped. */
  reset(): void;
  /** Stops the worker; the trainer does nothing after this. */
  dispose(): void;
}

export type TrainerOptions = {
  limits?: RunLimits;
  /** false: run on this thread (unit tests). Default: a Worker where one exists. */
  worker?: boolean;
};

type Port = { send(m: ToWorker): void; close(): void };

function sameThreadPort(receive: (m: FromWorker) => void): Port {
  let closed = false;
  const engine = new TrainEngine(
    (m) => {
      const copy = structuredClone(m);
      queueMicrotask(() => {
        if (!closed) receive(copy);
      });
    },
    (fn, ms) => setTimeout(() => !closed && fn(), ms),
  );
  return {
    send: (m) => {
      const copy = structuredClone(m);
      queueMicrotask(() => !closed && engine.handle(copy));
    },
    close: () => {
      closed = true;
    },
  };
}

function workerPort(receive: (m: FromWorker) => void, fail: (why: string) => void): Port {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  worker.onmessage = (e: MessageEvent<FromWorker>) => receive(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    fail(e.message || 'the training worker could not start');
  };
  return { send: (m) => worker.postMessage(m), close: () => worker.terminate() };
}

function tensors(
  data: [Float32Array, Float32Array, Float32Array],
  start: TrainStart,
): [Tensor, Tensor, Tensor] {
  const w = start.weights;
  return [
    { shape: [...w[0].shape], data: data[0] },
    { shape: [...w[1].shape], data: data[1] },
    { shape: [...w[2].shape], data: data[2] },
  ];
}

export function createTrainer(
  start: TrainStart,
  settings: TrainSettings,
  options: TrainerOptions = {},
): Trainer {
  const listeners = new Set<(s: TrainerState) => void>();
  let runId = 0;
  let current: { start: TrainStart; settings: TrainSettings; limits?: RunLimits };
  let state: TrainerState;
  let disposed = false;

  const emit = (next: TrainerState) => {
    state = next;
    for (const fn of listeners) fn(state);
  };

  const receive = (m: FromWorker) => {
    if (disposed || m.run !== runId) return;
    if (m.type === 'error') {
      emit({ ...state, error: m.message, playing: false });
      return;
    }
    // Append the new records to what earlier progress brought (records never change once made).
    let losses = state.losses;
    let norms = state.norms;
    if (m.computed > losses.length || m.from < losses.length) {
      const l = new Float32Array(m.computed);
      l.set(losses.subarray(0, m.from));
      l.set(m.losses, m.from);
      const n = new Float64Array(m.computed * 3);
      n.set(norms.subarray(0, m.from * 3));
      n.set(m.norms, m.from * 3);
      losses = l;
      norms = n;
    }
    emit({
      ...state,
      ready: true,
      step: m.step,
      computed: m.computed,
      playing: m.playing,
      goal: m.goal,
      losses,
      norms,
      weights: tensors(m.weights, current.start),
      maxSteps: m.maxSteps,
      interval: m.interval,
      error: null,
    });
  };

  let mode: TrainerMode = 'same-thread';
  let port: Port;
  const useWorker = options.worker !== false && typeof Worker !== 'undefined';
  if (useWorker) {
    try {
      port = workerPort(receive, (why) => {
        // The worker failed to load (blocked, or a browser without module workers): go on here.
        port.close();
        mode = 'same-thread';
        port = sameThreadPort(receive);
        emit({ ...state, mode, error: null });
        configure(current.start, current.settings, current.limits);
        console.warn(`Training runs on the page: ${why}`);
      });
      mode = 'worker';
    } catch {
      port = sameThreadPort(receive);
    }
  } else {
    port = sameThreadPort(receive);
  }

  const blank = (): TrainerState => ({
    mode,
    ready: false,
    step: 0,
    computed: 0,
    playing: false,
    goal: null,
    losses: new Float32Array(0),
    norms: new Float64Array(0),
    weights: null,
    maxSteps: current.limits?.maxSteps ?? 0,
    interval: 0,
    error: null,
  });

  function configure(s: TrainStart, t: TrainSettings, limits?: RunLimits): void {
    if (disposed) return;
    runId += 1;
    current = { start: s, settings: t, ...(limits && { limits }) };
    emit(blank());
    port.send({ type: 'configure', run: runId, start: s, settings: t, ...(limits && { limits }) });
  }

  current = { start, settings, ...(options.limits && { limits: options.limits }) };
  state = blank();
  configure(start, settings, options.limits);

  const send = (m: ToWorker) => {
    if (!disposed) port.send(m);
  };

  return {
    get mode() {
      return mode;
    },
    getState: () => state,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    configure,
    play: (o = {}) => send({ type: 'play', run: runId, ...o }),
    pause: () => send({ type: 'pause', run: runId }),
    step: (count = 1) => send({ type: 'step', run: runId, count }),
    seek: (k) => send({ type: 'seek', run: runId, step: k }),
    reset: () => send({ type: 'reset', run: runId }),
    dispose() {
      disposed = true;
      listeners.clear();
      port.close();
    },
  };
}
