/**
 * Database selection (interfaces.md §1): `DATABASE_URL` decides where data lives.
 *
 * - unset: the embedded SQLite file `data/thads.sqlite` under the repository root (the folder is
 *   created on first use);
 * - `sqlite:path` (absolute, or relative to the current directory) or `sqlite::memory:`;
 * - `postgres://…` or `postgresql://…`: PostgreSQL 15+.
 *
 * Money is read back as `bigint` on both: better-sqlite3 runs with safe integers, and the pg pool
 * created here parses `int8` with `BigInt` (for this pool only; the global pg parsers are left alone).
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase as KyselySqliteDatabase,
} from 'kysely';
import pg from 'pg';
import { DomainError } from '@thads/domain';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface OpenedDatabase {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for messages: a file path, ':memory:' or the URL without password. */
  location: string;
  /** True for the default embedded SQLite file (DATABASE_URL unset). */
  isDefault: boolean;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Repository root for the default SQLite file; defaults to the root of this checkout. */
  rootDir?: string;
  /** Base for a relative `sqlite:` path; defaults to `process.cwd()`. */
  cwd?: string;
  /** Maximum connections of the PostgreSQL pool (default 10). */
  poolSize?: number;
  /** Milliseconds SQLite waits for a lock held by another process (default 5000). */
  busyTimeoutMs?: number;
}

/** The repository root: three levels above this file (packages/db/src). */
export const REPOSITORY_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where the default embedded database lives, relative to the repository root. */
export const DEFAULT_SQLITE_RELATIVE_PATH = 'data/thads.sqlite';

export function defaultSqlitePath(rootDir: string = REPOSITORY_ROOT): string {
  return resolve(rootDir, DEFAULT_SQLITE_RELATIVE_PATH);
}

/** pg's int8 (OID 20) as bigint; every other type as pg parses it by default. */
const PG_INT8_OID = 20;
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    if (oid === PG_INT8_OID && format !== 'binary') return (value: string) => BigInt(value);
    return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
  },
};

/** Prepared statements kept per SQLite connection (the most recently used). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The connection as Kysely sees it, with its prepared statements kept by SQL text: Kysely prepares
 * every query it runs, and preparing costs more than running a small indexed query (a session
 * lookup: about 25 µs against 6). Safe to share: Kysely runs one query at a time on the connection,
 * a statement is only reused when it is not busy (a stream still iterating gets a fresh one), and
 * SQLite prepares a kept statement again by itself when the schema changed.
 */
function withStatementCache(sqlite: SqliteDatabase.Database): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    prepare(text: string) {
      const kept = statements.get(text);
      if (kept && !kept.busy) {
        // Most recently used last.
        statements.delete(text);
        statements.set(text, kept);
        return kept;
      }
      const statement = sqlite.prepare(text);
      if (!kept) {
        statements.set(text, statement);
        if (statements.size > STATEMENT_CACHE_SIZE)
          statements.delete(statements.keys().next().value!);
      }
      return statement;
    },
    close() {
      statements.clear();
      sqlite.close();
    },
  };
}

/**
 * Opens a SQLite database with safe integers, foreign keys, and on files WAL, a busy timeout and a
 * larger page cache.
 */
export function openSqlite(path: string, options: OpenOptions = {}): OpenedDatabase {
  const memory = path === ':memory:';
  if (!memory) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SqliteDatabase(path);
  sqlite.defaultSafeIntegers(true);
  sqlite.pragma('foreign_keys = ON');
  if (!memory) {
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma(`busy_timeout = ${Math.trunc(options.busyTimeoutMs ?? 5000)}`);
    sqlite.pragma('synchronous = NORMAL');
    // 256 MiB of page cache (the default is 2 MiB): at national scale a write touches index
    // pages all over a multi-gigabyte file, and a report reads the same unit's pages again and
    // again. Pages are allocated as used, so a small database costs nothing more.
    sqlite.pragma('cache_size = -262144');
  }
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  });
  return { db, dialect: 'sqlite', location: path, isDefault: false, close: () => db.destroy() };
}

/** Opens a pool to PostgreSQL whose connections parse int8 as bigint. */
export function openPostgres(url: string, options: OpenOptions = {}): OpenedDatabase {
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: pgTypes });
  // An idle pooled connection that the server ends (a restart, an administrator, a dropped
  // database) emits 'error' on the pool; without a listener Node treats it as uncaught and the
  // whole process dies. The pool has already discarded that client; the next query opens another.
  pool.on('error', (error) => {
    console.error(`[thads] một kết nối PostgreSQL nhàn rỗi bị ngắt: ${error.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    location: redactUrl(url),
    isDefault: false,
    close: () => db.destroy(),
  };
}

/**
 * Opens the database named by `url` (the value of DATABASE_URL; undefined or empty for the
 * default). Does not migrate: see `migrateToLatest`. Throws DomainError('INVALID_INPUT') for a URL
 * it does not understand.
 */
export function openDatabase(url: string | undefined, options: OpenOptions = {}): OpenedDatabase {
  const text = url?.trim() ?? '';
  if (text === '') {
    const opened = openSqlite(defaultSqlitePath(options.rootDir), options);
    return { ...opened, isDefault: true };
  }
  if (text.startsWith('sqlite:')) {
    const rest = text.slice('sqlite:'.length);
    if (rest === '')
      throw new DomainError('INVALID_INPUT', 'DATABASE_URL "sqlite:" thiếu đường dẫn tệp');
    if (rest === ':memory:') return openSqlite(':memory:', options);
    return openSqlite(resolve(options.cwd ?? process.cwd(), rest), options);
  }
  if (text.startsWith('postgres://') || text.startsWith('postgresql://'))
    return openPostgres(text, options);
  throw new DomainError(
    'INVALID_INPUT',
    `DATABASE_URL không hợp lệ: "${redactUrl(text)}" (cần sqlite:đường-dẫn, sqlite::memory: hoặc postgres://…)`,
  );
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  return url.replace(/^([a-z]+:\/\/[^:/@]+):[^@]*@/i, '$1:***@');
}
