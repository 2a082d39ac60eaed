/**
 * Build-time pages and headers for sharing and hosting the app as static files:
 *
 * - One HTML page per lesson (`dream-big.html` beside `index.html`), the same app with the lesson's
 *   own title, description, Open Graph and Twitter card tags. Hash routes never reach a server, so
 *   these pages are what a chat app's link unfurler can read. A lesson page boots the app at its
 *   lesson when the link carries no route (public/lesson-boot.js).
 * - The Content Security Policy as a `<meta>` in the built HTML only: the dev server injects
 *   inline styles and scripts for HMR, which the policy forbids.
 *
 * `SITE_URL` (e.g. `https://example.org/attention-notebook/`), when set at build time, makes the
 * preview image and page addresses absolute, which most unfurlers need; without it they are
 * relative to the page.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Plugin, type Rollup } from 'vite';
import { LESSON_INFO, type LessonInfo } from '../src/lessons/catalogue.ts';
import { SITE_DESCRIPTION, SITE_NAME } from '../src/app/site.ts';

export { SITE_DESCRIPTION, SITE_NAME };

/**
 * The policy the built app runs under. Styles set through the DOM (React's `style` prop, KaTeX,
 * three.js) are not affected by `style-src`; only `<style>` elements and `style=""` in markup are.
 * No image comes from a `data:` or `blob:` URL: the saved plot image and the exported notebook
 * are downloads, which `img-src` does not govern.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

/** Size of the social preview images in public/social (written by scripts/social-images.mjs). */
export const SOCIAL_IMAGE = { width: 1200, height: 630 } as const;

/** A page's file name in the build: the catalogue is index.html, a lesson `<id>.html`. */
export function pageFile(lesson: LessonInfo | null): string {
  return lesson ? `${lesson.id}.html` : 'index.html';
}

/** `SITE_URL` with exactly one trailing slash; null when unset; throws when it is not an http(s) URL. */
export function siteUrl(raw = process.env.SITE_URL): string | null {
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SITE_URL is not a URL: ${raw}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new Error(`SITE_URL must be an http(s) URL: ${raw}`);
  return url.href.replace(/\/*$/, '/');
}

const escapeAttr = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The `<head>` tags that describe one page to search engines and link unfurlers. */
export function shareTags(lesson: LessonInfo | null, site: string | null): string {
  const title = lesson ? lesson.title : SITE_NAME;
  const description = lesson ? lesson.summary : SITE_DESCRIPTION;
  const prefix = site ?? './';
  const image = `${prefix}social/${lesson ? lesson.id : 'index'}.png`;
  const meta = (key: 'name' | 'property', name: string, content: string) =>
    `<meta ${key}="${name}" content="${escapeAttr(content)}" />`;
  const tags = [
    meta('name', 'description', description),
    meta('property', 'og:type', 'website'),
    meta('property', 'og:site_name', SITE_NAME),
    meta('property', 'og:title', title),
    meta('property', 'og:description', description),
    meta('property', 'og:image', image),
    meta('property', 'og:image:width', String(SOCIAL_IMAGE.width)),
    meta('property', 'og:image:height', String(SOCIAL_IMAGE.height)),
    meta('property', 'og:image:alt', lesson ? `${title}: ${SITE_NAME}` : SITE_NAME),
    meta('name', 'twitter:card', 'summary_large_image'),
    meta('name', 'twitter:title', title),
    meta('name', 'twitter:description', description),
    meta('name', 'twitter:image', image),
  ];
  if (site) {
    const url = site + (lesson ? pageFile(lesson) : '');
    tags.push(
      meta('property', 'og:url', url),
      `<link rel="canonical" href="${escapeAttr(url)}" />`,
    );
  }
  return tags.join('\n    ');
}

/** The description and the tags shareTags adds after it (in built HTML; the template has one). */
const SHARE_TAGS =
  /<meta\s+name="description"[^>]*>(\s*<(meta (name|property)="(og|twitter):|link rel="canonical")[^>]*>)*/;

/**
 * index.html turned into one page: its title and share tags, and for a lesson the lesson id on
 * `<html>` and the boot script, placed before any other script so it runs before the app reads the
 * address. Throws when index.html lacks what it replaces, so a changed template fails the build.
 */
export function pageHtml(
  indexHtml: string,
  lesson: LessonInfo | null,
  site: string | null,
): string {
  const replace = (html: string, pattern: RegExp, by: string) => {
    if (!pattern.test(html)) throw new Error(`index.html has no match for ${pattern}`);
    return html.replace(pattern, () => by);
  };
  let html = replace(indexHtml, SHARE_TAGS, shareTags(lesson, site));
  if (!lesson) return html;
  html = replace(
    html,
    /<title>[^<]*<\/title>/,
    `<title>${escapeAttr(`${lesson.title} · ${SITE_NAME}`)}</title>`,
  );
  html = replace(html, /<html\b/, `<html data-lesson="${escapeAttr(lesson.id)}"`);
  return replace(html, /<script\b/, '<script src="./lesson-boot.js"></script>\n    <script');
}

/** A lesson's first step rendered at build time, and the stylesheets it needs to paint. */
export interface Prerendered {
  markup: string;
  /** Stylesheet URLs as the page names them (`./assets/LessonRoute-abc.css`). */
  stylesheets: readonly string[];
}

/**
 * A lesson page with its first step in `#root`: the markup, marked `data-prerendered` (the route
 * it shows) and `inert` (nothing in it works until the app takes over, so nothing can be typed
 * into it and lost), and the lesson chunk's stylesheets linked in the head, so the step paints
 * styled before any script runs. public/lesson-boot.js hides it when the address asks for
 * something else; src/main.tsx hands the page to the app.
 */
export function withPrerender(html: string, lesson: LessonInfo, pre: Prerendered): string {
  const root = /<div id="root"><\/div>/;
  if (!root.test(html)) throw new Error('index.html has no empty <div id="root"></div>');
  const links = pre.stylesheets
    .map((href) => `<link rel="stylesheet" crossorigin href="${escapeAttr(href)}">`)
    .join('\n    ');
  return html
    .replace(
      root,
      () =>
        `<div id="root" data-prerendered="${escapeAttr(`${lesson.id}/1`)}" inert>${pre.markup}</div>`,
    )
    .replace('</head>', () => `  ${links}\n  </head>`);
}

/**
 * The stylesheets of the chunk built from `moduleSuffix` and of every chunk it imports
 * statically (what Vite would load with it), as URLs relative to a page at the build's root.
 */
export function chunkStylesheets(bundle: Rollup.OutputBundle, moduleSuffix: string): string[] {
  const chunks = Object.values(bundle).filter((f) => f.type === 'chunk');
  const start = chunks.find((c) => c.facadeModuleId?.endsWith(moduleSuffix));
  if (!start) throw new Error(`the build has no chunk for ${moduleSuffix}`);
  const css = new Set<string>();
  const seen = new Set<string>();
  const visit = (chunk: Rollup.OutputChunk) => {
    if (seen.has(chunk.fileName) || chunk.isEntry) return;
    seen.add(chunk.fileName);
    chunk.viteMetadata?.importedCss.forEach((f) => css.add(`./${f}`));
    for (const name of chunk.imports) {
      const next = bundle[name];
      if (next?.type === 'chunk') visit(next);
    }
  };
  visit(start);
  return [...css];
}

/** A start tag with its attributes, whose quoted values may hold `>`. */
const START_TAG = /<[a-zA-Z][^\s/>]*(?:\s+[^\s=/>]+(?:="[^"]*")?)*\s*\/?>/g;

/**
 * Moves every `style="…"` of pre-rendered markup into a stylesheet, since the CSP allows no style
 * attribute in markup (React and KaTeX set them through the DOM in the browser, which it allows):
 * each distinct declaration list becomes a class, `!important` so that it wins over stylesheet
 * rules as the attribute did. Classes are shared across pages; the markup is React's, whose
 * attribute values are always double-quoted and escaped.
 */
export function externaliseStyles(pages: ReadonlyMap<string, string>): {
  pages: Map<string, string>;
  css: string;
} {
  const classes = new Map<string, string>();
  const out = new Map<string, string>();
  for (const [id, markup] of pages) {
    out.set(
      id,
      markup.replace(START_TAG, (tag) => {
        const style = /\sstyle="([^"]*)"/.exec(tag);
        if (!style) return tag;
        const decls = style[1]!;
        let name = classes.get(decls);
        if (!name) classes.set(decls, (name = `pre-s${classes.size}`));
        const rest = tag.replace(style[0], '');
        return /\sclass="/.test(rest)
          ? rest.replace(/\sclass="([^"]*)"/, (_, c: string) => ` class="${c} ${name}"`)
          : rest.replace(/^(<[^\s/>]+)/, `$1 class="${name}"`);
      }),
    );
  }
  const important = (decls: string) =>
    decls
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&amp;/g, '&')
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => `${d} !important`)
      .join(';');
  const css = [...classes].map(([decls, name]) => `.${name}{${important(decls)}}`).join('\n');
  return { pages: out, css };
}

/**
 * The first step of every lesson that has steps, rendered by src/prerender.tsx through a Vite
 * server in SSR mode (it resolves TypeScript, JSX and CSS imports as the app's build does).
 */
async function prerenderLessons(root: string): Promise<Map<string, string>> {
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'error',
    appType: 'custom',
    server: { middlewareMode: true, hmr: false, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  try {
    const mod = (await server.ssrLoadModule('/src/prerender.tsx')) as {
      prerenderLesson(id: string): string | null;
    };
    const out = new Map<string, string>();
    for (const lesson of LESSON_INFO) {
      const markup = mod.prerenderLesson(lesson.id);
      if (markup !== null) out.set(lesson.id, markup);
    }
    return out;
  } finally {
    await server.close();
  }
}

/** Adds the CSP `<meta>` right after the charset, before every tag it must cover. */
export function withCsp(html: string, policy = CONTENT_SECURITY_POLICY): string {
  const tag = `<meta http-equiv="Content-Security-Policy" content="${escapeAttr(policy)}" />`;
  const at = /<meta charset="[^"]*"\s*\/?>/;
  if (!at.test(html)) throw new Error('the HTML has no <meta charset>');
  return html.replace(at, (charset) => `${charset}\n    ${tag}`);
}

/**
 * The plugin: share tags on index.html (dev and build), a page per lesson in the build and from
 * the dev server, and the CSP meta on every built page.
 */
export function lessonPages(): Plugin {
  const site = siteUrl();
  let root = process.cwd();
  return {
    name: 'attention-notebook:lesson-pages',
    enforce: 'post',
    configResolved(config) {
      root = config.root;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        // Lesson pages are made from the finished index.html below (build) or in the middleware.
        if (ctx.path !== '/index.html') return html;
        const page = pageHtml(html, null, site);
        return ctx.server ? page : withCsp(page);
      },
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = (req.url ?? '').split('?', 1)[0]!;
        const lesson = LESSON_INFO.find((l) => path === `/${pageFile(l)}`);
        if (!lesson) return next();
        const template = readFileSync(`${root}/index.html`, 'utf8');
        server
          .transformIndexHtml(path, pageHtml(template, lesson, site), req.originalUrl)
          .then((html) => {
            res.setHeader('Content-Type', 'text/html');
            res.end(html);
          })
          .catch(next);
      });
    },
    generateBundle: {
      order: 'post',
      async handler(_, bundle) {
        const index = bundle['index.html'];
        if (!index || index.type !== 'asset') throw new Error('the build has no index.html');
        // index.html already carries the share tags and CSP; the lesson pages swap the tags and
        // carry their first step.
        const html = String(index.source);
        const { pages: markup, css } = externaliseStyles(await prerenderLessons(root));
        const stylesheets = chunkStylesheets(bundle, '/src/components/LessonRoute.tsx');
        if (css) {
          const ref = this.emitFile({ type: 'asset', name: 'prerender.css', source: css });
          stylesheets.push(`./${this.getFileName(ref)}`);
        }
        for (const lesson of LESSON_INFO) {
          const page = pageHtml(html, lesson, site);
          const pre = markup.get(lesson.id);
          this.emitFile({
            type: 'asset',
            fileName: pageFile(lesson),
            source: pre ? withPrerender(page, lesson, { markup: pre, stylesheets }) : page,
          });
        }
      },
    },
  };
}
