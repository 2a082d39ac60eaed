import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, showPlot, test } from './fixtures';
import { fixtureLessons } from './lessonFixtures';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's wcag2a + wcag2aa violations on the page as it is now. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window)))
    // Evaluated through the DevTools protocol, which the app's Content-Security-Policy does not
    // govern: an injected <script> tag would be refused, and the page stays under its real policy.
    await page.evaluate(axeSource);
  // Judge the settled page: web fonts can widen a formula after the first layout, and the page
  // adapts (a formula box that starts to scroll joins the tab order) in the next frame.
  await page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (o: object) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const r = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
    return r.violations;
  });
  return violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

test('the catalogue has no axe violations', async ({ page }) => {
  await page.goto('./#/');
  expect(await axeViolations(page)).toEqual([]);
});

for (const lessonId of fixtureLessons) {
  test(`${lessonId}: no axe violations on any step`, async ({ page }) => {
    await page.goto(`./#/${lessonId}/1`);
    const next = page.getByRole('button', { name: 'Next', exact: true });
    for (let k = 1; ; k++) {
      await expect(page).toHaveURL(new RegExp(`/${k}(\\?|$)`));
      await expect(page.getByText(new RegExp(`^Step ${k} of \\d+$`))).toBeVisible();
      const found = await axeViolations(page);
      expect(found, `step ${k}`).toEqual([]);
      if (await next.isDisabled()) break;
      await next.click();
    }
  });
}

/** Scrolls every section of the playground into view (out-of-view sections skip rendering). */
async function showPlayground(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Playground', level: 1 })).toBeVisible();
  for (const section of await page.locator('.playground > section').all()) {
    await section.scrollIntoViewIfNeeded();
    await expect(section).toBeVisible();
    // The plot is a lazily loaded chunk: wait for its canvas's first frame while it is in view.
    if ((await section.locator('.pv-stage').count()) > 0) await showPlot(page);
  }
}

test('the playground has no axe violations, as it opens and at 64 tokens × 64 dims', async ({
  page,
}) => {
  await page.goto('./#/playground/1');
  await showPlayground(page);
  await expect(page.getByRole('table', { name: 'Embeddings' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Attention weights' })).toBeVisible();
  await expect(page.getByTestId('output')).toBeVisible();
  expect(await axeViolations(page), 'default state').toEqual([]);

  // The largest state, opened from its link as a learner would share it.
  const words = Array.from({ length: 64 }, (_, k) => `w${k}`).join(' ');
  const settings = { v: 1, s: words, d: 64, seed: 123, m: 'trainable', dk: 64, dv: 64, c: 1, q: 5 };
  const payload = Buffer.from(JSON.stringify(settings)).toString('base64url');
  // A fresh document: a hash change alone would keep the first state's page.
  await page.goto('about:blank');
  await page.goto(`./#/playground/1?p=${payload}`);
  await showPlayground(page);
  // The embeddings, scores, weights and context, and the training panel's goal heatmap.
  await expect(page.locator('.canvas-heatmap canvas')).toHaveCount(5);
  await expect(page.getByRole('table', { name: /^Edit token 1/ })).toBeVisible();
  await expect(page.getByTestId('output')).toContainText('...');
  expect(await axeViolations(page), '64 tokens × 64 dims').toEqual([]);
});

test('the playground with positions has no axe violations (their radio group, hint and tables)', async ({
  page,
}) => {
  await page.goto('./#/playground/1');
  const group = page.getByRole('group', { name: 'Positions' });
  for (const [name, tables] of [
    ['Learned', 1],
    ['Sinusoidal', 1],
    ['Rotary (RoPE)', 0],
  ] as const) {
    await group.getByRole('radio', { name }).check();
    await showPlayground(page);
    await expect(
      page.getByRole('table', { name: 'x + positions (what attention uses)' }),
    ).toHaveCount(tables);
    expect(await axeViolations(page), name).toEqual([]);
  }
});
