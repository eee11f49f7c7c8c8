import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // CLI tests spawn the built program; give them room on a loaded 2-core machine.
    testTimeout: 30_000,
    pool: 'forks',
    coverage: {
      provider: 'v8',
      // The CLI tests run the bundled program in child processes, which v8 coverage of this
      // process cannot see: the figures are those of the in-process (core and io) tests.
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'text', 'html'],
      reportsDirectory: 'coverage',
    },
  },
});
