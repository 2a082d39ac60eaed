// `npm run bench`: every release figure of issue #7 in one run, each beside its target.
//
//   node scripts/bench.mjs [--dist DIR] [--only a,b] [--lighthouse-runs N] [--moves N]
//     --dist DIR            measure this build instead of building into bench-results/dist
//     --only LIST           run only these sections: sizes, math, train, drag, lighthouse, heap
//     --lighthouse-runs N   Lighthouse runs, the median one reported (default 3)
//     --moves N             inputs per latency case, passed to scripts/bench-drag.mjs
//
// Sections, in this order: bundle sizes (scripts/bundle-size.mjs), the math core
// (scripts/bench-math.ts --json), training (scripts/bench-train.ts --json: the worker's steps per
// second in Chromium; and one step beside PyTorch's, scripts/bench-train-torch.py, when a Python
// with torch is found), input latency (scripts/bench-drag.mjs --json), Lighthouse on the
// first lesson (scripts/bench-lighthouse.mjs) and the JS heap (scripts/bench-heap.mjs). The math
// and latency scripts run as child processes, so each starts with a fresh heap and JIT.
//
// Prints one table per section, writes bench-results/latest.json (every figure) and
// bench-results/latest.md (the same tables in Markdown, for README's Performance section), and
// bench-results/lighthouse.json (the median run's full report). Only localhost is contacted.
//
// Exit status: 1 when a figure could not be measured (a section failed), 0 otherwise. A figure
// that misses its target is reported as MISS, not turned into a failure: this measures, and the
// tests (e2e/budget.spec.ts for the deterministic sizes) enforce.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { build, preview } from 'vite';
import { chromiumPath } from '../e2e/chromium.mjs';
import {
  check,
  describeTarget,
  duration,
  elide,
  kB,
  num,
  sectionMarkdown,
  sectionText,
  SUB,
  summariseProblems,
} from './bench-lib.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench-results');
const SECTIONS = ['sizes', 'math', 'train', 'drag', 'lighthouse', 'heap'];

const args = process.argv.slice(2);
/** @param {string} name @returns {string | undefined} */
const opt = (name) => {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
};
const distArg = opt('--dist');
const only = (opt('--only') ?? SECTIONS.join(',')).split(',').filter(Boolean);
for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section ${s}`);
const LH_RUNS = Number(opt('--lighthouse-runs') ?? 3);
const MOVES = opt('--moves');

const started = Date.now();
/** Progress goes to stderr, so stdout holds the report only. @param {string} msg */
const log = (msg) =>
  process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0)} s] ${msg}\n`);

/** @typedef {import('./bench-lib.mjs').Section} Section */
/** @typedef {import('./bench-lib.mjs').Target} Target */

/** Every figure with a target, for the summary table. */
/** @type {{ section: string; figure: string; value: string; target: string; result: string }[]} */
const verdicts = [];
/** Sections that could not be measured (wholly or a figure of them), with why. */
/** @type {Record<string, string>} */
const failures = {};
/**
 * A table row for one figure: its value, its target and PASS/MISS, recorded for the summary. A
 * figure with a target but no value (a category Lighthouse could not score) counts as not measured.
 * @param {string} section
 * @param {string} name
 * @param {number | boolean | null | undefined} value
 * @param {string} shown the value as printed
 * @param {Target} [target]
 * @param {string} [unit] for the summary, when the table has it in the column's header instead
 */
function figure(section, name, value, shown, target, unit) {
  const result = check(value, target) ?? (target ? 'n/a' : '');
  if (target) {
    const summaryValue = unit ? `${shown} ${unit}` : shown;
    verdicts.push({
      section,
      figure: name,
      value: summaryValue,
      target: describeTarget(target),
      result,
    });
  }
  if (result === 'n/a') failures[section] ??= `${name}: no value`;
  return [name, shown, describeTarget(target), result];
}

/**
 * Runs a child process, passing its stderr through, and returns the JSON object on the last line
 * of its stdout. A failure's message carries the start of what the child wrote to stderr.
 * @param {string[]} argv the node arguments
 * @param {number} timeoutMs
 * @param {{ command?: string; env?: NodeJS.ProcessEnv }} [o] another program than node, its env
 */
function runJson(argv, timeoutMs, o = {}) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(o.command ?? process.execPath, argv, {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(o.env && { env: o.env }),
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => {
      process.stderr.write(c);
      err = (err + c).slice(-4000); // the end says why it failed
    });
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${argv.join(' ')} took over ${timeoutMs / 1000} s`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) {
        const why = stripVTControlCharacters(err)
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l && !/^(node:internal|triggerUncaughtException|\^)/.test(l))
          .slice(0, 4)
          .join(' / ');
        const lines = why ? ` (stderr: ${elide(why, 600)})` : '';
        reject(new Error(`${argv.join(' ')} exited with ${code ?? signal}${lines}`));
        return;
      }
      const last = out.trim().split('\n').pop() ?? '';
      try {
        resolveRun(JSON.parse(last));
      } catch {
        reject(new Error(`${argv.join(' ')} printed no JSON last line: ${last.slice(0, 200)}`));
      }
    });
  });
}

/** @type {Record<string, unknown>} */
const results = {};
/** @type {Section[]} */
const sections = [];

/**
 * Runs one section; a throw becomes a "not measured" section instead of ending the run.
 * @param {string} key
 * @param {string} title
 * @param {() => Promise<Omit<Section, 'title'>>} run
 */
async function section(key, title, run) {
  if (!only.includes(key)) return;
  log(`${title}…`);
  const t0 = Date.now();
  try {
    sections.push({ title, ...(await run()) });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    failures[key] = message;
    sections.push({ title, headers: [], rows: [], error: message });
    log(`${title}: NOT MEASURED: ${message}`);
  }
  log(`${title}: ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

const machine = {
  date: new Date().toISOString(),
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  cores: cpus().length,
  memoryGB: Math.round(totalmem() / 1e8) / 10,
  os: `${platform()} ${release()}`,
  node: process.version,
  loadavgStart: loadavg().map((l) => Math.round(l * 100) / 100),
  /** @type {number[]} */
  loadavgEnd: [],
  chromium: '',
  webglRenderer: '',
};

// The build: one `vite build` unless a build is given. Not into dist/, which is `npm run build`'s.
// A failed build fails the sections that need it; the math core is still measured.
const dist = distArg ? resolve(distArg) : join(OUT, 'dist');
/** @type {string | undefined} */
let buildError;
if (distArg) {
  if (!existsSync(join(dist, 'index.html'))) buildError = `--dist ${distArg} holds no index.html`;
} else {
  log(`vite build into ${relative(ROOT, dist)}`);
  try {
    await build({ root: ROOT, logLevel: 'error', build: { outDir: dist, emptyOutDir: true } });
  } catch (e) {
    buildError = `vite build failed: ${e instanceof Error ? e.message : String(e)}`;
  }
}
results.dist = relative(ROOT, dist) || '.';
/** Throws when there is no build to measure. */
const needBuild = () => {
  if (buildError) throw new Error(buildError);
};
/** @type {Promise<string> | undefined} */
let chromium;
/** Chromium's path, found (and unpacked from npm, the first time) when a section first needs it. */
const executable = () => (chromium ??= chromiumPath());

await section('sizes', 'Bundle size (gzip level 9, 1 kB = 1000 bytes)', async () => {
  needBuild();
  const mod = await import('./bundle-size.mjs');
  // The first lesson's own page (what a shared link opens); index.html is reported in the notes.
  const sizes = await mod.bundleSizes(dist, 'dream-big.html');
  const index = await mod.bundleSizes(dist, 'index.html');
  const budget = mod.FIRST_PAINT_BUDGET_GZIP ?? 160_000;
  const lazyGzip = sizes.lazy.reduce((sum, f) => sum + f.gzip, 0);
  results.sizes = { ...sizes, lazyGzip, budgetGzip: budget };
  const S = 'sizes';
  const file = (/** @type {string} */ when, /** @type {{ file: string; gzip: number }} */ f) => [
    `${when}: ${f.file}`,
    kB(f.gzip),
    '',
    '',
  ];
  return {
    headers: ['figure', 'gzip', 'target', 'result'],
    rows: [
      ...sizes.firstPaint.map((f) => file('before first paint', f)),
      figure(
        S,
        'before first paint, total',
        sizes.firstPaintGzip / 1000,
        kB(sizes.firstPaintGzip),
        {
          op: '<=',
          value: budget / 1000,
          unit: 'kB',
        },
      ),
      figure(
        S,
        'three.js before first paint',
        sizes.threeInFirstPaint,
        sizes.threeInFirstPaint ? 'yes' : 'no',
        { op: 'false', value: false },
      ),
      ...sizes.lazy.map((f) => file('lazy', f)),
      ['lazy, total', kB(lazyGzip), '', ''],
    ],
    notes: [
      'Before first paint: dream-big.html (with its pre-rendered first step) and the scripts, modulepreloads and stylesheets it names. Lazy: every other .js and .css.',
      `index.html (the catalogue, and old-style #/ links) before first paint: ${kB(index.firstPaintGzip)}; three.js ${index.threeInFirstPaint ? 'included' : 'not included'}.`,
    ],
  };
});

await section('math', 'Math core (Node, median of single calls after warm-up)', async () => {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const r = /** @type {any} */ (await runJson([tsx, 'scripts/bench-math.ts', '--json'], 180_000));
  results.math = r;
  const S = 'math';
  const limit = r.target?.medianUnderMs;
  return {
    headers: ['case', 'median', 'p95', 'target', 'result'],
    rows: r.cases.map((/** @type {any} */ c) => {
      const target =
        c.key === r.target?.key
          ? { op: /** @type {const} */ ('<'), value: limit, unit: 'ms' }
          : undefined;
      const [name, shown, t, result] = figure(S, c.name, c.medianMs, duration(c.medianMs), target);
      return [name, shown, duration(c.p95Ms), t, result];
    }),
    notes: [
      `64 x 64 stages (median): ${r.stages64
        .map((/** @type {any} */ s) => `${s.name} ${duration(s.medianMs)}`)
        .join('; ')}.`,
    ],
  };
});

/**
 * A Python that imports torch: $PYTHON, else python3 or /usr/bin/python3 (as
 * scripts/goldens/run.sh looks); undefined when there is none, as on a fresh machine.
 */
function pythonWithTorch() {
  const candidates = process.env.PYTHON ? [process.env.PYTHON] : ['python3', '/usr/bin/python3'];
  return candidates.find(
    (c) => spawnSync(c, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 }).status === 0,
  );
}

await section('train', 'Training: the worker at 64 x 64, and one step beside PyTorch', async () => {
  const tsx = createRequire(import.meta.url).resolve('tsx/cli');
  const S = 'train';
  const worker = /** @type {any} */ (
    await runJson([tsx, 'scripts/bench-train.ts', '--json'], 300_000)
  );
  machine.chromium ||= worker.chromium;
  const minRate = worker.target.stepsPerSecondAtLeast;
  /** @type {string[][]} */
  const rows = worker.cases.map((/** @type {any} */ c) => {
    const [name, shown, target, result] = figure(
      S,
      `worker steps per second, 64 x 64 -> 64, ${c.name}`,
      c.stepsPerSecond,
      num(c.stepsPerSecond, 0),
      { op: '>=', value: minRate, unit: 'steps/s' },
    );
    return [name, shown, '', target, result];
  });
  const notes = [
    `Worker: the training worker (src/train) in headless Chromium on a production build of scripts/bench-train/ (served with the site's CSP; worker file ${worker.workerFile}), as fast as it goes for ${worker.seconds} s per case, counted from its progress messages; its losses checked against the same run on the page: ${worker.workerCheck}.`,
    ...summariseProblems(worker.problems ?? []).map((p) => `Console problem: ${p}`),
  ];
  const py = pythonWithTorch();
  if (!py) {
    notes.push('PyTorch: skipped, no Python with torch found (set PYTHON to one that has it).');
  } else {
    const ours = /** @type {any} */ (
      results.math ??
        (await runJson([tsx, 'scripts/bench-math.ts', '--json', '--cases', 'train-'], 180_000))
    );
    // The configuration the fixtures pin (scripts/goldens/run.sh): the reference BLAS, one thread.
    const ref = '/usr/lib/x86_64-linux-gnu/blas';
    /** @type {NodeJS.ProcessEnv} */
    const env = { ...process.env, OMP_NUM_THREADS: '1' };
    if (existsSync(join(ref, 'libblas.so.3'))) {
      env.LD_LIBRARY_PATH = `${ref}${env.LD_LIBRARY_PATH ? `:${env.LD_LIBRARY_PATH}` : ''}`;
    }
    const torch = /** @type {any} */ (
      await runJson(['scripts/bench-train-torch.py', '--json'], 300_000, { command: py, env })
    );
    results.trainTorch = torch;
    for (const t of torch.cases) {
      const mine = ours.cases.find((/** @type {any} */ c) => c.key === t.key);
      if (!mine) continue;
      const ratio = t.medianMs / mine.medianMs;
      const lessonSize = /-6x3x2$/.test(t.key);
      const [name, shown, target, result] = figure(
        S,
        `PyTorch / ours, ${t.name}`,
        ratio,
        `${num(ratio, 1)}x`,
        lessonSize ? { op: '>=', value: 10, unit: 'x' } : undefined,
      );
      rows.push([
        name,
        shown,
        `${duration(mine.medianMs)} / PyTorch ${duration(t.medianMs)}`,
        target,
        result,
      ]);
    }
    notes.push(
      `PyTorch ${torch.torch} eager (${py}, one thread, ${env.LD_LIBRARY_PATH?.startsWith(ref) ? 'the reference BLAS the fixtures pin' : "the system's BLAS"}): the median of single steps (zero_grad, forward, backward, optimizer step), the same sizes, inputs and counts as bench-math.ts; the ratio is PyTorch's median over ours (Node), the target at lesson size.`,
    );
  }
  results.train = worker;
  return {
    headers: ['figure', 'value', 'medians (ours / PyTorch)', 'target', 'result'],
    rows,
    notes,
  };
});

await section(
  'drag',
  'Input latency (start of the first frame that could show an input -> end of the frame showing it)',
  async () => {
    needBuild();
    const argv = ['scripts/bench-drag.mjs', '--dist', dist, '--json'];
    if (MOVES) argv.push('--moves', MOVES);
    const r = /** @type {any} */ (await runJson(argv, 300_000));
    results.drag = r;
    if (r.chromium) machine.chromium ||= r.chromium;
    const ms = (/** @type {number | undefined} */ x) => num(x, 1);
    return {
      headers: [
        'case',
        'route',
        'frame interval (ms)',
        'frame-aligned p50 (ms)',
        'frame-aligned p95 (ms)',
        'target',
        'result',
        'shown 0 / 1 / 2 / 3+ frames late',
        'input -> frame p50 / p95 (ms)',
        'n',
      ],
      // Issue #7's target: p95 within one frame interval, the one measured in the same run, held
      // against the frame-aligned figure (scripts/bench-drag.mjs explains why not the raw one).
      rows: Object.entries(r.cases).map(([name, /** @type {any} */ c]) => {
        const interval = c.frameInterval?.p50;
        const [, shown, target, result] = figure(
          'latency',
          `${name} frame-aligned p95`,
          c.frameAligned?.p95,
          ms(c.frameAligned?.p95),
          { op: '<=', value: Number(ms(interval)), unit: 'ms (1 frame)' },
          'ms',
        );
        return [
          name,
          c.route,
          ms(interval),
          ms(c.frameAligned?.p50),
          shown,
          target,
          result,
          (c.framesLateCounts ?? []).join(' / ') || 'n/a',
          `${ms(c.latency?.p50)} / ${ms(c.latency?.p95)}`,
          String(c.frameAligned?.n ?? 'n/a'),
        ];
      }),
      notes: [
        'Frame interval: the median requestAnimationFrame delta in the same page during the same inputs; the target is p95 within one of them.',
        'Frame-aligned: from the start of the first frame that could show the input (the first frame tick at or after its event time) to the end of the frame that shows it. Input -> frame: from the event time itself, which adds the wait for the next frame (0 to 1 interval) that no page code can shorten.',
        'Headless Chromium draws WebGL with SwiftShader, on the CPU; input is dispatched through the DevTools protocol.',
        ...summariseProblems(r.problems ?? []).map((p) => `Console problem: ${p}`),
      ],
    };
  },
);

// Lighthouse and the heap walk share one server on a free port.
/** @type {import('vite').PreviewServer | undefined} */
let server;
const serve = async () => {
  needBuild();
  server ??= await preview({
    root: ROOT,
    build: { outDir: dist },
    preview: { port: 0, host: '127.0.0.1' },
    logLevel: 'silent',
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview reported no URL');
  return url;
};

try {
  await section(
    'lighthouse',
    'Lighthouse on the first lesson, dream-big.html (mobile preset, simulated throttling)',
    async () => {
      const { runLighthouse } = await import('./bench-lighthouse.mjs');
      const base = await serve();
      // The first lesson's own page: the address the app hands out in share links, which paints
      // its first step from pre-rendered HTML. index.html#/dream-big/1 (old-style links) builds
      // the step in the browser; it is measured too, and reported in the notes.
      const r = await runLighthouse(`${base}dream-big.html`, {
        executablePath: await executable(),
        runs: LH_RUNS,
        log,
      });
      const hashLink = await runLighthouse(`${base}#/dream-big/1`, {
        executablePath: await executable(),
        runs: LH_RUNS,
        log,
      });
      results.lighthouseHashLink = {
        scores: hashLink.scores,
        metricsMs: hashLink.metricsMs,
        allRuns: hashLink.allRuns,
      };
      const { lhr, ...rest } = r;
      results.lighthouse = rest;
      mkdirSync(OUT, { recursive: true });
      writeFileSync(join(OUT, 'lighthouse.json'), JSON.stringify(lhr));
      machine.chromium ||= /Chrome\/([\d.]+)/.exec(r.userAgent)?.[1] ?? '';
      const S = 'lighthouse';
      const every = (/** @type {string} */ id) =>
        r.allRuns.map((/** @type {Record<string, number>} */ x) => x[id]).join(', ');
      /** @type {[string, string, Target][]} */
      const categories = [
        ['performance', 'performance score', { op: '>=', value: 95 }],
        ['accessibility', 'accessibility score', { op: '=', value: 100 }],
        ['best-practices', 'best practices score', { op: '=', value: 100 }],
      ];
      const notes = [
        `Median of ${r.runs} runs (run ${r.medianRun}, chosen as Lighthouse's CLI does: closest to the median FCP and TTI); every run's scores are in the "all runs" column.`,
        `Lighthouse ${r.lighthouseVersion}, form factor ${r.formFactor}, throttling "${r.throttlingMethod}": the metrics are simulated from one unthrottled load on this machine, so a busy CPU (a low benchmark index) lengthens TBT and TTI.`,
      ];
      for (const [id, label, target] of categories) {
        if (check(r.scores[id], target) !== 'MISS') continue;
        notes.push(`${label} under target; its audits scoring under 0.9, worst first:`);
        for (const a of r.failing[id]) {
          const value = a.displayValue ? `, ${a.displayValue}` : '';
          const items = a.items.length ? `: ${a.items.join(', ')}` : '';
          notes.push(`${SUB}${a.title} (${a.id}, score ${a.score}${value})${items}`);
        }
      }
      if (r.warnings.length) notes.push(`Lighthouse warnings: ${r.warnings.join(' | ')}`);
      const hashRuns = hashLink.allRuns
        .map((/** @type {Record<string, number>} */ x) => x.performance)
        .join(', ');
      notes.push(
        `index.html#/dream-big/1 (an old-style link; no pre-rendered step): performance ` +
          `${hashLink.scores.performance} (runs ${hashRuns}), ` +
          `LCP ${num(hashLink.metricsMs.lcp, 0)} ms, TBT ${num(hashLink.metricsMs.tbt, 0)} ms, ` +
          `FCP ${num(hashLink.metricsMs.fcp, 0)} ms.`,
      );
      return {
        headers: ['figure', 'median run', 'all runs', 'target', 'result'],
        rows: [
          ...categories.map(([id, label, target]) => {
            const [name, shown, t, result] = figure(
              S,
              label,
              r.scores[id],
              String(r.scores[id]),
              target,
            );
            return [name, shown, every(id), t, result];
          }),
          ['largest contentful paint', `${num(r.metricsMs.lcp, 0)} ms`, '', '', ''],
          ['total blocking time', `${num(r.metricsMs.tbt, 0)} ms`, '', '', ''],
          ['first contentful paint', `${num(r.metricsMs.fcp, 0)} ms`, '', '', ''],
          ['speed index', `${num(r.metricsMs.speedIndex, 0)} ms`, '', '', ''],
          ['cumulative layout shift', num(r.cls, 3), '', '', ''],
          ['CPU benchmark index', String(r.benchmarkIndex), every('benchmarkIndex'), '', ''],
        ],
        notes,
      };
    },
  );

  await section('heap', 'JS heap (after forced GC)', async () => {
    const { measureHeap } = await import('./bench-heap.mjs');
    const base = await serve();
    const r = await measureHeap(base, { executablePath: await executable(), log });
    results.heap = r;
    machine.chromium ||= r.browserVersion;
    machine.webglRenderer = r.webglRenderer;
    const MB = (/** @type {number} */ b) => (b / 1e6).toFixed(1);
    const [load, walk1, walk2] = r.points;
    return {
      headers: [
        'when',
        'steps walked',
        'JS heap used (MB)',
        'heap size (MB)',
        'DOM nodes',
        'listeners',
      ],
      rows: r.points.map((p) => [
        p.label,
        String(p.steps),
        MB(p.usedBytes),
        MB(p.totalBytes),
        String(p.nodes),
        String(p.listeners),
      ]),
      notes: [
        `Lessons walked with the Next button and each last step's "Next lesson" link: ${r.lessons
          .map((l) => `${l.id} (${l.steps})`)
          .join(', ')}; 1280 x 900 viewport. MB = 10^6 bytes.`,
        `Growth: first walk +${MB(walk1.usedBytes - load.usedBytes)} MB over first load; second walk +${MB(walk2.usedBytes - walk1.usedBytes)} MB over the first (a leak would grow by about as much again).`,
        'No target is set for the heap.',
        ...summariseProblems(r.problems).map((p) => `Console problem: ${p}`),
      ],
    };
  });
} finally {
  if (server) await new Promise((r) => server?.httpServer.close(r));
}

machine.loadavgEnd = loadavg().map((l) => Math.round(l * 100) / 100);
const seconds = Math.round((Date.now() - started) / 1000);

/** @type {Section} */
const machineSection = {
  title: 'Machine',
  headers: ['fact', 'value'],
  rows: [
    ['CPU', `${machine.cpu} x ${machine.cores}`],
    ['memory', `${machine.memoryGB} GB`],
    ['OS', machine.os],
    ['Node', machine.node],
    ['Chromium', machine.chromium ? `${machine.chromium} headless` : 'n/a'],
    ['WebGL', machine.webglRenderer || 'n/a'],
    [
      'load average at start / end',
      `${machine.loadavgStart.join(' ')} / ${machine.loadavgEnd.join(' ')}`,
    ],
    ['date', machine.date],
    ['bench runtime', `${seconds} s`],
  ],
  notes: [
    'WebGL is drawn by SwiftShader, on the CPU: a GPU would draw the 3-D plot faster.',
    'Timings depend on whatever else the machine runs; the load average shows how busy it was.',
  ],
};

const measured = verdicts.filter((v) => v.result === 'PASS' || v.result === 'MISS');
/** @type {Section} */
const summary = {
  title: 'Targets',
  headers: ['section', 'figure', 'value', 'target', 'result'],
  rows: verdicts.map((v) => [v.section, v.figure, v.value, v.target, v.result]),
  notes: [
    `${measured.filter((v) => v.result === 'PASS').length} PASS, ${measured.filter((v) => v.result === 'MISS').length} MISS` +
      (Object.keys(failures).length ? `; not measured: ${Object.keys(failures).join(', ')}` : ''),
  ],
};

const all = [machineSection, ...sections, summary];
console.log(`\nnpm run bench: build ${results.dist}\n`);
console.log(all.map(sectionText).join('\n\n'));

mkdirSync(OUT, { recursive: true });
writeFileSync(
  join(OUT, 'latest.json'),
  `${JSON.stringify({ machine, ...results, verdicts, failures, seconds }, null, 2)}\n`,
);
writeFileSync(
  join(OUT, 'latest.md'),
  `## npm run bench, ${machine.date.slice(0, 10)}\n\n${all.map(sectionMarkdown).join('\n\n')}\n`,
);
log(`wrote ${relative(ROOT, join(OUT, 'latest.json'))} and latest.md in ${seconds} s`);
process.exitCode = Object.keys(failures).length > 0 ? 1 : 0;
