import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

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
    // The math core and the lesson data are pure: no React, three, zustand or DOM code in them,
    // so they can be tested in Node and reused anywhere. The math core imports only itself.
    files: ['src/math/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!\\./|\\.\\./math/|node:|vitest$)',
              message: 'src/math imports nothing outside src/math.',
            },
            { regex: '^\\.\\./\\.\\./', message: 'src/math imports nothing outside src/math.' },
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
