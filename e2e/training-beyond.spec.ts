/**
 * The training lesson's last three steps in the browser: each prints exactly what real PyTorch
 * printed for its code (src/math/fixtures/training-beyond.json), at the defaults and after an
 * edit of a word the repeated-word sentence uses twice, opened from a share link.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { initialState } from '../src/lessons/derive';
import { training } from '../src/lessons/training';
import { beyondSteps } from '../src/lessons/training/beyond';
import { encodeShare } from '../src/state/url';
import { DEFAULT_PLOT_OPTIONS } from '../src/state/plotOptions';
import { tensor } from '../src/math/tensor';

interface Outputs {
  outputs: Record<string, string>;
}
const fx: {
  steps: string[];
  defaults: Outputs;
  twinEdited: Outputs & { edit: { row: number; col: number; value: number } };
} = JSON.parse(
  readFileSync(new URL('../src/math/fixtures/training-beyond.json', import.meta.url), 'utf8'),
);

/** 1-based step numbers of the three steps in the lesson. */
const numbers = beyondSteps.map((s) => training.steps.findIndex((t) => t.id === s.id) + 1);

async function open(page: Page, k: number, query = '') {
  await page.goto(`./#/training/${k}${query}`);
  await expect(page.getByText(new RegExp(`^Step ${k} of ${training.steps.length}$`))).toBeVisible();
}

test('the last three steps print what PyTorch printed, at the defaults', async ({ page }) => {
  for (const [n, k] of numbers.entries()) {
    await open(page, k);
    const id = fx.steps[n]!;
    await expect(page.locator('article[data-step-id]')).toHaveAttribute('data-step-id', id);
    await expect(page.getByTestId('output'), id).toHaveText(fx.defaults.outputs[id]!, {
      useInnerText: true,
    });
    await expect(page.getByText('edited', { exact: true })).toHaveCount(0);
  }
});

test("the repeated word's heatmaps name its words, and the step links to word order", async ({
  page,
}) => {
  await open(page, numbers[1]!);
  const table = page.getByRole('table', { name: /without positions/ });
  await expect(table.getByRole('rowheader')).toHaveText([
    'one #1',
    'step #1',
    'starts',
    'with',
    'one #2',
    'step #2',
  ]);
  await expect(page.getByRole('table', { name: /with learned positions/ })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Word order' })).toHaveAttribute(
    'href',
    '#/word-order/1',
  );
});

test('an edit of the repeated word reruns every run as PyTorch does', async ({ page }) => {
  const start = initialState(training);
  const { row, col, value } = fx.twinEdited.edit;
  const data = Float32Array.from(start.embeddings.data);
  data[row * start.embeddings.shape[1]! + col] = value;
  const state = { ...start, embeddings: tensor(start.embeddings.shape, data) };
  const payload = encodeShare(training, { state, plot: DEFAULT_PLOT_OPTIONS, classroom: 0 });
  expect(payload).not.toBe('');
  for (const [n, k] of numbers.entries()) {
    await open(page, k, `?s=${payload}`);
    const id = fx.steps[n]!;
    await expect(page.getByTestId('output'), id).toHaveText(fx.twinEdited.outputs[id]!, {
      useInnerText: true,
    });
    await expect(page.getByText('edited', { exact: true }), id).toBeVisible();
  }
});

test('the three questions are answered by the numbers the steps print', async ({ page }) => {
  const printed = (id: string) => fx.defaults.outputs[id]!;
  const numbersIn = (text: string) =>
    [...text.matchAll(/tensor\(\[*([\d.e-]+)/g)].map((m) => m[1]!);
  // The downstream run's first and last loss; the first twin's context vector, without positions
  // (the first tensor after the floor); W_query's gradient norm with the division.
  const losses = numbersIn(printed('downstream-goal')).slice(0, 7);
  const twinContext = numbersIn(printed('repeated-word').split('lowest loss')[1]!)[1]!;
  const scaledNorm = printed('why-sqrt-dk').match(
    /\nscaled\n[^]*?W_query\.grad norm: tensor\(([^)]+)\)/,
  )![1]!;
  const cases = [
    { n: 0, name: /below half of where it started/, shows: [losses[0]!, losses[6]!] },
    { n: 1, name: /how do their context vectors compare/, shows: [twinContext] },
    { n: 2, name: /gradient of/, shows: [scaledNorm] },
  ];
  for (const c of cases) {
    for (const text of c.shows) expect(text).toMatch(/^0\.\d{4}$/);
    await open(page, numbers[c.n]!);
    const question = page.getByRole('region', { name: c.name });
    // The first choice is right at the defaults (the unit tests derive it from the numbers).
    await question.getByRole('radio').first().check();
    await question.getByRole('button', { name: 'Check' }).click();
    const result = question.getByRole('status');
    await expect(result).toContainText('Right.');
    for (const text of c.shows) await expect(result).toContainText(text);
  }
});
