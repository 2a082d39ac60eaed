/**
 * Splits Python source into classed tokens for highlighting. Small on purpose: the lessons' cells
 * use a handful of constructs, and a full highlighter would weigh more than the whole lesson UI.
 */
export type TokenKind = 'comment' | 'string' | 'number' | 'keyword' | 'builtin' | 'text';
export interface Token {
  kind: TokenKind;
  text: string;
}

const KEYWORDS = new Set(
  'and as assert break class continue def del elif else except False finally for from global if import in is lambda None nonlocal not or pass raise return True try while with yield'.split(
    ' ',
  ),
);
const BUILTINS = new Set(
  'print sum len range enumerate zip list dict int float str abs'.split(' '),
);

const TOKEN =
  /(#[^\n]*)|([rbfRBF]{0,2}(?:"""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'))|(\b\d+(?:\.\d*)?(?:e[-+]?\d+)?\b|\.\d+\b)|([A-Za-z_][A-Za-z0-9_]*)/g;

export function highlightPython(src: string): Token[] {
  const out: Token[] = [];
  let last = 0;
  const push = (kind: TokenKind, text: string) => {
    const prev = out[out.length - 1];
    if (prev && prev.kind === kind) prev.text += text;
    else out.push({ kind, text });
  };
  for (const m of src.matchAll(TOKEN)) {
    if (m.index > last) push('text', src.slice(last, m.index));
    const [text, comment, string, number, word] = m;
    if (comment) push('comment', text);
    else if (string) push('string', text);
    else if (number) push('number', text);
    else if (word && KEYWORDS.has(word)) push('keyword', text);
    else if (word && BUILTINS.has(word) && src[m.index + text.length] === '(')
      push('builtin', text);
    else push('text', text);
    last = m.index + text.length;
  }
  if (last < src.length) push('text', src.slice(last));
  return out;
}

/** One source line's tokens, and how many spaces it starts with. */
export interface TokenLine {
  indent: number;
  tokens: Token[];
}

/**
 * Tokens cut at line breaks (the breaks themselves dropped), so each line can be laid out on its
 * own: a long line wraps with its continuation indented past the line's own indentation.
 */
export function splitLines(tokens: readonly Token[]): TokenLine[] {
  const lines: TokenLine[] = [{ indent: 0, tokens: [] }];
  for (const t of tokens) {
    t.text.split('\n').forEach((text, k) => {
      if (k > 0) lines.push({ indent: 0, tokens: [] });
      if (text) lines[lines.length - 1]!.tokens.push({ kind: t.kind, text });
    });
  }
  for (const line of lines) {
    const first = line.tokens[0];
    line.indent = first ? /^ */.exec(first.text)![0].length : 0;
  }
  return lines;
}
