/**
 * Small builders for the live TeX that steps show. Numbers use Python's rounding (pyFixed), so a
 * formula and the printed output beside it never disagree in the last digit.
 */
import { pyFixed } from '../math/format';

/** Background of a highlighted term: the query/key pair the learner points at. */
export const HIGHLIGHT_COLOR = '#fde68a';

/** A number for TeX, with a true minus sign. */
export function num(x: number, digits = 4): string {
  const s = pyFixed(x, digits);
  return s.startsWith('-') ? `-${s.slice(1)}` : s;
}

/** Wraps a term in a highlight box when `on`. */
export function hl(tex: string, on: boolean): string {
  return on ? `\\colorbox{${HIGHLIGHT_COLOR}}{$${tex}$}` : tex;
}

/** A row vector `[a, b, c]` as a bracketed TeX matrix. */
export function rowVec(values: ArrayLike<number>, digits = 4): string {
  return `\\begin{bmatrix}${Array.from(values, (v) => num(v, digits)).join(' & ')}\\end{bmatrix}`;
}

/** Token text for TeX: \text{…} with TeX's special characters escaped, so a token is never code. */
export function texText(s: string): string {
  const escaped = s.replace(/[\\{}$&#^_%~]/g, (c) =>
    c === '\\'
      ? '\\textbackslash{}'
      : c === '~'
        ? '\\textasciitilde{}'
        : c === '^'
          ? '\\textasciicircum{}'
          : `\\${c}`,
  );
  return `\\text{${escaped}}`;
}
