/**
 * Import benchmark: writes an extract of 100,000 cases and 400,000 events to a temporary folder,
 * imports it into a fresh SQLite file, and prints the time and events per second; then imports it
 * again (nothing changes, nothing is written). Run: pnpm --filter @thads/db bench [cases]
 * With BENCH_POSTGRES_URL set to an empty scratch database, the same runs on PostgreSQL instead.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeExtract } from './extract.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  importCases,
  importOfficers,
  importUnits,
  migrateToLatest,
  openPostgres,
  openSqlite,
} from '../src/index.js';

const CASES = Number(process.argv[2] ?? 100_000);

const dir = mkdtempSync(join(tmpdir(), 'thads-bench-'));
try {
  writeExtract(dir, CASES);
  const file = (name: string) => ({ name, text: readFileSync(join(dir, name), 'utf8') });
  const postgres = process.env.BENCH_POSTGRES_URL;
  const opened = postgres ? openPostgres(postgres) : openSqlite(join(dir, 'bench.sqlite'));
  console.log(`database: ${opened.dialect} ${opened.location}`);
  await migrateToLatest(opened.db);
  await importUnits(opened.db, file('units.csv'));
  await importOfficers(opened.db, file('officers.csv'));
  const events = CASES * 4;
  for (const pass of ['first import', 're-import (unchanged)']) {
    const started = performance.now();
    const result = await importCases(
      opened.db,
      { cases: file('cases.csv'), events: file('events.csv') },
      { today: '2025-01-01' },
    );
    const seconds = (performance.now() - started) / 1000;
    if (result.issues.length > 0)
      throw new Error(`benchmark extract is invalid: ${JSON.stringify(result.issues[0])}`);
    console.log(
      `${pass}: ${CASES} cases, ${events} events in ${seconds.toFixed(2)} s (${Math.round(events / seconds)} events/s); ` +
        `created ${result.counts.created}, updated ${result.counts.updated}, unchanged ${result.counts.unchanged}`,
    );
  }
  await opened.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
