import type { Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import { extname, normalize } from 'node:path';
import { LESSON_INFO } from '../src/lessons/catalogue';
import { expect, showPlot, test } from './fixtures';

/** The build under test (as the Playwright config serves it), from the repository root. */
const DIST = new URL(`../${process.env.E2E_DIST ?? 'dist'}/`, import.meta.url);
/** Where the static server below puts the app, as a project page would be (`user.github.io/x/`). */
const SUB = '/some/project/';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

let server: Server;
let base: string;
/** Appended to sw.js: changing it makes the browser see a new version of the service worker. */
let swVersion = '';

// A plain static host: files under SUB, index.html for the folder itself, 404 for anything else.
// No SPA fallback and no headers, as on GitHub Pages and its like.
test.beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url!, 'http://x').pathname);
    if (!path.startsWith(SUB)) return void res.writeHead(404).end();
    const rel = normalize(path.slice(SUB.length) || 'index.html');
    if (rel.startsWith('..')) return void res.writeHead(404).end();
    readFile(new URL(rel, DIST)).then(
      (body) =>
        res
          .writeHead(200, { 'Content-Type': TYPES[extname(rel)] ?? '' })
          .end(rel === 'sw.js' ? Buffer.concat([body, Buffer.from(swVersion)]) : body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}${SUB}`;
});

test.afterAll(async () => {
  await new Promise((r) => server.close(r));
});

/** Fails the test on any request outside the app's folder (another site, or the host's root). */
function stayInside(page: Page): string[] {
  const outside: string[] = [];
  page.context().on('request', (r) => {
    if (/^(data|blob):/.test(r.url())) return;
    if (!r.url().startsWith(base)) outside.push(r.url());
  });
  return outside;
}

test('served from a sub-path: catalogue, a lesson with formulas and the 3-D plot, the playground', async ({
  page,
}) => {
  const outside = stayInside(page);
  await page.goto(base);
  await page.getByRole('link', { name: LESSON_INFO[0]!.title }).click();
  await expect(page.getByText(/^Step 1 of/)).toBeVisible();
  await page.evaluate(() => (location.hash = '#/dream-big/6'));
  await showPlot(page);
  await expect(page.locator('.katex').first()).toBeVisible();
  await page.evaluate(() => (location.hash = '#/playground/1'));
  await expect(page.getByRole('heading', { name: 'Playground', level: 1 })).toBeVisible();
  // The playground keeps its settings in the address, on its own page in the same folder.
  await page.getByLabel('Seed').fill('7');
  await expect
    .poll(() => page.url())
    .toMatch(new RegExp(`^${base}playground\\.html#/playground/1\\?s=`));
  // The service worker covers the folder, not the host.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(base);
  expect(outside).toEqual([]);
});

test("each lesson's page has its own title, description and preview card, and opens the lesson", async ({
  page,
  request,
}) => {
  for (const lesson of LESSON_INFO) {
    const url = `${base}${lesson.id}.html`;
    const html = await (await request.get(url)).text();
    const meta = (attr: string, key: string) =>
      new RegExp(`<meta ${attr}="${key}" content="([^"]*)"`).exec(html)?.[1];
    expect(meta('name', 'description'), lesson.id).toBe(lesson.summary);
    expect(meta('property', 'og:title'), lesson.id).toBe(lesson.title);
    expect(meta('property', 'og:description'), lesson.id).toBe(lesson.summary);
    expect(meta('name', 'twitter:card'), lesson.id).toBe('summary_large_image');
    const image = meta('property', 'og:image')!;
    expect(meta('name', 'twitter:image'), lesson.id).toBe(image);
    expect(html).toContain(`<title>${lesson.title} · Attention Notebook</title>`);
    // The card: a 1200x630 PNG, small enough for every unfurler, at the address the page names.
    const png = await (await request.get(new URL(image, url).href)).body();
    expect(png.subarray(1, 4).toString(), image).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)], image).toEqual([1200, 630]);
    expect(png.length, image).toBeLessThan(60 * 1024);
  }

  // Opened bare, a lesson page boots its lesson; with a route in the hash, the hash wins.
  const lesson = LESSON_INFO[2]!;
  await page.goto(`${base}${lesson.id}.html`);
  // The kicker above the step heading names the lesson.
  await expect(page.locator('.lesson-kicker')).toContainText(lesson.title);
  await expect(page.getByText(/^Step 1 of/)).toBeVisible();
  expect(new URL(page.url()).hash).toBe(`#/${lesson.id}/1`);
  await expect(page).toHaveTitle(`${lesson.title} · Attention Notebook`);
  // A fresh load (a new hash alone would be a same-document navigation), once nothing is loading.
  await page.waitForLoadState('networkidle');
  await page.goto('about:blank');
  await page.goto(`${base}${lesson.id}.html#/${LESSON_INFO[0]!.id}/3`);
  await expect(page.getByText(/^Step 3 of/)).toBeVisible();
  await expect(page.locator('.lesson-kicker')).toContainText(LESSON_INFO[0]!.title);
  // The description follows the route once the app runs.
  await expect(page.locator('meta[name="description"]')).toHaveAttribute(
    'content',
    LESSON_INFO[0]!.summary,
  );
});

test('a copied link names the lesson page in the same folder; old index.html links still open', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(`${base}index.html#/dream-big/2`);
  await page.getByRole('textbox', { name: 'big, dimension 1' }).fill('0.9');
  await page.getByRole('button', { name: 'Copy link' }).click();
  // The clipboard is written after the click returns: read it once the page says it is.
  await expect(page.getByText(/^Link copied/)).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^${base}dream-big\\.html#/dream-big/2\\?s=[\\w-]+$`));
  const fresh = await context.browser()!.newContext();
  try {
    const other = await fresh.newPage();
    await other.goto(link);
    await expect(other.getByRole('textbox', { name: 'big, dimension 1' })).toHaveValue('0.9');
    // The same route and payload on index.html, as links made before the lesson pages.
    await other.goto(`${base}index.html${new URL(link).hash}`);
    await expect(other.getByRole('textbox', { name: 'big, dimension 1' })).toHaveValue('0.9');
  } finally {
    await fresh.close();
  }
});

test('the precache holds every chunk, style, woff2 font and page, and no maps or spare fonts', async () => {
  const sw = await readFile(new URL('sw.js', DIST), 'utf8');
  const urls = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]!);
  const files = await readdir(new URL('assets/', DIST));
  // Every script, style and woff2 font of the build is precached (chunks are found, not listed).
  for (const f of files.filter((f) => /\.(js|css|woff2)$/.test(f)))
    expect(urls, f).toContain(`assets/${f}`);
  for (const page of ['index.html', ...LESSON_INFO.map((l) => `${l.id}.html`)])
    expect(urls).toContain(page);
  expect(urls.filter((u) => /\.(map|ttf|woff)$|^social\//.test(u))).toEqual([]);
  // The lesson pages sit beside index.html in the build.
  expect(await readdir(DIST)).toEqual(expect.arrayContaining(urls.filter((u) => !u.includes('/'))));
});

test('an update waits while the learner works, and lands at the next change of page', async ({
  page,
}) => {
  swVersion = '';
  await page.goto(`${base}dream-big.html#/dream-big/2`);
  await expect(page.getByText(/^Step 2 of/)).toBeVisible();
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
  const first = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
  // Marks this document: a reload clears it.
  await page.evaluate(() => ((window as unknown as { __same: boolean }).__same = true));
  // Null while the page reloads (its context is gone), then false in the new document.
  const same = () =>
    page
      .evaluate(() => (window as unknown as { __same?: boolean }).__same === true)
      .catch(() => null);

  // A new deployment: the browser finds it and installs it, and it waits.
  swVersion = '\n// next version';
  await page.evaluate(async () => {
    const reg = await navigator.serviceWorker.getRegistration();
    await reg!.update();
  });
  await expect
    .poll(() =>
      page.evaluate(
        async () => (await navigator.serviceWorker.getRegistration())!.waiting !== null,
      ),
    )
    .toBe(true);
  // Moving through the lesson's steps keeps the page (and the old version) as it is.
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByText(/^Step 3 of/)).toBeVisible();
  await page.waitForTimeout(300);
  expect(await same()).toBe(true);

  // Another lesson: the new version takes over and the page reloads into it, at that lesson.
  await page.evaluate(() => (location.hash = '#/your-journey/1'));
  await expect.poll(same).toBe(false);
  await expect(page.getByText(/^Step 1 of/)).toBeVisible();
  await expect(page.locator('.lesson-kicker')).toContainText(LESSON_INFO[1]!.title);
  await expect
    .poll(() =>
      page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting),
    )
    .toBe(null);
  // The same script URL, a newer worker: the controller is the one that was waiting.
  expect(await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL)).toBe(first);
  swVersion = '';
});
