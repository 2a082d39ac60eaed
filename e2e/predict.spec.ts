import { expect, test } from './fixtures';
import { fixtures } from './lessonFixtures';

/** random-embeddings asks, beside the query's scores, whether dividing by their sum gives shares. */
const STEP = fixtures.steps['random-embeddings']!.indexOf('query-scores') + 1;
/** What PyTorch printed for the division, one step later. */
const NAIVE = fixtures.lessons['random-embeddings']!['naive']!.match(/-?\d+\.\d+/g)!.map(Number);

test('a question is answered only after a guess, by the live numbers, with the keyboard', async ({
  page,
}) => {
  expect(STEP).toBeGreaterThan(0);
  await page.goto(`./#/random-embeddings/${STEP}`);
  const question = page.getByRole('region', { name: /will every weight land between 0 and 1/ });
  await expect(question).toBeVisible();
  const result = question.getByRole('status');
  const yes = question.getByRole('radio', { name: /^Yes/ });
  const no = question.getByRole('radio', { name: /^No/ });

  // Check before choosing (it is aria-disabled, still focusable) reveals nothing.
  await question.getByRole('button', { name: 'Check' }).focus();
  await page.keyboard.press('Enter');
  await expect(result).toBeEmpty();
  await expect(question.getByText('Pick an answer first')).toBeVisible();

  // Choose with the keyboard: focus the first radio, arrow to the second, Enter on Check.
  await yes.focus();
  await page.keyboard.press('Space');
  await expect(yes).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await expect(no).toBeChecked();
  await question.getByRole('button', { name: 'Check' }).focus();
  await page.keyboard.press('Enter');
  await expect(result).toContainText('Right.');
  // The reveal states the weights' range as PyTorch prints them.
  await expect(result).toContainText(Math.min(...NAIVE).toFixed(4));
  await expect(result).toContainText(Math.max(...NAIVE).toFixed(4));
  // The guess is committed until Try again.
  await expect(yes).toBeDisabled();

  await question.getByRole('button', { name: 'Try again' }).click();
  await expect(result).toBeEmpty();
  await yes.check();
  await question.getByRole('button', { name: 'Check' }).click();
  await expect(result).toContainText('Not this time.');
  await expect(result).toContainText(
    'the answer is “No, some weight will fall below 0 or above 1”',
  );

  // Leaving the step and coming back keeps the checked guess.
  await page.getByRole('button', { name: 'Next' }).click();
  await page
    .getByRole('button', { name: /Back|Previous/ })
    .first()
    .click();
  await expect(
    page.getByRole('region', { name: /will every weight land/ }).getByRole('status'),
  ).toContainText('Not this time.');
});
