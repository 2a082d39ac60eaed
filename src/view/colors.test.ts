import { describe, expect, it } from 'vitest';
import {
  CONTEXT_COLOR,
  DIVERGING_RAMP,
  INK,
  MPL_COLORS,
  NEUTRAL_BG,
  PALETTES,
  SEQUENTIAL_RAMP,
  TOKEN_COLORS,
  cellColors,
  colorDomain,
  contrastRatio,
  domainPosition,
  labelColor,
  needsCasing,
  parseHex,
  quiverColor,
  rampGradient,
  readableOn,
  relativeLuminance,
  sampleRamp,
  textColorOn,
  toHex,
  type ColorDomain,
  type Rgb,
} from './colors';

const PAPER = PALETTES.light.paper;
const PANEL = PALETTES.light.panel;

const rgb = (hex: string): Rgb => {
  const c = parseHex(hex);
  if (!c) throw new Error(`not a colour: ${hex}`);
  return c;
};

describe('hex and luminance', () => {
  it('parses and prints #rgb and #rrggbb', () => {
    expect(parseHex('#ff8000')).toEqual([255, 128, 0]);
    expect(parseHex('#F80')).toEqual([255, 136, 0]);
    expect(parseHex('red')).toBeNull();
    expect(parseHex('#12345')).toBeNull();
    expect(toHex([255, 128, 0])).toBe('#ff8000');
    expect(toHex([300, -4, 127.6])).toBe('#ff0080');
  });

  it('computes WCAG luminance and contrast', () => {
    expect(relativeLuminance([255, 255, 255])).toBeCloseTo(1, 10);
    expect(relativeLuminance([0, 0, 0])).toBe(0);
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 10);
    // Known values: #777 on white is just below AA, #767676 just above.
    expect(contrastRatio(rgb('#777777'), rgb('#ffffff'))).toBeCloseTo(4.48, 2);
    expect(contrastRatio(rgb('#767676'), rgb('#ffffff'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(rgb('#ff0000'), rgb('#ffffff'))).toBeCloseTo(4.0, 1);
  });
});

describe('matplotlib colours', () => {
  it('are the exact BASE_COLORS in the notebooks order', () => {
    expect(MPL_COLORS).toEqual([
      '#ff0000',
      '#008000',
      '#0000ff',
      '#00bfbf',
      '#bf00bf',
      '#bfbf00',
      '#000000',
    ]);
    expect(CONTEXT_COLOR).toBe('#000000');
  });

  it('gives tokens the colour-blind-safe set in turn, keeping black for the context vector', () => {
    expect(TOKEN_COLORS).toHaveLength(10);
    expect(new Set(TOKEN_COLORS).size).toBe(10);
    expect(TOKEN_COLORS).not.toContain(CONTEXT_COLOR);
    expect(Array.from({ length: 10 }, (_, i) => quiverColor(i))).toEqual(TOKEN_COLORS);
    expect(quiverColor(10)).toBe(TOKEN_COLORS[0]);
    expect(quiverColor(13)).toBe(TOKEN_COLORS[3]);
    expect(quiverColor(-1)).toBe(TOKEN_COLORS[9]);
  });

  it('darkens label colours to 4.5:1 on both page backgrounds, keeping the hue', () => {
    for (let i = 0; i < TOKEN_COLORS.length; i++) {
      const label = rgb(labelColor(i));
      expect(contrastRatio(label, rgb(PAPER))).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(label, rgb(PANEL))).toBeGreaterThanOrEqual(4.5);
      // A darkened colour is the arrow colour scaled: channels keep their order and zeros.
      const arrow = rgb(quiverColor(i));
      for (let k = 0; k < 3; k++) {
        expect(label[k]!).toBeLessThanOrEqual(arrow[k]!);
        if (arrow[k] === 0) expect(label[k]).toBe(0);
      }
      // Colours that already read are left alone.
      if (contrastRatio(arrow, rgb(PAPER)) >= 4.5 && contrastRatio(arrow, rgb(PANEL)) >= 4.5)
        expect(labelColor(i)).toBe(quiverColor(i));
      else expect(labelColor(i)).not.toBe(quiverColor(i));
    }
  });

  it('darkens only as far as needed', () => {
    for (const c of ['#ff0000', '#00bfbf', '#bfbf00', '#ffcc00', '#66ccff']) {
      const out = rgb(readableOn(c));
      const lighter: Rgb = [
        Math.min(255, out[0] + 4),
        Math.min(255, out[1] + 4),
        Math.min(255, out[2] + 4),
      ];
      expect(contrastRatio(out, rgb(PAPER))).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(lighter, rgb(PAPER))).toBeLessThan(4.75);
    }
  });

  it('falls back to ink for colours it cannot read', () => {
    expect(readableOn('tomato')).toBe(INK);
  });

  it('asks for a casing only where an arrow would fall below 3:1', () => {
    expect(MPL_COLORS.filter(needsCasing)).toEqual(['#00bfbf', '#bfbf00']);
    for (const c of MPL_COLORS) {
      const edge = needsCasing(c) ? rgb(readableOn(c)) : rgb(c);
      expect(contrastRatio(edge, rgb(PAPER))).toBeGreaterThanOrEqual(3);
    }
  });
});

describe('heatmap scales', () => {
  it('picks diverging when a value is negative and makes it symmetric', () => {
    expect(colorDomain([0.1, 0.5, 0.3])).toEqual({ kind: 'sequential', min: 0.1, max: 0.5 });
    expect(colorDomain([-0.3, 1.2, 0.5])).toEqual({ kind: 'diverging', min: -1.2, max: 1.2 });
    expect(colorDomain([0.2, 0.4], 'diverging')).toEqual({
      kind: 'diverging',
      min: -0.4,
      max: 0.4,
    });
    expect(colorDomain([-2, 1], 'sequential')).toEqual({ kind: 'sequential', min: -2, max: 1 });
  });

  it('ignores NaN and infinities when finding the range', () => {
    expect(colorDomain([NaN, 0.2, Infinity, 0.6, -Infinity])).toEqual({
      kind: 'sequential',
      min: 0.2,
      max: 0.6,
    });
    expect(colorDomain([NaN])).toEqual({ kind: 'sequential', min: 0, max: 1 });
    expect(colorDomain([], 'diverging')).toEqual({ kind: 'diverging', min: -1, max: 1 });
  });

  it('maps the domain ends to the ramp ends, zero to white-ish on a diverging scale', () => {
    const seq: ColorDomain = { kind: 'sequential', min: 0.1, max: 0.5 };
    expect(cellColors(0.1, seq).background).toBe(toHex(SEQUENTIAL_RAMP[0]!));
    expect(cellColors(0.5, seq).background).toBe(toHex(SEQUENTIAL_RAMP.at(-1)!));
    const div: ColorDomain = { kind: 'diverging', min: -2, max: 2 };
    expect(cellColors(-2, div).background).toBe(toHex(DIVERGING_RAMP[0]!));
    expect(cellColors(2, div).background).toBe(toHex(DIVERGING_RAMP.at(-1)!));
    expect(cellColors(0, div).background).toBe('#f7f7f7');
    // Out-of-range values clamp to the ends.
    expect(cellColors(9, div).background).toBe(toHex(DIVERGING_RAMP.at(-1)!));
  });

  it('is monotonic in lightness on the sequential ramp', () => {
    let prev = Infinity;
    for (let k = 0; k <= 100; k++) {
      const l = relativeLuminance(sampleRamp(SEQUENTIAL_RAMP, k / 100));
      expect(l).toBeLessThanOrEqual(prev + 1e-9);
      prev = l;
    }
  });

  it('puts a degenerate domain in the middle', () => {
    expect(domainPosition(3, { kind: 'sequential', min: 3, max: 3 })).toBe(0.5);
    expect(domainPosition(0, { kind: 'diverging', min: 0, max: 0 })).toBe(0.5);
  });

  it('keeps cell text at 4.5:1 or more for every value on both scales', () => {
    const domains: ColorDomain[] = [
      { kind: 'sequential', min: 0, max: 1 },
      { kind: 'diverging', min: -1, max: 1 },
    ];
    for (const d of domains) {
      for (let k = 0; k <= 2000; k++) {
        const v = d.min + ((d.max - d.min) * k) / 2000;
        const { background, color } = cellColors(v, d);
        expect(contrastRatio(rgb(color), rgb(background))).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('keeps text readable on any background at all', () => {
    for (let r = 0; r <= 255; r += 15) {
      for (let g = 0; g <= 255; g += 15) {
        for (let b = 0; b <= 255; b += 15) {
          const bg: Rgb = [r, g, b];
          expect(contrastRatio(rgb(textColorOn(bg)), bg)).toBeGreaterThanOrEqual(4.5);
        }
      }
    }
  });

  it('gives NaN and infinities a neutral cell with readable text', () => {
    for (const v of [NaN, Infinity, -Infinity]) {
      const c = cellColors(v, { kind: 'diverging', min: -1, max: 1 });
      expect(c.background).toBe(toHex(NEUTRAL_BG));
      expect(contrastRatio(rgb(c.color), NEUTRAL_BG)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('builds a legend gradient through every stop', () => {
    const g = rampGradient('diverging');
    expect(g.startsWith('linear-gradient(to right, #053061 0.0%')).toBe(true);
    expect(g.endsWith('#67001f 100.0%)')).toBe(true);
    expect(g.match(/#/g)).toHaveLength(DIVERGING_RAMP.length);
  });
});
