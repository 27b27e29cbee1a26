/**
 * Small pieces the console's writes share (registry.ts, queries/unit-writes.ts, queries/case-list.ts).
 */
import { DomainError } from '@thads/domain';
import {
  CompiledQuery,
  PostgresAdapter,
  sql,
  type Kysely,
  type RawBuilder,
  type SqlBool,
} from 'kysely';
import type { Database } from './schema.js';

/** Runs `work` in the caller's transaction, or in a new one. */
export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}

export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** INVALID_INPUT naming the form field at fault. */
export function invalidField(field: string, message: string): DomainError {
  return new DomainError('INVALID_INPUT', message, { field });
}

/** Values bound in one statement at most: below SQLite's 32,766 and PostgreSQL's 65,535. */
const VALUES_PER_STATEMENT = 30_000;
const insertTexts = new Map<string, string>();

/**
 * Inserts many rows (each the values of `columns`, in order), a few thousand values a statement,
 * with `tail` appended to each (an `on conflict …` clause). The statement text is built once per
 * dialect, table, columns, tail and row count, and run as a compiled query: building a statement
 * of thousands of values through the query builder costs more than running it (imports, the
 * monthly movements). Names are the caller's constants, never input.
 */
export async function insertRows(
  db: Kysely<Database>,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
  tail = '',
): Promise<void> {
  const postgres = isPostgres(db);
  const perStatement = Math.max(
    1,
    Math.min(1000, Math.floor(VALUES_PER_STATEMENT / columns.length)),
  );
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement);
    const key = `${postgres}\u0000${table}\u0000${columns.join(',')}\u0000${tail}\u0000${part.length}`;
    let text = insertTexts.get(key);
    if (!text) {
      let n = 0;
      const row = () => `(${columns.map(() => (postgres ? `$${++n}` : '?')).join(', ')})`;
      text = `insert into ${table} (${columns.join(', ')}) values ${Array.from({ length: part.length }, row).join(', ')}${tail ? ` ${tail}` : ''}`;
      if (insertTexts.size > 200) insertTexts.clear();
      insertTexts.set(key, text);
    }
    const parameters: unknown[] = [];
    for (const r of part) for (const v of r) parameters.push(v);
    await db.executeQuery(CompiledQuery.raw(text, parameters));
  }
}

/**
 * `column` is one of `values` (texts), as one bound value: a JSON array read by `json_each` on
 * SQLite, a text array on PostgreSQL. A long `in (?, ?, …)` list costs SQLite far more than its
 * lookups (25,000 ids in lists of 5,000: 650 ms; as one JSON array: 9 ms), and PostgreSQL parses
 * and plans one statement text whatever the number of values.
 */
export function oneOf(
  db: Kysely<Database>,
  column: string,
  values: readonly string[],
): RawBuilder<SqlBool> {
  return isPostgres(db)
    ? sql<SqlBool>`${sql.ref(column)} = any(${values as string[]}::text[])`
    : sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}
