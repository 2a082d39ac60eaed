/**
 * The colour theme: the learner's choice (follow the system, light or dark), remembered in
 * localStorage, and the theme it resolves to. Importing this module applies the theme at once
 * (`<html data-theme>` and the colours JavaScript draws with), so the first render already has
 * the right palette without an inline script, which the CSP (`script-src 'self'`) forbids. The
 * CSS follows `prefers-color-scheme` on its own until then.
 */
import { useSyncExternalStore } from 'react';
import { setColorTheme, type Theme } from '../view/colors';

export type { Theme } from '../view/colors';

/** What the learner picked: the system's setting, or one theme regardless of it. */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/** localStorage key of the choice (absent means "system"). */
export const THEME_KEY = 'attention-notebook:theme';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function isChoice(v: unknown): v is ThemeChoice {
  return v === 'system' || v === 'light' || v === 'dark';
}

function readChoice(): ThemeChoice {
  try {
    const v = window.localStorage.getItem(THEME_KEY);
    return isChoice(v) ? v : 'system';
  } catch {
    // Storage off: the choice lasts for this page only.
    return 'system';
  }
}

function systemTheme(): Theme {
  return typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches
    ? 'dark'
    : 'light';
}

interface ThemeState {
  choice: ThemeChoice;
  theme: Theme;
}

let state: ThemeState = { choice: 'system', theme: 'light' };
const listeners = new Set<() => void>();

function apply(choice: ThemeChoice) {
  const theme = choice === 'system' ? systemTheme() : choice;
  if (state.choice === choice && state.theme === theme && document.documentElement.dataset.theme)
    return;
  state = { choice, theme };
  // Colours first: subscribers re-render and read them.
  setColorTheme(theme);
  const root = document.documentElement;
  root.dataset.theme = theme;
  root.dataset.themeChoice = choice;
  listeners.forEach((l) => l());
}

/** The current choice and the theme it resolves to (a stable object until either changes). */
export function getThemeState(): ThemeState {
  return state;
}

/** Picks a theme (or the system's) and remembers it. */
export function setThemeChoice(choice: ThemeChoice) {
  try {
    if (choice === 'system') window.localStorage.removeItem(THEME_KEY);
    else window.localStorage.setItem(THEME_KEY, choice);
  } catch {
    // Not remembered, still applied.
  }
  apply(choice);
}

/** Calls `listener` whenever the choice or the resolved theme changes; returns the unsubscribe. */
export function subscribeTheme(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The resolved theme, re-rendering the component when it changes. */
export function useTheme(): Theme {
  // The same snapshot on the server (pre-rendered markup and tests render to a string).
  return useSyncExternalStore(
    subscribeTheme,
    () => state.theme,
    () => state.theme,
  );
}

/** The learner's choice, re-rendering the component when it changes. */
export function useThemeChoice(): ThemeChoice {
  return useSyncExternalStore(
    subscribeTheme,
    () => state.choice,
    () => state.choice,
  );
}

if (typeof document !== 'undefined') {
  apply(readChoice());
  // The system setting can change while the page is open (an OS schedule, the user); a choice
  // made on another tab arrives through the storage event.
  if (typeof window.matchMedia === 'function') {
    window.matchMedia(DARK_QUERY).addEventListener('change', () => apply(state.choice));
  }
  window.addEventListener('storage', (e) => {
    if (e.key === THEME_KEY || e.key === null) apply(readChoice());
  });
}
