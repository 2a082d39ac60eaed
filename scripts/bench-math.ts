/**
 * Times the full attention pipeline of src/math (projection + scores + scale + softmax + context)
 * at the sizes the lessons use and beyond, and one training step (forward, backward, optimizer)
 * at lesson size and at 64 x 64. Run: `npx tsx scripts/bench-math.ts`. PyTorch's eager time for
 * the same training steps: `/usr/bin/python3 scripts/bench-train-torch.py` (by hand; needs torch).
 *
 * Each case warms up first (so V8 has optimised the kernels), then times single calls and reports
 * the median and 95th percentile. Target: 64 tokens x 64 dims under 2 ms median.
 *
 * `--json` prints no table: one JSON object on one line instead (scripts/bench.mjs reads it).
 * `--cases PREFIX` times only the cases whose key starts with PREFIX (e.g. `train-`), and no stages.
 */
import { performance } from 'node:perf_hooks';
import { selfAttention, simpleAttention } from '../src/math/attention';
import { formatTensor } from '../src/math/format';
import { matmul, softmax, div, transpose } from '../src/math/ops';
import { torchGenerator } from '../src/math/random';
import { lcg } from '../src/math/fixtures/lcg';
import { AttentionTrainer, type AttentionTask } from '../src/math/train';
import type { OptimizerSpec } from '../src/math/optim';

type Case = {
  /** A stable id for machine readers (scripts/bench.mjs); the name is for people. */
  key: string;
  name: string;
  warmup: number;
  iterations: number;
  run: () => unknown;
};

const JSON_MODE = process.argv.includes('--json');
const casesAt = process.argv.indexOf('--cases');
const ONLY_PREFIX = casesAt >= 0 ? (process.argv[casesAt + 1] ?? '') : '';
/** The 64 x 64 pipeline's median must stay under this (ms). */
const TARGET_64_MS = 2;

function scaledCase(n: number, d: number, warmup: number, iterations: number): Case {
  const x = lcg(n, [n, d]);
  const wq = lcg(1, [d, d]);
  const wk = lcg(2, [d, d]);
  const wv = lcg(3, [d, d]);
  return {
    key: `scaled-${n}x${d}`,
    name: `scaled attention ${n} tokens x ${d} dims (d_k = d_v = ${d})`,
    warmup,
    iterations,
    run: () => selfAttention(x, wq, wk, wv, 'x@W'),
  };
}

/**
 * One training step (zero_grad, forward, backward, optimizer step) of the trainable attention
 * pipeline; scripts/bench-train-torch.py times the same step in PyTorch eager mode.
 */
function trainCase(
  n: number,
  dIn: number,
  dOut: number,
  kind: AttentionTask['kind'],
  optimizer: OptimizerSpec,
  warmup: number,
  iterations: number,
): Case {
  const g = torchGenerator(123);
  const weights = [g.rand([dIn, dOut]), g.rand([dIn, dOut]), g.rand([dIn, dOut])] as const;
  const task: AttentionTask =
    kind === 'crossEntropy'
      ? { kind, target: Array.from({ length: n }, (_, i) => i) }
      : { kind, target: g.rand([n, dOut]) };
  const trainer = new AttentionTrainer(lcg(n, [n, dIn]), weights, task, optimizer);
  const opt = optimizer.kind === 'sgd' ? 'SGD' : 'Adam';
  const loss = kind === 'crossEntropy' ? 'cross-entropy' : 'MSE';
  return {
    key: `train-${kind}-${optimizer.kind}-${n}x${dIn}x${dOut}`,
    name: `training step ${n} tokens, ${dIn} -> ${dOut}, ${loss}, ${opt}`,
    warmup,
    iterations,
    run: () => trainer.step(),
  };
}

const plain = lcg(6, [6, 3]);
const printed6x6 = lcg(7, [6, 6]);
const printed25x40 = lcg(8, [25, 40]);
const cases: Case[] = [
  {
    key: 'plain-6x3',
    name: 'plain attention 6 x 3 (x @ x.T, softmax, @ x)',
    warmup: 2000,
    iterations: 20000,
    run: () => simpleAttention(plain),
  },
  scaledCase(6, 3, 2000, 20000),
  scaledCase(64, 64, 100, 500),
  scaledCase(256, 64, 10, 60),
  trainCase(6, 3, 2, 'crossEntropy', { kind: 'sgd', lr: 0.1 }, 2000, 20000),
  trainCase(6, 3, 2, 'mse', { kind: 'adam', lr: 0.01 }, 2000, 20000),
  trainCase(64, 64, 64, 'crossEntropy', { kind: 'sgd', lr: 0.1 }, 50, 300),
  trainCase(64, 64, 64, 'mse', { kind: 'adam', lr: 0.01 }, 50, 300),
  {
    key: 'embedding-50000x3',
    name: 'torchGenerator(123).embedding(50000, 3)',
    warmup: 5,
    iterations: 40,
    run: () => torchGenerator(123).embedding(50000, 3),
  },
  {
    key: 'format-6x6',
    name: 'formatTensor 6 x 6 (a lesson printout)',
    warmup: 2000,
    iterations: 20000,
    run: () => formatTensor(printed6x6),
  },
  {
    key: 'format-25x40',
    name: 'formatTensor 25 x 40 (1000 values, none elided)',
    warmup: 200,
    iterations: 2000,
    run: () => formatTensor(printed25x40),
  },
];

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

function time(c: Case): { median: number; p95: number } {
  for (let i = 0; i < c.warmup; i++) c.run();
  const samples: number[] = [];
  let sink = 0;
  for (let i = 0; i < c.iterations; i++) {
    const t0 = performance.now();
    const r = c.run();
    samples.push(performance.now() - t0);
    sink += r ? 1 : 0;
  }
  if (sink !== c.iterations) throw new Error('benchmark result was optimised away');
  samples.sort((a, b) => a - b);
  return { median: percentile(samples, 50), p95: percentile(samples, 95) };
}

const rows = cases.filter((c) => c.key.startsWith(ONLY_PREFIX)).map((c) => ({ c, ...time(c) }));

// Where the 64 x 64 time goes (same inputs), to see which kernel to optimise next.
const x = lcg(64, [64, 64]);
const w = lcg(1, [64, 64]);
const q = matmul(x, w);
const scores = matmul(q, transpose(q));
const scaled = div(scores, 8);
const weights = softmax(scaled, -1);
const stage = (key: string, name: string, run: () => unknown): Case => ({
  key,
  name,
  warmup: 200,
  iterations: 1000,
  run,
});
const stages: Case[] = [
  stage('projection', 'one projection (64x64 @ 64x64)', () => matmul(x, w)),
  stage('scores', 'scores q @ k.T', () => matmul(q, transpose(q))),
  stage('scale', 'scale / sqrt(d_k)', () => div(scores, 8)),
  stage('softmax', 'softmax (4096 Sleef exps)', () => softmax(scaled, -1)),
  stage('context', 'context weights @ v', () => matmul(weights, q)),
];
const stageRows = ONLY_PREFIX ? [] : stages.map((c) => ({ c, ...time(c) }));
const target = rows.find((r) => r.c.key === 'scaled-64x64');

if (JSON_MODE) {
  const out = (r: (typeof rows)[number]) => ({
    key: r.c.key,
    name: r.c.name,
    iterations: r.c.iterations,
    medianMs: r.median,
    p95Ms: r.p95,
  });
  const result = {
    cases: rows.map(out),
    stages64: stageRows.map(out),
    target: { key: 'scaled-64x64', medianUnderMs: TARGET_64_MS },
  };
  console.log(JSON.stringify(result));
} else {
  const fmt = (ms: number) => (ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(3)} ms`);
  const nameWidth = Math.max(...rows.map((r) => r.c.name.length), 4);
  console.log(`${'case'.padEnd(nameWidth)} | iterations |     median |        p95`);
  console.log(`${'-'.repeat(nameWidth)}-|------------|------------|-----------`);
  for (const r of rows) {
    console.log(
      `${r.c.name.padEnd(nameWidth)} | ${String(r.c.iterations).padStart(10)} | ${fmt(r.median).padStart(10)} | ${fmt(r.p95).padStart(10)}`,
    );
  }
  console.log('\n64 x 64 stages (median):');
  for (const s of stageRows) console.log(`  ${s.c.name.padEnd(34)} ${fmt(s.median)}`);
  if (target) {
    const ok = target.median < TARGET_64_MS;
    console.log(
      `\n64 x 64 median ${fmt(target.median)}: ${ok ? 'within' : 'OVER'} the ${TARGET_64_MS} ms target`,
    );
  }
}
