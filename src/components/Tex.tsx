import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useLayoutEffect, useRef } from 'react';

const KATEX_OPTIONS = {
  throwOnError: false,
  trust: false,
  strict: 'ignore',
  output: 'htmlAndMathml',
} as const;

/**
 * KaTeX rendered directly into a span. `throwOnError: false` shows a bad live formula in red instead
 * of breaking the page; `trust` stays off, so TeX can never make links or HTML.
 */
export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  /** Whether the span holds what this component rendered (not pre-rendered markup). */
  const rendered = useRef(false);
  useLayoutEffect(() => {
    if (!ref.current) return;
    const options = { ...KATEX_OPTIONS, displayMode: display };
    if (!rendered.current) {
      // The first time, replace whatever is there (pre-rendered markup, whose style attributes
      // the CSP may have refused): only a tree this component rendered is merged into below.
      katex.render(tex, ref.current, options);
      rendered.current = true;
      return;
    }
    // A live formula changes a few digits per drag step. Rendering into the page would replace
    // its whole tree (some 700 boxes for a six-line formula), which the browser must then lay
    // out and shape again; rendered aside and merged in, only the changed nodes are touched.
    const fresh = document.createElement('span');
    katex.render(tex, fresh, options);
    morphChildren(ref.current, fresh);
  }, [tex, display]);
  const className = display ? 'tex tex-display' : 'tex';
  // Pages pre-rendered at build time (src/prerender.tsx) run no effects: the markup carries the
  // formula itself. In the browser the layout effect writes it before the first paint.
  if (typeof document === 'undefined') {
    const html = katex.renderToString(tex, { ...KATEX_OPTIONS, displayMode: display });
    return <span className={className} dangerouslySetInnerHTML={{ __html: html }} />;
  }
  return <span ref={ref} className={className} />;
}

const ELEMENT_NODE = 1;

/**
 * Makes `live`'s children equal to `next`'s (same tags, attributes and text, in order), keeping
 * each live node whose counterpart has the same tag (or is text too) and updating it in place;
 * the rest of `next`'s nodes are moved over. `next` is left in pieces. Walks siblings and reads
 * attribute names rather than `attributes`, which would make the browser create an Attr object
 * per attribute.
 */
export function morphChildren(live: Node, next: Node): void {
  let h = live.firstChild;
  let w = next.firstChild;
  while (w) {
    const wNext = w.nextSibling; // read before w can move to the live tree
    if (!h) live.appendChild(w);
    else {
      const hNext = h.nextSibling;
      if (!sameKind(h, w)) live.replaceChild(w, h);
      else if (h.nodeType !== ELEMENT_NODE) {
        if (h.nodeValue !== w.nodeValue) h.nodeValue = w.nodeValue;
      } else {
        morphAttributes(h as Element, w as Element);
        morphChildren(h, w);
      }
      h = hNext;
    }
    w = wNext;
  }
  while (h) {
    const hNext = h.nextSibling;
    live.removeChild(h);
    h = hNext;
  }
}

function sameKind(a: Node, b: Node): boolean {
  return (
    a.nodeType === b.nodeType &&
    a.nodeName === b.nodeName &&
    (a as Element).namespaceURI === (b as Element).namespaceURI
  );
}

function morphAttributes(live: Element, next: Element): void {
  for (const name of live.getAttributeNames()) {
    if (!next.hasAttribute(name)) live.removeAttribute(name);
  }
  for (const name of next.getAttributeNames()) {
    const value = next.getAttribute(name)!;
    if (live.getAttribute(name) === value) continue;
    // The CSP (style-src 'self') refuses a style attribute set as markup or by setAttribute; the
    // CSSOM, which KaTeX itself writes styles with, is allowed.
    if (name === 'style') (live as HTMLElement).style.cssText = value;
    else live.setAttribute(name, value);
  }
}
