// Runs on a lesson's own page (e.g. dream-big.html, made at build time for link previews) before
// the app, and before the body is parsed. An external file, because the Content Security Policy
// allows no inline script.
//
// 1. A page opened without a route opens its lesson: the app reads the route from the hash.
// 2. The page carries its first step, pre-rendered at the lesson's default values, so it can paint
//    before the app has loaded (scripts/lesson-pages.ts). When the address asks for another step,
//    or for values of its own (a share link), or the learner has saved edits of this lesson, that
//    markup would show the wrong thing until the app replaces it: it is hidden instead
//    (`data-prerender="stale"`, see src/styles.css).
// 3. A colour theme the learner chose is applied now, so the pre-rendered step does not flash in
//    the system's theme first (src/app/theme.ts does the same, and keeps it, once the app runs).
//
// The storage keys are the app's (storageKeys.lesson in src/state/persist.ts, THEME_KEY in
// src/app/theme.ts); scripts/lesson-pages.test.ts fails if they drift apart.
{
  const html = document.documentElement;
  const id = html.getAttribute('data-lesson');
  if (id && (location.hash === '' || location.hash === '#'))
    history.replaceState(history.state, '', `#/${encodeURIComponent(id)}/1`);
  let saved = null;
  let theme = null;
  try {
    saved = localStorage.getItem(`attention-notebook:lesson:${id}`);
    theme = localStorage.getItem('attention-notebook:theme');
  } catch {
    // Storage off: nothing was saved, and no theme was chosen.
  }
  if (id && (location.hash !== `#/${encodeURIComponent(id)}/1` || saved !== null))
    html.setAttribute('data-prerender', 'stale');
  if (theme === 'light' || theme === 'dark') html.setAttribute('data-theme', theme);
}
