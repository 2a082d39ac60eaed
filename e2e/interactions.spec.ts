import { expect, test } from './fixtures';
import { fixtures } from './lessonFixtures';

const expected = fixtures.lessons['dream-big']!;
/** dream-big step 2 shows the embedding table, the plot and the cell that builds `inputs`. */
const INPUTS_STEP = './#/dream-big/2';
/** dream-big step 6 prints the query's scores, with the query picker, a matrix and the plot. */
const SCORES_STEP = './#/dream-big/6';

test('invalid input is refused inline and the last valid value is kept', async ({ page }) => {
  await page.goto(INPUTS_STEP);
  const cell = page.getByRole('textbox', { name: 'big, dimension 1' });
  const code = page.getByRole('group', { name: 'PyTorch code' });
  const before = await code.innerText();
  for (const bad of ['abc', 'NaN', 'Infinity', '1e999', '1001', '']) {
    await cell.fill(bad);
    await expect(cell).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText(/kept 0\.75\./)).toBeVisible();
    expect(await code.innerText()).toBe(before);
  }
  await cell.blur();
  await expect(cell).toHaveValue('0.75');
  await expect(cell).not.toHaveAttribute('aria-invalid', 'true');
});

test('arrow keys step a cell: 0.01, Shift 0.1, Alt 0.001', async ({ page }) => {
  await page.goto(INPUTS_STEP);
  const cell = page.getByRole('textbox', { name: 'and, dimension 2' });
  await cell.focus();
  await page.keyboard.press('ArrowUp');
  await expect(cell).toHaveValue('0.81');
  await page.keyboard.press('Shift+ArrowUp');
  await expect(cell).toHaveValue('0.91');
  await page.keyboard.press('Alt+ArrowDown');
  await expect(cell).toHaveValue('0.909');
  // Arrow keys in a cell never change the step.
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/#\/dream-big\/2(\?|$)/);
});

test('a block pasted from a spreadsheet fills the table from the focused cell', async ({
  page,
}) => {
  await page.goto(INPUTS_STEP);
  const first = page.getByRole('textbox', { name: 'and, dimension 2' });
  await first.focus();
  await first.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', '0.11\t0.12\n0.21\t0.22\n');
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  await expect(page.getByRole('textbox', { name: 'and, dimension 3' })).toHaveValue('0.12');
  await expect(page.getByRole('textbox', { name: 'work, dimension 2' })).toHaveValue('0.21');
  await expect(page.getByRole('textbox', { name: 'work, dimension 3' })).toHaveValue('0.22');
  await expect(page.getByRole('group', { name: 'PyTorch code' })).toContainText(
    '[0.30, 0.11, 0.12], # and',
  );
  // A paste with a bad value changes nothing and says where the problem is.
  await first.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', '0.5\tx');
    el.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  });
  await expect(page.getByText(/Paste refused: row 1, column 2/)).toBeVisible();
  await expect(first).toHaveValue('0.11');
});

test('keyboard moves of a vector tip edit the embedding and every output', async ({ page }) => {
  await page.goto(SCORES_STEP);
  const output = page.getByTestId('output');
  await expect(output).toHaveText(expected['query-scores']!);
  const tip = page.getByRole('slider', { name: 'work vector' });
  await tip.focus();
  await page.keyboard.press('ArrowRight'); // x + 0.01
  await page.keyboard.press('Shift+ArrowUp'); // y + 0.1
  await expect(page).toHaveURL(/#\/dream-big\/6(\?|$)/);
  await expect(tip).toHaveAttribute('aria-valuetext', /x 0\.86, y 0\.45, z 0\.6/);
  // big · work = 0.75·0.86 + 0.20·0.45 + 0.55·0.60 = 1.065
  await expect(output).toContainText('1.0650');
  await expect(page.getByText('edited', { exact: true })).toBeVisible();
  await page.goto(INPUTS_STEP);
  await expect(page.getByRole('textbox', { name: 'work, dimension 1' })).toHaveValue('0.86');
});

test('dragging a vector tip moves it and recomputes the outputs', async ({ page }) => {
  await page.goto(SCORES_STEP);
  const output = page.getByTestId('output');
  const tip = page.getByRole('slider', { name: 'and vector' });
  await tip.scrollIntoViewIfNeeded();
  const box = (await tip.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let k = 1; k <= 5; k++) await page.mouse.move(x + 8 * k, y + 6 * k);
  await page.mouse.up();
  await expect(output).not.toHaveText(expected['query-scores']!);
  const valuetext = (await tip.getAttribute('aria-valuetext'))!;
  const [, vx, vy] = /x (-?[\d.]+), y (-?[\d.]+)/.exec(valuetext)!;
  expect(Number(vx)).toBeGreaterThan(0.3);
  expect(Number(vy)).toBeLessThan(0.8);
});

test('choosing another query token changes code, outputs and the formula', async ({ page }) => {
  await page.goto(SCORES_STEP);
  await page.getByRole('radio', { name: 'work' }).check();
  const code = page.getByRole('group', { name: 'PyTorch code' });
  await expect(code).toContainText('inputs[3]');
  await expect(page.getByTestId('output')).not.toHaveText(expected['query-scores']!);
  // The query row of the score matrix is labelled with the new query.
  await expect(page.getByRole('rowheader', { name: 'work' })).toBeVisible();
});

test('pointing at a score highlights its term in the formula', async ({ page }) => {
  await page.goto(SCORES_STEP);
  const highlighted = page.locator('.live-formula [style*="background-color"]');
  await expect(highlighted).toHaveCount(0);
  await page.getByRole('cell', { name: '1.0375' }).hover();
  await expect(highlighted.first()).toBeVisible();
  await page.mouse.move(0, 0);
  await expect(highlighted).toHaveCount(0);
});

test('reset restores the notebook values and the badge', async ({ page }) => {
  await page.goto('./#/dream-big/3'); // magnitudes: table and printed output
  await expect(page.getByTestId('output')).toHaveText(expected['magnitudes']!);
  const reset = page.getByRole('button', { name: "Reset to the notebook's values" });
  await expect(reset).toBeDisabled();
  await page.getByRole('textbox', { name: 'it, dimension 3' }).fill('0.5');
  await expect(page.getByText('edited', { exact: true })).toBeVisible();
  await reset.click();
  await expect(page.getByRole('textbox', { name: 'it, dimension 3' })).toHaveValue('0.85');
  // The notebook kept no outputs, so the reset output is ours, and the badge says so.
  await expect(page.locator('.output-source .badge')).toHaveText('not in the notebook');
  await expect(page.getByTestId('output')).toHaveText(expected['magnitudes']!);
});

test('arrow keys inside a matrix move between its cells, not between steps', async ({ page }) => {
  await page.goto('./#/dream-big/10'); // all-weights: a 6x6 heatmap
  const first = page.getByRole('cell', { name: '0.1766' });
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('cell', { name: '0.1738' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(first).toBeFocused();
  await expect(page).toHaveURL(/#\/dream-big\/10(\?|$)/);
});
