/**
 * The playground trains: a goal picked on the page (a preset or clicks on the weights heatmap),
 * Step, Play and Pause, and the printed loss and attention equal what real PyTorch printed for the
 * same loop at that step (src/math/fixtures/playground.json, scripts/goldens/playground.py). A link
 * at step k reopens identical; a classroom link shows the training settings read-only.
 */
import type { Page } from '@playwright/test';
import { goalOf, playgroundWith, type PlaygroundValues } from '../src/lessons/playground';
import { defaultPlaygroundShare, PLAYGROUND_CTX, PLAYGROUND_FIELDS } from '../src/state/playground';
import { decode, encode } from '../src/state/schema';
import { expect, test } from './fixtures';
import { byName, type Case } from './playgroundCases';

/** A `?s=` link to a case's settings, at training step `at` (default: the case's steps). */
function link(
  c: Case,
  { at, classroom = 0, noGoal = false }: { at?: number; classroom?: number; noGoal?: boolean } = {},
): string {
  const s = c.settings;
  const t = s.training!;
  const v = playgroundWith({
    ...s,
    goal: noGoal ? 'none' : goalOf(t.target),
    optimizer: t.optimizer,
    lr: t.lr,
    steps: Math.max(1, t.steps),
  });
  const data = v.embeddings.data.slice();
  for (const [r, col, x] of s.edits) data[r * s.d + col] = x;
  const state: PlaygroundValues = {
    ...v,
    embeddings: { shape: v.embeddings.shape, data },
    trainStep: at ?? t.steps,
  };
  const p = encode(
    PLAYGROUND_FIELDS,
    PLAYGROUND_CTX,
    { ...defaultPlaygroundShare(), state, classroom },
    { explicit: true },
  );
  return `./#/playground/1?s=${p}`;
}

const training = (page: Page) => page.getByRole('region', { name: 'Training' });
const button = (page: Page, name: string) =>
  training(page).getByRole('button', { name, exact: true });
const status = (page: Page) => training(page).locator('.tc-status');

async function expectPyTorch(page: Page, c: Case) {
  await page.getByRole('region', { name: 'Code' }).scrollIntoViewIfNeeded();
  await expect(page.locator('pre.code'), c.name).toHaveText(c.code, { useInnerText: true });
  await expect(page.getByTestId('output'), c.name).toHaveText(c.output, { useInnerText: true });
}

/** Types into a TrainControls field and applies it (Enter). */
async function setField(page: Page, label: string, value: string) {
  const field = training(page).getByLabel(label, { exact: true });
  await field.fill(value);
  await field.press('Enter');
}

test('a preset goal, Step, then Play to the end: the loss and attention PyTorch prints', async ({
  page,
}) => {
  await page.goto('./#/playground/1');
  await page.getByRole('radio', { name: /Trainable/ }).check();
  await expect(training(page)).toBeVisible();
  await expect(training(page).getByText('Pick a goal to train towards it.')).toBeVisible();
  await training(page).getByRole('radio', { name: 'Itself' }).check();
  await expect(status(page)).toHaveText('Step 0 of 200 · paused · no step taken yet');

  await button(page, 'Step').click();
  await expect(status(page)).toHaveText(/^Step 1 of 200 · paused · loss 1\.4296 in step 0$/);
  await expectPyTorch(page, byName('training: the defaults, itself, Adam, 1 step'));

  // A run of 37 steps, played to its end (Play turns into Pause while it runs).
  await setField(page, 'Steps', '37');
  await button(page, 'Play').click();
  await expect(status(page)).toHaveText(/^Step 37 of 37 · at the last step · loss/);
  await expect(button(page, 'Play')).toHaveAttribute('aria-disabled', 'true');
  await expectPyTorch(
    page,
    byName('training: the defaults, each word attends to itself, Adam, 37 steps'),
  );
  // The step reached is in the address, for a link.
  await expect(page).toHaveURL(/\?s=/);
});

test('causal, the previous word, SGD with a typed rate; a refused rate keeps the one in use', async ({
  page,
}) => {
  const c = byName('training: causal, the previous word, SGD lr 0.5, 12 steps');
  await page.goto('./#/playground/1');
  await page.getByRole('radio', { name: /Trainable/ }).check();
  await page.getByRole('checkbox', { name: 'Causal mask' }).check();
  await page
    .getByRole('group', { name: 'Query token' })
    .getByRole('radio', { name: 'one' })
    .check();
  await training(page).getByRole('radio', { name: 'The word before it' }).check();
  await training(page).getByRole('radio', { name: 'SGD' }).check();
  await setField(page, 'Learning rate', '0');
  await expect(
    training(page).getByText('Learning rate: “0” is not more than 0; kept 0.05.'),
  ).toBeVisible();
  await setField(page, 'Learning rate', 'abc');
  await expect(
    training(page).getByText('Learning rate: “abc” is not a number; kept 0.05.'),
  ).toBeVisible();
  await setField(page, 'Learning rate', '0,5');
  await expect(training(page).getByLabel('Learning rate')).toHaveValue('0.5');
  await setField(page, 'Steps', '12');
  await button(page, 'Play').click();
  await expect(status(page)).toHaveText(/^Step 12 of 12 · at the last step/);
  await expectPyTorch(page, c);

  // A later word as the goal is refused under the mask, with the reason.
  const heatmap = training(page).getByRole('img', { name: /^Attention weights at step 12/ });
  await heatmap.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(training(page).getByRole('status').first()).toHaveText(
    /cannot attend to a later word \(“journey”\); the goal is unchanged\./,
  );
  await expect(status(page)).toHaveText(/^Step 12 of 12/);
});

test('goal keys clicked on the heatmap, learned positions and an edit', async ({ page }) => {
  const c = byName('training: clicked keys, learned positions, an edit, SGD lr 0.1, 5 steps');
  // The settings from a link, with no goal; the goal is clicked on the page.
  await page.goto(link(c, { at: 0, noGoal: true }));
  await expect(training(page)).toBeVisible();
  const heatmap = training(page).getByRole('img', { name: /^Attention weights at step 0/ });
  // 5 × 5 cells of 24 px: click (row r, column c) at its centre.
  for (const [r, col] of c.settings.training!.target.entries()) {
    await heatmap.click({ position: { x: col * 24 + 12, y: r * 24 + 12 } });
  }
  await expect(training(page).getByRole('radio', { name: 'Your picks' })).toBeChecked();
  await training(page).getByRole('radio', { name: 'SGD' }).check();
  await setField(page, 'Learning rate', '0.1');
  await setField(page, 'Steps', '5');
  for (let k = 1; k <= 5; k++) {
    await button(page, 'Step').click();
    await expect(status(page)).toHaveText(new RegExp(`^Step ${k} of 5`));
  }
  await expectPyTorch(page, c);
});

test('Play and Pause; the loss curve scrubs; a link at step k reopens identical', async ({
  page,
  browser,
}) => {
  const c = byName('training: the defaults, each word attends to itself, Adam, 37 steps');
  await page.goto(link(c, { at: 0 }));
  await setField(page, 'Steps', '400');
  await button(page, 'Play').click();
  await expect(button(page, 'Pause')).toBeVisible();
  await expect(status(page)).toHaveText(/^Step [1-9]\d* of 400 · training/);
  await button(page, 'Pause').click();
  await expect(status(page)).toHaveText(/^Step \d+ of 400 · paused/);
  const paused = (await status(page).textContent())!;
  const k = Number(/^Step (\d+)/.exec(paused)![1]);
  expect(k).toBeGreaterThan(0);
  expect(k).toBeLessThan(400);
  // Paused means still.
  await page.waitForTimeout(300);
  await expect(status(page)).toHaveText(paused);

  // The curve is a slider over the steps: Home goes to step 0, an arrow one step on.
  const curve = training(page).getByRole('slider', { name: /Loss at each training step/ });
  await curve.focus();
  await page.keyboard.press('Home');
  await expect(status(page)).toHaveText(/^Step 0 of 400 · paused · no step taken yet$/);
  await page.keyboard.press('ArrowRight');
  await expect(status(page)).toHaveText(/^Step 1 of 400 · paused · loss 1\.4296 in step 0$/);
  await page.keyboard.press('End');
  await expect(status(page)).toHaveText(new RegExp(`^Step ${k - 1} of 400`));
  await page.getByRole('region', { name: 'Code' }).scrollIntoViewIfNeeded();
  await expect(page.locator('pre.code')).toContainText(`for step in range(${k - 1}):`);
  const code = (await page.locator('pre.code').textContent())!;
  const out = (await page.getByTestId('output').textContent())!;
  expect(out).toMatch(/^step 0: loss 1\.4296\n/);

  // The address carries the step (once its debounced rewrite has run): a fresh page opens there
  // with the same numbers.
  const stepInAddress = () => {
    const payload = /[?&]s=([^&]*)/.exec(page.url())?.[1];
    return payload && decode(PLAYGROUND_FIELDS, PLAYGROUND_CTX, payload).share.state.trainStep;
  };
  await expect.poll(stepInAddress).toBe(k - 1);
  const url = page.url();
  const other = await browser.newPage();
  try {
    await other.goto(url);
    await expect(status(other)).toHaveText(new RegExp(`^Step ${k - 1} of 400 · paused`));
    await other.getByRole('region', { name: 'Code' }).scrollIntoViewIfNeeded();
    await expect(other.locator('pre.code')).toHaveText(code);
    await expect(other.getByTestId('output')).toHaveText(out);
  } finally {
    await other.close();
  }
});

test('a link to step 30 of a 64 × 64 run opens there, printing what PyTorch prints', async ({
  page,
}) => {
  const c = byName('training: 64 tokens × 64 dims, the previous word, Adam lr 0.01, 30 steps');
  await page.goto(link(c));
  await expect(status(page)).toHaveText(/^Step 30 of 30 · at the last step · loss/, {
    timeout: 20_000,
  });
  await expectPyTorch(page, c);
});

test('a classroom link shows the training settings read-only; the run still moves', async ({
  page,
}) => {
  const c = byName('training: causal, the previous word, SGD lr 0.5, 12 steps');
  await page.goto(link(c, { at: 4, classroom: 1 }));
  await expect(page.getByText('Classroom view: editing is off.')).toBeVisible();
  await expect(status(page)).toHaveText(/^Step 4 of 12 · paused/);
  const t = training(page);
  await expect(t.getByRole('radio', { name: 'SGD' })).toBeDisabled();
  await expect(t.getByRole('radio', { name: 'Adam' })).toBeDisabled();
  await expect(t.getByLabel('Learning rate')).not.toBeEditable();
  await expect(t.getByLabel('Steps', { exact: true })).not.toBeEditable();
  await expect(t.getByRole('radio', { name: 'Itself' })).toBeDisabled();
  // A click on the heatmap does not change the goal, and says why.
  await t
    .getByRole('img', { name: /^Attention weights at step 4/ })
    .click({ position: { x: 12, y: 12 } });
  await expect(
    t.getByText('This is a classroom view: the goal is shown, not changed.'),
  ).toBeVisible();
  await expect(t.getByRole('radio', { name: 'The word before it' })).toBeChecked();
  // Moving through the run is looking, not editing.
  await button(page, 'Step').click();
  await expect(status(page)).toHaveText(/^Step 5 of 12 · paused/);
  await button(page, 'Play').click();
  await expect(status(page)).toHaveText(/^Step 12 of 12 · at the last step/);
  await expectPyTorch(page, c);
});
