import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    // PGlite boots a WebAssembly PostgreSQL per test file; a real server creates a database.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
