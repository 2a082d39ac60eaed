import katex from 'katex';
import 'katex/dist/katex.min.css';
import { useLayoutEffect, useRef } from 'react';

/**
 * KaTeX rendered directly into a span. `throwOnError: false` shows a bad live formula in red instead
 * of breaking the page; `trust` stays off, so TeX can never make links or HTML.
 */
export function Tex({ tex, display = false }: { tex: string; display?: boolean }) {
  const ref = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (!ref.current) return;
    katex.render(tex, ref.current, {
      displayMode: display,
      throwOnError: false,
      trust: false,
      strict: 'ignore',
      output: 'htmlAndMathml',
    });
  }, [tex, display]);
  return <span ref={ref} className={display ? 'tex tex-display' : 'tex'} />;
}
