import { describe, expect, it } from 'vitest';
import {
  GRAPHIC_CONTRAST,
  MPL_COLORS,
  PALETTES,
  SEQUENTIAL_RAMP_DARK,
  TEXT_CONTRAST,
  cellColors,
  contrastRatio,
  needsCasingIn,
  parseHex,
  plotColor,
  rampGradient,
  readableFor,
  relativeLuminance,
  sampleRamp,
  setColorTheme,
  readableOn,
  type ColorDomain,
  type Rgb,
  type Theme,
} from './colors';

const rgb = (hex: string): Rgb => {
  const c = parseHex(hex);
  if (!c) throw new Error(`not a colour: ${hex}`);
  return c;
};
const THEMES: Theme[] = ['light', 'dark'];

/** The lower contrast of a colour with a theme's page and panel. */
const onPage = (hex: string, theme: Theme) =>
  Math.min(
    contrastRatio(rgb(hex), rgb(PALETTES[theme].paper)),
    contrastRatio(rgb(hex), rgb(PALETTES[theme].panel)),
  );

describe('palettes', () => {
  it('keep ink at AA on the page, and plot lines and panes apart, in both themes', () => {
    for (const t of THEMES) {
      const p = PALETTES[t];
      expect(onPage(p.ink, t)).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      expect(contrastRatio(rgb(p.ink), rgb(p.plotBg))).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      for (const pane of p.panes)
        expect(contrastRatio(rgb(p.axis), rgb(pane))).toBeGreaterThanOrEqual(GRAPHIC_CONTRAST);
    }
    expect(relativeLuminance(rgb(PALETTES.dark.paper))).toBeLessThan(0.05);
  });
});

describe('the dark theme', () => {
  it('lightens label colours to 4.5:1 on the dark page, and black becomes the ink', () => {
    for (const c of MPL_COLORS) {
      expect(onPage(readableFor('dark', c), 'dark')).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      // Light labels are left alone in the light theme when they already read.
      expect(onPage(readableFor('light', c), 'light')).toBeGreaterThanOrEqual(TEXT_CONTRAST);
    }
    expect(readableFor('dark', '#000000')).toBe(PALETTES.dark.ink);
    // Lightening keeps the hue: pure blue keeps blue as its largest channel.
    const blue = rgb(readableFor('dark', '#0000ff'));
    expect(blue[2]).toBeGreaterThan(blue[0]);
    expect(blue[0]).toBe(blue[1]);
  });

  it('draws every arrow at 3:1 or more without a casing, and the light theme unchanged', () => {
    for (const c of MPL_COLORS) {
      expect(onPage(plotColor(c, 'dark'), 'dark')).toBeGreaterThanOrEqual(GRAPHIC_CONTRAST);
      expect(needsCasingIn('dark', c)).toBe(false);
      expect(plotColor(c, 'light')).toBe(c);
    }
    // Colours that already stand out on the dark page keep matplotlib's exact value.
    expect(plotColor('#ff0000', 'dark')).toBe('#ff0000');
    expect(plotColor('#0000ff', 'dark')).not.toBe('#0000ff');
  });

  it('keeps heatmap text at AA on every colour of both dark ramps', () => {
    const domains: ColorDomain[] = [
      { kind: 'sequential', min: 0, max: 1 },
      { kind: 'diverging', min: -1, max: 1 },
    ];
    for (const d of domains) {
      for (let k = 0; k <= 1000; k++) {
        const { background, color } = cellColors(d.min + ((d.max - d.min) * k) / 1000, d, 'dark');
        expect(contrastRatio(rgb(color), rgb(background))).toBeGreaterThanOrEqual(TEXT_CONTRAST);
      }
    }
    const nan = cellColors(NaN, domains[1]!, 'dark');
    expect(contrastRatio(rgb(nan.color), rgb(nan.background))).toBeGreaterThanOrEqual(4.5);
  });

  it('rises in lightness on its sequential ramp: more stands out more on a dark page', () => {
    let prev = -Infinity;
    for (let k = 0; k <= 100; k++) {
      const l = relativeLuminance(sampleRamp(SEQUENTIAL_RAMP_DARK, k / 100));
      expect(l).toBeGreaterThanOrEqual(prev - 1e-9);
      prev = l;
    }
  });

  it('is what the theme-less functions use once it is active', () => {
    try {
      setColorTheme('dark');
      expect(readableOn('#000000')).toBe(PALETTES.dark.ink);
      expect(rampGradient('sequential')).toBe(rampGradient('sequential', 'dark'));
      expect(rampGradient('sequential', 'dark')).not.toBe(rampGradient('sequential', 'light'));
    } finally {
      setColorTheme('light');
    }
    expect(readableOn('#000000')).toBe('#000000');
  });
});
