/**
 * Colour for the views: a colour-blind-safe set for the tokens' vectors, the heatmap ramps,
 * and WCAG contrast so every piece of text stays readable on whatever colour it sits on, in the
 * light and the dark theme. No DOM: tested in Node. The functions without a theme argument use
 * the active theme, which src/app/theme.ts sets (light until it does).
 */

/** An sRGB colour as three 0–255 integers. */
export type Rgb = readonly [number, number, number];

/** The two colour themes. */
export type Theme = 'light' | 'dark';

/** The colours drawn from JavaScript (canvas, WebGL, SVG) for one theme. */
export interface Palette {
  /** Page and panel backgrounds (`--paper`, `--panel` in styles.css); text must read on both. */
  paper: string;
  panel: string;
  /** Body text (`--ink`). */
  ink: string;
  /** The plot's background (`--plot-bg`). */
  plotBg: string;
  /** The 3-D box's three panes (x, y and z planes), its grid lines and its axis lines. */
  panes: readonly [string, string, string];
  grid: string;
  axis: string;
  /** The keyboard cursor on a canvas heatmap (contrasts with every ramp colour's neighbours). */
  cursor: string;
}

/**
 * Light is the notebooks' matplotlib look (white plot, grey panes). Dark keeps the same structure
 * a step above the page, with light lines; every value mirrors a custom property in styles.css.
 */
export const PALETTES: Readonly<Record<Theme, Palette>> = {
  light: {
    paper: '#fbfaf7',
    panel: '#ffffff',
    ink: '#1c2230',
    plotBg: '#ffffff',
    panes: ['#f2f2f2', '#ebebeb', '#eeeeee'],
    grid: '#cfcfcf',
    axis: '#1c2230',
    cursor: '#d4145a',
  },
  dark: {
    paper: '#14171c',
    panel: '#1c2027',
    ink: '#e6e8ee',
    plotBg: '#1c2027',
    panes: ['#262b34', '#2b303a', '#282d36'],
    grid: '#4a5160',
    axis: '#c9ced8',
    cursor: '#ff7ab0',
  },
};

/** The light theme's ink (see `PALETTES`). */
export const INK = PALETTES.light.ink;

let active: Theme = 'light';

/** Makes `theme` the one the theme-less functions below use (called by src/app/theme.ts). */
export function setColorTheme(theme: Theme) {
  active = theme;
}

/** The active theme's palette. */
export function palette(theme: Theme = active): Palette {
  return PALETTES[theme];
}

/**
 * The notebooks' colour letters in the order they list them (`colors = ['r', 'g', 'b', 'c', 'm',
 * 'y', 'k']`), with matplotlib's exact values (`matplotlib.colors.BASE_COLORS` through `to_hex`):
 * g, c, m and y are the 0.5 / 0.75 shades, not the pure CSS colours.
 */
export const MPL_COLORS = [
  '#ff0000', // r (1, 0, 0)
  '#008000', // g (0, 0.5, 0)
  '#0000ff', // b (0, 0, 1)
  '#00bfbf', // c (0, 0.75, 0.75)
  '#bf00bf', // m (0.75, 0, 0.75)
  '#bfbf00', // y (0.75, 0.75, 0)
  '#000000', // k (0, 0, 0)
] as const;

/**
 * The token colours, a qualitative set made for readers with any kind of colour vision: Paul
 * Tol's "muted" scheme (nine colours; personal.sron.nl/~pault) and the orange of Okabe and Ito's
 * set, so that a sentence of ten words (the longest a lesson has) repeats none. The order puts
 * colours that stay far apart for protan, deutan and tritan readers next to each other, in both
 * themes (colors.test.ts measures it), and the cycle repeats from the eleventh token. Black is kept
 * for the context vector, as the notebooks draw it. (The notebooks' own r, g, b, c, m, y repeat
 * from the seventh word, and red and green are hard to tell apart for one reader in twelve.)
 */
export const TOKEN_COLORS = [
  '#cc6677', // rose
  '#332288', // indigo
  '#ddcc77', // sand
  '#882255', // wine
  '#117733', // green
  '#aa4499', // purple
  '#999933', // olive
  '#44aa99', // teal
  '#e69f00', // orange (Okabe and Ito)
  '#88ccee', // cyan
] as const;

/** The notebooks draw the context vector in black ('k'). */
export const CONTEXT_COLOR = MPL_COLORS[6];

/** Arrow colour of token `i`: TOKEN_COLORS in turn, repeating after ten tokens. */
export function quiverColor(i: number): string {
  const n = TOKEN_COLORS.length;
  const k = ((Math.trunc(i) % n) + n) % n;
  return TOKEN_COLORS[k]!;
}

/**
 * Label colour of token `i` in the light theme: its arrow colour, darkened just enough to reach
 * 4.5:1 on the page (the lighter ones, such as sand and cyan, do not). Used for swatches, which must not change
 * with the theme; text in the plot goes through `readableOn`.
 */
export function labelColor(i: number): string {
  return readableFor('light', quiverColor(i));
}

/** `#rgb` or `#rrggbb` (any case) to [r, g, b]; null for anything else. */
export function parseHex(hex: string): Rgb | null {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m) return null;
  let h = m[1]!;
  if (h.length === 3) h = h[0]! + h[0]! + h[1]! + h[1]! + h[2]! + h[2]!;
  const n = parseInt(h, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** [r, g, b] (rounded and clamped to 0–255) to `#rrggbb`. */
export function toHex(rgb: Rgb): string {
  let s = '#';
  for (const c of rgb) {
    const v = Math.min(255, Math.max(0, Math.round(c)));
    s += v.toString(16).padStart(2, '0');
  }
  return s;
}

function channel(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG 2 relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function relativeLuminance(rgb: Rgb): number {
  return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
}

/** WCAG 2 contrast ratio between two colours, 1 to 21. */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];

/** WCAG AA for body-size text. */
export const TEXT_CONTRAST = 4.5;
/** WCAG 1.4.11 for graphical objects such as arrows. */
export const GRAPHIC_CONTRAST = 3;

/** The lower of a colour's contrasts with the theme's page and panel: it reads on both. */
function pageContrast(rgb: Rgb, theme: Theme): number {
  const p = PALETTES[theme];
  return Math.min(contrastRatio(rgb, parseHex(p.paper)!), contrastRatio(rgb, parseHex(p.panel)!));
}

/** r = g = b: black, greys and white, which have no hue to keep. */
function achromatic(rgb: Rgb): boolean {
  return rgb[0] === rgb[1] && rgb[1] === rgb[2];
}

/**
 * `rgb` mixed towards black (light theme) or white (dark theme) by the smallest step that
 * reaches `target` on the page, keeping its hue; null when even the end of the mix does not.
 */
function mixUntil(rgb: Rgb, theme: Theme, target: number): Rgb | null {
  const to = theme === 'light' ? 0 : 255;
  for (let k = 0; k <= 100; k++) {
    const t = k / 100;
    const candidate: Rgb = [
      Math.round(rgb[0] + (to - rgb[0]) * t),
      Math.round(rgb[1] + (to - rgb[1]) * t),
      Math.round(rgb[2] + (to - rgb[2]) * t),
    ];
    if (pageContrast(candidate, theme) >= target) return candidate;
  }
  return null;
}

const readableCache = new Map<string, string>();

/**
 * `color` as text on the page of `theme`: unchanged when it already reaches `TEXT_CONTRAST` on
 * both page backgrounds, otherwise mixed towards black (light) or white (dark), keeping its hue,
 * by the smallest step that does. In the dark theme black and greys become the ink colour (a mid
 * grey would read, but as a faded version of the notebook's black). Non-hex colours give the ink.
 */
export function readableFor(theme: Theme, color: string): string {
  const key = `${theme}${color}`;
  const hit = readableCache.get(key);
  if (hit !== undefined) return hit;
  const rgb = parseHex(color);
  const ink = PALETTES[theme].ink;
  let out = ink;
  if (rgb && !(theme === 'dark' && achromatic(rgb) && pageContrast(rgb, theme) < TEXT_CONTRAST)) {
    const c = mixUntil(rgb, theme, TEXT_CONTRAST);
    if (c) out = toHex(c);
  }
  readableCache.set(key, out);
  return out;
}

/** `readableFor` in the active theme. */
export function readableOn(color: string): string {
  return readableFor(active, color);
}

/**
 * Whether an arrow of this colour needs a darker edge to stand out from the page (WCAG 1.4.11
 * asks 3:1 of graphics; light colours such as sand and cyan have about 1.6:1). Non-hex colours: false.
 * Always false in the dark theme, where `plotColor` lightens arrows instead.
 */
export function needsCasing(color: string): boolean {
  return needsCasingIn(active, color);
}

/** `needsCasing` in a given theme. */
export function needsCasingIn(theme: Theme, color: string): boolean {
  const rgb = parseHex(color);
  return theme === 'light' && rgb !== null && pageContrast(rgb, 'light') < GRAPHIC_CONTRAST;
}

/**
 * An arrow's colour in `theme`: its own in the light theme (too-light ones get a casing,
 * see `needsCasing`). In the dark theme, colours under 3:1 on the page (indigo, wine, black) are mixed
 * towards white until they reach it, and black becomes the ink colour.
 */
export function plotColor(color: string, theme: Theme = active): string {
  const rgb = parseHex(color);
  if (theme === 'light' || !rgb || pageContrast(rgb, theme) >= GRAPHIC_CONTRAST) return color;
  if (achromatic(rgb)) return PALETTES[theme].ink;
  const c = mixUntil(rgb, theme, GRAPHIC_CONTRAST);
  return c ? toHex(c) : PALETTES[theme].ink;
}

/**
 * Text colour for a background: the theme's ink colour when it reaches 4.5:1, else white or
 * black, whichever contrasts more. Black or white always reaches at least 4.58:1 on any colour.
 */
export function textColorOn(background: Rgb, theme: Theme = active): string {
  const ink = PALETTES[theme].ink;
  if (contrastRatio(parseHex(ink)!, background) >= TEXT_CONTRAST) return ink;
  return contrastRatio(WHITE, background) >= contrastRatio(BLACK, background)
    ? '#ffffff'
    : '#000000';
}

/** A colour ramp: evenly spaced sRGB stops from t = 0 to t = 1. */
export type Ramp = readonly Rgb[];

function ramp(hexes: readonly string[]): Ramp {
  return hexes.map((h) => parseHex(h)!);
}

/** ColorBrewer Blues (9 classes): lightness falls steadily, so "more" reads as "darker". */
export const SEQUENTIAL_RAMP: Ramp = ramp([
  '#f7fbff',
  '#deebf7',
  '#c6dbef',
  '#9ecae1',
  '#6baed6',
  '#4292c6',
  '#2171b5',
  '#08519c',
  '#08306b',
]);

/** ColorBrewer RdBu (11 classes), reversed: blue below zero, near-white at zero, red above. */
export const DIVERGING_RAMP: Ramp = ramp([
  '#053061',
  '#2166ac',
  '#4393c3',
  '#92c5de',
  '#d1e5f0',
  '#f7f7f7',
  '#fddbc7',
  '#f4a582',
  '#d6604d',
  '#b2182b',
  '#67001f',
]);

/** Background of cells holding NaN or ±inf: neutral, outside both ramps. */
export const NEUTRAL_BG: Rgb = [226, 222, 213];

/**
 * The dark theme's sequential ramp: the same blue hue, rising in lightness from just above the
 * panel, so "more" reads as "stands out more" on a dark page as darker does on a light one.
 */
export const SEQUENTIAL_RAMP_DARK: Ramp = ramp([
  '#172234',
  '#1b3150',
  '#1f426d',
  '#25558a',
  '#2f6aa6',
  '#4a85c0',
  '#6ea3d6',
  '#9cc3e6',
  '#d2e5f6',
]);

/** The dark theme's diverging ramp: light blue below zero, a dark neutral at zero, light red above. */
export const DIVERGING_RAMP_DARK: Ramp = ramp([
  '#a6d1f2',
  '#74aee0',
  '#4a8cc8',
  '#2f6aa6',
  '#23456e',
  '#2a2d33',
  '#6b2c2c',
  '#a23a35',
  '#cf5a4a',
  '#ec8a70',
  '#f8bfa6',
]);

/** NaN and ±inf cells in the dark theme. */
export const NEUTRAL_BG_DARK: Rgb = [72, 76, 86];

/** The ramp a kind of scale uses in a theme. */
export function rampFor(kind: ScaleKind, theme: Theme = active): Ramp {
  if (theme === 'dark') return kind === 'diverging' ? DIVERGING_RAMP_DARK : SEQUENTIAL_RAMP_DARK;
  return kind === 'diverging' ? DIVERGING_RAMP : SEQUENTIAL_RAMP;
}

/** The ramp's colour at t in [0, 1] (clamped), linearly interpolated between stops. */
export function sampleRamp(r: Ramp, t: number): Rgb {
  const x = Math.min(1, Math.max(0, t)) * (r.length - 1);
  const k = Math.min(r.length - 2, Math.floor(x));
  const f = x - k;
  const a = r[k]!;
  const b = r[k + 1]!;
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f),
  ];
}

export type ScaleKind = 'sequential' | 'diverging';

/** The value range a heatmap's colours span. */
export interface ColorDomain {
  kind: ScaleKind;
  min: number;
  max: number;
}

/**
 * The domain for some values: sequential spans [min, max] of the finite values; diverging is
 * symmetric around 0, [-m, m] with m the largest magnitude. The default kind is diverging when
 * any value is negative. With no finite values the domain is [0, 1] (sequential) or [-1, 1].
 */
export function colorDomain(values: ArrayLike<number>, kind?: ScaleKind): ColorDomain {
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < values.length; k++) {
    const v = values[k]!;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const any = min <= max;
  const resolved: ScaleKind = kind ?? (any && min < 0 ? 'diverging' : 'sequential');
  if (resolved === 'diverging') {
    const m = any ? Math.max(Math.abs(min), Math.abs(max)) : 1;
    return { kind: resolved, min: -m, max: m };
  }
  return any ? { kind: resolved, min, max } : { kind: resolved, min: 0, max: 1 };
}

/**
 * Where `v` falls in the domain, 0 to 1 (clamped). A degenerate domain (min = max) maps to the
 * middle for diverging (zero is white) and to 0.5 for sequential, so a single value is visible.
 */
export function domainPosition(v: number, d: ColorDomain): number {
  const span = d.max - d.min;
  if (!(span > 0)) return 0.5;
  return Math.min(1, Math.max(0, (v - d.min) / span));
}

/** Background and text colour of one heatmap cell. */
export interface CellColors {
  background: string;
  color: string;
}

const NEUTRAL_COLORS: Readonly<Record<Theme, CellColors>> = {
  light: { background: toHex(NEUTRAL_BG), color: textColorOn(NEUTRAL_BG, 'light') },
  dark: { background: toHex(NEUTRAL_BG_DARK), color: textColorOn(NEUTRAL_BG_DARK, 'dark') },
};

/** The cell colours for `v` in a theme: the ramp's colour, or neutral for NaN and ±inf. */
export function cellColors(v: number, d: ColorDomain, theme: Theme = active): CellColors {
  if (!Number.isFinite(v)) return NEUTRAL_COLORS[theme];
  const bg = sampleRamp(rampFor(d.kind, theme), domainPosition(v, d));
  return { background: toHex(bg), color: textColorOn(bg, theme) };
}

/** A CSS `linear-gradient` (left to right) through every stop of the kind's ramp, for legends. */
export function rampGradient(kind: ScaleKind, theme: Theme = active): string {
  const r = rampFor(kind, theme);
  const stops = r.map((c, k) => `${toHex(c)} ${((k / (r.length - 1)) * 100).toFixed(1)}%`);
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
