/**
 * Supervision of "chưa có điều kiện" decisions (issue 7).
 *
 * An `unable` decision entered in the console does not become an event at once: it waits as a
 * pending decision (table `pending_decisions`) outside the case's events, so it changes no state,
 * is not in N and has no entry in the public list, until the reviewer has checked its legal ground
 * (a, b or c of Điều 44a) and the verification record (biên bản xác minh: number and date) it rests
 * on. The reviewer is the unit head of the case's unit; for the Cục's own cases (unit kind `cuc`),
 * a Cục manager (`assertMayReview`).
 *
 * - `proposeDecision`: a new pending decision. Refused when the case already has an open (pending
 *   or returned) one, and, with the same rules and words as recording the event (the registry's
 *   own `recordEvent`, run and rolled back to a savepoint), when the event would break the case's
 *   history. A locked date does not stop a proposal: it stops the confirmation.
 * - `confirmDecision`: the decision becomes an `unable` event on its own decision date, written by
 *   the registry's `recordEvent` in the same transaction (the whole history replayed, the locks: a
 *   date in a locked period is refused with LOCKED, asking for an unlock request first).
 * - `returnDecision`: sent back with a mandatory reason; the proposer corrects and re-proposes it
 *   (`reproposeDecision`) or withdraws it (`withdrawDecision`, also allowed while pending).
 * Every write is one transaction with its audit record (entity `pending_decision`, the decision's
 * id). Decisions that arrive by import are taken as already issued and checked: imports keep writing
 * `unable` events directly.
 */
import {
  DomainError,
  UNABLE_GROUNDS,
  formatViDate,
  isValidIsoDate,
  type IsoDate,
  type UnableGround,
} from '@thads/domain';
import { sql, type Kysely } from 'kysely';
import { recordAudit } from './audit.js';
import { recordEvent, type RegistryWriteContext } from './registry.js';
import type { Database, PendingDecisionRow } from './schema.js';
import { inTransaction, invalidField as invalid, isPostgres } from './write-helpers.js';

export const PENDING_DECISION_STATUSES = ['pending', 'returned', 'confirmed', 'withdrawn'] as const;
export type PendingDecisionStatus = (typeof PENDING_DECISION_STATUSES)[number];

/** Vietnamese names of the statuses, as the console shows them. */
export const PENDING_DECISION_STATUS_LABELS: Readonly<Record<PendingDecisionStatus, string>> = {
  pending: 'Chờ duyệt',
  returned: 'Bị trả lại',
  confirmed: 'Đã xác nhận',
  withdrawn: 'Đã rút',
};

/** What the proposer enters. */
export interface DecisionInput {
  decisionDate: IsoDate;
  ground: UnableGround;
  decisionNo: string;
  /** The verification record (biên bản xác minh) the decision rests on. */
  verificationNo: string;
  verificationDate: IsoDate;
}

/** Who reviews: the account's role and, for a unit head, its unit. */
export interface Reviewer {
  role: string;
  unit: string | null;
}

export interface PendingDecisionView {
  id: number;
  caseId: string;
  unit: string;
  unitName: string;
  debtorName: string | null;
  /** What remains to settle on the case now (the money the decision would put in N). */
  remaining: bigint;
  currentOfficer: string | null;
  decisionDate: IsoDate;
  ground: UnableGround;
  decisionNo: string;
  verificationNo: string;
  verificationDate: IsoDate;
  status: PendingDecisionStatus;
  proposedBy: string;
  proposedAt: string;
  reviewedBy: string | null;
  reviewedAt: string | null;
  returnReason: string | null;
  withdrawnBy: string | null;
  withdrawnAt: string | null;
  /** The `unable` event the confirmation recorded. */
  eventId: number | null;
}

const MAX_TEXT = 200;
const MIN_REASON = 5;

function text(value: string, field: string, what: string): string {
  const trimmed = value.trim();
  if (trimmed === '') throw invalid(field, `Cần nhập ${what}`);
  if (trimmed.length > MAX_TEXT) throw invalid(field, `${what} tối đa ${MAX_TEXT} ký tự`);
  return trimmed;
}

/** The input checked field by field (INVALID_INPUT naming the field), trimmed. */
function checkedInput(input: DecisionInput, receivedOn: IsoDate, today: IsoDate): DecisionInput {
  const decisionNo = text(input.decisionNo, 'decisionNo', 'số quyết định');
  const verificationNo = text(input.verificationNo, 'verificationNo', 'số biên bản xác minh');
  if (!UNABLE_GROUNDS.includes(input.ground))
    throw invalid('ground', 'Căn cứ phải là điểm a, b hoặc c khoản 1 Điều 44a');
  if (!isValidIsoDate(input.decisionDate))
    throw invalid('decisionDate', `Ngày quyết định "${input.decisionDate}" không hợp lệ`);
  if (!isValidIsoDate(input.verificationDate))
    throw invalid(
      'verificationDate',
      `Ngày biên bản xác minh "${input.verificationDate}" không hợp lệ`,
    );
  if (input.decisionDate > today)
    throw invalid(
      'decisionDate',
      `Ngày quyết định ${formatViDate(input.decisionDate)} sau ngày hôm nay (${formatViDate(today)})`,
    );
  if (input.verificationDate > input.decisionDate)
    throw invalid(
      'verificationDate',
      `Biên bản xác minh ngày ${formatViDate(input.verificationDate)} lập sau ngày quyết định ` +
        `${formatViDate(input.decisionDate)}; quyết định phải căn cứ vào biên bản đã có`,
    );
  if (input.verificationDate < receivedOn)
    throw invalid(
      'verificationDate',
      `Biên bản xác minh ngày ${formatViDate(input.verificationDate)} lập trước ngày thụ lý ` +
        `${formatViDate(receivedOn)} của việc`,
    );
  return {
    decisionDate: input.decisionDate,
    ground: input.ground,
    decisionNo,
    verificationNo,
    verificationDate: input.verificationDate,
  };
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  if (trimmed.length < MIN_REASON)
    throw invalid('reason', `Cần ghi lý do trả lại (ít nhất ${MIN_REASON} ký tự)`);
  if (trimmed.length > 1000) throw invalid('reason', 'Lý do tối đa 1000 ký tự');
  return trimmed;
}

function assertMayChange(ctx: RegistryWriteContext, unit: string): void {
  if (ctx.units && !ctx.units.has(unit))
    throw new DomainError('FORBIDDEN', `Tài khoản của bạn không có quyền với đơn vị ${unit}`, {
      unit,
    });
}

/** The case (on PostgreSQL `for update`: two proposals for one case queue up). */
async function caseOf(trx: Kysely<Database>, caseId: string) {
  let query = trx
    .selectFrom('cases')
    .select(['id', 'unit', 'received_on'])
    .where('id', '=', caseId);
  if (isPostgres(trx)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `Không tìm thấy việc mã "${caseId}"`, { caseId });
  return row;
}

async function openDecisionRow(
  trx: Kysely<Database>,
  caseId: string,
): Promise<PendingDecisionRow | undefined> {
  return trx
    .selectFrom('pending_decisions')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('status', 'in', ['pending', 'returned'])
    .executeTakeFirst();
}

async function decisionForWrite(trx: Kysely<Database>, id: number): Promise<PendingDecisionRow> {
  let query = trx.selectFrom('pending_decisions').selectAll().where('id', '=', id);
  if (isPostgres(trx)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row)
    throw new DomainError('NOT_FOUND', `Không tìm thấy quyết định chờ duyệt số ${id}`, { id });
  return row;
}

function describe(row: { decision_no: string; decision_date: string; case_id: string }): string {
  return `quyết định số ${row.decision_no} ngày ${formatViDate(row.decision_date)} của việc ${row.case_id}`;
}

function assertStatus(
  row: PendingDecisionRow,
  allowed: readonly PendingDecisionStatus[],
  action: string,
): void {
  if ((allowed as readonly string[]).includes(row.status)) return;
  const label = PENDING_DECISION_STATUS_LABELS[row.status as PendingDecisionStatus] ?? row.status;
  throw new DomainError(
    'CONFLICT',
    `Không thể ${action} ${describe(row)}: quyết định đang ở trạng thái "${label}"`,
    { id: Number(row.id), status: row.status },
  );
}

function auditValue(row: {
  case_id: string;
  decision_date: string;
  ground: string;
  decision_no: string;
  verification_no: string;
  verification_date: string;
  status: string;
}): Record<string, unknown> {
  return {
    caseId: row.case_id,
    decisionDate: row.decision_date,
    ground: row.ground,
    decisionNo: row.decision_no,
    verificationNo: row.verification_no,
    verificationDate: row.verification_date,
    status: row.status,
  };
}

/**
 * Checks that the `unable` event could be recorded now, exactly as the registry records it: runs
 * its `recordEvent` and rolls back to a savepoint. A LOCKED refusal passes (the confirmation needs
 * the unlock, not the proposal); any other refusal is thrown.
 */
async function assertRecordable(
  trx: Kysely<Database>,
  caseId: string,
  input: DecisionInput,
  ctx: RegistryWriteContext,
): Promise<void> {
  await sql`savepoint pending_decision_check`.execute(trx);
  try {
    await recordEvent(trx, { caseId, event: eventOf(input) }, ctx);
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'LOCKED')) {
      await sql`rollback to savepoint pending_decision_check`.execute(trx);
      await sql`release savepoint pending_decision_check`.execute(trx);
      throw error;
    }
  }
  await sql`rollback to savepoint pending_decision_check`.execute(trx);
  await sql`release savepoint pending_decision_check`.execute(trx);
}

/** A unique index refused the row: `23505` on PostgreSQL, SQLITE_CONSTRAINT_UNIQUE on SQLite. */
function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function eventOf(input: DecisionInput) {
  return {
    date: input.decisionDate,
    kind: 'unable' as const,
    ground: input.ground,
    decisionNo: input.decisionNo,
  };
}

/**
 * Proposes an `unable` decision on a case: it waits for review, outside the case's events. CONFLICT
 * when the case has an open decision; INVALID_INPUT naming the field; INVALID_EVENT when recording
 * it would break the case's history (the registry's reason).
 */
export async function proposeDecision(
  db: Kysely<Database>,
  params: { caseId: string } & DecisionInput,
  ctx: RegistryWriteContext,
): Promise<{ id: number }> {
  return inTransaction(db, async (trx) => {
    const c = await caseOf(trx, params.caseId.trim());
    assertMayChange(ctx, c.unit);
    const input = checkedInput(params, c.received_on, ctx.today);
    const open = await openDecisionRow(trx, c.id);
    if (open)
      throw new DomainError(
        'CONFLICT',
        open.status === 'pending'
          ? `Việc ${c.id} đã có ${describe(open)} đang chờ duyệt; mỗi việc chỉ có một quyết định chờ duyệt`
          : `Việc ${c.id} có ${describe(open)} bị trả lại; sửa và đề xuất lại, hoặc rút quyết định đó trước`,
        { caseId: c.id, id: Number(open.id) },
      );
    await assertRecordable(trx, c.id, input, ctx);
    const values = {
      case_id: c.id,
      unit: c.unit,
      decision_date: input.decisionDate,
      ground: input.ground,
      decision_no: input.decisionNo,
      verification_no: input.verificationNo,
      verification_date: input.verificationDate,
      status: 'pending',
      proposed_by: ctx.actor.username,
      proposed_at: ctx.at.toISOString(),
    };
    let inserted: { id: number | bigint };
    try {
      inserted = await trx
        .insertInto('pending_decisions')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
    } catch (error) {
      // A proposal for the same case that got in first (the partial unique index).
      if (isUniqueViolation(error))
        throw new DomainError(
          'CONFLICT',
          `Việc ${c.id} vừa có một quyết định chưa có điều kiện khác được đề xuất; mỗi việc chỉ có một quyết định chờ duyệt`,
          { caseId: c.id },
        );
      throw error;
    }
    const id = Number(inserted.id);
    await recordAudit(trx, {
      actor: ctx.actor,
      at: ctx.at,
      entity: 'pending_decision',
      entityId: String(id),
      action: 'propose',
      unit: c.unit,
      after: auditValue(values),
    });
    return { id };
  });
}

/** Corrects a returned decision and proposes it again (it waits for review again). */
export async function reproposeDecision(
  db: Kysely<Database>,
  params: { id: number } & DecisionInput,
  ctx: RegistryWriteContext,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await decisionForWrite(trx, params.id);
    assertMayChange(ctx, row.unit);
    assertStatus(row, ['returned'], 'đề xuất lại');
    const c = await caseOf(trx, row.case_id);
    const input = checkedInput(params, c.received_on, ctx.today);
    await assertRecordable(trx, c.id, input, ctx);
    const changes = {
      decision_date: input.decisionDate,
      ground: input.ground,
      decision_no: input.decisionNo,
      verification_no: input.verificationNo,
      verification_date: input.verificationDate,
      status: 'pending',
      proposed_by: ctx.actor.username,
      proposed_at: ctx.at.toISOString(),
      reviewed_by: null,
      reviewed_at: null,
      return_reason: null,
    };
    await trx.updateTable('pending_decisions').set(changes).where('id', '=', row.id).execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      at: ctx.at,
      entity: 'pending_decision',
      entityId: String(row.id),
      action: 'repropose',
      unit: row.unit,
      before: { ...auditValue(row), returnReason: row.return_reason },
      after: auditValue({ ...row, ...changes }),
    });
  });
}

/** Withdraws a pending or returned decision: it will never become an event. */
export async function withdrawDecision(
  db: Kysely<Database>,
  params: { id: number },
  ctx: RegistryWriteContext,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await decisionForWrite(trx, params.id);
    assertMayChange(ctx, row.unit);
    assertStatus(row, ['pending', 'returned'], 'rút');
    await trx
      .updateTable('pending_decisions')
      .set({
        status: 'withdrawn',
        withdrawn_by: ctx.actor.username,
        withdrawn_at: ctx.at.toISOString(),
      })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      at: ctx.at,
      entity: 'pending_decision',
      entityId: String(row.id),
      action: 'withdraw',
      unit: row.unit,
      before: auditValue(row),
      after: { status: 'withdrawn' },
    });
  });
}

/**
 * FORBIDDEN unless `reviewer` reviews the decisions of `unit`: a Cục manager for a unit of kind
 * `cuc`, otherwise the unit head of that very unit.
 */
export async function assertMayReview(
  db: Kysely<Database>,
  unit: string,
  reviewer: Reviewer,
): Promise<void> {
  const u = await db
    .selectFrom('units')
    .select(['code', 'name', 'kind'])
    .where('code', '=', unit)
    .executeTakeFirst();
  if (!u) throw new DomainError('NOT_FOUND', `Không có đơn vị mã ${unit}`, { unit });
  if (mayReview(u.kind, u.code, reviewer)) return;
  throw new DomainError(
    'FORBIDDEN',
    u.kind === 'cuc'
      ? `Quyết định chưa có điều kiện của việc thuộc ${u.name} (${u.code}) do Quản lý cấp Cục duyệt`
      : `Quyết định chưa có điều kiện của việc thuộc ${u.name} (${u.code}) do Thủ trưởng đơn vị đó duyệt`,
    { unit },
  );
}

/** Whether `reviewer` reviews the decisions of a unit of `kind`. */
export function mayReview(kind: string, unit: string, reviewer: Reviewer): boolean {
  return kind === 'cuc'
    ? reviewer.role === 'cuc_manager'
    : reviewer.role === 'unit_head' && reviewer.unit === unit;
}

/**
 * Confirms a pending decision: it becomes an `unable` event on its decision date through the
 * registry's `recordEvent` (history replayed, locks checked), in the same transaction. LOCKED when
 * the date lies in a locked period (an unlock request first); INVALID_EVENT when the case's history
 * no longer allows it (return it instead). Returns the event's id.
 */
export async function confirmDecision(
  db: Kysely<Database>,
  params: { id: number },
  ctx: RegistryWriteContext & { reviewer: Reviewer },
): Promise<{ eventId: number }> {
  return inTransaction(db, async (trx) => {
    const row = await decisionForWrite(trx, params.id);
    assertMayChange(ctx, row.unit);
    await assertMayReview(trx, row.unit, ctx.reviewer);
    assertStatus(row, ['pending'], 'xác nhận');
    let eventId: number;
    try {
      ({ id: eventId } = await recordEvent(
        trx,
        {
          caseId: row.case_id,
          event: eventOf({
            decisionDate: row.decision_date,
            ground: row.ground as UnableGround,
            decisionNo: row.decision_no,
            verificationNo: row.verification_no,
            verificationDate: row.verification_date,
          }),
        },
        ctx,
      ));
    } catch (error) {
      if (
        error instanceof DomainError &&
        (error.code === 'LOCKED' || error.code === 'INVALID_EVENT')
      )
        throw new DomainError(
          error.code,
          `Chưa thể xác nhận ${describe(row)}: ${error.message}` +
            (error.code === 'INVALID_EVENT' ? ' Hãy trả lại quyết định để sửa.' : ''),
          { ...error.details, id: Number(row.id) },
        );
      throw error;
    }
    await trx
      .updateTable('pending_decisions')
      .set({
        status: 'confirmed',
        reviewed_by: ctx.actor.username,
        reviewed_at: ctx.at.toISOString(),
        event_id: eventId,
      })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      at: ctx.at,
      entity: 'pending_decision',
      entityId: String(row.id),
      action: 'confirm',
      unit: row.unit,
      before: auditValue(row),
      after: { status: 'confirmed', eventId },
    });
    return { eventId };
  });
}

/** Sends a pending decision back to its proposer with a mandatory reason. */
export async function returnDecision(
  db: Kysely<Database>,
  params: { id: number; reason: string },
  ctx: RegistryWriteContext & { reviewer: Reviewer },
): Promise<void> {
  const reason = requireReason(params.reason);
  await inTransaction(db, async (trx) => {
    const row = await decisionForWrite(trx, params.id);
    assertMayChange(ctx, row.unit);
    await assertMayReview(trx, row.unit, ctx.reviewer);
    assertStatus(row, ['pending'], 'trả lại');
    await trx
      .updateTable('pending_decisions')
      .set({
        status: 'returned',
        reviewed_by: ctx.actor.username,
        reviewed_at: ctx.at.toISOString(),
        return_reason: reason,
      })
      .where('id', '=', row.id)
      .execute();
    await recordAudit(trx, {
      actor: ctx.actor,
      at: ctx.at,
      entity: 'pending_decision',
      entityId: String(row.id),
      action: 'return',
      unit: row.unit,
      before: auditValue(row),
      after: { status: 'returned', reason },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Reads.
// ---------------------------------------------------------------------------------------------

export interface PendingDecisionQuery {
  /** The units whose decisions to list. */
  units: readonly string[];
  status?: PendingDecisionStatus | undefined;
  /** Only the cases this officer holds now (an officer account). */
  officer?: string | undefined;
  caseId?: string | undefined;
  offset: number;
  limit: number;
}

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('pending_decisions as d')
    .innerJoin('cases as c', 'c.id', 'd.case_id')
    .innerJoin('units as u', 'u.code', 'd.unit');
}

function viewOf(r: {
  id: number | bigint;
  case_id: string;
  unit: string;
  unit_name: string;
  debtor_name: string | null;
  amount: bigint;
  settled: bigint;
  current_officer: string | null;
  decision_date: string;
  ground: string;
  decision_no: string;
  verification_no: string;
  verification_date: string;
  status: string;
  proposed_by: string;
  proposed_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  return_reason: string | null;
  withdrawn_by: string | null;
  withdrawn_at: string | null;
  event_id: number | bigint | null;
}): PendingDecisionView {
  const remaining = BigInt(r.amount) - BigInt(r.settled);
  return {
    id: Number(r.id),
    caseId: r.case_id,
    unit: r.unit,
    unitName: r.unit_name,
    debtorName: r.debtor_name,
    remaining: remaining > 0n ? remaining : 0n,
    currentOfficer: r.current_officer,
    decisionDate: r.decision_date,
    ground: r.ground as UnableGround,
    decisionNo: r.decision_no,
    verificationNo: r.verification_no,
    verificationDate: r.verification_date,
    status: r.status as PendingDecisionStatus,
    proposedBy: r.proposed_by,
    proposedAt: r.proposed_at,
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at,
    returnReason: r.return_reason,
    withdrawnBy: r.withdrawn_by,
    withdrawnAt: r.withdrawn_at,
    eventId: r.event_id === null ? null : Number(r.event_id),
  };
}

const VIEW_COLUMNS = [
  'd.id',
  'd.case_id',
  'd.unit',
  'u.name as unit_name',
  'c.debtor_name',
  'c.amount',
  'c.settled',
  'c.current_officer',
  'd.decision_date',
  'd.ground',
  'd.decision_no',
  'd.verification_no',
  'd.verification_date',
  'd.status',
  'd.proposed_by',
  'd.proposed_at',
  'd.reviewed_by',
  'd.reviewed_at',
  'd.return_reason',
  'd.withdrawn_by',
  'd.withdrawn_at',
  'd.event_id',
] as const;

/**
 * A page of the decisions of `units` (optionally of one status, one officer's cases, one case),
 * oldest decision date first, with their number.
 */
export async function listPendingDecisions(
  db: Kysely<Database>,
  query: PendingDecisionQuery,
): Promise<{ total: number; rows: PendingDecisionView[] }> {
  if (query.units.length === 0) return { total: 0, rows: [] };
  let q = baseQuery(db).where('d.unit', 'in', [...query.units]);
  if (query.status !== undefined) q = q.where('d.status', '=', query.status);
  if (query.officer !== undefined) q = q.where('c.current_officer', '=', query.officer);
  if (query.caseId !== undefined) q = q.where('d.case_id', '=', query.caseId);
  const counted = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .select(VIEW_COLUMNS)
    .orderBy('d.decision_date')
    .orderBy('d.id')
    .offset(query.offset)
    .limit(query.limit)
    .execute();
  return { total: Number(counted.n), rows: rows.map(viewOf) };
}

/** A case's decisions (any status), newest first. */
export async function decisionsOfCase(
  db: Kysely<Database>,
  caseId: string,
): Promise<PendingDecisionView[]> {
  const rows = await baseQuery(db)
    .select(VIEW_COLUMNS)
    .where('d.case_id', '=', caseId)
    .orderBy('d.id', 'desc')
    .execute();
  return rows.map(viewOf);
}

/** One decision; NOT_FOUND without it. */
export async function pendingDecisionById(
  db: Kysely<Database>,
  id: number,
): Promise<PendingDecisionView> {
  const row = await baseQuery(db).select(VIEW_COLUMNS).where('d.id', '=', id).executeTakeFirst();
  if (!row)
    throw new DomainError('NOT_FOUND', `Không tìm thấy quyết định chờ duyệt số ${id}`, { id });
  return viewOf(row);
}

/** How many decisions wait for review in each of `units` (the units without any left out). */
export async function pendingDecisionCounts(
  db: Kysely<Database>,
  units: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (units.length === 0) return out;
  const rows = await db
    .selectFrom('pending_decisions')
    .select(['unit', (eb) => eb.fn.countAll().as('n')])
    .where('status', '=', 'pending')
    .where('unit', 'in', [...units])
    .groupBy('unit')
    .execute();
  for (const r of rows) out.set(r.unit, Number(r.n));
  return out;
}
