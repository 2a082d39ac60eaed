import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Import patterns that leave src/math: packages (but vitest and node: in tests) and `escape` paths. */
function mathOnly(escape) {
  const message = 'src/math imports nothing outside src/math.';
  return [
    { regex: '^(?!\\.|node:|vitest$)', message },
    { group: [`${escape}*`], message },
  ];
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'e2e/artifacts'] },
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
    // The math core is pure: no React, three, zustand or DOM code, no packages, nothing outside
    // src/math, so it can be tested in Node and reused anywhere.
    files: ['src/math/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: mathOnly('../../') }],
    },
  },
  {
    files: ['src/math/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: mathOnly('../') }],
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
