import {
  Component,
  lazy,
  Suspense,
  useEffect,
  useRef,
  type ComponentType,
  type ReactNode,
} from 'react';
import { findLessonInfo, type LessonInfo } from '../lessons/catalogue';
import { usePageDescription } from '../app/pageMeta';
import { CATALOGUE_HASH, type Route } from '../app/router';
import { SITE_NAME } from '../app/site';
import { Catalogue } from './Catalogue';
import { Notices } from './Notice';
import { RouteMessage } from './RouteMessage';
import { ThemeToggle } from './ThemeToggle';
import { useHashRoute } from './useHashRoute';
import './LessonPage.css';

type LessonRouteModule = typeof import('./LessonRoute');

/** The lesson chunk once it has loaded. */
let lessonRouteModule: LessonRouteModule | null = null;

/** Starts (or joins) loading the lesson chunk; main.tsx calls it at boot. */
export const loadLessonRoute = (): Promise<LessonRouteModule> =>
  import('./LessonRoute').then((m) => (lessonRouteModule = m));

// When the chunk is already there (main.tsx waits for it on a pre-rendered page), the lesson
// renders in the first commit instead of suspending for a tick: `lazy` accepts any thenable, and
// one that calls back at once resolves it synchronously. A suspended first render would swap the
// pre-rendered page for the loading stand-in and back.
const LessonRoute = lazy(() =>
  lessonRouteModule
    ? ({ then: (resolve: (m: LessonRouteModule) => void) => resolve(lessonRouteModule!) } as never)
    : loadLessonRoute(),
);

/**
 * Picks the page for the current hash route; every route that is not a page gets a message. The
 * playground sits a layer above this shell, so the entry (main.tsx) hands it in, lazily loaded.
 */
export function App({ playground }: { playground: ComponentType }) {
  const route = useHashRoute();
  usePageDescription(route);
  const { page, title } = pageFor(route, playground);
  useEffect(() => {
    document.title = title;
  }, [title]);

  return <AppFrame>{page}</AppFrame>;
}

/**
 * What every page has around it: the skip link, the header and the main landmark. Shared with
 * the pages pre-rendered at build time (src/prerender.tsx), so their markup is the app's own.
 */
export function AppFrame({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <header className="site-header">
        <a className="brand" href={CATALOGUE_HASH}>
          Attention&nbsp;Notebook
        </a>
        <ThemeToggle />
      </header>
      <main id="main" tabIndex={-1}>
        <Notices scope="app" />
        <LoadFailure>{children}</LoadFailure>
      </main>
    </>
  );
}

function pageFor(route: Route, PlaygroundPage: ComponentType): { page: ReactNode; title: string } {
  const site = SITE_NAME;
  if (route.kind === 'catalogue') return { page: <Catalogue />, title: site };
  if (route.kind === 'unknown') {
    return {
      title: `Page not found · ${site}`,
      page: (
        <RouteMessage heading="This page does not exist">
          There is no page at <code>#{route.path}</code>.
        </RouteMessage>
      ),
    };
  }
  const lesson = findLessonInfo(route.lessonId);
  if (!lesson) {
    return {
      title: `Lesson not found · ${site}`,
      page: (
        <RouteMessage heading="Lesson not found">
          There is no lesson called <code>{route.lessonId}</code>. It may have been mistyped.
        </RouteMessage>
      ),
    };
  }
  if (route.kind === 'bad-step') {
    return {
      title: `Step not found · ${site}`,
      page: (
        <RouteMessage heading="Step not found" backTo={lesson}>
          <code>{route.raw}</code> is not a step number.
        </RouteMessage>
      ),
    };
  }
  if (lesson.id === 'playground') {
    return {
      title: `${lesson.title} · ${site}`,
      page: (
        <Suspense fallback={<PageLoading name="the playground" />}>
          <PlaygroundPage />
        </Suspense>
      ),
    };
  }
  return {
    title: `${lesson.title} · ${site}`,
    page: (
      <Suspense fallback={<PageLoading name={`the lesson “${lesson.title}”`} lesson={lesson} />}>
        <LessonRoute lessonId={lesson.id} step={route.step} />
      </Suspense>
    ),
  };
}

/**
 * Stands in for a page while its chunk loads: for a lesson, the kicker the lesson opens with, at
 * the same place; for any page, room below, so nothing jumps when the page arrives. Screen readers
 * hear a polite status; sighted learners see no loading text flash by on a fast connection.
 */
function PageLoading({ name, lesson }: { name: string; lesson?: LessonInfo }) {
  const status = useRef<HTMLParagraphElement>(null);
  // Written after mount: screen readers announce a change in a live region, not what a region
  // brings along when it is inserted.
  useEffect(() => {
    if (status.current) status.current.textContent = `Loading ${name}…`;
  }, [name]);
  return (
    <div className="lesson" style={{ minHeight: '100vh' }}>
      <div className="lesson-head">
        {lesson && (
          <p className="lesson-kicker">
            <a href={CATALOGUE_HASH}>Lessons</a> <span aria-hidden="true">/</span> {lesson.title}
          </p>
        )}
        <p className="sr-only" role="status" ref={status} />
      </div>
    </div>
  );
}

/**
 * A page whose chunk could not be fetched (offline, or a new deployment replaced the files) gets
 * a message instead of taking the whole app down. The next route starts afresh.
 */
class LoadFailure extends Component<{ children: ReactNode }, { failed: boolean; hash: string }> {
  override state = { failed: false, hash: '' };
  static getDerivedStateFromError() {
    return { failed: true, hash: window.location.hash };
  }
  static getDerivedStateFromProps(
    _: unknown,
    state: { failed: boolean; hash: string },
  ): { failed: boolean } | null {
    return state.failed && window.location.hash !== state.hash ? { failed: false } : null;
  }
  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <RouteMessage heading="This page could not be shown">
        Something went wrong while loading it, perhaps the connection dropped. Reload the page to
        try again.
      </RouteMessage>
    );
  }
}

/** The skip link must not change the hash, which is our router. */
function skipToMain(e: React.MouseEvent) {
  e.preventDefault();
  document.getElementById('main')?.focus();
}
