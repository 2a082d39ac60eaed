import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
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
    await page.addScriptTag({ content: axeSource });
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
