import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * The development API server (apps/server `pnpm dev`). Vite proxies /trpc, /auth and /health to it
 * keeping the Host header (changeOrigin: false): the API's Origin check then sees the page's own
 * origin, and the session cookie is set for this dev server's host.
 */
const API = { target: 'http://127.0.0.1:3000', changeOrigin: false };
const PROXY = { '/trpc': API, '/auth': API, '/health': API };

export default defineConfig({
  // The production server serves the built summary under /summary/.
  base: '/summary/',
  plugins: [react()],
  server: { port: 5174, strictPort: true, proxy: PROXY },
  preview: { port: 4174, strictPort: true, proxy: PROXY },
  build: { outDir: 'dist', sourcemap: true },
  test: { include: ['test/**/*.test.tsx', 'test/**/*.test.ts'] },
});
