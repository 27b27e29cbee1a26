/**
 * `backup <file>` and `restore <file>` (interfaces.md §2): a consistent copy of the whole
 * database, taken while the server runs, and back into an EMPTY database.
 *
 * - SQLite: SQLite's online backup API (better-sqlite3 `backup()`), from its own read-only
 *   connection: the copy is one consistent state even while other connections write (the API
 *   restarts when the source changes under it). The backup is itself a SQLite database file.
 * - PostgreSQL: `pg_dump --format=custom` of the machine's PostgreSQL client (one snapshot,
 *   readers and writers carry on) and `pg_restore --single-transaction --exit-on-error` back.
 *   The client tools handle everything in the schema (identity sequences, triggers, functions,
 *   tables other packages add) without this code knowing about it; `pg_dump` must be at least the
 *   server's major version.
 *
 * A copy is written to a temporary file beside the target and renamed into place, so a failed
 * backup never leaves a half-written file under the name asked for. Restore refuses a database
 * that has any table (a fresh `createdb` database, or a SQLite file that does not exist yet or is
 * empty, is what it wants) and refuses a file of the other dialect.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { DomainError } from '@thads/domain';
import { openDatabase, redactUrl, type Dialect, type OpenOptions } from './open.js';

export type BackupFormat = 'sqlite' | 'postgres';

/** What a backup file holds, from its first bytes; null when neither. */
export function backupFormatOf(file: string): BackupFormat | null {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    const text = head.subarray(0, n).toString('latin1');
    if (text === 'SQLite format 3\u0000') return 'sqlite';
    if (text.startsWith('PGDMP')) return 'postgres';
    return null;
  } finally {
    closeSync(fd);
  }
}

export interface BackupOptions extends OpenOptions {
  /** The environment of the pg_dump / pg_restore processes (PATH); defaults to this process's. */
  env?: NodeJS.ProcessEnv;
}

export interface BackupResult {
  dialect: Dialect;
  /** The database copied, as `OpenedDatabase.location` names it. */
  location: string;
  bytes: number;
}

function tempBeside(file: string): string {
  return join(dirname(file), `.${basename(file)}.${process.pid}.partial`);
}

/** Connection settings for the PostgreSQL client tools, the password in the environment only. */
function pgToolArgs(
  url: string,
  env: NodeJS.ProcessEnv,
): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: password ? { ...env, PGPASSWORD: password } : env };
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new DomainError(
              'INVALID_INPUT',
              `không tìm thấy chương trình ${command} (cài gói postgresql-client cùng phiên bản với máy chủ PostgreSQL)`,
            )
          : error,
      ),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new DomainError(
            'INVALID_INPUT',
            `${command} thất bại (mã ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`,
          ),
        );
    });
  });
}

/** Copies the database named by `url` (DATABASE_URL) into `file`. */
export async function backupDatabase(
  url: string | undefined,
  file: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const opened = openDatabase(url, options);
  const { dialect, location } = opened;
  await opened.close();
  const temp = tempBeside(file);
  rmSync(temp, { force: true });
  try {
    if (dialect === 'sqlite') {
      if (location === ':memory:')
        throw new DomainError('INVALID_INPUT', 'không sao lưu được cơ sở dữ liệu trong bộ nhớ');
      if (!existsSync(location))
        throw new DomainError('NOT_FOUND', `không có cơ sở dữ liệu SQLite ${location}`);
      const source = new SqliteDatabase(location, { readonly: true, fileMustExist: true });
      try {
        await source.backup(temp);
      } finally {
        source.close();
      }
    } else {
      const tool = pgToolArgs(url!.trim(), options.env ?? process.env);
      await run(
        'pg_dump',
        [
          '--format=custom',
          '--no-owner',
          '--no-privileges',
          `--file=${temp}`,
          `--dbname=${tool.dbname}`,
        ],
        tool.env,
      );
    }
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return { dialect, location, bytes: statSync(file).size };
}

/** The tables a database has (application tables only), to tell whether it is empty. */
async function tablesOf(
  url: string | undefined,
  options: OpenOptions,
): Promise<{ dialect: Dialect; location: string; tables: string[] }> {
  const opened = openDatabase(url, options);
  try {
    const tables = (
      await opened.db.introspection.getTables({ withInternalKyselyTables: true })
    ).map((t) => (t.schema && t.schema !== 'public' ? `${t.schema}.${t.name}` : t.name));
    return { dialect: opened.dialect, location: opened.location, tables };
  } finally {
    await opened.close();
  }
}

/**
 * Restores `file` (a backup of the same dialect) into the database named by `url`, which must be
 * empty: DomainError('CONFLICT') naming its tables otherwise.
 */
export async function restoreDatabase(
  url: string | undefined,
  file: string,
  options: BackupOptions = {},
): Promise<{ dialect: Dialect; location: string }> {
  if (!existsSync(file)) throw new DomainError('NOT_FOUND', `không tìm thấy tệp sao lưu ${file}`);
  const format = backupFormatOf(file);
  if (format === null)
    throw new DomainError(
      'INVALID_INPUT',
      `${file} không phải bản sao lưu SQLite hay PostgreSQL (pg_dump)`,
    );
  const target = await tablesOf(url, options);
  if (format !== target.dialect)
    throw new DomainError(
      'INVALID_INPUT',
      `${file} là bản sao lưu ${format === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, còn cơ sở dữ liệu đích ${target.location} là ${target.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`,
    );
  if (target.tables.length > 0) {
    const shown = target.tables.slice(0, 5).join(', ');
    throw new DomainError(
      'CONFLICT',
      `cơ sở dữ liệu đích ${target.location} không trống (có ${target.tables.length} bảng: ${shown}${target.tables.length > 5 ? ', …' : ''}); chỉ khôi phục vào cơ sở dữ liệu trống (tạo mới bằng createdb, hoặc một tệp SQLite chưa có)`,
    );
  }
  if (target.dialect === 'sqlite') {
    if (target.location === ':memory:')
      throw new DomainError('INVALID_INPUT', 'không khôi phục vào cơ sở dữ liệu trong bộ nhớ');
    const source = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
    try {
      const check = source.pragma('quick_check', { simple: true });
      if (check !== 'ok')
        throw new DomainError('INVALID_INPUT', `tệp sao lưu ${file} bị hỏng (${String(check)})`);
      await source.backup(target.location);
    } finally {
      source.close();
    }
  } else {
    const tool = pgToolArgs(url!.trim(), options.env ?? process.env);
    await run(
      'pg_restore',
      [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        `--dbname=${tool.dbname}`,
        file,
      ],
      tool.env,
    );
  }
  return {
    dialect: target.dialect,
    location: target.dialect === 'postgres' ? redactUrl(url!.trim()) : target.location,
  };
}

/** Whether a PostgreSQL server's client tools answer (for tests that need pg_dump). */
export async function pgToolsAvailable(): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('pg_dump', ['--version'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('close', (code) => resolve(code === 0));
  });
}
