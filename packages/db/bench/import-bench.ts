/**
 * Import benchmark: writes an extract of 100,000 cases and 400,000 events to a temporary folder,
 * imports it into a fresh SQLite file, and prints the time and events per second; then imports it
 * again (nothing changes, nothing is written). Run: pnpm --filter @thads/db bench [cases]
 * With BENCH_POSTGRES_URL set to an empty scratch database, the same runs on PostgreSQL instead.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const UNITS = 30;
const OFFICERS_PER_UNIT = 5;

function isoDay(day: number): string {
  return new Date(Date.UTC(2016, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
}

/** Four valid events per case, in a few patterns (statistics.md §5). */
function writeExtract(dir: string): void {
  const units = ['code,name,kind,parent', 'B,Cục THADS (benchmark),cuc,'];
  const officers = ['code,name,unit'];
  for (let u = 1; u <= UNITS; u++) {
    units.push(`B-${u},Chi cục THADS số ${u},quan,B`);
    for (let o = 1; o <= OFFICERS_PER_UNIT; o++)
      officers.push(`B-${u}-${o},Chấp hành viên ${u}.${o},B-${u}`);
  }
  const cases = ['case_id,unit,received_on,amount,mode,officer,debtor_name,debtor_address'];
  const events = ['case_id,date,kind,amount,officer,ground,decision_no'];
  for (let i = 0; i < CASES; i++) {
    const id = `BENCH-${String(i).padStart(7, '0')}`;
    const unit = `B-${(i % UNITS) + 1}`;
    const officer = `${unit}-${(i % OFFICERS_PER_UNIT) + 1}`;
    const day = i % 600;
    const amount = 4_000_000n + BigInt(i) * 1000n;
    cases.push(
      `${id},${unit},${isoDay(day)},${amount},${i % 2 ? 'chu_dong' : 'theo_yeu_cau'},${officer},Người phải thi hành án ${i},"Số ${i}, phố Huế, Hà Nội"`,
    );
    const d = (n: number) => isoDay(day + n);
    switch (i % 3) {
      case 0:
        events.push(
          `${id},${d(10)},pay,1000000,,,`,
          `${id},${d(40)},verify,,,,`,
          `${id},${d(90)},pay,${amount - 1_000_000n},,,`,
          `${id},${d(90)},complete,,,,`,
        );
        break;
      case 1:
        events.push(
          `${id},${d(5)},postpone,,,,`,
          `${id},${d(30)},resume,,,,`,
          `${id},${d(60)},pay,500000,,,`,
          `${id},${d(120)},unable,,,b,${i}/QĐ-CCTHADS`,
        );
        break;
      default:
        events.push(
          `${id},${d(3)},assign,,${unit}-${((i + 1) % OFFICERS_PER_UNIT) + 1},,`,
          `${id},${d(50)},unable,,,a,${i}/QĐ-CCTHADS`,
          `${id},${d(200)},verify,,,,`,
          `${id},${d(300)},resume,,,,`,
        );
    }
  }
  writeFileSync(join(dir, 'units.csv'), units.join('\n') + '\n');
  writeFileSync(join(dir, 'officers.csv'), officers.join('\n') + '\n');
  writeFileSync(join(dir, 'cases.csv'), cases.join('\n') + '\n');
  writeFileSync(join(dir, 'events.csv'), events.join('\n') + '\n');
}

const dir = mkdtempSync(join(tmpdir(), 'thads-bench-'));
try {
  writeExtract(dir);
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
