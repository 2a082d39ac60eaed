import type { BrowserContext, Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { fixtures } from './lessonFixtures';

const expected = fixtures.lessons['dream-big']!;
/** dream-big step 2: the embedding table and the cell that builds `inputs`. */
const INPUTS_STEP = './#/dream-big/2';
/** dream-big step 6: the query's scores, with the query picker and the plot. */
const SCORES_STEP = './#/dream-big/6';

/** A page in a fresh context (a new browser profile), failing on console errors and dialogs. */
async function freshPage(context: BrowserContext): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  return { page, problems };
}

const cell = (page: Page, name: string) => page.getByRole('textbox', { name, exact: true });
const output = (page: Page) => page.getByTestId('output');

async function copyLink(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByText(/^Link copied/)).toBeVisible();
  const shown = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  return shown;
}

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

test('a copied link opens with the same values and outputs in a new browser', async ({
  page,
  browser,
}) => {
  await page.goto(INPUTS_STEP);
  await cell(page, 'big, dimension 1').fill('0.9');
  await cell(page, 'it, dimension 3').fill('-0.123456789');
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByText(/^Step 6 of/)).toBeVisible();
  await page.getByRole('radio', { name: 'work' }).check();
  const tip = page.getByRole('slider', { name: 'and vector' });
  await tip.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowUp');
  const printed = await output(page).innerText();
  expect(printed).not.toBe(expected['query-scores']);

  const link = await copyLink(page);
  expect(link).toMatch(/#\/dream-big\/6\?s=[A-Za-z0-9_-]+$/);
  // The lesson's own page (its title and preview card for chat apps), beside the one we are on.
  expect(new URL(link).pathname).toBe('/dream-big.html');
  expect(new URL(page.url()).pathname).toBe('/');
  expect(link.slice(link.indexOf('#') + 1).length).toBeLessThanOrEqual(200);
  // The address bar follows the edits too (debounced), so copying it works as well.
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(link.slice(link.indexOf('#')));

  const other = await browser.newContext();
  try {
    const { page: fresh, problems } = await freshPage(other);
    await fresh.goto(link);
    await expect(fresh.getByText(/^Step 6 of/)).toBeVisible();
    await expect(output(fresh)).toHaveText(printed);
    await expect(fresh.getByRole('radio', { name: 'work' })).toBeChecked();
    await expect(fresh.getByRole('status').filter({ hasText: /link/i })).toHaveCount(0);
    await fresh.goto(link.replace('/6?', '/2?'));
    await expect(cell(fresh, 'big, dimension 1')).toHaveValue('0.9');
    // The float32 nearest -0.123456789, shown by its shortest round-trip digits.
    await expect(cell(fresh, 'it, dimension 3')).toHaveValue('-0.12345679');
    await page.evaluate(() => (location.hash = '#/dream-big/2'));
    await expect(page.getByText(/^Step 2 of/)).toBeVisible();
    expect(await fresh.getByRole('group', { name: 'PyTorch code' }).innerText()).toBe(
      await page.getByRole('group', { name: 'PyTorch code' }).innerText(),
    );
    expect(problems).toEqual([]);
  } finally {
    await other.close();
  }
});

test('Copy link right after an edit copies the edit, and the address has it too', async ({
  page,
  browser,
}) => {
  await page.goto(INPUTS_STEP);
  const code = page.getByRole('group', { name: 'PyTorch code' });
  await expect(code).toContainText('[0.75, 0.20, 0.55], # big');
  // The edit and the click in one task, so no timer (the address's debounced write) can run
  // between them; the address is read in the same task, right after the click.
  const address = await cell(page, 'big, dimension 1').evaluate((el) => {
    const input = el as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, '0.9');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    const copy = Array.from(document.querySelectorAll('button')).find(
      (b) => b.textContent === 'Copy link',
    );
    copy!.click();
    return location.hash;
  });
  await expect(page.getByText(/^Link copied/)).toBeVisible();
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(await page.getByRole('textbox', { name: 'Share link' }).inputValue()).toBe(link);
  expect(address).toBe(link.slice(link.indexOf('#')));
  await expect(code).toContainText('[0.90, 0.20, 0.55], # big');

  const other = await browser.newContext();
  try {
    const { page: fresh, problems } = await freshPage(other);
    await fresh.goto(link);
    await expect(cell(fresh, 'big, dimension 1')).toHaveValue('0.9');
    await expect(fresh.getByRole('group', { name: 'PyTorch code' })).toHaveText(
      (await code.textContent())!,
    );
    expect(problems).toEqual([]);
  } finally {
    await other.close();
  }

  // The next change takes the shown link away: it would no longer be what the page shows.
  await cell(page, 'big, dimension 2').fill('0.3');
  await expect(page.getByRole('textbox', { name: 'Share link' })).toHaveCount(0);
});

test('reload keeps the edits (saved in localStorage)', async ({ page }) => {
  await page.goto(INPUTS_STEP);
  await cell(page, 'work, dimension 2').fill('0.5');
  await expect(page).toHaveURL(/\?s=/);
  // Drop the link from the address bar: what comes back must come from storage.
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => history.replaceState(null, '', '#/dream-big/2'));
  await page.reload();
  await expect(cell(page, 'work, dimension 2')).toHaveValue('0.5');
  await expect(page.getByRole('group', { name: 'PyTorch code' })).toContainText(
    '[0.85, 0.50, 0.60]',
  );
});

test('undo and redo: a whole scrub is one step; typing and keyboard moves too', async ({
  page,
}) => {
  await page.goto(INPUTS_STEP);
  const undo = page.getByRole('button', { name: 'Undo', exact: true });
  const redo = page.getByRole('button', { name: 'Redo', exact: true });
  await expect(undo).toBeDisabled();
  const target = cell(page, 'big, dimension 1');
  const start = await target.inputValue();

  // A scrub of the cell's handle: many values on the way, one undo step.
  const grip = page.locator('.em-grip').nth(3);
  await grip.scrollIntoViewIfNeeded();
  const box = (await grip.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let k = 1; k <= 12; k++) await page.mouse.move(x + 6 * k, y);
  await page.mouse.up();
  const scrubbed = await target.inputValue();
  expect(scrubbed).not.toBe(start);
  await undo.click();
  await expect(target).toHaveValue(start);
  await expect(undo).toBeDisabled();
  await redo.click();
  await expect(target).toHaveValue(scrubbed);

  // Typing in one cell is one step; Ctrl+Z in the cell undoes it and the cell shows the value.
  const other = cell(page, 'work, dimension 3');
  await other.click();
  await other.fill('');
  await other.pressSequentially('0.123', { delay: 30 });
  await expect(other).toHaveValue('0.123');
  await page.keyboard.press('Control+z');
  await expect(other).toHaveValue('0.6');
  await expect(other).toBeFocused();
  await page.keyboard.press('Control+Shift+z');
  await expect(other).toHaveValue('0.123');
  await page.keyboard.press('Control+z');
  await expect(other).toHaveValue('0.6');
  await page.keyboard.press('Control+y');
  await expect(other).toHaveValue('0.123');

  // Keyboard moves of a plot tip, held down quickly: one step.
  await page.goto(SCORES_STEP);
  const tip = page.getByRole('slider', { name: 'work vector' });
  const before = await tip.getAttribute('aria-valuetext');
  await tip.focus();
  for (let k = 0; k < 4; k++) await page.keyboard.press('ArrowRight');
  await expect(tip).not.toHaveAttribute('aria-valuetext', before!);
  await page.keyboard.press('Control+z');
  await expect(tip).toHaveAttribute('aria-valuetext', before!);
  // Undo goes on through the earlier steps, to the notebook's values.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(output(page)).toHaveText(expected['query-scores']!);
});

test('undo and redo work across a drag of a plot tip', async ({ page }) => {
  await page.goto(SCORES_STEP);
  const tip = page.getByRole('slider', { name: 'and vector' });
  await tip.scrollIntoViewIfNeeded();
  const before = await tip.getAttribute('aria-valuetext');
  const box = (await tip.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let k = 1; k <= 8; k++) await page.mouse.move(x + 6 * k, y + 4 * k);
  await page.mouse.up();
  const after = await tip.getAttribute('aria-valuetext');
  expect(after).not.toBe(before);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(tip).toHaveAttribute('aria-valuetext', before!);
  await expect(output(page)).toHaveText(expected['query-scores']!);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(tip).toHaveAttribute('aria-valuetext', after!);
});

test('Back moves between steps, never between edits', async ({ page }) => {
  await page.goto(INPUTS_STEP);
  const historyLength = () => page.evaluate(() => window.history.length);
  const start = await historyLength();
  const c = cell(page, 'for, dimension 1');
  await c.focus();
  for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowUp');
  await expect(page).toHaveURL(/\?s=/);
  expect(await historyLength()).toBe(start);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.getByRole('button', { name: 'Next', exact: true }).click();
  await expect(page.getByText(/^Step 3 of/)).toBeVisible();
  await expect(page).toHaveURL(/#\/dream-big\/3\?s=/);
  await expect.poll(historyLength).toBe(start + 1);
  await page.goBack();
  await expect(page).toHaveURL(/#\/dream-big\/2\?s=/);
  await expect(c).toHaveValue('0.6');
});

test('a classroom link opens with editing off, and says how to turn it on', async ({
  page,
  browser,
}) => {
  await page.goto(INPUTS_STEP);
  await cell(page, 'Dream, dimension 1').fill('0.33');
  await page.getByRole('checkbox', { name: /Classroom link/ }).check();
  const link = await copyLink(page);
  await expect(page.getByText(/it opens with editing off/)).toBeVisible();

  const other = await browser.newContext();
  try {
    const { page: student, problems } = await freshPage(other);
    await student.goto(link);
    await expect(student.getByText('Classroom view: editing is off.')).toBeVisible();
    const c = cell(student, 'Dream, dimension 1');
    await expect(c).toHaveValue('0.33');
    await expect(c).not.toBeEditable();
    await expect(student.getByRole('button', { name: 'Undo', exact: true })).toHaveCount(0);
    await expect(student.getByRole('button', { name: /Reset to the notebook/ })).toBeHidden();
    await expect(student.locator('.em-grip').first()).toBeHidden();
    await student.getByRole('button', { name: 'Turn editing on' }).click();
    await expect(c).toBeEditable();
    await c.fill('0.44');
    await expect(student.getByRole('button', { name: 'Undo', exact: true })).toBeEnabled();
    expect(problems).toEqual([]);
  } finally {
    await other.close();
  }
});

test('a link that replaces saved edits keeps them restorable', async ({ page, browser }) => {
  // The sender's link: one value edited.
  const other = await browser.newContext();
  await other.grantPermissions(['clipboard-read', 'clipboard-write']);
  let link: string;
  try {
    const { page: sender } = await freshPage(other);
    await sender.goto(INPUTS_STEP);
    await cell(sender, 'and, dimension 1').fill('0.11');
    link = await copyLink(sender);
  } finally {
    await other.close();
  }
  // The receiver has saved edits of their own.
  await page.goto(INPUTS_STEP);
  await cell(page, 'work, dimension 1').fill('0.99');
  // Open the link by loading it (not as a same-page hash change), once nothing is loading.
  await page.waitForLoadState('networkidle');
  await page.evaluate((url) => history.replaceState(null, '', url), link);
  await page.reload();
  await expect(page.getByText('This link replaced your saved edits')).toBeVisible();
  await expect(cell(page, 'and, dimension 1')).toHaveValue('0.11');
  await expect(cell(page, 'work, dimension 1')).toHaveValue('0.85');
  await page.getByRole('button', { name: 'Restore my edits' }).click();
  await expect(cell(page, 'work, dimension 1')).toHaveValue('0.99');
  await expect(cell(page, 'and, dimension 1')).toHaveValue('0.3');
});

/** Links a learner might receive broken, from the future, or from someone hostile. */
const BAD_LINKS: { name: string; hash: string; notice: RegExp | null }[] = [
  {
    name: 'script in the payload',
    hash: '#/dream-big/2?s=<script>window.__pwned=1</script>',
    notice: /characters/,
  },
  {
    name: 'javascript: payload',
    hash: '#/dream-big/2?s=javascript:window.__pwned=1',
    notice: /characters/,
  },
  { name: 'cut short', hash: '#/dream-big/2?s=AQMHBgMQAA', notice: /cut short/ },
  { name: 'garbled', hash: '#/dream-big/2?s=AQMHBgMQAACRAeX', notice: /damaged or cut short/ },
  { name: 'from a future version', hash: '#/dream-big/2?s=CQMBAA4', notice: /newer version/ },
  { name: 'enormous', hash: `#/dream-big/2?s=${'A'.repeat(100_000)}`, notice: /at most 8,192/ },
  { name: 'empty', hash: '#/dream-big/2?s=', notice: null },
  {
    name: 'markup in extra parameters',
    hash: '#/dream-big/2?s=&x=<img src=x onerror="window.__pwned=1">',
    notice: /does not use/,
  },
  { name: 'percent junk', hash: `#/dream-big/2?s=${'%E0%A4%A'.repeat(20)}`, notice: /characters/ },
  {
    name: 'TeX and script as a lesson id',
    hash: '#/$\\href{javascript:alert(1)}{x}$<script>/1',
    notice: null,
  },
  { name: 'javascript: as the route', hash: '#javascript:window.__pwned=1', notice: null },
];

for (const bad of BAD_LINKS) {
  test(`a bad link (${bad.name}) opens a page with a notice, runs no script`, async ({ page }) => {
    page.on('dialog', (d) => {
      void d.dismiss();
      throw new Error(`a dialog opened: ${d.message()}`);
    });
    await page.goto(`./${bad.hash}`);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (bad.notice) {
      const notice = page
        .locator('[role="alert"], [role="status"]')
        .filter({ hasText: bad.notice });
      await expect(notice.first()).toBeVisible();
      // The lesson works, at the notebook's values.
      // The lesson works: at the notebook's values, or with the part of the link that was read.
      await expect(page.getByRole('group', { name: 'PyTorch code' })).toContainText(
        bad.name === 'garbled' ? '[0.75, 0.90, 0.55], # big' : '[0.75, 0.20, 0.55], # big',
      );
    }
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBe(
      undefined,
    );
  });
}

test('saving off (storage full) and unreadable saved edits are said, and the app works', async ({
  page,
}) => {
  await page.addInitScript(() => {
    localStorage.setItem('attention-notebook:lesson:dream-big', '{"v":1,"s":"not a payload!"}');
    const quota = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    Storage.prototype.setItem = quota;
  });
  await page.goto(INPUTS_STEP);
  await expect(page.getByText('Saving is off')).toBeVisible();
  await expect(page.getByText(/storage for this site is full/)).toBeVisible();
  await expect(page.getByText('Your saved edits could not be read')).toBeVisible();
  await cell(page, 'big, dimension 1').fill('0.5');
  await expect(page.getByRole('group', { name: 'PyTorch code' })).toContainText(
    '[0.50, 0.20, 0.55]',
  );
  await page.getByRole('button', { name: 'Dismiss: Saving is off' }).click();
  await expect(page.getByText('Saving is off')).toBeHidden();
});

test('storage that throws on every access still leaves a working app', async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
  });
  await page.goto(INPUTS_STEP);
  await expect(page.getByText(/does not allow this page to store anything/)).toBeVisible();
  await cell(page, 'big, dimension 1').fill('0.5');
  await expect(page).toHaveURL(/\?s=/);
});

test('Copy as PyTorch and Download notebook carry the values on the page', async ({ page }) => {
  await page.goto(INPUTS_STEP);
  await cell(page, 'big, dimension 1').fill('0.9');
  await page.goto(SCORES_STEP);
  await page.getByRole('button', { name: 'Copy as PyTorch' }).click();
  await expect(page.getByText(/PyTorch code for steps 1 to 6 copied/)).toBeVisible();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expect(code).toMatch(/^# Attention Notebook: "Dream big and work for it", steps 1-6 of/);
  expect(code).toContain('[[0.72, 0.45, 0.31], # Dream');
  expect(code).toContain('[0.90, 0.20, 0.55], # big');
  expect(code).toContain('# --- Step 6:');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download notebook' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('dream-big.ipynb');
  const nb = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(nb.nbformat).toBe(4);
  expect(nb.metadata.kernelspec.name).toBe('python3');
  const source = nb.cells.map((c: { source: string[] }) => c.source.join('')).join('\n');
  expect(source).toContain('[0.90, 0.20, 0.55], # big');
  // Saved as if run: numbered code cells, this step's cell with the output the page shows.
  type Cell = { cell_type: string; id: string; execution_count: number | null; outputs: Out[] };
  type Out = { output_type: string; name?: string; text?: string[] };
  const codeCells = (nb.cells as Cell[]).filter((c) => c.cell_type === 'code');
  expect(codeCells.map((c) => c.execution_count)).toEqual(codeCells.map((_, k) => k + 1));
  const scores = codeCells.find((c) => c.id === 'query-scores')!;
  expect(scores.outputs).toEqual([
    { output_type: 'stream', name: 'stdout', text: expect.any(Array) },
  ]);
  expect(scores.outputs[0]!.text!.join('')).toBe(`${await output(page).innerText()}\n`);
  const withOutputs = codeCells.filter((c) => c.outputs.length > 0).length;
  expect(withOutputs).toBeGreaterThan(0);
  await expect(page.getByRole('status').filter({ hasText: /^Notebook/ })).toHaveText(
    `Notebook dream-big.ipynb downloaded: ${nb.cells.length} cells, ${withOutputs} with printed outputs.`,
  );
});
