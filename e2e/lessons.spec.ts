import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { fixtureLessons, fixtures } from './lessonFixtures';

/** Walks a lesson with Next, calling `visit` on every step; returns the step ids seen. */
async function walk(page: Page, lessonId: string, visit: (stepId: string) => Promise<void>) {
  // A same-document hash change: learner edits, held in memory, survive it.
  await page.evaluate((id) => (window.location.hash = `#/${id}/1`), lessonId);
  const seen: string[] = [];
  const next = page.getByRole('button', { name: 'Next', exact: true });
  for (let k = 1; ; k++) {
    await expect(page).toHaveURL(new RegExp(`#/${lessonId}/${k}(\\?|$)`));
    // The URL changes before React renders the step: wait for the render, then read its id.
    await expect(page.getByText(new RegExp(`^Step ${k} of \\d+$`))).toBeVisible();
    const stepId = await page.locator('article[data-step-id]').getAttribute('data-step-id');
    expect(stepId).toBeTruthy();
    seen.push(stepId!);
    await visit(stepId!);
    if (await next.isDisabled()) break;
    await next.click();
  }
  return seen;
}

for (const lessonId of fixtureLessons) {
  test(`${lessonId}: every printed output matches PyTorch`, async ({ page }) => {
    const expected = fixtures.lessons[lessonId]!;
    const checked: string[] = [];
    await page.goto(`./#/${lessonId}/1`);
    const seen = await walk(page, lessonId, async (stepId) => {
      const want = expected[stepId];
      const output = page.getByTestId('output');
      if (want === undefined) return;
      await expect(output).toHaveText(want, { useInnerText: true });
      // "matches the notebook", or "unedited" where a lesson opens with a rounded printout.
      await expect(page.locator('.badge-match')).toBeVisible();
      checked.push(stepId);
    });
    expect(seen.length).toBeGreaterThan(5);
    expect(checked.sort()).toEqual(Object.keys(expected).sort());
  });

  test(`${lessonId}: an edited embedding recomputes every output as PyTorch does`, async ({
    page,
  }) => {
    const { edit, outputs } = fixtures.edited[lessonId]!;
    await page.goto(`./#/${lessonId}/1`);
    // Find the first step with the embedding table and make the fixture's edit there.
    const next = page.getByRole('button', { name: 'Next', exact: true });
    const table = page.getByRole('table', { name: /Embeddings/ });
    while (!(await table.isVisible())) await next.click();
    const rowName = await table.getByRole('rowheader').nth(edit.row).innerText();
    const cell = page.getByRole('textbox', {
      name: `${rowName.trim()}, dimension ${edit.col + 1}`,
      exact: true, // "is, dimension 1" must not also match "is, dimension 10"
    });
    await cell.fill(String(edit.value));
    await cell.blur();
    // Walk back to the start and through every step, comparing against PyTorch's edited outputs.
    let differing = 0;
    await walk(page, lessonId, async (stepId) => {
      const want = outputs[stepId];
      if (want === undefined) return;
      await expect(page.getByTestId('output')).toHaveText(want, { useInnerText: true });
      if (want !== fixtures.lessons[lessonId]![stepId]) {
        differing++;
        await expect(page.getByText('edited', { exact: true })).toBeVisible();
      }
    });
    expect(differing).toBeGreaterThan(3);
  });

  test(`${lessonId}: Back returns to the previous step; arrow keys move between steps`, async ({
    page,
  }) => {
    await page.goto(`./#/${lessonId}/1`);
    const next = page.getByRole('button', { name: 'Next', exact: true });
    const historyLength = () => page.evaluate(() => window.history.length);
    const start = await historyLength();
    await next.click();
    await expect(page.getByText(/^Step 2 of \d+$/)).toBeVisible();
    // Each step is one history entry. Wait for the browser to commit it before the next click:
    // Chromium skips, on Back, an entry that got no user gesture while it was current.
    await expect.poll(historyLength).toBe(start + 1);
    await next.click();
    await expect.poll(historyLength).toBe(start + 2);
    await expect(page.getByText(/^Step 3 of \d+$/)).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/${lessonId}/3(\\?|$)`));
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`#/${lessonId}/2(\\?|$)`));
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(new RegExp(`#/${lessonId}/3(\\?|$)`));
    await page.keyboard.press('ArrowLeft');
    await expect(page).toHaveURL(new RegExp(`#/${lessonId}/2(\\?|$)`));
    await expect(page.getByRole('button', { name: 'Previous', exact: true })).toBeEnabled();
  });
}
