/**
 * Test databases over both dialects (`@thads/db/testing`), for this package's tests and for any
 * package that tests against a real database:
 *
 *   describe.each(testDialects())('$label', (dialect) => {
 *     const t = useTestDatabase(dialect); // beforeAll/afterAll: a fresh, migrated database
 *     it('…', async () => { await t.db.selectFrom('units')… });
 *   });
 *
 * - SQLite: in memory, always.
 * - PostgreSQL: the server of THADS_TEST_POSTGRES_URL when set, in a database created for the test
 *   file and dropped after it. Unset: PGlite (PostgreSQL compiled to WebAssembly, in process), so
 *   the PostgreSQL dialect is exercised on any machine. With THADS_REQUIRE_POSTGRES=1 a real server
 *   is mandatory: an unset URL or an unreachable server fails the tests instead of falling back.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { migrateToLatest } from './migrate.js';
import { createAuditGuards, dropAuditGuards } from './migrations/2025-11-26-accounts.js';
import { createVersionGuards, dropVersionGuards } from './migrations/2025-11-29-workflow.js';
import { openPostgres, openSqlite, redactUrl, type Dialect } from './open.js';
import type { Database } from './schema.js';

export interface TestDatabase {
  dialect: Dialect;
  db: Kysely<Database>;
  /** Deletes every row of every table. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Two connections to one fresh migrated database, as the server and the command line of one
 * deployment have: what one writes, the other must see.
 */
export interface TwoConnections {
  dialect: Dialect;
  first: Kysely<Database>;
  second: Kysely<Database>;
  close(): Promise<void>;
}

export interface TestDialect {
  dialect: Dialect;
  /** For test names: "sqlite (memory)", "postgres (server)", "postgres (PGlite)". */
  label: string;
  open(): Promise<TestDatabase>;
  /**
   * Two connections to one new database: SQLite a temporary file opened twice; PostgreSQL a
   * database of its own with two pools; PGlite (one connection in process) two Kysely instances
   * over it.
   */
  openTwo(): Promise<TwoConnections>;
}

type Env = Readonly<Record<string, string | undefined>>;

const HOOK_TIMEOUT_MS = 120_000;

const TABLES_CHILD_FIRST = [
  'pending_decisions',
  'plan_measures',
  'enforcement_plans',
  'report_movements',
  'report_movement_status',
  'unlock_requests',
  'report_actions',
  'report_versions',
  'reports',
  'public_list_publications',
  'public_list_withholdings',
  'public_list_settings',
  'target_history',
  'targets',
  'case_reviews',
  'case_events',
  'cases',
  'aggregate_lines',
  'sessions',
  'login_attempts',
  'users',
  'officers',
  'units',
] as const;

/**
 * Empties the append-only audit log: drops its guard triggers, deletes, puts them back. For tests
 * only; the application can never do this.
 */
export async function clearAuditLog(db: Kysely<Database>): Promise<void> {
  await dropAuditGuards(db);
  await db.deleteFrom('audit_log').execute();
  await createAuditGuards(db);
}

/** Runs `work` with the audit log's guard triggers dropped (tests that tamper with records). */
export async function withoutAuditGuards<T>(
  db: Kysely<Database>,
  work: () => Promise<T>,
): Promise<T> {
  await dropAuditGuards(db);
  try {
    return await work();
  } finally {
    await createAuditGuards(db);
  }
}

/**
 * Runs `work` with the immutability triggers of `report_versions` dropped (tests that tamper with a
 * stored version, test resets). The application can never do this.
 */
export async function withoutVersionGuards<T>(
  db: Kysely<Database>,
  work: () => Promise<T>,
): Promise<T> {
  await dropVersionGuards(db);
  try {
    return await work();
  } finally {
    await createVersionGuards(db);
  }
}

async function finish(
  dialect: Dialect,
  db: Kysely<Database>,
  close: () => Promise<void>,
): Promise<TestDatabase> {
  await migrateToLatest(db);
  return {
    dialect,
    db,
    reset: async () => {
      await withoutVersionGuards(db, async () => {
        for (const table of TABLES_CHILD_FIRST) await db.deleteFrom(table).execute();
      });
      await clearAuditLog(db);
    },
    close,
  };
}

export const sqliteMemory: TestDialect = {
  dialect: 'sqlite',
  label: 'sqlite (memory)',
  open: async () => {
    const opened = openSqlite(':memory:');
    return finish('sqlite', opened.db, opened.close);
  },
  openTwo: async () => {
    const dir = mkdtempSync(join(tmpdir(), 'thads-two-'));
    const file = join(dir, 'thads.sqlite');
    const first = openSqlite(file);
    await migrateToLatest(first.db);
    const second = openSqlite(file);
    return {
      dialect: 'sqlite',
      first: first.db,
      second: second.db,
      close: async () => {
        await second.close();
        await first.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

export const pglite: TestDialect = {
  dialect: 'postgres',
  label: 'postgres (PGlite)',
  open: async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { KyselyPGlite } = await import('kysely-pglite');
    // int8 as bigint, like the pg pool of openPostgres.
    const client = new PGlite({ parsers: { 20: (value: string) => BigInt(value) } });
    const db = new Kysely<Database>({ dialect: new KyselyPGlite(client).dialect });
    return finish('postgres', db, () => db.destroy());
  },
  openTwo: async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    const { KyselyPGlite } = await import('kysely-pglite');
    const client = new PGlite({ parsers: { 20: (value: string) => BigInt(value) } });
    const first = new Kysely<Database>({ dialect: new KyselyPGlite(client).dialect });
    const second = new Kysely<Database>({ dialect: new KyselyPGlite(client).dialect });
    await migrateToLatest(first);
    return {
      dialect: 'postgres',
      first,
      second,
      close: async () => {
        await client.close();
      },
    };
  },
};

/** A real server: a database of its own for this test file, dropped on close. */
export function postgresServer(url: string): TestDialect {
  /** A new database on the server: its URL, and how to drop it. */
  async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
    const name = `thads_test_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    try {
      await admin.connect();
    } catch (error) {
      throw new Error(
        `PostgreSQL at ${redactUrl(url)} is unreachable: ${(error as Error).message}`,
        { cause: error },
      );
    }
    try {
      await admin.query(`create database "${name}"`);
    } finally {
      await admin.end();
    }
    const target = new URL(url);
    target.pathname = `/${name}`;
    return {
      url: target.toString(),
      drop: async () => {
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        try {
          await dropper.query(`drop database if exists "${name}" with (force)`);
        } finally {
          await dropper.end();
        }
      },
    };
  }
  return {
    dialect: 'postgres',
    label: 'postgres (server)',
    openTwo: async () => {
      const created = await createTestDatabase();
      const first = openPostgres(created.url, { poolSize: 4 });
      await migrateToLatest(first.db);
      const second = openPostgres(created.url, { poolSize: 4 });
      return {
        dialect: 'postgres',
        first: first.db,
        second: second.db,
        close: async () => {
          await second.close();
          await first.close();
          await created.drop();
        },
      };
    },
    open: async () => {
      const created = await createTestDatabase();
      const opened = openPostgres(created.url, { poolSize: 4 });
      return finish('postgres', opened.db, async () => {
        await opened.close();
        await created.drop();
      });
    },
  };
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A dialect that fails every test that uses it, with the reason (never a silent skip). */
function failing(reason: string): TestDialect {
  return {
    dialect: 'postgres',
    label: 'postgres (required, unavailable)',
    open: async () => {
      throw new Error(reason);
    },
    openTwo: async () => {
      throw new Error(reason);
    },
  };
}

/**
 * The dialects to run a suite over (use with top-level await): SQLite in memory, and PostgreSQL on
 * the server of THADS_TEST_POSTGRES_URL or on PGlite. A configured server that does not answer fails
 * the tests when THADS_REQUIRE_POSTGRES=1, else gives way to PGlite with a visible warning.
 * Reads the environment only when called.
 */
export async function testDialects(env: Env = process.env): Promise<TestDialect[]> {
  const url = env.THADS_TEST_POSTGRES_URL?.trim();
  const required = env.THADS_REQUIRE_POSTGRES === '1';
  if (!url) {
    if (required)
      return [
        sqliteMemory,
        failing('THADS_REQUIRE_POSTGRES=1 but THADS_TEST_POSTGRES_URL is not set'),
      ];
    return [sqliteMemory, pglite];
  }
  if (await reachable(url)) return [sqliteMemory, postgresServer(url)];
  if (required)
    return [
      sqliteMemory,
      failing(`THADS_REQUIRE_POSTGRES=1 but PostgreSQL at ${redactUrl(url)} is unreachable`),
    ];
  console.warn(
    `[@thads/db] PostgreSQL at ${redactUrl(url)} is unreachable: the PostgreSQL tests run on PGlite`,
  );
  return [sqliteMemory, pglite];
}

/**
 * Opens a fresh migrated database for the enclosing `describe` (beforeAll) and closes it after
 * (afterAll); with `reset: true`, empties it before each test. Read `db` inside tests only.
 */
export function useTestDatabase(
  dialect: TestDialect,
  options: { reset?: boolean } = {},
): { readonly db: Kysely<Database>; readonly dialect: Dialect } {
  let opened: TestDatabase | null = null;
  // PGlite boots a WebAssembly PostgreSQL: on a busy 2-core machine that takes well over the
  // default 10 s hook timeout, so the hooks carry their own.
  beforeAll(async () => {
    opened = await dialect.open();
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await opened?.close();
  }, HOOK_TIMEOUT_MS);
  if (options.reset) {
    beforeEach(async () => {
      await opened?.reset();
    }, HOOK_TIMEOUT_MS);
  }
  return {
    get db() {
      if (!opened)
        throw new Error(`the ${dialect.label} test database is not open (use it inside a test)`);
      return opened.db;
    },
    dialect: dialect.dialect,
  };
}
