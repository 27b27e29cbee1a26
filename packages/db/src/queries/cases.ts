/**
 * Cases and their events as the domain reads them (`RegistryCase`, events in applied order).
 */
import {
  DomainError,
  flagsFromStored,
  isEventKind,
  isJudgmentType,
  replayCase,
  type CaseFlag,
  type JudgmentType,
  type CaseEvent,
  type CaseMode,
  type RegistryCase,
  type ReplayedCase,
  type UnableGround,
} from '@thads/domain';
import type { Kysely } from 'kysely';
import type { CaseEventRow, CaseRow, Database } from '../schema.js';
import { oneOf } from '../write-helpers.js';
import { fromFlag } from './units.js';

/** Values bound in one `in (…)` list: far below SQLite's 32,766 and PostgreSQL's 65,535. */
export const CHUNK = 5000;

export function chunks<T>(items: readonly T[], size: number = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Everything recorded about a case besides its events. */
export interface CaseFacts {
  id: string;
  unit: string;
  receivedOn: string;
  amount: bigint;
  mode: CaseMode | null;
  /** Classification (issue 7): judgment type (null: not classified) and steering flags. */
  judgmentType: JudgmentType | null;
  flags: readonly CaseFlag[];
  officer: string | null;
  judgmentRef: string | null;
  decisionNo: string | null;
  decisionDate: string | null;
  obligation: string | null;
  debtorName: string | null;
  debtorAddress: string | null;
  reverifyYearly: boolean;
}

/** The case as the domain replays it: the facts its rules read, and its events in applied order. */
export function registryCaseOf(facts: CaseFacts, events: RegistryCase['events']): RegistryCase {
  return {
    id: facts.id,
    unit: facts.unit,
    receivedOn: facts.receivedOn,
    amount: facts.amount,
    officer: facts.officer,
    mode: facts.mode,
    events,
  };
}

/**
 * Replays a stored case; INVALID_EVENT if its history breaks a rule. Imports and the console
 * validate every write, so that means the stored data was changed behind them.
 */
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

export function caseFactsFromRow(row: CaseRow): CaseFacts {
  return {
    id: row.id,
    unit: row.unit,
    receivedOn: row.received_on,
    amount: row.amount,
    mode: toMode(row.mode, row.id),
    judgmentType: toJudgmentType(row.judgment_type, row.id),
    flags: flagsFromStored(row.flags, row.id),
    officer: row.officer,
    judgmentRef: row.judgment_ref,
    decisionNo: row.decision_no,
    decisionDate: row.decision_date,
    obligation: row.obligation,
    debtorName: row.debtor_name,
    debtorAddress: row.debtor_address,
    reverifyYearly: fromFlag(row.reverify_yearly),
  };
}

function toMode(mode: string | null, caseId: string): CaseMode | null {
  if (mode === null || mode === 'chu_dong' || mode === 'theo_yeu_cau') return mode;
  throw new Error(`case ${caseId} has an unknown mode "${mode}" in the database`);
}

export function toJudgmentType(value: string | null, caseId: string): JudgmentType | null {
  if (value === null || isJudgmentType(value)) return value;
  throw new Error(`case ${caseId} has an unknown judgment type "${value}" in the database`);
}

export function caseEventFromRow(
  row: Pick<
    CaseEventRow,
    'case_id' | 'date' | 'kind' | 'amount' | 'officer' | 'ground' | 'decision_no'
  >,
): CaseEvent {
  if (!isEventKind(row.kind))
    throw new Error(
      `case ${row.case_id} has an event of unknown kind "${row.kind}" in the database`,
    );
  const event: CaseEvent = { date: row.date, kind: row.kind };
  if (row.amount !== null) event.amount = row.amount;
  if (row.officer !== null) event.officer = row.officer;
  if (row.ground !== null) event.ground = row.ground as UnableGround;
  if (row.decision_no !== null) event.decisionNo = row.decision_no;
  return event;
}

/**
 * Every case of the given units with its events in applied order (date, then the order given),
 * ordered by case id.
 */
export async function loadCases(
  db: Kysely<Database>,
  params: { units: readonly string[] },
): Promise<RegistryCase[]> {
  if (params.units.length === 0) return [];
  const out: RegistryCase[] = [];
  for (const units of chunks(params.units)) {
    // Only what a report reads, mapped directly: reading every fact to drop it took more than half
    // of the time on the demo's 60,000 cases.
    const rows = await db
      .selectFrom('cases')
      .select(['id', 'unit', 'received_on', 'amount', 'mode', 'officer', 'judgment_type', 'flags'])
      .where('unit', 'in', units)
      .orderBy('id')
      .execute();
    const events = await db
      .selectFrom('case_events as e')
      .innerJoin('cases as c', 'c.id', 'e.case_id')
      .select([
        'e.case_id',
        'e.date',
        'e.kind',
        'e.amount',
        'e.officer',
        'e.ground',
        'e.decision_no',
      ])
      .where('c.unit', 'in', units)
      .orderBy('e.case_id')
      .orderBy('e.date')
      .orderBy('e.seq')
      .execute();
    const byCase = groupEvents(events);
    for (const row of rows) {
      out.push({
        id: row.id,
        unit: row.unit,
        receivedOn: row.received_on,
        amount: row.amount,
        officer: row.officer,
        mode: toMode(row.mode, row.id),
        judgmentType: toJudgmentType(row.judgment_type, row.id),
        flags: flagsFromStored(row.flags, row.id),
        events: byCase.get(row.id) ?? [],
      });
    }
  }
  return out;
}

/** The cases with these ids (those that exist), facts and events, keyed by id. */
export async function loadCasesById(
  db: Kysely<Database>,
  ids: readonly string[],
): Promise<Map<string, { facts: CaseFacts; events: CaseEvent[] }>> {
  const out = new Map<string, { facts: CaseFacts; events: CaseEvent[] }>();
  for (const part of chunks(ids)) {
    const rows = await db
      .selectFrom('cases')
      .selectAll()
      .where(oneOf(db, 'id', part))
      .execute();
    if (rows.length === 0) continue;
    const events = await db
      .selectFrom('case_events')
      .select(['case_id', 'date', 'kind', 'amount', 'officer', 'ground', 'decision_no'])
      .where(
        oneOf(
          db,
          'case_id',
          rows.map((r) => r.id),
        ),
      )
      .orderBy('case_id')
      .orderBy('date')
      .orderBy('seq')
      .execute();
    const byCase = groupEvents(events);
    for (const row of rows)
      out.set(row.id, { facts: caseFactsFromRow(row), events: byCase.get(row.id) ?? [] });
  }
  return out;
}

function groupEvents(
  rows: readonly Pick<
    CaseEventRow,
    'case_id' | 'date' | 'kind' | 'amount' | 'officer' | 'ground' | 'decision_no'
  >[],
): Map<string, CaseEvent[]> {
  const byCase = new Map<string, CaseEvent[]>();
  for (const row of rows) {
    let list = byCase.get(row.case_id);
    if (!list) byCase.set(row.case_id, (list = []));
    list.push(caseEventFromRow(row));
  }
  return byCase;
}
