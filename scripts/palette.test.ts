/**
 * The page's colours are written once, in styles.css, as light-dark(light, dark); the few the plot
 * draws from JavaScript are in PALETTES too, and must be the same there.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { PALETTES } from '../src/view/colors.ts';

const css = readFileSync(new URL('../src/styles.css', import.meta.url), 'utf8');

/** The light and dark value of a custom property of styles.css's :root. */
function lightDark(name: string): { light: string; dark: string } {
  const m = new RegExp(`^\\s*${name}: light-dark\\((#[0-9a-f]{6}), (#[0-9a-f]{6})\\);$`, 'm').exec(
    css,
  );
  if (!m) throw new Error(`no light-dark() value for ${name} in styles.css`);
  return { light: m[1]!, dark: m[2]! };
}

describe('styles.css and PALETTES', () => {
  it.each([
    ['--paper', 'paper'],
    ['--panel', 'panel'],
    ['--ink', 'ink'],
    ['--plot-bg', 'plotBg'],
  ] as const)('%s is PALETTES.*.%s in both themes', (name, key) => {
    const v = lightDark(name);
    expect(v).toEqual({ light: PALETTES.light[key], dark: PALETTES.dark[key] });
  });

  it('writes the dark palette once: no second block of dark values', () => {
    expect(css).not.toMatch(/prefers-color-scheme/);
    expect(css.match(/--paper:/g)).toHaveLength(1);
  });
});
