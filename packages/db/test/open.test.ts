import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_SQLITE_RELATIVE_PATH,
  REPOSITORY_ROOT,
  defaultSqlitePath,
  migrateToLatest,
  migrations,
  openDatabase,
  pendingMigrations,
} from '../src/index.js';
import { testDialects, useTestDatabase } from '../src/testing.js';
import { expectDomainError } from './helpers.js';

const dialects = await testDialects();
const temp = mkdtempSync(join(tmpdir(), 'thads-open-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('defaults to data/thads.sqlite under the repository root, creating the folder', async () => {
    expect(DEFAULT_SQLITE_RELATIVE_PATH).toBe('data/thads.sqlite');
    expect(defaultSqlitePath()).toBe(join(REPOSITORY_ROOT, 'data', 'thads.sqlite'));
    const opened = openDatabase(undefined, { rootDir: join(temp, 'root') });
    try {
      expect([opened.dialect, opened.isDefault, opened.location]).toEqual([
        'sqlite',
        true,
        join(temp, 'root', 'data', 'thads.sqlite'),
      ]);
      expect(await migrateToLatest(opened.db)).toEqual(Object.keys(migrations));
      expect(await migrateToLatest(opened.db)).toEqual([]);
      expect(await pendingMigrations(opened.db)).toEqual([]);
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(opened.db);
      expect(mode.rows[0]?.journal_mode).toBe('wal');
      const timeout = await sql<{ timeout: bigint }>`pragma busy_timeout`.execute(opened.db);
      expect(timeout.rows[0]?.timeout).toBe(5000n);
    } finally {
      await opened.close();
    }
    expect(openDatabase('', { rootDir: join(temp, 'root') }).location).toBe(
      join(temp, 'root', 'data', 'thads.sqlite'),
    );
  });

  it('takes sqlite:relative paths from the given directory, and sqlite::memory:', async () => {
    const file = openDatabase('sqlite:sub/x.sqlite', { cwd: temp });
    expect(file.location).toBe(join(temp, 'sub', 'x.sqlite'));
    await file.close();
    const memory = openDatabase('sqlite::memory:');
    expect([memory.dialect, memory.location]).toEqual(['sqlite', ':memory:']);
    await memory.close();
  });

  it('opens PostgreSQL lazily and hides the password in its location', async () => {
    const opened = openDatabase('postgres://thads:secret@127.0.0.1:1/nowhere');
    expect([opened.dialect, opened.location]).toEqual([
      'postgres',
      'postgres://thads:***@127.0.0.1:1/nowhere',
    ]);
    await opened.close();
  });

  it('rejects a URL it does not understand, in Vietnamese', async () => {
    await expectDomainError(
      Promise.resolve().then(() => openDatabase('mysql://x')),
      'INVALID_INPUT',
      /DATABASE_URL không hợp lệ/,
    );
    await expectDomainError(
      Promise.resolve().then(() => openDatabase('sqlite:')),
      'INVALID_INPUT',
      /thiếu đường dẫn/,
    );
  });
});

describe.each(dialects)('64-bit integers on $label', (dialect) => {
  const t = useTestDatabase(dialect);

  it('round-trips money beyond 2^53 exactly, as bigint, and counts as bigint', async () => {
    const big = [9_007_199_254_740_993n, 9_223_372_036_854_775_807n, 123_456_789_012_345_678n];
    await t.db
      .insertInto('units')
      .values({ code: 'U', name: 'Đơn vị', kind: 'cuc', parent: null, active: 1 })
      .execute();
    for (const [i, amount] of big.entries()) {
      await t.db
        .insertInto('cases')
        .values({
          id: `m${i}`,
          unit: 'U',
          received_on: '2017-01-01',
          amount,
          mode: null,
          officer: null,
          judgment_ref: null,
          decision_no: null,
          decision_date: null,
          obligation: null,
          debtor_name: null,
          debtor_address: null,
          reverify_yearly: 0,
        })
        .execute();
    }
    const rows = await t.db.selectFrom('cases').select(['id', 'amount']).orderBy('id').execute();
    expect(rows.map((r) => r.amount)).toEqual(big);
    expect(rows.every((r) => typeof r.amount === 'bigint')).toBe(true);
    const count = await t.db
      .selectFrom('cases')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(3n);
  });
});

// Only a real server can end a connection from the outside; PGlite runs in process.
const server = dialects.find((d) => d.label === 'postgres (server)');
describe.skipIf(!server)('a PostgreSQL pool whose idle connection the server ends', () => {
  it('logs it and carries on with a new connection instead of crashing the process', async () => {
    const url = process.env.THADS_TEST_POSTGRES_URL!;
    const opened = openDatabase(url);
    const logged: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void logged.push(args.join(' '));
    try {
      const first = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(opened.db);
      const pid = first.rows[0]!.pid;
      // Another connection ends the pool's idle one, as an administrator or a restart would.
      const other = openDatabase(url);
      await sql`select pg_terminate_backend(${pid})`.execute(other.db);
      await other.close();
      await expect.poll(() => logged.length, { timeout: 5000 }).toBe(1);
      expect(logged[0]).toMatch(/^\[thads\] một kết nối PostgreSQL nhàn rỗi bị ngắt: /);
      const again = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(opened.db);
      expect(again.rows[0]!.pid).not.toBe(pid);
    } finally {
      console.error = original;
      await opened.close();
    }
  });
});

describe('kept SQLite statements', () => {
  it('follow schema changes: a kept `select *` sees an added column and a table made anew', async () => {
    const opened = openDatabase('sqlite::memory:');
    // A scratch table outside the schema: the untyped instance.
    const db = opened.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    try {
      await sql`create table scratch (x integer)`.execute(db);
      await db
        .insertInto('scratch')
        .values([{ x: 1 }, { x: 2 }])
        .execute();
      const all = () => db.selectFrom('scratch').selectAll().orderBy('x').execute();
      expect(await all()).toEqual([{ x: 1n }, { x: 2n }]);
      expect(await all()).toEqual([{ x: 1n }, { x: 2n }]);
      await sql`alter table scratch add column y text default 'a'`.execute(db);
      expect(await all()).toEqual([
        { x: 1n, y: 'a' },
        { x: 2n, y: 'a' },
      ]);
      await sql`drop table scratch`.execute(db);
      await sql`create table scratch (x integer, z text)`.execute(db);
      await db.insertInto('scratch').values({ x: 5, z: 'b' }).execute();
      expect(await all()).toEqual([{ x: 5n, z: 'b' }]);
    } finally {
      await opened.close();
    }
  });
});
