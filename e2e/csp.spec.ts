import type { Page } from '@playwright/test';
import { LESSON_IDS } from '../src/lessons/types';
import { expect, showPlot, test } from './fixtures';

/** Every page the build serves: the catalogue and one per lesson (see scripts/lesson-pages.ts). */
const PAGES = ['index.html', ...LESSON_IDS.map((id) => `${id}.html`)];

/** The policy's directives by name, from a Content-Security-Policy value. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

/** Collects `securitypolicyviolation` events from every document the page loads. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('__cspViolation', (v: string) => seen.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __cspViolation: (v: string) => void }).__cspViolation;
      void report(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${location.hash})`);
    });
  });
  return seen;
}

test('every built page carries a strict policy, and no inline script or style', async ({
  request,
}) => {
  for (const file of PAGES) {
    const html = await (await request.get(`./${file}`)).text();
    const metas = [
      ...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)"/g),
    ];
    expect(metas, file).toHaveLength(1);
    // Before any script or stylesheet, so it covers them all.
    expect(html.indexOf('Content-Security-Policy'), file).toBeLessThan(
      html.search(/<script|<link/),
    );
    const policy = directives(metas[0]![1]!.replace(/&#39;|&apos;/g, "'"));
    for (const name of ['default-src', 'script-src', 'style-src', 'img-src', 'font-src'])
      expect(policy.get(name), `${file}: ${name}`).toEqual(["'self'"]);
    expect(policy.get('object-src'), file).toEqual(["'none'"]);
    expect(policy.get('base-uri'), file).toEqual(["'self'"]);
    expect(policy.get('form-action'), file).toEqual(["'none'"]);
    expect(policy.get('connect-src'), file).toEqual(["'self'"]);
    // What the policy would refuse must not be in the page either.
    expect(html, file).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/);
    expect(html, file).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  }
  // `vite preview` sends the same policy as a header.
  const header = (await request.get('./')).headers()['content-security-policy'];
  expect(header).toBeTruthy();
  expect(directives(header!).get('script-src')).toEqual(["'self'"]);
});

test('the policy is enforced: an injected inline script is blocked and reported', async ({
  page,
  problems,
}) => {
  const violations = await watchViolations(page);
  await page.goto('./#/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true;';
    // An inline script that may run runs during append, so this reads the outcome.
    document.body.append(s);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  // Once per policy: the page's <meta>, and the header `vite preview` adds.
  await expect.poll(() => violations.length).toBeGreaterThanOrEqual(1);
  for (const v of violations) expect(v).toMatch(/^script-src/);
  // The console errors the blocked script causes are this test's point, not problems.
  const blocked = (p: string) =>
    /Executing inline script violates .*Content Security Policy/.test(p);
  expect(problems.filter(blocked)).toHaveLength(violations.length);
  problems.splice(0, problems.length, ...problems.filter((p) => !blocked(p)));
});

test('no policy violation on any route: lessons, formulas, 3-D plot, playground, exports', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const violations = await watchViolations(page);
  // A new document aborts the chunks the last one was still fetching in the background, which the
  // problems fixture would count as failed requests: let them finish first.
  const open = async (url: string) => {
    if (page.url() !== 'about:blank') await page.waitForLoadState('networkidle');
    await page.goto(url);
  };
  const outside: string[] = [];
  context.on('request', (r) => {
    const url = new URL(r.url());
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !/^(data|blob):/.test(url.protocol))
      outside.push(r.url());
  });

  await open('./#/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // Every step of every lesson, opened from the lesson's own page: prose, formulas (KaTeX),
  // tables and plots.
  for (const id of LESSON_IDS.slice(0, 5)) {
    await open(`./${id}.html`);
    const count = page.getByText(/^Step 1 of \d+/);
    await expect(count).toBeVisible();
    const steps = Number(/of (\d+)/.exec(await count.innerText())![1]);
    let formulas = 0;
    for (let k = 2; k <= steps; k++) {
      await page.evaluate((hash) => (location.hash = hash), `#/${id}/${k}`);
      await expect(page.getByText(new RegExp(`^Step ${k} of`))).toBeVisible();
      formulas += await page.locator('.katex').count();
      // Read the step, as a learner would: leaving it before its fonts arrive cancels their fetch.
      await page.evaluate(() => document.fonts.ready);
    }
    expect(formulas, `${id}: formulas on its steps`).toBeGreaterThan(0);
  }

  // The 3-D plot, drawn, and its image export (a data: URL download).
  await open('./#/dream-big/6');
  // The first frame needs three.js compiled and SwiftShader started, slow on a loaded machine.
  await showPlot(page);
  const [image] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Save image' }).click(),
  ]);
  expect(image.suggestedFilename()).toMatch(/\.png$/);
  // The notebook download (a blob: URL) and the clipboard.
  const [notebook] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download notebook' }).click(),
  ]);
  expect(notebook.suggestedFilename()).toBe('dream-big.ipynb');
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText(/^Link copied/)).toBeVisible();
  await page.getByRole('button', { name: 'Copy as PyTorch' }).click();
  await expect(page.getByText(/PyTorch code for steps 1 to 6 copied/)).toBeVisible();

  // The playground, large enough for canvas heatmaps.
  await open('./playground.html');
  await page
    .getByLabel('Sentence', { exact: true })
    .fill(Array.from({ length: 24 }, (_, k) => `w${k}`).join(' '));
  await expect(page.locator('.canvas-heatmap canvas').first()).toBeVisible();
  await page
    .locator('.canvas-heatmap canvas')
    .first()
    .hover({ position: { x: 10, y: 10 } });

  // A route that does not exist.
  await open('./#/no-such-lesson/1');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  expect(violations).toEqual([]);
  expect(outside, 'requests that left the site').toEqual([]);
});
