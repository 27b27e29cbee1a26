/**
 * Progress against targets (interfaces.md §8): the reports it needs, resolved like every report
 * (interfaces.md §5, through `resolveReport`), and the targets that apply, handed to the domain's
 * pure `buildProgress`.
 */
import { buildProgress, ruleSetForYear, type Progress, type Scope } from '@thads/domain';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { targetsFor } from './queries/targets.js';
import { resolveReport, type ReportRequest } from './reports.js';

export interface ProgressRequest {
  unit: string;
  /** Default `total`; with an officer, `own`. */
  scope?: Scope;
  year: number;
  /** Working-year month 1..12 (1 = October). */
  month: number;
  /** An officer of `unit`. */
  officer?: string | null;
}

/**
 * Where a unit (or one of its officers) stands against its targets at working year Y, month n.
 * Reads the report of (Y, n), the previous year's (Y−1, n) and (Y−1, 12) (the forecast's curve,
 * each with its own carry-over change), and for an officer (Y, n−1) (what was completed in month n
 * alone). Throws what `resolveReport` throws: NOT_FOUND for an unknown unit or officer,
 * INVALID_INPUT for an officer of another unit, an officer with scope `total`, or a bad period.
 */
export async function resolveProgress(
  db: Kysely<Database>,
  request: ProgressRequest,
): Promise<Progress> {
  const base: Omit<ReportRequest, 'year' | 'month'> = {
    unit: request.unit,
    ...(request.scope !== undefined ? { scope: request.scope } : {}),
    ...(request.officer ? { officer: request.officer } : {}),
  };
  const { year, month } = request;
  const report = await resolveReport(db, { ...base, year, month });
  const hasPreviousYear = year - 1 >= 1900;
  const previousYearEnd = hasPreviousYear
    ? await resolveReport(db, { ...base, year: year - 1, month: 12 })
    : null;
  const previousYearAtMonth =
    !hasPreviousYear || month === 12
      ? previousYearEnd
      : await resolveReport(db, { ...base, year: year - 1, month });
  const previousMonth =
    report.officer !== null && month > 1
      ? await resolveReport(db, { ...base, year, month: month - 1 })
      : null;
  const targets = await targetsFor(db, {
    unit: report.unit,
    scope: report.scope,
    year,
    month,
    officer: report.officer,
  });
  return buildProgress({
    report,
    previousYearAtMonth,
    previousYearEnd,
    previousMonth,
    targets,
    ruleSet: ruleSetForYear(year),
  });
}
