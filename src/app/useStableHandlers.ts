/**
 * Event handlers for memoised children: an object of functions that never changes, each calling
 * the handler of the latest committed render. A child given it renders again only when its other
 * props change (a table's cell, a word of the plot's list), and still runs this render's code.
 */
import { useLayoutEffect, useRef, useState } from 'react';

type Handlers = Record<string, (...args: never[]) => unknown>;

export function useStableHandlers<T extends { [K in keyof T]: (...args: never[]) => unknown }>(
  handlers: T,
): T {
  const latest = useRef(handlers);
  useLayoutEffect(() => {
    latest.current = handlers;
  });
  const [stable] = useState(() => {
    const out: Record<string, (...args: unknown[]) => unknown> = {};
    for (const key of Object.keys(handlers)) {
      out[key] = (...args) => (latest.current as Handlers)[key]!(...(args as never[]));
    }
    return out as unknown as T;
  });
  return stable;
}
