/**
 * Just enough of Python's statement structure to tell what Jupyter shows under a cell: whether its
 * last statement is a bare expression whose value the notebook displays (an `execute_result`), and
 * whether it calls print (a `stdout` stream). Strings and comments are blanked first, so quotes,
 * brackets, `=` and `print(` inside them count for nothing.
 */

/**
 * The code with every comment and the inside of every string literal (line breaks included)
 * replaced by spaces.
 */
export function blankStringsAndComments(code: string): string {
  let out = '';
  let k = 0;
  while (k < code.length) {
    const ch = code[k]!;
    if (ch === '#') {
      while (k < code.length && code[k] !== '\n') {
        out += ' ';
        k++;
      }
      continue;
    }
    if (ch === '"' || ch === "'") {
      const quote = code.startsWith(ch.repeat(3), k) ? ch.repeat(3) : ch;
      out += quote;
      k += quote.length;
      while (k < code.length && !code.startsWith(quote, k)) {
        // A one-quote string ends at the line's end if unclosed (a syntax error in Python anyway).
        if (quote.length === 1 && code[k] === '\n') break;
        const skip = code[k] === '\\' && k + 1 < code.length ? 2 : 1;
        // Line breaks inside a string go too: they do not end a statement.
        out += ' '.repeat(skip);
        k += skip;
      }
      if (code.startsWith(quote, k)) {
        out += quote;
        k += quote.length;
      }
      continue;
    }
    out += ch;
    k++;
  }
  return out;
}

/**
 * The cell's top-level logical lines (brackets, backslashes and strings joined), each with
 * whether its first line is indented (so belongs to a block); blank lines left out.
 */
function logicalLines(blanked: string): { text: string; indented: boolean }[] {
  const lines: { text: string; indented: boolean }[] = [];
  let depth = 0;
  let current = '';
  const flush = () => {
    if (current.trim() !== '') lines.push({ text: current.trim(), indented: /^\s/.test(current) });
    current = '';
  };
  for (let k = 0; k < blanked.length; k++) {
    const ch = blanked[k]!;
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
    if (ch === '\n' && depth === 0 && !current.trimEnd().endsWith('\\')) flush();
    else current += ch;
  }
  flush();
  return lines;
}

/** Splits at `sep` characters outside brackets. */
function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k]!;
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (ch === sep && depth === 0) {
      parts.push(text.slice(start, k));
      start = k + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Keywords that open a statement that is not an expression. */
const STATEMENT =
  /^(?:for|while|if|elif|else|def|class|with|try|except|finally|async|import|from|return|pass|del|assert|raise|global|nonlocal|break|continue|yield)\b|^@/;

/** True when a top-level `=` (not `==`, `!=`, `<=`, `>=`) or annotation `:` makes it a statement. */
function assigns(stmt: string): boolean {
  let depth = 0;
  for (let k = 0; k < stmt.length; k++) {
    const ch = stmt[k]!;
    if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth > 0) continue;
    else if (ch === '=') {
      const prev = stmt[k - 1];
      if (stmt[k + 1] === '=') {
        k++; // `==`
        continue;
      }
      if (prev === '!') continue; // `!=`
      // `<=`, `>=` compare; `<<=`, `>>=` assign.
      if ((prev === '<' || prev === '>') && stmt[k - 2] !== prev) continue;
      return true;
    } else if (ch === ':' && !/^lambda\b/.test(stmt)) return true;
  }
  return false;
}

/**
 * The cell's last statement if it is a bare expression, as Jupyter sees it (text with strings and
 * comments blanked), or null: the last statement assigns, is a block or another statement, or the
 * cell ends with ";" (which hides the value).
 */
export function finalExpression(code: string): string | null {
  const lines = logicalLines(blankStringsAndComments(code));
  const last = lines[lines.length - 1];
  if (!last || last.indented) return null;
  const stmt = splitTopLevel(last.text, ';').pop()!.trim();
  if (stmt === '' || STATEMENT.test(stmt) || assigns(stmt)) return null;
  return stmt;
}

/**
 * True when Jupyter shows the value of the cell's last line under it: a bare expression that is not
 * a call of print (which returns None, and a None value is not shown).
 */
export function showsFinalValue(code: string): boolean {
  const stmt = finalExpression(code);
  return stmt !== null && !/^print\s*\(/.test(stmt);
}

/** True when the code calls print anywhere (outside strings and comments). */
export function callsPrint(code: string): boolean {
  return /(?<![\w.])print\s*\(/.test(blankStringsAndComments(code));
}
