import { useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import './ScrollBox.css';

/**
 * A box that scrolls sideways when its content is wider (a long formula on a phone). While it does,
 * it joins the tab order with a name, so keyboard users can scroll it too (WCAG 2.1.1); when it fits,
 * it stays out of the way.
 */
export function ScrollBox(props: { className: string; label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const scrolls = el.scrollWidth > el.clientWidth;
      if (scrolls) {
        el.tabIndex = 0;
        el.setAttribute('role', 'group');
        el.setAttribute('aria-label', props.label);
      } else {
        el.removeAttribute('tabindex');
        el.removeAttribute('role');
        el.removeAttribute('aria-label');
      }
    };
    // No measuring here: reading sizes in a layout effect forces a layout per box, in the middle
    // of the commit. An observer reports every observed box once it has been laid out, still
    // before that frame paints. The content wrapper is a block as wide as its content, so the
    // observer also sees it grow when a formula changes or KaTeX's web fonts arrive (it cannot
    // watch an inline box like KaTeX's).
    const observer = new ResizeObserver(update);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
    // The observer sees every size change of the box and of its content (a formula changing as
    // the learner edits), so it is set up once per label.
  }, [props.label]);
  return (
    <div ref={ref} className={props.className}>
      <div className="scrollbox-content">{props.children}</div>
    </div>
  );
}

/**
 * Marks a box that scrolls sideways with `data-scroll-more` while columns wait past its right edge,
 * and drops the mark once it is scrolled to the end or everything fits; ScrollBox.css fades that
 * edge as the cue, for every box that uses this. The attribute is set on the element itself, so scrolling re-renders nothing.
 */
export function useScrollCue(ref: RefObject<HTMLElement | null>) {
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () =>
      el.toggleAttribute('data-scroll-more', el.scrollLeft + el.clientWidth < el.scrollWidth - 1);
    update();
    el.addEventListener('scroll', update, { passive: true });
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    observer?.observe(el);
    if (el.firstElementChild) observer?.observe(el.firstElementChild);
    return () => {
      el.removeEventListener('scroll', update);
      observer?.disconnect();
    };
  }, [ref]);
}
