import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** What real PyTorch printed for the playground's cell in each case (scripts/goldens/playground.py). */
interface Case {
  name: string;
  settings: {
    sentence: string;
    d: number;
    seed: number;
    mode: 'plain' | 'trainable';
    dk: number;
    dv: number;
    causal: boolean;
    query: number;
    edits: [number, number, number][];
  };
  code: string;
  output: string;
}
const cases: Case[] = JSON.parse(
  readFileSync(new URL('../src/math/fixtures/playground.json', import.meta.url), 'utf8'),
).cases;
const byName = (name: string): Case => {
  const c = cases.find((x) => x.name === name);
  if (!c) throw new Error(`no playground case "${name}"`);
  return c;
};

/** An old-style `?p=` link (version 1, JSON), which keeps opening. */
function oldLink(s: Case['settings']): string {
  const p = {
    v: 1,
    s: s.sentence,
    d: s.d,
    seed: s.seed,
    m: s.mode,
    dk: s.dk,
    dv: s.dv,
    c: s.causal ? 1 : 0,
    q: s.query,
    ...(s.edits.length > 0 ? { e: s.edits } : {}),
  };
  return `./#/playground/1?p=${Buffer.from(JSON.stringify(p)).toString('base64url')}`;
}

async function expectPyTorch(page: Page, c: Case) {
  // Sections out of view are not rendered: bring the code in.
  await page.getByRole('region', { name: 'Code' }).scrollIntoViewIfNeeded();
  await expect(page.locator('pre.code'), c.name).toHaveText(c.code, { useInnerText: true });
  await expect(page.getByTestId('output'), c.name).toHaveText(c.output, { useInnerText: true });
}

test('settings typed into the playground print exactly what PyTorch prints', async ({ page }) => {
  const c = byName('a repeated word and punctuation, d 16, trainable, causal');
  await page.goto('./#/playground/1');
  await page.getByLabel('Sentence', { exact: true }).fill(c.settings.sentence);
  await page.getByLabel('Embedding size d').fill(String(c.settings.d));
  await page.getByLabel('Embedding size d').press('Enter');
  await page.getByLabel('Seed').fill(String(c.settings.seed));
  await page.getByLabel('Seed').press('Enter');
  await page.getByRole('radio', { name: /Trainable/ }).check();
  for (const [label, v] of [
    ['d_k', c.settings.dk],
    ['d_v', c.settings.dv],
  ] as const) {
    await page.getByLabel(label, { exact: true }).fill(String(v));
    await page.getByLabel(label, { exact: true }).press('Enter');
  }
  await page.getByRole('checkbox', { name: 'Causal mask' }).check();
  // Token 8 is the third "the".
  await page
    .getByRole('group', { name: 'Query token' })
    .getByRole('radio', { name: 'the #3' })
    .check();
  await expectPyTorch(page, c);
});

for (const name of [
  'a repeated word, one occurrence edited',
  'unicode and whitespace Python splits on',
  'd 64, 64 tokens, trainable 64 × 64, causal, an edit, the largest seed',
]) {
  test(`a link prints exactly what PyTorch prints: ${name}`, async ({ page }) => {
    const c = byName(name);
    await page.goto(oldLink(c.settings));
    await expectPyTorch(page, c);
  });
}
