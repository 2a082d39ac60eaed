import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import local from './eslint/layers.js';

/**
 * Import patterns that leave src/math: any package (tests may use `testing` ones) and `escape`
 * paths (`../` from src/math itself, `../../` from its subfolders).
 */
function mathOnly(escape, testing = []) {
  const message = 'src/math imports nothing outside src/math.';
  const allowed = ['\\.', ...testing].join('|');
  return [
    { regex: `^(?!(${allowed}))`, message },
    { group: [`${escape}*`], message },
  ];
}

const TEST_PACKAGES = ['vitest$', 'fast-check$', 'node:'];

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'e2e/artifacts', 'bench-results'] },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { ecmaVersion: 2022, globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Layers point one way (eslint/layers.js): math < view < lessons < export < app < state <
    // scene < components < playground < the entry points; no import cycles, between files or
    // folders.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { local },
    rules: { 'local/layers': 'error' },
  },
  {
    // The plot views are controlled: values, options, onMove and readOnly come in as props.
    files: ['src/components/PlotView.tsx', 'src/components/VectorPlot2D.tsx', 'src/scene/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/state/store', '**/state/sync', '**/playground/state'],
              message: 'Plot views read no store: the page passes values, options and readOnly.',
            },
          ],
        },
      ],
    },
  },
  {
    // The math core is pure: no React, three, zustand or DOM code, no packages, nothing outside
    // src/math, so it can be tested in Node and reused anywhere. Its tests may use test packages.
    files: ['src/math/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: mathOnly('../../') }] },
  },
  {
    files: ['src/math/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: mathOnly('../') }] },
  },
  {
    files: ['src/math/**/*.test.ts', 'src/math/fixtures/testing.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: mathOnly('../../', TEST_PACKAGES) }],
    },
  },
  {
    files: ['src/math/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: mathOnly('../', TEST_PACKAGES) }],
    },
  },
  {
    // Training runs in a worker as well as on the page: plain TypeScript over the math core.
    files: ['src/train/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(react|react-dom|three|@react-three/.*|zustand)(/.*)?$',
              message: 'src/train runs in a worker: no React, three or stores.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/lessons/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(react|react-dom|three|@react-three/.*|zustand)(/.*)?$',
              message: 'Lessons are data: they import only src/math and their own types.',
            },
          ],
        },
      ],
    },
  },
);
