/**
 * Aggregate report rows (interfaces.md §4): lines entered outside the registry, stored as given.
 */
import {
  MONEY_LINE_CODES,
  unknownLines,
  type LineCode,
  type Lines,
  type Measure,
  type ReportLines,
} from '@thads/domain';
import type { Kysely } from 'kysely';
import type { AggregateLinesRow, AggregateLinesTable, Database } from '../schema.js';

type LineColumnName = Exclude<keyof AggregateLinesTable, 'unit' | 'year' | 'month' | 'measure'>;

/** The column of each line code. */
export const LINE_COLUMNS: Readonly<Record<LineCode, LineColumnName>> = {
  broughtForward: 'brought_forward',
  newlyReceived: 'newly_received',
  totalReceived: 'total_received',
  exited: 'exited',
  toEnforce: 'to_enforce',
  able: 'able',
  unable: 'unable',
  completed: 'completed',
  completedFull: 'completed_full',
  terminated: 'terminated',
  reduced: 'reduced',
  inProgress: 'in_progress',
  postponed: 'postponed',
  suspended: 'suspended',
  carriedOver: 'carried_over',
  ableCarriedOver: 'able_carried_over',
};

export function linesFromRow(row: AggregateLinesRow): Lines {
  const lines = unknownLines();
  for (const code of MONEY_LINE_CODES) lines[code] = row[LINE_COLUMNS[code]];
  return lines;
}

export function lineColumnsOf(lines: Lines): Record<LineColumnName, bigint | null> {
  const out = {} as Record<LineColumnName, bigint | null>;
  for (const code of MONEY_LINE_CODES) out[LINE_COLUMNS[code]] = lines[code];
  return out;
}

/**
 * The aggregate lines of one unit at several periods, keyed by "year/month" (periods without a row
 * are absent): one query for the periods a report needs.
 */
export async function findAggregateLinesAt(
  db: Kysely<Database>,
  unit: string,
  periods: readonly { year: number; month: number }[],
): Promise<Map<string, ReportLines>> {
  const found = new Map<string, ReportLines>();
  if (periods.length === 0) return found;
  const rows = await db
    .selectFrom('aggregate_lines')
    .selectAll()
    .where('unit', '=', unit)
    .where((eb) =>
      eb.or(periods.map((p) => eb.and([eb('year', '=', p.year), eb('month', '=', p.month)]))),
    )
    .execute();
  for (const row of rows) {
    const key = `${Number(row.year)}/${Number(row.month)}`;
    let lines = found.get(key);
    if (!lines) found.set(key, (lines = { cases: unknownLines(), money: unknownLines() }));
    lines[row.measure as Measure] = linesFromRow(row);
  }
  return found;
}

/**
 * The aggregate lines given for a unit, working year and month, as stored (unknown lines null, not
 * derived), or null when no row exists for either measure. A missing measure is all null.
 */
export async function findAggregateLines(
  db: Kysely<Database>,
  params: { unit: string; year: number; month: number },
): Promise<ReportLines | null> {
  const found = await findAggregateLinesAt(db, params.unit, [params]);
  return found.get(`${params.year}/${params.month}`) ?? null;
}
