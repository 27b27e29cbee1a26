/**
 * Monthly movements as changes (issue 13): `report_movements` again, keyed by (unit, officer,
 * mode, kind, year, month), holding per-month changes within a year (kind 0) and what holds from
 * a year on (kind 1) instead of running sums up to a horizon year (see movements.ts), and
 * `report_movement_status` in place of `report_movement_horizon`. The old rows cannot be turned
 * into the new ones, so the table is built here from the registry: a database migrated from
 * before answers its reports from it at once.
 */
import { MONEY_LINE_CODES } from '@thads/domain';
import type { Kysely } from 'kysely';
import { rebuildMovements } from '../movements.js';

function snake(code: string): string {
  return code.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

async function createMovements(db: Kysely<any>, withKind: boolean): Promise<void> {
  let table = db.schema
    .createTable('report_movements')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('officer', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull());
  if (withKind) table = table.addColumn('kind', 'integer', (c) => c.notNull());
  table = table
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull());
  for (const prefix of ['c_', 'm_'])
    for (const code of MONEY_LINE_CODES)
      table = table.addColumn(`${prefix}${snake(code)}`, 'bigint', (c) => c.notNull().defaultTo(0));
  // The key's order serves the reads: one unit's key, then a kind, then a range of years/months.
  await table
    .addPrimaryKeyConstraint(
      'report_movements_pk',
      (withKind
        ? ['unit', 'officer', 'mode', 'kind', 'year', 'month']
        : ['unit', 'year', 'month', 'officer', 'mode']) as never[],
    )
    .execute();
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_movement_horizon').execute();
  await db.schema.dropTable('report_movements').execute();
  await createMovements(db, true);
  await db.schema
    .createTable('report_movement_status')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('built_at', 'text', (c) => c.notNull())
    .execute();
  // Decision: the build is the same code as `pnpm thads movements rebuild` (not a copy frozen
  // here): what the table must hold is defined by the domain's caseContribution of today.
  await rebuildMovements(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_movement_status').execute();
  await db.schema.dropTable('report_movements').execute();
  // The shape of 2025-12-04-movements, empty: its horizon row is absent, so it is built by the
  // first report.
  await createMovements(db, false);
  await db.schema
    .createTable('report_movement_horizon')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .execute();
}
