/**
 * Steps per second of the training worker (src/train/worker.ts) at 64 tokens x 64 dims, measured
 * in headless Chromium on a production build: Vite builds the measurement page in
 * scripts/bench-train/ (which imports src/train as the app does), serves it with the site's
 * Content Security Policy, and the page trains each case (cross-entropy and MSE, SGD and Adam) as
 * fast as the worker goes for a few seconds, counting steps from the worker's progress messages.
 * Target: 60 steps per second or more. The page also checks that the worker runs (no same-thread
 * fallback) and that its losses equal the same run computed on the page.
 *
 * Run: npx tsx scripts/bench-train.ts [--seconds N] [--json]
 *   --json prints one JSON object as the last line (scripts/bench.mjs reads it).
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { build, preview } from 'vite';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium.mjs';
import { CONTENT_SECURITY_POLICY } from './lesson-pages.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--seconds');
const SECONDS = at >= 0 ? Number(args[at + 1]) : 3;
const JSON_MODE = args.includes('--json');
export const TARGET_STEPS_PER_SECOND = 60;

const root = fileURLToPath(new URL('./bench-train/', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'bench-train-'));
const log = (m: string) => process.stderr.write(`[bench-train] ${m}\n`);

try {
  log('vite build of the measurement page');
  await build({
    root,
    base: './',
    configFile: false,
    logLevel: 'error',
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  const assets = readdirSync(join(outDir, 'assets'));
  const workerFile = assets.find((f) => /^worker-.*\.js$/.test(f));
  if (!workerFile)
    throw new Error(`the build emitted no worker file (assets: ${assets.join(', ')})`);
  const server = await preview({
    root,
    configFile: false,
    logLevel: 'silent',
    build: { outDir },
    preview: {
      port: 0,
      host: '127.0.0.1',
      headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
    },
  });
  const browser = await chromium.launch({
    executablePath: await chromiumPath(),
    args: CHROMIUM_ARGS,
  });
  const problems: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const url = `${server.resolvedUrls!.local[0]}?seconds=${SECONDS}`;
    log(`measuring in ${await browser.version()} (${SECONDS} s per case)`);
    await page.goto(url);
    await page.waitForFunction(
      () => (window as { __trainBench?: { done: boolean } }).__trainBench?.done,
      null,
      {
        timeout: 120_000,
      },
    );
    const r = (await page.evaluate(() => (window as { __trainBench?: unknown }).__trainBench)) as {
      error?: string;
      results?: {
        key: string;
        name: string;
        mode: string;
        stepsPerSecond: number;
        steps: number;
        progressPerSecond: number;
      }[];
      workerCheck?: string;
    };
    if (r.error) throw new Error(`measurement page: ${r.error}`);
    const result = {
      chromium: browser.version(),
      workerFile,
      workerCheck: r.workerCheck,
      seconds: SECONDS,
      target: { stepsPerSecondAtLeast: TARGET_STEPS_PER_SECOND },
      cases: r.results,
      problems,
    };
    if (JSON_MODE) {
      console.log(JSON.stringify(result));
    } else {
      console.log(
        `training worker, 64 tokens x 64 -> 64, Chromium ${result.chromium}, ${workerFile}`,
      );
      for (const c of r.results ?? []) {
        const ok = c.stepsPerSecond >= TARGET_STEPS_PER_SECOND ? 'PASS' : 'MISS';
        console.log(
          `  ${c.name.padEnd(20)} ${c.stepsPerSecond.toFixed(0).padStart(6)} steps/s (${c.steps} steps, ${c.progressPerSecond.toFixed(0)} progress messages/s, ${c.mode})  ${ok}`,
        );
      }
      if (problems.length) console.log(`console problems: ${problems.join(' | ')}`);
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => server.httpServer.close(resolve));
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
