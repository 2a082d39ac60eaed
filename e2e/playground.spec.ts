import type { Page } from '@playwright/test';
import { editsOf } from '../src/lessons/playground';
import { PLAYGROUND_CTX, PLAYGROUND_FIELDS } from '../src/state/playground';
import { decode } from '../src/state/schema';
import { cellColors, parseHex } from '../src/view/colors';
import { expect, test } from './fixtures';

const PLAYGROUND = './#/playground/1';
const output = (page: Page) => page.getByTestId('output');
const sentence = (page: Page) => page.getByLabel('Sentence', { exact: true });
const words = (n: number) => Array.from({ length: n }, (_, k) => `w${k}`).join(' ');

/**
 * The settings a playground address carries: its `?s=` payload decoded, in the shape of the old
 * `?p=` JSON (`e` the edited cells [row, col, value]), or null without one.
 */
function linkState(url: string): Record<string, unknown> | null {
  const hash = new URL(url).hash;
  const p = new URLSearchParams(hash.slice(hash.indexOf('?') + 1)).get('s');
  if (p === null) return null;
  const r = decode(PLAYGROUND_FIELDS, PLAYGROUND_CTX, p);
  if (r.status !== 'ok') return { problems: r.problems };
  const v = r.share.state;
  const e = editsOf(v);
  return {
    v: 1,
    s: v.sentence,
    d: v.d,
    seed: v.seed,
    m: v.mode,
    dk: v.dk,
    dv: v.dv,
    c: v.causal ? 1 : 0,
    q: v.query,
    ...(e.length > 0 ? { e } : {}),
  };
}

/** The most cells any table row has (row header and data cells). */
async function widestTableRow(page: Page): Promise<number> {
  return page.evaluate(() =>
    Math.max(0, ...Array.from(document.querySelectorAll('table tr'), (tr) => tr.children.length)),
  );
}

test('64 tokens × 64 dims: canvas heatmaps, summarised output, read-outs', async ({ page }) => {
  await page.goto(PLAYGROUND);
  await expect(page.getByRole('heading', { name: 'Playground', level: 1 })).toBeVisible();
  await sentence(page).fill(words(64));
  await page.getByLabel('Embedding size d').fill('64');
  await page.getByRole('radio', { name: /Trainable/ }).check();
  await page.getByLabel('d_k', { exact: true }).fill('64');
  await page.getByLabel('d_v', { exact: true }).fill('64');

  const heatmaps = page.locator('.canvas-heatmap canvas');
  // The embeddings, scores, weights and context, and the training panel's goal heatmap.
  await expect(heatmaps).toHaveCount(5);
  expect(await widestTableRow(page)).toBeLessThanOrEqual(18);
  await expect(output(page)).toContainText('...');

  const weights = page.getByRole('img', { name: /^Attention weights: heatmap of 64 rows by 64/ });
  await weights.hover({ position: { x: 20, y: 4 } });
  const readout = page
    .locator('figure.canvas-heatmap', { has: weights })
    .locator('.heatmap-readout');
  await expect(readout).toHaveText(/^row 1 \(w0\), column \d+ \(w\d+\): [0-9.]+$/);
  await page.mouse.move(0, 0);
  await weights.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  await expect(readout).toHaveText(/^row 2 \(w1\), column 2 \(w1\): [0-9.]+$/);
});

test('a large heatmap paints each cell in the colour of the value it reads out', async ({
  page,
}) => {
  const words = Array.from({ length: 40 }, (_, k) => `w${k}`).join(' ');
  const settings = { v: 1, s: words, d: 24, seed: 5, m: 'trainable', dk: 4, dv: 4, c: 0, q: 0 };
  await page.goto(`${PLAYGROUND}?p=${Buffer.from(JSON.stringify(settings)).toString('base64url')}`);
  // The scores: a diverging scale, with values spread over many shades.
  const heatmap = page.getByRole('img', { name: /^Scaled scores: heatmap of 40 rows by 40/ });
  await heatmap.scrollIntoViewIfNeeded();
  const label = (await heatmap.getAttribute('aria-label')) ?? '';
  const [, lo, hi] = /values from (-?[\d.]*\d) to (-?[\d.]*\d)/.exec(label) ?? [];
  const domain = { kind: 'diverging' as const, min: Number(lo), max: Number(hi) };
  const readout = page
    .locator('figure.canvas-heatmap', { has: heatmap })
    .locator('.heatmap-readout');
  await heatmap.focus();
  const cells: [number, number, number][] = [];
  for (const [r, c] of [
    [0, 0],
    [1, 0],
    [1, 1],
    [2, 1],
    [2, 2],
  ] as const) {
    if (r > 0 || c > 0) await page.keyboard.press(c === r ? 'ArrowRight' : 'ArrowDown');
    const text = `row ${r + 1} (w${r}), column ${c + 1} (w${c})`;
    await expect(readout).toHaveText(new RegExp(`^${text.replace(/[()]/g, '\\$&')}: -?[0-9.]+$`));
    cells.push([r, c, Number((await readout.textContent())!.split(': ')[1])]);
  }
  // The pixels in the middle of the cells (the cursor's ring runs along a cell's edge), read back
  // at once: Chromium warns about repeated readbacks.
  const pixels = await heatmap.evaluate((el, at) => {
    const canvas = el as HTMLCanvasElement;
    const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const k = canvas.width / canvas.clientWidth;
    const size = canvas.clientWidth / 40;
    return at.map(([r, c]) => {
      const x = Math.floor((c + 0.5) * size * k);
      const y = Math.floor((r + 0.5) * size * k);
      return Array.from(
        image.data.slice((y * canvas.width + x) * 4, (y * canvas.width + x) * 4 + 3),
      );
    });
  }, cells);
  cells.forEach(([, , value], i) => {
    const expected = parseHex(cellColors(value, domain, 'light').background)!;
    // The read-out and the label's range are rounded to 4 decimals: allow a palette step or two.
    for (let ch = 0; ch < 3; ch++)
      expect(Math.abs(pixels[i]![ch]! - expected[ch]!)).toBeLessThan(8);
  });
});

test('a heatmap edited while far out of view shows the edit once it is scrolled to', async ({
  page,
  context,
}) => {
  const settings = { v: 1, s: words(40), d: 24, seed: 5, m: 'trainable', dk: 4, dv: 4, c: 0, q: 0 };
  await page.goto(`${PLAYGROUND}?p=${Buffer.from(JSON.stringify(settings)).toString('base64url')}`);
  const scores = page.getByRole('img', { name: /^Scaled scores: heatmap of 40 rows by 40/ });
  const pixels = (p: Page) =>
    p
      .getByRole('img', { name: /^Scaled scores: heatmap/ })
      .evaluate((el) => (el as HTMLCanvasElement).toDataURL());
  await scores.scrollIntoViewIfNeeded();
  const before = await pixels(page);
  // Far from the heatmap (it redraws only once it comes near), change a token's embedding (the
  // one-token row editor a large sentence gets).
  const cell = page.locator('.em .em-input').first();
  await cell.scrollIntoViewIfNeeded();
  // "Near" is within half a viewport of it.
  expect(
    await scores.evaluate((el) => el.getBoundingClientRect().top / innerHeight),
  ).toBeGreaterThan(1.6);
  const printed = await output(page).textContent();
  await cell.fill('3');
  await expect(output(page)).not.toHaveText(printed!);
  await scores.scrollIntoViewIfNeeded();
  await expect.poll(() => pixels(page)).not.toBe(before);
  // The same drawing as a fresh page of the edited link, once the address carries the edit (it
  // follows edits after a pause).
  await expect.poll(() => linkState(page.url())?.e).toEqual([[0, 0, 3]]);
  const fresh = await context.newPage();
  await fresh.goto(page.url());
  await fresh.getByRole('img', { name: /^Scaled scores: heatmap/ }).scrollIntoViewIfNeeded();
  await expect.poll(() => pixels(fresh)).toBe(await pixels(page));
});

test('hostile text renders as literal tokens', async ({ page }) => {
  let dialogs = 0;
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto(PLAYGROUND);
  const hostile = '<img src=x onerror=alert(1)> \\textcolor{red}{x} javascript:alert(1) {{x}}';
  await sentence(page).fill(hostile);
  const picker = page.getByRole('group', { name: 'Query token' });
  await expect(picker.locator('label').filter({ hasText: '<img' })).toHaveCount(1);
  await expect(picker.locator('label').filter({ hasText: '\\textcolor{red}{x}' })).toHaveCount(1);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.locator('pre.code')).toContainText('<img src=x onerror=alert(1)>');
  // Everything the edit set off has run once the address carries it (the last, debounced write).
  await expect.poll(() => linkState(page.url())?.s).toBe(hostile);
  expect(dialogs).toBe(0);
});

test('65 tokens, d = 0 and a bad seed are refused with a message', async ({ page }) => {
  await page.goto(PLAYGROUND);
  const before = await output(page).textContent();
  await sentence(page).fill(words(65));
  await expect(page.getByText(/65 tokens; the playground takes at most 64/)).toBeVisible();
  await expect(output(page)).toHaveText(before!);
  await page.getByLabel('Embedding size d').fill('0');
  await expect(page.getByText(/“0” is not in the range 1 to 64; kept 3\./)).toBeVisible();
  await page.getByLabel('Seed').fill('-1');
  await expect(page.getByText(/Seed: “-1” is not in the range 0 to \d+; kept 123\./)).toBeVisible();
  await expect(output(page)).toHaveText(before!);
});

test('editing a cell or changing the query changes the printed output', async ({ page }) => {
  await page.goto(PLAYGROUND);
  const first = await output(page).textContent();
  await page.getByRole('radio', { name: 'starts' }).check();
  await expect(output(page)).not.toHaveText(first!);
  const second = await output(page).textContent();
  const cell = page.getByRole('table', { name: 'Embeddings' }).getByRole('textbox').first();
  await cell.fill('0.5');
  await expect(output(page)).not.toHaveText(second!);
});

test('the share link round-trips; a bad link opens the defaults with a notice', async ({
  page,
  context,
  browser,
}) => {
  await page.goto(PLAYGROUND);
  await sentence(page).fill('the cat saw the dog');
  await page.getByLabel('Seed').fill('7');
  await page.getByRole('checkbox', { name: 'Causal mask' }).check();
  await page.getByRole('radio', { name: 'saw' }).check();
  await page.getByRole('table', { name: 'Embeddings' }).getByRole('textbox').nth(4).fill('1.25');
  const printed = await output(page).textContent();
  // The address follows the edits after a pause: wait until it carries all of them (the first `?p=`
  // can still hold the defaults).
  await expect
    .poll(() => linkState(page.url()))
    .toEqual({
      v: 1,
      s: 'the cat saw the dog',
      d: 3,
      seed: 7,
      m: 'plain',
      dk: 2,
      dv: 2,
      c: 1,
      q: 2,
      e: [[1, 1, 1.25]],
    });
  const link = page.url();

  const other = await context.newPage();
  const problems: string[] = [];
  other.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  await other.goto(link);
  await expect(output(other)).toHaveText(printed!);
  await expect(sentence(other)).toHaveValue('the cat saw the dog');

  // An old `?p=` link that is garbage, in a browser without saved edits (this one has the
  // page's, which a link that cannot be read leaves in place): the defaults, and a notice.
  const fresh = await browser.newContext();
  try {
    const bad = await fresh.newPage();
    bad.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    await bad.goto(new URL('./#/playground/1?p=not-a-valid-payload', link).href);
    await expect(bad.getByText('An older playground link could not be read')).toBeVisible();
    await expect(sentence(bad)).toHaveValue('Your journey starts with one step');
  } finally {
    await fresh.close();
  }
  expect(problems).toEqual([]);
});

test('Copy link right after an edit copies the edited settings, and the address has them too', async ({
  page,
  browser,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(PLAYGROUND);
  await expect(output(page)).toBeVisible();
  const before = await output(page).textContent();
  // The edit and the click in one task, so no timer (the address's debounced write) can run
  // between them; the address is read in the same task, right after the click.
  const address = await page.evaluate(() => {
    const field = document.querySelector<HTMLTextAreaElement>('textarea')!;
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!.call(
      field,
      'a cold page edited at once',
    );
    field.dispatchEvent(new Event('input', { bubbles: true }));
    const copy = Array.from(document.querySelectorAll('button')).find(
      (b) => b.textContent === 'Copy link',
    );
    copy!.click();
    return location.href;
  });
  await expect(page.getByText(/^Link copied/)).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(await page.getByRole('textbox', { name: 'Share link' }).inputValue()).toBe(link);
  expect(linkState(link)?.s).toBe('a cold page edited at once');
  expect(new URL(link).pathname).toBe('/playground.html');
  expect(address).toBe(link);
  const printed = await output(page).textContent();
  expect(printed).not.toBe(before);

  const other = await browser.newContext();
  try {
    const fresh = await other.newPage();
    await fresh.goto(link);
    await expect(sentence(fresh)).toHaveValue('a cold page edited at once');
    await expect(output(fresh)).toHaveText(printed!);
  } finally {
    await other.close();
  }

  // The next change takes the shown link away: it would no longer be what the page shows.
  await page.getByRole('table', { name: 'Embeddings' }).getByRole('textbox').first().fill('0.5');
  await expect(page.getByRole('textbox', { name: 'Share link' })).toHaveCount(0);
  await expect(page.getByText(/^Link copied/)).toHaveCount(0);
});
