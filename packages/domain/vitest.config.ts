import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The property tests take ~1.5 s alone but several times that when turbo runs every package at
  // once on two cores.
  test: { include: ['test/**/*.test.ts', 'src/**/*.test.ts'], testTimeout: 60_000 },
});
