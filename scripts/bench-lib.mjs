// Small pure helpers shared by the bench scripts: quantiles, target checks and tables that print
// the same rows as aligned text (for the terminal) and as Markdown (for README's Performance part).

/**
 * The q-quantile by the nearest-rank method (no interpolation, so every figure is a real sample).
 * @param {readonly number[]} xs
 * @param {number} q in [0, 1]
 * @returns {number} NaN for no samples
 */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}

/**
 * A figure held against its target.
 * @typedef {{ op: '<=' | '<' | '>=' | '=' | 'false'; value: number | boolean; unit?: string }} Target
 */

/**
 * Whether `value` meets `target`; undefined when there is no target or no value.
 * @param {number | boolean | null | undefined} value
 * @param {Target | undefined} target
 * @returns {'PASS' | 'MISS' | undefined}
 */
export function check(value, target) {
  if (!target || value === null || value === undefined) return undefined;
  const t = target.value;
  if (Number.isNaN(value) || Number.isNaN(t)) return undefined;
  let ok;
  switch (target.op) {
    case '<=':
      ok = value <= t;
      break;
    case '<':
      ok = value < t;
      break;
    case '>=':
      ok = value >= t;
      break;
    case '=':
      ok = value === t;
      break;
    case 'false':
      ok = value === false;
      break;
  }
  return ok ? 'PASS' : 'MISS';
}

/**
 * The target as people read it, e.g. "<= 160 kB" or ">= 95".
 * @param {Target | undefined} target
 */
export function describeTarget(target) {
  if (!target) return '—';
  if (target.op === 'false') return 'none';
  const op = { '<=': '≤', '<': '<', '>=': '≥', '=': '=' }[target.op];
  return `${op} ${target.value}${target.unit ? ` ${target.unit}` : ''}`;
}

/**
 * Rounds for display: fewer decimals as numbers grow, so tables stay narrow but small ones keep
 * their digits.
 * @param {number | null | undefined} x
 * @param {number} [digits] fixed decimals instead
 */
export function num(x, digits) {
  if (x === null || x === undefined || Number.isNaN(x)) return 'n/a';
  if (digits !== undefined) return x.toFixed(digits);
  const a = Math.abs(x);
  return x.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3);
}

/** Milliseconds, shown in µs below 0.1 ms. @param {number} ms */
export function duration(ms) {
  if (Number.isNaN(ms)) return 'n/a';
  return ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${num(ms)} ms`;
}

/** Bytes in kB (1 kB = 1000 bytes, as Vite's build report counts). @param {number} bytes */
export function kB(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}

/**
 * `s` cut to at most `n` characters by dropping its middle, which keeps both a message's start and
 * its end (where a blocked data: URL's reason is).
 * @param {string} s
 * @param {number} n
 */
export function elide(s, n) {
  if (s.length <= n) return s;
  const head = Math.ceil((n - 1) / 2);
  return `${s.slice(0, head)}…${s.slice(s.length - (n - 1 - head))}`;
}

/**
 * Console problems as short, distinct lines with a count, so one repeated error (a blocked font
 * with a data: URL of kilobytes, say) does not flood the report.
 * @param {readonly string[]} problems
 * @returns {string[]}
 */
export function summariseProblems(problems) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  for (const p of problems) {
    const short = elide(p, 200);
    counts.set(short, (counts.get(short) ?? 0) + 1);
  }
  return [...counts].map(([p, n]) => (n > 1 ? `${n} x ${p}` : p));
}

/** Starts a note that belongs to the note before it (a sub-item of a list). */
export const SUB = '  ';

/**
 * A section of the report: a title, a header row and rows of cells, with notes under the table.
 * @typedef {{ title: string; headers: string[]; rows: string[][]; notes?: string[]; error?: string }} Section
 */

/** Columns whose cells are all numbers (with a unit) are right-aligned. @param {string} cell */
const numeric = (cell) => /^[-+]?[\d.,]+( ?[a-zµ%]+)?$|^n\/a$|^—$/i.test(cell);

/**
 * An aligned plain-text table.
 * @param {string[]} headers
 * @param {string[][]} rows
 * @returns {string}
 */
export function textTable(headers, rows) {
  const widths = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const right = headers.map((_, c) => rows.length > 0 && rows.every((r) => numeric(r[c] ?? '')));
  const line = (/** @type {string[]} */ cells) =>
    cells
      .map((cell, c) => (right[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * A Markdown (GFM) table; pipes inside cells are escaped.
 * @param {string[]} headers
 * @param {string[][]} rows
 * @returns {string}
 */
export function markdownTable(headers, rows) {
  const esc = (/** @type {string} */ s) => s.replace(/\|/g, '\\|');
  const right = headers.map((_, c) => rows.length > 0 && rows.every((r) => numeric(r[c] ?? '')));
  const line = (/** @type {string[]} */ cells) => `| ${cells.map(esc).join(' | ')} |`;
  return [
    line(headers),
    `|${right.map((r) => (r ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

/**
 * A section as terminal text.
 * @param {Section} s
 */
export function sectionText(s) {
  const parts = [`== ${s.title} ==`];
  if (s.error) parts.push(`NOT MEASURED: ${s.error}`);
  if (s.rows.length > 0) parts.push(textTable(s.headers, s.rows));
  for (const n of s.notes ?? []) {
    parts.push(n.startsWith(SUB) ? `    - ${n.slice(SUB.length)}` : `  ${n}`);
  }
  return parts.join('\n');
}

/**
 * A section as Markdown.
 * @param {Section} s
 */
export function sectionMarkdown(s) {
  const parts = [`### ${s.title}`];
  if (s.error) parts.push(`**Not measured:** ${s.error}`);
  if (s.rows.length > 0) parts.push(markdownTable(s.headers, s.rows));
  if (s.notes?.length) {
    parts.push(
      s.notes.map((n) => (n.startsWith(SUB) ? `  - ${n.slice(SUB.length)}` : `- ${n}`)).join('\n'),
    );
  }
  return parts.join('\n\n');
}
