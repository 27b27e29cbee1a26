/**
 * Small pieces the console's writes share (registry.ts, queries/unit-writes.ts, queries/case-list.ts).
 */
import { DomainError } from '@thads/domain';
import { PostgresAdapter, type Kysely } from 'kysely';
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
