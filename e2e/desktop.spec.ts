import { expect, test } from './fixtures';
import { walkEverything } from './walk';

// A laptop: the width at which the lesson shows its text and its live views side by side.
const WIDTH = 1280;
test.use({ viewport: { width: WIDTH, height: 800 } });

/**
 * The most columns a table may have and still be allowed to scroll sideways: ten tokens and their
 * row sums must be seen whole, without hunting; only wider ones (24 dimensions, say) may scroll,
 * behind a fade that says so and with their row headers kept in view.
 */
const WHOLE_COLUMNS = 11;

test('at 1280 px every table column, code line and printed line is seen whole', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const visited = await walkEverything(page, async (where) => {
    // Nothing is pointed at, so every cue shows as a learner first sees it.
    await page.mouse.move(0, 0);
    const seen = await page.evaluate((wholeColumns) => {
      const overflows = (e: Element) => e.scrollWidth > e.clientWidth + 1;
      const name = (e: Element) =>
        `${e.closest('figure, table')?.querySelector('caption')?.textContent ?? ''} ${e.tagName.toLowerCase()}.${e.className}: ${e.scrollWidth} > ${e.clientWidth}`;
      const tables = Array.from(document.querySelectorAll<HTMLElement>('.mv-scroll, .em-scroll'));
      return {
        pageWidth: document.scrollingElement!.scrollWidth,
        // Code and output boxes that would have to be scrolled to read a line.
        code: Array.from(document.querySelectorAll('.code-cell pre')).filter(overflows).map(name),
        // Tables cut off at the side although they have few enough columns to fit.
        cut: tables
          .filter(overflows)
          .filter((box) => box.querySelectorAll('thead th').length <= wholeColumns)
          .map((box) => `${box.querySelector('caption')?.textContent}: ${name(box)}`),
        // Tables that scroll without the fading edge, or whose row headers scroll away.
        uncued: tables
          .filter(overflows)
          .filter((box) => {
            const rowHead = box.querySelector('tbody th');
            return (
              getComputedStyle(box).maskImage === 'none' ||
              (rowHead !== null && getComputedStyle(rowHead).position !== 'sticky')
            );
          })
          .map((box) => `${box.querySelector('caption')?.textContent}: ${name(box)}`),
        // Cells and fields whose number is wider than their own box: cut mid-digit.
        clipped: Array.from(
          document.querySelectorAll('.mv-table th, .mv-table td, .em-table th, .em-input'),
        )
          .filter(overflows)
          .map((e) => `${(e as HTMLInputElement).value ?? e.textContent} in ${name(e)}`),
      };
    }, WHOLE_COLUMNS);
    expect.soft(seen.pageWidth, `${where}: page width`).toBeLessThanOrEqual(WIDTH);
    expect.soft(seen.code, `${where}: code or output scrolls sideways`).toEqual([]);
    expect.soft(seen.cut, `${where}: tables with columns out of view`).toEqual([]);
    expect.soft(seen.uncued, `${where}: tables that scroll without a cue`).toEqual([]);
    expect.soft(seen.clipped, `${where}: numbers cut by their cell`).toEqual([]);
  });
  expect(visited).toBeGreaterThan(90);
});
