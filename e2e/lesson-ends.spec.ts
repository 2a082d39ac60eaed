import { expect, test } from './fixtures';
import { fixtures } from './lessonFixtures';

test('the last lesson points on to the playground', async ({ page }) => {
  await page.goto('./#/attention-seeker/18');
  await expect(page.getByText(/^Step 18 of 18$/)).toBeVisible();
  await page.getByRole('link', { name: 'Next lesson: Word order' }).click();
  await expect(page).toHaveURL(/#\/word-order\/1/);
  await page.goto('./#/word-order/10');
  await expect(page.getByText(/^Step 10 of 10$/)).toBeVisible();
  await expect(page.getByRole('link', { name: 'All lessons', exact: true })).toHaveCount(0);
  await page.getByRole('link', { name: /^Next: Playground/ }).click();
  await expect(page).toHaveURL(/#\/playground\/1/);
  await expect(page.getByRole('heading', { name: 'Playground', level: 1 })).toBeVisible();
});

test('the causal-mask step shows the masked scores it prints', async ({ page }) => {
  await page.goto('./#/your-journey/1');
  const step = page.getByRole('link', { name: 'Beyond the notebook: a causal mask' });
  await page.getByText('Contents', { exact: true }).click();
  await step.click();
  await expect(page.locator('article[data-step-id="causal-mask"]')).toBeVisible();
  const table = page.getByRole('table', { name: /^masked: the scores/ });
  // The table holds the tensor `print(masked)` prints in PyTorch (lessons.json), cell for cell.
  const printed = fixtures.lessons['your-journey']!['causal-mask']!.split('\ntensor(')[0]!;
  const want = [...printed.matchAll(/-?(?:\d+\.\d{4}|inf)/g)].map((m) => m[0]);
  expect(want).toHaveLength(36);
  expect(want.filter((v) => v === '-inf')).toHaveLength(15);
  await expect(table.locator('td.mv-cell')).toHaveText(want);
  await expect(page.getByRole('img', { name: /grey cells: -inf/ })).toBeVisible();
});
