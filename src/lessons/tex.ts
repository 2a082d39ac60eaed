/**
 * Small builders for the live TeX that steps show. Numbers use Python's rounding (pyFixed), so a
 * formula and the printed output beside it never disagree in the last digit.
 */
import { pyFixed, pySci } from '../math/format';
import { at } from '../math/tensor';
import { tokenLabel } from './common';
import type { Derived, Highlight, TrainableDerived } from './types';

/** Background of a highlighted term: the query/key pair the learner points at. */
export const HIGHLIGHT_COLOR = '#fde68a';

/** A number for TeX, with a true minus sign. */
export function num(x: number, digits = 4): string {
  const s = pyFixed(x, digits);
  return s.startsWith('-') ? `-${s.slice(1)}` : s;
}

/**
 * A number for TeX that stays readable when tiny: four decimals, or `m \times 10^{e}` (m with
 * `digits` decimals) below 10^-3, where four decimals would show 0.0000.
 */
export function smallNum(x: number, digits = 4): string {
  if (x === 0 || Math.abs(x) >= 1e-3) return num(x);
  const [m, e] = pySci(x, digits).split('e') as [string, string];
  return `${m} \\times 10^{${Number(e)}}`;
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

/** `x^{(i)}` for a 0-based i. */
export const xv = (i: number): string => `x^{(${i + 1})}`;

/** Token j's label for TeX, as the views label it (a repeated word numbered: `I #1`). */
export const tok = (d: Derived, j: number): string => texText(tokenLabel(d, j));

/**
 * A factor in a product: negative numbers (and -0) in parentheses. `show` writes the number
 * (default: four decimals).
 */
export const factor = (v: number, show: (v: number) => string = num): string =>
  v < 0 || Object.is(v, -0) ? `(${show(v)})` : show(v);

/**
 * Lines aligned at `&`. alignedat rather than aligned: a third column (token names) then sits one
 * quad away instead of aligned's wide gap, which keeps formulas inside a phone's width.
 */
export const aligned = (lines: readonly string[]): string =>
  String.raw`\begin{alignedat}{2}` + lines.join(String.raw` \\ `) + String.raw`\end{alignedat}`;

/** Aligned blocks one under the other, each aligned on its own (so one wide block widens no other). */
export const stack = (...blocks: readonly string[]): string =>
  String.raw`\begin{gathered}` + blocks.join(String.raw` \\[0.6em] `) + String.raw`\end{gathered}`;

/** A sum written over several lines, `perLine` terms each, for narrow screens (`&= 0` for none). */
export function sumLines(terms: readonly string[], perLine = 3): string[] {
  if (terms.length === 0) return ['&= 0'];
  const out: string[] = [];
  for (let k = 0; k < terms.length; k += perLine) {
    const chunk = terms.slice(k, k + perLine).join(' + ');
    out.push(k === 0 ? `&= ${chunk}` : String.raw`&\quad + ${chunk}`);
  }
  return out;
}

/**
 * One line per token: `lhs_j &= rhs_j  (token)`, highlighted when the learner points at j. `name`
 * gives the token column (default: the token's label).
 */
export function perToken(
  d: Derived,
  h: Highlight,
  lhs: (j: number) => string,
  rhs: (j: number) => string,
  name: (j: number) => string = (j) => tok(d, j),
): string[] {
  return d.tokens.map((_, j) => {
    const on = h.j === j;
    return String.raw`${hl(lhs(j), on)} &= ${hl(rhs(j), on)} &\enspace& ${name(j)}`;
  });
}

/**
 * `alpha_qj = softmax_j(omega_qj / sqrt(d_k))` for the query, then one line per token: its score
 * over sqrt(d_k), the scaled score and the weight it becomes.
 */
export function scaledSoftmaxFormula(d: Derived, h: Highlight, t: TrainableDerived): string {
  const q = d.query + 1;
  const r = Math.sqrt(t.dK);
  const s = Array.from(t.omega.data);
  return stack(
    String.raw`\alpha_{${q}j} = \operatorname{softmax}_j\!\left(\omega_{${q}j} / \sqrt{${t.dK}}\right)`,
    aligned(
      perToken(
        d,
        h,
        (j) => String.raw`\tfrac{${num(s[j]!)}}{\sqrt{${t.dK}}}`,
        (j) => String.raw`${num(s[j]! / r)} \to ${num(at(t.queryWeights, j))}`,
      ),
    ),
  );
}
