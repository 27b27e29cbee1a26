/**
 * What the browser tests need: Chromium (CHROMIUM_PATH, default Debian's /usr/bin/chromium), the
 * apps built by Vite into a temporary folder, a temporary SQLite database holding the worked example
 * of statistics.md §12, and one Hono server on a free port serving both apps and the API.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { TEST_SCRYPT_COST, createAccount } from '@thads/api';
import {
  CLI_ACTOR,
  importCases,
  importOfficers,
  importUnits,
  migrateToLatest,
  openDatabase,
  type ImportResult,
  type InputFile,
  type OpenedDatabase,
} from '@thads/db';
import { createApp } from '@thads/server/http';
import { chromium, type BrowserContext } from 'playwright-core';

const run = promisify(execFile);
const HERE = dirname(fileURLToPath(import.meta.url));
const APPS = resolve(HERE, '../..');

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The launch flags of notes/toolchain.md: nothing may reach the internet. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function fixture(name: string): InputFile {
  return { name, text: readFileSync(join(HERE, 'fixtures', 'worked-example', name), 'utf8') };
}

function ok(result: ImportResult): void {
  if (result.issues.length > 0) throw new Error(`import failed: ${JSON.stringify(result.issues)}`);
}

async function importWorkedExample(db: OpenedDatabase['db']): Promise<void> {
  ok(await importUnits(db, fixture('units.csv')));
  ok(await importOfficers(db, fixture('officers.csv')));
  ok(
    await importCases(
      db,
      { cases: fixture('cases.csv'), events: fixture('events.csv') },
      { today: '2025-11-25' },
    ),
  );
}

/**
 * The accounts of the browser tests: username → role; the password is `<username>-demo`. `chv` is
 * linked to officer BDI-1.
 */
export const ACCOUNTS = {
  admin: 'admin',
  quanly: 'cuc_manager',
  vanthu: 'clerk',
  truongbadinh: 'unit_head',
  lanhdao: 'leadership',
  chv: 'officer',
  chvbinh: 'officer',
} as const;

/**
 * The officer record an officer account is linked to: Nguyễn Văn An (BDI-1) holds c1 of §12;
 * BDI-2 holds c8 and c12.
 */
const OFFICER_OF: Readonly<Record<string, string>> = { chv: 'BDI-1', chvbinh: 'BDI-2' };

async function createAccounts(db: OpenedDatabase['db']): Promise<void> {
  for (const [username, role] of Object.entries(ACCOUNTS)) {
    await createAccount(
      db,
      {
        username,
        displayName: `Tài khoản ${username}`,
        role,
        unit: role === 'clerk' || role === 'unit_head' ? 'HN-BDI' : null,
        officer: OFFICER_OF[username] ?? null,
        password: `${username}-demo`,
      },
      { actor: CLI_ACTOR, now: new Date(), cost: TEST_SCRYPT_COST },
    );
  }
}

/**
 * `vite build` of apps/<name> into `outDir`, with the app's own vite.config.ts, in a child process
 * with NODE_ENV=production (Vitest sets NODE_ENV=test, which would bundle React's development build).
 */
async function buildApp(name: 'console' | 'summary', outDir: string): Promise<void> {
  const root = join(APPS, name);
  await run(
    join(root, 'node_modules', '.bin', 'vite'),
    ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: root,
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}

export interface Stack {
  baseUrl: string;
  browser: BrowserContext;
  close(): Promise<void>;
}

export async function startStack(): Promise<Stack> {
  const work = mkdtempSync(join(tmpdir(), 'thads-e2e-'));
  const dist = { console: join(work, 'console'), summary: join(work, 'summary') };
  await buildApp('console', dist.console);
  await buildApp('summary', dist.summary);

  const opened = openDatabase(`sqlite:${join(work, 'thads.sqlite')}`);
  await migrateToLatest(opened.db);
  await importWorkedExample(opened.db);
  await createAccounts(opened.db);

  const app = createApp({
    db: opened.db,
    now: () => new Date(),
    builtApps: dist,
    passwordCost: TEST_SCRYPT_COST,
    decoyCost: TEST_SCRYPT_COST,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((done) =>
    server.listening ? done() : server.once('listening', () => done()),
  );
  const { port } = server.address() as AddressInfo;

  // A fresh profile every run: no state from earlier runs, nothing fetched from outside.
  const browser = await chromium.launchPersistentContext(join(work, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: CHROMIUM_FLAGS,
    locale: 'vi-VN',
    viewport: { width: 1280, height: 900 },
  });

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((done) => server.close(() => done()));
      await opened.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

/** Where screenshots go (ignored by git), for looking at what the tests saw. */
export const RESULTS_DIR = resolve(HERE, '../test-results');

export function chromiumAvailable(): boolean {
  return existsSync(chromiumPath);
}
