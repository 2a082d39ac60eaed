/**
 * Bundle sizes of a production build (issue #7): what the page needs before it can paint (the
 * scripts, preloads and stylesheets `index.html` names) and the lazily loaded rest, raw and gzip.
 *
 *   node scripts/bundle-size.mjs [distDir] [page]     (default: dist dream-big.html, the first
 *                                                      lesson's own page)
 *
 * Sizes are deterministic for a given build, so e2e/budget.spec.ts asserts the first-paint budget
 * on them; load times are not, and are only reported (npm run bench).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** Issue #7: at most this much gzip before first paint (160 kB, counted in 1000-byte kB). */
export const FIRST_PAINT_BUDGET_GZIP = 160_000;

/**
 * @typedef {{ file: string, bytes: number, gzip: number }} FileSize
 *   `file` is relative to the build dir, with `/` separators (e.g. `assets/index-abc.js`).
 * @typedef {{
 *   firstPaint: FileSize[],
 *   firstPaintGzip: number,
 *   lazy: FileSize[],
 *   threeInFirstPaint: boolean,
 * }} BundleSizes
 */

/**
 * Sizes of the build in `distDir`: `firstPaint` holds the page and every file it loads by itself
 * (`<script src>`, `<link rel=modulepreload|preload|stylesheet>`), `lazy` every other `.js` and
 * `.css` under `assets/`. Gzip is zlib at level 9. `threeInFirstPaint` looks for three.js by its
 * content, so a renamed or merged chunk cannot hide it.
 *
 * @param {string} distDir
 * @param {string} [page] the HTML page in `distDir` to read; `index.html` unless given
 * @returns {Promise<BundleSizes>}
 */
export async function bundleSizes(distDir, page = 'index.html') {
  const html = await readFile(join(distDir, page), 'utf8');
  const named = [
    ...new Set(
      firstPaintUrls(html)
        .map(toDistPath)
        .filter((f) => f !== null),
    ),
  ];
  // The page itself first: a lesson page carries its pre-rendered first step.
  const firstPaint = await Promise.all([page, ...named].map((f) => sizeOf(distDir, f)));
  const contents = await Promise.all(named.map((f) => readFile(join(distDir, f), 'utf8')));
  const assets = (await listFiles(join(distDir, 'assets')))
    .map((f) => posix.join('assets', f))
    .filter((f) => /\.(js|mjs|css)$/.test(f) && !named.includes(f))
    .sort();
  const lazy = await Promise.all(assets.map((f) => sizeOf(distDir, f)));
  return {
    firstPaint,
    firstPaintGzip: firstPaint.reduce((sum, f) => sum + f.gzip, 0),
    lazy,
    threeInFirstPaint: contents.some(isThree),
  };
}

/**
 * three.js in a file, recognised by what survives minification: the global it registers itself
 * under (`__THREE__`, with its REVISION) and the renderer's `isWebGLRenderer` flag.
 *
 * @param {string} code
 */
export function isThree(code) {
  return code.includes('__THREE__') || code.includes('isWebGLRenderer');
}

/**
 * The URLs of the resources `index.html` asks for before first paint.
 *
 * @param {string} html
 * @returns {string[]}
 */
export function firstPaintUrls(html) {
  const urls = [];
  // Comments hide tags from the browser, so from us too.
  const live = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of live.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const name = tag[1].toLowerCase();
    const attrs = attributes(tag[2]);
    if (name === 'script' && attrs.src) urls.push(attrs.src);
    if (name === 'link' && attrs.href) {
      const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
      if (rel.some((r) => r === 'stylesheet' || r === 'modulepreload' || r === 'preload')) {
        urls.push(attrs.href);
      }
    }
  }
  return urls;
}

/** @param {string} text */
function attributes(text) {
  /** @type {Record<string, string>} */
  const attrs = {};
  for (const m of text.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    attrs[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return attrs;
}

/**
 * A URL from `index.html` as a path inside the build, or null for one on another origin. Vite
 * writes `./assets/x.js` with `base: './'` and `/assets/x.js` with the default base.
 *
 * @param {string} url
 */
function toDistPath(url) {
  if (/^([a-z][a-z0-9+.-]*:)?\/\//i.test(url) || url.startsWith('data:')) return null;
  const path = url.split(/[?#]/, 1)[0];
  return posix.normalize(path.replace(/^\.?\//, ''));
}

/**
 * @param {string} distDir
 * @param {string} file
 * @returns {Promise<FileSize>}
 */
async function sizeOf(distDir, file) {
  const data = await readFile(join(distDir, file));
  return { file, bytes: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

/**
 * Files under `dir`, relative to it, with `/` separators.
 *
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
async function listFiles(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)).split(sep).join('/'));
}

/**
 * The chunks a page loads for one lazily loaded chunk: `start` (e.g. `assets/PlaygroundPage-x.js`)
 * and every chunk it imports, statically or dynamically, transitively, leaving out `shared` (the
 * files every page has loaded already, such as the entry). Imports are read from the built code:
 * every string literal that names a sibling chunk (`"./name-hash.js"`), which covers `import`,
 * `from`, `import(` and the dependency lists Vite preloads with a dynamic import.
 *
 * @param {string} distDir
 * @param {string} start a path inside the build, `/` separators
 * @param {Iterable<string>} [shared]
 * @returns {Promise<string[]>} the chunks, `start` first
 */
export async function chunkClosure(distDir, start, shared = []) {
  const skip = new Set(shared);
  const seen = [start];
  for (let k = 0; k < seen.length; k++) {
    const code = await readFile(join(distDir, seen[k]), 'utf8');
    const dir = posix.dirname(seen[k]);
    for (const m of code.matchAll(/["'`](\.\.?\/[\w.-]+\.js)["'`]/g)) {
      const file = posix.join(dir, m[1]);
      if (!skip.has(file) && !seen.includes(file)) seen.push(file);
    }
  }
  return seen;
}

/**
 * What opening the playground loads beyond the entry that every page loads: its own chunk and
 * the chunks it imports (the shared views, the 3-D plot when it comes into view).
 *
 * @param {string} distDir
 * @returns {Promise<string[]>}
 */
export async function playgroundChunks(distDir) {
  const assets = await listFiles(join(distDir, 'assets'));
  const page = assets.find((f) => /^PlaygroundPage-[\w-]+\.js$/.test(f));
  if (!page) throw new Error(`no PlaygroundPage chunk in ${distDir}/assets`);
  const html = await readFile(join(distDir, 'index.html'), 'utf8');
  const entry = firstPaintUrls(html)
    .map(toDistPath)
    .filter((f) => f !== null);
  return chunkClosure(distDir, posix.join('assets', page), entry);
}

/** @param {number} n */
const kb = (n) => `${(n / 1000).toFixed(1)} kB`;

/** @param {BundleSizes} sizes */
function printTable(sizes) {
  const rows = [
    ...sizes.firstPaint.map((f) => ({ ...f, when: 'first paint' })),
    ...sizes.lazy.map((f) => ({ ...f, when: 'lazy' })),
  ];
  const width = Math.max(...rows.map((r) => r.file.length), 4);
  console.log(
    `${'file'.padEnd(width)}  ${'when'.padEnd(11)}  ${'raw'.padStart(10)}  gzip (level 9)`,
  );
  for (const r of rows) {
    console.log(
      `${r.file.padEnd(width)}  ${r.when.padEnd(11)}  ${kb(r.bytes).padStart(10)}  ${kb(r.gzip).padStart(10)}`,
    );
  }
  const lazyGzip = sizes.lazy.reduce((sum, f) => sum + f.gzip, 0);
  console.log(
    `\nfirst paint: ${kb(sizes.firstPaintGzip)} gzip of ${kb(FIRST_PAINT_BUDGET_GZIP)} allowed` +
      `${sizes.threeInFirstPaint ? ', and three.js is in it' : ', three.js not in it'}`,
  );
  console.log(`lazy: ${kb(lazyGzip)} gzip in ${sizes.lazy.length} files`);
}

/**
 * @param {string} distDir
 * @param {string[]} chunks
 */
async function printPlayground(distDir, chunks) {
  const sizes = await Promise.all(chunks.map((f) => sizeOf(distDir, f)));
  const gzip = sizes.reduce((sum, f) => sum + f.gzip, 0);
  console.log(`playground, beyond the entry: ${kb(gzip)} gzip in ${chunks.join(', ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = await bundleSizes(process.argv[2] ?? 'dist', process.argv[3] ?? 'dream-big.html');
  printTable(sizes);
  await printPlayground(
    process.argv[2] ?? 'dist',
    await playgroundChunks(process.argv[2] ?? 'dist'),
  );
  if (sizes.firstPaintGzip > FIRST_PAINT_BUDGET_GZIP || sizes.threeInFirstPaint)
    process.exitCode = 1;
}
