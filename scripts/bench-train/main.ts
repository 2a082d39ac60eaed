/**
 * The measurement page of scripts/bench-train.ts (built by Vite in production mode, served with the
 * site's CSP): trains 64 tokens x 64 dims in the training worker (src/train) for each case and
 * counts steps per second from the worker's own progress messages. It first checks that the worker
 * really runs (mode 'worker') and that its losses equal the same run computed on this page, bit
 * for bit. Results go to window.__trainBench.
 */
import { lcg } from '../../src/math/fixtures/lcg';
import { torchGenerator, type OptimizerSpec } from '../../src/math';
import { createTrainer, type Trainer, type TrainerState } from '../../src/train/client';
import { TrainingRun, type TrainSettings, type TrainStart } from '../../src/train/run';

type CaseResult = {
  key: string;
  name: string;
  mode: string;
  stepsPerSecond: number;
  steps: number;
  seconds: number;
  progressPerSecond: number;
};

const params = new URLSearchParams(location.search);
const SECONDS = Number(params.get('seconds') ?? '3');
const N = 64;

function setup(kind: 'crossEntropy' | 'mse', optimizer: OptimizerSpec) {
  const g = torchGenerator(123);
  const weights = [g.rand([N, N]), g.rand([N, N]), g.rand([N, N])] as const;
  const start: TrainStart = { x: lcg(N, [N, N]), weights };
  const settings: TrainSettings = {
    task:
      kind === 'crossEntropy'
        ? { kind, target: Array.from({ length: N }, (_, i) => i) }
        : { kind, target: g.rand([N, N]) },
    optimizer,
  };
  return { start, settings };
}

function until(t: Trainer, ok: (s: TrainerState) => boolean): Promise<TrainerState> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the trainer stopped reporting')), 60_000);
    const check = (s: TrainerState) => {
      if (s.error) reject(new Error(s.error));
      if (!ok(s)) return;
      clearTimeout(timer);
      off();
      resolve(s);
    };
    const off = t.subscribe(check);
    check(t.getState());
  });
}

const CASES: { key: string; name: string; kind: 'crossEntropy' | 'mse'; opt: OptimizerSpec }[] = [
  {
    key: 'ce-sgd',
    name: 'cross-entropy, SGD',
    kind: 'crossEntropy',
    opt: { kind: 'sgd', lr: 0.1 },
  },
  {
    key: 'ce-adam',
    name: 'cross-entropy, Adam',
    kind: 'crossEntropy',
    opt: { kind: 'adam', lr: 0.01 },
  },
  { key: 'mse-sgd', name: 'MSE, SGD', kind: 'mse', opt: { kind: 'sgd', lr: 0.1 } },
  { key: 'mse-adam', name: 'MSE, Adam', kind: 'mse', opt: { kind: 'adam', lr: 0.01 } },
];

async function measure(c: (typeof CASES)[number]): Promise<CaseResult> {
  const { start, settings } = setup(c.kind, c.opt);
  const t = createTrainer(start, settings);
  try {
    await until(t, (s) => s.ready);
    t.play();
    // Count from the first progress while playing (the worker has warmed up by then).
    const first = await until(t, (s) => s.playing && s.step > 0);
    const t0 = performance.now();
    let messages = 0;
    const off = t.subscribe(() => messages++);
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const last = t.getState();
    const t1 = performance.now();
    off();
    t.pause();
    const seconds = (t1 - t0) / 1000;
    const steps = last.step - first.step;
    return {
      key: c.key,
      name: c.name,
      mode: t.mode,
      stepsPerSecond: steps / seconds,
      steps,
      seconds,
      progressPerSecond: messages / seconds,
    };
  } finally {
    t.dispose();
  }
}

/** The worker's first 12 losses (MSE, Adam) against the same run on this page, bit for bit. */
async function checkWorker(): Promise<string> {
  const { start, settings } = setup('mse', { kind: 'adam', lr: 0.01 });
  const t = createTrainer(start, settings);
  try {
    if (t.mode !== 'worker') return `createTrainer did not start a worker (mode ${t.mode})`;
    t.step(12);
    const s = await until(t, (x) => x.step === 12);
    if (t.mode !== 'worker') return `the worker failed and the run fell back to this page`;
    const here = new TrainingRun(start, settings);
    here.seek(12);
    for (let i = 0; i < 12; i++) {
      if (!Object.is(here.losses[i], s.losses[i])) {
        return `loss ${i}: worker ${s.losses[i]}, page ${here.losses[i]}`;
      }
    }
    return '';
  } finally {
    t.dispose();
  }
}

const out = document.getElementById('out')!;
const w = window as unknown as { __trainBench?: unknown };
try {
  const problem = await checkWorker();
  if (problem) throw new Error(problem);
  const results: CaseResult[] = [];
  for (const c of CASES) {
    results.push(await measure(c));
    out.textContent = JSON.stringify(results, null, 1);
  }
  w.__trainBench = { done: true, results, workerCheck: 'losses bit-identical to the page' };
} catch (e) {
  w.__trainBench = { done: true, error: e instanceof Error ? e.message : String(e) };
  out.textContent = String(e);
}
