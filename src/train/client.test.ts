/**
 * The trainer's protocol, through the same-thread engine (the worker's code, fed the same
 * structured-cloned messages): what the page sees after play, pause, step, seek, reset and a new
 * configuration, and that it equals a TrainingRun's records and weights bit for bit.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import fx from '../math/fixtures/train.json';
import { b64Floats, b64Tensor, firstDiff, type B64Tensor } from '../math/fixtures/b64';
import { torchGenerator, type OptimizerSpec, type Tensor } from '../math';
import { createTrainer, type Trainer, type TrainerState } from './client';
import { TrainEngine } from './engine';
import { FRAME_MS, type Progress } from './protocol';
import { TrainingRun, type TrainSettings, type TrainStart } from './run';

function setup(name: string): {
  start: TrainStart;
  settings: TrainSettings;
  losses: Float32Array;
} {
  const r = fx.runs.find((x) => x.name === name)!;
  const g = torchGenerator(r.seed);
  const shape = [r.dIn, r.dOut];
  return {
    start: { x: b64Tensor(r.x), weights: [g.rand(shape), g.rand(shape), g.rand(shape)] },
    settings: {
      task:
        r.task === 'crossEntropy'
          ? { kind: 'crossEntropy', target: r.target as number[] }
          : { kind: 'mse', target: b64Tensor(r.target as B64Tensor) },
      optimizer: r.optimizer as OptimizerSpec,
      causal: r.causal,
    },
    losses: b64Floats(r.losses),
  };
}

const trainers: Trainer[] = [];
afterEach(() => {
  for (const t of trainers.splice(0)) t.dispose();
});

function make(name: string, limits?: { maxSteps?: number }) {
  const s = setup(name);
  const t = createTrainer(s.start, s.settings, { worker: false, ...(limits && { limits }) });
  trainers.push(t);
  return { t, ...s };
}

/** Resolves with the first state (now or later) that satisfies `ok`. */
function until(t: Trainer, ok: (s: TrainerState) => boolean, ms = 10_000): Promise<TrainerState> {
  return new Promise((resolve, reject) => {
    if (ok(t.getState())) return resolve(t.getState());
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out; last state: step ${t.getState().step}`));
    }, ms);
    const off = t.subscribe((s) => {
      if (!ok(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    });
  });
}

function flat(w: readonly Tensor[]): Float32Array {
  const out = new Float32Array(w.reduce((n, x) => n + x.data.length, 0));
  let at = 0;
  for (const x of w) {
    out.set(x.data, at);
    at += x.data.length;
  }
  return out;
}

function weightsAt(start: TrainStart, settings: TrainSettings, k: number): Float32Array {
  const run = new TrainingRun(start, settings);
  run.seek(k);
  return flat(run.weights);
}

const ADAM = 'mse Adam lr 0.1 betas (0.8, 0.99) eps 1e-6';

describe('createTrainer (same-thread engine)', () => {
  it('starts paused at step 0 with the start weights', async () => {
    const { t, start } = make(ADAM);
    expect(t.mode).toBe('same-thread');
    expect(t.getState()).toMatchObject({ ready: false, step: 0, weights: null });
    const s = await until(t, (x) => x.ready);
    expect(s).toMatchObject({ step: 0, computed: 0, playing: false, error: null });
    expect(flat(s.weights!)).toEqual(flat(start.weights));
  });

  it('plays to a step, reporting progress on the way, every loss as PyTorch printed it', async () => {
    const { t, losses } = make(ADAM);
    const seen: number[] = [];
    t.subscribe((s) => seen.push(s.step));
    t.play({ until: 500 });
    const s = await until(t, (x) => x.step === 500 && !x.playing);
    expect(s.computed).toBe(500);
    expect(firstDiff(s.losses, losses)).toBe(-1);
    expect(s.norms.length).toBe(1500);
    expect(seen.filter((k) => k > 0 && k < 500).length).toBeGreaterThan(0);
  });

  it('pause stops a run that plays, and step goes on from there', async () => {
    const { t, start, settings } = make(ADAM, { maxSteps: 100_000 });
    t.play({ stepsPerSecond: 200 });
    await until(t, (x) => x.step >= 3 && x.playing);
    t.pause();
    const paused = await until(t, (x) => !x.playing);
    const k = paused.step;
    expect(k).toBeLessThan(100);
    t.step(2);
    const s = await until(t, (x) => x.step === k + 2);
    expect(s.playing).toBe(false);
    expect(firstDiff(flat(s.weights!), weightsAt(start, settings, k + 2))).toBe(-1);
  });

  it('seek goes back and forth to the exact weights of that step, keeping the records', async () => {
    const { t, start, settings, losses } = make(ADAM);
    t.seek(300);
    await until(t, (x) => x.step === 300);
    for (const k of [120, 7, 299, 0, 451]) {
      t.seek(k);
      const s = await until(t, (x) => x.step === k && !x.playing);
      expect(firstDiff(flat(s.weights!), weightsAt(start, settings, k)), `step ${k}`).toBe(-1);
    }
    const s = t.getState();
    expect(s.computed).toBe(451);
    expect(firstDiff(s.losses, losses.subarray(0, 451))).toBe(-1);
  });

  it('reset starts over: step 0, no records', async () => {
    const { t, start } = make(ADAM);
    t.step(40);
    await until(t, (x) => x.step === 40);
    t.reset();
    const s = await until(t, (x) => x.computed === 0);
    expect(s.step).toBe(0);
    expect(s.losses.length).toBe(0);
    expect(flat(s.weights!)).toEqual(flat(start.weights));
  });

  it('a new configuration cancels the old run: its progress never shows', async () => {
    const { t } = make(ADAM);
    const sgd = setup('crossEntropy SGD lr 0.1 seed 123');
    t.play({ until: 100_000 });
    await until(t, (x) => x.step > 0);
    t.configure(sgd.start, sgd.settings);
    const after: TrainerState[] = [];
    t.subscribe((s) => after.push(s));
    expect(t.getState()).toMatchObject({ ready: false, step: 0, computed: 0 });
    t.step(5);
    const s = await until(t, (x) => x.step === 5);
    expect(firstDiff(s.losses, sgd.losses.subarray(0, 5))).toBe(-1);
    // nothing from the Adam run arrived after the switch: steps only count up from 0 to 5
    expect(after.every((x) => x.step <= 5 && x.weights?.[0].shape[1] !== undefined)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
    expect(t.getState().step).toBe(5);
  });

  it('reports bad settings and bad commands as errors, and never moves on them', async () => {
    const { t, start, settings } = make(ADAM, { maxSteps: 50 });
    t.seek(51);
    let s = await until(t, (x) => x.error !== null);
    expect(s.error).toBe('step 51 is out of range (0 to 50)');
    expect(s.step).toBe(0);
    t.step(3);
    s = await until(t, (x) => x.step === 3);
    expect(s.error).toBeNull();
    t.configure(start, { ...settings, optimizer: { kind: 'adam', lr: -0.5 } });
    s = await until(t, (x) => x.error !== null);
    expect(s).toMatchObject({ error: 'Invalid learning rate: -0.5', weights: null, ready: false });
    t.play();
    await new Promise((r) => setTimeout(r, 30));
    expect(t.getState().step).toBe(0);
  });

  it('posts progress at most once a frame while it trains (on a virtual clock)', () => {
    // Every reading of the clock costs 0.05 ms of virtual time (the work between readings);
    // scheduled callbacks run in time order. Deterministic, whatever the machine's load.
    const { start, settings } = setup('crossEntropy SGD lr 0.1 seed 123');
    let t = 0;
    const queue: { at: number; fn: () => void }[] = [];
    const posts: { at: number; step: number; playing: boolean }[] = [];
    const engine = new TrainEngine(
      (m) => {
        if (m.type === 'progress') posts.push({ at: t, step: m.step, playing: m.playing });
      },
      (fn, ms) => queue.push({ at: t + ms, fn }),
      () => (t += 0.05),
    );
    engine.handle({ type: 'configure', run: 1, start, settings });
    engine.handle({ type: 'play', run: 1, until: 6000 });
    while (queue.length > 0) {
      queue.sort((a, b) => a.at - b.at);
      const next = queue.shift()!;
      t = Math.max(t, next.at);
      next.fn();
    }
    const gaps = posts.slice(1).map((p, i) => p.at - posts[i]!.at);
    expect(posts.length).toBeGreaterThan(10);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(FRAME_MS);
    expect(posts.at(-1)).toMatchObject({ step: 6000, playing: false });
    expect(posts.slice(1, -1).every((p) => p.playing)).toBe(true);
  });

  it('a seek far back replays in slices: other commands get in, progress names the goal', () => {
    const { start, settings } = setup('crossEntropy SGD lr 0.1 seed 123');
    let t = 0;
    const queue: { at: number; fn: () => void }[] = [];
    const posts: Progress[] = [];
    const engine = new TrainEngine(
      (m) => {
        if (m.type === 'progress') posts.push(m);
      },
      (fn, ms) => queue.push({ at: t + ms, fn }),
      () => (t += 0.05),
    );
    const runFor = (ms: number) => {
      const end = t + ms;
      while (queue.length > 0) {
        queue.sort((a, b) => a.at - b.at);
        if (queue[0]!.at > end) break;
        const next = queue.shift()!;
        t = Math.max(t, next.at);
        next.fn();
      }
    };
    // only the start is checkpointed: going back to 1999 replays 1999 steps
    const limits = { checkpointBytes: 0 };
    engine.handle({ type: 'configure', run: 1, start, settings, limits });
    engine.handle({ type: 'seek', run: 1, step: 2000 });
    runFor(1e6);
    expect(posts.at(-1)).toMatchObject({ step: 2000, goal: null });
    engine.handle({ type: 'seek', run: 1, step: 1999 });
    runFor(40);
    const during = posts.at(-1)!;
    expect(during.goal).toBe(1999);
    expect(during.step).toBeLessThan(1999);
    engine.handle({ type: 'pause', run: 1 });
    runFor(1e6);
    const paused = posts.at(-1)!;
    expect(paused.goal).toBeNull();
    expect(paused.step).toBeLessThan(1999);
    expect(paused.computed).toBe(2000);
  });

  it('when the worker cannot start (blocked, unsupported), trains on this thread instead', async () => {
    const made: string[] = [];
    class FailingWorker {
      onmessage: ((e: MessageEvent) => void) | null = null;
      onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
      constructor(url: URL, options: WorkerOptions) {
        made.push(`${url.pathname.split('/').pop()} ${options.type}`);
        setTimeout(() => this.onerror?.({ message: 'blocked', preventDefault() {} }), 5);
      }
      postMessage() {}
      terminate() {}
    }
    vi.stubGlobal('Worker', FailingWorker);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const s = setup(ADAM);
      const t = createTrainer(s.start, s.settings);
      trainers.push(t);
      expect(t.mode).toBe('worker');
      expect(made).toEqual(['worker.ts module']);
      t.step(3); // sent to the worker, lost with it: the run starts over on this thread
      await until(t, (x) => x.mode === 'same-thread' && x.ready);
      t.step(3);
      const after = await until(t, (x) => x.step === 3);
      expect(t.mode).toBe('same-thread');
      expect(firstDiff(after.losses, s.losses.subarray(0, 3))).toBe(-1);
      expect(warn).toHaveBeenCalledWith('Training runs on the page: blocked');
    } finally {
      vi.unstubAllGlobals();
      warn.mockRestore();
    }
  });
});
