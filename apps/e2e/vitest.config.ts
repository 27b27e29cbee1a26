import { defineConfig } from 'vitest/config';

// Browser tests: one file, run alone (they build the apps and drive Chromium).
export default defineConfig({
  test: {
    include: ['test/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
