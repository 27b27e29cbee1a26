/**
 * Monthly movements (issue 13): `report_movements`, what the registry reports need per (unit,
 * officer, mode, working year, month), and `report_movement_horizon`, the last working year it
 * holds. Replaced by 2025-12-05-movement-deltas, which drops both and builds the table in its new
 * shape: this migration no longer builds anything (a database that ran it built the old shape,
 * which the next migration drops).
 */
import { MONEY_LINE_CODES } from '@thads/domain';
import type { Kysely } from 'kysely';

function snake(code: string): string {
  return code.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

export async function up(db: Kysely<any>): Promise<void> {
  let table = db.schema
    .createTable('report_movements')
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('month', 'integer', (c) => c.notNull())
    .addColumn('officer', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull());
  for (const prefix of ['c_', 'm_'])
    for (const code of MONEY_LINE_CODES)
      table = table.addColumn(`${prefix}${snake(code)}`, 'bigint', (c) => c.notNull().defaultTo(0));
  await table
    .addPrimaryKeyConstraint('report_movements_pk', ['unit', 'year', 'month', 'officer', 'mode'])
    .execute();
  await db.schema
    .createTable('report_movement_horizon')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_movement_horizon').execute();
  await db.schema.dropTable('report_movements').execute();
}
