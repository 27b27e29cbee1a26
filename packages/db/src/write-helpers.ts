/**
 * Small pieces the console's writes share (registry.ts, queries/unit-writes.ts, queries/case-list.ts).
 */
import { DomainError } from '@thads/domain';
import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';
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

/**
 * A JSON array of rows (each row an array) as a table source with one column `value` (each row),
 * in both dialects: SQLite's `json_each`, PostgreSQL's `json_array_elements`. Bulk writes bind one
 * parameter per batch this way, instead of one per value: a statement with tens of thousands of
 * placeholders costs more to build and to prepare than to run. Read element i as `value ->> i`
 * (text in both dialects) and cast it; money travels as decimal strings, exact past 2^53.
 */
export function jsonRowsSource(db: Kysely<Database>, json: string): RawBuilder<unknown> {
  return isPostgres(db)
    ? sql`json_array_elements(cast(${json} as json)) as t(value)`
    : sql`json_each(${json}) as t`;
}

/** JSON text of rows whose bigint values become decimal strings. */
export function rowsJson(rows: readonly (readonly (string | number | bigint | null)[])[]): string {
  return JSON.stringify(rows, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}
