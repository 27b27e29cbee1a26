/**
 * The registry: units, officers, cases with their events, and imported aggregate lines.
 * Written once for both dialects: only types and constraints both SQLite and PostgreSQL accept.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('units')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent', 'text', (c) => c.references('units.code'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('units_active_flag', sql`active in (0, 1)`)
    .execute();
  await db.schema.createIndex('units_parent').on('units').column('parent').execute();

  await db.schema
    .createTable('officers')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('officers_active_flag', sql`active in (0, 1)`)
    .execute();
  await db.schema.createIndex('officers_unit').on('officers').column('unit').execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint', (c) => c.notNull())
    .addColumn('mode', 'text')
    .addColumn('officer', 'text', (c) => c.references('officers.code'))
    .addColumn('judgment_ref', 'text')
    .addColumn('decision_no', 'text')
    .addColumn('decision_date', 'text')
    .addColumn('obligation', 'text')
    .addColumn('debtor_name', 'text')
    .addColumn('debtor_address', 'text')
    .addColumn('reverify_yearly', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('cases_amount_non_negative', sql`amount >= 0`)
    .addCheckConstraint(
      'cases_mode_known',
      sql`mode is null or mode in ('chu_dong', 'theo_yeu_cau')`,
    )
    .addCheckConstraint('cases_reverify_flag', sql`reverify_yearly in (0, 1)`)
    .execute();
  await db.schema.createIndex('cases_unit').on('cases').columns(['unit', 'id']).execute();

  await db.schema
    .createTable('case_events')
    // The one difference between the dialects: how a surrogate key numbers itself.
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount', 'bigint')
    .addColumn('officer', 'text', (c) => c.references('officers.code'))
    .addColumn('ground', 'text')
    .addColumn('decision_no', 'text')
    .addCheckConstraint('case_events_amount_positive', sql`amount is null or amount > 0`)
    .execute();
  await db.schema
    .createIndex('case_events_case_seq')
    .on('case_events')
    .columns(['case_id', 'seq'])
    .execute();

  const lines = [
    'brought_forward',
    'newly_received',
    'total_received',
    'exited',
    'to_enforce',
    'able',
    'unable',
    'completed',
    'completed_full',
    'terminated',
    'reduced',
    'in_progress',
    'postponed',
    'suspended',
    'carried_over',
    'able_carried_over',
  ];
  let aggregate = db.schema
    .createTable('aggregate_lines')
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull());
  for (const line of lines) aggregate = aggregate.addColumn(line, 'bigint');
  await aggregate
    .addPrimaryKeyConstraint('aggregate_lines_pk', ['unit', 'year', 'month', 'measure'])
    .addCheckConstraint('aggregate_lines_month', sql`month between 1 and 12`)
    .addCheckConstraint('aggregate_lines_measure', sql`measure in ('cases', 'money')`)
    .addCheckConstraint(
      'aggregate_lines_reduced_money_only',
      sql`measure = 'money' or reduced is null`,
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['aggregate_lines', 'case_events', 'cases', 'officers', 'units']) {
    await db.schema.dropTable(table).execute();
  }
}
