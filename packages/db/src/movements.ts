/**
 * Monthly movements: what the registry reports need, kept up to date with every registry write, so
 * that a report is summed from a handful of rows instead of replaying every case (issue 13).
 *
 * What a case contributes to the report of (working year Y, month n) (`caseContribution` of
 * @thads/domain: every line of both measures, by the officer holding the case at the period end E
 * and its mode) changes from month n−1 to month n only in a month holding its intake or one of its
 * events, and from one year to the next at month 1. After the working year Ylast of its last event
 * (or of its intake) it no longer changes at all: from year Ylast + 1 on, an open case is brought
 * forward with what remains and its state, officer and mode of today, and a closed one is gone.
 * So `report_movements` holds, per (unit, officer, mode), two kinds of rows:
 * - kind 0, (year Y, month m): the change, from month m − 1 of Y (from nothing for m = 1), of what
 *   the cases with Ylast ≥ Y contribute;
 * - kind 1, (year f, month 0): what the cases with Ylast + 1 = f contribute to every month of every
 *   year from f on.
 * The report of (Y, n) is the sum of the kind-0 rows of (Y, 1..n) and of the kind-1 rows of years
 * ≤ Y: at most n + (number of years) rows per key, whatever the number of cases. Officer '' holds
 * the cases without an officer at E, mode '' those without a mode; rows with officer '*' and mode
 * '*' hold the unit's total, and rows with officer '**' and mode '**' the total of every unit
 * below it (its subtree without itself), so that a province's or the nation's total reads a few
 * rows too; a change of the unit tree builds those again (`rebuildSubtreeRows`). Every year, past
 * or future, is held: there is nothing to extend.
 *
 * Maintenance. A write of a case subtracts the rows of the case as it was and adds those of the
 * case as it is, in the same transaction (`applyCaseChanges`); what cancels out is not written, so
 * recording a payment touches a few rows. Backdated events, corrections, removals, reassignments
 * (the officer at E moves later months to another row) and changed facts all follow, since the
 * whole history is compared. Imports add up every changed case first, then write each row once,
 * a few hundred rows a statement (`col = col + excluded.col`; rows in key order, so that
 * concurrent PostgreSQL writers lock them in the same order).
 *
 * `report_movement_status` says whether the table is maintained (one row, written by a build).
 * Without it (a table never built, or emptied by tests) writes skip the maintenance and the first
 * report builds the table (`ensureMovements`).
 */
import {
  MONEY_LINE_CODES,
  caseContribution,
  localDateOf,
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
import { caseEventFromRow, chunks, loadCases, replayStored } from './queries/cases.js';
import { listUnits } from './queries/units.js';
import type { Database, MovementValueColumn } from './schema.js';
import { inTransaction, insertRows, isPostgres } from './write-helpers.js';

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
/** The officer and mode of the rows that hold the total of the units below a unit. */
export const MOVEMENT_BELOW = '**';

/** Row kinds: a change within a year, and what holds from a year on (see the module comment). */
export const IN_YEAR = 0;
export const STEADY = 1;
export type MovementKind = typeof IN_YEAR | typeof STEADY;

const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The working year of today's local date (the clock, read here only: `checkMovements`). */
function currentWorkingYear(): number {
  return workingYear(localDateOf(new Date().toISOString(), TIME_ZONE));
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

/**
 * A case's contribution: kind 0, from `month` of `year` on, until its next point of that year;
 * kind 1 (month 0), to every month of every year from `year` on.
 */
export interface MovementPoint {
  kind: MovementKind;
  year: number;
  month: number;
  contribution: CaseContribution | null;
}

/**
 * The points of a case (see the module comment): for every working year from its intake to
 * Ylast, the year of its last event (or intake), month 1 and every month holding its intake or an
 * event; then what it contributes from Ylast + 1 on, when it is still open then.
 */
export function casePoints(r: ReplayedCase): MovementPoint[] {
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
  let lastYear = intakeYear;
  for (const y of changes.keys()) if (y > lastYear) lastYear = y;

  const out: MovementPoint[] = [];
  for (let year = intakeYear; year <= lastYear; year++) {
    out.push({
      kind: IN_YEAR,
      year,
      month: 1,
      contribution: caseContribution(r, periodOf(year, 1)),
    });
    for (const month of changes.get(year) ?? []) {
      if (month === 1) continue;
      out.push({
        kind: IN_YEAR,
        year,
        month,
        contribution: caseContribution(r, periodOf(year, month)),
      });
    }
  }
  const steady = caseContribution(r, periodOf(lastYear + 1, 1));
  if (steady !== null)
    out.push({ kind: STEADY, year: lastYear + 1, month: 0, contribution: steady });
  return out;
}

type Vector = bigint[];

/** A row of the table: its key, then its 32 values in MOVEMENT_VALUE_COLUMNS order. */
export interface MovementDelta {
  unit: string;
  officer: string;
  mode: string;
  kind: MovementKind;
  year: number;
  month: number;
  values: Vector;
}

/**
 * Sums the rows of many cases (added as they are, subtracted as they were) per row key, and gives
 * the rows that did not cancel out.
 */
export class MovementBatch {
  private readonly deltas = new Map<string, MovementDelta>();

  /** `above`: the units above each unit written (its parent, the parent's parent…), if any. */
  constructor(private readonly above: ReadonlyMap<string, readonly string[]> = new Map()) {}

  /** Row keys held (some may have summed to 0). */
  get size(): number {
    return this.deltas.size;
  }

  private vector(
    unit: string,
    officer: string,
    mode: string,
    kind: MovementKind,
    year: number,
    month: number,
  ): Vector {
    const key = `${unit}\u0001${officer}\u0001${mode}\u0001${kind}\u0001${year}\u0001${month}`;
    let entry = this.deltas.get(key);
    if (!entry) {
      entry = { unit, officer, mode, kind, year, month, values: new Array<bigint>(WIDTH).fill(0n) };
      this.deltas.set(key, entry);
    }
    return entry.values;
  }

  private add(
    unit: string,
    c: CaseContribution,
    kind: MovementKind,
    year: number,
    month: number,
    negate: boolean,
  ): void {
    const targets = [
      this.vector(unit, c.officer ?? '', c.mode ?? '', kind, year, month),
      this.vector(unit, MOVEMENT_ALL, MOVEMENT_ALL, kind, year, month),
    ];
    for (const ancestor of this.above.get(unit) ?? [])
      targets.push(this.vector(ancestor, MOVEMENT_BELOW, MOVEMENT_BELOW, kind, year, month));
    const cases = c.cases;
    const money = c.money;
    for (let i = 0; i < N; i++) {
      const code = LINES[i]!;
      let x = cases[code];
      if (x !== 0n) {
        if (negate) x = -x;
        for (const v of targets) v[i] = v[i]! + x;
      }
      let y = money[code];
      if (y !== 0n) {
        if (negate) y = -y;
        for (const v of targets) v[N + i] = v[N + i]! + y;
      }
    }
  }

  /** Adds a row of a unit's total to the rows of the units above it (`rebuildSubtreeRows`). */
  addBelow(row: Omit<MovementDelta, 'officer' | 'mode'>): void {
    for (const ancestor of this.above.get(row.unit) ?? []) {
      const v = this.vector(
        ancestor,
        MOVEMENT_BELOW,
        MOVEMENT_BELOW,
        row.kind,
        row.year,
        row.month,
      );
      for (let i = 0; i < WIDTH; i++) v[i] = v[i]! + row.values[i]!;
    }
  }

  /** Adds (or with `negate`, subtracts) the rows of a case. */
  addCase(r: ReplayedCase, negate = false): void {
    const unit = r.case.unit;
    let year = NaN;
    let previous: CaseContribution | null = null;
    for (const p of casePoints(r)) {
      const c = p.contribution;
      if (p.kind === STEADY) {
        if (c !== null) this.add(unit, c, STEADY, p.year, 0, negate);
        continue;
      }
      if (p.year !== year) {
        year = p.year;
        previous = null;
      }
      if (previous !== null) this.add(unit, previous, IN_YEAR, year, p.month, !negate);
      if (c !== null) this.add(unit, c, IN_YEAR, year, p.month, negate);
      previous = c;
    }
  }

  /** Adds a case as it is now (`after`) in place of what it was (`before`). */
  addChange(before: ReplayedCase | null, after: ReplayedCase | null): void {
    if (before) this.addCase(before, true);
    if (after) this.addCase(after);
  }

  /** The rows to add, in key order: those not all 0. */
  rows(): MovementDelta[] {
    const out: MovementDelta[] = [];
    const keys = [...this.deltas.keys()].sort();
    for (const key of keys) {
      const d = this.deltas.get(key)!;
      if (d.values.some((x) => x !== 0n)) out.push(d);
    }
    return out;
  }

  clear(): void {
    this.deltas.clear();
  }
}

const KEY_COLUMNS = ['unit', 'officer', 'mode', 'kind', 'year', 'month'] as const;
const UPSERT_COLUMNS = [...KEY_COLUMNS, ...MOVEMENT_VALUE_COLUMNS];
/** A row present already gets the values added. */
const ADDING = `on conflict (${KEY_COLUMNS.join(', ')}) do update set ${MOVEMENT_VALUE_COLUMNS.map(
  (c) => `${c} = report_movements.${c} + excluded.${c}`,
).join(', ')}`;

/** Adds the rows to the table (a missing row counts as 0). */
export async function addMovementRows(
  db: Kysely<Database>,
  rows: readonly MovementDelta[],
): Promise<void> {
  await insertRows(
    db,
    'report_movements',
    UPSERT_COLUMNS,
    rows.map((r) => [r.unit, r.officer, r.mode, r.kind, r.year, r.month, ...r.values]),
    ADDING,
  );
}

/**
 * The units above each of `units` (parent first, up to the root), or above every unit when
 * `units` is omitted.
 */
export async function unitsAbove(
  db: Kysely<Database>,
  units?: readonly string[],
): Promise<Map<string, string[]>> {
  const parent = new Map<string, string | null>();
  if (units === undefined) {
    for (const r of await db.selectFrom('units').select(['code', 'parent']).execute())
      parent.set(r.code, r.parent);
  } else {
    // One query: the units asked and every unit above them (the tree has no cycle: imports and
    // the console refuse one).
    for (const part of chunks([...new Set(units)])) {
      const { rows } = await sql<{ code: string; parent: string | null }>`
        with recursive up(code, parent) as (
          select code, parent from units where code in (${sql.join(part)})
          union
          select u.code, u.parent from units u join up on u.code = up.parent
        )
        select code, parent from up`.execute(db);
      for (const r of rows) parent.set(r.code, r.parent);
    }
  }
  return chainsAbove(parent, units ?? [...parent.keys()]);
}

/** The units above each of `units` (parent first, up to the root), from the parent of each unit. */
export function chainsAbove(
  parent: ReadonlyMap<string, string | null>,
  units: Iterable<string>,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const unit of units) {
    const chain: string[] = [];
    const seen = new Set([unit]);
    for (let p = parent.get(unit) ?? null; p !== null && !seen.has(p); p = parent.get(p) ?? null) {
      chain.push(p);
      seen.add(p);
    }
    out.set(unit, chain);
  }
  return out;
}

/**
 * Builds the rows of the units below each unit again from the units' own totals: after a change
 * of the unit tree (a unit moved under another parent), in the transaction of that change.
 */
export async function rebuildSubtreeRows(trx: Kysely<Database>): Promise<void> {
  if (!(await movementsBuilt(trx))) return;
  if (isPostgres(trx)) await sql`lock table report_movements in exclusive mode`.execute(trx);
  await trx.deleteFrom('report_movements').where('officer', '=', MOVEMENT_BELOW).execute();
  const batch = new MovementBatch(await unitsAbove(trx));
  const rows = await trx
    .selectFrom('report_movements')
    .select(['unit', 'kind', 'year', 'month', ...MOVEMENT_VALUE_COLUMNS])
    .where('officer', '=', MOVEMENT_ALL)
    .where('mode', '=', MOVEMENT_ALL)
    .execute();
  for (const row of rows)
    batch.addBelow({
      unit: row.unit,
      kind: Number(row.kind) as MovementKind,
      year: Number(row.year),
      month: Number(row.month),
      values: MOVEMENT_VALUE_COLUMNS.map((c) => BigInt(row[c])),
    });
  await addMovementRows(trx, batch.rows());
}

/** Whether the table is maintained (built once, not emptied since). */
export async function movementsBuilt(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('report_movement_status')
    .select('id')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Keeps the table up to date for cases written in the caller's transaction: each as it was
 * (`before`, null for a new case) and as it is (`after`, null for a removed one). Call it in the
 * same transaction as the write.
 */
export async function applyCaseChanges(
  trx: Kysely<Database>,
  changes: Iterable<{ before: ReplayedCase | null; after: ReplayedCase | null }>,
  /**
   * What the caller read already in its transaction: whether the table is maintained
   * (`movementsBuilt`) and the units above some units (`unitsAbove` of them); the units above are
   * used only when they cover every unit of the changes (else they are read).
   */
  known?: { built: boolean; above: ReadonlyMap<string, readonly string[]> },
): Promise<void> {
  if (!(known ? known.built : await movementsBuilt(trx))) return;
  const list = [...changes];
  const units = new Set<string>();
  for (const { before, after } of list) {
    if (before) units.add(before.case.unit);
    if (after) units.add(after.case.unit);
  }
  const batch = new MovementBatch(
    known && [...units].every((u) => known.above.has(u))
      ? known.above
      : await unitsAbove(trx, [...units]),
  );
  for (const { before, after } of list) batch.addChange(before, after);
  if (batch.size > 0) await addMovementRows(trx, batch.rows());
}

const SCAN_CHUNK = 2000;

/** Every stored case, replayed, in chunks by id. */
async function* scanCases(db: Kysely<Database>): AsyncGenerator<ReplayedCase[]> {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('cases')
      .select(['id', 'unit', 'received_on', 'amount', 'mode', 'officer'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(SCAN_CHUNK)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.id;
    const events = await db
      .selectFrom('case_events')
      .select(['case_id', 'date', 'kind', 'amount', 'officer', 'ground', 'decision_no'])
      .where('case_id', '>=', rows[0]!.id)
      .where('case_id', '<=', after)
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

export interface RebuildResult {
  /** Cases read. */
  cases: number;
  /** Rows in the table after the rebuild. */
  rows: number;
}

/** Keys summed in memory before they are written during a build. */
const BUILD_FLUSH_KEYS = 50_000;

/**
 * Builds the table again from the registry, in one transaction (PostgreSQL: with the table locked,
 * so that a write running meanwhile adds its change after the build, to what the build read). For
 * a database whose table is missing or stale; the migration runs it on existing data.
 */
export async function rebuildMovements(db: Kysely<Database>): Promise<RebuildResult> {
  return inTransaction(db, async (trx) => {
    if (isPostgres(trx)) await sql`lock table report_movements in exclusive mode`.execute(trx);
    return build(trx);
  });
}

async function build(trx: Kysely<Database>): Promise<RebuildResult> {
  await trx.deleteFrom('report_movements').execute();
  const batch = new MovementBatch(await unitsAbove(trx));
  let cases = 0;
  for await (const chunk of scanCases(trx)) {
    for (const r of chunk) batch.addCase(r);
    cases += chunk.length;
    if (batch.size >= BUILD_FLUSH_KEYS) {
      await addMovementRows(trx, batch.rows());
      batch.clear();
    }
  }
  if (batch.size > 0) await addMovementRows(trx, batch.rows());
  await trx
    .insertInto('report_movement_status')
    .values({ id: 1, built_at: new Date().toISOString() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ built_at: new Date().toISOString() }))
    .execute();
  const count = await trx
    .selectFrom('report_movements')
    .select((eb) => eb.fn.countAll<number | bigint | string>().as('n'))
    .executeTakeFirstOrThrow();
  return { cases, rows: Number(count.n) };
}

/** Builds the table when it is not maintained yet (see the module comment). */
export async function ensureMovements(db: Kysely<Database>): Promise<void> {
  if (await movementsBuilt(db)) return;
  await inTransaction(db, async (trx) => {
    if (isPostgres(trx)) await sql`lock table report_movements in exclusive mode`.execute(trx);
    if (!(await movementsBuilt(trx))) await build(trx);
  });
}

/** Whether a report filter is one the table carries (officer at E and mode only). */
export function movementsServe(filter: ContributionFilter): boolean {
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined) continue;
    if (key !== 'officer' && key !== 'mode') return false;
  }
  return true;
}

/** `sum(col) as col` for every value column. */
const SUMS = sql.raw(MOVEMENT_VALUE_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', '));

/** The rows of (Y, 1..n) and the steady rows of years ≤ Y: what the report of (Y, n) sums. */
function rowsOfPeriod(period: { year: number; month: number }): RawBuilder<unknown> {
  return sql`((kind = ${IN_YEAR} and year = ${period.year} and month <= ${period.month}) or (kind = ${STEADY} and year <= ${period.year}))`;
}

type SumRow = Record<MovementValueColumn, bigint | string | number | null>;

function addSums(into: Vector, row: SumRow): void {
  for (let c = 0; c < WIDTH; c++) {
    const v = row[MOVEMENT_VALUE_COLUMNS[c]!];
    if (v !== null) into[c] = into[c]! + BigInt(v);
  }
}

/**
 * The registry lines of `units` for each period, summed from the table (`ensureMovements` first).
 * `filter` as in `registryLines`: officer undefined every case, null the unassigned ones; mode
 * undefined every case, 'none' the cases without a mode.
 */
export async function movementLines(
  db: Kysely<Database>,
  units: readonly string[],
  periodsAsked: readonly { year: number; month: number }[],
  filter: ContributionFilter = {},
): Promise<{ cases: KnownLines; money: KnownLines }[]> {
  const officer =
    filter.officer === undefined ? undefined : filter.officer === null ? '' : filter.officer;
  const mode = filter.mode === undefined ? undefined : filter.mode === 'none' ? '' : filter.mode;
  const keyCondition =
    officer === undefined && mode === undefined
      ? sql`officer = ${MOVEMENT_ALL} and mode = ${MOVEMENT_ALL}`
      : sql`${officer === undefined ? sql`officer not in (${MOVEMENT_ALL}, ${MOVEMENT_BELOW})` : sql`officer = ${officer}`} and ${mode === undefined ? sql`mode not in (${MOVEMENT_ALL}, ${MOVEMENT_BELOW})` : sql`mode = ${mode}`}`;
  // One unit: its few keys' rows, every period at once.
  if (units.length === 1)
    return sumPeriods(db, sql`unit = ${units[0]} and ${keyCondition}`, periodsAsked);
  const out: { cases: KnownLines; money: KnownLines }[] = [];
  for (const period of periodsAsked) {
    const sum = new Array<bigint>(WIDTH).fill(0n);
    for (const part of chunks(units)) {
      const { rows } = await sql<SumRow>`select ${SUMS} from report_movements
        where unit in (${sql.join(part)}) and ${keyCondition} and ${rowsOfPeriod(period)}`.execute(
        db,
      );
      for (const row of rows) addSums(sum, row);
    }
    out.push(linesOf(sum));
  }
  return out;
}

const VALUES = sql.raw(MOVEMENT_VALUE_COLUMNS.join(', '));

/**
 * The lines of each period summed from the rows `where` selects (a few keys of one unit): one
 * statement reads the rows of every period's year and the rows holding from a year on, and each
 * period adds up its own (a report needs three periods: one round trip instead of three).
 */
async function sumPeriods(
  db: Kysely<Database>,
  where: RawBuilder<unknown>,
  periodsAsked: readonly { year: number; month: number }[],
): Promise<{ cases: KnownLines; money: KnownLines }[]> {
  if (periodsAsked.length === 0) return [];
  const years = [...new Set(periodsAsked.map((p) => p.year))];
  const last = Math.max(...years);
  const { rows } = await sql<SumRow & { kind: unknown; year: unknown; month: unknown }>`
    select kind, year, month, ${VALUES} from report_movements
    where ${where} and ((kind = ${IN_YEAR} and year in (${sql.join(years)}))
      or (kind = ${STEADY} and year <= ${last}))`.execute(db);
  const sums = periodsAsked.map(() => new Array<bigint>(WIDTH).fill(0n));
  for (const row of rows) {
    const kind = Number(row.kind);
    const year = Number(row.year);
    const month = Number(row.month);
    periodsAsked.forEach((p, i) => {
      const counts = kind === STEADY ? year <= p.year : year === p.year && month <= p.month;
      if (counts) addSums(sums[i]!, row);
    });
  }
  return sums.map(linesOf);
}

/**
 * The registry lines of `unit` and every unit below it for each period: its own total and the
 * total of the units below it, a few rows each (`ensureMovements` first).
 */
export function movementSubtreeLines(
  db: Kysely<Database>,
  unit: string,
  periodsAsked: readonly { year: number; month: number }[],
): Promise<{ cases: KnownLines; money: KnownLines }[]> {
  return sumPeriods(
    db,
    sql`unit = ${unit} and officer in (${MOVEMENT_ALL}, ${MOVEMENT_BELOW}) and mode = officer`,
    periodsAsked,
  );
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
    const { rows } = await sql<SumRow & { unit: string; officer: string }>`
      select unit, officer, ${SUMS} from report_movements
      where unit in (${sql.join(part)}) and officer <> ${MOVEMENT_BELOW} and ${rowsOfPeriod(period)}
      group by unit, officer`.execute(db);
    for (const row of rows) {
      const into = row.officer === MOVEMENT_ALL ? own : byOfficer;
      const key = row.officer === MOVEMENT_ALL ? row.unit : `${row.unit}\u0000${row.officer}`;
      let sum = into.get(key);
      if (!sum) into.set(key, (sum = new Array<bigint>(WIDTH).fill(0n)));
      addSums(sum, row);
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
  /** Report cells compared ((unit, officer, mode, year, month) with a value expected or stored). */
  rows: number;
  /** Differences, at most `limit` of them: key, and the column values expected and stored. */
  differences: { key: string; column: string; expected: string; stored: string }[];
  /** Whether the table is maintained at all. */
  built: boolean;
  /** The last working year compared. */
  toYear: number;
}

type StoredRow = { kind: number; year: number; month: number; v: Vector };

/** What stored rows sum to at (year, month): kind 0 of (year, 1..month), kind 1 of years ≤ year. */
function storedAt(list: readonly StoredRow[], year: number, month: number): Vector {
  const v = new Array<bigint>(WIDTH).fill(0n);
  for (const r of list) {
    const counts = r.kind === STEADY ? r.year <= year : r.year === year && r.month <= month;
    if (counts) for (let i = 0; i < WIDTH; i++) v[i] = v[i]! + r.v[i]!;
  }
  return v;
}

/**
 * Compares the table with the full computation: for every unit, every working year from the first
 * intake to the later of the current working year and the last year in the table, plus one, and
 * every month, `caseContribution` of every case of the unit summed by officer and mode (month by
 * month, not through `casePoints`), against what the rows of the table sum to; then each unit's
 * rows of the units below it against the sum of those units' totals.
 */
export async function checkMovements(
  db: Kysely<Database>,
  options: { limit?: number } = {},
): Promise<MovementsCheckResult> {
  const limit = options.limit ?? 50;
  const built = await movementsBuilt(db);
  const differences: MovementsCheckResult['differences'] = [];
  const last = await db
    .selectFrom('report_movements')
    .select((eb) => eb.fn.max('year').as('y'))
    .executeTakeFirst();
  const toYear = Math.max(currentWorkingYear(), Number(last?.y ?? 0)) + 1;
  let compared = 0;
  const zero = new Array<bigint>(WIDTH).fill(0n);
  function compare(where: string, key: string, want: Vector, got: Vector): void {
    compared++;
    for (let i = 0; i < WIDTH; i++) {
      if (want[i] === got[i] || differences.length >= limit) continue;
      differences.push({
        key: `${where}/${key}`,
        column: MOVEMENT_VALUE_COLUMNS[i]!,
        expected: want[i]!.toString(),
        stored: got[i]!.toString(),
      });
    }
  }
  const units = await listUnits(db);
  /** Each unit's expected total at "year/month" (for the rows of the units above it). */
  const totals = new Map<string, Map<string, Vector>>();
  /** The rows of the units below each unit, as stored. */
  const below = new Map<string, StoredRow[]>();
  let firstYear = Infinity;
  for (const unit of units.map((u) => u.code)) {
    /** officer NUL mode NUL year NUL month → vector. */
    const expected = new Map<string, Vector>();
    const total = new Map<string, Vector>();
    totals.set(unit, total);
    let fromYear = Infinity;
    if (built) {
      const cases = (await loadCases(db, { units: [unit] })).map(replayStored);
      for (const r of cases) {
        const intake = workingYear(r.case.receivedOn);
        if (intake < fromYear) fromYear = intake;
        for (let year = intake; year <= toYear; year++) {
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
              if (officer === MOVEMENT_ALL) total.set(`${year}/${month}`, v);
              for (let i = 0; i < N; i++) {
                v[i] = v[i]! + c.cases[LINES[i]!];
                v[N + i] = v[N + i]! + c.money[LINES[i]!];
              }
            }
          }
        }
      }
    }
    const rows = await db
      .selectFrom('report_movements')
      .select(['officer', 'mode', 'kind', 'year', 'month', ...MOVEMENT_VALUE_COLUMNS])
      .where('unit', '=', unit)
      .execute();
    const byKey = new Map<string, StoredRow[]>();
    for (const row of rows) {
      const stored: StoredRow = {
        kind: Number(row.kind),
        year: Number(row.year),
        month: Number(row.month),
        v: MOVEMENT_VALUE_COLUMNS.map((c) => BigInt(row[c])),
      };
      if (stored.year < fromYear) fromYear = stored.year;
      if (row.officer === MOVEMENT_BELOW) {
        let list = below.get(unit);
        if (!list) below.set(unit, (list = []));
        list.push(stored);
        continue;
      }
      const key = `${row.officer}\u0001${row.mode}`;
      let list = byKey.get(key);
      if (!list) byKey.set(key, (list = []));
      list.push(stored);
    }
    if (fromYear < firstYear) firstYear = fromYear;
    const stored = new Map<string, Vector>();
    for (const [key, list] of byKey)
      for (let year = fromYear; year <= toYear; year++)
        for (let month = 1; month <= 12; month++) {
          const v = storedAt(list, year, month);
          if (v.some((x) => x !== 0n)) stored.set(`${key}\u0001${year}\u0001${month}`, v);
        }
    for (const key of new Set([...expected.keys(), ...stored.keys()])) {
      const [officer, mode, year, month] = key.split('\u0001');
      compare(
        `${unit}/${officer || '-'}/${mode || '-'}`,
        `${year}/${month}`,
        expected.get(key) ?? zero,
        stored.get(key) ?? zero,
      );
    }
  }
  // The rows of the units below each unit: the sum of their totals.
  const above = await unitsAbove(db);
  const expectedBelow = new Map<string, Map<string, Vector>>();
  for (const [unit, total] of totals)
    for (const ancestor of above.get(unit) ?? []) {
      let into = expectedBelow.get(ancestor);
      if (!into) expectedBelow.set(ancestor, (into = new Map()));
      for (const [key, v] of total) {
        let sum = into.get(key);
        if (!sum) into.set(key, (sum = new Array<bigint>(WIDTH).fill(0n)));
        for (let i = 0; i < WIDTH; i++) sum[i] = sum[i]! + v[i]!;
      }
    }
  for (const unit of new Set([...expectedBelow.keys(), ...below.keys()])) {
    const want = expectedBelow.get(unit) ?? new Map<string, Vector>();
    const list = below.get(unit) ?? [];
    for (let year = firstYear; year <= toYear; year++)
      for (let month = 1; month <= 12; month++) {
        const got = storedAt(list, year, month);
        const w = want.get(`${year}/${month}`) ?? zero;
        if (got.some((x) => x !== 0n) || w.some((x) => x !== 0n))
          compare(`${unit}/${MOVEMENT_BELOW}/${MOVEMENT_BELOW}`, `${year}/${month}`, w, got);
      }
  }
  return { rows: compared, differences, built, toYear };
}
