import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Rendering and reading back a PDF in a beforeAll hook takes a few seconds alone, far more when
  // turbo runs every package's tests at once on two cores: the hooks get the tests' room.
  test: {
    include: ['test/**/*.test.ts', 'src/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
