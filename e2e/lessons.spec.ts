import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { fixtureLessons, fixtures } from './lessonFixtures';

/** Walks a lesson with Next, calling `visit` on every step; returns the step ids seen. */
async function walk(page: Page, lessonId: string, visit: (stepId: string) => Promise<void>) {
  // A same-document hash change: learner edits, held in memory, survive it.
  await page.evaluate((id) => (window.location.hash = `#/${id}/1`), lessonId);
  const seen: string[] = [];
  const next = page.getByRole('button', { name: 'Next', exact: true });
  for (let k = 1; ; k++) {
    await expect(page).toHaveURL(new RegExp(`#/${lessonId}/${k}(\\?|$)`));
    // The URL changes before React renders the step: wait for the render, then read its id.
    await expect(page.getByText(new RegExp(`^Step ${k} of \\d+$`))).toBeVisible();
    const stepId = await page.locator('article[data-step-id]').getAttribute('data-step-id');
    expect(stepId).toBeTruthy();
    seen.push(stepId!);
    await visit(stepId!);
    if (await next.isDisabled()) break;
    await next.click();
  }
  return seen;
}

/** Clicks Next until `target` is on the page (it is on some step of the lesson). */
async function untilVisible(page: Page, target: Locator) {
  const next = page.getByRole('button', { name: 'Next', exact: true });
  // A step's views may render a moment after its heading: give the target that moment.
  const shown = () =>
    target.waitFor({ state: 'visible', timeout: 1500 }).then(
      () => true,
      () => false,
    );
  while (!(await shown())) {
    expect(await next.isDisabled(), 'reached the last step without finding it').toBe(false);
    await next.click();
  }
}

/**
 * Walks the lesson from its first step, checking each printed output against `outputs` (PyTorch's,
 * in the state the test made) and that an output which differs from the defaults' says "edited".
 * Returns how many outputs differ from the defaults.
 */
async function walkComparing(
  page: Page,
  lessonId: string,
  outputs: Record<string, string>,
): Promise<number> {
  let differing = 0;
  const checked: string[] = [];
  await walk(page, lessonId, async (stepId) => {
    const want = outputs[stepId];
    if (want === undefined) return;
    await expect(page.getByTestId('output'), stepId).toHaveText(want, { useInnerText: true });
    if (want !== fixtures.lessons[lessonId]![stepId]) {
      differing++;
      await expect(page.getByText('edited', { exact: true }), stepId).toBeVisible();
    }
    checked.push(stepId);
  });
  expect(checked.sort()).toEqual(Object.keys(outputs).sort());
  return differing;
}

/** The number of the first step whose output in `outputs` differs from the defaults'. */
function firstChanged(lessonId: string, outputs: Record<string, string>): number {
  const defaults = fixtures.lessons[lessonId]!;
  const k = fixtures.steps[lessonId]!.findIndex(
    (id) => outputs[id] !== undefined && outputs[id] !== defaults[id],
  );
  expect(k, 'the state changes no output').toBeGreaterThanOrEqual(0);
  return k + 1;
}

/**
 * Opens, by a same-document hash change (the edits stay), each step whose output in `outputs`
 * differs from the defaults', and checks it prints exactly that and says "edited". The other
 * steps print what they print at the defaults, which the defaults' walk checks; the unit tests
 * check every step in every state. Returns how many steps it checked.
 */
async function visitChanged(
  page: Page,
  lessonId: string,
  outputs: Record<string, string>,
): Promise<number> {
  const defaults = fixtures.lessons[lessonId]!;
  let checked = 0;
  for (const [k, stepId] of fixtures.steps[lessonId]!.entries()) {
    const want = outputs[stepId];
    if (want === undefined || want === defaults[stepId]) continue;
    await page.evaluate((hash) => (window.location.hash = hash), `#/${lessonId}/${k + 1}`);
    await expect(page.locator(`article[data-step-id="${stepId}"]`)).toBeVisible();
    await expect(page.getByTestId('output'), stepId).toHaveText(want, { useInnerText: true });
    await expect(page.getByText('edited', { exact: true }), stepId).toBeVisible();
    checked++;
  }
  return checked;
}

for (const lessonId of fixtureLessons) {
  test(`${lessonId}: every printed output matches PyTorch`, async ({ page }) => {
    const expected = fixtures.lessons[lessonId]!;
    const checked: string[] = [];
    await page.goto(`./#/${lessonId}/1`);
    const seen = await walk(page, lessonId, async (stepId) => {
      const want = expected[stepId];
      const output = page.getByTestId('output');
      if (want === undefined) return;
      await expect(output).toHaveText(want, { useInnerText: true });
      // At the opening values no output says "edited"; where it comes from is checked below.
      await expect(page.locator('.output-source .badge')).toHaveText(
        /^(matches the notebook|differs from the notebook|not in the notebook)$/,
      );
      checked.push(stepId);
    });
    expect(seen.length).toBeGreaterThan(5);
    expect(checked.sort()).toEqual(Object.keys(expected).sort());
  });

  test(`${lessonId}: an edited embedding recomputes every output as PyTorch does`, async ({
    page,
  }) => {
    const { edit, outputs } = fixtures.edited[lessonId]!;
    await page.goto(`./#/${lessonId}/1`);
    // Find the first step with the embedding table and make the fixture's edit there.
    // (untilVisible gives each step a moment to render its views: a table not drawn yet is not
    // a table the step lacks.)
    const table = page.getByRole('table', { name: /Embeddings/ });
    await untilVisible(page, table);
    const rowName = await table.getByRole('rowheader').nth(edit.row).innerText();
    const cell = page.getByRole('textbox', {
      name: `${rowName.trim()}, dimension ${edit.col + 1}`,
      exact: true, // "is, dimension 1" must not also match "is, dimension 10"
    });
    await cell.fill(String(edit.value));
    await cell.blur();
    // Walk back to the start and through every step, comparing against PyTorch's edited outputs.
    expect(await walkComparing(page, lessonId, outputs)).toBeGreaterThan(3);
  });

  const wEdited = fixtures.wEdited[lessonId];
  if (wEdited) {
    test(`${lessonId}: an edited W_query entry recomputes every output as PyTorch does`, async ({
      page,
    }) => {
      const { edit, outputs } = wEdited;
      const name = { wq: 'W_query', wk: 'W_key', wv: 'W_value' }[edit.matrix];
      await page.goto(`./#/${lessonId}/${firstChanged(lessonId, outputs)}`);
      // The first step with the W matrices from there: make the edit there, as a learner types it.
      const cell = page.getByRole('textbox', {
        name: `${name}, row ${edit.row + 1}, column ${edit.col + 1}`,
        exact: true,
      });
      await untilVisible(page, cell);
      await cell.fill(String(edit.value));
      await cell.blur();
      expect(await visitChanged(page, lessonId, outputs)).toBeGreaterThan(2);
    });
  }

  const reseeded = fixtures.reseeded[lessonId];
  if (reseeded) {
    test(`${lessonId}: a typed seed recomputes every output as PyTorch does`, async ({ page }) => {
      const { seed, outputs } = reseeded;
      await page.goto(`./#/${lessonId}/${firstChanged(lessonId, outputs)}`);
      // The first step with a seed field from there ("Seed", "Seed for torch.randn(6, 3)", …).
      const field = page.getByRole('textbox', { name: /^Seed\b/ }).first();
      await untilVisible(page, field);
      await field.fill(String(seed));
      await field.press('Enter');
      await expect(field).toHaveValue(String(seed));
      expect(await visitChanged(page, lessonId, outputs)).toBeGreaterThan(2);
    });
  }

  test(`${lessonId}: Back returns to the previous step; arrow keys move between steps`, async ({
    page,
  }) => {
    await page.goto(`./#/${lessonId}/1`);
    const next = page.getByRole('button', { name: 'Next', exact: true });
    const historyLength = () => page.evaluate(() => window.history.length);
    const start = await historyLength();
    await next.click();
    await expect(page.getByText(/^Step 2 of \d+$/)).toBeVisible();
    // Each step is one history entry. Wait for the browser to commit it before the next click:
    // Chromium skips, on Back, an entry that got no user gesture while it was current.
    await expect.poll(historyLength).toBe(start + 1);
    await next.click();
    await expect.poll(historyLength).toBe(start + 2);
    await expect(page.getByText(/^Step 3 of \d+$/)).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`#/${lessonId}/3(\\?|$)`));
    await page.goBack();
    await expect(page).toHaveURL(new RegExp(`#/${lessonId}/2(\\?|$)`));
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowRight');
    await expect(page).toHaveURL(new RegExp(`#/${lessonId}/3(\\?|$)`));
    await page.keyboard.press('ArrowLeft');
    await expect(page).toHaveURL(new RegExp(`#/${lessonId}/2(\\?|$)`));
    await expect(page.getByRole('button', { name: 'Previous', exact: true })).toBeEnabled();
  });
}

/** [route, badge, note beside it (null: none)] on representative steps, at the opening values. */
const BADGES: [string, string, string | null][] = [
  ['your-journey/8', 'matches the notebook', null],
  ['your-journey/11', 'not in the notebook', 'new: a cell the notebook does not have'],
  ['your-journey/20', 'not in the notebook', 'from the book, section 3.4'],
  ['your-journey/29', 'not in the notebook', 'new: beyond the notebook'],
  ['life-is-short/3', 'matches the notebook', null],
  ['life-is-short/9', 'not in the notebook', 'continues the article'],
  ['attention-seeker/6', 'matches the notebook', null],
  [
    'attention-seeker/15',
    'not in the notebook',
    'new: the notebook computes this but prints nothing',
  ],
  ['dream-big/3', 'not in the notebook', 'new: the notebook kept no outputs'],
  ['random-embeddings/1', 'matches the notebook', null],
  [
    'random-embeddings/3',
    'differs from the notebook',
    'we start from its 4-decimal printout, so last digits can differ',
  ],
];

test('each output’s badge says where it comes from, and "edited" once the learner changes it', async ({
  page,
}) => {
  for (const [route, label, note] of BADGES) {
    await page.goto(`./#/${route}`);
    const source = page.locator('.output-source');
    await expect(source.locator('.badge'), route).toHaveText(label);
    if (note === null) await expect(source.locator('.badge-note'), route).toHaveCount(0);
    else await expect(source.locator('.badge-note'), route).toHaveText(note);
  }
  // An edit that changes the output turns the badge to "edited"; Reset brings the source back.
  await page.goto('./#/your-journey/20');
  await page.getByRole('button', { name: /^Run without a seed/ }).click();
  await expect(page.locator('.output-source .badge')).toHaveText('edited');
  await expect(page.locator('.output-source .badge-note')).toHaveText('your values changed it');
});

test('"Which PyTorch?" beside every output names the build the digits reproduce', async ({
  page,
}) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('./#/attention-seeker/17');
    const toggle = page.getByRole('button', { name: 'Which PyTorch?' });
    const note = page.getByText(
      /PyTorch 1\.13 prints them on an x86-64 CPU with the reference BLAS/,
    );
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(note).toBeHidden();
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(note).toBeVisible();
    await expect(note).toContainText('can print a different last digit');
    // The toggle and the badge stay on screen, inside the cell, at either width.
    const cell = await page.locator('.code-output').boundingBox();
    for (const el of [toggle, page.locator('.output-source')]) {
      const box = (await el.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(cell!.x);
      expect(box.x + box.width).toBeLessThanOrEqual(cell!.x + cell!.width + 0.5);
    }
    await page.keyboard.press('Enter');
    await expect(note).toBeHidden();
  }
});
