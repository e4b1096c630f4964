import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    reporters: ['default', './tests/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          root: 'tests/unit',
          include: ['**/*.test.ts'],
          // A file's first render builds the whole Markdown processor (Shiki, KaTeX, the glossary's
          // matchers): a few seconds alone, more beside the e2e browsers on a 2-core machine.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'code',
          root: 'tests/code',
          include: ['**/*.test.ts'],
          // The blocks are small Python programs; two at a time on a 2-core machine.
          maxConcurrency: 2,
        },
      },
      {
        test: {
          name: 'bad-input',
          root: 'tests/bad-input',
          include: ['**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          root: 'tests/e2e',
          include: ['**/*.test.ts'],
          globalSetup: ['./global-setup.ts'],
          // One build and one preview server serve every file; the files share a 2-core machine.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
