import type { Page } from '@playwright/test';
import { LESSON_IDS } from '../src/lessons/types';
import { expect, holdRequests, test } from './fixtures';

/**
 * A lesson's own page (dream-big.html) carries its first step as HTML rendered at build time
 * (scripts/lesson-pages.ts), so it paints before any script; the app then replaces it with the
 * live step. These tests hold back the scripts that would take over, look at what the HTML alone
 * shows, then let them through.
 */

// No service worker: requests it would answer from its cache never reach page.route.
test.beforeEach(async ({ page }) => {
  await page.route('**/registerSW.js', (route) =>
    route.fulfill({ contentType: 'text/javascript', body: '' }),
  );
});

/** The app's lesson chunk, and its entry (the shell, and all that starts the app). */
const LESSON_CHUNK = (path: string) => /^assets\/LessonRoute-[^/]*\.js$/.test(path);
const ENTRY = (path: string) => /^assets\/index-[^/]*\.js$/.test(path);

const firstPaint = (page: Page) =>
  page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0);

/** What a step says: its heading, and its text, formulas, code and printed output as text. */
const stepText = (page: Page) =>
  page.evaluate(() => ({
    heading: document.getElementById('step-heading')?.textContent ?? null,
    // Whitespace aside: KaTeX's MathML copy (for screen readers) differs in blank lines only.
    text:
      (document.querySelector('.lesson-text') as HTMLElement | null)?.innerText.replace(
        /\s+/g,
        ' ',
      ) ?? null,
  }));

// Every lesson with steps has a page with its first step; the playground builds its page live.
for (const id of LESSON_IDS.filter((l) => l !== 'playground')) {
  test(`${id}.html paints its first step from HTML, and the app shows the same step`, async ({
    page,
    baseURL,
  }) => {
    const hold = await holdRequests(page, baseURL!, LESSON_CHUNK);
    await page.goto(`./${id}.html`, { waitUntil: 'commit' });
    await firstPaint(page);
    const root = page.locator('#root');
    await expect(root).toHaveAttribute('data-prerendered', `${id}/1`);
    // Nothing in it can be used (and nothing typed into it lost) until the app has taken over.
    await expect(root).toHaveAttribute('inert', '');
    await expect(page.locator('#step-heading')).toBeVisible();
    await expect(page.locator('[data-prerender]')).toHaveCount(0);
    const before = await stepText(page);
    expect(before.heading).toBeTruthy();
    expect(before.text).toBeTruthy();
    // The CSP allows no style attribute in markup: the build moved them into a stylesheet.
    expect(await page.locator('#root [style]').count()).toBe(0);
    // Formulas are KaTeX's own markup, laid out by its stylesheet (a struts' height, not 0).
    const texHeights = await page
      .locator('.katex-html .strut')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    expect(texHeights.every((h) => h > 0)).toBe(true);

    const handover = await page.evaluate(() => performance.now());
    hold.release();
    await expect(root).not.toHaveAttribute('inert');
    await expect(root).not.toHaveAttribute('data-prerendered');
    await expect(page.getByRole('button', { name: 'Copy link' })).toBeEnabled();
    expect(await stepText(page)).toEqual(before);
    // The live step paints nothing larger than the HTML did: the largest paint stays the first.
    const lcp = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) =>
          new PerformanceObserver((list) =>
            resolve(list.getEntries().map((e) => e.startTime)),
          ).observe({ type: 'largest-contentful-paint', buffered: true }),
        ),
    );
    expect(lcp.length).toBeGreaterThan(0);
    expect(Math.max(...lcp)).toBeLessThan(handover);
  });
}

test('a link to another step hides the pre-rendered one until the app shows that step', async ({
  page,
  baseURL,
}) => {
  // The app, held back entirely: what shows is the HTML and public/lesson-boot.js alone.
  const hold = await holdRequests(page, baseURL!, ENTRY);
  await page.goto('./dream-big.html#/dream-big/3', { waitUntil: 'commit' });
  await firstPaint(page);
  await expect(page.locator('html')).toHaveAttribute('data-prerender', 'stale');
  await expect(page.locator('#step-heading')).toBeHidden();
  // The header is the same on every page and stays.
  await expect(page.locator('.site-header .brand')).toBeVisible();
  hold.release();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Magnitude of each vector');
});

test('saved edits hide it too, and a chosen theme applies before any app code', async ({
  page,
  baseURL,
}) => {
  // An edit on the live page is saved for the lesson.
  await page.goto('./dream-big.html#/dream-big/2');
  const cell = page.getByRole('textbox', { name: 'work, dimension 2', exact: true });
  await cell.fill('0.5');
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('attention-notebook:lesson:dream-big')))
    .not.toBeNull();
  await page.evaluate(() => localStorage.setItem('attention-notebook:theme', 'dark'));

  // Opened again without a route: step 1, but not at the values the HTML was rendered with.
  const hold = await holdRequests(page, baseURL!, ENTRY);
  await page.goto('./dream-big.html', { waitUntil: 'commit' });
  await firstPaint(page);
  await expect(page.locator('html')).toHaveAttribute('data-prerender', 'stale');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('#step-heading')).toBeHidden();
  hold.release();
  await expect(page.locator('#step-heading')).toBeVisible();
  await expect(page.locator('#root')).not.toHaveAttribute('inert');
  await expect(page.locator('html')).not.toHaveAttribute('data-prerender');
  await page.goto('./dream-big.html#/dream-big/2');
  await expect(cell).toHaveValue('0.5');
});
