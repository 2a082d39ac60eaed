/**
 * morphChildren, which merges a freshly rendered formula into the one on the page. The unit tests
 * run without a DOM, so a minimal stand-in implements the few Node methods it uses.
 */
import { describe, expect, it } from 'vitest';
import { morphChildren } from './Tex';

const HTML = 'http://www.w3.org/1999/xhtml';
const MATHML = 'http://www.w3.org/1998/Math/MathML';

class FakeNode {
  parent: FakeNode | null = null;
  childNodes: FakeNode[] = [];
  private attrs = new Map<string, string>();
  constructor(
    readonly nodeType: 1 | 3,
    readonly nodeName: string,
    public nodeValue: string | null = null,
    readonly namespaceURI: string | null = nodeType === 1 ? HTML : null,
  ) {}
  get attributes() {
    return [...this.attrs].map(([name, value]) => ({ name, value }));
  }
  getAttributeNames() {
    return [...this.attrs.keys()];
  }
  /** The CSSOM's way in for inline styles, which the app's CSP allows. */
  get style() {
    const attrs = this.attrs;
    return {
      set cssText(v: string) {
        attrs.set('style', v);
      },
    };
  }
  /** What markup would have set (the CSP only checks what scripts set later). */
  init(name: string, value: string) {
    this.attrs.set(name, value);
  }
  get firstChild(): FakeNode | null {
    return this.childNodes[0] ?? null;
  }
  get nextSibling(): FakeNode | null {
    const sibs = this.parent?.childNodes ?? [];
    return sibs[sibs.indexOf(this) + 1] ?? null;
  }
  hasAttribute(name: string) {
    return this.attrs.has(name);
  }
  getAttribute(name: string) {
    return this.attrs.get(name) ?? null;
  }
  setAttribute(name: string, value: string) {
    // As the app's CSP (style-src 'self') does: a style attribute set by script is refused.
    if (name === 'style') throw new Error('refused by the Content Security Policy');
    this.attrs.set(name, value);
  }
  removeAttribute(name: string) {
    this.attrs.delete(name);
  }
  appendChild(c: FakeNode) {
    c.parent?.removeChild(c);
    c.parent = this;
    this.childNodes.push(c);
    return c;
  }
  removeChild(c: FakeNode) {
    this.childNodes.splice(this.childNodes.indexOf(c), 1);
    c.parent = null;
    return c;
  }
  replaceChild(n: FakeNode, old: FakeNode) {
    n.parent?.removeChild(n);
    this.childNodes[this.childNodes.indexOf(old)] = n;
    n.parent = this;
    old.parent = null;
    return old;
  }
}

type Spec = string | [tag: string, attrs: Record<string, string>, ...children: Spec[]];

function build(spec: Spec, ns = HTML): FakeNode {
  if (typeof spec === 'string') return new FakeNode(3, '#text', spec);
  const [tag, attrs, ...children] = spec;
  const el = new FakeNode(1, tag.toUpperCase(), null, tag === 'math' ? MATHML : ns);
  for (const [k, v] of Object.entries(attrs)) el.init(k, v);
  for (const c of children) el.appendChild(build(c, el.namespaceURI ?? HTML));
  return el;
}

/** The tree as text, attributes in name order (the DOM does not order them either). */
function serialize(n: FakeNode): string {
  if (n.nodeType === 3) return JSON.stringify(n.nodeValue);
  const attrs = n.attributes
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((a) => ` ${a.name}="${a.value}"`)
    .join('');
  return `<${n.nodeName}${n.namespaceURI === MATHML ? ' (mathml)' : ''}${attrs}>${n.childNodes.map(serialize).join('')}</>`;
}

const morph = (live: FakeNode, next: FakeNode) =>
  morphChildren(live as unknown as Node, next as unknown as Node);

describe('morphChildren', () => {
  it('fills an empty element with the new tree', () => {
    const next = build(['span', {}, ['span', { class: 'katex' }, 'x', ['b', {}, '1']]]);
    const want = serialize(next);
    const live = build(['span', {}]);
    morph(live, next);
    expect(serialize(live)).toBe(want);
  });

  it('updates nodes in place where the tags line up, replacing only where they do not', () => {
    const live = build([
      'span',
      {},
      ['span', { class: 'mord', style: 'height:1em' }, '0.8005'],
      ['span', { class: 'mrel', title: 'old' }, '='],
      ['i', {}, 'gone'],
      ['span', {}, 'extra'],
    ]);
    const [mord, mrel, italic] = live.childNodes;
    const digits = mord!.childNodes[0];
    const next = build([
      'span',
      {},
      ['span', { class: 'mord', style: 'height:1.2em' }, '0.9050'],
      ['span', { class: 'mrel', 'aria-hidden': 'true' }, '='],
      ['b', {}, 'new'],
    ]);
    const want = serialize(next);
    morph(live, next);
    expect(serialize(live)).toBe(want);
    // Same element and text node, new text and style; the stale attribute gone.
    expect(live.childNodes[0]).toBe(mord);
    expect(mord!.childNodes[0]).toBe(digits);
    expect(live.childNodes[1]).toBe(mrel);
    expect(mrel!.getAttribute('title')).toBeNull();
    // A different tag is a new node.
    expect(live.childNodes[2]).not.toBe(italic);
    expect(live.childNodes).toHaveLength(3);
  });

  it('appends what the live tree lacks, and tells MathML from HTML by namespace', () => {
    const live = build(['span', {}, ['math', {}, ['mn', {}, '1']]]);
    const htmlMath = new FakeNode(1, 'MATH', null, HTML);
    htmlMath.appendChild(build('1'));
    const next = build(['span', {}]);
    next.appendChild(htmlMath);
    next.appendChild(build(['span', { class: 'katex-html' }, '1']));
    const want = serialize(next);
    const oldMath = live.childNodes[0];
    morph(live, next);
    expect(serialize(live)).toBe(want);
    expect(live.childNodes[0]).not.toBe(oldMath);
  });
});
