/**
 * Registry locks (statistics.md §10): approving month n of a unit locks that unit's registry up to
 * E(n), in the console and in imports alike, until a Cục manager grants an unlock request:
 * - no event dated on or before E(n) can be added, changed or removed;
 * - no case received on or before E(n) can be added or removed, or have its facts (unit, amount,
 *   intake date, intake officer) changed.
 * Approving a `total` of a unit with units under it adds no lock of its own.
 *
 * A unit's lock is the latest `locks_through` of its approved reports (reports.ts sets it at
 * approval and clears it when an unlock reopens the report). Every writer of registry data calls
 * one of the asserts below inside its transaction, before it writes:
 * - `assertRegistryUnlocked(trx, touches)`: the dates a console edit touches (an event's date; a
 *   case's intake date when the case is added, removed or its locked facts change);
 * - `assertCaseChangesUnlocked(trx, changes)`: a whole case before and after (imports, or any edit
 *   that rewrites a case with its history); it works out the touches itself.
 * Both throw DomainError('LOCKED') with a Vietnamese message naming the unit, the approved report
 * (month and year) and the date.
 */
import {
  DomainError,
  calendarMonthOf,
  formatViDate,
  type CaseEvent,
  type IsoDate,
} from '@thads/domain';
import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { CHUNK, chunks, type CaseFacts } from './queries/cases.js';

/** A unit's registry is locked through `through` (inclusive) by the approved report named. */
export interface RegistryLock {
  unit: string;
  through: IsoDate;
  /** The approved report that sets the lock (the latest one). */
  year: number;
  month: number;
  scope: 'own' | 'total';
}

/**
 * One thing a write does to the registry, as the lock sees it:
 * - `event`: an event dated `date` is added, changed or removed (for a change, one touch with the
 *   old date and one with the new);
 * - `case`: a case received on `receivedOn` is added or removed, or its unit, amount, intake date
 *   or intake officer changes (for a change, the old and the new intake date).
 * `unit` is the case's unit (for a unit change, one touch per unit).
 */
export type RegistryTouch =
  | {
      kind: 'event';
      unit: string;
      date: IsoDate;
      caseId?: string | null;
      action?: 'add' | 'change' | 'remove';
    }
  | {
      kind: 'case';
      unit: string;
      receivedOn: IsoDate;
      caseId?: string | null;
      action?: 'add' | 'change' | 'remove';
    };

/** A case as far as the lock is concerned: its locked facts and its events in applied order. */
export interface LockedCaseState {
  facts: Pick<CaseFacts, 'id' | 'unit' | 'receivedOn' | 'amount' | 'officer'>;
  /** In applied order (date, then the order given). */
  events: readonly CaseEvent[];
}

/** A case before and after a write; null before for a new case, null after for a removed one. */
export interface CaseChange {
  before: LockedCaseState | null;
  after: LockedCaseState | null;
}

/**
 * The lock of each of `units` that has one (every unit when `units` is omitted). Works inside a
 * transaction.
 */
export async function registryLocks(
  db: Kysely<Database>,
  units?: readonly string[],
): Promise<Map<string, RegistryLock>> {
  const out = new Map<string, RegistryLock>();
  const parts = units === undefined ? [null] : chunks([...new Set(units)], CHUNK);
  for (const part of parts) {
    if (part !== null && part.length === 0) continue;
    let query = db
      .selectFrom('reports')
      .select(['unit', 'scope', 'year', 'month', 'locks_through'])
      .where('status', '=', 'approved')
      .where('locks_through', 'is not', null);
    if (part !== null) query = query.where('unit', 'in', part);
    for (const row of await query.execute()) addLockRow(out, row);
  }
  return out;
}

/**
 * Adds an approved report's row (`locks_through` not null) to the locks by unit, keeping each
 * unit's latest: what `registryLocks` does with each row it reads.
 */
export function addLockRow(
  out: Map<string, RegistryLock>,
  row: {
    unit: string;
    scope: string;
    year: number | bigint | string;
    month: number | bigint | string;
    locks_through: string | null;
  },
): void {
  const through = row.locks_through!;
  const old = out.get(row.unit);
  if (old && old.through >= through) return;
  out.set(row.unit, {
    unit: row.unit,
    through,
    year: Number(row.year),
    month: Number(row.month),
    scope: row.scope === 'own' ? 'own' : 'total',
  });
}

/** The lock of one unit, or null when its registry is open. */
export async function registryLockOf(
  db: Kysely<Database>,
  unit: string,
): Promise<RegistryLock | null> {
  return (await registryLocks(db, [unit])).get(unit) ?? null;
}

function touchDate(touch: RegistryTouch): IsoDate {
  return touch.kind === 'event' ? touch.date : touch.receivedOn;
}

function describeTouch(touch: RegistryTouch): string {
  const ofCase = touch.caseId ? ` của việc ${touch.caseId}` : '';
  const date = formatViDate(touchDate(touch));
  if (touch.kind === 'event') {
    const verb =
      touch.action === 'add'
        ? 'thêm'
        : touch.action === 'change'
          ? 'sửa'
          : touch.action === 'remove'
            ? 'xóa'
            : 'thêm, sửa hoặc xóa';
    return `${verb} sự kiện ngày ${date}${ofCase}`;
  }
  const which = touch.caseId ? `việc ${touch.caseId}` : 'việc';
  switch (touch.action) {
    case 'add':
      return `thêm ${which} thụ lý ngày ${date}`;
    case 'remove':
      return `xóa ${which} thụ lý ngày ${date}`;
    case 'change':
      return `sửa đơn vị, số tiền, ngày thụ lý hoặc chấp hành viên ban đầu của ${which} thụ lý ngày ${date}`;
    default:
      return `thêm, xóa hoặc sửa ${which} thụ lý ngày ${date}`;
  }
}

/** The LOCKED error for a touch refused by a lock. */
export function lockedError(
  lock: RegistryLock,
  unitName: string | null,
  touch: RegistryTouch,
): DomainError {
  const cal = calendarMonthOf(lock.year, lock.month);
  const unitLabel = unitName ? `${unitName} (${lock.unit})` : lock.unit;
  return new DomainError(
    'LOCKED',
    `Sổ thụ lý của đơn vị ${unitLabel} đã khóa đến hết ngày ${formatViDate(lock.through)} vì báo cáo ` +
      `${lock.month} tháng năm ${lock.year} (đến tháng ${String(cal.month).padStart(2, '0')}/${cal.year}) ` +
      `đã được duyệt: không thể ${describeTouch(touch)}. Cần gửi yêu cầu mở khóa để Cục duyệt.`,
    {
      unit: lock.unit,
      year: lock.year,
      month: lock.month,
      lockedThrough: lock.through,
      date: touchDate(touch),
      caseId: touch.caseId ?? null,
    },
  );
}

/** The first touch a lock refuses, with that lock; null when every touch is allowed. */
export function firstLockedTouch(
  locks: ReadonlyMap<string, RegistryLock>,
  touches: readonly RegistryTouch[],
): { lock: RegistryLock; touch: RegistryTouch } | null {
  for (const touch of touches) {
    const lock = locks.get(touch.unit);
    if (lock && touchDate(touch) <= lock.through) return { lock, touch };
  }
  return null;
}

async function unitName(db: Kysely<Database>, code: string): Promise<string | null> {
  const row = await db
    .selectFrom('units')
    .select('name')
    .where('code', '=', code)
    .executeTakeFirst();
  return row?.name ?? null;
}

/**
 * Throws DomainError('LOCKED') when an approved report locks any of `touches` (see RegistryTouch).
 * Call it inside the transaction of the write, before writing.
 */
export async function assertRegistryUnlocked(
  trx: Kysely<Database>,
  touches: RegistryTouch | readonly RegistryTouch[],
): Promise<void> {
  const list: readonly RegistryTouch[] = Array.isArray(touches)
    ? (touches as readonly RegistryTouch[])
    : [touches as RegistryTouch];
  if (list.length === 0) return;
  const locks = await registryLocks(
    trx,
    list.map((t) => t.unit),
  );
  const hit = firstLockedTouch(locks, list);
  if (hit) throw lockedError(hit.lock, await unitName(trx, hit.lock.unit), hit.touch);
}

function sameEvent(a: CaseEvent, b: CaseEvent): boolean {
  return (
    a.date === b.date &&
    a.kind === b.kind &&
    (a.amount ?? null) === (b.amount ?? null) &&
    (a.officer ?? null) === (b.officer ?? null) &&
    (a.ground ?? null) === (b.ground ?? null) &&
    (a.decisionNo ?? null) === (b.decisionNo ?? null)
  );
}

/**
 * What a change of one case touches under `lockOf` (the lock date of a unit, or null): the intake
 * date when the case is added or removed or its locked facts change, and the date of every event
 * on or before the lock that was added, changed or removed (the events on or before the lock must
 * stay the same sequence, in applied order). Pure; only touches that some lock refuses matter,
 * but all of them on or before the lock date are returned.
 */
export function lockedTouchesOf(
  change: CaseChange,
  lockOf: (unit: string) => IsoDate | null,
): RegistryTouch[] {
  const { before, after } = change;
  const touches: RegistryTouch[] = [];
  const caseId = (after ?? before)?.facts.id ?? null;
  const units = [
    ...new Set([before?.facts.unit, after?.facts.unit].filter((u) => u !== undefined)),
  ];
  for (const unit of units) {
    const through = lockOf(unit);
    if (through === null) continue;
    const b = before && before.facts.unit === unit ? before : null;
    const a = after && after.facts.unit === unit ? after : null;
    // The case itself.
    if (b === null && a !== null) {
      if (a.facts.receivedOn <= through)
        touches.push({
          kind: 'case',
          unit,
          receivedOn: a.facts.receivedOn,
          caseId,
          action: before ? 'change' : 'add',
        });
    } else if (b !== null && a === null) {
      if (b.facts.receivedOn <= through)
        touches.push({
          kind: 'case',
          unit,
          receivedOn: b.facts.receivedOn,
          caseId,
          action: after ? 'change' : 'remove',
        });
    } else if (b !== null && a !== null) {
      const factsChanged =
        b.facts.receivedOn !== a.facts.receivedOn ||
        b.facts.amount !== a.facts.amount ||
        (b.facts.officer ?? null) !== (a.facts.officer ?? null);
      if (factsChanged) {
        const dates = [b.facts.receivedOn, a.facts.receivedOn].filter((d) => d <= through).sort();
        if (dates.length > 0)
          touches.push({ kind: 'case', unit, receivedOn: dates[0]!, caseId, action: 'change' });
      }
    }
    // Its events on or before the lock date.
    const oldLocked = (b?.events ?? []).filter((e) => e.date <= through);
    const newLocked = (a?.events ?? []).filter((e) => e.date <= through);
    const n = Math.max(oldLocked.length, newLocked.length);
    for (let i = 0; i < n; i++) {
      const x = oldLocked[i];
      const y = newLocked[i];
      if (x && y && sameEvent(x, y)) continue;
      const action = x && y ? 'change' : x ? 'remove' : 'add';
      const date = x && y ? (x.date < y.date ? x.date : y.date) : (x ?? y)!.date;
      touches.push({ kind: 'event', unit, date, caseId, action });
      break;
    }
  }
  return touches;
}

/**
 * Throws DomainError('LOCKED') when any of `changes` (whole cases before and after, events in
 * applied order) touches a locked part of its unit's registry. Changes that touch nothing locked,
 * and unchanged cases, pass. Loads the locks once for all the units concerned.
 */
export async function assertCaseChangesUnlocked(
  trx: Kysely<Database>,
  changes: readonly CaseChange[],
  /**
   * The locks of `known.units` (`registryLocks` of them) when the caller read them already in its
   * transaction; used only when they cover every unit of the changes (else the locks are read).
   */
  known?: { units: ReadonlySet<string>; locks: ReadonlyMap<string, RegistryLock> },
): Promise<void> {
  if (changes.length === 0) return;
  const units = new Set<string>();
  for (const c of changes) {
    if (c.before) units.add(c.before.facts.unit);
    if (c.after) units.add(c.after.facts.unit);
  }
  const locks =
    known && [...units].every((u) => known.units.has(u))
      ? known.locks
      : await registryLocks(trx, [...units]);
  if (locks.size === 0) return;
  const lockOf = (unit: string) => locks.get(unit)?.through ?? null;
  for (const change of changes) {
    const hit = firstLockedTouch(locks, lockedTouchesOf(change, lockOf));
    if (hit) throw lockedError(hit.lock, await unitName(trx, hit.lock.unit), hit.touch);
  }
}

/**
 * Throws DomainError('LOCKED') while the report of `unit` (scope `total`) for working year `year`,
 * month `month` is approved: its aggregate lines, which that report was computed from, cannot change
 * until an unlock reopens it. For the console's aggregate entry and `import aggregate`.
 */
export async function assertAggregateUnlocked(
  trx: Kysely<Database>,
  unit: string,
  year: number,
  month: number,
): Promise<void> {
  const row = await trx
    .selectFrom('reports')
    .select('status')
    .where('unit', '=', unit)
    .where('scope', '=', 'total')
    .where('year', '=', year)
    .where('month', '=', month)
    .executeTakeFirst();
  if (row?.status !== 'approved') return;
  const cal = calendarMonthOf(year, month);
  const name = await unitName(trx, unit);
  throw new DomainError(
    'LOCKED',
    `Báo cáo ${month} tháng năm ${year} (đến tháng ${String(cal.month).padStart(2, '0')}/${cal.year}) của đơn vị ` +
      `${name ? `${name} (${unit})` : unit} đã được duyệt: không thể sửa số liệu tổng hợp của báo cáo này. ` +
      'Cần gửi yêu cầu mở khóa để Cục duyệt.',
    { unit, year, month },
  );
}
