/**
 * Targets (chỉ tiêu, statistics.md §9, interfaces.md §7) and their history.
 *
 * `targets` holds the value in force for each key (unit, scope, year, metric, month, officer).
 * Two sentinels keep the key a plain primary key on both dialects (a NULL in a unique key is
 * "distinct" in PostgreSQL and SQLite alike): `month` 0 is an annual target, `officer` '' is the
 * unit's own target (so `officer` cannot reference officers.code; writes check it).
 * `value` is a 64-bit integer: a percentage in hundredths (7250 = 72.50 %), a count of cases, or
 * đồng. `target_history` keeps every value that was replaced or removed, as it was.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

const UNIT_METRICS = sql`('caseRate', 'moneyRate', 'caseCarryOverReduction', 'moneyCarryOverReduction')`;
const OFFICER_METRICS = sql`('casesCompleted', 'moneyCompleted')`;
const ORIGINS = sql`('import', 'console', 'copy_targets', 'copy_results')`;

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('targets')
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('officer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addPrimaryKeyConstraint('targets_pk', ['unit', 'scope', 'year', 'metric', 'month', 'officer'])
    .addCheckConstraint('targets_scope', sql`scope in ('own', 'total')`)
    .addCheckConstraint(
      'targets_metric_month',
      sql`(metric in ${UNIT_METRICS} and month = 0) or (metric in ${OFFICER_METRICS} and month between 1 and 12 and officer <> '')`,
    )
    .addCheckConstraint('targets_provisional_flag', sql`provisional in (0, 1)`)
    .addCheckConstraint('targets_origin', sql`origin in ${ORIGINS}`)
    .execute();
  await db.schema.createIndex('targets_year').on('targets').columns(['year', 'unit']).execute();

  await db.schema
    .createTable('target_history')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('unit', 'text', (c) => c.notNull().references('units.code'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('metric', 'text', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('officer', 'text', (c) => c.notNull())
    .addColumn('value', 'bigint', (c) => c.notNull())
    .addColumn('provisional', 'integer', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    // When and by whom the value stopped being in force.
    .addColumn('replaced_at', 'text', (c) => c.notNull())
    .addColumn('replaced_by', 'text')
    .execute();
  await db.schema
    .createIndex('target_history_key')
    .on('target_history')
    .columns(['unit', 'year', 'metric', 'scope', 'month', 'officer'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('target_history').execute();
  await db.schema.dropTable('targets').execute();
}
