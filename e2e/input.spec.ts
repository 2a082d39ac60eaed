import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** dream-big step 2 shows the embedding table and the cell that builds `inputs`. */
const INPUTS_STEP = './#/dream-big/2';
/** attention-seeker step 4 seeds the generator and prints torch.rand(3). */
const SEED_STEP = './#/attention-seeker/4';
const PLAYGROUND = './#/playground/1';

const code = (page: Page) => page.getByRole('group', { name: 'PyTorch code' });

/** Types into a cell key by key, as a learner does (fill() would set the whole text at once). */
async function typeInto(page: Page, input: Locator, text: string) {
  await input.focus();
  await input.selectText();
  await page.keyboard.type(text);
}

/** The texts of the elements an input's aria-describedby names. */
async function describedBy(input: Locator): Promise<string> {
  return input.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' | '),
  );
}

test('a typed text that is no number is refused beside its cell, and the value is kept', async ({
  page,
}) => {
  await page.goto(INPUTS_STEP);
  const cell = page.getByRole('textbox', { name: 'Dream, dimension 1' });
  const before = await code(page).innerText();

  await typeInto(page, cell, '2/3');
  await page.keyboard.press('Enter');
  // The cell holds the value from before, not 2 (the last prefix that was a number).
  await expect(cell).toHaveValue('0.72');
  const message = page.getByRole('status').filter({ hasText: '“2/3” is not a number; kept 0.72.' });
  await expect(message).toBeVisible();
  await expect(message).toHaveText('Dream, dimension 1: “2/3” is not a number; kept 0.72.');
  // Beside the cell: its top edge just below the cell's bottom, overlapping it sideways.
  const c = (await cell.boundingBox())!;
  const m = (await message.boundingBox())!;
  expect(m.y).toBeGreaterThanOrEqual(c.y + c.height);
  expect(m.y).toBeLessThan(c.y + c.height + 20);
  expect(m.x).toBeLessThan(c.x + c.width);
  expect(m.x + m.width).toBeGreaterThan(c.x);
  // Named by the cell's aria-describedby; the cell keeps focus for another try.
  const messageId = await message.getAttribute('id');
  expect((await cell.getAttribute('aria-describedby'))!.split(' ')).toContain(messageId);
  expect(await describedBy(cell)).toContain('“2/3” is not a number; kept 0.72.');
  await expect(cell).toBeFocused();
  await expect(cell).not.toHaveAttribute('aria-invalid', 'true');
  expect(await code(page).innerText()).toBe(before);
  // Typing "2" and then "2/3" ended where it began: no undo step that changes nothing.
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();

  // "1e40" stores neither 1 nor 10000.
  await typeInto(page, cell, '1e40');
  await page.keyboard.press('Enter');
  await expect(cell).toHaveValue('0.72');
  await expect(message).toHaveCount(0);
  await expect(
    page.getByText('“1e40” is outside the range -1000 to 1000; kept 0.72.'),
  ).toBeVisible();
  expect(await code(page).innerText()).toBe(before);

  // A valid value clears the message.
  await typeInto(page, cell, '1,5');
  await expect(page.getByText(/kept 0\.72/)).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(cell).toHaveValue('1.5');
  await expect(code(page)).toContainText('1.50, 0.45, 0.31], # Dream');
  expect(await describedBy(cell)).not.toContain('kept');
});

test('leaving a cell with a refused text keeps the message until the next edit', async ({
  page,
}) => {
  await page.goto(INPUTS_STEP);
  const cell = page.getByRole('textbox', { name: 'Dream, dimension 1' });
  await typeInto(page, cell, 'abc');
  await page.keyboard.press('Tab');
  await expect(cell).toHaveValue('0.72');
  const message = page.getByText('“abc” is not a number; kept 0.72.');
  await expect(message).toBeVisible();
  // An edit of another cell is moving on: the message goes.
  await page.keyboard.press('ArrowUp');
  await expect(message).toHaveCount(0);
});

test('a typed seed is applied once: one regeneration and one undo step', async ({ page }) => {
  await page.goto(SEED_STEP);
  const seed = page.getByRole('textbox', { name: 'Seed' });
  await expect(seed).toHaveValue('123');
  const before = await code(page).innerText();
  await seed.focus();
  await seed.selectText();
  await page.keyboard.type('456', { delay: 100 });
  // Typing on: nothing regenerated for 4 or 45 (nor yet for 456).
  expect(await code(page).innerText()).toBe(before);
  await page.keyboard.press('Enter');
  await expect(code(page)).toContainText('torch.manual_seed(456)');
  await expect(seed).toHaveValue('456');

  const undo = page.getByRole('button', { name: 'Undo' });
  await undo.click();
  await expect(seed).toHaveValue('123');
  expect(await code(page).innerText()).toBe(before);
  await expect(undo).toBeDisabled();

  // A pause applies it too.
  await seed.focus();
  await seed.selectText();
  await page.keyboard.type('77');
  await expect(code(page)).toContainText('torch.manual_seed(77)');
  await expect(seed).toBeFocused();
});

test('a text that is no seed is refused with a message, and the seed is kept', async ({ page }) => {
  await page.goto(SEED_STEP);
  const seed = page.getByRole('textbox', { name: 'Seed' });
  const before = await code(page).innerText();
  await seed.focus();
  await seed.selectText();
  await page.keyboard.type('12.5');
  await page.keyboard.press('Enter');
  await expect(seed).toHaveValue('123');
  const message = page
    .getByRole('status')
    .filter({ hasText: 'Seed: “12.5” is not a whole number; kept 123.' });
  await expect(message).toBeVisible();
  expect(await describedBy(seed)).toContain('“12.5” is not a whole number; kept 123.');
  expect(await code(page).innerText()).toBe(before);
  await page.keyboard.type('9');
  await expect(message).toHaveCount(0);
});

test('the playground keeps the query word while the sentence is edited', async ({ page }) => {
  await page.goto(PLAYGROUND);
  const sentence = page.getByLabel('Sentence', { exact: true });
  const query = (word: string) => page.getByRole('radio', { name: word, exact: true });
  await query('starts').check();
  // Words typed in front and at the end: "starts" stays the query.
  await sentence.focus();
  await sentence.press('Home');
  await page.keyboard.type('So ');
  await sentence.press('End');
  await page.keyboard.type(' today');
  await expect(sentence).toHaveValue('So Your journey starts with one step today');
  await expect(query('starts')).toBeChecked();
  await expect(page.getByTestId('output')).toBeVisible();

  // The word typed away: the first word is the query, and the page says so.
  await sentence.press('Control+a');
  await page.keyboard.type('A cat');
  await expect(query('A')).toBeChecked();
  const note = page.getByText(
    'The query “starts” is not in the sentence now, so the first word, “A”, is the query.',
  );
  await expect(note).toBeVisible();
  // Typed back in the same edit: the query again.
  await page.keyboard.type(' starts');
  await expect(query('starts')).toBeChecked();
  await expect(note).toHaveCount(0);
});

test('playground sizes are applied once and refusals say what was kept', async ({ page }) => {
  await page.goto(PLAYGROUND);
  const d = page.getByLabel('Embedding size d');
  await d.focus();
  await d.selectText();
  await page.keyboard.type('16');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('table', { name: 'Embeddings' }).getByRole('columnheader'),
  ).toHaveCount(16);
  await d.selectText();
  await page.keyboard.type('2/3');
  await d.blur();
  await expect(d).toHaveValue('16');
  await expect(
    page.getByText('Embedding size d: “2/3” is not a whole number; kept 16.'),
  ).toBeVisible();
});
