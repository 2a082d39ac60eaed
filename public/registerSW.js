// Registers the service worker that keeps the app working offline (sw.js, built by vite-plugin-pwa;
// this file replaces the plugin's own registerSW.js so the update below can be timed).
//
// A new version installs in the background and waits. It takes over when the learner moves to
// another page of the app (another lesson, the catalogue): the page then reloads into the new
// version, which looks like the page change it already is, and edits are kept (saved and in the
// address). Never in the middle of a lesson: until then the open page keeps loading its own chunks
// from the old cache, which a new version would have removed. Closing every tab also applies it.
if ('serviceWorker' in navigator) {
  const sw = navigator.serviceWorker;
  const HOUR = 3600 * 1000;
  // Only an update replaces a controller; the first install just starts controlling the page.
  let updating = sw.controller !== null;
  const page = () => location.hash.replace(/^#\/?/, '').split(/[/?]/, 1)[0];
  let shown = page();
  let checked = Date.now();

  sw.addEventListener('controllerchange', () => {
    if (updating) location.reload();
    updating = true;
  });

  window.addEventListener('load', () => {
    sw.register('./sw.js', { scope: './' }).then(
      (reg) => {
        // Undefined when a test browser blocks service workers.
        if (!reg) return;
        window.addEventListener('hashchange', () => {
          const next = page();
          if (next === shown) return;
          shown = next;
          if (reg.waiting && sw.controller) reg.waiting.postMessage({ type: 'SKIP_WAITING' });
          // A tab left open for days never navigates, so the browser never looks for an update.
          else if (Date.now() - checked > HOUR) {
            checked = Date.now();
            reg.update().catch(() => {});
          }
        });
      },
      // No service worker (blocked, private mode): the app works as before, online only.
      () => {},
    );
  });
}
