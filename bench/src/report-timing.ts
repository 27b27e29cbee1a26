/**
 * `pnpm --filter @thads/bench report-timing`: times `resolveReport` (the whole report, V12
 * included) and the lines alone (`movementLines` of its three periods) for the national total,
 * Hà Nội's total and a Chi cục at a few periods, on the benchmark database (options.ts). Reads
 * only. Prints one line per (unit, period): the medians and the number of V12 findings.
 *
 * Environment: as `pnpm bench` (DATABASE_URL, THADS_BENCH_SCALE); THADS_TIMING_RUNS (default 7)
 * runs per figure, the first one not counted.
 */
import { listUnits, movementLines, openDatabase, resolveReport } from '@thads/db';
import { reportPeriod, subtreeCodes } from '@thads/domain';
import { CALLER_CWD, benchDatabaseUrl, positiveNumber } from './options.js';

const RUNS = positiveNumber('THADS_TIMING_RUNS', 7);
const UNITS = (process.env.THADS_TIMING_UNITS ?? 'TC,HN,HN-BDI').split(',');
const PERIODS = (process.env.THADS_TIMING_PERIODS ?? '2019-3,2018-12,2017-6,2016-3')
  .split(',')
  .map((p) => p.split('-').map(Number) as [number, number]);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    await fn();
    if (i > 0) times.push(performance.now() - t0);
  }
  return median(times);
}

const opened = openDatabase(benchDatabaseUrl(), { cwd: CALLER_CWD });
try {
  const db = opened.db;
  const units = await listUnits(db);
  console.log(`${opened.location} (${opened.dialect}), ${RUNS} lần mỗi số đo`);
  for (const unit of UNITS) {
    const covered = subtreeCodes(units, unit);
    for (const [year, month] of PERIODS) {
      const periods = [reportPeriod(year, month), reportPeriod(year - 1, 12)];
      if (month > 1) periods.push(reportPeriod(year, month - 1));
      const report = await resolveReport(db, { unit, year, month });
      const v12 = report.validation.filter((f) => f.rule === 'V12').length;
      const whole = await timeIt(() => resolveReport(db, { unit, year, month }));
      const lines = await timeIt(async () => {
        for (const p of periods) await movementLines(db, covered, [p], {});
      });
      console.log(
        `${unit.padEnd(7)} ${year}-${String(month).padStart(2)}  resolveReport ${whole.toFixed(1).padStart(8)} ms  lines ${lines.toFixed(1).padStart(7)} ms  V12 ${v12}`,
      );
    }
  }
} finally {
  await opened.close();
}
