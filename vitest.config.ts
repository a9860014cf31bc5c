import { defineConfig } from 'vitest/config';

// Every trial starts real processes (~0.6–1 s each) on a 2-core machine: generous timeouts, at most two files at once.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: true,
    maxWorkers: 2,
  },
});
