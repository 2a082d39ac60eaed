import { bundleSizes } from '../scripts/bundle-size.mjs';
import { LESSON_INFO } from '../src/lessons/catalogue';
import { BUILD_DIR, expect, holdRequests, test } from './fixtures';

test('the catalogue lists every lesson and links to it', async ({ page }) => {
  await page.goto('./#/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Self-attention, one notebook cell at a time',
  );
  const links = page.getByRole('list').getByRole('link');
  await expect(links).toHaveCount(LESSON_INFO.length);
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

test('the catalogue, titles and a lesson’s frame paint before the lesson chunk arrives', async ({
  page,
  baseURL,
}) => {
  // Hold back every file of ours that index.html does not name (the lessons, KaTeX, the store).
  const named = new Set((await bundleSizes(BUILD_DIR)).firstPaint.map((f) => f.file));
  const hold = await holdRequests(page, baseURL!, (path) => !named.has(path));

  // Not up to `load`: the held stylesheets the lesson chunk brings would delay it.
  await page.goto('./#/', { waitUntil: 'commit' });
  const cards = page.getByRole('listitem');
  await expect(cards).toHaveCount(LESSON_INFO.length);
  await expect(cards.first()).toContainText(/\d+ steps/);
  await expect(page).toHaveTitle('Attention Notebook');

  await cards.first().getByRole('link').click();
  await expect(page).toHaveTitle(/^Dream big and work for it · /);
  await expect(page.getByRole('status')).toContainText('Loading the lesson');
  await expect(page.getByRole('link', { name: 'Lessons' })).toBeVisible();
  expect(hold.paths.length).toBeGreaterThan(0);

  hold.release();
  await expect(page.locator('[data-step-id]')).toBeVisible();
  await expect(page.getByText('Loading the lesson')).toHaveCount(0);
});

test('each kind of route names the page in the title', async ({ page }) => {
  await page.goto('./#/no-such-lesson/1');
  await expect(page).toHaveTitle(/^Lesson not found · /);
  await page.goto('./#/dream-big/abc');
  await expect(page).toHaveTitle(/^Step not found · /);
  await page.goto('./#/dream-big/1/extra');
  await expect(page).toHaveTitle(/^Page not found · /);
  await page.goto('./#/playground/1');
  await expect(page).toHaveTitle(/^Playground · /);
});

for (const address of ['./#/dream-big/1', './dream-big.html']) {
  test(`a lesson chunk that cannot be fetched gets a message at ${address}, and the shell keeps working`, async ({
    page,
    problems,
  }) => {
    // As when the connection drops, or a new deployment has replaced the files.
    await page.route('**/assets/LessonRoute-*.js', (route) => route.abort('internetdisconnected'));
    await page.goto(address);
    await expect(page.getByRole('heading', { name: 'This page could not be shown' })).toBeVisible();
    await expect(page.getByText('Reload the page to try again')).toBeVisible();
    // The header still works, and so does a page that needs no lesson chunk.
    await page.getByRole('link', { name: 'Attention Notebook' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Self-attention');
    // What went wrong is expected here: the failed fetch (the request, and Chromium's log of it),
    // and React reporting the error it caught.
    const expected = (p: string) =>
      /LessonRoute-.*\.js/.test(p) ||
      /Failed to load resource: net::ERR_INTERNET_DISCONNECTED/.test(p);
    expect(problems.filter((p) => !expected(p))).toEqual([]);
    expect(problems.some((p) => /Failed to fetch dynamically imported module/.test(p))).toBe(true);
    problems.length = 0;
  });
}
