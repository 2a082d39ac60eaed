// Drag latency of the 3-D vector plot, measured in headless Chromium: the time from a pointer move
// to the frame in which both the canvas and the printed output show it, beside the frame interval
// (requestAnimationFrame deltas) of the same run.
//
// Usage: npx vite build && node scripts/bench-drag.mjs      (or: npm run bench:drag -- --build)
//   --build        run `vite build` first (otherwise dist/ must be current)
//   --moves N      pointer moves to measure (default 150)
//   --route R      default '#/dream-big/6' (the query's scores printed, and the plot)
//   --dist DIR     serve another build directory than dist/
//
// It serves dist/ with vite's preview() on a free port and drives a drag with page.mouse. In the
// page, a capture-phase pointermove listener notes when each move happened; a MutationObserver on
// the canvas's frame counter (data-frames, which the scene bumps once per rendered frame) sees the
// first frame after the move whose printed output <pre data-testid="output"> has changed too, and
// a MessageChannel task queued from there marks the end of that frame's main-thread work (style,
// layout, paint). Headless Chromium draws WebGL with SwiftShader, on the CPU: slower than a GPU.
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium.mjs';

const args = process.argv.slice(2);
/** @param {string} name @param {string} fallback */
const opt = (name, fallback) => {
  const k = args.indexOf(name);
  return k >= 0 && args[k + 1] !== undefined ? args[k + 1] : fallback;
};
const MOVES = Number(opt('--moves', '150'));
const ROUTE = opt('--route', '#/dream-big/6');
const DIST = opt('--dist', 'dist');

if (args.includes('--build')) await build({ logLevel: 'warn' });

const server = await preview({
  build: { outDir: DIST },
  preview: { port: 0, host: '127.0.0.1' },
  logLevel: 'silent',
});
const base = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4173/';
const browser = await chromium.launch({
  executablePath: await chromiumPath(),
  args: CHROMIUM_ARGS,
});

/** @param {number[]} xs @param {number} q */
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1));
  return s[i];
}

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems = /** @type {string[]} */ ([]);
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  await page.goto(base + ROUTE);
  const canvas = page.locator('.pv-stage canvas');
  await canvas.waitFor();
  await page.waitForFunction(() => {
    const c = document.querySelector('.pv-stage canvas');
    return c instanceof HTMLCanvasElement && Number(c.dataset.frames) > 0;
  });
  await canvas.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);

  await page.evaluate(() => {
    const c = /** @type {HTMLCanvasElement} */ (document.querySelector('.pv-stage canvas'));
    const out = document.querySelector('[data-testid="output"]');
    if (!out) throw new Error('this route prints no output');
    const bench = {
      /** @type {number[]} from the event's timestamp (input time) */
      fromInput: [],
      /** @type {number[]} from the moment the page's handler ran */
      fromHandler: [],
      /** @type {number[]} rAF deltas */
      frames: [],
      dropped: 0,
      running: true,
    };
    /** @type {{ input: number; handler: number; text: string | null } | null} */
    let pending = null;
    window.addEventListener(
      'pointermove',
      (e) => {
        if (e.buttons === 0) return;
        if (pending) bench.dropped += 1; // the previous move never showed: count it, start over
        pending = { input: e.timeStamp, handler: performance.now(), text: out.textContent };
      },
      { capture: true },
    );
    new MutationObserver(() => {
      const p = pending;
      if (!p || out.textContent === p.text) return; // a frame without the new output yet
      pending = null;
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        const t = performance.now();
        bench.fromInput.push(t - p.input);
        bench.fromHandler.push(t - p.handler);
      };
      ch.port2.postMessage(0);
    }).observe(c, { attributes: true, attributeFilter: ['data-frames'] });
    let last = performance.now();
    const tick = (/** @type {number} */ now) => {
      bench.frames.push(now - last);
      last = now;
      if (bench.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    /** @type {any} */ (window).__bench = bench;
  });

  // The page at rest first: how steady are frames on this machine before any drag?
  await page.waitForTimeout(2000);
  const idleFrames = await page.evaluate(() => {
    const b = /** @type {any} */ (window).__bench;
    const f = /** @type {number[]} */ (b.frames).slice(1);
    b.frames.length = 0;
    return f;
  });

  // Grab the query word's tip and drag it round a small circle, one move at a time.
  const slider = page.getByRole('slider', { name: /vector$/ }).nth(1);
  const box = await canvas.boundingBox();
  if (!box) throw new Error('canvas not laid out');
  const sx = Number(await slider.getAttribute('data-screen-x'));
  const sy = Number(await slider.getAttribute('data-screen-y'));
  const x0 = box.x + sx;
  const y0 = box.y + sy;
  await page.mouse.move(x0, y0);
  await page.mouse.down();
  const count = () =>
    page.evaluate(() => {
      const b = /** @type {any} */ (window).__bench;
      return b.fromInput.length + b.dropped;
    });
  for (let k = 1; k <= MOVES; k++) {
    const a = (k / 40) * 2 * Math.PI;
    const r = Math.min(40, 2 * k);
    const before = await count();
    await page.mouse.move(x0 + r * Math.sin(a), y0 - r * (1 - Math.cos(a)));
    await page
      .waitForFunction((n) => {
        const b = /** @type {any} */ (window).__bench;
        return b.fromInput.length + b.dropped > n;
      }, before)
      .catch(() => {});
  }
  await page.mouse.up();
  await page.waitForTimeout(200);
  const r = await page.evaluate(() => {
    const b = /** @type {any} */ (window).__bench;
    b.running = false;
    return {
      fromInput: /** @type {number[]} */ (b.fromInput),
      fromHandler: /** @type {number[]} */ (b.fromHandler),
      frames: /** @type {number[]} */ (b.frames),
      dropped: /** @type {number} */ (b.dropped),
    };
  });
  const version = browser.version();
  const rows = [
    ['pointer move (event time) -> frame shown', r.fromInput],
    ['pointer handler -> frame shown', r.fromHandler],
    ['frame interval during the drag (rAF delta)', r.frames],
    ['frame interval at rest, same page (rAF delta)', idleFrames],
  ];
  const f = (/** @type {number} */ v) => v.toFixed(1).padStart(7);
  console.log(`\nDrag latency on ${ROUTE}, Chromium ${version} headless, WebGL by SwiftShader`);
  console.log(
    `${'measure'.padEnd(44)}${'p50 ms'.padStart(8)}${'p95 ms'.padStart(8)}${'max ms'.padStart(8)}${'n'.padStart(6)}`,
  );
  for (const [name, xs] of rows) {
    const v = /** @type {number[]} */ (xs);
    const vals = [quantile(v, 0.5), quantile(v, 0.95), Math.max(...v)];
    console.log(
      `${String(name).padEnd(44)} ${vals.map(f).join(' ')}${String(v.length).padStart(6)}`,
    );
  }
  const p95 = quantile(r.fromInput, 0.95);
  const interval = quantile(r.frames, 0.5);
  console.log(`moves that never showed (superseded by the next move): ${r.dropped}`);
  console.log(
    `p95 latency ${p95.toFixed(1)} ms vs frame interval ${interval.toFixed(1)} ms: ` +
      (p95 <= interval ? 'within one frame' : `${(p95 / interval).toFixed(2)} frames`),
  );
  if (problems.length) console.log(`console problems:\n  ${problems.join('\n  ')}`);
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
