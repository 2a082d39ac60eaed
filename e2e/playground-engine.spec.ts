import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The playground on the lessons' engine: undo and redo, autosave, its share and classroom links,
// Download notebook, and no leak of a lesson's classroom view into it.

const PLAYGROUND = './#/playground/1';
const output = (page: Page) => page.getByTestId('output');
const sentence = (page: Page) => page.getByLabel('Sentence', { exact: true });
const seed = (page: Page) => page.getByLabel('Seed', { exact: true });
const cell = (page: Page, k: number) =>
  page.getByRole('table', { name: 'Embeddings' }).getByRole('textbox').nth(k);
const button = (page: Page, name: string) => page.getByRole('button', { name, exact: true });

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

/** Clicks Copy link and returns the copied link. */
async function copyLink(page: Page): Promise<string> {
  await button(page, 'Copy link').click();
  await expect(page.getByText(/^Link copied/)).toBeVisible();
  return page.evaluate(() => navigator.clipboard.readText());
}

test('undo and redo, by button and by keyboard; a new seed and the edits it dropped are one step', async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  const start = await output(page).textContent();
  await expect(button(page, 'Undo')).toBeDisabled();
  await cell(page, 0).fill('0.5');
  await expect(output(page)).not.toHaveText(start!);
  const edited = await output(page).textContent();
  await seed(page).fill('7');
  await seed(page).press('Enter');
  await expect(cell(page, 0)).not.toHaveValue('0.5');
  await expect(page.getByRole('table', { name: 'Embeddings' })).toBeVisible();

  await button(page, 'Undo').click();
  await expect(seed(page)).toHaveValue('123');
  await expect(cell(page, 0)).toHaveValue('0.5');
  await expect(output(page)).toHaveText(edited!);
  await page.locator('h1').click();
  await page.keyboard.press('Control+z');
  await expect(output(page)).toHaveText(start!);
  await expect(button(page, 'Undo')).toBeDisabled();
  await page.keyboard.press('Control+Shift+z');
  await expect(output(page)).toHaveText(edited!);
  await button(page, 'Redo').click();
  await expect(seed(page)).toHaveValue('7');
  await expect(button(page, 'Redo')).toBeDisabled();

  // Typing a sentence is one step; Reset the playground is one more, and undoable.
  await sentence(page).fill('the cat saw the dog');
  await sentence(page).blur();
  await button(page, 'Reset the playground').click();
  await expect(sentence(page)).toHaveValue('Your journey starts with one step');
  await expect(seed(page)).toHaveValue('123');
  await button(page, 'Undo').click();
  await expect(sentence(page)).toHaveValue('the cat saw the dog');
  await button(page, 'Undo').click();
  await expect(sentence(page)).toHaveValue('Your journey starts with one step');
  await expect(seed(page)).toHaveValue('7');
});

test('autosave: a reload, even on the bare address, keeps the edits', async ({ page }) => {
  await page.goto(PLAYGROUND);
  await sentence(page).fill('a small test sentence');
  await page.getByRole('checkbox', { name: 'Causal mask' }).check();
  await cell(page, 4).fill('1.5');
  const printed = await output(page).textContent();
  // Saved after the same pause as the address is written.
  await expect.poll(() => page.url()).toMatch(/playground\.html#\/playground\/1\?s=/);
  // A new document on the bare address: only storage can bring the edits back.
  await page.goto('about:blank');
  await page.goto('./playground.html#/playground/1');
  await expect(sentence(page)).toHaveValue('a small test sentence');
  await expect(cell(page, 4)).toHaveValue('1.5');
  await expect(output(page)).toHaveText(printed!);
  await expect(page.getByRole('checkbox', { name: 'Causal mask' })).toBeChecked();
});

test('Copy link opens the same numbers in a fresh browser', async ({ page, browser, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(PLAYGROUND);
  await sentence(page).fill('one two three four');
  await page.getByRole('radio', { name: /Trainable/ }).check();
  await page.getByLabel('d_k', { exact: true }).fill('4');
  await page.getByLabel('d_k', { exact: true }).press('Enter');
  await page.getByRole('radio', { name: 'three' }).check();
  await cell(page, 2).fill('-0.75');
  const printed = await output(page).textContent();
  const code = await page.locator('pre.code').textContent();
  expect(code).toContain('x[0, 2] = -0.75');
  const link = await copyLink(page);
  expect(link).toMatch(/\/playground\.html#\/playground\/1\?s=[A-Za-z0-9_-]+$/);

  const { context: other, page: fresh, problems } = await freshPage(browser);
  try {
    await fresh.goto(link);
    await expect(sentence(fresh)).toHaveValue('one two three four');
    await expect(output(fresh)).toHaveText(printed!);
    await expect(fresh.locator('pre.code')).toHaveText(code!);
    await expect(fresh.getByRole('radio', { name: 'three' })).toBeChecked();
    // A fresh browser has no edits of its own: nothing was replaced.
    await expect(fresh.getByText(/replaced your/)).toHaveCount(0);
    expect(problems).toEqual([]);
  } finally {
    await other.close();
  }
});

test('a classroom link opens the playground read-only, the query still free', async ({
  page,
  browser,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(PLAYGROUND);
  await cell(page, 0).fill('0.25');
  await page.getByRole('checkbox', { name: /Classroom link/ }).check();
  const link = await copyLink(page);
  await expect(page.getByText(/it opens with editing off/)).toBeVisible();

  const { context: other, page: student, problems } = await freshPage(browser);
  try {
    await student.goto(link);
    await expect(student.getByText('Classroom view: editing is off.')).toBeVisible();
    await expect(cell(student, 0)).toHaveValue('0.25');
    await expect(cell(student, 0)).not.toBeEditable();
    await expect(sentence(student)).not.toBeEditable();
    await expect(seed(student)).not.toBeEditable();
    await expect(student.getByLabel('Embedding size d')).not.toBeEditable();
    await expect(student.getByRole('checkbox', { name: 'Causal mask' })).toBeDisabled();
    await expect(student.getByRole('radio', { name: /Trainable/ })).toBeDisabled();
    await expect(button(student, 'Undo')).toHaveCount(0);
    await expect(button(student, 'Reset the playground')).toHaveCount(0);
    await expect(student.getByRole('button', { name: /Reset to the seed/ })).toBeHidden();
    await expect(student.locator('.em-grip').first()).toBeHidden();
    const before = await output(student).textContent();
    await student.getByRole('radio', { name: 'starts' }).check();
    await expect(output(student)).not.toHaveText(before!);
    await button(student, 'Turn editing on').click();
    await expect(sentence(student)).toBeEditable();
    await cell(student, 0).fill('0.5');
    await expect(button(student, 'Undo')).toBeEnabled();
    expect(problems).toEqual([]);
  } finally {
    await other.close();
  }
});

test("a lesson's classroom link leaves the playground editable", async ({ page, browser }) => {
  const { context: other, page: student, problems } = await freshPage(browser);
  try {
    // A classroom link for a lesson (made as a teacher makes one), then the playground in the
    // same tab.
    await student.goto('./#/dream-big/7');
    await student.getByRole('checkbox', { name: /Classroom link/ }).check();
    const link = await copyLink(student);
    await page.goto(link);
    await expect(page.getByText('Classroom view: editing is off.')).toBeVisible();
    await page.evaluate(() => (location.hash = '#/playground/1'));
    await expect(page.getByRole('heading', { name: 'Playground', level: 1 })).toBeVisible();
    await expect(page.getByText('Classroom view: editing is off.')).toHaveCount(0);
    await expect(sentence(page)).toBeEditable();
    await expect(cell(page, 0)).toBeEditable();
    await expect(seed(page)).toBeEditable();
    await cell(page, 0).fill('0.5');
    await expect(cell(page, 0)).toHaveValue('0.5');
    await expect(button(page, 'Undo')).toBeEnabled();
    // Back in the lesson, its classroom view still holds.
    await page.evaluate(() => (location.hash = '#/dream-big/7'));
    await expect(page.getByText('Classroom view: editing is off.')).toBeVisible();
    expect(problems).toEqual([]);
  } finally {
    await other.close();
  }
});

test('Download notebook gives a valid notebook with the code and output the page shows', async ({
  page,
}) => {
  await page.goto(PLAYGROUND);
  await sentence(page).fill('the cat saw the dog');
  await page.getByRole('checkbox', { name: 'Causal mask' }).check();
  await cell(page, 1).fill('2');
  // The code's text (its lines are boxes of their own; the line breaks are in the text).
  const code = await page.locator('pre.code').textContent();
  expect(code).toContain('x[0, 1] = 2');
  const printed = await output(page).textContent();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    button(page, 'Download notebook').click(),
  ]);
  expect(download.suggestedFilename()).toBe('playground.ipynb');
  const nb = JSON.parse(readFileSync((await download.path())!, 'utf8'));
  expect(nb.nbformat).toBe(4);
  expect(nb.nbformat_minor).toBe(5);
  expect(nb.metadata.kernelspec.name).toBe('python3');
  type Cell = { cell_type: string; id: string; source: string[]; outputs?: Out[] };
  type Out = { output_type: string; name?: string; text?: string[] };
  const cells = nb.cells as Cell[];
  for (const c of cells) {
    expect(c.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(Array.isArray(c.source)).toBe(true);
  }
  const codeCells = cells.filter((c) => c.cell_type === 'code');
  expect(codeCells).toHaveLength(1);
  expect(codeCells[0]!.source.join('')).toBe(code);
  expect(codeCells[0]!.outputs).toEqual([
    { output_type: 'stream', name: 'stdout', text: expect.any(Array) },
  ]);
  expect(codeCells[0]!.outputs![0]!.text!.join('')).toBe(`${printed}\n`);
  expect(cells[0]!.source.join('')).toMatch(/playground\.html#\/playground\/1\?s=/);
  await expect(
    page.getByText(/^Notebook playground\.ipynb downloaded: 2 cells, 1 with/),
  ).toBeVisible();
});

test('edits a link replaced are offered back after a reload, and restored as one undo step', async ({
  page,
  browser,
}) => {
  // Someone else's link.
  const { context: other, page: sender } = await freshPage(browser);
  let link: string;
  try {
    await sender.goto(PLAYGROUND);
    await sentence(sender).fill('a shared sentence');
    link = await copyLink(sender);
  } finally {
    await other.close();
  }
  // The learner's own work, saved; then the link opened in the same browser.
  await page.goto(PLAYGROUND);
  await sentence(page).fill('my own work');
  await expect.poll(() => page.url()).toMatch(/\?s=/);
  await page.goto('about:blank');
  await page.goto(link);
  await expect(sentence(page)).toHaveValue('a shared sentence');
  await expect(page.getByText('This link replaced your saved edits')).toBeVisible();
  // Reloaded on the bare address: the offer is still there.
  await page.goto('about:blank');
  await page.goto('./playground.html#/playground/1');
  await expect(sentence(page)).toHaveValue('a shared sentence');
  await expect(page.getByText('A link replaced your edits')).toBeVisible();
  await button(page, 'Restore my edits').click();
  await expect(sentence(page)).toHaveValue('my own work');
  await expect(page.getByText('A link replaced your edits')).toHaveCount(0);
  await button(page, 'Undo').click();
  await expect(sentence(page)).toHaveValue('a shared sentence');
  // Used: a new document offers nothing.
  await page.goto('about:blank');
  await page.goto('./playground.html#/playground/1');
  await expect(sentence(page)).toBeVisible();
  await expect(page.getByText(/replaced your/)).toHaveCount(0);
});
