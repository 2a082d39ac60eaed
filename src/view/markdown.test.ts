import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown } from './markdown';

describe('parseMarkdown', () => {
  it('splits paragraphs on blank lines and joins wrapped lines', () => {
    expect(parseMarkdown('one\ntwo\n\nthree')).toEqual([
      { type: 'p', children: [{ type: 'text', text: 'one two' }] },
      { type: 'p', children: [{ type: 'text', text: 'three' }] },
    ]);
  });
  it('keeps display math whole, even across blank lines', () => {
    expect(parseMarkdown('Before\n$$\na\n\nb\n$$\nAfter')).toEqual([
      { type: 'p', children: [{ type: 'text', text: 'Before' }] },
      { type: 'math', tex: 'a\n\nb' },
      { type: 'p', children: [{ type: 'text', text: 'After' }] },
    ]);
  });
  it('reads bullet lists', () => {
    expect(parseMarkdown('- a\n- *b*')).toEqual([
      {
        type: 'ul',
        items: [
          [{ type: 'text', text: 'a' }],
          [{ type: 'em', children: [{ type: 'text', text: 'b' }] }],
        ],
      },
    ]);
  });
});

describe('parseInline', () => {
  it('reads math, code, bold, italic and links', () => {
    expect(parseInline('a $x^2$ `c` **b** *i* [l](https://x.org)')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'math', tex: 'x^2' },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'c' },
      { type: 'text', text: ' ' },
      { type: 'strong', children: [{ type: 'text', text: 'b' }] },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'i' }] },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'https://x.org', children: [{ type: 'text', text: 'l' }] },
    ]);
  });
  it('never makes a link of a javascript: or data: URL', () => {
    for (const href of ['javascript:void0', 'data:text/html,x', 'JaVaScRiPt:x']) {
      expect(parseInline(`[x](${href})`)).toEqual([{ type: 'text', text: 'x' }]);
    }
    const withParens = parseInline('[x](javascript:alert(1))');
    expect(withParens.some((n) => n.type === 'link')).toBe(false);
    expect(withParens.map((n) => (n.type === 'text' ? n.text : '')).join('')).toBe('x)');
  });
  it('leaves HTML as text', () => {
    expect(parseInline('<img src=x onerror=alert(1)>')).toEqual([
      { type: 'text', text: '<img src=x onerror=alert(1)>' },
    ]);
  });
});
