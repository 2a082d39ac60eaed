import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { byName, type Case } from './playgroundCases';

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

/** Types a case's settings into the playground (sizes, seed, attention kind, causal, query). */
async function typeSettings(page: Page, c: Case, queryName: string) {
  await page.getByLabel('Sentence', { exact: true }).fill(c.settings.sentence);
  for (const [label, v] of [
    ['Embedding size d', c.settings.d],
    ['Seed', c.settings.seed],
  ] as const) {
    await page.getByLabel(label, { exact: true }).fill(String(v));
    await page.getByLabel(label, { exact: true }).press('Enter');
  }
  if (c.settings.mode === 'trainable') {
    await page.getByRole('radio', { name: /Trainable/ }).check();
    for (const [label, v] of [
      ['d_k', c.settings.dk],
      ['d_v', c.settings.dv],
    ] as const) {
      await page.getByLabel(label, { exact: true }).fill(String(v));
      await page.getByLabel(label, { exact: true }).press('Enter');
    }
  }
  if (c.settings.causal) await page.getByRole('checkbox', { name: 'Causal mask' }).check();
  await page
    .getByRole('group', { name: 'Query token' })
    .getByRole('radio', { name: queryName })
    .check();
}

/** A page in a browser context of its own (no saved edits, its own clipboard). */
async function freshPage(browser: Browser) {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const problems: string[] = [];
  const page = await context.newPage();
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page, problems };
}

const positionsGroup = (page: Page) => page.getByRole('group', { name: 'Positions' });

test('rotary positions chosen on the page print exactly what PyTorch prints', async ({ page }) => {
  const c = byName('rotary positions, trainable d_k 5 (odd), causal, an edit');
  await page.goto('./#/playground/1');
  await typeSettings(page, c, 'attention #2');
  await positionsGroup(page).getByRole('radio', { name: 'Rotary (RoPE)' }).check();
  await expect(positionsGroup(page)).toContainText('queries and keys');
  const [[r, col, v]] = c.settings.edits as [[number, number, number]];
  await page
    .getByRole('table', { name: 'Embeddings' })
    .getByRole('textbox')
    .nth(r * c.settings.d + col)
    .fill(String(v));
  await expectPyTorch(page, c);
});

test('positions chosen by keyboard travel in Copy link: a fresh browser opens the same kind and output', async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const c = byName('learned positions, a repeated word, d 4, trainable, causal, an edit');
  await page.goto('./#/playground/1');
  await typeSettings(page, c, 'I #2');
  // A radio group: arrow keys move the choice (None -> Learned), and the hint follows it.
  const none = positionsGroup(page).getByRole('radio', { name: 'None' });
  await expect(none).toBeChecked();
  await none.focus();
  await page.keyboard.press('ArrowRight');
  await expect(positionsGroup(page).getByRole('radio', { name: 'Learned' })).toBeChecked();
  await expect(positionsGroup(page)).toHaveAccessibleDescription(/torch\.nn\.Embedding/);
  // With positions added, the table the learner edits is the token embeddings.
  const [[r, col, v]] = c.settings.edits as [[number, number, number]];
  await page
    .getByRole('table', { name: 'Token embeddings' })
    .getByRole('textbox')
    .nth(r * c.settings.d + col)
    .fill(String(v));
  await expectPyTorch(page, c);

  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  await expect(page.getByText(/^Link copied/)).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const { context: other, page: fresh, problems } = await freshPage(browser);
  try {
    await fresh.goto(link);
    await expect(positionsGroup(fresh).getByRole('radio', { name: 'Learned' })).toBeChecked();
    await expectPyTorch(fresh, c);
    expect(problems).toEqual([]);
  } finally {
    await other.close();
  }
});

test('a classroom link shows the positions read-only', async ({ page, context, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const c = byName('sinusoidal positions, the defaults (odd d)');
  await page.goto('./#/playground/1');
  await positionsGroup(page).getByRole('radio', { name: 'Sinusoidal' }).check();
  await expectPyTorch(page, c);
  await page.getByRole('checkbox', { name: /Classroom link/ }).check();
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  await expect(page.getByText(/^Link copied/)).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const { context: other, page: student, problems } = await freshPage(browser);
  try {
    await student.goto(link);
    await expect(student.getByText('Classroom view: editing is off.')).toBeVisible();
    await expect(positionsGroup(student).getByRole('radio', { name: 'Sinusoidal' })).toBeChecked();
    for (const name of ['None', 'Learned', 'Sinusoidal', 'Rotary (RoPE)']) {
      await expect(positionsGroup(student).getByRole('radio', { name })).toBeDisabled();
    }
    await expectPyTorch(student, c);
    expect(problems).toEqual([]);
  } finally {
    await other.close();
  }
});

test('with positions added, the plot shows x + positions and moving a tip moves the token embedding by as much', async ({
  page,
}) => {
  await page.goto('./#/playground/1');
  await page.getByLabel('Embedding size d').fill('2');
  await page.getByLabel('Embedding size d').press('Enter');
  await positionsGroup(page).getByRole('radio', { name: 'Learned' }).check();
  const table = page.getByRole('table', { name: 'Token embeddings' });
  const cell = table.getByRole('textbox').first();
  const before = Number(await cell.inputValue());
  const plot = page.getByRole('region', { name: 'Plot' });
  // Sections out of view are not rendered: bring the plot in.
  await plot.scrollIntoViewIfNeeded();
  await expect(plot.getByText(/^The arrows are x \+ positions, what attention uses/)).toBeVisible();
  const tip = plot.getByRole('slider', { name: 'Your vector' });
  // The tip is drawn at the token's row plus its position, not at the row the table shows.
  const shown = Number(await tip.getAttribute('aria-valuenow'));
  expect(Math.abs(shown - before)).toBeGreaterThan(0.01);
  await tip.focus();
  await page.keyboard.press('ArrowRight');
  await expect(cell).not.toHaveValue(String(before));
  const after = Number(await cell.inputValue());
  const moved = Number(await tip.getAttribute('aria-valuenow')) - shown;
  // The arrow moved one key step (about 0.01); the token embedding moved as much, its position
  // stayed (without the position taken off, the row would jump to where the tip is drawn).
  expect(Math.abs(moved - 0.01)).toBeLessThan(0.006);
  expect(Math.abs(after - before - moved)).toBeLessThan(1e-3);
  await page.getByRole('region', { name: 'Code' }).scrollIntoViewIfNeeded();
  await expect(page.locator('pre.code')).toContainText('x[0, 0] = ');
});
