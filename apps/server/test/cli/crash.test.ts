/**
 * Crash safety (issue 4): an import process killed with SIGKILL in the middle of writing leaves
 * the database exactly as it was before the import (same report JSON, same row counts, the audit
 * trail intact), on SQLite and, when THADS_TEST_POSTGRES_URL is set, on PostgreSQL.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@thads/db';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

const here = dirname(fileURLToPath(import.meta.url));
const SERVER = resolve(here, '../..');
const FIXTURES = join(here, 'fixtures', 'worked-example');
const temp = mkdtempSync(join(tmpdir(), 'thads-crash-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const CASES = 40_000;

/** A large valid extract for HN-BDI (worked example units and officers). */
function writeExtract(): { cases: string; events: string } {
  const cases = ['case_id,unit,received_on,amount,mode,officer'];
  const events = ['case_id,date,kind,amount,officer,ground,decision_no'];
  const day = (n: number) =>
    new Date(Date.UTC(2016, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < CASES; i++) {
    const id = `CRASH-${String(i).padStart(6, '0')}`;
    const d = i % 500;
    cases.push(`${id},HN-BDI,${day(d)},4000000,chu_dong,BDI-${(i % 2) + 1}`);
    events.push(`${id},${day(d + 10)},pay,1000000,,,`, `${id},${day(d + 40)},verify,,,,`);
  }
  const paths = { cases: join(temp, 'big-cases.csv'), events: join(temp, 'big-events.csv') };
  writeFileSync(paths.cases, cases.join('\n') + '\n');
  writeFileSync(paths.events, events.join('\n') + '\n');
  return paths;
}

async function thads(databaseUrl: string, ...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t), isTTY: false },
    env: { DATABASE_URL: databaseUrl },
    cwd: temp,
    now: () => new Date('2025-11-26T03:00:00Z'),
  };
  const status = await main(argv, io);
  return { status, stdout, stderr };
}

async function snapshot(databaseUrl: string) {
  const report = await thads(
    databaseUrl,
    'report',
    '--unit',
    'HN',
    '--year',
    '2017',
    '--month',
    '12',
  );
  const opened = openDatabase(databaseUrl);
  const counts: Record<string, number> = {};
  for (const table of ['units', 'officers', 'cases', 'case_events', 'audit_log'] as const) {
    const row = await opened.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  await opened.close();
  return { report: report.stdout, counts };
}

/** Runs the import as a real process and SIGKILLs it once it has started writing. */
function importAndKill(databaseUrl: string, files: { cases: string; events: string }) {
  return new Promise<{ signal: NodeJS.Signals | null; code: number | null; stderr: string }>(
    (done, fail) => {
      // Node itself with tsx's loader: the `tsx` command would run the CLI in a child process,
      // which a SIGKILL of the parent would leave running.
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', 'src/cli/main.ts', 'import', 'cases', files.cases, files.events],
        {
          cwd: SERVER,
          env: { ...process.env, DATABASE_URL: databaseUrl, THADS_PROGRESS: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stderr = '';
      let killing = false;
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (chunk: string) => {
        stderr += chunk;
        // The transaction is open and the rows are being written: kill it a moment later.
        if (!killing && stderr.includes('Đang ghi')) {
          killing = true;
          setTimeout(() => child.kill('SIGKILL'), 250);
        }
      });
      child.on('error', fail);
      child.on('close', (code, signal) => done({ signal, code, stderr }));
    },
  );
}

async function crashTest(databaseUrl: string) {
  const fixture = (name: string) => join(FIXTURES, name);
  if (databaseUrl.startsWith('postgres'))
    expect((await thads(databaseUrl, 'migrate')).status).toBe(0);
  expect((await thads(databaseUrl, 'import', 'units', fixture('units.csv'))).status).toBe(0);
  expect((await thads(databaseUrl, 'import', 'officers', fixture('officers.csv'))).status).toBe(0);
  expect(
    (await thads(databaseUrl, 'import', 'cases', fixture('cases.csv'), fixture('events.csv')))
      .status,
  ).toBe(0);
  const before = await snapshot(databaseUrl);
  expect(before.counts.cases).toBe(13);

  const killed = await importAndKill(databaseUrl, writeExtract());
  expect(killed.stderr).toContain('Đang ghi 40000 việc');
  expect(killed.stderr).not.toMatch(/Việc: tạo mới/);
  expect(killed.signal).toBe('SIGKILL');

  expect(await snapshot(databaseUrl)).toEqual(before);
  const verify = await thads(databaseUrl, 'audit', 'verify');
  expect(verify.status).toBe(0);
  // The database is usable straight away: a small import goes through.
  expect(
    (await thads(databaseUrl, 'import', 'cases', fixture('cases.csv'), fixture('events.csv')))
      .stdout,
  ).toMatch(/không đổi 13/);
}

describe('an import killed mid-way leaves the database as it was', () => {
  it('on SQLite', async () => {
    await crashTest(`sqlite:${join(temp, 'crash.sqlite')}`);
  }, 180_000);

  const postgresUrl = process.env.THADS_TEST_POSTGRES_URL?.trim();
  it.runIf(Boolean(postgresUrl))(
    'on PostgreSQL',
    async () => {
      const name = `thads_crash_${process.pid}`;
      const admin = async (query: string) => {
        const client = new pg.Client({ connectionString: postgresUrl });
        await client.connect();
        try {
          await client.query(query);
        } finally {
          await client.end();
        }
      };
      await admin(`drop database if exists "${name}" with (force)`);
      await admin(`create database "${name}"`);
      try {
        const url = new URL(postgresUrl!);
        url.pathname = `/${name}`;
        await crashTest(url.toString());
      } finally {
        await admin(`drop database if exists "${name}" with (force)`);
      }
    },
    180_000,
  );
});
