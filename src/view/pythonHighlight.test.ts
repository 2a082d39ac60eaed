import { describe, expect, it } from 'vitest';
import { highlightPython, splitLines } from './pythonHighlight';

describe('highlightPython', () => {
  it('classes keywords, builtins, numbers, strings and comments', () => {
    const tokens = highlightPython("for i in range(6):  # loop\n    print('x', 0.5)");
    expect(tokens).toEqual([
      { kind: 'keyword', text: 'for' },
      { kind: 'text', text: ' i ' },
      { kind: 'keyword', text: 'in' },
      { kind: 'text', text: ' ' },
      { kind: 'builtin', text: 'range' },
      { kind: 'text', text: '(' },
      { kind: 'number', text: '6' },
      { kind: 'text', text: '):  ' },
      { kind: 'comment', text: '# loop' },
      { kind: 'text', text: '\n    ' },
      { kind: 'builtin', text: 'print' },
      { kind: 'text', text: '(' },
      { kind: 'string', text: "'x'" },
      { kind: 'text', text: ', ' },
      { kind: 'number', text: '0.5' },
      { kind: 'text', text: ')' },
    ]);
  });
  it('keeps f-strings and strings containing # whole', () => {
    const tokens = highlightPython("print(f'{word}: #{m:.4f}')");
    expect(tokens.map((t) => t.kind)).toEqual(['builtin', 'text', 'string', 'text']);
  });
  it('loses no character', () => {
    const src = "x = torch.tensor([[0.72, .45], # Dream\n]) @ w.T\n'''doc'''";
    expect(
      highlightPython(src)
        .map((t) => t.text)
        .join(''),
    ).toBe(src);
  });
  it('does not colour a variable named like a builtin', () => {
    expect(highlightPython('sum = 1')[0]).toEqual({ kind: 'text', text: 'sum = ' });
  });
});

describe('splitLines', () => {
  it('cuts tokens at line breaks and measures the indentation of each line', () => {
    const src = "def f(x):\n    s = '''a\n  b'''  # c\n\n        return x";
    const lines = splitLines(highlightPython(src));
    expect(lines.map((l) => l.tokens.map((t) => t.text).join(''))).toEqual(src.split('\n'));
    expect(lines.map((l) => l.indent)).toEqual([0, 4, 2, 0, 8]);
    expect(lines[2]!.tokens[0]).toEqual({ kind: 'string', text: "  b'''" });
  });
});
