/**
 * The case registry's writes from the console (issue 5): intake of a case, a correction of its
 * facts, recording an event, correcting or removing a wrongly recorded one, and reassigning cases
 * to an officer one by one or in bulk.
 *
 * Every write, in ONE transaction:
 * 1. reads the case (on PostgreSQL with `for update`, so two writes of one case queue up);
 * 2. builds the case as it would be, and replays its WHOLE history with the domain's rules
 *    (`replayCase`, with today and the officers' units): a forbidden transition, a settlement above
 *    what remains, a date before intake or after today, an event after closing, … refuse the write
 *    with DomainError('INVALID_EVENT') and a plain Vietnamese reason (`explainViolationVi`);
 * 3. checks the approval locks (`assertCaseChangesUnlocked`, statistics.md §10): LOCKED;
 * 4. writes the case with its derived columns (state, settled, current officer, last event date,
 *    search text) and its events (with who recorded them and when);
 * 5. appends its audit record (`recordAudit`; entity `case`, the case id).
 * A refused write leaves nothing behind. Corrections and removals need a reason, kept in the audit
 * record.
 */
import {
  DomainError,
  explainViolationVi,
  formatViDate,
  isValidIsoDate,
  replayCase,
  type CaseEvent,
  type CaseMode,
  type CaseFlag,
  type JudgmentType,
  normalizeFlags,
  type EventKind,
  type IsoDate,
  type RegistryAction,
  type RegistryCase,
  type ReplayedCase,
  type UnableGround,
} from '@thads/domain';
import { sql, type Compilable, type Kysely, type OperationNodeSource } from 'kysely';
import {
  auditLockCall,
  recordAudit,
  recordAuditBatch,
  type AuditActor,
  type AuditEntry,
} from './audit.js';
import { EVENT_TABLE_COLUMNS, caseRowOf } from './import/cases.js';
import { MAX_INT64 } from './import/csv.js';
import {
  addLockRow,
  assertCaseChangesUnlocked,
  type CaseChange,
  type RegistryLock,
} from './locks.js';
import {
  caseEventFromRow,
  caseFactsFromRow,
  chunks,
  registryCaseOf,
  replayStored,
  type CaseFacts,
} from './queries/cases.js';
import { applyCaseChanges, caseChangeRows, chainsAbove, movementUpsert } from './movements.js';
import { fromFlag } from './queries/units.js';
import type { Database } from './schema.js';
import { inTransaction, invalidField as invalid, isPostgres } from './write-helpers.js';

export interface RegistryWriteContext {
  actor: AuditActor;
  /** The moment of the write (the request's clock). */
  at: Date;
  /** Today's local date (Asia/Ho_Chi_Minh): a date after it is refused. */
  today: IsoDate;
  /** The units whose cases the account may change; null or absent: every unit. */
  units?: ReadonlySet<string> | null;
}

/** An event as the console sends it. Fields a kind does not use must be empty (null). */
export interface EventInput {
  date: IsoDate;
  kind: EventKind;
  amount?: bigint | null;
  officer?: string | null;
  ground?: UnableGround | null;
  decisionNo?: string | null;
}

/** An event as stored, in applied order. */
export interface StoredEvent extends CaseEvent {
  id: number;
  seq: number;
  recordedBy: string | null;
  recordedAt: string | null;
}

interface LoadedCase {
  facts: CaseFacts;
  /** In applied order (date, then seq). */
  events: StoredEvent[];
  /** Read with the events (`writeReads`). */
  reads: WriteReads;
}

/**
 * What a write of one case reads besides the case, once the case's row is locked, in ONE statement
 * (`writeReads`): each of these was a round trip to PostgreSQL of its own.
 */
interface WriteReads {
  /** The officers of the case's unit and those named (`officersOf`). */
  officers: Map<string, OfficerInfo>;
  /** The lock of the case's unit, if any (`registryLocks`), for `assertCaseChangesUnlocked`. */
  locks: { units: ReadonlySet<string>; locks: Map<string, RegistryLock> };
  /** Whether the movements are maintained and the units above the case's unit (`applyCaseChanges`). */
  movements: { built: boolean; above: Map<string, string[]> };
}

function assertMayChange(ctx: RegistryWriteContext, unit: string): void {
  if (ctx.units && !ctx.units.has(unit))
    throw new DomainError('FORBIDDEN', `Tài khoản của bạn không có quyền với đơn vị ${unit}`, {
      unit,
    });
}

function storedEventOf(row: {
  id: number | bigint;
  seq: number | bigint;
  case_id: string;
  date: string;
  kind: string;
  amount: bigint | null;
  officer: string | null;
  ground: string | null;
  decision_no: string | null;
  recorded_by: string | null;
  recorded_at: string | null;
}): StoredEvent {
  return {
    ...caseEventFromRow(row),
    id: Number(row.id),
    seq: Number(row.seq),
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

/** Applied order: date, then the order given (seq). */
function byAppliedOrder(a: { date: string; seq: number }, b: { date: string; seq: number }) {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : a.seq - b.seq;
}

/** An event row as a write reads it back: its id, then what an import writes. */
const EVENT_COLUMNS = ['id', ...EVENT_TABLE_COLUMNS] as const;

/** A case and its stored events; NOT_FOUND without it, FORBIDDEN outside the account's units. */
async function loadForWrite(
  trx: Kysely<Database>,
  id: string,
  ctx: RegistryWriteContext,
  /** Officers to read besides those of the case's unit (`officersOf`). */
  codes: readonly (string | null | undefined)[] = [],
): Promise<LoadedCase> {
  let query = trx.selectFrom('cases').selectAll().where('id', '=', id);
  if (isPostgres(trx)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `Không tìm thấy việc mã "${id}"`, { caseId: id });
  assertMayChange(ctx, row.unit);
  // After the row lock (its own statement), so that the events are those the lock protects.
  const { events, reads } = await writeReads(trx, id, row.unit, codes);
  return { facts: caseFactsFromRow(row), events, reads };
}

/** A row of `writeReads`: which read it answers (`src`), then that read's columns, as text. */
interface WriteReadRow {
  src: number | bigint | string;
  a: string | null;
  b: string | null;
  c: string | null;
  d: string | null;
  e: string | null;
  f: string | null;
  g: string | null;
  h: string | null;
  i: string | null;
  j: string | null;
  k: string | null;
}

const EVENT_ROW = 1;
const OFFICER_ROW = 2;
const LOCK_ROW = 3;
const BUILT_ROW = 4;
const UNIT_ROW = 5;

/**
 * The stored events of case `id` (`storedEventsOf`) and what the write needs about its unit
 * (`officersOf`, `registryLocks`, `movementsBuilt`, `unitsAbove`), in one statement: each read a
 * branch of a UNION ALL, its columns cast to text (amounts too: a bigint read back exactly).
 */
async function writeReads(
  trx: Kysely<Database>,
  id: string,
  unit: string,
  codes: readonly (string | null | undefined)[],
): Promise<{ events: StoredEvent[]; reads: WriteReads }> {
  const named = [...new Set(codes.filter((c): c is string => typeof c === 'string' && c !== ''))];
  const officerWhere =
    named.length > 0 ? sql`unit = ${unit} or code in (${sql.join(named)})` : sql`unit = ${unit}`;
  const { rows } = await sql<WriteReadRow>`
    with recursive up(code, parent) as (
      select code, parent from units where code = ${unit}
      union
      select u.code, u.parent from units u join up on u.code = up.parent
    )
    select ${sql.lit(EVENT_ROW)} as src, cast(id as text) as a, cast(seq as text) as b, date as c, kind as d,
      cast(amount as text) as e, officer as f, ground as g, decision_no as h, recorded_by as i,
      recorded_at as j, case_id as k
    from case_events where case_id = ${id}
    union all
    select ${sql.lit(OFFICER_ROW)}, code, unit, cast(active as text), null, null, null, null, null, null, null, null
    from officers where ${officerWhere}
    union all
    select ${sql.lit(LOCK_ROW)}, unit, scope, cast(year as text), cast(month as text), locks_through, null, null,
      null, null, null, null
    from reports where status = 'approved' and locks_through is not null and unit = ${unit}
    union all
    select ${sql.lit(BUILT_ROW)}, null, null, null, null, null, null, null, null, null, null, null
    from report_movement_status where id = 1
    union all
    select ${sql.lit(UNIT_ROW)}, code, parent, null, null, null, null, null, null, null, null, null from up`.execute(
    trx,
  );
  const events: StoredEvent[] = [];
  const officers = new Map<string, OfficerInfo>();
  const locks = new Map<string, RegistryLock>();
  const parent = new Map<string, string | null>();
  let built = false;
  for (const r of rows) {
    switch (Number(r.src)) {
      case EVENT_ROW:
        events.push(
          storedEventOf({
            id: Number(r.a),
            seq: Number(r.b),
            case_id: r.k!,
            date: r.c!,
            kind: r.d!,
            amount: r.e === null ? null : BigInt(r.e),
            officer: r.f,
            ground: r.g,
            decision_no: r.h,
            recorded_by: r.i,
            recorded_at: r.j,
          }),
        );
        break;
      case OFFICER_ROW:
        officers.set(r.a!, { unit: r.b!, active: fromFlag(Number(r.c)) });
        break;
      case LOCK_ROW:
        addLockRow(locks, { unit: r.a!, scope: r.b!, year: r.c!, month: r.d!, locks_through: r.e });
        break;
      case BUILT_ROW:
        built = true;
        break;
      case UNIT_ROW:
        parent.set(r.a!, r.b);
        break;
    }
  }
  events.sort(byAppliedOrder);
  return {
    events,
    reads: {
      officers,
      locks: { units: new Set([unit]), locks },
      movements: { built, above: chainsAbove(parent, [unit]) },
    },
  };
}

/** A case's stored events, with their ids and who recorded them, in applied order. */
export async function storedEventsOf(db: Kysely<Database>, caseId: string): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('case_events')
    .select(EVENT_COLUMNS)
    .where('case_id', '=', caseId)
    .orderBy('date')
    .orderBy('seq')
    .execute();
  return rows.map(storedEventOf);
}

interface OfficerInfo {
  unit: string;
  active: boolean;
}

/**
 * The officers a write can meet: those of `unit` (every officer a case of the unit may name) and
 * the ones named in `codes` (an officer of another unit is then refused by name, not as unknown).
 * Not every officer of the country: a write reads a few rows.
 */
async function officersOf(
  trx: Kysely<Database>,
  unit: string,
  codes: readonly (string | null | undefined)[] = [],
): Promise<Map<string, OfficerInfo>> {
  const named = [...new Set(codes.filter((c): c is string => typeof c === 'string' && c !== ''))];
  const rows = await trx
    .selectFrom('officers')
    .select(['code', 'unit', 'active'])
    .where((eb) =>
      named.length > 0
        ? eb.or([eb('unit', '=', unit), eb('code', 'in', named)])
        : eb('unit', '=', unit),
    )
    .execute();
  return new Map(rows.map((r) => [r.code, { unit: r.unit, active: fromFlag(r.active) }]));
}

/**
 * Replays a case as it would be after a write; INVALID_EVENT with the plain Vietnamese reason when
 * any rule of statistics.md §5 breaks. `subject` is the index (applied order) of the event written.
 */
function replayOrRefuse(
  c: RegistryCase,
  officers: ReadonlyMap<string, OfficerInfo>,
  today: IsoDate,
  action: RegistryAction,
  subject: number | null,
): ReplayedCase {
  const result = replayCase(c, { today, officerUnit: (code) => officers.get(code)?.unit });
  if (result.ok) return result.replayed;
  const v = result.violation;
  throw new DomainError('INVALID_EVENT', explainViolationVi(c, v, action, subject), {
    caseId: c.id,
    eventIndex: v.eventIndex,
    violation: v.code,
  });
}

/** A newly named officer must be at work (an officer who left keeps only the history). */
function assertOfficerActive(
  officers: ReadonlyMap<string, OfficerInfo>,
  code: string,
  field: string,
): void {
  const officer = officers.get(code);
  if (!officer) throw invalid(field, `Không có chấp hành viên mã ${code}`);
  if (!officer.active)
    throw invalid(
      field,
      `Chấp hành viên ${code} đã ngừng công tác; không phân công việc mới cho chấp hành viên này`,
    );
}

function normalizedEvent(input: EventInput): CaseEvent {
  const decisionNo = input.decisionNo?.trim() ?? '';
  const officer = input.officer?.trim() ?? '';
  const event: CaseEvent = { date: input.date, kind: input.kind };
  if (input.amount !== null && input.amount !== undefined) event.amount = input.amount;
  if (officer !== '') event.officer = officer;
  if (input.ground !== null && input.ground !== undefined) event.ground = input.ground;
  if (decisionNo !== '') event.decisionNo = decisionNo;
  if (!isValidIsoDate(event.date))
    throw invalid('date', `Ngày "${event.date}" không hợp lệ (cần một ngày có thật)`);
  if (event.amount !== undefined && (event.amount! < 0n || event.amount! > MAX_INT64))
    throw invalid('amount', 'Số tiền phải là số nguyên đồng lớn hơn 0');
  return event;
}

function eventAuditValue(e: CaseEvent & { id?: number }): unknown {
  return {
    ...(e.id !== undefined ? { id: e.id } : {}),
    date: e.date,
    kind: e.kind,
    amount: e.amount ?? null,
    officer: e.officer ?? null,
    ground: e.ground ?? null,
    decisionNo: e.decisionNo ?? null,
  };
}

function lockState(facts: CaseFacts, events: readonly CaseEvent[]): CaseChange['before'] {
  return { facts, events };
}

/** Writes the case's row (facts and derived columns) from its replay. */
async function writeCaseRow(
  trx: Kysely<Database>,
  facts: CaseFacts,
  replayed: ReplayedCase,
  isNew: boolean,
): Promise<void> {
  const row = caseRowOf(facts, replayed);
  if (isNew) {
    await trx.insertInto('cases').values(row).execute();
    return;
  }
  const { id: _id, unit: _unit, ...changes } = row;
  await trx.updateTable('cases').set(changes).where('id', '=', facts.id).execute();
}

/**
 * Steps 2 and 3 of every write of one case: the case as it will be, replayed with the rules
 * (INVALID_EVENT with the reason), then the locks (LOCKED). Returns the replay.
 */
async function checkChange(
  trx: Kysely<Database>,
  before: { facts: CaseFacts; events: readonly CaseEvent[]; reads?: WriteReads } | null,
  after: { facts: CaseFacts; events: readonly CaseEvent[] },
  officers: ReadonlyMap<string, OfficerInfo>,
  ctx: RegistryWriteContext,
  action: RegistryAction,
  subject: number | null,
): Promise<ReplayedCase> {
  const replayed = replayOrRefuse(
    registryCaseOf(after.facts, after.events),
    officers,
    ctx.today,
    action,
    subject,
  );
  await assertCaseChangesUnlocked(
    trx,
    [
      {
        before: before ? lockState(before.facts, before.events) : null,
        after: lockState(after.facts, after.events),
      },
    ],
    before?.reads?.locks,
  );
  return replayed;
}

/**
 * The write of the case's events that goes with a write of the case (recordEvent, correctEvent,
 * removeEvent): an insert, update or delete of `case_events` returning the event's id.
 */
type EventWrite = Compilable<{ id: number }> &
  OperationNodeSource & { execute(): Promise<{ id: number | bigint }[]> };

/**
 * Steps 4 and 5: the write of the case's events (`eventWrite`, if any), the case's row with its
 * derived columns and the monthly movements (the case as it was, `before`, replaced by its
 * replay), then its audit record (`audit`, given the id `eventWrite` returned). Returns that id.
 *
 * On PostgreSQL the writes and the audit chain's lock are ONE statement (data-modifying `with`):
 * the lock is taken in the projection of a row that exists only once every write has returned all
 * its rows, so after the rows those writes lock (the movement rows), as a separate statement would
 * take it; the audit record is the next statement (`recordAudit` with the lock held).
 */
async function finishWrite(
  trx: Kysely<Database>,
  before: { facts: CaseFacts; events: readonly CaseEvent[]; reads?: WriteReads } | null,
  facts: CaseFacts,
  replayed: ReplayedCase,
  ctx: RegistryWriteContext,
  eventWrite: EventWrite | null,
  audit: (eventId: number | null) => { action: string; before?: unknown; after?: unknown },
): Promise<number | null> {
  const changes = [
    {
      before: before ? replayStored(registryCaseOf(before.facts, before.events)) : null,
      after: replayed,
    },
  ];
  const record = (eventId: number | null): AuditEntry => ({
    actor: ctx.actor,
    at: ctx.at,
    entity: 'case',
    entityId: facts.id,
    unit: facts.unit,
    ...audit(eventId),
  });
  if (!isPostgres(trx)) {
    let eventId: number | null = null;
    if (eventWrite) {
      const written = await eventWrite.execute();
      eventId = written.length > 0 ? Number(written[0]!.id) : null;
    }
    await writeCaseRow(trx, facts, replayed, before === null);
    await applyCaseChanges(trx, changes, before?.reads?.movements);
    await recordAudit(trx, record(eventId));
    return eventId;
  }
  const movements = await caseChangeRows(trx, changes, before?.reads?.movements);
  const row = caseRowOf(facts, replayed);
  const { id: _id, unit: _unit, ...columns } = row;
  const caseWrite =
    before === null
      ? trx.insertInto('cases').values(row).returning(sql.lit(1).as('written'))
      : trx
          .updateTable('cases')
          .set(columns)
          .where('id', '=', facts.id)
          .returning(sql.lit(1).as('written'));
  const writes = [
    eventWrite ? sql`written_event as (${eventWrite})` : null,
    sql`written_case as (${caseWrite})`,
    movements.length > 0 ? sql`written_movements as (${movementUpsert(movements)})` : null,
  ].filter((w) => w !== null);
  // Each write is read to its end by an aggregate of its own in the FROM (never pulled up into
  // the outer query), so the row whose projection takes the lock exists only after all of them.
  const { rows } = await sql<{ event_id: number | bigint | string | null }>`
    with ${sql.join(writes)}
    select done_event.event_id, ${auditLockCall()} as locked
    from (select ${eventWrite ? sql`max(id) as event_id from written_event` : sql`cast(null as bigint) as event_id`}) as done_event,
      (select count(*) from written_case) as done_case
      ${movements.length > 0 ? sql`, (select count(*) from written_movements) as done_movements` : sql``}`.execute(
    trx,
  );
  const written = rows[0]!.event_id;
  const eventId = written === null ? null : Number(written);
  await recordAudit(trx, record(eventId), { locked: true });
  return eventId;
}

/** An event's stored columns, recorded by the writer now. */
function eventColumns(event: CaseEvent, ctx: RegistryWriteContext) {
  return {
    date: event.date,
    kind: event.kind,
    amount: event.amount ?? null,
    officer: event.officer ?? null,
    ground: event.ground ?? null,
    decision_no: event.decisionNo ?? null,
    recorded_by: ctx.actor.username,
    recorded_at: ctx.at.toISOString(),
  };
}

function reasonOf(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < 5)
    throw invalid('reason', 'Cần ghi rõ lý do sửa hoặc xóa (ít nhất 5 ký tự)');
  return trimmed;
}

// ---------------------------------------------------------------------------------------------
// Intake and the facts of a case.
// ---------------------------------------------------------------------------------------------

const ID_PATTERN = /^\S(?:.*\S)?$/u;

/**
 * Checks a case's facts for intake (`old` null) or for a correction (`old` the facts before):
 * the unit and intake officer, dates, amount and mode. INVALID_INPUT naming the field.
 */
async function checkFacts(
  trx: Kysely<Database>,
  facts: CaseFacts,
  old: CaseFacts | null,
  officers: ReadonlyMap<string, OfficerInfo>,
  today: IsoDate,
): Promise<void> {
  if (old === null) {
    if (facts.id === '' || facts.id.length > 200 || !ID_PATTERN.test(facts.id))
      throw invalid(
        'id',
        'Mã việc cần từ 1 đến 200 ký tự, không bắt đầu hay kết thúc bằng khoảng trắng',
      );
    const unit = await trx
      .selectFrom('units')
      .select(['code', 'active'])
      .where('code', '=', facts.unit)
      .executeTakeFirst();
    if (!unit) throw invalid('unit', `Không có đơn vị mã ${facts.unit}`);
    if (!fromFlag(unit.active))
      throw invalid('unit', `Đơn vị ${facts.unit} đã ngừng hoạt động; không thụ lý việc mới`);
  }
  if (!isValidIsoDate(facts.receivedOn))
    throw invalid('receivedOn', `Ngày thụ lý "${facts.receivedOn}" không hợp lệ`);
  if (facts.receivedOn > today)
    throw invalid(
      'receivedOn',
      `Ngày thụ lý ${formatViDate(facts.receivedOn)} sau ngày hôm nay (${formatViDate(today)})`,
    );
  if (facts.amount < 0n || facts.amount > MAX_INT64)
    throw invalid('amount', 'Số tiền phải thi hành là số nguyên đồng, từ 0 trở lên');
  if (facts.mode !== null && facts.mode !== 'chu_dong' && facts.mode !== 'theo_yeu_cau')
    throw invalid('mode', 'Loại việc phải là chủ động, theo yêu cầu hoặc để trống');
  if (facts.decisionDate !== null && !isValidIsoDate(facts.decisionDate))
    throw invalid('decisionDate', `Ngày quyết định "${facts.decisionDate}" không hợp lệ`);
  if (facts.officer !== null && facts.officer !== (old?.officer ?? null)) {
    assertOfficerActive(officers, facts.officer, 'officer');
    if (officers.get(facts.officer)!.unit !== facts.unit)
      throw invalid(
        'officer',
        `Chấp hành viên ${facts.officer} không thuộc đơn vị ${facts.unit} của việc`,
      );
  }
}

/** The facts as the console sends them (every optional text trimmed, empty as null). */
export interface CaseFactsInput {
  id: string;
  unit: string;
  receivedOn: IsoDate;
  amount: bigint;
  mode?: CaseMode | null;
  /** Classification (issue 7); omitted on an update: unchanged. */
  judgmentType?: JudgmentType | null;
  flags?: readonly CaseFlag[];
  officer?: string | null;
  judgmentRef?: string | null;
  decisionNo?: string | null;
  decisionDate?: IsoDate | null;
  obligation?: string | null;
  debtorName?: string | null;
  debtorAddress?: string | null;
  reverifyYearly?: boolean;
}

function factsOf(input: CaseFactsInput, old?: CaseFacts): CaseFacts {
  const text = (value: string | null | undefined) => {
    const trimmed = value?.trim() ?? '';
    return trimmed === '' ? null : trimmed;
  };
  return {
    id: input.id.trim(),
    unit: input.unit.trim(),
    receivedOn: input.receivedOn.trim(),
    amount: input.amount,
    mode: input.mode ?? null,
    judgmentType:
      input.judgmentType !== undefined ? input.judgmentType : (old?.judgmentType ?? null),
    flags: normalizeFlags(input.flags ?? old?.flags ?? []),
    officer: text(input.officer),
    judgmentRef: text(input.judgmentRef),
    decisionNo: text(input.decisionNo),
    decisionDate: text(input.decisionDate),
    obligation: text(input.obligation),
    debtorName: text(input.debtorName),
    debtorAddress: text(input.debtorAddress),
    reverifyYearly: input.reverifyYearly ?? false,
  };
}

/**
 * Intake (thụ lý) of a new case, without events (the intake officer counts as an `assign` dated
 * the intake date). CONFLICT when the id exists; INVALID_INPUT naming the field; LOCKED when an
 * approved report locks the unit's registry on the intake date.
 */
export async function createCase(
  db: Kysely<Database>,
  input: CaseFactsInput,
  ctx: RegistryWriteContext,
): Promise<{ id: string }> {
  const facts = factsOf(input);
  return inTransaction(db, async (trx) => {
    assertMayChange(ctx, facts.unit);
    const exists = await trx
      .selectFrom('cases')
      .select('id')
      .where('id', '=', facts.id)
      .executeTakeFirst();
    if (exists)
      throw new DomainError('CONFLICT', `Đã có việc mã ${facts.id}; chọn mã khác`, {
        field: 'id',
      });
    const officers = await officersOf(trx, facts.unit, [facts.officer]);
    await checkFacts(trx, facts, null, officers, ctx.today);
    const after = { facts, events: [] };
    const replayed = await checkChange(trx, null, after, officers, ctx, 'intake', null);
    await finishWrite(trx, null, facts, replayed, ctx, null, () => ({ action: 'create', after }));
    return { id: facts.id };
  });
}

/**
 * Corrects the facts of a case (its unit never changes), with a mandatory reason; the whole
 * history is replayed against the new facts (a lower amount than what was settled, a later intake
 * date than an event, an officer of another unit are refused).
 */
export async function updateCase(
  db: Kysely<Database>,
  input: Omit<CaseFactsInput, 'unit'> & { reason: string },
  ctx: RegistryWriteContext,
): Promise<void> {
  const reason = reasonOf(input.reason);
  await inTransaction(db, async (trx) => {
    const loaded = await loadForWrite(trx, input.id.trim(), ctx);
    const facts = factsOf({ ...input, unit: loaded.facts.unit }, loaded.facts);
    const officers = await officersOf(trx, facts.unit, [facts.officer]);
    await checkFacts(trx, facts, loaded.facts, officers, ctx.today);
    const after = { facts, events: loaded.events };
    const replayed = await checkChange(trx, loaded, after, officers, ctx, 'update', null);
    await finishWrite(trx, loaded, facts, replayed, ctx, null, () => ({
      action: 'update',
      before: loaded.facts,
      after: { ...facts, reason },
    }));
  });
}

// ---------------------------------------------------------------------------------------------
// Events.
// ---------------------------------------------------------------------------------------------

/**
 * Records one event of statistics.md §5 on a case: applied after the case's events of the same
 * date. Refused (nothing written) when the history with it breaks a rule; returns the new event's id.
 */
export async function recordEvent(
  db: Kysely<Database>,
  params: { caseId: string; event: EventInput },
  ctx: RegistryWriteContext,
): Promise<{ id: number }> {
  const event = normalizedEvent(params.event);
  return inTransaction(db, async (trx) => {
    const loaded = await loadForWrite(trx, params.caseId, ctx, [event.officer]);
    const officers = loaded.reads.officers;
    if (event.kind === 'assign' && event.officer)
      assertOfficerActive(officers, event.officer, 'officer');
    const seq = loaded.events.reduce((max, e) => Math.max(max, e.seq), 0) + 1;
    const events = [...loaded.events, { ...event, seq }].sort(byAppliedOrder);
    const subject = events.findIndex((e) => e.seq === seq);
    const after = { facts: loaded.facts, events };
    const replayed = await checkChange(trx, loaded, after, officers, ctx, 'record', subject);
    const insert = trx
      .insertInto('case_events')
      .values({ case_id: loaded.facts.id, seq, ...eventColumns(event, ctx) })
      .returning('id');
    const id = await finishWrite(trx, loaded, loaded.facts, replayed, ctx, insert, (id) => ({
      action: 'event_record',
      after: eventAuditValue({ ...event, id: id! }),
    }));
    if (id === null) throw new Error('recordEvent: the event was not inserted');
    return { id };
  });
}

function findEvent(loaded: LoadedCase, eventId: number): StoredEvent {
  const found = loaded.events.find((e) => e.id === eventId);
  if (!found)
    throw new DomainError(
      'NOT_FOUND',
      `Việc ${loaded.facts.id} không có sự kiện số ${eventId} (có thể đã được sửa hoặc xóa)`,
      { caseId: loaded.facts.id, eventId },
    );
  return found;
}

/**
 * Corrects a wrongly recorded event (it keeps its place among the events of its date), with a
 * mandatory reason; the whole history is replayed. Who recorded it becomes the corrector.
 */
export async function correctEvent(
  db: Kysely<Database>,
  params: { caseId: string; eventId: number; event: EventInput; reason: string },
  ctx: RegistryWriteContext,
): Promise<void> {
  const event = normalizedEvent(params.event);
  const reason = reasonOf(params.reason);
  await inTransaction(db, async (trx) => {
    const loaded = await loadForWrite(trx, params.caseId, ctx, [event.officer]);
    const old = findEvent(loaded, params.eventId);
    const officers = loaded.reads.officers;
    if (event.kind === 'assign' && event.officer && event.officer !== old.officer)
      assertOfficerActive(officers, event.officer, 'officer');
    const events = loaded.events
      .map((e) => (e.id === old.id ? { ...event, id: e.id, seq: e.seq } : e))
      .sort(byAppliedOrder);
    const subject = events.findIndex((e) => e.id === old.id);
    const after = { facts: loaded.facts, events };
    const replayed = await checkChange(trx, loaded, after, officers, ctx, 'correct', subject);
    const update = trx
      .updateTable('case_events')
      .set(eventColumns(event, ctx))
      .where('id', '=', old.id)
      .returning('id');
    await finishWrite(trx, loaded, loaded.facts, replayed, ctx, update, () => ({
      action: 'event_correct',
      before: { ...(eventAuditValue(old) as object), recordedBy: old.recordedBy },
      after: { ...(eventAuditValue({ ...event, id: old.id }) as object), reason },
    }));
  });
}

/** Removes a wrongly recorded event, with a mandatory reason; the rest of the history is replayed. */
export async function removeEvent(
  db: Kysely<Database>,
  params: { caseId: string; eventId: number; reason: string },
  ctx: RegistryWriteContext,
): Promise<void> {
  const reason = reasonOf(params.reason);
  await inTransaction(db, async (trx) => {
    const loaded = await loadForWrite(trx, params.caseId, ctx);
    const old = findEvent(loaded, params.eventId);
    const officers = loaded.reads.officers;
    const after = { facts: loaded.facts, events: loaded.events.filter((e) => e.id !== old.id) };
    const replayed = await checkChange(trx, loaded, after, officers, ctx, 'remove', null);
    const remove = trx.deleteFrom('case_events').where('id', '=', old.id).returning('id');
    await finishWrite(trx, loaded, loaded.facts, replayed, ctx, remove, () => ({
      action: 'event_remove',
      before: { ...(eventAuditValue(old) as object), recordedBy: old.recordedBy },
      after: { reason },
    }));
  });
}

// ---------------------------------------------------------------------------------------------
// Reassignment.
// ---------------------------------------------------------------------------------------------

export interface ReassignResult {
  /** Cases that got an `assign` event. */
  assigned: number;
  /** Cases the officer already held: nothing written for them. */
  unchanged: number;
}

/**
 * Reassigns cases to an officer (phân công lại): an `assign` event dated today on each case the
 * officer does not hold yet, all or nothing. Every case must belong to the officer's unit and be
 * open; the first one refused names the case and the reason, and nothing is written.
 */
export async function reassignCases(
  db: Kysely<Database>,
  params: { caseIds: readonly string[]; officer: string; decisionNo?: string | null },
  ctx: RegistryWriteContext,
): Promise<ReassignResult> {
  const ids = [...new Set(params.caseIds.map((id) => id.trim()))];
  if (ids.length === 0) throw invalid('caseIds', 'Chưa chọn việc nào để phân công');
  const decisionNo = params.decisionNo?.trim() || null;
  return inTransaction(db, async (trx) => {
    const named = await officersOf(trx, '', [params.officer]);
    assertOfficerActive(named, params.officer, 'officer');
    const unit = named.get(params.officer)!.unit;
    const officers = await officersOf(trx, unit, [params.officer]);
    const rows: { facts: CaseFacts; events: StoredEvent[] }[] = [];
    for (const part of chunks(ids)) {
      let query = trx.selectFrom('cases').selectAll().where('id', 'in', part).orderBy('id');
      if (isPostgres(trx)) query = query.forUpdate();
      const cases = await query.execute();
      const events = await trx
        .selectFrom('case_events')
        .select(EVENT_COLUMNS)
        .where('case_id', 'in', part)
        .orderBy('case_id')
        .orderBy('date')
        .orderBy('seq')
        .execute();
      const byCase = new Map<string, StoredEvent[]>();
      for (const e of events) {
        const list = byCase.get(e.case_id) ?? [];
        list.push(storedEventOf(e));
        byCase.set(e.case_id, list);
      }
      for (const row of cases)
        rows.push({ facts: caseFactsFromRow(row), events: byCase.get(row.id) ?? [] });
    }
    const found = new Set(rows.map((r) => r.facts.id));
    const missing = ids.find((id) => !found.has(id));
    if (missing !== undefined)
      throw new DomainError('NOT_FOUND', `Không tìm thấy việc mã "${missing}"`, {
        caseId: missing,
      });

    const assign: CaseEvent = {
      date: ctx.today,
      kind: 'assign',
      officer: params.officer,
      ...(decisionNo ? { decisionNo } : {}),
    };
    const changes: CaseChange[] = [];
    const writes: {
      facts: CaseFacts;
      seq: number;
      before: ReplayedCase;
      replayed: ReplayedCase;
    }[] = [];
    let unchanged = 0;
    for (const { facts, events } of rows.sort(
      (a, b) => ids.indexOf(a.facts.id) - ids.indexOf(b.facts.id),
    )) {
      assertMayChange(ctx, facts.unit);
      if (facts.unit !== unit)
        throw invalid(
          'officer',
          `Việc ${facts.id} thuộc đơn vị ${facts.unit}; chấp hành viên ${params.officer} thuộc đơn vị ${unit}`,
        );
      const current = replayOrRefuse(
        registryCaseOf(facts, events),
        officers,
        ctx.today,
        'assign',
        null,
      );
      if (current.officer === params.officer) {
        unchanged++;
        continue;
      }
      const seq = events.reduce((max, e) => Math.max(max, e.seq), 0) + 1;
      const after = [...events, { ...assign, seq }].sort(byAppliedOrder);
      const subject = after.findIndex((e) => e.seq === seq);
      let replayed: ReplayedCase;
      try {
        replayed = replayOrRefuse(
          registryCaseOf(facts, after),
          officers,
          ctx.today,
          'assign',
          subject,
        );
      } catch (error) {
        if (error instanceof DomainError)
          throw new DomainError(error.code, `Việc ${facts.id}: ${error.message}`, error.details);
        throw error;
      }
      changes.push({ before: lockState(facts, events), after: lockState(facts, after) });
      writes.push({ facts, seq, before: current, replayed });
    }
    await assertCaseChangesUnlocked(trx, changes);
    for (const part of chunks(writes, 1000)) {
      await trx
        .insertInto('case_events')
        .values(
          part.map((w) => ({ case_id: w.facts.id, seq: w.seq, ...eventColumns(assign, ctx) })),
        )
        .execute();
    }
    for (const w of writes) await writeCaseRow(trx, w.facts, w.replayed, false);
    await applyCaseChanges(
      trx,
      writes.map((w) => ({ before: w.before, after: w.replayed })),
    );
    const audits: AuditEntry[] = writes.map((w) => ({
      actor: ctx.actor,
      at: ctx.at,
      entity: 'case',
      entityId: w.facts.id,
      action: 'assign',
      unit: w.facts.unit,
      after: eventAuditValue(assign),
    }));
    await recordAuditBatch(trx, audits);
    return { assigned: writes.length, unchanged };
  });
}
