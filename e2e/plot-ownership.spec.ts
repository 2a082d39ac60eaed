import type { Page } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium.mjs';
import { expect, showPlot, test } from './fixtures';

/**
 * Issue #13: the plot views are controlled. Each page owns its plot options and says whether its
 * plot can be edited, so a lesson's classroom link leaves the playground's plot editable, and the
 * playground's plot options stay out of the lessons' links.
 */

/** dream-big step 6: the query's scores, the query picker and the plot. */
const SCORES_STEP = './#/dream-big/6';
const SCORES_HASH = '#/dream-big/6';
const PLAYGROUND = '#/playground/1';

const output = (page: Page) => page.getByTestId('output');

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

/** Copy link's link for the step on screen (classroom: with editing off). */
async function copyLink(page: Page, classroom = false): Promise<string> {
  const box = page.getByRole('checkbox', { name: /Classroom link/ });
  await box.setChecked(classroom);
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText(/^Link copied/)).toBeVisible();
  return page.getByRole('textbox', { name: 'Share link' }).inputValue();
}

/** Opens another route in the same document (same tab, same app state), as a link click does. */
async function openInApp(page: Page, hash: string) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

/** Opens a classroom link for a lesson step, then the playground in the same tab. */
async function classroomThenPlayground(page: Page, plot: () => Promise<unknown>) {
  await page.goto(SCORES_STEP);
  const link = await copyLink(page, true);
  // Let the plot's chunk, asked for as the step came near, arrive: leaving the page mid-request
  // would fail the request, which every test counts as a problem.
  await page.waitForLoadState('networkidle');
  await page.goto(link);
  await expect(page.getByText('Classroom view: editing is off.')).toBeVisible();
  await plot();
  // The lesson's own plot is read-only: it offers no tip to move.
  await expect(page.locator('figure').getByRole('slider')).toHaveCount(0);

  await openInApp(page, PLAYGROUND);
  await expect(page.getByRole('heading', { name: 'Playground', level: 1 })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Your, dimension 1' })).toBeEditable();
  await plot();
  const before = await output(page).textContent();
  const tip = page.getByRole('slider', { name: 'journey vector' });
  await tip.focus();
  await page.keyboard.press('ArrowRight');
  await expect(output(page)).not.toHaveText(before!);
}

test('after a classroom link, the playground’s 3-D plot can still be edited', async ({ page }) => {
  await classroomThenPlayground(page, () => showPlot(page));
  // The nudge buttons are there too.
  await expect(page.getByRole('group', { name: 'Move a word by tapping' })).toBeVisible();
});

test('after a classroom link, the playground’s 2-D plot can still be edited', async ({
  playwright,
}) => {
  // WebGL off: the 2-D plot stands in for the 3-D one.
  const browser = await playwright.chromium.launch({
    executablePath: process.env.CHROME_PATH,
    args: [...CHROMIUM_ARGS, '--disable-webgl', '--disable-3d-apis'],
  });
  try {
    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    const flat = async () => {
      // The 3-D figure's placeholder until the plot nears the screen, then the flat plot.
      await page.locator('figure.pv, figure.vp').first().scrollIntoViewIfNeeded();
      await expect(page.getByText(/cannot draw 3-D graphics/)).toBeVisible();
      await page.locator('figure.vp').scrollIntoViewIfNeeded();
    };
    await classroomThenPlayground(page, async () => {
      await flat();
      // In the lesson, the flat plot says it is read-only (and promises no dragging).
      if (await page.getByText('Classroom view: editing is off.').isVisible()) {
        await expect(page.getByRole('group', { name: /, read-only$/ })).toBeVisible();
        await expect(page.getByText('Read-only: the vectors cannot be moved here.')).toBeVisible();
        await expect(page.getByText(/Drag a tip/)).toHaveCount(0);
      }
    });
    await expect(page.getByRole('group', { name: /, read-only$/ })).toHaveCount(0);
    expect(problems).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('plot options toggled in the playground leave the lessons and their links alone', async ({
  page,
}) => {
  await page.goto(SCORES_STEP);
  await showPlot(page);
  const build = page.getByRole('checkbox', { name: 'Build the context vector' });
  const weights = page.getByRole('checkbox', { name: 'Show attention weights' });
  await expect(build).not.toBeChecked();
  const link = await copyLink(page);

  await openInApp(page, PLAYGROUND);
  await expect(page.getByRole('heading', { name: 'Playground', level: 1 })).toBeVisible();
  await showPlot(page);
  await build.check();
  await weights.check();
  await expect(build).toBeChecked();

  await openInApp(page, SCORES_HASH);
  await showPlot(page);
  await expect(build).not.toBeChecked();
  await expect(weights).not.toBeChecked();
  expect(await copyLink(page)).toBe(link);

  // And the other way: the lesson's options do not reach the playground, which keeps its own
  // (in the store, per page, for as long as the tab lives).
  await openInApp(page, PLAYGROUND);
  await showPlot(page);
  await expect(build).toBeChecked();
  await build.uncheck();
  await weights.uncheck();
  await openInApp(page, SCORES_HASH);
  await showPlot(page);
  await build.check();
  await weights.check();
  await openInApp(page, PLAYGROUND);
  await showPlot(page);
  await expect(build).not.toBeChecked();
  await expect(weights).not.toBeChecked();
});
