/**
 * A local ESLint rule, `local/layers` (issue #13): the folders of src are layers (LAYERS in
 * ./importGraph.js, lowest first), and a file imports only its own layer and lower ones. It also
 * fails on an import that closes a cycle, between files or between folders. The rest of the
 * graph is read from disk once (and again when a file changes); the file being linted counts
 * with its imports as ESLint sees them, so an editor's unsaved text is checked too.
 *
 * Options: `{ root }`, the folder whose subfolders are the layers, relative to ESLint's cwd
 * (default `src`). Files outside it are not checked. Test files may import any layer (nothing
 * imports them, so they are in no cycle either).
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import {
  cachedGraph,
  ENTRY,
  folderOf,
  isTest,
  LAYERS,
  layerIndex,
  pathBetween,
  resolveImport,
} from './importGraph.js';

/** @param {string} folder */
const shown = (folder) => (folder === ENTRY ? 'src/*' : `src/${folder}`);
const ORDER = LAYERS.map(shown).join(' < ');

/** @type {import('eslint').Rule.RuleModule} */
const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports point down the layers of src, and close no cycle' },
    schema: [
      {
        type: 'object',
        properties: { root: { type: 'string' } },
        additionalProperties: false,
      },
    ],
    messages: {
      upward:
        '{{from}} is below {{to}} in the layers ({{order}}), so it may not import {{target}}. ' +
        'Move what both need down a layer, or pass it in from above.',
      noLayer: '{{folder}} is in no layer: add it to LAYERS in eslint/importGraph.js.',
      fileCycle: 'This import closes an import cycle: {{cycle}}.',
      folderCycle: 'This import closes a cycle between folders: {{cycle}}.',
    },
  },

  create(context) {
    const options = /** @type {{ root?: string }} */ (context.options[0] ?? {});
    const root = resolve(context.cwd, options.root ?? 'src');
    const rel = relative(root, context.filename);
    if (rel.startsWith('..') || isAbsolute(rel)) return {};
    const file = rel.split(sep).join('/');
    const folder = folderOf(file);
    const test = isTest(file);

    /** @type {{ node: import('estree').Node, target: string }[]} */
    const imports = [];
    /** @param {import('estree').Node | null | undefined} source */
    const add = (source) => {
      if (source?.type !== 'Literal' || typeof source.value !== 'string') return;
      const target = resolveImport(root, file, source.value);
      if (target !== null) imports.push({ node: source, target });
    };

    return {
      ImportDeclaration: (node) => add(node.source),
      ExportNamedDeclaration: (node) => add(node.source),
      ExportAllDeclaration: (node) => add(node.source),
      ImportExpression: (node) => add(node.source),
      // `typeof import('./x')`: typescript-eslint's node, absent from ESLint's own types (its
      // `source`; older versions had `argument`, a literal type around it).
      /** @param {any} node */
      TSImportType(node) {
        if ('source' in node) add(node.source);
        else add(node.argument?.type === 'TSLiteralType' ? node.argument.literal : node.argument);
      },

      'Program:exit'(program) {
        if (layerIndex(folder) < 0) {
          context.report({ node: program, messageId: 'noLayer', data: { folder: shown(folder) } });
          return;
        }
        if (test) return;
        const rank = layerIndex(folder);
        for (const { node, target } of imports) {
          const to = folderOf(target);
          if (layerIndex(to) > rank) {
            context.report({
              node,
              messageId: 'upward',
              data: { from: shown(folder), to: shown(to), order: ORDER, target: `src/${target}` },
            });
          }
        }

        // The graph on disk, with this file's imports as they are now.
        const disk = cachedGraph(root);
        const graph = new Map(disk);
        graph.set(
          file,
          imports.map((i) => i.target),
        );
        /** @param {string} n */
        const next = (n) => graph.get(n) ?? [];
        /** @type {Map<string, Set<string>>} */
        const folders = new Map();
        for (const [from, targets] of graph) {
          const f = folderOf(from);
          for (const t of targets) {
            if (folderOf(t) === f) continue;
            if (!folders.has(f)) folders.set(f, new Set());
            folders.get(f)?.add(folderOf(t));
          }
        }

        const reported = new Set();
        for (const { node, target } of imports) {
          const back = pathBetween(target, file, next);
          if (back && !reported.has(target)) {
            reported.add(target);
            context.report({
              node,
              messageId: 'fileCycle',
              data: { cycle: [file, ...back].map((f) => `src/${f}`).join(' -> ') },
            });
            continue;
          }
          const to = folderOf(target);
          if (to === folder) continue;
          const round = pathBetween(to, folder, (f) => folders.get(f) ?? []);
          if (round && !reported.has(to)) {
            reported.add(to);
            context.report({
              node,
              messageId: 'folderCycle',
              data: { cycle: [folder, ...round].map(shown).join(' -> ') },
            });
          }
        }
      },
    };
  },
};

/** The plugin, registered as `local` in eslint.config.js. */
export default { rules: { layers } };
