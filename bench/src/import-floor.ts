/**
 * The storage floor of the import benchmark: how long the database alone takes to store what an
 * import of the batch must store, with the project's tables and indexes as they are, and nothing
 * of the import engine (no CSV, no validation or replay, no summing, no hashing).
 *
 * In a transaction that is rolled back, so that nothing is kept (the audit trail is append-only):
 * the batch's cases, events and audit records are copied by SQL under new ids (one
 * `insert … select` each: no value crosses from the application), and the batch's monthly
 * movement rows (computed before the clock starts) are added to the table as an import adds them.
 * The commit is not counted (a rollback writes nothing), so the floor is a lower bound: an import
 * of the batch cannot be faster than it on this machine, whatever its engine.
 */
import {
  AUDIT_COLUMNS,
  CASE_TABLE_COLUMNS,
  EVENT_TABLE_COLUMNS,
  MovementBatch,
  addMovementRows,
  loadCasesById,
  oneOf,
  registryCaseOf,
  replayStored,
  unitsAbove,
  type Database,
} from '@thads/db';
import { sql, type Kysely } from 'kysely';

export interface ImportFloor {
  /** Seconds of each part, and of all. */
  cases: number;
  events: number;
  audit: number;
  movements: number;
  total: number;
  movementRows: number;
}

/** The columns copied (all but the keys the copy renames). */
const CASE_COLUMNS = CASE_TABLE_COLUMNS.filter((c) => c !== 'id');
const EVENT_COLUMNS = EVENT_TABLE_COLUMNS.filter((c) => c !== 'case_id');
const AUDIT_COPIED = AUDIT_COLUMNS.filter((c) => c !== 'seq' && c !== 'entity_id');

class Rollback extends Error {}

/** The floor of storing again the batch whose case ids are `ids`; copies get `F` + `prefix` before their ids. */
export async function importFloor(
  db: Kysely<Database>,
  prefix: string,
  ids: readonly string[],
): Promise<ImportFloor> {
  // Before the clock: the batch's movement rows, as the import computed them.
  const loaded = await loadCasesById(db, ids);
  const replayed = [...loaded.values()].map((c) => replayStored(registryCaseOf(c.facts, c.events)));
  const batch = new MovementBatch(
    await unitsAbove(db, [...new Set(replayed.map((r) => r.case.unit))]),
  );
  for (const r of replayed) batch.addCase(r);
  const rows = batch.takeRows();
  const last = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirstOrThrow();
  const offset = BigInt(last.seq ?? 0);

  const copy = `F${prefix}`;
  const list = (columns: readonly string[]) => sql.raw(columns.join(', '));
  const result: ImportFloor = {
    cases: 0,
    events: 0,
    audit: 0,
    movements: 0,
    total: 0,
    movementRows: rows.length,
  };
  try {
    await db.transaction().execute(async (trx) => {
      const started = performance.now();
      let t = started;
      const lap = () => {
        const now = performance.now();
        const seconds = (now - t) / 1000;
        t = now;
        return seconds;
      };
      await sql`insert into cases (id, ${list(CASE_COLUMNS)})
        select ${copy} || id, ${list(CASE_COLUMNS)} from cases where ${oneOf(db, 'id', ids)}`.execute(
        trx,
      );
      result.cases = lap();
      await sql`insert into case_events (case_id, ${list(EVENT_COLUMNS)})
        select ${copy} || case_id, ${list(EVENT_COLUMNS)} from case_events
        where ${oneOf(db, 'case_id', ids)}`.execute(trx);
      result.events = lap();
      await sql`insert into audit_log (seq, entity_id, ${list(AUDIT_COPIED)})
        select seq + ${offset}, ${copy} || entity_id, ${list(AUDIT_COPIED)} from audit_log
        where entity = 'case' and ${oneOf(db, 'entity_id', ids)}`.execute(trx);
      result.audit = lap();
      await addMovementRows(trx, rows);
      result.movements = lap();
      result.total = (performance.now() - started) / 1000;
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result;
}
