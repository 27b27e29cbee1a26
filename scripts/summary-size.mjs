#!/usr/bin/env node
// `pnpm --filter @thads/summary size` (or `node scripts/summary-size.mjs`): builds the leadership
// summary for production into a temporary folder and prints the bytes of JavaScript the first page
// needs (the entry script and the chunks index.html preloads: the login form and the overview),
// raw and gzip (level 9, about what a server sends compressed), then the stylesheet and the chunks
// loaded later on demand (other pages, charts). `--max-gzip N` exits 1 when the first page's
// JavaScript is over N gzip bytes; `--json` prints the figures as JSON.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const app = join(root, 'apps', 'summary');
const args = process.argv.slice(2);
const maxGzip = args.includes('--max-gzip') ? Number(args[args.indexOf('--max-gzip') + 1]) : null;
const asJson = args.includes('--json');

const out = mkdtempSync(join(tmpdir(), 'thads-summary-size-'));
try {
  execFileSync(
    join(app, 'node_modules', '.bin', 'vite'),
    ['build', '--outDir', out, '--emptyOutDir', '--logLevel', 'error', '--sourcemap', 'false'],
    { cwd: app, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const base = '/summary/';
  const local = (url) => (url.startsWith(base) ? url.slice(base.length) : url.replace(/^\//, ''));
  const first = new Set();
  for (const m of html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)) first.add(local(m[1]));
  for (const m of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)) first.add(local(m[1]));
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => local(m[1]));
  const measure = (file) => {
    const bytes = readFileSync(join(out, file));
    return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };
  const firstPage = [...first].map(measure);
  const lazy = readdirSync(join(out, 'assets'))
    .map((f) => `assets/${f}`)
    .filter((f) => f.endsWith('.js') && !first.has(f))
    .map(measure);
  const styles = css.map(measure);
  const sum = (list, key) => list.reduce((n, x) => n + x[key], 0);
  const total = { raw: sum(firstPage, 'raw'), gzip: sum(firstPage, 'gzip') };
  if (asJson) {
    console.log(JSON.stringify({ firstPage, total, styles, lazy }, null, 2));
  } else {
    const kb = (n) => `${(n / 1024).toFixed(1).padStart(7)} KiB`;
    const row = (label, x) => console.log(`${label.padEnd(44)} ${kb(x.raw)} raw ${kb(x.gzip)} gzip`);
    console.log('Leadership summary: JavaScript of the first page (login, overview)');
    for (const f of firstPage) row(`  ${f.file}`, f);
    row('  total', total);
    console.log('Stylesheet');
    for (const f of styles) row(`  ${f.file}`, f);
    console.log('Loaded on demand (other pages, charts)');
    for (const f of lazy) row(`  ${f.file}`, f);
    console.log(`First page JavaScript: ${total.raw} bytes raw, ${total.gzip} bytes gzip.`);
  }
  if (maxGzip !== null && total.gzip > maxGzip) {
    console.error(`Over budget: ${total.gzip} bytes gzip > ${maxGzip}.`);
    process.exitCode = 1;
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
