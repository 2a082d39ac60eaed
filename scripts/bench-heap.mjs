// The page's JS heap at first load and after walking every step of every lesson, for
// scripts/bench.mjs. A learner keeps one tab open through all the lessons, so whatever a step leaves
// behind (listeners, WebGL resources, cached derivations) adds up; walking twice tells growth that
// stops (caches, lazily loaded chunks) from growth that does not (a leak).
//
// Each figure is taken after forcing garbage collection through the DevTools protocol
// (HeapProfiler.collectGarbage), so it counts live objects only. Runtime.getHeapUsage gives the
// heap of the page's isolate; Performance.getMetrics gives JSHeapUsedSize and the DOM node and
// event listener counts beside it.
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../e2e/chromium.mjs';

/** The walk starts at the first lesson's first step; each lesson's last step links to the next. */
const FIRST_ROUTE = '#/dream-big/1';

/**
 * @typedef {{ label: string; usedBytes: number; totalBytes: number; jsHeapUsedSize: number;
 *   nodes: number; listeners: number; steps: number }} HeapPoint
 */

/**
 * Loads `base` + the first lesson, reads the heap, walks every lesson step by step with the Next
 * button (and each last step's "Next lesson" link) twice, reading the heap after each walk, then
 * opens the playground.
 * @param {string} base the served app, ending in '/'
 * @param {{ executablePath: string; log?: (msg: string) => void }} options
 * @returns {Promise<{ points: HeapPoint[]; lessons: { id: string; steps: number }[];
 *   browserVersion: string; webglRenderer: string; problems: string[] }>}
 */
export async function measureHeap(base, { executablePath, log = () => {} }) {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    /** @type {string[]} */
    const problems = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');

    /** @param {string} label @param {number} steps @returns {Promise<HeapPoint>} */
    const read = async (label, steps) => {
      // Twice: the first pass can free objects whose finalisers release more.
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const usage = await cdp.send('Runtime.getHeapUsage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = (/** @type {string} */ name) => metrics.find((x) => x.name === name)?.value ?? NaN;
      return {
        label,
        usedBytes: usage.usedSize,
        totalBytes: usage.totalSize,
        jsHeapUsedSize: m('JSHeapUsedSize'),
        nodes: m('Nodes'),
        listeners: m('JSEventListeners'),
        steps,
      };
    };

    /** Waits until the step count says "Step n of m" and two frames have been drawn. */
    const settle = async (/** @type {number} */ n) => {
      await page
        .locator('.step-count')
        .filter({ hasText: `Step ${n} of` })
        .waitFor();
      await page.evaluate(
        () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
      );
    };
    const stepCount = async () => {
      const text = (await page.locator('.step-count').textContent()) ?? '';
      const m = /Step (\d+) of (\d+)/.exec(text);
      if (!m) throw new Error(`no step count on ${page.url()}: "${text}"`);
      return { step: Number(m[1]), of: Number(m[2]) };
    };
    const lessonId = () => /#\/([^/?]+)/.exec(page.url())?.[1] ?? '?';

    await page.goto(base + FIRST_ROUTE);
    await settle(1);
    await page.waitForLoadState('networkidle');
    const webglRenderer = await page.evaluate(() => {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) return 'no WebGL 2';
      const info = gl.getExtension('WEBGL_debug_renderer_info');
      return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    });
    const points = [await read('first load (#/dream-big/1, step 1 painted)', 0)];

    /** @type {{ id: string; steps: number }[]} */
    const lessons = [];
    /** Walks from dream-big/1 to the last step of the last lesson; returns the steps shown. */
    const walk = async (/** @type {boolean} */ record) => {
      let shown = 1;
      for (;;) {
        const { step, of } = await stepCount();
        if (step < of) {
          await page.locator('.step-nav button.primary').click();
          await settle(step + 1);
          shown += 1;
          continue;
        }
        if (record) lessons.push({ id: lessonId(), steps: of });
        const onward = page.locator('.lesson-next');
        // The last lesson links to the catalogue ("All lessons"): the walk ends there.
        if (!/^Next lesson/.test((await onward.textContent()) ?? '')) return shown;
        await onward.click();
        await settle(1);
        shown += 1;
      }
    };

    log('heap: walking every lesson');
    const first = await walk(true);
    points.push(await read('after walking every step of every lesson', first));
    log('heap: walking every lesson again');
    await page.goto(base + FIRST_ROUTE);
    await settle(1);
    const second = await walk(false);
    points.push(await read('after walking them all a second time', first + second));
    await page.goto(base + '#/playground/1');
    await page.waitForLoadState('networkidle');
    await page.evaluate(
      () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))),
    );
    points.push(await read('then the playground opened (#/playground/1)', first + second));
    return { points, lessons, browserVersion: browser.version(), webglRenderer, problems };
  } finally {
    await browser.close();
  }
}
