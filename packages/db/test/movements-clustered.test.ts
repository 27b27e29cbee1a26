// Migration 2025-12-08-movements-clustered (issue 13): report_movements stored in key order
// (SQLite: without rowid; PostgreSQL: clustered, fillfactor 70) with the same rows, down and up.
import { Migrator, sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { checkMovements, migrationProvider, resolveReport, type Database } from '../src/index.js';
import { testDialects, useTestDatabase } from '../src/testing.js';
import { importWorkedExample } from './helpers.js';

const dialects = await testDialects();

async function storage(db: Kysely<Database>, sqlite: boolean): Promise<string> {
  if (sqlite) {
    const { rows } = await sql<{ sql: string }>`
      select sql from sqlite_master where name = 'report_movements'`.execute(db);
    return /without rowid\s*$/i.test(rows[0]!.sql) ? 'without rowid' : 'rowid';
  }
  const { rows } = await sql<{ options: string[] | null }>`
    select reloptions as options from pg_class where relname = 'report_movements'`.execute(db);
  return (rows[0]!.options ?? []).join(',');
}

async function movementRows(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('report_movements').selectAll().execute();
  return rows.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => [k, String(v)]))).sort();
}

describe.each(dialects)('report_movements in key order on $label', (dialect) => {
  const t = useTestDatabase(dialect);
  const sqlite = dialect.dialect === 'sqlite';

  it('holds the same rows after going down and up again, and reports from them', async () => {
    await importWorkedExample(t.db);
    // The first report builds the table.
    await resolveReport(t.db, { unit: 'HN', year: 2017, month: 12 });
    const before = await movementRows(t.db);
    expect(before.length).toBeGreaterThan(0);
    expect(await storage(t.db, sqlite)).toBe(sqlite ? 'without rowid' : 'fillfactor=70');

    const migrator = new Migrator({ db: t.db, provider: migrationProvider });
    const down = await migrator.migrateTo('2025-12-06-public-list-v12');
    expect(down.error).toBeUndefined();
    expect(await storage(t.db, sqlite)).toBe(sqlite ? 'rowid' : '');
    expect(await movementRows(t.db)).toEqual(before);

    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
    expect(await storage(t.db, sqlite)).toBe(sqlite ? 'without rowid' : 'fillfactor=70');
    expect(await movementRows(t.db)).toEqual(before);
    expect((await checkMovements(t.db)).differences).toEqual([]);
  });
});
