// Input latency of the lessons and the playground, measured in headless Chromium: the time from an
// input event (its own timestamp) to the end of the frame that shows its result, beside the frame
// interval (requestAnimationFrame deltas) measured in the same page. The cases:
//   lesson drag      dragging the query's tip in the 3-D plot of #/dream-big/6
//   lesson edit      Up/Down arrow steps on a focused cell of #/dream-big/7's embedding table
//   playground drag  scrubbing a cell's ⇔ grip at 64 tokens × 64 dims, trainable attention
//   playground edit  Up/Down arrow steps on a focused cell there
//   the same two with rotary positions (playground-rotary-drag, -edit), and with learned
//   positions (playground-learned-drag, -edit): the kind chosen on the page before measuring
//   the same two while training runs (playground-train-drag, -edit): the goal "the word before
//   it", a run of 10 000 steps playing in its worker. Every edit starts the run over and it plays
//   on, so the sample ends when the training panel shows the new run (its data-run attribute,
//   changed in the render that shows the edit), not at the printed output, which training
//   changes every frame by itself. The case also reports the steps per second the trainer
//   computed during the inputs (the panel's data-trained-steps counter).
//
// Usage: npx vite build && node scripts/bench-drag.mjs      (or: npm run bench:drag -- --build)
//   --build        run `vite build` first (otherwise dist/ must be current)
//   --dist DIR     serve another build directory than dist/
//   --moves N      inputs per case (default 150)
//   --case NAME    run only this case (lesson-drag, lesson-edit, playground-drag, playground-edit,
//                  playground-rotary-drag, playground-rotary-edit, playground-learned-drag,
//                  playground-learned-edit, playground-train-drag, playground-train-edit)
//   --json         also print one JSON object with every figure, as the last line of stdout
//
// How a sample is taken. A capture-phase listener notes each input's event.timeStamp (when the
// browser received it) and when the page got to handle it. A MutationObserver on the printed
// output (<pre data-testid="output">) sees it change; a requestAnimationFrame callback queued from
// there runs in the frame that will show the change, and a task queued from that callback (at
// user-blocking priority, ahead of work the page queued for later, such as React's deferred
// renders) runs after the frame's main-thread work (style, layout, paint): that is the end of the
// sample. When a 3-D canvas is in view, the sample also waits until the scene has rendered a
// frame (its data-frames counter) after the change, so the plot shows it too.
//
// Why "input -> frame" is longer than "handler -> frame": Chromium dispatches pointermove in step
// with frames (rAF-aligned input), so a move waits for the next frame to begin before any page
// code runs; a key press is handled at once, but what it changes waits for the next frame just
// the same. Either way up to one frame interval passes that no page code can save. The bench
// waits a random 0..20 ms before each input so inputs land at random points of the frame, as a
// hand's do, instead of just after the frame that showed the previous one. The latency is also
// split at the start of the frame that showed it (its requestAnimationFrame timestamp): the wait
// for that frame, and that frame's own work.
//
// The frame-aligned latency answers "did the change repaint within one frame interval?", which
// the raw figure cannot: its wait for the next frame alone is uniform over 0..1 interval (p95 0.95
// of one) before any page code runs. So this clock starts where the page's part begins, at the
// start of the first frame that could show the input, and stops at the end of the frame that
// shows it (the same end as the raw figure). In detail:
//   - A frame's start is its requestAnimationFrame timestamp: the time of the frame tick (vsync)
//     it belongs to. Chromium keeps that time when the page was busy at the tick and ran the frame
//     late, so a frame delayed by page work counts the delay, as it should.
//   - The first frame that could show the input is the first frame tick at or after the input's
//     event.timeStamp (when the browser received it). Not the handler's time: a handler that ran
//     late because the page was busy is page time. Ticks lie on the grid of the recorded frame
//     starts (the last frame before the input plus whole median intervals), and a tick counts
//     even when no frame ran at it: Chromium starts no frame while the page is still busy with
//     the last one, and a quicker page would have had one there.
//   - An input can arrive just after a tick yet be taken in by that tick's frame (the frame's
//     input dispatch runs a little after its tick, later when the page is busy). When the frame
//     that shows it began before the input, that frame was the first that could, and the figure
//     is that frame's whole duration, from its start.
//   - Frames late: how many frame intervals lie between that first tick and the start of the
//     frame that showed the input, rounded; 0 means shown by the first frame that could.
//   - With the 3-D plot in view, the frame that shows the input is the one in which the scene drew
//     it, if later than the DOM's.
// The target, "p95 within one frame interval", is checked on this figure: p95 frame-aligned
// latency at most the median frame interval of the same run.
//
// Headless Chromium draws WebGL with SwiftShader, on the CPU: slower than a GPU. Each WebGL frame
// costs the GPU process CPU time whatever it draws (a bare canvas cleared every frame kept it at
// about 0.6 of a core at 60 frames a second), time taken from the page on a small machine.
import { loadavg } from 'node:os';
import { build, preview } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium.mjs';
import { quantile } from './bench-lib.mjs';

const args = process.argv.slice(2);
/** @param {string} name @param {string} fallback */
const opt = (name, fallback) => {
  const k = args.indexOf(name);
  return k >= 0 && args[k + 1] !== undefined ? args[k + 1] : fallback;
};
const MOVES = Number(opt('--moves', '150'));
const DIST = opt('--dist', 'dist');
const ONLY = opt('--case', '');
const JSON_OUT = args.includes('--json');

/** The playground's share payload (the first playground link format, which still opens: src/state/legacyPlaygroundLink.ts) for 64 words × 64 dims. */
function playgroundPayload() {
  const words = Array.from({ length: 64 }, (_, k) => `w${k}`).join(' ');
  const obj = { v: 1, s: words, d: 64, seed: 123, m: 'trainable', dk: 64, dv: 64, c: 0, q: 1 };
  return Buffer.from(JSON.stringify(obj)).toString('base64url');
}
const PLAYGROUND_ROUTE = `#/playground/1?p=${playgroundPayload()}`;
const LESSON_ROUTE = '#/dream-big/6';
/** dream-big step 7: the embedding table, a printed output and the plot on one step. */
const LESSON_EDIT_ROUTE = '#/dream-big/7';

/**
 * @typedef {{
 *   name: string;
 *   route: string;
 *   kind: 'drag3d' | 'scrub' | 'keys';
 *   cell: string;
 *   positions?: string;
 *   train?: boolean;
 * }} Case
 * `positions`: the name of the playground's Positions radio to choose before measuring.
 * `train`: a training run plays while measuring.
 */
const CASES = /** @type {Case[]} */ ([
  { name: 'lesson-drag', route: LESSON_ROUTE, kind: 'drag3d', cell: '' },
  { name: 'lesson-edit', route: LESSON_EDIT_ROUTE, kind: 'keys', cell: '.em-input' },
  { name: 'playground-drag', route: PLAYGROUND_ROUTE, kind: 'scrub', cell: '.em-grip' },
  { name: 'playground-edit', route: PLAYGROUND_ROUTE, kind: 'keys', cell: '.em-input' },
  ...[
    ['rotary', 'Rotary (RoPE)'],
    ['learned', 'Learned'],
  ].flatMap(([kind, radio]) => [
    {
      name: `playground-${kind}-drag`,
      route: PLAYGROUND_ROUTE,
      kind: /** @type {const} */ ('scrub'),
      cell: '.em-grip',
      positions: radio,
    },
    {
      name: `playground-${kind}-edit`,
      route: PLAYGROUND_ROUTE,
      kind: /** @type {const} */ ('keys'),
      cell: '.em-input',
      positions: radio,
    },
  ]),
  {
    name: 'playground-train-drag',
    route: PLAYGROUND_ROUTE,
    kind: 'scrub',
    cell: '.em-grip',
    train: true,
  },
  {
    name: 'playground-train-edit',
    route: PLAYGROUND_ROUTE,
    kind: 'keys',
    cell: '.em-input',
    train: true,
  },
]).filter((c) => !ONLY || c.name === ONLY);
if (CASES.length === 0) throw new Error(`unknown --case ${ONLY}`);

if (args.includes('--build')) await build({ logLevel: 'warn' });

const server = await preview({
  build: { outDir: DIST },
  preview: { port: 0, host: '127.0.0.1' },
  logLevel: 'silent',
});
const base = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4173/';
const browser = await chromium.launch({
  executablePath: await chromiumPath(),
  // After a discrete input (a key press), Chromium holds back every task the page queues until a
  // later frame has begun (its DeferRendererTasksAfterInput policy). That includes the task that
  // marks a sample's end: a third of the key-press samples then ended one whole frame interval
  // after their frame, with the main thread idle in between, although the frame that showed the
  // change had already run (its requestAnimationFrame callback, style, layout, paint and commit
  // are a single task). Turning the policy off lets that task run when the frame's work is done.
  // It can only make the page's own frames later, never earlier: deferring the page's tasks
  // is how the policy gets a frame out sooner.
  args: [...CHROMIUM_ARGS, '--disable-features=DeferRendererTasksAfterInput'],
});

const problems = /** @type {string[]} */ ([]);

/** @param {number[]} xs */
const stats = (xs) => ({
  p50: round(quantile(xs, 0.5)),
  p95: round(quantile(xs, 0.95)),
  max: round(xs.length ? Math.max(...xs) : NaN),
  n: xs.length,
});
/** @param {number} v */
const round = (v) => Math.round(v * 10) / 10;

/**
 * In the page: the probes described at the top of this file, left on window.__bench.
 * `watch`: the element and attribute whose change shows an input (default: the printed output).
 * @param {{ type: 'pointermove' | 'keydown'; watch?: { selector: string; attribute: string } }} o
 */
function instrument(o) {
  const out = document.querySelector('[data-testid="output"]');
  if (!out) throw new Error('this route prints no output');
  const watched = o.watch ? document.querySelector(o.watch.selector) : out;
  if (!watched) throw new Error(`no ${o.watch?.selector}`);
  const shown = () =>
    o.watch ? watched.getAttribute(o.watch.attribute) : /** @type {Element} */ (out).textContent;
  const canvas = /** @type {HTMLCanvasElement | null} */ (
    document.querySelector('.pv-stage canvas')
  );
  const canvasFrames = () => (canvas ? Number(canvas.dataset.frames) : 0);
  // A plot out of view shows nothing, so a sample waits for its frame only while it is in view.
  let canvasInView = false;
  if (canvas) {
    new IntersectionObserver((entries) => {
      for (const e of entries) canvasInView = e.isIntersecting;
    }).observe(canvas);
  }
  const bench = {
    /** @type {{ input: number; handler: number; begin: number; end: number }[]} */
    samples: [],
    /** @type {number[]} rAF timestamps (frame begin times) */
    begins: [],
    dropped: 0,
    running: true,
    /** @type {Set<() => void>} */
    waiters: new Set(),
    /**
     * Resolves once more than `n` inputs have been sampled (or dropped), or after 2 s. Woken by
     * the probes themselves: polling from the page every frame (Playwright's waitForFunction)
     * took about 0.5 ms of the page's main thread per input, inside the frames being measured.
     * @param {number} n
     */
    wait(n) {
      return new Promise((resolve) => {
        const done = () => bench.samples.length + bench.dropped > n;
        if (done()) return resolve(true);
        const check = () => {
          if (!done()) return;
          clearTimeout(timer);
          bench.waiters.delete(check);
          resolve(true);
        };
        const timer = setTimeout(() => {
          bench.waiters.delete(check);
          resolve(false);
        }, 2000);
        bench.waiters.add(check);
      });
    },
  };
  const wake = () => bench.waiters.forEach((w) => w());
  /** @type {{ input: number; handler: number; text: string | null } | null} */
  let pending = null;
  window.addEventListener(
    o.type,
    (e) => {
      if (e instanceof PointerEvent && e.buttons === 0) return;
      if (e instanceof KeyboardEvent && e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
      if (pending) {
        bench.dropped += 1; // the previous input never showed: count it, start over
        wake();
      }
      pending = { input: e.timeStamp, handler: performance.now(), text: shown() };
    },
    { capture: true },
  );
  /**
   * Runs `fn` in a task after the current frame's main-thread work (style, layout, paint, commit).
   * Posted at user-blocking priority, so it runs before tasks the page queued at normal priority
   * earlier (React's deferred renders, timers): those do not delay this frame's pixels, and a
   * MessageChannel message would wait behind them, counting them in.
   * @param {() => void} fn
   */
  const afterFrame = (fn) => {
    const sched = /** @type {any} */ (globalThis).scheduler;
    if (sched?.postTask) {
      sched.postTask(fn, { priority: 'user-blocking' });
      return;
    }
    const ch = new MessageChannel();
    ch.port1.onmessage = fn;
    ch.port2.postMessage(0);
  };
  /** @param {{ input: number; handler: number }} p @param {number} begin @param {number} frames */
  const finish = (p, begin, frames) => {
    const done = () => {
      const end = performance.now();
      bench.samples.push({ input: p.input, handler: p.handler, begin, end });
      wake();
    };
    if (!canvas || !canvasInView || canvasFrames() > frames) {
      done();
      return;
    }
    // The DOM has it but the scene has not drawn yet: the sample ends with the scene's frame. The
    // scene counts its frame inside that frame's requestAnimationFrame callback, so this observer
    // runs in that frame too: its timestamp is the document timeline's current time (a
    // requestAnimationFrame from here would land in the frame after).
    const mo = new MutationObserver(() => {
      mo.disconnect();
      const begin = Number(document.timeline.currentTime);
      afterFrame(() => finish(p, begin, frames));
    });
    mo.observe(canvas, { attributes: true, attributeFilter: ['data-frames'] });
  };
  new MutationObserver(() => {
    const p = pending;
    if (!p || shown() === p.text) return;
    pending = null;
    const frames = canvasFrames();
    requestAnimationFrame((begin) => afterFrame(() => finish(p, begin, frames)));
  }).observe(
    watched,
    o.watch
      ? { attributes: true, attributeFilter: [o.watch.attribute] }
      : { childList: true, characterData: true, subtree: true },
  );
  const tick = (/** @type {number} */ now) => {
    bench.begins.push(now);
    if (bench.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  /** @type {any} */ (window).__bench = bench;
}

/** @param {number[]} begins */
const deltas = (begins) => begins.slice(1).map((t, k) => t - begins[k]);

/**
 * One sample's frame-aligned latency and frames late, as the header defines them.
 * @param {{ input: number; begin: number; end: number }} x
 * @param {number[]} begins every frame's requestAnimationFrame timestamp in the run, in order
 * @param {number} interval the run's median frame interval
 */
function frameAligned(x, begins, interval) {
  // The frame ticks run on a fixed grid; a tick the page let pass without a frame (it was still
  // busy with the last one) could have shown the input all the same, so the grid is extended
  // from the last frame before the input rather than taking the next frame that ran.
  const before = begins.findLast((t) => t < x.input) ?? x.begin;
  const tick = before + Math.ceil((x.input - before) / interval) * interval;
  // The frame that showed it may have begun before the input arrived (and still taken it in).
  const first = Math.min(tick, x.begin);
  return {
    latency: x.end - first,
    late: Math.max(0, Math.round((x.begin - first) / interval)),
    early: x.begin < x.input,
  };
}

/** @param {Case} c */
async function runCase(c) {
  // A page of its own: a hash change alone would keep the last case's document and probes.
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text().slice(0, 200));
  });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(base + c.route);
  await page.waitForSelector('[data-testid="output"]');
  if (c.positions) {
    const before = await page.getByTestId('output').textContent();
    await page
      .getByRole('group', { name: 'Positions' })
      .getByRole('radio', { name: c.positions, exact: true })
      .check();
    await page.waitForFunction(
      (b) => document.querySelector('[data-testid="output"]')?.textContent !== b,
      before,
    );
  }
  if (c.train) {
    // A long run playing towards "the word before it", in its worker.
    const panel = page.getByRole('region', { name: 'Training' });
    await panel.getByRole('radio', { name: 'The word before it' }).check();
    await panel.getByLabel('Steps', { exact: true }).fill('10000');
    await panel.getByLabel('Steps', { exact: true }).press('Enter');
    await panel.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(
      () =>
        Number(document.querySelector('.playground-training')?.getAttribute('data-trained-steps')) >
        0,
    );
  }
  // The lesson's plot (and the playground's projection) draws lazily, and only once in view:
  // wait for its first frame.
  await page.locator('figure.pv').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => {
    const cv = document.querySelector('.pv-stage canvas');
    return cv instanceof HTMLCanvasElement && Number(cv.dataset.frames) > 0;
  });
  const target =
    c.kind === 'drag3d' ? page.locator('.pv-stage canvas') : page.locator(`.em ${c.cell}`).nth(1);
  await target.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  const probe = {
    type: /** @type {'pointermove' | 'keydown'} */ (c.kind === 'keys' ? 'keydown' : 'pointermove'),
    ...(c.train && { watch: { selector: '.playground-training', attribute: 'data-run' } }),
  };
  await page.evaluate(instrument, probe);
  const trainedSteps = () =>
    page.evaluate(() => ({
      steps: Number(
        document.querySelector('.playground-training')?.getAttribute('data-trained-steps') ?? 0,
      ),
      at: performance.now(),
      playing: document.querySelector('.tc-play')?.textContent?.includes('Pause') ?? false,
    }));

  // The page at rest first: how steady are frames on this machine before any input?
  await page.waitForTimeout(1500);
  const idle = await page.evaluate(() => {
    const b = /** @type {any} */ (window).__bench;
    const f = /** @type {number[]} */ (b.begins).slice();
    b.begins.length = 0;
    return f;
  });

  let x0 = 0;
  let y0 = 0;
  if (c.kind === 'drag3d') {
    const slider = page.getByRole('slider', { name: /vector$/ }).nth(1);
    const box = await target.boundingBox();
    if (!box) throw new Error('canvas not laid out');
    x0 = box.x + Number(await slider.getAttribute('data-screen-x'));
    y0 = box.y + Number(await slider.getAttribute('data-screen-y'));
  } else if (c.kind === 'scrub') {
    const box = await target.boundingBox();
    if (!box) throw new Error('grip not laid out');
    x0 = box.x + box.width / 2;
    y0 = box.y + box.height / 2;
  } else {
    await target.focus();
  }
  const trainStart = c.train ? await trainedSteps() : null;
  if (c.kind !== 'keys') {
    await page.mouse.move(x0, y0);
    await page.mouse.down();
  }
  const count = () =>
    page.evaluate(() => {
      const b = /** @type {any} */ (window).__bench;
      return b.samples.length + b.dropped;
    });
  for (let k = 1; k <= MOVES; k++) {
    const before = await count();
    // Land the input at a random point of the frame, as a hand would.
    await page.waitForTimeout(Math.random() * 20);
    if (c.kind === 'drag3d') {
      const a = (k / 40) * 2 * Math.PI;
      const r = Math.min(40, 2 * k);
      await page.mouse.move(x0 + r * Math.sin(a), y0 - r * (1 - Math.cos(a)));
    } else if (c.kind === 'scrub') {
      // Back and forth, 3 px a move: every move is a new value.
      const t = k % 40;
      await page.mouse.move(x0 + 3 * (t < 20 ? t : 40 - t), y0);
    } else {
      await page.keyboard.press(k % 2 === 1 ? 'ArrowUp' : 'ArrowDown');
    }
    await page.evaluate((n) => /** @type {any} */ (window).__bench.wait(n), before);
  }
  if (c.kind !== 'keys') await page.mouse.up();
  const trainEnd = c.train ? await trainedSteps() : null;
  await page.waitForTimeout(200);
  const r = await page.evaluate(() => {
    const b = /** @type {any} */ (window).__bench;
    b.running = false;
    return {
      samples: /** @type {{ input: number; handler: number; begin: number; end: number }[]} */ (
        b.samples
      ),
      begins: /** @type {number[]} */ (b.begins),
      dropped: /** @type {number} */ (b.dropped),
    };
  });
  await page.close();
  const s = r.samples;
  const frameDeltas = deltas(r.begins);
  const interval = quantile(frameDeltas, 0.5);
  const aligned = s.map((x) => frameAligned(x, r.begins, interval));
  return {
    route: c.route.startsWith('#/playground')
      ? `#/playground/1?p=<64 words, d 64, trainable>${c.positions ? `, positions ${c.positions}` : ''}${c.train ? ', training (the word before it, Adam)' : ''}`
      : c.route,
    latency: stats(s.map((x) => x.end - x.input)),
    inputToHandler: stats(s.map((x) => x.handler - x.input)),
    handlerToFrame: stats(s.map((x) => x.end - x.handler)),
    inputToFrameStart: stats(s.map((x) => x.begin - x.input)),
    frameWork: stats(s.map((x) => x.end - x.begin)),
    frameAligned: stats(aligned.map((a) => a.latency)),
    framesLate: stats(aligned.map((a) => a.late)),
    /** How many samples were shown 0, 1, 2, ... frames late (the last bucket is "or more"). */
    framesLateCounts: [0, 1, 2, 3].map(
      (n) => aligned.filter((a) => (n < 3 ? a.late === n : a.late >= n)).length,
    ),
    /** Samples shown by a frame that began before the input arrived (see the header). */
    shownByEarlierFrame: aligned.filter((a) => a.early).length,
    frameInterval: stats(frameDeltas),
    idleFrameInterval: stats(deltas(idle)),
    dropped: r.dropped,
    ...(trainStart &&
      trainEnd && {
        /** Steps the trainer computed per second while the inputs ran (every restart counted). */
        trainStepsPerSecond: round(
          ((trainEnd.steps - trainStart.steps) * 1000) / (trainEnd.at - trainStart.at),
        ),
        /** Whether the run was still playing when the inputs ended. */
        stillPlaying: trainEnd.playing,
      }),
  };
}

try {
  /** @type {Record<string, Awaited<ReturnType<typeof runCase>>>} */
  const results = {};
  for (const c of CASES) results[c.name] = await runCase(c);

  const version = browser.version();
  console.log(
    `\nInput latency, Chromium ${version} headless, WebGL by SwiftShader, load average ` +
      `${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
  );
  const f = (/** @type {number} */ v) => v.toFixed(1).padStart(8);
  const head =
    `${'case / measure (ms)'.padEnd(34)}${'p50'.padStart(8)}${'p95'.padStart(8)}` +
    `${'max'.padStart(8)}${'n'.padStart(6)}`;
  console.log(head);
  for (const [name, r] of Object.entries(results)) {
    console.log(`${name}  ${r.route}`);
    /** @type {[string, ReturnType<typeof stats>][]} */
    const rows = [
      ['  input (event time) -> frame shown', r.latency],
      ['    of which input -> handler', r.inputToHandler],
      ['    of which handler -> frame shown', r.handlerToFrame],
      ['  input -> start of that frame', r.inputToFrameStart],
      ['  start of that frame -> its end', r.frameWork],
      ['  frame-aligned latency', r.frameAligned],
      ['    frames late', r.framesLate],
      ['  frame interval, same run', r.frameInterval],
      ['  frame interval at rest', r.idleFrameInterval],
    ];
    for (const [label, st] of rows) {
      console.log(
        `${label.padEnd(34)}${f(st.p50)}${f(st.p95)}${f(st.max)}${String(st.n).padStart(6)}`,
      );
    }
    const interval = r.frameInterval.p50;
    const [late0, late1, late2, late3] = r.framesLateCounts;
    console.log(
      `  frames late 0 / 1 / 2 / 3+: ${late0} / ${late1} / ${late2} / ${late3}; shown by a frame ` +
        `that began before the input: ${r.shownByEarlierFrame}; inputs that never showed ` +
        `(superseded): ${r.dropped}`,
    );
    if (r.trainStepsPerSecond !== undefined) {
      console.log(
        `  training during the inputs: ${r.trainStepsPerSecond} steps/s ` +
          `(target >= 60: ${r.trainStepsPerSecond >= 60 ? 'MET' : 'MISSED'}); ` +
          `still playing at the end: ${r.stillPlaying ? 'yes' : 'no'}`,
      );
    }
    console.log(
      `  p95 input -> frame ${r.latency.p95.toFixed(1)} ms = ` +
        `${(r.latency.p95 / interval).toFixed(2)} frame intervals (${interval.toFixed(1)} ms); ` +
        `target, p95 frame-aligned <= 1 frame interval: ${r.frameAligned.p95.toFixed(1)} ms ` +
        `${r.frameAligned.p95 <= interval ? 'MET' : 'MISSED'}`,
    );
  }
  if (problems.length) console.log(`console problems:\n  ${problems.join('\n  ')}`);
  if (JSON_OUT) {
    console.log(
      JSON.stringify({
        chromium: version,
        loadavg: loadavg().map(round),
        moves: MOVES,
        cases: results,
        problems,
      }),
    );
  }
} finally {
  await browser.close();
  await new Promise((resolve) => server.httpServer.close(resolve));
}
