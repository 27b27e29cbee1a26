/**
 * Supervision of "chưa có điều kiện" decisions (issue 7).
 *
 * `pending_decisions`: an `unable` decision entered in the console waits here, outside the case's
 * events (no state change, not in N, not in the public list), until the unit head (for the Cục's own
 * cases, a Cục manager) has checked its ground and the verification record (biên bản xác minh) it
 * rests on. Statuses: `pending` (waiting for review), `returned` (sent back with a reason; the
 * proposer corrects and re-proposes it, or withdraws it), `confirmed` (it became the event
 * `event_id` on its decision date), `withdrawn`. A case has at most one open (pending or returned)
 * decision: a partial unique index on both dialects. `unit` is the case's unit (a case never
 * changes unit), kept for the list's filter.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('pending_decisions')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('decision_date', 'text', (c) => c.notNull())
    .addColumn('ground', 'text', (c) => c.notNull())
    .addColumn('decision_no', 'text', (c) => c.notNull())
    .addColumn('verification_no', 'text', (c) => c.notNull())
    .addColumn('verification_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'text', (c) => c.notNull())
    .addColumn('reviewed_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('withdrawn_by', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('event_id', 'integer')
    .addCheckConstraint('pending_decisions_ground', sql`ground in ('a', 'b', 'c')`)
    .addCheckConstraint(
      'pending_decisions_status',
      sql`status in ('pending', 'returned', 'confirmed', 'withdrawn')`,
    )
    .addCheckConstraint(
      'pending_decisions_returned_reason',
      sql`status <> 'returned' or return_reason is not null`,
    )
    .addCheckConstraint(
      'pending_decisions_confirmed_event',
      sql`status <> 'confirmed' or event_id is not null`,
    )
    .execute();
  await db.schema
    .createIndex('pending_decisions_one_open')
    .on('pending_decisions')
    .column('case_id')
    .unique()
    .where(sql.ref('status'), 'in', ['pending', 'returned'])
    .execute();
  await db.schema
    .createIndex('pending_decisions_unit_status')
    .on('pending_decisions')
    .columns(['unit', 'status', 'decision_date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('pending_decisions').execute();
}
