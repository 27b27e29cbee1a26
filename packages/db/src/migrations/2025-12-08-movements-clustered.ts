/**
 * `report_movements` stored in its key's order (issue 13). An import of 25,000 cases adds to
 * about 100,000 of the table's rows, those of the officers and months its cases touch. Kept in
 * insertion order (SQLite's rowid table), those rows lie on nearly every page of the table, and
 * every page touched is written again: about 180 MB of the 280 MB an import wrote at national
 * scale. In key order (unit, officer, mode, kind, year, month) the rows of one officer and unit
 * lie together, and a report reads its unit's rows from a few neighbouring pages.
 * - SQLite: the table becomes `without rowid` (its primary key is its storage).
 * - PostgreSQL keeps heap tables: the rows are rewritten in key order once (CLUSTER) with pages
 *   kept 30 % free (fillfactor 70), so that the additions of imports and writes update rows in
 *   place on their page (HOT updates, no new index entry).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

function isSqlite(db: Kysely<any>): boolean {
  return !(db.getExecutor().adapter instanceof PostgresAdapter);
}

/** SQLite: the table again, with or without its rowid, holding the same rows. */
async function rebuildSqlite(db: Kysely<any>, withoutRowid: boolean): Promise<void> {
  const { rows } = await sql<{ sql: string }>`
    select sql from sqlite_master where type = 'table' and name = 'report_movements'`.execute(db);
  const ddl = rows[0]!.sql.replace(/\s+without rowid\s*$/i, '');
  const created = ddl.replace(
    /^CREATE TABLE "report_movements"/i,
    'CREATE TABLE "report_movements_new"',
  );
  await sql.raw(withoutRowid ? `${created} without rowid` : created).execute(db);
  await sql`insert into report_movements_new select * from report_movements`.execute(db);
  await sql`drop table report_movements`.execute(db);
  await sql`alter table report_movements_new rename to report_movements`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    await rebuildSqlite(db, true);
    return;
  }
  await sql`alter table report_movements set (fillfactor = 70)`.execute(db);
  await sql`cluster report_movements using report_movements_pk`.execute(db);
  await sql`analyze report_movements`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isSqlite(db)) {
    await rebuildSqlite(db, false);
    return;
  }
  await sql`alter table report_movements reset (fillfactor)`.execute(db);
}
