import type { Locator, Page } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium.mjs';
import { expect, showPlot, test } from './fixtures';
import { fixtures } from './lessonFixtures';

const expected = fixtures.lessons['dream-big']!;
/** dream-big step 6: the query's scores printed, the query picker, a matrix and the plot. */
const SCORES_STEP = './#/dream-big/6';
/** dream-big step 13: the query's context vector as a matrix, and the plot with its arrow. */
const CONTEXT_STEP = './#/dream-big/13';

const canvasOf = (page: Page) => page.locator('.pv-stage canvas');

/** The number of frames the canvas has rendered (the scene's counter on its dataset). */
async function frames(canvas: Locator): Promise<number> {
  return Number((await canvas.getAttribute('data-frames')) ?? '0');
}

/**
 * Waits for the page to run `n` animation frames: its own frame clock, on which a plot that has
 * something to draw draws it, and which slows down with a busy machine as a fixed time does not.
 */
async function animationFrames(page: Page, n: number): Promise<void> {
  await page.evaluate(
    (count) =>
      new Promise<void>((done) => {
        let k = 0;
        const tick = () => (++k >= count ? done() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    n,
  );
}

/** The plot's frame count once it has drawn nothing over 30 animation frames of the page. */
async function settledFrames(page: Page, canvas: Locator): Promise<number> {
  let last = await frames(canvas);
  for (;;) {
    await animationFrames(page, 30);
    const now = await frames(canvas);
    if (now === last) return now;
    last = now;
  }
}

/** Waits for the 3-D plot to have drawn, and scrolls it into view. */
async function plotReady(page: Page): Promise<Locator> {
  const canvas = await showPlot(page);
  await canvas.scrollIntoViewIfNeeded();
  return canvas;
}

/** Where a word's arrow tip is on the page, from the position its slider publishes. */
async function tipOnPage(page: Page, word: string) {
  const slider = page.getByRole('slider', { name: `${word} vector` });
  await expect(slider).toHaveAttribute('data-screen-x', /\d/);
  const box = (await canvasOf(page).boundingBox())!;
  const x = Number(await slider.getAttribute('data-screen-x'));
  const y = Number(await slider.getAttribute('data-screen-y'));
  return { x: box.x + x, y: box.y + y };
}

function coords(valuetext: string | null): number[] {
  const m = /x (-?[\d.]+), y (-?[\d.]+), z (-?[\d.]+)/.exec(valuetext ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [];
}

test('the 3-D plot draws the notebook figure with an accessible name and a list', async ({
  page,
}) => {
  await page.goto(SCORES_STEP);
  await plotReady(page);
  await expect(
    page.getByRole('figure').filter({ hasText: '3D Plot of Word Embeddings with Colored Vectors' }),
  ).toBeVisible();
  await expect(page.getByRole('img', { name: /3-D plot of 6 word vectors/ })).toBeVisible();
  for (const word of ['Dream', 'big', 'and', 'work', 'for', 'it'])
    await expect(page.getByRole('slider', { name: `${word} vector` })).toHaveAttribute(
      'aria-valuetext',
      /x [\d.]+, y [\d.]+, z [\d.]+, length [\d.]+/,
    );
  // The 2-D plot is not there: one slider per word.
  await expect(page.getByRole('slider')).toHaveCount(6);
});

test('dragging a tip in the 3-D canvas recomputes scores, weights and outputs', async ({
  page,
}) => {
  await page.goto(CONTEXT_STEP);
  const canvas = await plotReady(page);
  const slider = page.getByRole('slider', { name: 'and vector' });
  const before = coords(await slider.getAttribute('aria-valuetext'));
  const contextBefore = await page.getByRole('table', { name: /Context vector/ }).innerText();

  const tip = await tipOnPage(page, 'and');
  await page.mouse.move(tip.x, tip.y);
  await expect(canvas).toHaveCSS('cursor', 'grab');
  await page.mouse.down();
  for (let k = 1; k <= 6; k++) await page.mouse.move(tip.x - 6 * k, tip.y + 5 * k);
  await page.mouse.up();

  const after = coords(await slider.getAttribute('aria-valuetext'));
  expect(after).not.toEqual(before);
  // In the plane facing the camera: left and down moves X and Z down at matplotlib's view.
  expect(after[0]!).toBeLessThan(before[0]!);
  expect(after[2]!).toBeLessThan(before[2]!);
  for (const v of after) expect(Math.round(v * 1000) / 1000).toBe(v); // 3 decimals
  await expect(page.getByRole('table', { name: /Context vector/ })).not.toHaveText(contextBefore);
  await expect(page.getByText('edited', { exact: true })).toBeVisible();

  // The tip followed the pointer: it is drawn where the pointer let go.
  const moved = await tipOnPage(page, 'and');
  expect(Math.hypot(moved.x - (tip.x - 36), moved.y - (tip.y + 30))).toBeLessThan(4);
});

test('a drag on the plot updates the printed output live, one drag at a time', async ({ page }) => {
  await page.goto(SCORES_STEP);
  const output = page.getByTestId('output');
  await expect(output).toHaveText(expected['query-scores']!);
  await plotReady(page);
  const tip = await tipOnPage(page, 'work');
  await page.mouse.move(tip.x, tip.y);
  await page.mouse.down();
  await page.mouse.move(tip.x + 20, tip.y - 20);
  // While the button is still down, the output already shows the move.
  await expect(output).not.toHaveText(expected['query-scores']!);
  const during = await output.innerText();
  await page.mouse.move(tip.x + 40, tip.y - 40);
  await expect(output).not.toHaveText(during);
  await page.mouse.up();
  // Escape during a drag puts the tip back where it was grabbed.
  const tip2 = await tipOnPage(page, 'work');
  const settled = await output.innerText();
  await page.mouse.move(tip2.x, tip2.y);
  await page.mouse.down();
  await page.mouse.move(tip2.x + 30, tip2.y + 30);
  await expect(output).not.toHaveText(settled);
  await page.keyboard.press('Escape');
  await page.mouse.up();
  await expect(output).toHaveText(settled);
});

test('Shift-drag moves a tip along one axis only', async ({ page }) => {
  await page.goto(SCORES_STEP);
  await plotReady(page);
  const slider = page.getByRole('slider', { name: 'it vector' });
  const before = coords(await slider.getAttribute('aria-valuetext'));
  const tip = await tipOnPage(page, 'it');
  await page.mouse.move(tip.x, tip.y);
  await page.keyboard.down('Shift');
  await page.mouse.down();
  // Straight up the screen: at matplotlib's view that is the Z axis.
  for (let k = 1; k <= 5; k++) await page.mouse.move(tip.x, tip.y - 8 * k);
  await page.mouse.up();
  await page.keyboard.up('Shift');
  const after = coords(await slider.getAttribute('aria-valuetext'));
  expect(after[0]).toBe(before[0]);
  expect(after[1]).toBe(before[1]);
  expect(after[2]!).toBeGreaterThan(before[2]! + 0.05);
});

test('keyboard moves of a tip in the 3-D plot edit every output', async ({ page }) => {
  await page.goto(SCORES_STEP);
  const output = page.getByTestId('output');
  await plotReady(page);
  const slider = page.getByRole('slider', { name: 'work vector' });
  await slider.focus();
  await page.keyboard.press('ArrowRight'); // x + 0.01
  await page.keyboard.press('Shift+ArrowUp'); // y + 0.1
  await page.keyboard.press('PageUp'); // z + 0.01
  await page.keyboard.press('PageUp'); // z + 0.01
  await expect(slider).toHaveAttribute('aria-valuetext', /x 0\.86, y 0\.45, z 0\.62,/);
  // big . work = 0.75*0.86 + 0.20*0.45 + 0.55*0.62 = 1.076
  await expect(output).toContainText('1.0760');
  await page.keyboard.press('Alt+PageDown'); // z - 0.001
  await expect(slider).toHaveAttribute('aria-valuetext', /z 0\.619,/);
  await expect(page).toHaveURL(/#\/dream-big\/6(\?|$)/);
});

test('nudge buttons move a word without dragging (WCAG 2.5.7)', async ({ page }) => {
  await page.goto(SCORES_STEP);
  await plotReady(page);
  const nudge = page.getByRole('group', { name: 'Move a word by tapping' });
  // The query word is chosen first; pick another one.
  await expect(nudge.getByRole('combobox')).toHaveValue('1');
  await nudge.getByRole('combobox').selectOption({ label: 'work' });
  await nudge.getByRole('button', { name: 'Z plus 0.05' }).click();
  await nudge.getByRole('button', { name: 'X minus 0.05' }).click();
  await expect(page.getByRole('slider', { name: 'work vector' })).toHaveAttribute(
    'aria-valuetext',
    /x 0\.8, y 0\.35, z 0\.65,/,
  );
  await expect(page.getByTestId('output')).not.toHaveText(expected['query-scores']!);
});

test('16-dimensional vectors are shown as a read-only projection', async ({ page }) => {
  await page.goto('./#/life-is-short/3');
  await plotReady(page);
  await expect(page.getByText(/have 16 dimensions, so the plot shows a projection/)).toBeVisible();
  await expect(page.locator('.pv-list [role="slider"]')).toHaveCount(0);
  await expect(page.locator('.pv-list')).toContainText(/Life.*\(-?\d/);
  await expect(page.getByRole('group', { name: 'Move a word by tapping' })).toHaveCount(0);
});

test('an idle plot draws no frames; a change draws on demand', async ({ page }) => {
  await page.goto(SCORES_STEP);
  const canvas = await plotReady(page);
  await page.mouse.move(0, 0);
  // Let the first frames settle (the first draw, fonts, layout), then nothing is drawn over the
  // next 120 animation frames (2 s at 60 Hz).
  const idle = await settledFrames(page, canvas);
  await animationFrames(page, 120);
  expect(await frames(canvas)).toBe(idle);
  // A key press redraws (a few frames at most, counted once they have all been drawn), then it is
  // idle again.
  await page.getByRole('slider', { name: 'big vector' }).focus();
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => frames(canvas)).toBeGreaterThan(idle);
  const after = await settledFrames(page, canvas);
  expect(after - idle).toBeLessThanOrEqual(3);
  await animationFrames(page, 60);
  expect(await frames(canvas)).toBe(after);
});

test('orbiting turns the view and Reset view brings matplotlib’s view back', async ({ page }) => {
  await page.goto(SCORES_STEP);
  const canvas = await plotReady(page);
  const home = await tipOnPage(page, 'Dream');
  const box = (await canvas.boundingBox())!;
  // Drag from an empty corner of the canvas: the camera orbits, no word moves.
  const slider = page.getByRole('slider', { name: 'Dream vector' });
  const valuetext = await slider.getAttribute('aria-valuetext');
  await page.mouse.move(box.x + 12, box.y + 12);
  await page.mouse.down();
  await page.mouse.move(box.x + 80, box.y + 40, { steps: 5 });
  await page.mouse.up();
  const turned = await tipOnPage(page, 'Dream');
  expect(Math.hypot(turned.x - home.x, turned.y - home.y)).toBeGreaterThan(10);
  await expect(slider).toHaveAttribute('aria-valuetext', valuetext!);
  await page.getByRole('button', { name: 'Reset view' }).click();
  await expect
    .poll(async () => {
      const p = await tipOnPage(page, 'Dream');
      return Math.hypot(p.x - home.x, p.y - home.y);
    })
    .toBeLessThan(1);
});

test('building the context vector draws the weighted sum and follows a drag', async ({ page }) => {
  await page.goto(CONTEXT_STEP);
  const canvas = await plotReady(page);
  const toggle = page.getByRole('checkbox', { name: 'Build the context vector' });
  const before = await frames(canvas);
  await toggle.check();
  await expect(toggle).toBeChecked();
  await expect.poll(() => frames(canvas)).toBeGreaterThan(before);
  const weights = page.getByRole('checkbox', { name: 'Show attention weights' });
  await weights.check();
  await expect(page.getByRole('slider', { name: 'big vector' })).toHaveAttribute(
    'aria-valuetext',
    /weight 0\.\d{4}$/,
  );
  const context = page.getByRole('table', { name: /Context vector/ });
  const text = await context.innerText();
  const tip = await tipOnPage(page, 'work');
  await page.mouse.move(tip.x, tip.y);
  await page.mouse.down();
  await page.mouse.move(tip.x + 25, tip.y + 10, { steps: 3 });
  await page.mouse.up();
  await expect(context).not.toHaveText(text);
});

test('Save image downloads the plot as a PNG', async ({ page }) => {
  await page.goto(SCORES_STEP);
  await plotReady(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save image' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('attention-vectors.png');
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const png = Buffer.concat(chunks);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.length).toBeGreaterThan(10_000); // a drawn plot, not an empty canvas
});

test('a lost WebGL context hands over to the 2-D plot', async ({ page, problems }) => {
  await page.goto(SCORES_STEP);
  await plotReady(page);
  await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('.pv-stage canvas')!;
    const gl = canvas.getContext('webgl2') ?? canvas.getContext('webgl');
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  });
  await expect(page.getByText(/The 3-D view stopped/)).toBeVisible();
  const tip = page.getByRole('slider', { name: 'work vector' });
  await tip.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('output')).not.toHaveText(expected['query-scores']!);
  // Chrome reports the context loss it was asked for on the console; that one is expected.
  for (let k = problems.length - 1; k >= 0; k--)
    if (/CONTEXT_LOST_WEBGL|context lost/i.test(problems[k]!)) problems.splice(k, 1);
});

// A browser of its own, launched with WebGL off (test.use of launch options would need a file
// of its own); its console is watched like the fixture's.
test('without WebGL the 2-D plot takes over, says so, and still drags', async ({ playwright }) => {
  const browser = await playwright.chromium.launch({
    executablePath: process.env.CHROME_PATH,
    args: [...CHROMIUM_ARGS, '--disable-webgl', '--disable-3d-apis'],
  });
  try {
    const page = await browser.newPage({ baseURL: test.info().project.use.baseURL });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(SCORES_STEP);
    const output = page.getByTestId('output');
    await expect(page.getByText(/cannot draw 3-D graphics/)).toBeVisible();
    await expect(page.locator('.pv-stage canvas')).toHaveCount(0);
    const tip = page.getByRole('slider', { name: 'and vector' });
    await tip.scrollIntoViewIfNeeded();
    const box = (await tip.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let k = 1; k <= 5; k++) await page.mouse.move(x + 8 * k, y + 6 * k);
    await page.mouse.up();
    await expect(output).not.toHaveText(expected['query-scores']!);
    // The 3-D chunk (three.js) was never fetched.
    const fetched = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((e) => e.name),
    );
    expect(fetched.some((s) => /VectorPlot3D/.test(s))).toBe(false);
    expect(problems).toEqual([]);
  } finally {
    await browser.close();
  }
});
