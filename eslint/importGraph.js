/**
 * The import graph of the app's sources: which file imports which, read from disk with
 * TypeScript's own import scanner (static and dynamic imports, re-exports, `import type` and
 * `typeof import()`: a type-only import is still a dependency between layers). Shared by the
 * layer lint rule (eslint/layers.js) and `npm run graph` (scripts/import-graph.mjs).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/**
 * The layers, lowest first: a file may import its own layer and lower ones only. A layer is a
 * folder directly under src; `entry` holds the files at the top of src itself (main.tsx,
 * prerender.tsx), which nothing imports.
 */
export const LAYERS = [
  'math',
  'view',
  'train',
  'lessons',
  'export',
  'app',
  'state',
  'scene',
  'components',
  'playground',
  'entry',
];

export const ENTRY = 'entry';

const SOURCE = /\.(ts|tsx|js|mjs)$/;
/** Tests are leaves (nothing imports them) and may reach across layers to check them together. */
/** @param {string} file */
export const isTest = (file) => /\.test\.(ts|tsx|js|mjs)$/.test(file);
const RESOLVE = ['', '.ts', '.tsx', '.js', '.mjs', '/index.ts', '/index.tsx', '/index.js'];

/**
 * The module specifiers a source text imports, in order (packages included).
 *
 * @param {string} text
 * @returns {string[]}
 */
export function importsOf(text) {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/**
 * The file a relative specifier names, as a path relative to `root` with `/` separators, or
 * null for a package or a file that does not exist. `from` is relative to `root` too.
 *
 * @param {string} root
 * @param {string} from
 * @param {string} specifier
 * @returns {string | null}
 */
export function resolveImport(root, from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = join(root, dirname(from), specifier);
  for (const ext of RESOLVE) {
    if (fileExists(base + ext)) return toPosix(relative(root, base + ext));
  }
  return null;
}

/** @param {string} path */
function fileExists(path) {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** @param {string} p */
const toPosix = (p) => p.split(sep).join('/');

/**
 * The folder of a file for the layer order: its first folder under root, or ENTRY at the top.
 *
 * @param {string} file
 */
export function folderOf(file) {
  const slash = file.indexOf('/');
  return slash < 0 ? ENTRY : file.slice(0, slash);
}

/**
 * The position of a folder in LAYERS, or -1 for a folder that is not in it.
 *
 * @param {string} folder
 */
export const layerIndex = (folder) => LAYERS.indexOf(folder);

/**
 * The source files under root, tests left out (relative, `/` separators, sorted).
 *
 * @param {string} root
 * @returns {string[]}
 */
export function sourceFiles(root) {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter(
      (e) => e.isFile() && SOURCE.test(e.name) && !e.name.endsWith('.d.ts') && !isTest(e.name),
    )
    .map((e) => toPosix(relative(root, join(e.parentPath, e.name))))
    .sort();
}

/**
 * file -> the files it imports (relative to root; only files under root, in import order, one
 * entry per import statement).
 *
 * @param {string} root
 * @param {string[]} [files]
 * @returns {Map<string, string[]>}
 */
export function buildGraph(root, files = sourceFiles(root)) {
  /** @type {Map<string, string[]>} */
  const graph = new Map();
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    graph.set(file, edgesOf(root, file, importsOf(text)));
  }
  return graph;
}

/**
 * The resolved targets of `specifiers` imported by `file` (packages and misses dropped).
 *
 * @param {string} root
 * @param {string} file
 * @param {readonly string[]} specifiers
 */
export function edgesOf(root, file, specifiers) {
  /** @type {string[]} */
  const out = [];
  for (const s of specifiers) {
    const target = resolveImport(root, file, s);
    if (target !== null && SOURCE.test(target)) out.push(target);
  }
  return out;
}

/** @type {Map<string, { stamp: string, checked: number, graph: Map<string, string[]> }>} */
const cache = new Map();

/** How long a graph is used without looking at the files again (ms). */
const RECHECK_MS = 1000;

/**
 * buildGraph(root), kept between calls: after RECHECK_MS it looks again, and rebuilds when a
 * source file was added, removed or changed (an editor keeps one ESLint process running while
 * files change; a lint run checks each file against one graph).
 *
 * @param {string} root
 */
export function cachedGraph(root) {
  const abs = resolve(root);
  const hit = cache.get(abs);
  const now = Date.now();
  if (hit && now - hit.checked < RECHECK_MS) return hit.graph;
  const files = sourceFiles(abs);
  const stamp = files.map((f) => `${f}:${statSync(join(abs, f)).mtimeMs}`).join('|');
  if (hit && hit.stamp === stamp) {
    hit.checked = now;
    return hit.graph;
  }
  const graph = buildGraph(abs, files);
  cache.set(abs, { stamp, checked: Date.now(), graph });
  return graph;
}

/**
 * A shortest path from `start` to `goal` along `next`, both ends included, or null. Used for
 * cycles: an edge a -> b closes one when b already reaches a.
 *
 * @param {string} start
 * @param {string} goal
 * @param {(node: string) => Iterable<string>} next
 * @returns {string[] | null}
 */
export function pathBetween(start, goal, next) {
  /** @type {Map<string, string | null>} */
  const prev = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const node = /** @type {string} */ (queue.shift());
    if (node === goal) {
      const path = [];
      for (let n = /** @type {string | null} */ (goal); n !== null; n = prev.get(n) ?? null) {
        path.unshift(n);
      }
      return path;
    }
    for (const m of next(node)) {
      if (!prev.has(m)) {
        prev.set(m, node);
        queue.push(m);
      }
    }
  }
  return null;
}

/**
 * folder -> folder -> number of imports between files of those folders (self edges included).
 *
 * @param {Map<string, string[]>} graph
 */
export function folderEdges(graph) {
  /** @type {Map<string, Map<string, number>>} */
  const counts = new Map();
  for (const [file, targets] of graph) {
    const from = folderOf(file);
    for (const t of targets) {
      const to = folderOf(t);
      if (!counts.has(from)) counts.set(from, new Map());
      const row = /** @type {Map<string, number>} */ (counts.get(from));
      row.set(to, (row.get(to) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Every file-level import cycle, each as a path that starts and ends at the same file.
 *
 * @param {Map<string, string[]>} graph
 * @returns {string[][]}
 */
export function fileCycles(graph) {
  // Tarjan's strongly connected components; each component of 2+ files (or a file importing
  // itself) holds at least one cycle, reported as a shortest one through its first file.
  let index = 0;
  /** @type {Map<string, number>} */
  const idx = new Map();
  /** @type {Map<string, number>} */
  const low = new Map();
  /** @type {string[]} */
  const stack = [];
  const on = new Set();
  /** @type {string[][]} */
  const comps = [];
  /** @param {string} v */
  const visit = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(
          v,
          Math.min(/** @type {number} */ (low.get(v)), /** @type {number} */ (low.get(w))),
        );
      } else if (on.has(w)) {
        low.set(
          v,
          Math.min(/** @type {number} */ (low.get(v)), /** @type {number} */ (idx.get(w))),
        );
      }
    }
    if (low.get(v) === idx.get(v)) {
      /** @type {string[]} */
      const comp = [];
      /** @type {string} */
      let w;
      do {
        w = /** @type {string} */ (stack.pop());
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      comps.push(comp.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  /** @type {string[][]} */
  const cycles = [];
  for (const comp of comps) {
    const first = /** @type {string} */ (comp[0]);
    const self = (graph.get(first) ?? []).includes(first);
    if (comp.length < 2 && !self) continue;
    const inComp = new Set(comp);
    /** @param {string} n */
    const next = (n) => (graph.get(n) ?? []).filter((m) => inComp.has(m));
    if (self) {
      cycles.push([first, first]);
      continue;
    }
    const back = next(first)
      .map((m) => pathBetween(m, first, next))
      .filter((p) => p !== null)
      .sort((a, b) => a.length - b.length)[0];
    if (back) cycles.push([first, ...back]);
  }
  return cycles;
}
