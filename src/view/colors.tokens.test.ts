/**
 * The token palette: distinct for neighbours and for every word of a lesson's sentence, readable
 * on both themes, and still distinct for readers with deficient colour vision.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../lessons';
import {
  CONTEXT_COLOR,
  GRAPHIC_CONTRAST,
  PALETTES,
  TOKEN_COLORS,
  contrastRatio,
  labelColor,
  needsCasingIn,
  parseHex,
  plotColor,
  quiverColor,
  readableFor,
  type Rgb,
  type Theme,
} from './colors';
import { worstCaseDifference } from './colorVision';

const rgb = (hex: string): Rgb => parseHex(hex)!;
const onPage = (hex: string, theme: Theme) =>
  Math.min(
    contrastRatio(rgb(hex), rgb(PALETTES[theme].paper)),
    contrastRatio(rgb(hex), rgb(PALETTES[theme].panel)),
  );

/**
 * Smallest CIEDE2000 difference neighbours may have, under normal vision and each simulated
 * dichromacy (protan, deutan, tritan at full severity). 1 is about one just-noticeable difference
 * for large patches side by side; for marks as small as an arrow or a 12 px swatch the noticeable
 * difference is several times larger (Stone, Szafir and Setlur 2014, "An engineering model for
 * color difference as a function of size"), so neighbours must be ten apart. The notebooks' red
 * and green, which the old palette put side by side, are 7.7 apart for a deuteranope.
 */
const NEIGHBOUR_DIFFERENCE = 10;

/** Each way a token's colour is drawn: arrows and labels in both themes, and the swatches. */
const VIEWS: Record<string, (hex: string) => string> = {
  'light arrow': (c) => c,
  'light label and swatch': (c) => readableFor('light', c),
  'dark arrow': (c) => plotColor(c, 'dark'),
  'dark label': (c) => readableFor('dark', c),
};

describe('token colours', () => {
  it('never give two neighbouring tokens one colour, up to the playground’s 64', () => {
    for (let i = 0; i + 1 < 64; i++) expect(quiverColor(i)).not.toBe(quiverColor(i + 1));
    // Nor any two tokens closer than the palette's size.
    for (let i = 0; i < 64; i++)
      for (let j = i + 1; j < Math.min(64, i + TOKEN_COLORS.length); j++)
        expect(quiverColor(i)).not.toBe(quiverColor(j));
  });

  it("give every word of every lesson's sentence its own colour", () => {
    for (const lesson of LESSONS) {
      const n = lesson.tokens.length;
      expect(n, lesson.id).toBeLessThanOrEqual(TOKEN_COLORS.length);
      const colors = lesson.tokens.map((_, i) => quiverColor(i));
      expect(new Set(colors).size, lesson.id).toBe(n);
      expect(colors, lesson.id).not.toContain(CONTEXT_COLOR);
    }
  });

  it('keep neighbours apart for colour-blind readers, as drawn in both themes', () => {
    let least = Infinity;
    for (const [view, draw] of Object.entries(VIEWS)) {
      for (let i = 0; i < TOKEN_COLORS.length; i++) {
        // The cycle wraps: the last colour neighbours the first.
        const a = draw(quiverColor(i));
        const b = draw(quiverColor(i + 1));
        const d = worstCaseDifference(rgb(a), rgb(b));
        least = Math.min(least, d);
        expect(d, `${view}: tokens ${i} and ${i + 1} (${a}, ${b})`).toBeGreaterThanOrEqual(
          NEIGHBOUR_DIFFERENCE,
        );
      }
    }
    expect(least).toBeGreaterThan(13);
  });

  it('stand out from the page at 3:1 as arrows and 4.5:1 as labels, in both themes', () => {
    for (let i = 0; i < TOKEN_COLORS.length; i++) {
      const c = quiverColor(i);
      // Light: the colour itself, or a darker casing where it is too light.
      const edge = needsCasingIn('light', c) ? readableFor('light', c) : c;
      expect(onPage(edge, 'light')).toBeGreaterThanOrEqual(GRAPHIC_CONTRAST);
      expect(onPage(plotColor(c, 'dark'), 'dark')).toBeGreaterThanOrEqual(GRAPHIC_CONTRAST);
      expect(needsCasingIn('dark', c)).toBe(false);
      expect(onPage(labelColor(i), 'light')).toBeGreaterThanOrEqual(4.5);
      expect(onPage(readableFor('dark', c), 'dark')).toBeGreaterThanOrEqual(4.5);
    }
  });
});
