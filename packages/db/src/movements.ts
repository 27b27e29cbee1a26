/**
 * Monthly movements: what the registry reports need, kept up to date with every registry write, so
 * that a report is summed from a handful of rows instead of replaying every case (issue 13).
 *
 * `report_movements` holds, for each (unit, officer, mode, working year Y, working-year month n),
 * the sum over the unit's cases of what each contributes to the report of (Y, n)
 * (`caseContribution` of @thads/domain): every line of both measures, by the officer holding the
 * case at the period end E ('' when none) and its mode ('' when none). Rows with officer '*' and
 * mode '*' hold the unit's total. A registry report of any unit set, scope, officer or
 * `unassigned`, and mode is then the sum of the rows of its units at (Y, n): exactly what
 * `registryLines` gives, since both are sums of the same contributions.
 *
 * Maintenance. A case's contribution to (Y, n) changes from month n−1 only in a month holding its
 * intake or one of its events (nothing else depends on E), so each case is described by a few
 * "points" (Y, n, contribution) per working year (`caseSeries`). A write of a case subtracts the
 * series of the case as it was and adds the series of the case as it is, in the same transaction:
 * the difference is turned into per-month deltas, summed per row key, and added to the rows
 * (`insert … on conflict do update set col = col + excluded.col`). Backdated events, corrections,
 * removals, reassignments (the officer at E moves later months to another row) and changed facts
 * all follow, since the whole history is compared. Imports add up every changed case first, then
 * write each row once.
 *
 * Working years. The table holds every year up to a horizon H (`report_movement_horizon`); every
 * write maintains the years up to H. An open case contributes to every later year without any
 * write, so a year after H is materialised lazily: the first report that asks for a year Y ≤ (the
 * current working year + 1) extends H to max(Y, the current working year) in one transaction,
 * reading only the cases that can contribute (open, or closed since the first new year began);
 * a report of a later year is computed in full from the registry. On PostgreSQL, writes read H
 * `for share` and the extension locks it `for update`, so no write falls between. With no horizon
 * row (a table never built, or emptied by tests) nothing is held: writes skip the maintenance and
 * the first report builds the whole table.
 */
import {
  DomainError,
  MONEY_LINE_CODES,
  caseContribution,
  localDateOf,
  replayCase,
  reportPeriod,
  zeroLines,
  type CaseContribution,
  type ContributionFilter,
  type KnownLines,
  type Period,
  type RegistryCase,
  type ReplayedCase,
} from '@thads/domain';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { caseEventFromRow, chunks, loadCases } from './queries/cases.js';
import { listUnits } from './queries/units.js';
import type { Database, MovementValueColumn } from './schema.js';
import { inTransaction, isPostgres } from './write-helpers.js';

const LINES = MONEY_LINE_CODES;
const N = LINES.length; // 16 lines per measure
const WIDTH = 2 * N; // cases then money

function snake(code: string): string {
  return code.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** `c_<line>` then `m_<line>`, in MONEY_LINE_CODES order. */
export const MOVEMENT_VALUE_COLUMNS: readonly MovementValueColumn[] = [
  ...LINES.map((c) => `c_${snake(c)}` as MovementValueColumn),
  ...LINES.map((c) => `m_${snake(c)}` as MovementValueColumn),
];

/** The officer and mode of the rows that hold a unit's total. */
export const MOVEMENT_ALL = '*';

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The working year of today's local date (the clock, read here only). */
function currentWorkingYear(): number {
  const today = localDateOf(new Date().toISOString(), TIME_ZONE);
  return workingYear(today);
}

/** Working year of an ISO date, without re-validating it (stored dates are valid). */
function workingYear(date: string): number {
  const y = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 10 ? y + 1 : y;
}

function workingMonth(date: string): number {
  const m = Number(date.slice(5, 7));
  return m >= 10 ? m - 9 : m + 3;
}

const periods = new Map<number, Period>();
function periodOf(year: number, month: number): Period {
  const key = year * 16 + month;
  let p = periods.get(key);
  if (!p) periods.set(key, (p = reportPeriod(year, month)));
  return p;
}

/** A case's contribution from month `month` of `year` on (until its next point of that year). */
export interface SeriesPoint {
  year: number;
  month: number;
  contribution: CaseContribution | null;
}

/**
 * What a case contributes to every month of the working years up to `toYear` (from `fromYear`,
 * default its intake year), as points: the contribution at month n holds for every later month of
 * the same year until the next point. A point is computed at month 1 of each year and at every
 * month holding the intake or an event: nothing else in `caseContribution` depends on the period
 * end. Stops after the first year the case was closed or exited before.
 */
export function caseSeries(r: ReplayedCase, toYear: number, fromYear = -Infinity): SeriesPoint[] {
  const received = r.case.receivedOn;
  const intakeYear = workingYear(received);
  const changes = new Map<number, number[]>();
  const mark = (date: string) => {
    const y = workingYear(date);
    const m = workingMonth(date);
    const list = changes.get(y);
    if (!list) changes.set(y, [m]);
    else if (list[list.length - 1] !== m) list.push(m); // dates ascend, so months do
  };
  mark(received);
  for (const applied of r.timeline) mark(applied.event.date);

  const out: SeriesPoint[] = [];
  for (let year = Math.max(intakeYear, fromYear); year <= toYear; year++) {
    const first = caseContribution(r, periodOf(year, 1));
    if (first === null && year > intakeYear && received < periodOf(year, 1).start) {
      // Closed or exited before this year: nothing in it or in any later year.
      break;
    }
    out.push({ year, month: 1, contribution: first });
    for (const month of changes.get(year) ?? []) {
      if (month === 1) continue;
      out.push({ year, month, contribution: caseContribution(r, periodOf(year, month)) });
    }
  }
  return out;
}

type Vector = bigint[];

interface YearDeltas {
  unit: string;
  officer: string;
  mode: string;
  year: number;
  /** Index 0..11: the change of the month's figures from the month before (month 1: from 0). */
  months: (Vector | null)[];
}

export interface MovementRow extends Record<MovementValueColumn, bigint> {
  unit: string;
  officer: string;
  mode: string;
  year: number;
  month: number;
}

/**
 * Sums the changes of many cases' series per row key and month, then turns them into the rows to
 * add (running sums over the months of each year).
 */
export class MovementBatch {
  private readonly years = new Map<string, YearDeltas>();

  get size(): number {
    return this.years.size;
  }

  private slot(unit: string, c: CaseContribution, year: number, month: number): Vector {
    const officer = c.officer ?? '';
    const mode = c.mode ?? '';
    const key = `${unit}\u0001${officer}\u0001${mode}\u0001${year}`;
    let entry = this.years.get(key);
    if (!entry) {
      entry = { unit, officer, mode, year, months: new Array<Vector | null>(12).fill(null) };
      this.years.set(key, entry);
    }
    let v = entry.months[month - 1];
    if (!v) entry.months[month - 1] = v = new Array<bigint>(WIDTH).fill(0n);
    return v;
  }

  private add(unit: string, c: CaseContribution, year: number, month: number, negate: boolean) {
    const v = this.slot(unit, c, year, month);
    const cases = c.cases;
    const money = c.money;
    for (let i = 0; i < N; i++) {
      const code = LINES[i]!;
      const x = cases[code];
      if (x !== 0n) v[i] = negate ? v[i]! - x : v[i]! + x;
      const y = money[code];
      if (y !== 0n) v[N + i] = negate ? v[N + i]! - y : v[N + i]! + y;
    }
  }

  /** Adds (or with `negate`, subtracts) a case's series. */
  addSeries(unit: string, points: readonly SeriesPoint[], negate = false): void {
    let year = NaN;
    let previous: CaseContribution | null = null;
    for (const p of points) {
      if (p.year !== year) {
        year = p.year;
        previous = null;
      }
      const c = p.contribution;
      if (previous !== null) this.add(unit, previous, year, p.month, !negate);
      if (c !== null) this.add(unit, c, year, p.month, negate);
      previous = c;
    }
  }

  /** Adds a case as it is now (`after`) in place of what it was (`before`), up to `toYear`. */
  addChange(before: ReplayedCase | null, after: ReplayedCase | null, toYear: number): void {
    if (before) this.addSeries(before.case.unit, caseSeries(before, toYear), true);
    if (after) this.addSeries(after.case.unit, caseSeries(after, toYear));
  }

  /** The rows to add: one per key and month whose running sum is not all 0, units' totals too. */
  rows(): MovementRow[] {
    const totals = new Map<string, YearDeltas>();
    for (const entry of this.years.values()) {
      const key = `${entry.unit}\u0001${entry.year}`;
      let total = totals.get(key);
      if (!total) {
        total = {
          unit: entry.unit,
          officer: MOVEMENT_ALL,
          mode: MOVEMENT_ALL,
          year: entry.year,
          months: new Array<Vector | null>(12).fill(null),
        };
        totals.set(key, total);
      }
      for (let m = 0; m < 12; m++) {
        const v = entry.months[m];
        if (!v) continue;
        let t = total.months[m];
        if (!t) total.months[m] = t = new Array<bigint>(WIDTH).fill(0n);
        for (let i = 0; i < WIDTH; i++) if (v[i] !== 0n) t[i] = t[i]! + v[i]!;
      }
    }
    const out: MovementRow[] = [];
    for (const source of [this.years, totals]) {
      for (const entry of source.values()) {
        const running = new Array<bigint>(WIDTH).fill(0n);
        let started = false;
        for (let m = 0; m < 12; m++) {
          const v = entry.months[m];
          if (v) {
            for (let i = 0; i < WIDTH; i++) if (v[i] !== 0n) running[i] = running[i]! + v[i]!;
            started = true;
          }
          if (!started || running.every((x) => x === 0n)) continue;
          const row = {
            unit: entry.unit,
            officer: entry.officer,
            mode: entry.mode,
            year: entry.year,
            month: m + 1,
          } as MovementRow;
          for (let i = 0; i < WIDTH; i++) row[MOVEMENT_VALUE_COLUMNS[i]!] = running[i]!;
          out.push(row);
        }
      }
    }
    return out;
  }

  clear(): void {
    this.years.clear();
  }
}

/** 37 values a row: far below SQLite's 32,766 and PostgreSQL's 65,535 bound values. */
const ROWS_PER_UPSERT = 500;

/** `col = report_movements.col + excluded.col` for every value column. */
const ADD_EXCLUDED = Object.fromEntries(
  MOVEMENT_VALUE_COLUMNS.map((column) => [
    column,
    sql<bigint>`${sql.ref(`report_movements.${column}`)} + ${sql.ref(`excluded.${column}`)}`,
  ]),
) as Record<MovementValueColumn, RawBuilder<bigint>>;

/** Adds the rows to the table (a missing row counts as 0). */
export async function addMovementRows(
  db: Kysely<Database>,
  rows: readonly MovementRow[],
): Promise<void> {
  for (const part of chunks(rows, ROWS_PER_UPSERT)) {
    await db
      .insertInto('report_movements')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['unit', 'year', 'month', 'officer', 'mode']).doUpdateSet(ADD_EXCLUDED),
      )
      .execute();
  }
}

/** The horizon: the last working year the table holds, or null when it holds nothing. */
export async function movementsHorizon(
  db: Kysely<Database>,
  lock: 'share' | 'update' | null = null,
): Promise<number | null> {
  let query = db.selectFrom('report_movement_horizon').select('year').where('id', '=', 1);
  if (lock && isPostgres(db)) query = lock === 'share' ? query.forShare() : query.forUpdate();
  const row = await query.executeTakeFirst();
  // -1: the row exists only to be locked (lockHorizon), nothing is held.
  return row && Number(row.year) !== -1 ? Number(row.year) : null;
}

/**
 * Keeps the table up to date for cases written in the caller's transaction: each as it was
 * (`before`, null for a new case) and as it is (`after`, null for a removed one). Call it in the
 * same transaction as the write.
 */
export async function applyCaseChanges(
  trx: Kysely<Database>,
  changes: Iterable<{ before: ReplayedCase | null; after: ReplayedCase | null }>,
): Promise<void> {
  const horizon = await movementsHorizon(trx, 'share');
  if (horizon === null) return;
  const batch = new MovementBatch();
  for (const { before, after } of changes) batch.addChange(before, after, horizon);
  if (batch.size > 0) await addMovementRows(trx, batch.rows());
}

/** Replays a stored case (it was validated when written). */
export function replayStored(c: RegistryCase): ReplayedCase {
  const result = replayCase(c);
  if (!result.ok)
    throw new DomainError(
      'INVALID_EVENT',
      `Dữ liệu đã lưu không hợp lệ: ${result.violation.message}`,
      { caseId: c.id },
    );
  return result.replayed;
}

const SCAN_CHUNK = 2000;
const OPEN_STATES = ['able', 'postponed', 'suspended', 'unable'];

/**
 * Every stored case that can contribute to `fromYear` or later (all cases when `fromYear` is
 * null), replayed, in chunks by id.
 */
async function* scanCases(
  db: Kysely<Database>,
  fromYear: number | null,
): AsyncGenerator<ReplayedCase[]> {
  const start = fromYear === null ? null : periodOf(fromYear, 1).start;
  let after = '';
  for (;;) {
    let query = db
      .selectFrom('cases')
      .select(['id', 'unit', 'received_on', 'amount', 'mode', 'officer'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(SCAN_CHUNK);
    if (start !== null)
      query = query.where((eb) =>
        eb.or([eb('state', 'in', OPEN_STATES), eb('state_since', '>=', start)]),
      );
    const rows = await query.execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    const events = await db
      .selectFrom('case_events')
      .select(['case_id', 'date', 'kind', 'amount', 'officer', 'ground', 'decision_no'])
      .where(
        'case_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('case_id')
      .orderBy('date')
      .orderBy('seq')
      .execute();
    const byCase = new Map<string, ReturnType<typeof caseEventFromRow>[]>();
    for (const e of events) {
      let list = byCase.get(e.case_id);
      if (!list) byCase.set(e.case_id, (list = []));
      list.push(caseEventFromRow(e));
    }
    yield rows.map((row) =>
      replayStored({
        id: row.id,
        unit: row.unit,
        receivedOn: row.received_on,
        amount: row.amount,
        officer: row.officer,
        mode: (row.mode ?? null) as RegistryCase['mode'],
        events: byCase.get(row.id) ?? [],
      }),
    );
    if (rows.length < SCAN_CHUNK) return;
  }
}

async function setHorizon(db: Kysely<Database>, year: number): Promise<void> {
  await db
    .insertInto('report_movement_horizon')
    .values({ id: 1, year })
    .onConflict((oc) => oc.column('id').doUpdateSet({ year }))
    .execute();
}

/** Locks the horizon for a change (PostgreSQL; SQLite has one writer). */
async function lockHorizon(trx: Kysely<Database>): Promise<number | null> {
  if (isPostgres(trx)) {
    // Make sure the row exists to be locked, without changing it.
    await sql`insert into report_movement_horizon (id, year) values (1, -1) on conflict (id) do nothing`.execute(
      trx,
    );
    return movementsHorizon(trx, 'update');
  }
  return movementsHorizon(trx);
}

/** Adds the years after the horizon (all years when `from` is null) up to `to`, then sets it. */
async function materialise(
  trx: Kysely<Database>,
  from: number | null,
  to: number,
): Promise<number> {
  if (from === null) await trx.deleteFrom('report_movements').execute();
  const batch = new MovementBatch();
  let cases = 0;
  for await (const chunk of scanCases(trx, from)) {
    for (const r of chunk) batch.addSeries(r.case.unit, caseSeries(r, to, from ?? -Infinity));
    cases += chunk.length;
    if (batch.size >= 20_000) {
      await addMovementRows(trx, batch.rows());
      batch.clear();
    }
  }
  if (batch.size > 0) await addMovementRows(trx, batch.rows());
  await setHorizon(trx, to);
  return cases;
}

export interface RebuildResult {
  /** Cases read. */
  cases: number;
  /** The last working year held. */
  horizon: number;
  /** Rows in the table after the rebuild. */
  rows: number;
}

/**
 * Builds the table again from the registry, in one transaction: every case, every working year up
 * to `toYear` (default: the later of the current horizon and the current working year). For a
 * database whose table is missing or stale (the migration runs it on existing data).
 */
export async function rebuildMovements(
  db: Kysely<Database>,
  options: { toYear?: number } = {},
): Promise<RebuildResult> {
  return inTransaction(db, async (trx) => {
    const horizon = await lockHorizon(trx);
    const to = options.toYear ?? Math.max(horizon ?? -Infinity, currentWorkingYear());
    const cases = await materialise(trx, null, to);
    const count = await trx
      .selectFrom('report_movements')
      .select((eb) => eb.fn.countAll<number | bigint | string>().as('n'))
      .executeTakeFirstOrThrow();
    return { cases, horizon: to, rows: Number(count.n) };
  });
}

/**
 * Makes sure the table holds working year `year`: extends the horizon lazily (see the module
 * comment). False when the year is too far ahead to be held (after the current working year + 1):
 * the caller computes that report in full.
 */
export async function ensureMovementsYear(db: Kysely<Database>, year: number): Promise<boolean> {
  const horizon = await movementsHorizon(db);
  if (horizon !== null && year <= horizon) return true;
  const current = currentWorkingYear();
  if (year > Math.max(horizon ?? -Infinity, current) + 1) return false;
  await inTransaction(db, async (trx) => {
    const locked = await lockHorizon(trx);
    if (locked !== null && year <= locked) return;
    const to = Math.max(year, current, locked ?? -Infinity);
    await materialise(trx, locked === null ? null : locked + 1, to);
  });
  return true;
}

/** Whether a report filter is one the table carries (officer at E and mode only). */
export function movementsServe(filter: ContributionFilter): boolean {
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key !== 'officer' && key !== 'mode') return false;
  }
  return true;
}

/**
 * The registry lines of `units` for each period, summed from the table (which must hold their
 * years: `ensureMovementsYear`). `filter` as in `registryLines`: officer undefined every case, null
 * the unassigned ones; mode undefined every case, 'none' the cases without a mode.
 */
export async function movementLines(
  db: Kysely<Database>,
  units: readonly string[],
  periodsAsked: readonly { year: number; month: number }[],
  filter: ContributionFilter = {},
): Promise<{ cases: KnownLines; money: KnownLines }[]> {
  const sums = periodsAsked.map(() => new Array<bigint>(WIDTH).fill(0n));
  if (units.length === 0 || periodsAsked.length === 0) return sums.map(linesOf);
  const index = new Map(periodsAsked.map((p, i) => [p.year * 16 + p.month, i]));
  const officer =
    filter.officer === undefined ? undefined : filter.officer === null ? '' : filter.officer;
  const mode = filter.mode === undefined ? undefined : filter.mode === 'none' ? '' : filter.mode;
  for (const part of chunks(units)) {
    let query = db
      .selectFrom('report_movements')
      .select(['year', 'month', ...MOVEMENT_VALUE_COLUMNS])
      .where('unit', 'in', part)
      .where((eb) =>
        eb.or(
          periodsAsked.map((p) => eb.and([eb('year', '=', p.year), eb('month', '=', p.month)])),
        ),
      );
    if (officer === undefined && mode === undefined)
      query = query.where('officer', '=', MOVEMENT_ALL).where('mode', '=', MOVEMENT_ALL);
    else {
      if (officer !== undefined) query = query.where('officer', '=', officer);
      else query = query.where('officer', '!=', MOVEMENT_ALL);
      if (mode !== undefined) query = query.where('mode', '=', mode);
    }
    const rows = await query.execute();
    for (const row of rows) {
      const i = index.get(Number(row.year) * 16 + Number(row.month));
      if (i === undefined) continue;
      const sum = sums[i]!;
      for (let c = 0; c < WIDTH; c++) sum[c] = sum[c]! + BigInt(row[MOVEMENT_VALUE_COLUMNS[c]!]);
    }
  }
  return sums.map(linesOf);
}

/**
 * The lines of every unit of `units` (its own cases) and of every officer of those units ('' for
 * the cases no officer holds), at one period, keyed by unit and by unit NUL officer: what the
 * leadership summary's batch (report-batch.ts) sums its reports from. Units and officers without
 * rows are absent (their lines are 0).
 */
export async function movementSumsAt(
  db: Kysely<Database>,
  units: readonly string[],
  period: { year: number; month: number },
): Promise<{
  own: Map<string, { cases: KnownLines; money: KnownLines }>;
  byOfficer: Map<string, { cases: KnownLines; money: KnownLines }>;
}> {
  const own = new Map<string, Vector>();
  const byOfficer = new Map<string, Vector>();
  for (const part of chunks(units)) {
    const rows = await db
      .selectFrom('report_movements')
      .select(['unit', 'officer', ...MOVEMENT_VALUE_COLUMNS])
      .where('unit', 'in', part)
      .where('year', '=', period.year)
      .where('month', '=', period.month)
      .execute();
    for (const row of rows) {
      const into = row.officer === MOVEMENT_ALL ? own : byOfficer;
      const key = row.officer === MOVEMENT_ALL ? row.unit : `${row.unit}\u0000${row.officer}`;
      let sum = into.get(key);
      if (!sum) into.set(key, (sum = new Array<bigint>(WIDTH).fill(0n)));
      for (let c = 0; c < WIDTH; c++) sum[c] = sum[c]! + BigInt(row[MOVEMENT_VALUE_COLUMNS[c]!]);
    }
  }
  const lines = (m: Map<string, Vector>) => new Map([...m].map(([k, v]) => [k, linesOf(v)]));
  return { own: lines(own), byOfficer: lines(byOfficer) };
}

function linesOf(v: Vector): { cases: KnownLines; money: KnownLines } {
  const cases = zeroLines('cases');
  const money = zeroLines('money');
  for (let i = 0; i < N; i++) {
    cases[LINES[i]!] = v[i]!;
    money[LINES[i]!] = v[N + i]!;
  }
  return { cases, money };
}

export interface MovementsCheckResult {
  /** Rows compared (expected or stored). */
  rows: number;
  /** Differences, at most `limit` of them: key, and the column values expected and stored. */
  differences: { key: string; column: string; expected: string; stored: string }[];
  horizon: number | null;
}

/**
 * Compares the table with the full computation: for every unit, every working year up to the
 * horizon and every month, `caseContribution` of every case of the unit summed by officer and mode
 * (month by month, not through `caseSeries`), against the stored rows.
 */
export async function checkMovements(
  db: Kysely<Database>,
  options: { limit?: number } = {},
): Promise<MovementsCheckResult> {
  const limit = options.limit ?? 50;
  const horizon = await movementsHorizon(db);
  const differences: MovementsCheckResult['differences'] = [];
  let compared = 0;
  const units = await listUnits(db);
  for (const unit of units.map((u) => u.code)) {
    const expected = new Map<string, Vector>();
    if (horizon !== null) {
      const cases = (await loadCases(db, { units: [unit] })).map(replayStored);
      for (const r of cases) {
        for (let year = workingYear(r.case.receivedOn); year <= horizon; year++) {
          for (let month = 1; month <= 12; month++) {
            const c = caseContribution(r, periodOf(year, month));
            if (!c) continue;
            for (const [officer, mode] of [
              [c.officer ?? '', c.mode ?? ''],
              [MOVEMENT_ALL, MOVEMENT_ALL],
            ] as const) {
              const key = `${officer}\u0001${mode}\u0001${year}\u0001${month}`;
              let v = expected.get(key);
              if (!v) expected.set(key, (v = new Array<bigint>(WIDTH).fill(0n)));
              for (let i = 0; i < N; i++) {
                v[i] = v[i]! + c.cases[LINES[i]!];
                v[N + i] = v[N + i]! + c.money[LINES[i]!];
              }
            }
          }
        }
      }
    }
    const stored = new Map<string, Vector>();
    const rows = await db
      .selectFrom('report_movements')
      .select(['officer', 'mode', 'year', 'month', ...MOVEMENT_VALUE_COLUMNS])
      .where('unit', '=', unit)
      .execute();
    for (const row of rows)
      stored.set(
        `${row.officer}\u0001${row.mode}\u0001${Number(row.year)}\u0001${Number(row.month)}`,
        MOVEMENT_VALUE_COLUMNS.map((c) => BigInt(row[c])),
      );
    const zero = new Array<bigint>(WIDTH).fill(0n);
    for (const key of new Set([...expected.keys(), ...stored.keys()])) {
      compared++;
      const want = expected.get(key) ?? zero;
      const got = stored.get(key) ?? zero;
      for (let i = 0; i < WIDTH; i++) {
        if (want[i] === got[i]) continue;
        if (differences.length < limit) {
          const [officer, mode, year, month] = key.split('\u0001');
          differences.push({
            key: `${unit}/${officer || '-'}/${mode || '-'}/${year}/${month}`,
            column: MOVEMENT_VALUE_COLUMNS[i]!,
            expected: want[i]!.toString(),
            stored: got[i]!.toString(),
          });
        }
      }
    }
  }
  return { rows: compared, differences, horizon };
}
