/**
 * The training lesson on the page: every step prints what PyTorch printed (lessons.json) at the
 * defaults, after the goal is edited on the heatmap, after a switch to Adam and with a learning
 * rate that diverges; Play runs to the end as one undo step; a link copied at step k opens at
 * step k with the same numbers.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { fixtures } from './lessonFixtures';

type Outputs = Record<string, string>;
const variants = (
  fixtures as unknown as { variants: Record<string, Record<string, { outputs: Outputs }>> }
).variants.training!;
const steps = fixtures.steps.training!;
const defaults = fixtures.lessons.training!;
const GOAL = `./#/training/${steps.indexOf('goal') + 1}`;
const LOOP = `./#/training/${steps.indexOf('loop') + 1}`;

const output = (page: Page) => page.getByTestId('output');
const panel = (page: Page) => page.getByRole('group', { name: 'Train W_query and W_key' });
const chart = (page: Page) => page.getByRole('slider', { name: 'Loss at each training step' });

/** Opens step k by a same-document hash change (the learner's choices stay). */
async function openStep(page: Page, k: number) {
  await page.evaluate((k) => (window.location.hash = `#/training/${k}`), k);
  await expect(page.getByText(new RegExp(`^Step ${k} of \\d+$`))).toBeVisible();
}

/** Every step that prints, compared with `outputs`; returns how many it checked. */
async function walkComparing(page: Page, outputs: Outputs): Promise<number> {
  let checked = 0;
  for (let k = 1; k <= steps.length; k++) {
    const id = steps[k - 1]!;
    if (outputs[id] === undefined) continue;
    await openStep(page, k);
    await expect(output(page), id).toHaveText(outputs[id], { useInnerText: true });
    checked++;
  }
  expect(checked).toBe(Object.keys(outputs).length);
  return checked;
}

/** Moves the loss curve to the run's last step (End on the focused chart). */
async function toEnd(page: Page) {
  await openStep(page, steps.indexOf('loop') + 1);
  await chart(page).focus();
  await page.keyboard.press('End');
}

test('every step at the defaults prints what PyTorch printed', async ({ page }) => {
  await page.goto('./#/training/1');
  expect(await walkComparing(page, defaults)).toBe(steps.length);
});

test('a goal picked on the heatmap, trained to the end, prints what PyTorch printed', async ({
  page,
}) => {
  await page.goto(GOAL);
  await page.getByRole('button', { name: 'The previous word' }).click();
  // By keyboard: from the goal of "starts" (journey), Right and Enter make "starts" its goal,
  // Left and Enter put "journey" back.
  const goalOf = (row: string, col: string) =>
    page.getByRole('button', { name: new RegExp(`^${row} attends to ${col}:`) });
  await goalOf('starts', 'journey').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(goalOf('starts', 'starts')).toHaveAttribute('aria-pressed', 'true');
  await expect(goalOf('starts', 'journey')).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  await expect(goalOf('starts', 'journey')).toHaveAttribute('aria-pressed', 'true');
  await toEnd(page);
  await walkComparing(page, variants.goal!.outputs);
});

test('clicking a cell makes it its row’s goal, and the loss follows', async ({ page }) => {
  await page.goto(GOAL);
  const before = await output(page).innerText();
  await page.getByRole('button', { name: /^starts attends to Your/ }).click();
  await expect(
    page.getByRole('button', { name: /^starts attends to Your.*the goal$/ }),
  ).toBeVisible();
  await expect(output(page)).not.toHaveText(before);
  await expect(page.getByText('edited', { exact: true })).toBeVisible();
});

test('Adam at lr 0.05, trained to the end, prints what PyTorch printed', async ({ page }) => {
  await page.goto(LOOP);
  await panel(page).getByRole('radio', { name: 'Adam' }).check();
  const lr = page.getByRole('textbox', { name: 'Learning rate' });
  await lr.fill('0.05');
  await lr.press('Enter');
  await toEnd(page);
  await walkComparing(page, variants.adam!.outputs);
});

test('a learning rate of 500 diverges, and the page prints nan as PyTorch does', async ({
  page,
}) => {
  await page.goto(LOOP);
  const lr = page.getByRole('textbox', { name: 'Learning rate' });
  await lr.fill('500');
  await lr.press('Enter');
  await toEnd(page);
  await walkComparing(page, variants.diverge!.outputs);
});

test('Play runs to the end of the run; one Undo takes it back to the start', async ({ page }) => {
  await page.goto(LOOP);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(output(page)).toHaveText(variants.trained!.outputs.loop!, {
    useInnerText: true,
    timeout: 20_000,
  });
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(output(page)).toHaveText(defaults.loop!, { useInnerText: true });
});

test.describe('links', () => {
  test.beforeEach(async ({ context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  test('a link copied at step k opens at step k with identical numbers', async ({
    page,
    browser,
  }) => {
    await page.goto(LOOP);
    const lr = page.getByRole('textbox', { name: 'Learning rate' });
    await lr.fill('2.5');
    await lr.press('Enter');
    await chart(page).focus();
    await page.keyboard.press('End');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await expect(panel(page).getByRole('status')).toHaveText(/^Step 97 of 100/);
    const printed = await output(page).innerText();
    expect(printed).toContain('\n97 tensor(');
    await page.getByRole('button', { name: 'Copy link' }).click();
    await expect(page.getByText(/^Link copied/)).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());

    const other = await browser.newContext();
    try {
      const reader = await other.newPage();
      await reader.goto(link);
      await expect(reader.getByTestId('output')).toHaveText(printed, { useInnerText: true });
      await expect(panel(reader).getByRole('status')).toHaveText(/^Step 97 of 100/);
      await expect(reader.getByRole('textbox', { name: 'Learning rate' })).toHaveValue('2.5');
    } finally {
      await other.close();
    }
  });
});
