/**
 * The import graph between the folders of src (issue #13): how many imports go from each folder
 * to each other one, in layer order (eslint/importGraph.js), with the imports that go up a layer
 * and the file-level import cycles listed after the table. `src/*` is the files at the top of
 * src (the entry points). Test files are left out: nothing imports them, and a test may check
 * layers together (e.g. the token colours of every lesson).
 *
 *   npm run graph            (or: node scripts/import-graph.mjs [srcDir])
 *
 * Exits with 1 when an import goes up a layer, a folder is in no layer, or files import in a
 * cycle, so it doubles as a check outside ESLint.
 */
import { resolve } from 'node:path';
import {
  buildGraph,
  ENTRY,
  fileCycles,
  folderEdges,
  folderOf,
  LAYERS,
  layerIndex,
} from '../eslint/importGraph.js';

const root = resolve(process.argv[2] ?? 'src');
const graph = buildGraph(root);
const counts = folderEdges(graph);

/** @param {string} folder */
const name = (folder) => (folder === ENTRY ? 'src/*' : `src/${folder}`);
/** @param {string} folder */
const rank = (folder) => (layerIndex(folder) < 0 ? LAYERS.length : layerIndex(folder));
/** @type {(a: string, b: string) => number} */
const byLayer = (a, b) => rank(a) - rank(b) || a.localeCompare(b);
const folders = [...new Set([...graph.keys()].map(folderOf))].sort(byLayer);

console.log(`Layers, lowest first: ${LAYERS.map(name).join(' < ')}`);
console.log(
  `${graph.size} files, ${[...graph.values()].reduce((n, t) => n + t.length, 0)} imports\n`,
);
const width = Math.max(...folders.map((f) => name(f).length));
let problems = 0;
for (const from of folders) {
  const row = counts.get(from) ?? new Map();
  for (const to of [...row.keys()].sort(byLayer)) {
    const up = layerIndex(from) < 0 || layerIndex(to) > layerIndex(from);
    if (up) problems++;
    const mark = layerIndex(from) < 0 ? '  (folder in no layer)' : up ? '  UPWARD' : '';
    console.log(
      `${name(from).padEnd(width)} -> ${name(to).padEnd(width)} ${String(row.get(to)).padStart(4)}${mark}`,
    );
  }
}

const upward = [];
for (const [file, targets] of graph) {
  for (const t of targets) {
    if (layerIndex(folderOf(t)) > layerIndex(folderOf(file)) || layerIndex(folderOf(file)) < 0) {
      upward.push(`src/${file} -> src/${t}`);
    }
  }
}
if (upward.length > 0)
  console.log(`\nImports that go up a layer (${upward.length}):\n  ${upward.join('\n  ')}`);

const cycles = fileCycles(graph);
problems += cycles.length;
console.log(
  cycles.length === 0
    ? '\nNo import cycles between files.'
    : `\nImport cycles between files (${cycles.length}):\n  ${cycles.map((c) => c.join(' -> ')).join('\n  ')}`,
);
if (problems > 0) process.exitCode = 1;
