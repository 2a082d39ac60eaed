import type { CDPSession, Locator, Page } from '@playwright/test';
import { expect, showPlot, test } from './fixtures';
import { walkEverything } from './walk';

// A small Android phone: 360 CSS px wide, touch only, and a mobile viewport that would grow (and
// zoom the page out) if anything made the page wider than the screen.
const WIDTH = 360;
test.use({ viewport: { width: WIDTH, height: 740 }, hasTouch: true, isMobile: true });

/** dream-big's last step before the summary: the context vector, its matrix and the plot. */
const CONTEXT_STEP = './#/dream-big/13';

/** The page scrolls only vertically: nothing is wider than the phone (scroll boxes excepted). */
async function expectNoSideScroll(page: Page, where: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement!.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  expect(innerWidth, `${where}: layout viewport`).toBe(WIDTH);
  expect(scrollWidth, `${where}: page width`).toBeLessThanOrEqual(innerWidth);
}

/** Visible buttons and text fields smaller than WCAG 2.5.8's 24 x 24 CSS px. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>('button, input:not([type]), input[type="text"]'),
    )
      .filter((e) => e.offsetParent !== null)
      .map((e) => ({ e, r: e.getBoundingClientRect() }))
      .filter(({ r }) => r.width < 24 || r.height < 24)
      .map(({ e, r }) => `${e.outerHTML.slice(0, 60)} ${r.width}x${r.height}`),
  );
}

/** How many rows the lesson toolbar's controls take (a control starts a row below the last). */
async function toolbarRows(page: Page): Promise<number> {
  return page.evaluate(() => {
    const boxes = Array.from(
      document.querySelectorAll('.lt-bar button, .lt-bar input, .lt-bar label'),
    )
      .map((e) => e.getBoundingClientRect())
      .sort((a, b) => a.top - b.top);
    let rows = 0;
    let bottom = -Infinity;
    for (const r of boxes) {
      if (r.top >= bottom - 1) rows++;
      bottom = Math.max(r.top >= bottom - 1 ? r.bottom : bottom, r.bottom);
    }
    return rows;
  });
}

const canvasOf = (page: Page) => page.locator('.pv-stage canvas');

async function plotReady(page: Page): Promise<Locator> {
  const canvas = await showPlot(page);
  await canvas.scrollIntoViewIfNeeded();
  return canvas;
}

/** A word's arrow tip in viewport coordinates, from the position its slider publishes. */
async function tip(page: Page, word: string) {
  const slider = page.getByRole('slider', { name: `${word} vector` });
  await expect(slider).toHaveAttribute('data-screen-x', /\d/);
  const box = (await canvasOf(page).boundingBox())!;
  return {
    x: box.x + Number(await slider.getAttribute('data-screen-x')),
    y: box.y + Number(await slider.getAttribute('data-screen-y')),
  };
}

type Point = { x: number; y: number };

/** One touch gesture through CDP: every finger goes from its start to its end in `steps` moves. */
async function touchGesture(cdp: CDPSession, from: Point[], to: Point[], steps = 8) {
  const at = (t: number) =>
    from.map((p, id) => ({
      id,
      x: p.x + (to[id]!.x - p.x) * t,
      y: p.y + (to[id]!.y - p.y) * t,
    }));
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(0) });
  for (let k = 1; k <= steps; k++)
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(k / steps) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
}

test('the first lesson fits a 360 px phone on every step, with its controls in reach', async ({
  page,
}) => {
  await page.goto('./#/dream-big/1');
  const heading = page.getByRole('heading', { level: 1 });
  const next = page.getByRole('button', { name: 'Next', exact: true });
  const count = page.locator('.step-count');
  await expect(count).toHaveText(/Step 1 of (\d+)/);
  const total = Number(/of (\d+)/.exec((await count.textContent())!)![1]);
  expect(total).toBeGreaterThan(1);

  for (let step = 1; step <= total; step++) {
    await expect(count).toHaveText(new RegExp(`Step ${step} of ${total}`));
    await expect(heading).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    await expectNoSideScroll(page, `step ${step}`);
    expect(await smallTargets(page), `step ${step}: small targets`).toEqual([]);
    expect(await toolbarRows(page), `step ${step}: toolbar rows`).toBeLessThanOrEqual(2);
    // The step bar stays on screen: Previous and Next are always a thumb away.
    await expect(page.getByRole('button', { name: 'Previous', exact: true })).toBeInViewport();
    await expect(next).toBeInViewport();
    if (step < total) await next.tap();
  }
  await expect(next).toBeDisabled();
});

test('no page scrolls sideways on a 360 px phone, and the step bar stays whole on screen', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const visited = await walkEverything(page, async (where) => {
    const seen = await page.evaluate(() => ({
      innerWidth: window.innerWidth,
      innerHeight: window.innerHeight,
      pageWidth: document.scrollingElement!.scrollWidth,
      // Boxes that scroll sideways on their own without showing it: every one must fade or shade
      // the edge with more to show (formulas and printouts wider than the phone, wide tables).
      silent: Array.from(document.querySelectorAll<HTMLElement>('main *'))
        .filter((e) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
        .filter((e) => {
          const s = getComputedStyle(e);
          return (
            (s.overflowX === 'auto' || s.overflowX === 'scroll') &&
            s.maskImage === 'none' &&
            !s.backgroundImage.includes('radial-gradient')
          );
        })
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`),
      // The step bar and everything in it.
      bar: Array.from(document.querySelectorAll('.step-nav, .step-nav button, .step-nav a')).map(
        (e) => ({ what: e.textContent, box: e.getBoundingClientRect().toJSON() as DOMRect }),
      ),
    }));
    expect(seen.innerWidth, `${where}: layout viewport`).toBe(WIDTH);
    expect(seen.pageWidth, `${where}: page width`).toBeLessThanOrEqual(WIDTH);
    expect(seen.silent, `${where}: boxes that scroll sideways without a cue`).toEqual([]);
    for (const { what, box } of seen.bar) {
      const inside = box.left >= 0 && box.right <= WIDTH && box.top >= 0;
      expect(inside && box.bottom <= seen.innerHeight, `${where}: "${what}" on screen`).toBe(true);
    }
    if (where.includes('/')) expect(seen.bar.length, `${where}: step bar`).toBeGreaterThan(2);
  });
  // The catalogue, every step of the five lessons, and the playground.
  expect(visited).toBeGreaterThan(90);
});

test('the playground fits a 360 px phone and its settings are reachable', async ({ page }) => {
  await page.goto('./#/playground/1');
  await expect(page.getByRole('heading', { level: 1, name: 'Playground' })).toBeVisible();
  await expect(page.locator('.pv-stage')).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  await expectNoSideScroll(page, 'playground');
  expect(await smallTargets(page)).toEqual([]);

  // Every setting can be reached and used with a finger, without sideways scrolling.
  const seed = page.getByRole('textbox', { name: 'Seed' });
  await seed.scrollIntoViewIfNeeded();
  const box = (await seed.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(WIDTH);
  const trainable = page.getByRole('radio', { name: /Trainable/ });
  await trainable.tap();
  await expect(trainable).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'd_k' })).toBeInViewport();
  await expectNoSideScroll(page, 'playground, trainable');
});

test('a finger drags a 3-D tip and the printed output follows', async ({ page }) => {
  await page.goto(CONTEXT_STEP);
  await plotReady(page);
  const output = page.getByTestId('output').first();
  const before = await output.innerText();
  const slider = page.getByRole('slider', { name: 'and vector' });
  const valueBefore = await slider.getAttribute('aria-valuetext');
  // Where the plot sits on screen: the output above it may change height as the badge changes
  // (the browser's scroll anchoring then keeps the plot in place), but a finger that scrolled the
  // page would move it.
  const plotTop = async () => (await canvasOf(page).boundingBox())!.y;
  const topBefore = await plotTop();

  const start = await tip(page, 'and');
  const cdp = await page.context().newCDPSession(page);
  await touchGesture(cdp, [start], [{ x: start.x - 40, y: start.y + 30 }]);

  await expect(slider).not.toHaveAttribute('aria-valuetext', valueBefore!);
  await expect(output).not.toHaveText(before);
  // The finger moved the tip, not the page.
  expect(Math.abs((await plotTop()) - topBefore)).toBeLessThan(1);
  await expectNoSideScroll(page, 'after the drag');
});

test('two fingers pinch the 3-D plot to zoom it', async ({ page }) => {
  await page.goto(CONTEXT_STEP);
  const canvas = await plotReady(page);
  const box = (await canvas.boundingBox())!;
  const spread = async () => {
    const a = await tip(page, 'Dream');
    const b = await tip(page, 'it');
    return Math.hypot(a.x - b.x, a.y - b.y);
  };
  const before = await spread();
  const values = await page
    .getByRole('slider', { name: 'Dream vector' })
    .getAttribute('aria-valuetext');

  // Fingers along the bottom edge, clear of every tip (a finger on a tip would drag it), moving
  // apart about the same centre: a pure pinch-out, which zooms in.
  const y = box.y + box.height * 0.92;
  const cx = box.x + box.width / 2;
  const cdp = await page.context().newCDPSession(page);
  await touchGesture(
    cdp,
    [
      { x: cx - 30, y },
      { x: cx + 30, y },
    ],
    [
      { x: cx - 110, y },
      { x: cx + 110, y },
    ],
    10,
  );

  await expect.poll(spread).toBeGreaterThan(before * 1.2);
  // Zooming is only a view change: the vectors themselves did not move.
  await expect(page.getByRole('slider', { name: 'Dream vector' })).toHaveAttribute(
    'aria-valuetext',
    values!,
  );
});
