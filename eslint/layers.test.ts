/**
 * The layer rule (eslint/layers.js) run through ESLint's Node API on small source trees written
 * to a temporary folder: an upward import, a file cycle and a folder cycle are errors; imports
 * down the layers, and tests, are not.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterEach, describe, expect, it } from 'vitest';
import { fileCycles, buildGraph } from './importGraph.js';
import local from './layers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A project folder holding `files` (paths under it), and an ESLint running the rule alone. */
function project(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'));
  dirs.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        files: ['**/*.{ts,tsx}'],
        languageOptions: { parser: tseslint.parser },
        plugins: { local },
        rules: { 'local/layers': 'error' },
      },
    ],
  });
  /** The rule's messages for `path`, linting `text` (default: the file as written). */
  const lint = async (path: string, text = files[path] ?? '') => {
    const [result] = await eslint.lintText(text, { filePath: join(dir, path) });
    return result!.messages.map((m) => `${m.line}: ${m.message}`);
  };
  return { dir, lint };
}

const BASE = {
  'src/math/tensor.ts': 'export type Tensor = { data: Float32Array };\n',
  'src/view/colors.ts': 'export const c = 1;\n',
  'src/components/Plot.tsx': 'export const Plot = () => null;\n',
  'src/main.tsx': "import { Plot } from './components/Plot';\nexport default Plot;\n",
};

describe('local/layers', () => {
  it('accepts imports of its own layer and lower ones', async () => {
    const { lint } = project(BASE);
    expect(await lint('src/view/colors.ts')).toEqual([]);
    expect(await lint('src/main.tsx')).toEqual([]);
    expect(
      await lint(
        'src/components/List.tsx',
        "import { c } from '../view/colors';\nimport { Plot } from './Plot';\nexport { c, Plot };\n",
      ),
    ).toEqual([]);
  });

  it('fails on an import from a higher layer, of any kind', async () => {
    const { lint } = project(BASE);
    const text = [
      "import { c } from '../view/colors';",
      "import type { Plot } from '../components/Plot';",
      "export { Plot as P } from '../components/Plot';",
      "export const load = () => import('../components/Plot');",
      "export type M = typeof import('../main');",
      'export const k = c;',
    ].join('\n');
    const messages = await lint('src/math/ops.ts', text);
    expect(messages).toHaveLength(5);
    expect(messages[0]).toMatch(
      /^1: src\/math is below src\/view in the layers \(src\/math < src\/view < .*\), so it may not import src\/view\/colors\.ts\./,
    );
    expect(messages[1]).toMatch(
      /^2: src\/math is below src\/components .* src\/components\/Plot\.tsx/,
    );
    expect(messages.slice(2).map((m) => m.slice(0, 3))).toEqual(['3: ', '4: ', '5: ']);
    expect(messages[4]).toMatch(/below src\/\* .* src\/main\.tsx/);
  });

  it('lets a test import any layer', async () => {
    const { lint } = project(BASE);
    expect(await lint('src/math/ops.test.ts', "import { c } from '../view/colors';\nc;\n")).toEqual(
      [],
    );
  });

  it('fails on a folder that is in no layer', async () => {
    const { lint } = project(BASE);
    expect(await lint('src/extras/x.ts', 'export const x = 1;\n')).toEqual([
      '1: src/extras is in no layer: add it to LAYERS in eslint/importGraph.js.',
    ]);
  });

  it('fails on an import cycle between files, with the cycle', async () => {
    const files = {
      ...BASE,
      'src/view/a.ts': "import type { B } from './b';\nexport type A = B[];\n",
      'src/view/b.ts': "import { c } from './c';\nexport type B = typeof c;\n",
      'src/view/c.ts': "import type { A } from './a';\nexport const c: A | null = null;\n",
    };
    const { dir, lint } = project(files);
    expect(await lint('src/view/a.ts')).toEqual([
      '1: This import closes an import cycle: src/view/a.ts -> src/view/b.ts -> src/view/c.ts -> src/view/a.ts.',
    ]);
    // The text being linted counts, not the file on disk: without the import, no cycle.
    expect(await lint('src/view/a.ts', 'export type A = number[];\n')).toEqual([]);
    // npm run graph finds the same cycle.
    expect(fileCycles(buildGraph(join(dir, 'src')))).toEqual([
      ['view/a.ts', 'view/b.ts', 'view/c.ts', 'view/a.ts'],
    ]);
  });

  it('fails on a cycle between folders, where the import that closes it is downward', async () => {
    const files = {
      ...BASE,
      // The upward import (an error of its own) ...
      'src/math/ops.ts': "import { c } from '../view/colors';\nexport const k = c;\n",
      // ... makes this downward one close a cycle view -> math -> view (no file cycle).
      'src/view/heat.ts': "import { k } from '../math/ops';\nexport const h = k;\n",
    };
    const { lint } = project(files);
    expect(await lint('src/view/heat.ts')).toEqual([
      '1: This import closes a cycle between folders: src/view -> src/math -> src/view.',
    ]);
    expect(await lint('src/math/ops.ts')).toEqual([
      expect.stringMatching(/^1: src\/math is below src\/view/),
      '1: This import closes a cycle between folders: src/math -> src/view -> src/math.',
    ]);
  });
});
