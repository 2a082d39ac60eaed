import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { fixtures } from './lessonFixtures';

/** The word-order states lessons.py runs besides the shared ones. */
interface OrderFixtures {
  shuffled: Record<string, { perm: number[]; outputs: Record<string, string> }>;
  posEdited: Record<
    string,
    { edit: { row: number; col: number; value: number }; outputs: Record<string, string> }
  >;
}
const ID = 'word-order';
const extra = fixtures as unknown as OrderFixtures;
const defaults = fixtures.lessons[ID]!;
const steps = fixtures.steps[ID]!;
const stepOf = (id: string) => steps.indexOf(id) + 1;
const output = (page: Page) => page.getByTestId('output');
const permField = (page: Page) => page.getByRole('textbox', { name: 'perm', exact: true });

/** Opens step k by a same-document hash change (edits held in memory stay). */
async function open(page: Page, k: number) {
  await page.evaluate((hash) => (window.location.hash = hash), `#/${ID}/${k}`);
  await expect(page.getByText(new RegExp(`^Step ${k} of \\d+$`))).toBeVisible();
}

/**
 * Walks every step with Next from the first, comparing each printed output with `outputs` (what
 * PyTorch printed in that state); an output that differs from the defaults' says "edited".
 */
async function walkComparing(page: Page, outputs: Record<string, string>) {
  await open(page, 1);
  const next = page.getByRole('button', { name: 'Next', exact: true });
  const checked: string[] = [];
  for (let k = 1; k <= steps.length; k++) {
    await expect(page.getByText(new RegExp(`^Step ${k} of \\d+$`))).toBeVisible();
    const stepId = await page.locator('article[data-step-id]').getAttribute('data-step-id');
    expect(stepId).toBe(steps[k - 1]);
    const want = outputs[stepId!];
    if (want !== undefined) {
      await expect(output(page), stepId!).toHaveText(want, { useInnerText: true });
      if (want !== defaults[stepId!]) {
        await expect(page.getByText('edited', { exact: true }), stepId!).toBeVisible();
      }
      checked.push(stepId!);
    }
    if (k < steps.length) await next.click();
  }
  expect(checked.sort()).toEqual(Object.keys(outputs).sort());
}

test('every step prints what PyTorch printed, at the defaults', async ({ page }) => {
  await page.goto(`./#/${ID}/1`);
  await walkComparing(page, defaults);
});

test('Shuffle reorders the words; a typed order prints what PyTorch printed, every step', async ({
  page,
}) => {
  await page.goto(`./#/${ID}/${stepOf('shuffle')}`);
  const before = await permField(page).inputValue();
  await page.getByRole('button', { name: 'Shuffle', exact: true }).click();
  await expect(permField(page)).not.toHaveValue(before);
  // Whatever the order, the context vectors come out the same, reordered.
  await expect(output(page)).toHaveText(/\nTrue$/, { useInnerText: true });
  await expect(page.getByText('edited', { exact: true })).toBeVisible();

  const { perm, outputs } = extra.shuffled[ID]!;
  await permField(page).fill(perm.join(', '));
  await expect(page.getByRole('group', { name: 'PyTorch code' })).toContainText(
    `perm = torch.tensor([${perm.join(', ')}])`,
  );
  await walkComparing(page, outputs);
});

test('a bad order is refused with a message, and the page keeps the last good one', async ({
  page,
}) => {
  await page.goto(`./#/${ID}/${stepOf('shuffle')}`);
  const field = permField(page);
  const printed = await output(page).innerText();
  await field.fill('0, 0, 1, 2, 3, 4, 5, 6, 7, 8');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('status').filter({ hasText: 'Not applied' })).toHaveText(
    'Not applied: the order names word 0 twice and leaves out 9. The page still uses 9, 8, 7, 6, 5, 4, 3, 2, 1, 0.',
  );
  await field.fill('9, 8, 7, x');
  await expect(page.getByRole('status').filter({ hasText: 'Not applied' })).toContainText(
    '“x” is not a word number (0 to 9)',
  );
  expect(await output(page).innerText()).toBe(printed);
  await page.getByRole('button', { name: 'In order', exact: true }).click();
  await expect(field).toHaveValue('0, 1, 2, 3, 4, 5, 6, 7, 8, 9');
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await expect(page.getByRole('status').filter({ hasText: 'Not applied' })).toHaveCount(0);
});

test('an edited position vector recomputes every output as PyTorch does', async ({ page }) => {
  const { edit, outputs } = extra.posEdited[ID]!;
  await page.goto(`./#/${ID}/${stepOf('learned')}`);
  const cell = page.getByRole('textbox', {
    name: `pos ${edit.row}, dimension ${edit.col + 1}`,
    exact: true,
  });
  await cell.fill(String(edit.value));
  await cell.blur();
  await expect(page.getByRole('group', { name: 'PyTorch code' })).toContainText(
    `pos[${edit.row}, ${edit.col}] = ${edit.value}`,
  );
  await walkComparing(page, outputs);
});

test('a link carries the word order and the shift', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { perm, outputs } = extra.shuffled[ID]!;
  await page.goto(`./#/${ID}/${stepOf('shuffle')}`);
  await permField(page).fill(perm.join(', '));
  await expect(output(page)).toHaveText(outputs.shuffle!, { useInnerText: true });
  await open(page, stepOf('distance'));
  const shift = page.getByRole('slider', { name: 'shift' });
  await shift.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('group', { name: 'PyTorch code' })).toBeVisible();
  const printed = await output(page).innerText();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText(/^Link copied/)).toBeVisible();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(new RegExp(`#/${ID}/${stepOf('distance')}\\?s=[A-Za-z0-9_-]+$`));

  const other: BrowserContext = await browser.newContext();
  try {
    const fresh = await other.newPage();
    await fresh.goto(link);
    await expect(output(fresh)).toHaveText(printed, { useInnerText: true });
    await expect(fresh.getByRole('slider', { name: 'shift' })).toHaveValue('4');
    await fresh.evaluate((h) => (location.hash = h), `#/${ID}/${stepOf('shuffle')}`);
    await expect(permField(fresh)).toHaveValue(perm.join(', '));
    await expect(output(fresh)).toHaveText(outputs.shuffle!, { useInnerText: true });
  } finally {
    await other.close();
  }
});

test('a link whose order is not a permutation opens with a notice saying why', async ({ page }) => {
  // Format 1: version, then the word order (tag 16) naming word 3 twice, the shift (tag 18) 5,
  // then the check byte.
  const { crc8, toBase64url } = await import('../src/state/bytes');
  const bytes = [1, 16, 11, 10, 0, 1, 2, 3, 3, 5, 6, 7, 8, 9, 18, 1, 5];
  bytes.push(crc8(Uint8Array.from(bytes)));
  await page.goto(`./#/${ID}/${stepOf('shuffle')}?s=${toBase64url(Uint8Array.from(bytes))}`);
  await expect(
    page
      .locator('[role="alert"], [role="status"]')
      .filter({ hasText: 'word order names word 3 twice and leaves out 4' })
      .first(),
  ).toBeVisible();
  // The rest of the link is used; the order stays the lesson's own.
  await expect(permField(page)).toHaveValue('9, 8, 7, 6, 5, 4, 3, 2, 1, 0');
  await expect(output(page)).toHaveText(defaults.shuffle!, { useInnerText: true });
  await page.evaluate((h) => (location.hash = h), `#/${ID}/${stepOf('rope')}`);
  await expect(page.getByRole('slider', { name: 'shift' })).toHaveValue('5');
});
