/**
 * Back-test of the month-12 forecast (statistics.md §9) on past years: for each unit (scope
 * `total`, and `own` for a unit with units under it) and each working year, the forecast made at
 * month n (6 by default) against the value actually reached at month 12. Errors are in percentage
 * points (forecast − actual), exact to the hundredth.
 */
import {
  UNIT_METRICS,
  divRoundHalfAwayFromZero,
  metricValue,
  workingYearOf,
  type Centi,
  type Scope,
  type UnitMetric,
} from '@thads/domain';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { resolveProgress } from './progress.js';
import { unitsWithChildren } from './queries/targets.js';
import { listUnits } from './queries/units.js';
import { resolveReport } from './reports.js';

export interface BacktestRow {
  unit: string;
  scope: Scope;
  year: number;
  metric: UnitMetric;
  /** The month-12 forecast made at month n; null where it cannot be made. */
  forecast: Centi | null;
  /** The value at month 12. */
  actual: Centi | null;
  /** forecast − actual, in points; null when either is null. */
  error: Centi | null;
}

export interface BacktestSummary {
  metric: UnitMetric;
  /** Rows with both a forecast and an actual value. */
  count: number;
  /** Mean of |error|, rounded to two decimals; null without rows. */
  meanAbsoluteError: Centi | null;
  /** The row with the largest |error|. */
  worst: BacktestRow | null;
}

export interface BacktestRequest {
  years: readonly number[];
  /** The month the forecast is made at; default 6. */
  month?: number;
  /** Only these units (default: every active unit). */
  units?: readonly string[];
}

export async function forecastBacktest(
  db: Kysely<Database>,
  request: BacktestRequest,
): Promise<BacktestRow[]> {
  const month = request.month ?? 6;
  const parents = await unitsWithChildren(db);
  const units = (await listUnits(db)).filter((u) =>
    request.units ? request.units.includes(u.code) : u.active,
  );
  const rows: BacktestRow[] = [];
  for (const unit of units) {
    const scopes: Scope[] = parents.has(unit.code) ? ['total', 'own'] : ['total'];
    for (const scope of scopes) {
      for (const year of request.years) {
        const progress = await resolveProgress(db, { unit: unit.code, scope, year, month });
        const yearEnd = await resolveReport(db, { unit: unit.code, scope, year, month: 12 });
        for (const metric of UNIT_METRICS) {
          const forecast = progress.metrics[metric].forecast;
          const actual = metricValue(yearEnd, metric);
          rows.push({
            unit: unit.code,
            scope,
            year,
            metric,
            forecast,
            actual,
            error: forecast !== null && actual !== null ? forecast - actual : null,
          });
        }
      }
    }
  }
  return rows;
}

/** Per metric: how many forecasts, their mean absolute error and the worst one. */
export function summarizeBacktest(rows: readonly BacktestRow[]): BacktestSummary[] {
  return UNIT_METRICS.map((metric) => {
    const scored = rows.filter((r) => r.metric === metric && r.error !== null);
    const abs = (r: BacktestRow) => (r.error! < 0n ? -r.error! : r.error!);
    let worst: BacktestRow | null = null;
    let total = 0n;
    for (const r of scored) {
      total += abs(r);
      if (worst === null || abs(r) > abs(worst)) worst = r;
    }
    return {
      metric,
      count: scored.length,
      meanAbsoluteError:
        scored.length === 0 ? null : divRoundHalfAwayFromZero(total, BigInt(scored.length)),
      worst,
    };
  });
}

/**
 * The working years whose month 12 lies within the registry: from the year of the first case
 * received to the year of the last dated fact, when that year's September has been reached.
 */
export async function completedYears(db: Kysely<Database>): Promise<number[]> {
  const received = await db
    .selectFrom('cases')
    .select((eb) => [eb.fn.min('received_on').as('first'), eb.fn.max('received_on').as('last')])
    .executeTakeFirst();
  const events = await db
    .selectFrom('case_events')
    .select((eb) => eb.fn.max('date').as('last'))
    .executeTakeFirst();
  const first = received?.first ?? null;
  if (first === null) return [];
  const last = [received?.last ?? null, events?.last ?? null]
    .filter((d): d is string => d !== null)
    .sort()
    .at(-1)!;
  const lastYear = workingYearOf(last) - (last.slice(5) === '09-30' ? 0 : 1);
  const years: number[] = [];
  for (let y = workingYearOf(first); y <= lastYear; y++) years.push(y);
  return years;
}
