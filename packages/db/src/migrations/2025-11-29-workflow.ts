/**
 * The monthly reports workflow (issue 8, statistics.md §10).
 *
 * - `reports`: the workflow state of one report, keyed by (unit, scope, year, month). A unit
 *   without units under it has one report, stored with scope `total` (own is total). `locks_through`
 *   is the period end E(n) while an approved report locks its unit's registry (an approved `total`
 *   of a unit with units under it locks nothing and keeps it null); `draft_acknowledgements` holds
 *   the warning comments typed before submitting (JSON `{key: comment}`).
 * - `report_versions`: what was submitted, immutable: the canonical JSON (RFC 8785) of the lines,
 *   findings with their acknowledgements, signer and time, and its SHA-256. Triggers refuse UPDATE
 *   and DELETE on both dialects.
 * - `report_actions`: the history of each report (submit, approve, return, reopen) with reasons.
 * - `unlock_requests`: requests to reopen a unit's locked registry from a month on, and the Cục
 *   manager's decision.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('reports')
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('first_submitted_at', 'text')
    .addColumn('locks_through', 'text')
    .addColumn('draft_acknowledgements', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('reports_pk', ['unit', 'scope', 'year', 'month'])
    .addCheckConstraint('reports_scope', sql`scope in ('own', 'total')`)
    .addCheckConstraint('reports_month', sql`month between 1 and 12`)
    .addCheckConstraint(
      'reports_status',
      sql`status in ('draft', 'submitted', 'returned', 'approved')`,
    )
    .addCheckConstraint(
      'reports_lock_only_when_approved',
      sql`locks_through is null or status = 'approved'`,
    )
    .execute();
  await db.schema
    .createIndex('reports_unit_lock')
    .on('reports')
    .columns(['unit', 'locks_through'])
    .execute();
  await db.schema.createIndex('reports_period').on('reports').columns(['year', 'month']).execute();

  await db.schema
    .createTable('report_versions')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('signer_username', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('signer_role', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_versions_pk', ['unit', 'scope', 'year', 'month', 'version'])
    .addForeignKeyConstraint(
      'report_versions_report',
      ['unit', 'scope', 'year', 'month'],
      'reports',
      ['unit', 'scope', 'year', 'month'],
    )
    .addCheckConstraint('report_versions_hash', sql`length(hash) = 64`)
    .execute();
  await createVersionGuards(db);

  await db.schema
    .createTable('report_actions')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('version', 'integer')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addForeignKeyConstraint(
      'report_actions_report',
      ['unit', 'scope', 'year', 'month'],
      'reports',
      ['unit', 'scope', 'year', 'month'],
    )
    .addCheckConstraint(
      'report_actions_action',
      sql`action in ('submit', 'approve', 'return', 'reopen')`,
    )
    .execute();
  await db.schema
    .createIndex('report_actions_report')
    .on('report_actions')
    .columns(['unit', 'scope', 'year', 'month', 'id'])
    .execute();

  await db.schema
    .createTable('unlock_requests')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addCheckConstraint('unlock_requests_status', sql`status in ('pending', 'granted', 'rejected')`)
    .addCheckConstraint('unlock_requests_reason', sql`reason <> ''`)
    .addCheckConstraint('unlock_requests_month', sql`month between 1 and 12`)
    .execute();
  await db.schema
    .createIndex('unlock_requests_status')
    .on('unlock_requests')
    .columns(['status', 'unit'])
    .execute();
}

/** Makes `report_versions` immutable: UPDATE and DELETE are refused on both dialects. */
export async function createVersionGuards(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create or replace function report_versions_immutable() returns trigger language plpgsql as $$
      begin raise exception 'report_versions are immutable'; end $$`.execute(db);
    await sql`create trigger report_versions_no_change before update or delete on report_versions
      for each row execute function report_versions_immutable()`.execute(db);
  } else {
    await sql`create trigger report_versions_no_update before update on report_versions
      begin select raise(abort, 'report_versions are immutable'); end`.execute(db);
    await sql`create trigger report_versions_no_delete before delete on report_versions
      begin select raise(abort, 'report_versions are immutable'); end`.execute(db);
  }
}

/** Drops the triggers of `createVersionGuards` (tests that tamper with versions, test resets). */
export async function dropVersionGuards(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`drop trigger if exists report_versions_no_change on report_versions`.execute(db);
  } else {
    await sql`drop trigger if exists report_versions_no_update`.execute(db);
    await sql`drop trigger if exists report_versions_no_delete`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropVersionGuards(db);
  if (db.getExecutor().adapter instanceof PostgresAdapter)
    await sql`drop function if exists report_versions_immutable()`.execute(db);
  for (const table of ['unlock_requests', 'report_actions', 'report_versions', 'reports'])
    await db.schema.dropTable(table).execute();
}
