/**
 * Pure logic behind EditableMatrix: what a learner may type into a cell, how far the arrows and a
 * scrub move a value, how a block pasted from a spreadsheet (or from the notebook's code) is read,
 * and how many decimals a float32 has. No React here, so every rule is unit-tested in Node. A
 * float32 is shown by `float32Display` (src/math/format.ts), the math core's shortest digits.
 */
import { float32Display } from '../math/format';
import type { Tensor } from '../math/tensor';

/** Values a cell accepts lie in [-MAX_ABS, MAX_ABS]; larger ones would swamp every softmax anyway. */
export const MAX_ABS = 1000;

/** Step sizes for the arrow keys and the scrub: Shift is coarse, Alt is fine (as in mafs). */
export const STEPS = { coarse: 0.1, normal: 0.01, fine: 0.001 } as const;

/** Pixels of horizontal drag per step while scrubbing. */
export const PX_PER_STEP = 2;

/** Why a text is not an acceptable value, phrased to follow a quoted text ("abc" is not a number). */
export type Refusal =
  'empty' | 'incomplete' | 'ambiguous' | 'not-a-number' | 'not-finite' | 'out-of-range';

export type ParseResult = { ok: true; value: number } | { ok: false; refusal: Refusal };

const REASONS: Record<Refusal, string> = {
  empty: 'is empty',
  incomplete: 'is not a complete number',
  ambiguous: 'could mean either of two numbers',
  'not-a-number': 'is not a number',
  'not-finite': 'is not a finite number',
  'out-of-range': `is outside the range -${MAX_ABS} to ${MAX_ABS}`,
};

/**
 * The refusal as words that follow the quoted text, e.g. "is not a number". With the text, an
 * ambiguous comma names both readings: "could be 1.5 or 1500".
 */
export function refusalReason(refusal: Refusal, text?: string): string {
  if (refusal === 'ambiguous' && text !== undefined) {
    const t = text.trim();
    return `could be ${Number(t.replace(',', '.'))} or ${Number(t.replace(',', ''))}`;
  }
  return REASONS[refusal];
}

// A plain decimal with an optional exponent: 1, -0.5, +.5, 1., 1e-3. No hex, no underscores,
// no thousands separators (Number() alone would take "0x10" and "" as numbers).
const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const NON_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;
// "1,500" is 1.5 with a decimal comma and 1500 with a thousands separator: neither is assumed.
const THOUSANDS_OR_DECIMAL = /^[+-]?[1-9]\d{0,2},\d{3}$/;

/**
 * A typed number's text with its decimal comma made a point: one comma and no point ("1,5",
 * "-0,25", ",5", "1,5e-3") is a decimal comma, as many learners write it. Anything else is left
 * as it is (and a second comma or a comma beside a point makes it no number).
 */
function decimalPoint(t: string): string {
  const comma = t.indexOf(',');
  if (comma < 0 || t.includes('.') || t.indexOf(',', comma + 1) >= 0) return t;
  return t.slice(0, comma) + '.' + t.slice(comma + 1);
}

/**
 * Reads what a learner typed into a cell. Surrounding spaces are ignored and a typographic minus
 * (U+2212, as web pages print it) counts as "-". A decimal comma is a decimal point ("1,5" is
 * 1.5), except where it could as well separate thousands ("1,500": 1.5 or 1500?), which is
 * refused as ambiguous. Nothing is ever dropped from the text: "2/3" or "1e40" are refused, not
 * read as 2 or 1. -0 becomes 0, so a cell never shows "-0". The value is a double; the tensor
 * rounds it to float32.
 */
export function parseCellValue(text: string): ParseResult {
  const typed = text.trim().replace(/\u2212/g, '-');
  if (typed === '') return { ok: false, refusal: 'empty' };
  if (NON_FINITE.test(typed)) return { ok: false, refusal: 'not-finite' };
  if (THOUSANDS_OR_DECIMAL.test(typed)) return { ok: false, refusal: 'ambiguous' };
  const t = decimalPoint(typed);
  if (!NUMBER.test(t)) {
    // "-", ".", "1e", "1e-" are numbers on their way: say so rather than "not a number".
    if (NUMBER.test(t + '0')) return { ok: false, refusal: 'incomplete' };
    return { ok: false, refusal: 'not-a-number' };
  }
  const value = Number(t);
  // 1e999 parses to Infinity: it is simply too large.
  if (!Number.isFinite(value) || Math.abs(value) > MAX_ABS) {
    return { ok: false, refusal: 'out-of-range' };
  }
  return { ok: true, value: value === 0 ? 0 : value };
}

/** Clamps to [-MAX_ABS, MAX_ABS] and turns -0 into 0. */
export function clampValue(x: number): number {
  const y = Math.min(MAX_ABS, Math.max(-MAX_ABS, x));
  return y === 0 ? 0 : y;
}

/** Digits after the decimal point in a number's shortest float32 form ("1e-7" has 7). */
export function decimalPlaces(x: number): number {
  const s = float32Display(x);
  const m = /^-?\d*(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(s);
  if (!m) return 0;
  const fraction = m[1]?.length ?? 0;
  const exponent = m[2] ? Number(m[2]) : 0;
  return Math.max(0, fraction - exponent);
}

/** Modifier keys as both keyboard and pointer events carry them. */
export interface Modifiers {
  shiftKey: boolean;
  altKey: boolean;
}

/** Step for the held modifiers: Alt fine (0.001), else Shift coarse (0.1), else 0.01. */
export function stepFor(m: Modifiers): number {
  if (m.altKey) return STEPS.fine;
  if (m.shiftKey) return STEPS.coarse;
  return STEPS.normal;
}

/**
 * x moved by `count` steps. The sum is rounded to the decimals of the step or of x, whichever has
 * more, so 0.2 + 0.1 gives 0.3 (not 0.30000000000000004, nor a float32 tail like 0.300000012)
 * while a value the learner typed as 0.4419 keeps its digits: 0.4519, not 0.45. Clamped to
 * [-MAX_ABS, MAX_ABS].
 */
export function stepValue(x: number, count: number, step: number): number {
  const decimals = Math.min(12, Math.max(decimalPlaces(step), decimalPlaces(x)));
  return clampValue(Number((x + count * step).toFixed(decimals)));
}

/** Value during a scrub: `start` moved by one step per PX_PER_STEP pixels of horizontal drag. */
export function scrubValue(start: number, dxPx: number, step: number): number {
  return stepValue(start, Math.round(dxPx / PX_PER_STEP), step);
}

/** The default accessible name of a cell: "journey, dimension 1". */
export function defaultCellLabel(rowLabel: string, c: number): string {
  return `${rowLabel}, dimension ${c + 1}`;
}

function quote(text: string): string {
  const t = text.trim();
  return `“${t.length > 24 ? `${t.slice(0, 23)}…` : t}”`;
}

/**
 * What was wrong with a refused text and what was kept, e.g. "“2/3” is not a number; kept 0.43."
 * (or "Empty; kept 0.43."). Shown beside the cell, while it is typed and after it is refused.
 */
export function refusalMessage(text: string, refusal: Refusal, kept: number): string {
  const what = refusal === 'empty' ? 'Empty' : `${quote(text)} ${refusalReason(refusal, text)}`;
  return `${what}; kept ${float32Display(kept)}.`;
}

/** Why a text is not an acceptable whole number (a seed, a size). */
export type WholeRefusal = 'empty' | 'incomplete' | 'ambiguous' | 'not-whole' | 'out-of-range';

export type WholeResult = { ok: true; value: number } | { ok: false; refusal: WholeRefusal };

/**
 * Reads a whole number in [min, max] (both safe integers). The digits as typed, or any number
 * text whose value is exactly a whole number ("2.0", "1e3"; a decimal comma as in a cell). Never
 * rounds or truncates: "1.5" or "12a" are refused, not read as 1 or 12.
 */
export function parseWholeNumber(text: string, min: number, max: number): WholeResult {
  const typed = text.trim().replace(/\u2212/g, '-');
  if (typed === '') return { ok: false, refusal: 'empty' };
  if (THOUSANDS_OR_DECIMAL.test(typed)) return { ok: false, refusal: 'ambiguous' };
  const t = decimalPoint(typed);
  if (!NUMBER.test(t)) {
    return { ok: false, refusal: NUMBER.test(t + '0') ? 'incomplete' : 'not-whole' };
  }
  // Digits alone are compared as digits, so 9007199254740993 is not mistaken for its double.
  const digits = /^\+?0*(\d+)$/.exec(t)?.[1];
  if (digits !== undefined && digits.length > 16) return { ok: false, refusal: 'out-of-range' };
  const value = Number(t);
  if (!Number.isFinite(value)) return { ok: false, refusal: 'out-of-range' };
  if (!Number.isInteger(value)) return { ok: false, refusal: 'not-whole' };
  if (value < min || value > max) return { ok: false, refusal: 'out-of-range' };
  if (!Number.isSafeInteger(value)) return { ok: false, refusal: 'out-of-range' };
  return { ok: true, value: value === 0 ? 0 : value };
}

/**
 * What was wrong with a refused whole number and what was kept, e.g. "“1.5” is not a whole
 * number; kept 123." `kept` is the clause after the semicolon ("kept 123", "still no seed").
 */
export function wholeRefusalMessage(
  text: string,
  refusal: WholeRefusal,
  min: number,
  max: number,
  kept: string,
): string {
  const q = quote(text);
  const what: Record<WholeRefusal, string> = {
    empty: 'Empty',
    incomplete: `${q} is not a complete number`,
    ambiguous: `${q} ${refusalReason('ambiguous', text)}`,
    'not-whole': `${q} is not a whole number`,
    'out-of-range': `${q} is not in the range ${min} to ${max}`,
  };
  return `${what[refusal]}; ${kept}.`;
}

/** A pasted value that was refused; row and column count from 1 within the pasted block. */
export interface PasteError {
  row: number;
  col: number;
  text: string;
  refusal: Refusal;
}

export type PasteResult =
  /** One plain value: let the input take it as typing. */
  | { kind: 'single' }
  /** Values by rows; rows may differ in length (each fills from the starting column). */
  | { kind: 'block'; rows: number[][] }
  | { kind: 'error'; error: PasteError };

// What a line copied from the notebook's code carries around its numbers:
// `torch.tensor([[0.43, 0.15, 0.89], # Your     (x^1)`.
const COMMENT = /#.*$/;
const CODE_WRAPPERS = /(?:\btorch\.)?\btensor\(|[[\]()]/g;

function splitLine(line: string): string[] | null {
  if (line.includes('\t')) {
    // A spreadsheet row: every tab separates a cell, so an empty field is an empty cell.
    if (line.trim() === '') return null;
    const fields = line.split('\t').map((f) => f.trim());
    if (fields.length > 1 && fields[fields.length - 1] === '') fields.pop();
    return fields;
  }
  const t = line.replace(COMMENT, '').replace(CODE_WRAPPERS, ' ').trim();
  if (t === '') return null;
  // Semicolons (CSV as comma-decimal locales write it: "1,5;2,5") separate values, and a comma
  // inside one is a decimal comma. Otherwise commas (CSV, Python lists) separate values. Either
  // way, with optional spaces around them; runs of spaces separate too, and one trailing
  // separator (as in a Python list's lines) is allowed.
  if (t.includes(';')) return t.replace(/\s*;$/, '').split(/\s*;\s*|\s+/);
  return t.replace(/\s*,$/, '').split(/\s*,\s*|\s+/);
}

/** A paste that is one value as typed: no separator but perhaps one decimal comma ("1,5"). */
function isSingleValue(trimmed: string): boolean {
  if (!/^[^\s;[\]()#]+$/.test(trimmed)) return false;
  const commas = trimmed.split(',').length - 1;
  return commas === 0 || (commas === 1 && !trimmed.includes('.'));
}

/**
 * Reads pasted text as a block of values: rows on lines (blank lines skipped), values separated by
 * tabs (spreadsheets), commas or semicolons (CSV, Python lists) or spaces. Brackets, `tensor(` and
 * `# comments` are ignored, so rows copied from the notebook's code paste too. Every value must be
 * acceptable to a cell, or the whole paste is refused and the first bad value reported. A single
 * plain value ("0.5", even with a trailing newline) is reported as `single`: typing handles it.
 *
 * Commas: a spreadsheet's cells are split by tabs, so a comma inside one is a decimal comma
 * ("1,5\t2,5" from a comma-decimal locale is 1.5 and 2.5), read as a typed cell reads it. So is
 * a comma in a line split by semicolons ("1,5;2,5"), and in one value pasted alone ("1,5" is 1.5,
 * as typed). In any other line commas separate values, as CSV and Python lists write them:
 * "0.43, 0.15" is two values, "1,5 2,5" four (and the paste's message says so).
 */
export function parsePaste(text: string): PasteResult {
  // Tabs are kept: a leading tab is an empty spreadsheet cell, not space to trim.
  const trimmed = text.replace(/^[ \r\n]+|[ \r\n]+$/g, '');
  if (trimmed === '' || isSingleValue(trimmed)) return { kind: 'single' };
  const rows: number[][] = [];
  for (const line of text.split(/\r\n|\n|\r/)) {
    const fields = splitLine(line);
    if (!fields) continue;
    const values: number[] = [];
    for (let c = 0; c < fields.length; c++) {
      const field = fields[c]!;
      const p = parseCellValue(field);
      if (!p.ok) {
        return {
          kind: 'error',
          error: { row: rows.length + 1, col: c + 1, text: field, refusal: p.refusal },
        };
      }
      values.push(p.value);
    }
    rows.push(values);
  }
  if (rows.length === 0) return { kind: 'single' };
  return { kind: 'block', rows };
}

/** The message for a refused paste: which value was bad and that nothing changed. */
export function pasteErrorMessage(e: PasteError): string {
  const what =
    e.refusal === 'empty' ? 'is empty' : `${quote(e.text)} ${refusalReason(e.refusal, e.text)}`;
  return `Paste refused: row ${e.row}, column ${e.col} of the pasted values ${what}. Nothing was changed.`;
}

export interface PasteOutcome {
  /** A new tensor (value itself is left untouched). */
  next: Tensor;
  /** Cells written. */
  written: number;
  /** Pasted values that fell outside the table. */
  dropped: number;
  /** Rows and columns the written block spans. */
  rows: number;
  cols: number;
}

/** Writes `block` into a copy of the 2-d `value` from cell (r0, c0), clipping at the table's edges. */
export function applyBlock(
  value: Tensor,
  r0: number,
  c0: number,
  block: readonly (readonly number[])[],
): PasteOutcome {
  const [nRows, nCols] = value.shape as [number, number];
  const data = value.data.slice();
  let written = 0;
  let dropped = 0;
  let rows = 0;
  let cols = 0;
  block.forEach((line, i) => {
    const r = r0 + i;
    line.forEach((x, j) => {
      const c = c0 + j;
      if (r < nRows && c < nCols) {
        data[r * nCols + c] = x;
        written++;
        rows = Math.max(rows, i + 1);
        cols = Math.max(cols, j + 1);
      } else {
        dropped++;
      }
    });
  });
  return { next: { shape: value.shape, data }, written, dropped, rows, cols };
}

/** What a successful paste announces, e.g. "Pasted 6 values (2 rows × 3 columns) from journey, …". */
export function pasteMessage(o: PasteOutcome, startLabel: string): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const beyond =
    o.dropped > 0
      ? ` ${plural(o.dropped, 'value')} beyond the edge of the table ${o.dropped === 1 ? 'was' : 'were'} left out.`
      : '';
  return (
    `Pasted ${plural(o.written, 'value')} (${plural(o.rows, 'row')} × ${plural(o.cols, 'column')})` +
    ` from ${startLabel}.${beyond}`
  );
}
