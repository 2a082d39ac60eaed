// Screenshots of app routes at desktop and phone width, for looking at what a learner sees.
// Usage: node scripts/screenshots.mjs [route ...]   (serves dist/ with `vite preview`; run `vite build` first)
// Writes e2e/artifacts/screens/<route>-<width>.png.
import { mkdirSync } from 'node:fs';
import { preview } from 'vite';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium.mjs';

const routes = process.argv.slice(2);
if (routes.length === 0) routes.push('#/');
const widths = (process.env.WIDTHS ?? '1280,390').split(',').map(Number);
const out = 'e2e/artifacts/screens';
mkdirSync(out, { recursive: true });

const server = await preview({ preview: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
const base = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:4173/';
const browser = await chromium.launch({
  executablePath: await chromiumPath(),
  args: CHROMIUM_ARGS,
});
try {
  for (const width of widths) {
    const page = await browser.newPage({ viewport: { width, height: width > 600 ? 900 : 844 } });
    page.on('console', (m) => m.type() === 'error' && console.error(`console: ${m.text()}`));
    for (const route of routes) {
      await page.goto(base + route);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(Number(process.env.SETTLE_MS ?? 300));
      const name = route.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'root';
      const file = `${out}/${name}-${width}.png`;
      await page.screenshot({ path: file, fullPage: process.env.FULL !== '0' });
      console.log(file);
    }
    await page.close();
  }
} finally {
  await browser.close();
  await new Promise((r) => server.httpServer.close(r));
}
