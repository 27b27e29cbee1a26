import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** The development API server (apps/server `pnpm dev`); Vite proxies /trpc to it. */
const API = 'http://127.0.0.1:3000';

export default defineConfig({
  // The production server serves the built summary under /summary/.
  base: '/summary/',
  plugins: [react()],
  server: { port: 5174, strictPort: true, proxy: { '/trpc': API, '/health': API } },
  preview: { port: 4174, strictPort: true, proxy: { '/trpc': API } },
  build: { outDir: 'dist', sourcemap: true },
  test: { include: ['test/**/*.test.tsx', 'test/**/*.test.ts'] },
});
