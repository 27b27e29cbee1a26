#!/usr/bin/env node
// `pnpm dev`: the whole stack for development in one terminal. Runs the API (apps/server: migrates
// the database and loads the demo data when it has no units; port 3000) and the Vite dev servers of
// the console (5173) and the summary (5174), which proxy /trpc to the API. Prints the URLs once all
// three answer; Ctrl+C stops everything. If one of them stops, the others are stopped too.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const API_PORT = 3000;

const services = [
  {
    name: 'api',
    dir: 'apps/server',
    env: { PORT: String(API_PORT) },
    ready: `http://127.0.0.1:${API_PORT}/health`,
  },
  { name: 'console', dir: 'apps/console', env: {}, ready: 'http://localhost:5173/console/' },
  { name: 'summary', dir: 'apps/summary', env: {}, ready: 'http://localhost:5174/summary/' },
];

const colours = { api: 35, console: 36, summary: 33 };
const useColour = process.stdout.isTTY;
const prefix = (name) => {
  const label = `[${name}]`.padEnd(10);
  return useColour ? `\x1b[${colours[name]}m${label}\x1b[0m` : label;
};

function pipeLines(stream, name, out) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) out.write(`${prefix(name)} ${line}\n`);
  });
  stream.on('end', () => {
    if (rest) out.write(`${prefix(name)} ${rest}\n`);
  });
}

let stopping = false;
const children = services.map((service) => {
  // Each package's own `dev` script, run the way pnpm runs scripts (its node_modules/.bin first on
  // PATH) but without three pnpm processes racing over the workspace state at once.
  const dir = join(root, service.dir);
  const script = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts.dev;
  const path = [
    join(dir, 'node_modules/.bin'),
    join(root, 'node_modules/.bin'),
    process.env.PATH,
  ].join(delimiter);
  const child = spawn('sh', ['-c', script], {
    cwd: dir,
    env: { ...process.env, ...service.env, PATH: path, FORCE_COLOR: useColour ? '1' : '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A process group of its own, so stopping it also stops what the script started under it.
    detached: true,
  });
  pipeLines(child.stdout, service.name, process.stdout);
  pipeLines(child.stderr, service.name, process.stderr);
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(
      `${prefix(service.name)} đã dừng (${signal ?? `mã ${code}`}); dừng các dịch vụ còn lại.`,
    );
    stop(code ?? 1);
  });
  return child;
});

function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  for (const child of children) {
    if (child.exitCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  }
  setTimeout(() => process.exit(exitCode), 1500).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

const deadline = Date.now() + 180_000;
const pending = new Set(services);
while (pending.size > 0 && !stopping && Date.now() < deadline) {
  for (const service of [...pending]) if (await answers(service.ready)) pending.delete(service);
  if (pending.size > 0) await new Promise((r) => setTimeout(r, 500));
}
if (!stopping) {
  if (pending.size > 0) {
    console.error(`Chưa sẵn sàng sau 3 phút: ${[...pending].map((s) => s.name).join(', ')}`);
  } else {
    console.log(
      [
        '',
        'THADS đang chạy (Ctrl+C để dừng):',
        '  Bảng điều khiển của Cục:  http://localhost:5173/console/',
        '  Tóm tắt cho lãnh đạo:     http://localhost:5174/summary/',
        `  API (tRPC):               http://localhost:${API_PORT}/trpc   (kiểm tra: http://localhost:${API_PORT}/health)`,
        '',
      ].join('\n'),
    );
  }
}
