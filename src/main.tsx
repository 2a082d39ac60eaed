import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, loadLessonRoute } from './components/App';
import './styles.css';

// The lesson chunk (lessons, math, KaTeX, store) loads while the shell paints; evaluating it starts
// the sync, which reads saved edits and the link in the address bar into the store before any
// lesson renders. A failed load is shown by the page that needs it, not here.
loadLessonRoute().catch(() => {});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
