import { expect, test } from './fixtures';

test('the catalogue lists every lesson and links to it', async ({ page }) => {
  await page.goto('./#/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Self-attention, one notebook cell at a time',
  );
  const links = page.getByRole('list').getByRole('link');
  await expect(links).toHaveCount(6);
  await expect(links.first()).toHaveAttribute('href', '#/dream-big/1');
  await links.first().click();
  await expect(page).toHaveURL(/#\/dream-big\/1$/);
  await expect(page).toHaveTitle(/Dream big and work for it/);
});

test('an empty fragment shows the catalogue', async ({ page }) => {
  await page.goto('./');
  await expect(page.getByRole('link', { name: /Your journey starts with one step/ })).toBeVisible();
});

test('an unknown lesson says so and links back', async ({ page }) => {
  await page.goto('./#/no-such-lesson/2');
  await expect(page.getByRole('heading', { name: 'Lesson not found' })).toBeVisible();
  await expect(page.getByText('no-such-lesson')).toBeVisible();
  await page.getByRole('link', { name: 'See all lessons' }).click();
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Self-attention');
});

for (const bad of ['0', '9999', 'abc']) {
  test(`step "${bad}" is refused with a way back`, async ({ page }) => {
    await page.goto(`./#/dream-big/${bad}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: 'See all lessons' })).toBeVisible();
  });
}

test('a path with extra parts is refused', async ({ page }) => {
  await page.goto('./#/dream-big/1/extra');
  await expect(page.getByRole('heading', { name: 'This page does not exist' })).toBeVisible();
});
