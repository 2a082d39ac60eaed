// A lesson's own page (e.g. dream-big.html, made at build time for link previews) opens that
// lesson when the address carries no route. It runs before the app, which reads the route from
// the hash. An external file, because the Content Security Policy allows no inline script.
{
  const id = document.documentElement.getAttribute('data-lesson');
  if (id && (location.hash === '' || location.hash === '#'))
    history.replaceState(history.state, '', `#/${encodeURIComponent(id)}/1`);
}
