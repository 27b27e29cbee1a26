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

/** Interns strings as small integers (the units, officers and modes of a batch). */
class Names {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  id(name: string): number {
    let i = this.index.get(name);
    if (i === undefined) {
      i = this.list.length;
      if (i >= NAME_LIMIT) throw new Error(`movements: more than ${NAME_LIMIT} names in one batch`);
      this.list.push(name);
      this.index.set(name, i);
    }
    return i;
  }

  /** The rank of every id in the sorted order of the names. */
  ranks(): Int32Array {
    const list = this.list;
    const order = list.map((_, i) => i).sort((a, b) => compareText(list[a]!, list[b]!));
    const rank = new Int32Array(list.length);
    order.forEach((id, r) => (rank[id] = r));
    return rank;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Names per kind of name in one batch (units, officers, modes): 2^16 each. */
const NAME_LIMIT = 65_536;
const FIRST_YEAR = 1900;

/** Unit, officer and mode ids (or ranks) as one number (below 2^35). */
function groupKey(unit: number, officer: number, mode: number): number {
  return (unit * NAME_LIMIT + officer) * 8 + mode;
}

/** Kind, year and month as one number below 2^16. */
function periodKey(kind: number, year: number, month: number): number {
  const y = year - FIRST_YEAR;
  if (y < 0 || y >= 2048) throw new Error(`movements: working year ${year} out of range`);
  return kind * 32_768 + y * 16 + month;
}

/** A row key as one number, in key order (below 2^51: exact in a double). */
function rowKey(
  unit: number,
  officer: number,
  mode: number,
  kind: number,
  year: number,
  month: number,
): number {
  return groupKey(unit, officer, mode) * 65_536 + periodKey(kind, year, month);
}

/**
 * Sums the rows of many cases (added as they are, subtracted as they were) per row key, and gives
 * the rows that did not cancel out. A case adds to its unit's own rows; the rows of the units
 * above (`MOVEMENT_BELOW`) are the sums of those unit totals, added when the rows are taken.
 *
 * Built for imports of tens of thousands of cases (about five row keys each): row keys are small
 * numbers over interned names, and the sums of every row live in two flat arrays, the case counts
 * as doubles (whole numbers far below 2^53: exact) and the money as bigint.
 */
export class MovementBatch {
  private readonly units = new Names();
  private readonly officers = new Names();
  private readonly modes = new Names();
  /** (unit, officer, mode) → group number; (group, kind, year, month) → row number. */
  private readonly groupOf = new Map<number, number>();
  private readonly slotOf = new Map<number, number>();
  /** Per row, six numbers: unit, officer and mode ids, kind, year, month. */
  private keys: number[] = [];
  /** Per row, N case counts. */
  private counts = new Float64Array(1024 * N);
  /** Per row, N money sums (đồng). */
  private money: bigint[] = [];
  private readonly allOfficer: number;
  private readonly allMode: number;
  private readonly belowOfficer: number;
  private readonly belowMode: number;

  /** `above`: the units above each unit written (its parent, the parent's parent…), if any. */
  constructor(private readonly above: ReadonlyMap<string, readonly string[]> = new Map()) {
    this.allOfficer = this.officers.id(MOVEMENT_ALL);
    this.belowOfficer = this.officers.id(MOVEMENT_BELOW);
    this.allMode = this.modes.id(MOVEMENT_ALL);
    this.belowMode = this.modes.id(MOVEMENT_BELOW);
  }

  /** Row keys held (some may have summed to 0). */
  get size(): number {
    return this.slotOf.size;
  }

  /** The first index of a row's sums in `counts` and `money`; a new row starts at 0. */
  private at(
    unit: number,
    officer: number,
    mode: number,
    kind: number,
    year: number,
    month: number,
  ): number {
    const inGroup = groupKey(unit, officer, mode);
    let group = this.groupOf.get(inGroup);
    if (group === undefined) this.groupOf.set(inGroup, (group = this.groupOf.size));
    const key = group * 65_536 + periodKey(kind, year, month);
    let slot = this.slotOf.get(key);
    if (slot === undefined) {
      slot = this.slotOf.size;
      this.slotOf.set(key, slot);
      this.keys.push(unit, officer, mode, kind, year, month);
      if ((slot + 1) * N > this.counts.length) {
        const grown = new Float64Array(this.counts.length * 2);
        grown.set(this.counts);
        this.counts = grown;
      }
      for (let i = 0; i < N; i++) this.money.push(0n);
    }
    return slot * N;
  }

  private add(
    unit: number,
    c: CaseContribution,
    kind: MovementKind,
    year: number,
    month: number,
    negate: boolean,
  ): void {
    const officer = this.officers.id(c.officer ?? '');
    const own = this.at(unit, officer, this.modes.id(c.mode ?? ''), kind, year, month);
    const all = this.at(unit, this.allOfficer, this.allMode, kind, year, month);
    const cases = c.cases;
    const money = c.money;
    const counts = this.counts;
    const sums = this.money;
    for (let i = 0; i < N; i++) {
      const code = LINES[i]!;
      const x = cases[code];
      if (x !== 0n) {
        const d = negate ? -Number(x) : Number(x);
        counts[own + i] = counts[own + i]! + d;
        counts[all + i] = counts[all + i]! + d;
      }
      const y = money[code];
      if (y !== 0n) {
        const signed = negate ? -y : y;
        sums[own + i] = sums[own + i]! + signed;
        sums[all + i] = sums[all + i]! + signed;
      }
    }
  }

  /** Adds the row whose sums start at `from` to the rows of the units above `unit`. */
  private addAbove(unit: string, kind: number, year: number, month: number, from: number): void {
    for (const ancestor of this.above.get(unit) ?? []) {
      const u = this.units.id(ancestor);
      const at = this.at(u, this.belowOfficer, this.belowMode, kind, year, month);
      for (let i = 0; i < N; i++) {
        this.counts[at + i] = this.counts[at + i]! + this.counts[from + i]!;
        this.money[at + i] = this.money[at + i]! + this.money[from + i]!;
      }
    }
  }

  /** Adds a row of a unit's total to the rows of the units above it (`rebuildSubtreeRows`). */
  addBelow(row: Omit<MovementDelta, 'officer' | 'mode'>): void {
    for (const ancestor of this.above.get(row.unit) ?? []) {
      const u = this.units.id(ancestor);
      const at = this.at(u, this.belowOfficer, this.belowMode, row.kind, row.year, row.month);
      for (let i = 0; i < N; i++) {
        this.counts[at + i] = this.counts[at + i]! + Number(row.values[i]!);
        this.money[at + i] = this.money[at + i]! + row.values[N + i]!;
      }
    }
  }

  /** Adds (or with `negate`, subtracts) the rows of a case. */
  addCase(r: ReplayedCase, negate = false): void {
    const unit = this.units.id(r.case.unit);
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

  /**
   * Takes the rows to add, in key order: those not all 0, with the rows of the units above the
   * units whose totals changed. The batch is empty afterwards.
   */
  takeRows(): MovementDelta[] {
    const keys = this.keys;
    const held = this.slotOf.size;
    if (this.above.size > 0) {
      for (let slot = 0; slot < held; slot++) {
        const k = slot * 6;
        if (keys[k + 1] !== this.allOfficer) continue;
        const unit = this.units.list[keys[k]!]!;
        this.addAbove(unit, keys[k + 3]!, keys[k + 4]!, keys[k + 5]!, slot * N);
      }
    }
    const unitRank = this.units.ranks();
    const officerRank = this.officers.ranks();
    const modeRank = this.modes.ranks();
    const count = this.slotOf.size;
    const order = new Float64Array(count);
    for (let slot = 0; slot < count; slot++) {
      const k = slot * 6;
      order[slot] = rowKey(
        unitRank[keys[k]!]!,
        officerRank[keys[k + 1]!]!,
        modeRank[keys[k + 2]!]!,
        keys[k + 3]!,
        keys[k + 4]!,
        keys[k + 5]!,
      );
    }
    const slots = Array.from({ length: count }, (_, i) => i).sort((a, b) => order[a]! - order[b]!);
    const out: MovementDelta[] = [];
    for (const slot of slots) {
      const at = slot * N;
      let zero = true;
      for (let i = 0; i < N && zero; i++)
        if (this.counts[at + i] !== 0 || this.money[at + i] !== 0n) zero = false;
      if (zero) continue;
      const values: Vector = new Array<bigint>(WIDTH);
      for (let i = 0; i < N; i++) {
        const c = this.counts[at + i]!;
        values[i] = c === 0 ? 0n : BigInt(c);
        values[N + i] = this.money[at + i]!;
      }
      const k = slot * 6;
      out.push({
        unit: this.units.list[keys[k]!]!,
        officer: this.officers.list[keys[k + 1]!]!,
        mode: this.modes.list[keys[k + 2]!]!,
        kind: keys[k + 3] as MovementKind,
        year: keys[k + 4]!,
        month: keys[k + 5]!,
        values,
      });
    }
    this.clear();
    return out;
  }

  clear(): void {
    this.groupOf.clear();
    this.slotOf.clear();
    this.keys = [];
    this.money = [];
    this.counts.fill(0);
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
 * `addMovementRows` of a few rows as one PostgreSQL statement to embed (a data-modifying `with`
 * of a larger statement), returning one row per row written.
 */
export function movementUpsert(rows: readonly MovementDelta[]): RawBuilder<unknown> {
  const values = rows.map(
    (r) => sql`(${sql.join([r.unit, r.officer, r.mode, r.kind, r.year, r.month, ...r.values])})`,
  );
  return sql`insert into report_movements (${sql.raw(UPSERT_COLUMNS.join(', '))}) values ${sql.join(
    values,
  )} ${sql.raw(ADDING)} returning 1 as written`;
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
  await addMovementRows(trx, batch.takeRows());
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
  const rows = await caseChangeRows(trx, changes, known);
  if (rows.length > 0) await addMovementRows(trx, rows);
}

/**
 * The rows `applyCaseChanges` adds, without writing them (none when the table is not maintained):
 * for a writer that adds them in a statement of its own (`movementUpsert`).
 */
export async function caseChangeRows(
  trx: Kysely<Database>,
  changes: Iterable<{ before: ReplayedCase | null; after: ReplayedCase | null }>,
  known?: { built: boolean; above: ReadonlyMap<string, readonly string[]> },
): Promise<MovementDelta[]> {
  if (!(known ? known.built : await movementsBuilt(trx))) return [];
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
  return batch.size > 0 ? batch.takeRows() : [];
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
      await addMovementRows(trx, batch.takeRows());
    }
  }
  if (batch.size > 0) await addMovementRows(trx, batch.takeRows());
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
