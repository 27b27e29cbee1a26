/**
 * Enforcement plans benchmark (issue 7): imports an extract of 100,000 cases into a fresh SQLite
 * file (or BENCH_POSTGRES_URL), gives two thirds of the open cases a plan of three measures (one of
 * them overdue for every fifth case; written directly, without the audit trail: this times the
 * reads), then times the coverage table of the Cục (by unit) and of one Chi cục (by officer), the
 * first page of the cases without a plan and of the overdue measures (all units, and with a
 * search), and one officer's "my work". Prints the median of 5 runs in milliseconds.
 * Run: pnpm --filter @thads/db bench:plans [cases]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OPEN_STATES } from '@thads/domain';
import {
  coverageSummary,
  importCases,
  importOfficers,
  importUnits,
  migrateToLatest,
  myWork,
  openPostgres,
  openSqlite,
  overdueMeasures,
  uncoveredCases,
} from '../src/index.js';
import { UNITS, writeExtract } from './extract.js';

const CASES = Number(process.argv[2] ?? 100_000);
const RUNS = 5;
const TODAY = '2025-01-15';
const ALL = ['B', ...Array.from({ length: UNITS }, (_, u) => `B-${u + 1}`)];

const dir = mkdtempSync(join(tmpdir(), 'thads-bench-plans-'));
try {
  writeExtract(dir, CASES);
  const file = (name: string) => ({ name, text: readFileSync(join(dir, name), 'utf8') });
  const postgres = process.env.BENCH_POSTGRES_URL;
  const opened = postgres ? openPostgres(postgres) : openSqlite(join(dir, 'bench.sqlite'));
  const db = opened.db;
  console.log(`database: ${opened.dialect} ${opened.location}`);
  await migrateToLatest(db);
  await importUnits(db, file('units.csv'));
  await importOfficers(db, file('officers.csv'));
  const imported = await importCases(
    db,
    { cases: file('cases.csv'), events: file('events.csv') },
    { today: '2025-01-01' },
  );
  if (imported.issues.length > 0)
    throw new Error(`benchmark extract is invalid: ${JSON.stringify(imported.issues[0])}`);
  const open = await db
    .selectFrom('cases')
    .select(['id', 'current_officer'])
    .where('state', 'in', [...OPEN_STATES])
    .orderBy('id')
    .execute();
  const at = new Date().toISOString();
  const planned = open.filter((_, i) => i % 3 !== 0);
  let measures = 0;
  for (let i = 0; i < planned.length; i += 500) {
    const part = planned.slice(i, i + 500);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('enforcement_plans')
        .values(
          part.map((c) => ({
            case_id: c.id,
            template: 'money_full',
            created_by: 'bench',
            created_at: at,
            updated_by: 'bench',
            updated_at: at,
          })),
        )
        .execute();
      const rows = part.flatMap((c, j) =>
        ['2025-01-10', '2025-01-25', '2025-02-20'].map((due, k) => ({
          case_id: c.id,
          kind: ['notify', 'verify', 'coercion'][k]!,
          detail: null,
          // Every fifth case keeps its first measure open and overdue; the others did it.
          due_on: due,
          officer: c.current_officer,
          status: k === 0 && (i + j) % 5 !== 0 ? 'done' : 'planned',
          outcome: null,
          done_on: k === 0 && (i + j) % 5 !== 0 ? '2025-01-09' : null,
          created_by: 'bench',
          created_at: at,
          updated_by: 'bench',
          updated_at: at,
        })),
      );
      await trx.insertInto('plan_measures').values(rows).execute();
      measures += rows.length;
    });
  }
  console.log(
    `${CASES} cases, ${open.length} open, ${planned.length} with a plan of 3 measures (${measures})`,
  );
  // B-8's cases are all open (case i ≡ 7 mod 30, i mod 3 = 1) and held by their intake officer.
  const officer = 'B-8-3';
  const runs: [string, () => Promise<string>][] = [
    [
      'coverage of the Cục by unit (31 units)',
      async () => {
        const s = await coverageSummary(db, { units: ALL, by: 'unit', today: TODAY });
        return `${s.total.openCases} open, ${s.total.casesWithPlan} with a plan, ${s.total.overdueMeasures} overdue`;
      },
    ],
    [
      'coverage of one Chi cục by officer',
      async () => {
        const s = await coverageSummary(db, { units: ['B-8'], by: 'officer', today: TODAY });
        return `${s.rows.length} rows, ${s.total.openCases} open`;
      },
    ],
    [
      'cases without a plan, all units, page 1',
      async () => `${(await uncoveredCases(db, { units: ALL, offset: 0, limit: 50 })).total}`,
    ],
    [
      'cases without a plan, all units, search "nguyen van an"',
      async () =>
        `${(await uncoveredCases(db, { units: ALL, q: 'nguyen van an', offset: 0, limit: 50 })).total}`,
    ],
    [
      'overdue measures, all units, page 1',
      async () =>
        `${(await overdueMeasures(db, { units: ALL, today: TODAY, offset: 0, limit: 50 })).total}`,
    ],
    [
      `my work of ${officer}`,
      async () => {
        const w = await myWork(db, { officer, today: TODAY });
        return `${w.overdue.length} overdue, ${w.dueThisMonth.length} due, ${w.cases.length} cases`;
      },
    ],
  ];
  for (const [label, run] of runs) {
    const times: number[] = [];
    let result = '';
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      result = await run();
      times.push(performance.now() - t0);
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
    console.log(`${label}: ${result}; median ${median.toFixed(0)} ms`);
  }
  await opened.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
