import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** A playground link with these settings (the `?p=` payload, as the share link writes it). */
function playground(settings: Record<string, unknown>): string {
  const s = { v: 1, d: 3, seed: 1, m: 'plain', dk: 2, dv: 2, c: 0, q: 0, ...settings };
  return `./#/playground/1?p=${Buffer.from(JSON.stringify(s)).toString('base64url')}`;
}
const words = (n: number) => Array.from({ length: n }, (_, k) => `w${k}`).join(' ');

/** The canvas heatmap's figure that holds `img` (its canvas, found by its accessible name). */
const figureOf = (page: Page, img: Locator) =>
  page.locator('figure.canvas-heatmap').filter({ has: img });

/** The labels of a canvas heatmap that are shown (not thinned out), rows or columns. */
async function shownLabels(figure: Locator, kind: 'row' | 'col'): Promise<string[]> {
  return figure
    .locator(`.hm-${kind}`)
    .evaluateAll((els) =>
      els.filter((e) => getComputedStyle(e).visibility !== 'hidden').map((e) => e.textContent!),
    );
}

test('repeated words get their own names (it #1, it #2), as in the lessons', async ({ page }) => {
  await page.goto(playground({ s: 'it is what it is' }));
  const table = page.getByRole('table', { name: 'Embeddings' });
  await expect(table.getByRole('textbox')).toHaveCount(15);
  const names = await table
    .getByRole('textbox')
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(names).toHaveLength(15);
  expect(new Set(names).size).toBe(15);
  expect(names.slice(0, 3)).toEqual([
    'it #1, dimension 1',
    'it #1, dimension 2',
    'it #1, dimension 3',
  ]);
  expect(names[9]).toBe('it #2, dimension 1');
  expect(names[6]).toBe('what, dimension 1');
  const picker = page.getByRole('group', { name: 'Query token' });
  await expect(picker.getByRole('radio', { name: 'is #2', exact: true })).toHaveCount(1);
  await expect(
    page.getByRole('table', { name: /Attention weights/ }).getByRole('columnheader'),
  ).toHaveText(['it #1', 'is #1', 'what', 'it #2', 'is #2']);
});

test('a 40-token heatmap labels every row and column and marks the query row', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(playground({ s: words(40), d: 24, m: 'trainable', dk: 4, dv: 4, q: 7 }));
  const scores = page.getByRole('img', { name: /^Scaled scores: heatmap of 40 rows by 40/ });
  await scores.scrollIntoViewIfNeeded();
  await expect(scores).toHaveAttribute('aria-label', /The query's row, row 8 \(w7\), is outlined/);
  const all = Array.from({ length: 40 }, (_, k) => `w${k}`);
  const figure = figureOf(page, scores);
  expect(await shownLabels(figure, 'row')).toEqual(all);
  expect(await shownLabels(figure, 'col')).toEqual(all);
  await expect(figure.locator('.hm-row.is-query')).toHaveText('w7');
  await expect(figure.locator('.hm-row.is-query')).toBeVisible();
  // Each row label sits beside its row of cells, each column label above its column. Measured in
  // one go, once the page has settled: the 3-D plot above arrives later and moves everything down.
  const misplaced = () =>
    figure.evaluate((fig) => {
      const box = fig.querySelector('canvas')!.getBoundingClientRect();
      const cell = box.height / 40;
      const rows = fig.querySelectorAll('.hm-row');
      const cols = fig.querySelectorAll('.hm-col');
      const bad: string[] = [];
      for (const r of [0, 7, 39]) {
        const l = rows[r]!.getBoundingClientRect();
        if (Math.abs(l.y + l.height / 2 - (box.y + (r + 0.5) * cell)) >= 1) bad.push(`row ${r} y`);
        if (l.x + l.width > box.x + 0.5) bad.push(`row ${r} x`);
      }
      for (const c of [0, 20, 39]) {
        const l = cols[c]!.getBoundingClientRect();
        if (Math.abs(l.x + l.width / 2 - (box.x + (c + 0.5) * cell)) >= 1) bad.push(`col ${c} x`);
        if (l.y + l.height > box.y + 0.5) bad.push(`col ${c} y`);
      }
      return bad;
    });
  await expect.poll(misplaced).toEqual([]);
  const cell = (await scores.boundingBox())!.height / 40;
  // The query row is drawn with an outline: its edge pixels differ from the cells' colours.
  await expect
    .poll(() =>
      scores.evaluate((c: HTMLCanvasElement, y: number) => {
        const ctx = c.getContext('2d')!;
        const ratio = c.width / c.getBoundingClientRect().width;
        const px = (yy: number) => Array.from(ctx.getImageData(40 * ratio, yy * ratio, 1, 1).data);
        return JSON.stringify(px(y + 1.5)) !== JSON.stringify(px(y + 6));
      }, 7 * cell),
    )
    .toBe(true);
});

test('a long word is cut to its label room with an ellipsis, beside its row and above its column', async ({
  page,
}) => {
  const long = 'supercalifragilisticexpialidocious';
  await page.goto(playground({ s: words(20).replace('w7', long), d: 20, q: 0 }));
  const weights = page.getByRole('img', { name: /^Attention weights: heatmap of 20 rows by 20/ });
  await weights.scrollIntoViewIfNeeded();
  const figure = figureOf(page, weights);
  const row = figure.locator('.hm-row').nth(7);
  const col = figure.locator('.hm-col').nth(7);
  await expect(row).toHaveText(/^supercal\w*…$/);
  await expect(col).toHaveText(/^supercal\w*…$/);
  // The whole word is the label's title, and the read-out names it in full.
  await expect(row).toHaveAttribute('title', long);
  const canvas = (await weights.boundingBox())!;
  const r = (await row.locator('span').boundingBox())!;
  const c = (await col.locator('span').boundingBox())!;
  expect(r.width).toBeLessThanOrEqual(96);
  expect(r.x + r.width).toBeLessThanOrEqual(canvas.x + 0.5);
  expect(c.height).toBeLessThanOrEqual(96);
  expect(c.y + c.height).toBeLessThanOrEqual(canvas.y + 0.5);
});

test('64 tokens on a phone: labels thinned, the pointed-at and query rows always named', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(playground({ s: words(64), d: 64, q: 9 }));
  const weights = page.getByRole('img', { name: /^Attention weights: heatmap of 64 rows by 64/ });
  await weights.scrollIntoViewIfNeeded();
  const figure = figureOf(page, weights);
  const rows = await shownLabels(figure, 'row');
  // Cells of 8 px hold half a line of text: every second label, and the query's own.
  expect(rows).toContain('w9');
  expect(rows).not.toContain('w8');
  expect(rows).not.toContain('w10');
  expect(rows.length).toBeGreaterThan(25);
  expect(rows.length).toBeLessThan(40);
  // Point at row 14, column 33: both labels show, and the read-out names them in full.
  await weights.focus();
  for (let k = 0; k < 13; k++) await page.keyboard.press('ArrowDown');
  for (let k = 0; k < 32; k++) await page.keyboard.press('ArrowRight');
  await expect(figure.locator('.heatmap-readout')).toHaveText(/^row 14 \(w13\), column 33 \(w32\)/);
  expect(await shownLabels(figure, 'row')).toContain('w13');
  expect(await shownLabels(figure, 'col')).toContain('w32');
  // The row labels stay in view while the heatmap scrolls sideways.
  await figure.evaluate((f) => (f.scrollLeft = f.scrollWidth));
  const label = (await figure.locator('.hm-row.is-query').boundingBox())!;
  expect(label.x).toBeGreaterThanOrEqual(0);
  await expect(figure.locator('.hm-row.is-query')).toBeInViewport();
});

test('the causal mask shows the scores as the code masks them, -inf above the diagonal', async ({
  page,
}) => {
  await page.goto(playground({ s: 'the cat saw the dog', c: 1, q: 2 }));
  const scores = page.getByRole('table', { name: /^Attention scores \(x @ x\.T\), masked/ });
  await expect(scores.getByRole('row').nth(1).getByRole('cell')).toHaveText([
    /^-?\d\.\d{4}$/,
    '-inf',
    '-inf',
    '-inf',
    '-inf',
  ]);
  await expect(scores.getByRole('row').nth(5).getByRole('cell', { name: '-inf' })).toHaveCount(0);
  await expect(page.locator('pre.code')).toContainText("masked_fill(mask, float('-inf'))");
  // A large one reads out -inf above the diagonal too.
  await page.goto(playground({ s: words(20), c: 1, m: 'trainable' }));
  const heatmap = page.getByRole('img', { name: /^Scaled scores, masked/ });
  await heatmap.focus();
  await page.keyboard.press('ArrowRight');
  await expect(
    page.locator('figure.canvas-heatmap', { has: heatmap }).locator('.heatmap-readout'),
  ).toHaveText('row 1 (w0), column 2 (w1): -inf');
});
