import { defineConfig } from 'vitest/config';

export default defineConfig({
  // PGlite boots a WebAssembly PostgreSQL: on a busy 2-core machine that takes more than 10 s.
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
});
