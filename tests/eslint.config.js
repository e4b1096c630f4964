// Lint for the TypeScript and JavaScript of the site, its scripts and tests (`npm run lint`, part of
// `npm test`). Syntax-only rules, no type information: fast, and `astro check` does the types.
// .astro files are type-checked by `astro check`; their frontmatter scripts are not linted here.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The config lives in tests/ to keep the top level of the repository to the site; `basePath` makes
// its patterns and the files it lints the whole repository, not this folder.
export default defineConfig(
  { basePath: '..' },
  { ignores: ['dist/', '**/.astro/', 'node_modules/', 'tests/e2e/.output/', 'tests/fixtures/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks a parameter kept for its position (e.g. a replace callback's whole match).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always'],
      'prefer-const': 'error',
      'no-console': 'off',
    },
  },
);
