import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Visits the catalogue, then every step of every lesson in order, then the playground, in one page
 * and by the app's own navigation (the catalogue's first card, the Right arrow key for Next, and
 * the last step's link to the next lesson or the playground), so nothing reloads. `check` runs on each once it has rendered, with a name
 * for messages (`your-journey/27`). Returns how many places it checked.
 */
export async function walkEverything(
  page: Page,
  check: (where: string) => Promise<void>,
): Promise<number> {
  let visited = 0;
  const visit = async (where: string) => {
    // Fonts and the formulas' last layout settle before anything is measured.
    await page.evaluate(
      () =>
        new Promise<void>((done) => {
          void document.fonts.ready.then(() =>
            requestAnimationFrame(() => requestAnimationFrame(() => done())),
          );
        }),
    );
    await check(where);
    visited++;
  };

  await page.goto('./#/');
  const cards = page.locator('.lesson-card:not(.pending) a');
  await expect(cards.first()).toBeVisible();
  await visit('catalogue');

  const count = page.locator('.step-count');
  const onward = page.locator('.lesson-next');
  await cards.first().click();
  const hash = () => page.evaluate(() => location.hash);
  for (;;) {
    await expect(count).toHaveText(/^Step \d+ of \d+$/);
    const [step, total] = (await count.innerText()).match(/\d+/g)!.map(Number) as [number, number];
    const lesson = /^#\/([^/?]+)\//.exec(await hash())![1]!;
    await visit(`${lesson}/${step}`);
    if (step < total) {
      // The Right arrow key is the app's own shortcut for Next (focus is on the step's heading).
      await page.keyboard.press('ArrowRight');
      await expect(count).toHaveText(`Step ${step + 1} of ${total}`);
    } else if (/^#\/(?!playground\/)[^/?]+\/1$/.test((await onward.getAttribute('href')) ?? '')) {
      await onward.click();
      await expect.poll(hash).toMatch(new RegExp(`^#/(?!${lesson}/)[^/?]+/1\\b`));
      // The address changes before the next lesson renders: wait for its own first step, or the
      // loop would read the old lesson's last step count again.
      await expect(count).toHaveText(/^Step 1 of \d+$/);
    } else {
      break;
    }
  }

  // The last lesson leads on to the playground.
  await expect(onward).toHaveAttribute('href', '#/playground/1');
  await onward.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Playground' })).toBeVisible();
  await visit('playground');
  return visited;
}
