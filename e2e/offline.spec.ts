import type { Page } from '@playwright/test';
import { expect, showPlot, test } from './fixtures';

/** Resolves once a service worker controls the page (and has therefore precached the build). */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect
    .poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null))
    .toBe(true);
}

test('after one visit the app works offline: reload, other lessons, the 3-D plot, the playground', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  // The visit: one lesson step, nothing else, so everything else must come from the precache.
  await page.goto('./dream-big.html#/dream-big/2');
  await expect(page.getByText(/^Step 2 of/)).toBeVisible();
  await controlled(page);

  await context.setOffline(true);
  // Whatever loads from now on must come from the service worker; a response from the network
  // (or a failed request, which the problems fixture catches) means something was not cached.
  const fromNetwork: string[] = [];
  page.on('response', (r) => {
    if (!r.fromServiceWorker() && !/^(data|blob):/.test(r.url())) fromNetwork.push(r.url());
  });
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  await page.reload();
  await expect(page.getByText(/^Step 2 of/)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'big, dimension 1' })).toBeVisible();

  // Another lesson, with formulas (KaTeX and its fonts).
  await page.evaluate(() => (location.hash = '#/your-journey/3'));
  await expect(page.getByText(/^Step 3 of/)).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
  const katexFonts = await page.evaluate(() => {
    let loaded = 0;
    document.fonts.forEach((f) => {
      if (f.family.startsWith('KaTeX') && f.status === 'loaded') loaded++;
    });
    return loaded;
  });
  expect(katexFonts).toBeGreaterThan(0);

  // The 3-D plot (its own chunk), drawn.
  await page.evaluate(() => (location.hash = '#/dream-big/6'));
  await showPlot(page);

  // The playground, by a new page load of its own page, with a canvas heatmap.
  // (Once the last document's background chunk fetches are done, so none is aborted.)
  await page.waitForLoadState('networkidle');
  await page.goto('./playground.html');
  await expect(page.getByRole('heading', { name: 'Playground', level: 1 })).toBeVisible();
  await page
    .getByLabel('Sentence', { exact: true })
    .fill(Array.from({ length: 20 }, (_, k) => `w${k}`).join(' '));
  await expect(page.locator('.canvas-heatmap canvas').first()).toBeVisible();

  // The catalogue, from the site's root address.
  await page.waitForLoadState('networkidle');
  await page.goto('./');
  await expect(page.getByRole('link', { name: /Dream big/ })).toBeVisible();

  expect(fromNetwork).toEqual([]);
});

test('the web manifest names the app, its icons and its scope', async ({ page, request }) => {
  await page.goto('./');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifestUrl = new URL(href!, page.url());
  const manifest = await (await request.get(manifestUrl.href)).json();
  expect(manifest.name).toBe('Attention Notebook');
  expect(manifest.short_name.length).toBeLessThanOrEqual(12);
  expect(manifest.display).toBe('standalone');
  // Relative, so the app installs from whatever folder it is served in.
  expect(manifest.start_url).toMatch(/^\.\//);
  expect(manifest.scope).toMatch(/^\.\//);
  const sizes = new Set<string>();
  for (const icon of manifest.icons) {
    const res = await request.get(new URL(icon.src, manifestUrl).href);
    expect(res.status(), icon.src).toBe(200);
    expect(res.headers()['content-type']).toBe('image/png');
    // The PNG header's own width and height, against what the manifest claims.
    const png = await res.body();
    expect(`${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    sizes.add(icon.sizes);
  }
  expect([...sizes].sort()).toEqual(['192x192', '512x512']);
  expect(manifest.icons.some((i: { purpose?: string }) => i.purpose === 'maskable')).toBe(true);
});
