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
  useLayoutEffect(() => {
    if (!ref.current) return;
    katex.render(tex, ref.current, { ...KATEX_OPTIONS, displayMode: display });
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
