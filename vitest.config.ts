import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // CLI tests spawn the built program; give them room on a loaded 2-core machine.
    testTimeout: 30_000,
    pool: 'forks',
  },
});
