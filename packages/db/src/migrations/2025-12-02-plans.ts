/**
 * Enforcement plans (kế hoạch thi hành án, issue 7).
 *
 * - `enforcement_plans`: one row per case that has a plan: the template it was started from (if
 *   any), who created it and who changed it last.
 * - `plan_measures`: the plan's measures (biện pháp): kind (domain MEASURE_KINDS), an optional
 *   detail, the due date, the officer responsible, the status (planned, in_progress, done,
 *   cancelled), the outcome and the date it was done (required exactly when done).
 * Indexes serve "my work" (officer, status, due date), the overdue lists (status, due date), a
 * case's plan and "has an open measure" (case, status, due date), and the coverage counts: cases
 * by (unit, state, id), so that counting the open cases of 31 units with a plan reads one index
 * (measured on SQLite: 2.5 times faster than through the (unit, state) index and the table).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('enforcement_plans')
    .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id').onDelete('cascade'))
    .addColumn('template', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('plan_measures')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('case_id', 'text', (c) =>
      c.notNull().references('enforcement_plans.case_id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('officer', 'text', (c) => c.references('officers.code'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text')
    .addColumn('done_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint(
      'plan_measures_status',
      sql`status in ('planned', 'in_progress', 'done', 'cancelled')`,
    )
    .addCheckConstraint(
      'plan_measures_done_on',
      sql`(status = 'done' and done_on is not null) or (status <> 'done' and done_on is null)`,
    )
    .execute();
  await db.schema
    .createIndex('plan_measures_case')
    .on('plan_measures')
    .columns(['case_id', 'status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('plan_measures_officer')
    .on('plan_measures')
    .columns(['officer', 'status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('plan_measures_status_due')
    .on('plan_measures')
    .columns(['status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('cases_unit_state_id')
    .on('cases')
    .columns(['unit', 'state', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('cases_unit_state_id').execute();
  await db.schema.dropTable('plan_measures').execute();
  await db.schema.dropTable('enforcement_plans').execute();
}
