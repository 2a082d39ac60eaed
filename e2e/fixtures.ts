import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * Every spec gets a page whose console errors, page errors and failed requests fail the test:
 * a learner never sees a console, so we watch it for them.
 */
export const test = base.extend<{ problems: string[] }>({
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning')
          problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()}`));
      await use(problems);
      expect(problems, 'console errors, page errors or failed requests').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Scrolls the step's plot into view and waits for the 3-D scene's first frame: the plot loads
 * three.js only when it nears the screen. Returns the canvas.
 */
export async function showPlot(page: Page): Promise<Locator> {
  // The figure, not the stage: the stage's placeholder is replaced as the scroll brings it near.
  await page.locator('figure.pv').first().scrollIntoViewIfNeeded();
  const canvas = page.locator('.pv-stage canvas');
  await expect(canvas).toHaveAttribute('data-frames', /^[1-9]/, { timeout: 20_000 });
  return canvas;
}
