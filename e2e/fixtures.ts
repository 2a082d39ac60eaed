import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

/**
 * Every spec gets a page whose console errors, page errors and failed requests fail the test:
 * a learner never sees a console, so we watch it for them.
 */
export const test = base.extend<{ problems: string[] }>({
  problems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning')
          problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      // A request cut off because the page navigated away (net::ERR_ABORTED: a chunk still on its
      // way when the test opens another address) is the test's doing; any other failure counts.
      page.on('requestfailed', (r) => {
        if (r.failure()?.errorText !== 'net::ERR_ABORTED')
          problems.push(`requestfailed: ${r.url()}`);
      });
      await use(problems);
      expect(problems, 'console errors, page errors or failed requests').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Scrolls the step's plot into view and waits for the 3-D scene's first frame: the plot loads
 * three.js only when it nears the screen. Returns the canvas.
 */
export async function showPlot(page: Page): Promise<Locator> {
  // The figure, not the stage: the stage's placeholder is replaced as the scroll brings it near.
  await page.locator('figure.pv').first().scrollIntoViewIfNeeded();
  const canvas = page.locator('.pv-stage canvas');
  await expect(canvas).toHaveAttribute('data-frames', /^[1-9]/, { timeout: 20_000 });
  return canvas;
}

/** The build the preview server serves (the same default and variable as playwright.config.ts). */
export const BUILD_DIR = resolve(
  fileURLToPath(new URL('..', import.meta.url)),
  process.env.E2E_DIST ?? 'dist',
);

/** Requests held back by holdRequests. */
export interface Hold {
  /** What was held so far, as paths in the build (`assets/x.js`), in order. */
  readonly paths: readonly string[];
  /** Lets every held request through, and every later one. */
  release(): void;
}

/**
 * Holds back the site's requests for the files `shouldHold` picks (by path in the build, e.g.
 * `assets/x.js`) until `release`. Navigations and other origins pass; a passed request goes on to
 * any other route the page has (`fallback`), so a test's own stubs still apply.
 */
export async function holdRequests(
  page: Page,
  baseURL: string,
  shouldHold: (path: string) => boolean,
): Promise<Hold> {
  const origin = new URL(baseURL).origin;
  const paths: string[] = [];
  const waiting: (() => void)[] = [];
  let holding = true;
  await page.route('**/*', async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const path = url.pathname.replace(/^\//, '');
    if (holding && url.origin === origin && !request.isNavigationRequest() && shouldHold(path)) {
      paths.push(path);
      await new Promise<void>((go) => waiting.push(go));
    }
    await route.fallback();
  });
  return {
    paths,
    release() {
      holding = false;
      waiting.splice(0).forEach((go) => go());
    },
  };
}
