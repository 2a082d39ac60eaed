// Lighthouse on one URL with the Chromium the browser tests use, for scripts/bench.mjs.
//
// Lighthouse's default config is kept: the mobile preset (a mid-range phone's screen, slow 4G and a
// 4x CPU slowdown) with simulated throttling, so the performance score comes from a simulation fed
// by one unthrottled load rather than from timings taken under throttling. Each run gets a fresh
// Chromium started with --remote-debugging-port, which Lighthouse drives; the median run is picked
// the way Lighthouse's own CLI and PageSpeed do (computeMedianRun: closest to the median FCP and TTI).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import lighthouse from 'lighthouse';
import { computeMedianRun } from 'lighthouse/core/lib/median-run.js';
import { CHROMIUM_ARGS } from '../e2e/chromium.mjs';
import { elide } from './bench-lib.mjs';

/** The categories the release checks; SEO and PWA are not asked for, so they are not run. */
export const CATEGORIES = /** @type {const} */ (['performance', 'accessibility', 'best-practices']);

/**
 * Starts Chromium with a DevTools port chosen by the OS and waits for it to say which.
 * @param {string} executablePath
 * @returns {Promise<{ port: number; close: () => Promise<void> }>}
 */
async function launch(executablePath) {
  const profile = mkdtempSync(join(tmpdir(), 'bench-lh-'));
  const child = spawn(
    executablePath,
    [
      ...CHROMIUM_ARGS,
      '--headless',
      '--remote-debugging-port=0',
      '--remote-debugging-address=127.0.0.1',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const port = await new Promise((resolve, reject) => {
      let log = '';
      const timer = setTimeout(
        () => reject(new Error(`Chromium gave no DevTools port within 30 s:\n${log}`)),
        30_000,
      );
      child.stderr.on('data', (chunk) => {
        log += chunk;
        const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(log);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Chromium exited with ${code} before DevTools listened:\n${log}`));
      });
    });
    return { port, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/**
 * The audits that keep a category below a perfect score: weighted or scored audits under 0.9
 * (Lighthouse's own pass line), worst first.
 * @param {import('lighthouse').Result} lhr
 * @param {string} id a category id
 * @returns {{ id: string; title: string; score: number; displayValue?: string; items: string[] }[]}
 */
export function failingAudits(lhr, id) {
  const category = lhr.categories[id];
  if (!category) return [];
  // URLs on our own server are shown from the path on: the port changes every run.
  const origin = new URL(lhr.finalDisplayedUrl).origin;
  const out = [];
  for (const ref of category.auditRefs) {
    const a = lhr.audits[ref.id];
    if (!a || a.score === null) continue;
    if (['notApplicable', 'informative', 'manual'].includes(a.scoreDisplayMode)) continue;
    if (a.score >= 0.9) continue;
    // A few examples of what failed (elements, URLs, console messages: those have a source);
    // structured details (trees, phase tables) and advice are left to the full report.
    const details = /** @type {any} */ (a.details);
    const items = Array.isArray(details?.items)
      ? details.items
          .map(
            (/** @type {any} */ it) =>
              it?.node?.snippet ??
              it?.node?.selector ??
              it?.url ??
              (it?.source ? it.description : undefined) ??
              it?.issueType,
          )
          .filter((/** @type {unknown} */ t) => typeof t === 'string')
          .slice(0, 3)
          .map((/** @type {string} */ t) => elide(t.split(origin).join(''), 160))
      : [];
    out.push({ id: a.id, title: a.title, score: a.score, displayValue: a.displayValue, items });
  }
  return out.sort((x, y) => x.score - y.score);
}

/**
 * Runs Lighthouse `runs` times on `url` and returns the median run's figures and every run's
 * scores.
 * @param {string} url
 * @param {{ executablePath: string; runs?: number; log?: (msg: string) => void }} options
 */
export async function runLighthouse(url, { executablePath, runs = 3, log = () => {} }) {
  /** @type {import('lighthouse').Result[]} */
  const lhrs = [];
  for (let k = 1; k <= runs; k++) {
    log(`lighthouse run ${k}/${runs}`);
    const chrome = await launch(executablePath);
    try {
      const result = await lighthouse(
        url,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
        undefined,
      );
      if (!result) throw new Error('Lighthouse returned no result');
      if (result.lhr.runtimeError) {
        throw new Error(
          `Lighthouse: ${result.lhr.runtimeError.code} ${result.lhr.runtimeError.message}`,
        );
      }
      lhrs.push(result.lhr);
    } finally {
      await chrome.close();
    }
  }
  const median = computeMedianRun(lhrs);
  /** @param {import('lighthouse').Result} lhr @param {string} id */
  const score = (lhr, id) => {
    const s = lhr.categories[id]?.score;
    return s === null || s === undefined ? NaN : Math.round(s * 100);
  };
  /** @param {string} id */
  const metric = (id) => median.audits[id]?.numericValue ?? NaN;
  return {
    url,
    runs: lhrs.length,
    medianRun: lhrs.indexOf(median) + 1,
    lighthouseVersion: median.lighthouseVersion,
    userAgent: median.environment.hostUserAgent,
    formFactor: median.configSettings.formFactor,
    /** Lighthouse's CPU benchmark of this machine during the median run (higher is faster). */
    benchmarkIndex: Math.round(median.environment.benchmarkIndex),
    throttlingMethod: median.configSettings.throttlingMethod,
    scores: Object.fromEntries(CATEGORIES.map((id) => [id, score(median, id)])),
    allRuns: lhrs.map((lhr) => ({
      ...Object.fromEntries(CATEGORIES.map((id) => [id, score(lhr, id)])),
      benchmarkIndex: Math.round(lhr.environment.benchmarkIndex),
    })),
    metricsMs: {
      fcp: metric('first-contentful-paint'),
      lcp: metric('largest-contentful-paint'),
      tbt: metric('total-blocking-time'),
      speedIndex: metric('speed-index'),
    },
    cls: metric('cumulative-layout-shift'),
    failing: Object.fromEntries(CATEGORIES.map((id) => [id, failingAudits(median, id)])),
    warnings: median.runWarnings,
    /** The whole median report, for the details the tables leave out. */
    lhr: median,
  };
}
