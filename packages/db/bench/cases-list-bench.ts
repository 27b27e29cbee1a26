/**
 * Case list benchmark (issue 5): imports an extract of 100,000 cases (400,000 events) into a fresh
 * SQLite file, then times the console's case list queries (`listCases`: one page of 50 and the
 * count) over the Cục's whole registry (its 31 units) and over one unit, with each filter, the
 * accent-insensitive search and each sort. Prints the median of 5 runs of each, in milliseconds:
 * wall time, and this process's CPU time (SQLite runs in process: the cost on an idle machine).
 * Run: pnpm --filter @thads/db bench:list [cases]
 * With BENCH_POSTGRES_URL set to an empty scratch database, the same runs on PostgreSQL instead.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  importCases,
  importOfficers,
  importUnits,
  listCases,
  migrateToLatest,
  openPostgres,
  openSqlite,
  type CaseListQuery,
} from '../src/index.js';
import { UNITS, writeExtract } from './extract.js';

const CASES = Number(process.argv[2] ?? 100_000);
const RUNS = 5;

const ALL = ['B', ...Array.from({ length: UNITS }, (_, u) => `B-${u + 1}`)];
const PAGE = { offset: 0, limit: 50 };

const QUERIES: [string, CaseListQuery][] = [
  ['all units, page 1 by case id', { units: ALL, ...PAGE }],
  ['all units, page 1000 by case id', { units: ALL, offset: 49_950, limit: 50 }],
  ['one unit, page 1', { units: ['B-7'], ...PAGE }],
  ['all units, search "nguyen van an"', { units: ALL, q: 'nguyen van an', ...PAGE }],
  [
    'all units, search "Nguyễn Văn An" sorted by debtor',
    { units: ALL, q: 'Nguyễn Văn An', sort: 'debtor', ...PAGE },
  ],
  ['all units, search a case id "0012345"', { units: ALL, q: '0012345', ...PAGE }],
  ['all units, search a decision number "777/qd"', { units: ALL, q: '777/qd', ...PAGE }],
  ['all units, state unable now', { units: ALL, state: 'unable', ...PAGE }],
  [
    'all units, state open now, by remaining desc',
    { units: ALL, state: 'open', sort: 'remaining', direction: 'desc', ...PAGE },
  ],
  [
    'all units, state unable at 2017-06-30',
    { units: ALL, state: 'unable', stateOn: '2017-06-30', ...PAGE },
  ],
  [
    'one unit, state postponed at 2016-03-31',
    { units: ['B-8'], state: 'postponed', stateOn: '2016-03-31', ...PAGE },
  ],
  ['all units, officer B-7-2', { units: ALL, officer: 'B-7-2', ...PAGE }],
  ['all units, unassigned', { units: ALL, officer: null, ...PAGE }],
  [
    'all units, received in 2017-Q1, amount 50–60 million',
    {
      units: ALL,
      receivedFrom: '2017-01-01',
      receivedTo: '2017-03-31',
      amountMin: 50_000_000n,
      amountMax: 60_000_000n,
      ...PAGE,
    },
  ],
  ['all units, sorted by debtor name', { units: ALL, sort: 'debtor', ...PAGE }],
  [
    'all units, sorted by last event desc',
    { units: ALL, sort: 'lastEventOn', direction: 'desc', ...PAGE },
  ],
];

const dir = mkdtempSync(join(tmpdir(), 'thads-bench-list-'));
try {
  writeExtract(dir, CASES);
  const file = (name: string) => ({ name, text: readFileSync(join(dir, name), 'utf8') });
  const postgres = process.env.BENCH_POSTGRES_URL;
  const opened = postgres ? openPostgres(postgres) : openSqlite(join(dir, 'bench.sqlite'));
  console.log(`database: ${opened.dialect} ${opened.location}`);
  await migrateToLatest(opened.db);
  await importUnits(opened.db, file('units.csv'));
  await importOfficers(opened.db, file('officers.csv'));
  const started = performance.now();
  const imported = await importCases(
    opened.db,
    { cases: file('cases.csv'), events: file('events.csv') },
    { today: '2025-01-01' },
  );
  if (imported.issues.length > 0)
    throw new Error(`benchmark extract is invalid: ${JSON.stringify(imported.issues[0])}`);
  console.log(`imported ${CASES} cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const [label, query] of QUERIES) {
    const times: number[] = [];
    const cpu: number[] = [];
    let total = 0;
    for (let run = 0; run < RUNS; run++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      total = (await listCases(opened.db, query)).total;
      const c = process.cpuUsage(c0);
      times.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
    // CPU time of this process: what the query costs on an idle machine (SQLite runs in process);
    // the wall time also counts waiting for a busy machine, and PostgreSQL's own work.
    console.log(
      `${label}: ${total} cases, median ${median(times).toFixed(0)} ms (CPU ${median(cpu).toFixed(0)} ms)`,
    );
  }
  await opened.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
