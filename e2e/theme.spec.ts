import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Locator, Page } from '@playwright/test';
import { expect, showPlot, test } from './fixtures';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

type Rgb = [number, number, number];

/** WCAG relative luminance, 0 (black) to 1 (white). */
function luminance([r, g, b]: Rgb): number {
  const ch = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
}

/** The page's background colour as painted (the body's computed background). */
async function pageBackground(page: Page): Promise<Rgb> {
  const css = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const m = /rgba?\((\d+), (\d+), (\d+)/.exec(css);
  if (!m) throw new Error(`unexpected colour ${css}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/**
 * The colour on screen at (x, y) of an element, from a real screenshot decoded in the page
 * (createImageBitmap fetches nothing, so the CSP does not get involved). This sees what WebGL
 * drew, which reading the canvas back could not without preserveDrawingBuffer.
 */
async function pixel(page: Page, el: Locator, x: number, y: number): Promise<Rgb> {
  const png = await el.screenshot({ animations: 'disabled' });
  return page.evaluate(
    async ({ bytes, x, y }) => {
      const bmp = await createImageBitmap(new Blob([new Uint8Array(bytes)], { type: 'image/png' }));
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const ctx = c.getContext('2d')!;
      ctx.drawImage(bmp, 0, 0);
      const d = ctx.getImageData(x, y, 1, 1).data;
      return [d[0]!, d[1]!, d[2]!] as [number, number, number];
    },
    { bytes: [...png], x, y },
  );
}

/** Reloads once everything started has loaded: a reload would abort a chunk still on its way. */
async function settledReload(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.reload();
}

const isDark = (c: Rgb) => luminance(c) < 0.1;
const isLight = (c: Rgb) => luminance(c) > 0.8;

async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the debugger protocol, not a <script>: the CSP allows no inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  const violations = await page.evaluate(async () => {
    type Result = {
      violations: { id: string; help: string; nodes: { target: string[] }[] }[];
    };
    const axe = (window as unknown as { axe: { run: (o: object) => Promise<Result> } }).axe;
    const r = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations;
  });
  return violations.map(
    (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

test('the theme follows the system setting until the learner picks one', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./#/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByRole('radio', { name: 'Auto' })).toBeChecked();
  expect(isLight(await pageBackground(page))).toBe(true);

  // The system switching to dark while the page is open switches the page too.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(isDark(await pageBackground(page))).toBe(true);
});

test.describe('with a dark system setting', () => {
  test.use({ colorScheme: 'dark' });

  test('the page opens dark', async ({ page }) => {
    await page.goto('./#/dream-big/2');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(isDark(await pageBackground(page))).toBe(true);
    // Native controls follow too (color-scheme), not only our own colours.
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme)).toBe(
      'dark',
    );
  });

  test('representative steps have no axe violations in the dark theme', async ({ page }) => {
    const routes = [
      './#/',
      './#/dream-big/2',
      './#/dream-big/6',
      './#/dream-big/13',
      './#/your-journey/20',
      // Highlighted terms and greyed-out rows inside a formula.
      './#/attention-seeker/5',
      './#/playground/1',
    ];
    for (const route of routes) {
      await page.goto(route);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      // Wait for the lazily loaded plot, where the step has one, so it is judged too.
      if (await page.locator('.pv-stage').count()) await showPlot(page);
      expect(await axeViolations(page), route).toEqual([]);
    }
  });
});

test('the toggle switches the theme, is keyboard operable and is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./#/dream-big/2');
  const group = page.getByRole('group', { name: 'Colour theme' });
  await expect(group).toBeVisible();
  await group.getByRole('radio', { name: 'Dark' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(isDark(await pageBackground(page))).toBe(true);

  await settledReload(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(group.getByRole('radio', { name: 'Dark' })).toBeChecked();

  // Arrow keys move through the choices as in any radio group.
  await group.getByRole('radio', { name: 'Dark' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(group.getByRole('radio', { name: 'Light' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(isLight(await pageBackground(page))).toBe(true);

  // Light stays light even when the system is dark...
  await page.emulateMedia({ colorScheme: 'dark' });
  await settledReload(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  // ...until "Auto" hands the choice back to the system.
  await group.getByRole('radio', { name: 'Auto' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await settledReload(page);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(group.getByRole('radio', { name: 'Auto' })).toBeChecked();
});

test('the 3-D plot switches its colours live, without a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./#/dream-big/6');
  const canvas = await showPlot(page);
  await canvas.scrollIntoViewIfNeeded();
  // A corner of the canvas shows the plot's background, outside the box and its labels: the
  // colour WebGL clears to, which must be the one the page's CSS frames the canvas with.
  const frame = async (): Promise<Rgb> => {
    const css = await page
      .locator('.pv-stage')
      .evaluate((e) => getComputedStyle(e).backgroundColor);
    return /(\d+), (\d+), (\d+)/.exec(css)!.slice(1).map(Number) as Rgb;
  };
  const close = (a: Rgb, b: Rgb) => a.every((v, k) => Math.abs(v - b[k]!) <= 2);
  expect(isLight(await pixel(page, canvas, 3, 3))).toBe(true);
  expect(close(await pixel(page, canvas, 3, 3), await frame())).toBe(true);
  const frames = Number(await canvas.getAttribute('data-frames'));

  await page.getByRole('radio', { name: 'Dark' }).check();
  await expect(canvas).not.toHaveAttribute('data-frames', String(frames));
  await expect.poll(async () => isDark(await pixel(page, canvas, 3, 3))).toBe(true);
  expect(close(await pixel(page, canvas, 3, 3), await frame())).toBe(true);

  await page.getByRole('radio', { name: 'Light' }).check();
  await expect.poll(async () => isLight(await pixel(page, canvas, 3, 3))).toBe(true);
});

test('canvas heatmaps redraw in the other theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('./#/playground/1');
  // More than 16 dimensions: the embeddings become a canvas heatmap.
  await page.getByRole('textbox', { name: 'Embedding size d' }).fill('20');
  const heatmap = page.locator('.canvas-heatmap canvas').first();
  await expect(heatmap).toBeVisible();
  // Heatmaps far out of view redraw when they come near, so look at this one where it is.
  await heatmap.scrollIntoViewIfNeeded();
  const cells = () =>
    heatmap.evaluate((c: HTMLCanvasElement) => {
      // Read a copy: reading the heatmap itself again and again makes Chromium warn.
      const copy = new OffscreenCanvas(c.width, c.height);
      const ctx = copy.getContext('2d')!;
      ctx.drawImage(c, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      // Every cell's colour is a pixel of it: sample a coarse grid.
      const out: string[] = [];
      for (let y = 2; y < c.height; y += 7)
        for (let x = 2; x < c.width; x += 7) {
          const k = (y * c.width + x) * 4;
          out.push(`${d[k]},${d[k + 1]},${d[k + 2]}`);
        }
      return out;
    });
  const light = await cells();
  await page.getByRole('radio', { name: 'Dark' }).check();
  // The theme switch is at the top of the page: back to the heatmap, as a learner scrolls back.
  await heatmap.scrollIntoViewIfNeeded();
  await expect.poll(cells).not.toEqual(light);
  const dark = await cells();
  // The same values in the dark ramps: the palette changed as a whole, not one mark.
  const changed = dark.filter((c, k) => c !== light[k]).length;
  expect(changed / dark.length).toBeGreaterThan(0.9);
});

test('reduced motion turns every transition and animation off', async ({ page }) => {
  await page.goto('./#/dream-big/2');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const moving = () =>
    page.evaluate(
      () =>
        Array.from(document.querySelectorAll('*'))
          .map((e) => getComputedStyle(e))
          .filter(
            (s) =>
              s.transitionDuration.split(',').some((d) => parseFloat(d) > 0) ||
              s.animationName !== 'none' ||
              s.scrollBehavior === 'smooth',
          ).length,
    );
  // Without the preference the page does move (buttons fade their border on hover)...
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await moving()).toBeGreaterThan(0);
  // ...and with it nothing does.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await moving()).toBe(0);
});
