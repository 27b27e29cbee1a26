/**
 * The case list and the case detail of the console (issue 5).
 *
 * The list filters and sorts in SQL on the columns every write keeps beside a case (state now,
 * settled, current officer, last event date, folded search text: migration
 * 2025-11-30-registry-console), so a page of a unit with 100,000+ cases costs one indexed query
 * and one count. "The state at a date" is the state after the case's last state-setting event
 * dated on or before it (@thads/domain `STATE_AFTER_KIND`), found from the index over
 * (case, date, seq, kind). The text search is a substring (LIKE) of the folded search text, with
 * the query folded the same way: "nguyen van an" finds "Nguyễn Văn An".
 */
import {
  CASE_STATES,
  DomainError,
  OPEN_STATES,
  STATE_AFTER_KIND,
  STATE_SETTING_KINDS,
  TT01_2013,
  foldForSearch,
  isCaseState,
  kindsLeadingTo,
  reverificationDue,
  type CaseEvent,
  type CaseState,
  type EventKind,
  type IsoDate,
} from '@thads/domain';
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../schema.js';
import { isPostgres } from '../write-helpers.js';
import { storedEventsOf } from '../registry.js';
import { caseFactsFromRow, chunks, registryCaseOf, replayStored, type CaseFacts } from './cases.js';
import { listPublicListEntries, type PublicListEntryView } from './public-list.js';

/** A state, or every open or every closed state. */
export type StateFilter = CaseState | 'open' | 'closed';

export const CASE_SORTS = [
  'id',
  'receivedOn',
  'amount',
  'remaining',
  'debtor',
  'lastEventOn',
] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export interface CaseListQuery {
  /** The units whose cases are listed. */
  units: readonly string[];
  /** undefined: any; null: cases no officer holds now; a code: that officer's cases now. */
  officer?: string | null;
  state?: StateFilter;
  /** The state filter (and the state shown) at the end of this date instead of now. */
  stateOn?: IsoDate;
  /** Intake dates, inclusive. */
  receivedFrom?: IsoDate;
  receivedTo?: IsoDate;
  /** The amount to execute, inclusive, in đồng. */
  amountMin?: bigint;
  amountMax?: bigint;
  /** Case id, debtor name or decision number; folded, a substring. */
  q?: string;
  sort?: CaseSort;
  direction?: 'asc' | 'desc';
  offset: number;
  limit: number;
}

export interface CaseListRow {
  id: string;
  unit: string;
  receivedOn: IsoDate;
  amount: bigint;
  settled: bigint;
  remaining: bigint;
  /** The state now. */
  state: CaseState;
  /** With `stateOn`: the state at the end of that date. */
  stateOn: CaseState | null;
  officer: string | null;
  officerName: string | null;
  debtorName: string | null;
  decisionNo: string | null;
  lastEventOn: IsoDate | null;
}

export interface CaseListPage {
  total: number;
  rows: CaseListRow[];
}

/** `x like '%q%'` with LIKE's own wildcards in q taken literally. */
export function likePattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

type CasesEb = ExpressionBuilder<Database & { c: Database['cases'] }, 'c'>;

/** The kind of the case's last state-setting event dated on or before `date`, or null. */
function lastStateKind(eb: CasesEb, date: IsoDate) {
  return eb
    .selectFrom('case_events as e')
    .select('e.kind')
    .whereRef('e.case_id', '=', 'c.id')
    .where('e.date', '<=', date)
    .where('e.kind', 'in', [...STATE_SETTING_KINDS])
    .orderBy('e.date', 'desc')
    .orderBy('e.seq', 'desc')
    .limit(1);
}

/** The states a filter keeps. */
function statesOf(filter: StateFilter): CaseState[] {
  if (filter === 'open') return [...OPEN_STATES];
  if (filter === 'closed') return CASE_STATES.filter((s) => !OPEN_STATES.includes(s as never));
  return [filter];
}

function stateAt(eb: CasesEb, date: IsoDate, states: readonly CaseState[]): Expression<SqlBool> {
  const kinds = states.flatMap((s) => kindsLeadingTo(s));
  const last = lastStateKind(eb, date);
  // A case with no state-setting event by then is able.
  const conditions: Expression<SqlBool>[] = [];
  if (kinds.length > 0) conditions.push(eb(last, 'in', kinds));
  if (states.includes('able')) conditions.push(eb.not(eb.exists(last)));
  return eb.or(conditions);
}

/**
 * `everyUnit`: the units asked for are all the units there are (the Cục's whole registry), so no
 * unit filter is needed, and the list can follow the case id index instead of sorting every case.
 */
function filtered(db: Kysely<Database>, query: CaseListQuery, everyUnit: boolean) {
  let q = db.selectFrom('cases as c');
  if (!everyUnit) q = q.where('c.unit', 'in', [...query.units]);
  if (query.officer === null) q = q.where('c.current_officer', 'is', null);
  else if (query.officer !== undefined) q = q.where('c.current_officer', '=', query.officer);
  if (query.stateOn !== undefined) q = q.where('c.received_on', '<=', query.stateOn);
  if (query.state !== undefined) {
    const states = statesOf(query.state);
    if (query.stateOn === undefined) q = q.where('c.state', 'in', states);
    else {
      // In its current state since on or before the date: that is its state then. Only the
      // others are looked up in their events.
      const on = query.stateOn;
      q = q.where((eb) =>
        eb.or([
          eb.and([eb('c.state_since', '<=', on), eb('c.state', 'in', states)]),
          eb.and([eb('c.state_since', '>', on), stateAt(eb, on, states)]),
        ]),
      );
    }
  }
  if (query.receivedFrom !== undefined) q = q.where('c.received_on', '>=', query.receivedFrom);
  if (query.receivedTo !== undefined) q = q.where('c.received_on', '<=', query.receivedTo);
  if (query.amountMin !== undefined) q = q.where('c.amount', '>=', query.amountMin);
  if (query.amountMax !== undefined) q = q.where('c.amount', '<=', query.amountMax);
  const folded = foldForSearch(query.q ?? '');
  if (folded !== '')
    q = q.where(sql<SqlBool>`c.search_text like ${likePattern(folded)} escape '\\'`);
  return q;
}

/** The columns a list row is made of (cases as c, officers as o). */
const LIST_COLUMNS = [
  'c.id',
  'c.unit',
  'c.received_on',
  'c.amount',
  'c.settled',
  'c.state',
  'c.state_since',
  'c.current_officer',
  'o.name as officer_name',
  'c.debtor_name',
  'c.decision_no',
  'c.last_event_on',
] as const;

interface ListColumns {
  id: string;
  unit: string;
  received_on: string;
  amount: bigint;
  settled: bigint;
  state: string;
  state_since: string;
  current_officer: string | null;
  officer_name: string | null;
  debtor_name: string | null;
  decision_no: string | null;
  last_event_on: string | null;
}

function listRow(r: ListColumns, stateOn: CaseState | null): CaseListRow {
  return {
    id: r.id,
    unit: r.unit,
    receivedOn: r.received_on,
    amount: r.amount,
    settled: r.settled,
    remaining: r.amount - r.settled,
    state: toState(r.state, r.id),
    stateOn,
    officer: r.current_officer,
    officerName: r.officer_name,
    debtorName: r.debtor_name,
    decisionNo: r.decision_no,
    lastEventOn: r.last_event_on,
  };
}

function toState(text: string, caseId: string): CaseState {
  if (isCaseState(text)) return text;
  throw new Error(`case ${caseId} has an unknown state "${text}" in the database`);
}

/**
 * One page of the cases of `query.units` that pass the filters, with the number of all of them.
 * Ties in the sort are broken by case id, so pages never overlap.
 */
export async function listCases(db: Kysely<Database>, query: CaseListQuery): Promise<CaseListPage> {
  if (query.units.length === 0) return { total: 0, rows: [] };
  if (query.state !== undefined && !isStateFilter(query.state))
    throw new DomainError('INVALID_INPUT', `Trạng thái "${String(query.state)}" không hợp lệ`);
  const postgres = isPostgres(db);
  const asked = new Set(query.units);
  const everyUnit = (await db.selectFrom('units').select('code').execute()).every((u) =>
    asked.has(u.code),
  );
  const counted = await filtered(db, query, everyUnit)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(counted.n);
  if (total === 0 || query.limit <= 0) return { total, rows: [] };

  const direction = query.direction === 'desc' ? 'desc' : 'asc';
  // Byte order on PostgreSQL too, whatever the database's collation (like SQLite's default).
  const text = (column: string) =>
    postgres ? sql`${sql.ref(column)} collate "C"` : sql`${sql.ref(column)}`;
  const sortKey = (() => {
    switch (query.sort ?? 'id') {
      case 'receivedOn':
        return sql`c.received_on`;
      case 'amount':
        return sql`c.amount`;
      case 'remaining':
        return sql`(c.amount - c.settled)`;
      case 'debtor':
        return text('c.debtor_folded');
      case 'lastEventOn':
        return sql`coalesce(c.last_event_on, '')`;
      case 'id':
        return null;
    }
  })();
  const on = query.stateOn;
  let page = filtered(db, query, everyUnit)
    .leftJoin('officers as o', 'o.code', 'c.current_officer')
    .select(LIST_COLUMNS)
    .select((eb) =>
      (on === undefined ? sql<string | null>`null` : lastStateKind(eb, on)).as('state_kind'),
    );
  if (sortKey !== null) page = page.orderBy(sql`${sortKey} ${sql.raw(direction)}`);
  page = page
    .orderBy(sql`${text('c.id')} ${sql.raw(sortKey === null ? direction : 'asc')}`)
    .offset(query.offset)
    .limit(query.limit);
  const rows = await page.execute();
  return {
    total,
    rows: rows.map((r) =>
      listRow(
        r,
        on === undefined
          ? null
          : r.state_since <= on
            ? toState(r.state, r.id)
            : r.state_kind === null
              ? 'able'
              : (STATE_AFTER_KIND[r.state_kind as EventKind] ?? 'able'),
      ),
    ),
  };
}

/** The list rows of these cases (those that exist), by id. */
export async function caseRowsById(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, CaseListRow>> {
  const out = new Map<string, CaseListRow>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('cases as c')
      .leftJoin('officers as o', 'o.code', 'c.current_officer')
      .select(LIST_COLUMNS)
      .where('c.id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, listRow(r, null));
  }
  return out;
}

export function isStateFilter(text: string): text is StateFilter {
  return text === 'open' || text === 'closed' || isCaseState(text);
}

// ---------------------------------------------------------------------------------------------
// The case detail.
// ---------------------------------------------------------------------------------------------

export interface TimelineEvent extends CaseEvent {
  id: number;
  officerName: string | null;
  /** The state and what is settled right after the event. */
  stateAfter: CaseState;
  settledAfter: bigint;
  recordedBy: string | null;
  recordedAt: string | null;
}

export interface CaseDetail {
  facts: CaseFacts;
  unitName: string;
  /** The intake officer's name. */
  intakeOfficerName: string | null;
  amount: bigint;
  settled: bigint;
  remaining: bigint;
  state: CaseState;
  officer: string | null;
  officerName: string | null;
  /** The last `able`, `verify` or `unable` event's date (statistics.md §11). */
  lastVerification: IsoDate | null;
  /** For a case unable now: when re-verification is due (statistics.md §11). */
  reverificationDue: IsoDate | null;
  /** In applied order. */
  timeline: TimelineEvent[];
  /** Its public-list entries (one per unable decision), newest first. */
  publicList: PublicListEntryView[];
}

/** A case with its history, as the console shows it; NOT_FOUND without it. */
export async function caseDetail(
  db: Kysely<Database>,
  id: string,
  today: IsoDate,
): Promise<CaseDetail> {
  const row = await db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `Không tìm thấy việc mã "${id}"`, { caseId: id });
  const facts = caseFactsFromRow(row);
  const events = await storedEventsOf(db, id);
  const r = replayStored(registryCaseOf(facts, events));
  const names = new Map(
    (
      await db
        .selectFrom('officers')
        .select(['code', 'name'])
        .where('unit', '=', facts.unit)
        .execute()
    ).map((o) => [o.code, o.name]),
  );
  const unit = await db
    .selectFrom('units')
    .select('name')
    .where('code', '=', facts.unit)
    .executeTakeFirst();
  const publicList = await listPublicListEntries(db, { units: [], caseIds: [id], today });
  return {
    facts,
    unitName: unit?.name ?? facts.unit,
    intakeOfficerName: facts.officer === null ? null : (names.get(facts.officer) ?? null),
    amount: facts.amount,
    settled: r.settled,
    remaining: r.remaining,
    state: r.finalState,
    officer: r.officer,
    officerName: r.officer === null ? null : (names.get(r.officer) ?? null),
    lastVerification: r.lastVerification,
    reverificationDue:
      r.finalState === 'unable' && r.lastVerification !== null
        ? reverificationDue(r.lastVerification, facts.reverifyYearly, TT01_2013)
        : null,
    timeline: r.timeline.map((applied, i) => {
      const { id, seq: _seq, recordedBy, recordedAt, ...event } = events[i]!;
      return {
        ...event,
        id,
        officerName: event.officer ? (names.get(event.officer) ?? null) : null,
        stateAfter: applied.state,
        settledAfter: applied.settled,
        recordedBy,
        recordedAt,
      };
    }),
    publicList,
  };
}

/** The unit and current officer of a case (for access checks), or null when there is none. */
export async function caseOwner(
  db: Kysely<Database>,
  id: string,
): Promise<{ unit: string; officer: string | null } | null> {
  const row = await db
    .selectFrom('cases')
    .select(['unit', 'current_officer'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { unit: row.unit, officer: row.current_officer } : null;
}
