import { defineConfig } from 'vitest/config';

// Every trial starts real processes (~0.6–1 s each) on a 2-core machine: generous timeouts, at most two files at once.
// The escape tests leave files at fixed paths in /tmp and /dev/shm on purpose, and a trial running beside them in
// another test file could not tell those from its own (a blind spot the report states): they run afterwards, alone.
// So do the Python runtimes' tests: multiprocessing makes its semaphores in /dev/shm.
export default defineConfig({
  test: {
    globalSetup: ['test/setup/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'main',
          include: ['test/**/*.test.ts'],
          exclude: ['test/escapes/**', 'test/python/**'],
          fileParallelism: true,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: { name: 'escapes', include: ['test/escapes/**/*.test.ts', 'test/python/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
