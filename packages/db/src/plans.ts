/**
 * Enforcement plans (kế hoạch thi hành án, issue 7): storage, the console's writes, a case's plan,
 * an officer's "my work", and plan coverage per officer or per unit. The rules (kinds, statuses,
 * overdue, templates, what completing adds, coverage) are @thads/domain's plans.ts.
 *
 * Every write runs in ONE transaction: it reads the case (on PostgreSQL `for update`), checks who
 * may edit it (an officer only the cases it holds now; a unit head its units; the Cục every unit,
 * passed in as `PlanEditor`), checks each field (a Vietnamese message naming the field), writes,
 * and appends its audit records (entities `enforcement_plan` and `plan_measure`). A refused write
 * leaves nothing behind.
 */
import {
  DomainError,
  OPEN_MEASURE_STATUSES,
  OPEN_STATES,
  CASE_STATE_LABELS_VI,
  completedInMonth,
  completionGain,
  daysBetween,
  coverageRate,
  foldForSearch,
  isMeasureKind,
  isMeasureStatus,
  isValidIsoDate,
  measureStanding,
  monthOf,
  monthlyOutlook,
  planTemplate,
  workingMonthOf,
  workingYearOf,
  formatViDate,
  type CaseState,
  type Centi,
  type CompletionGain,
  type IsoDate,
  type MeasureKind,
  type MeasureStanding,
  type MeasureStatus,
  type MonthlyOutlookLine,
} from '@thads/domain';
import { sql, type Kysely, type SqlBool } from 'kysely';
import { recordAudit, type AuditActor, type AuditEntry } from './audit.js';
import { targetsFor } from './queries/targets.js';
import { resolveReport } from './reports.js';
import { likePattern } from './queries/case-list.js';
import { fromFlag } from './queries/units.js';
import type { Database } from './schema.js';
import { inTransaction, invalidField as invalid, isPostgres } from './write-helpers.js';

/** Who may edit plans: every unit (null) or these units; an officer account only its own cases. */
export interface PlanEditor {
  units: ReadonlySet<string> | null;
  /** For an officer account: the officer whose cases (held now) it may plan. */
  officer: string | null;
}

export interface PlanWriteContext {
  actor: AuditActor;
  at: Date;
  /** Today's local date (Asia/Ho_Chi_Minh). */
  today: IsoDate;
  editor: PlanEditor;
}

/** A measure as the console sends it. */
export interface MeasureInput {
  kind: MeasureKind | string;
  detail?: string | null;
  dueOn: IsoDate;
  /** The officer responsible; undefined: the officer holding the case; null: nobody named. */
  officer?: string | null;
  /** Default `planned`. */
  status?: MeasureStatus | string;
  outcome?: string | null;
  /** Required exactly when the status is `done`. */
  doneOn?: IsoDate | null;
}

export interface MeasureView {
  id: number;
  caseId: string;
  kind: MeasureKind;
  detail: string | null;
  dueOn: IsoDate;
  officer: string | null;
  officerName: string | null;
  status: MeasureStatus;
  outcome: string | null;
  doneOn: IsoDate | null;
  /** Where it stands today (overdue, due this month, …). */
  standing: MeasureStanding;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
}

export interface CasePlan {
  caseId: string;
  unit: string;
  state: CaseState;
  receivedOn: IsoDate;
  decisionDate: IsoDate | null;
  /** The officer holding the case now. */
  officer: string | null;
  remaining: bigint;
  /** Null while the case has no plan. */
  plan: {
    template: string | null;
    createdBy: string;
    createdAt: string;
    updatedBy: string;
    updatedAt: string;
  } | null;
  /** By due date, then id. */
  measures: MeasureView[];
}

const MAX_MEASURES_PER_CASE = 100;
const MAX_DETAIL = 500;
const MAX_OUTCOME = 2000;

type MeasureRow = {
  id: number | bigint;
  case_id: string;
  kind: string;
  detail: string | null;
  due_on: string;
  officer: string | null;
  officer_name: string | null;
  status: string;
  outcome: string | null;
  done_on: string | null;
  created_by: string;
  created_at: string;
  updated_by: string;
  updated_at: string;
};

const MEASURE_COLUMNS = [
  'm.id',
  'm.case_id',
  'm.kind',
  'm.detail',
  'm.due_on',
  'm.officer',
  'o.name as officer_name',
  'm.status',
  'm.outcome',
  'm.done_on',
  'm.created_by',
  'm.created_at',
  'm.updated_by',
  'm.updated_at',
] as const;

function measureView(r: MeasureRow, today: IsoDate): MeasureView {
  return {
    id: Number(r.id),
    caseId: r.case_id,
    kind: r.kind as MeasureKind,
    detail: r.detail,
    dueOn: r.due_on,
    officer: r.officer,
    officerName: r.officer_name,
    status: r.status as MeasureStatus,
    outcome: r.outcome,
    doneOn: r.done_on,
    standing: measureStanding({ status: r.status, dueOn: r.due_on }, today),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}

function measureAuditValue(m: {
  caseId: string;
  kind: string;
  detail: string | null;
  dueOn: string;
  officer: string | null;
  status: string;
  outcome: string | null;
  doneOn: string | null;
}): unknown {
  return {
    caseId: m.caseId,
    kind: m.kind,
    detail: m.detail,
    dueOn: m.dueOn,
    officer: m.officer,
    status: m.status,
    outcome: m.outcome,
    doneOn: m.doneOn,
  };
}

interface CaseForPlan {
  id: string;
  unit: string;
  state: string;
  received_on: string;
  current_officer: string | null;
}

async function loadCase(trx: Kysely<Database>, caseId: string): Promise<CaseForPlan> {
  let query = trx
    .selectFrom('cases')
    .select(['id', 'unit', 'state', 'received_on', 'current_officer'])
    .where('id', '=', caseId);
  if (isPostgres(trx)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND', `Không tìm thấy việc mã "${caseId}"`, { caseId });
  return row;
}

/** FORBIDDEN unless the editor may plan this case. */
function assertMayEdit(editor: PlanEditor, c: CaseForPlan): void {
  if (editor.units && !editor.units.has(c.unit))
    throw new DomainError('FORBIDDEN', `Tài khoản của bạn không có quyền với đơn vị ${c.unit}`, {
      unit: c.unit,
    });
  if (editor.officer !== null && c.current_officer !== editor.officer)
    throw new DomainError(
      'FORBIDDEN',
      `Chấp hành viên chỉ lập, sửa kế hoạch của việc mình đang thụ lý; việc ${c.id} không do bạn thụ lý`,
      { caseId: c.id },
    );
}

interface OfficerInfo {
  unit: string;
  active: boolean;
  name: string;
}

async function officersOf(trx: Kysely<Database>, unit: string): Promise<Map<string, OfficerInfo>> {
  const rows = await trx
    .selectFrom('officers')
    .select(['code', 'unit', 'active', 'name'])
    .where('unit', '=', unit)
    .execute();
  return new Map(
    rows.map((r) => [r.code, { unit: r.unit, active: fromFlag(r.active), name: r.name }]),
  );
}

interface CheckedMeasure {
  kind: MeasureKind;
  detail: string | null;
  dueOn: IsoDate;
  officer: string | null;
  status: MeasureStatus;
  outcome: string | null;
  doneOn: IsoDate | null;
}

function optionalText(text: string | null | undefined, max: number, field: string, what: string) {
  const trimmed = text?.trim() ?? '';
  if (trimmed.length > max) throw invalid(field, `${what} tối đa ${max} ký tự`);
  return trimmed === '' ? null : trimmed;
}

/**
 * Checks one measure of case `c`; `field` prefixes the field names of errors (`measures.2.`).
 * `previousOfficer` is the officer it names now (an edit may keep an officer who has since left).
 */
function checkMeasure(
  input: MeasureInput,
  c: CaseForPlan,
  officers: ReadonlyMap<string, OfficerInfo>,
  today: IsoDate,
  field: string,
  previousOfficer: string | null | undefined,
): CheckedMeasure {
  if (!isMeasureKind(input.kind))
    throw invalid(`${field}kind`, `Loại biện pháp "${input.kind}" không có trong danh mục`);
  const status = input.status ?? 'planned';
  if (!isMeasureStatus(status))
    throw invalid(
      `${field}status`,
      `Tình trạng "${status}" không hợp lệ (cần: đã lên kế hoạch, đang thực hiện, đã xong hoặc đã hủy)`,
    );
  const dueOn = input.dueOn?.trim?.() ?? '';
  if (!isValidIsoDate(dueOn))
    throw invalid(`${field}dueOn`, `Hạn thực hiện "${dueOn}" không hợp lệ (cần một ngày có thật)`);
  if (dueOn < c.received_on)
    throw invalid(
      `${field}dueOn`,
      `Hạn thực hiện ${formatViDate(dueOn)} trước ngày thụ lý việc ${c.id} (${formatViDate(c.received_on)})`,
    );
  let officer: string | null;
  // By default the officer holding the case, unless it has stopped working (then nobody).
  if (input.officer === undefined)
    officer =
      c.current_officer !== null && officers.get(c.current_officer)?.active
        ? c.current_officer
        : null;
  else
    officer = input.officer === null || input.officer.trim() === '' ? null : input.officer.trim();
  if (officer !== null) {
    const info = officers.get(officer);
    if (!info)
      throw invalid(
        `${field}officer`,
        `Không có chấp hành viên mã ${officer} trong đơn vị ${c.unit} của việc ${c.id}`,
      );
    if (!info.active && officer !== previousOfficer)
      throw invalid(
        `${field}officer`,
        `Chấp hành viên ${officer} đã ngừng công tác; không giao biện pháp mới cho chấp hành viên này`,
      );
  }
  let doneOn: IsoDate | null = input.doneOn?.trim() || null;
  if (status === 'done') {
    if (doneOn === null)
      throw invalid(`${field}doneOn`, 'Biện pháp đã thực hiện xong cần ngày thực hiện xong');
    if (!isValidIsoDate(doneOn))
      throw invalid(`${field}doneOn`, `Ngày thực hiện xong "${doneOn}" không hợp lệ`);
    if (doneOn > today)
      throw invalid(
        `${field}doneOn`,
        `Ngày thực hiện xong ${formatViDate(doneOn)} sau hôm nay (${formatViDate(today)})`,
      );
    if (doneOn < c.received_on)
      throw invalid(
        `${field}doneOn`,
        `Ngày thực hiện xong ${formatViDate(doneOn)} trước ngày thụ lý việc (${formatViDate(c.received_on)})`,
      );
  } else if (doneOn !== null) {
    throw invalid(`${field}doneOn`, 'Chỉ ghi ngày thực hiện xong khi biện pháp đã thực hiện xong');
  } else doneOn = null;
  return {
    kind: input.kind,
    detail: optionalText(input.detail, MAX_DETAIL, `${field}detail`, 'Nội dung cụ thể'),
    dueOn,
    officer,
    status,
    outcome: optionalText(input.outcome, MAX_OUTCOME, `${field}outcome`, 'Kết quả'),
    doneOn,
  };
}

async function measuresOf(
  db: Kysely<Database>,
  caseId: string,
  today: IsoDate,
): Promise<MeasureView[]> {
  const rows = await db
    .selectFrom('plan_measures as m')
    .leftJoin('officers as o', 'o.code', 'm.officer')
    .select(MEASURE_COLUMNS)
    .where('m.case_id', '=', caseId)
    .orderBy('m.due_on')
    .orderBy('m.id')
    .execute();
  return rows.map((r) => measureView(r, today));
}

/**
 * Adds measures to a case's plan, creating the plan if it has none (with the template they came
 * from, if any). CONFLICT for a case already closed or exited, or beyond 100 measures.
 */
export async function addMeasures(
  db: Kysely<Database>,
  ctx: PlanWriteContext,
  params: { caseId: string; template?: string | null; measures: readonly MeasureInput[] },
): Promise<{ caseId: string; created: MeasureView[] }> {
  const template = params.template?.trim() || null;
  if (template !== null && !planTemplate(template))
    throw invalid('template', `Mẫu kế hoạch "${template}" không có trong danh mục`);
  if (params.measures.length === 0) throw invalid('measures', 'Kế hoạch cần ít nhất một biện pháp');
  return inTransaction(db, async (trx) => {
    const c = await loadCase(trx, params.caseId);
    assertMayEdit(ctx.editor, c);
    if (!(OPEN_STATES as readonly string[]).includes(c.state))
      throw new DomainError(
        'CONFLICT',
        `Việc ${c.id} đã kết thúc (${CASE_STATE_LABELS_VI[c.state as CaseState] ?? c.state}): không lập thêm biện pháp`,
        { caseId: c.id },
      );
    const officers = await officersOf(trx, c.unit);
    const checked = params.measures.map((m, i) =>
      checkMeasure(m, c, officers, ctx.today, `measures.${i}.`, undefined),
    );
    const existing = await trx
      .selectFrom('plan_measures')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('case_id', '=', c.id)
      .executeTakeFirstOrThrow();
    if (Number(existing.n) + checked.length > MAX_MEASURES_PER_CASE)
      throw new DomainError(
        'CONFLICT',
        `Một việc có tối đa ${MAX_MEASURES_PER_CASE} biện pháp; việc ${c.id} đã có ${Number(existing.n)}`,
      );
    const at = ctx.at.toISOString();
    const by = ctx.actor.username;
    const plan = await trx
      .selectFrom('enforcement_plans')
      .select('case_id')
      .where('case_id', '=', c.id)
      .executeTakeFirst();
    if (!plan) {
      await trx
        .insertInto('enforcement_plans')
        .values({
          case_id: c.id,
          template,
          created_by: by,
          created_at: at,
          updated_by: by,
          updated_at: at,
        })
        .execute();
      await recordAudit(trx, {
        actor: ctx.actor,
        at: ctx.at,
        entity: 'enforcement_plan',
        entityId: c.id,
        action: 'create',
        unit: c.unit,
        after: { caseId: c.id, template },
      });
    } else {
      await trx
        .updateTable('enforcement_plans')
        .set({ updated_by: by, updated_at: at })
        .where('case_id', '=', c.id)
        .execute();
    }
    const ids: number[] = [];
    for (const m of checked) {
      const inserted = await trx
        .insertInto('plan_measures')
        .values({
          case_id: c.id,
          kind: m.kind,
          detail: m.detail,
          due_on: m.dueOn,
          officer: m.officer,
          status: m.status,
          outcome: m.outcome,
          done_on: m.doneOn,
          created_by: by,
          created_at: at,
          updated_by: by,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(inserted.id);
      ids.push(id);
      const entry: AuditEntry = {
        actor: ctx.actor,
        at: ctx.at,
        entity: 'plan_measure',
        entityId: String(id),
        action: 'create',
        unit: c.unit,
        after: measureAuditValue({ caseId: c.id, ...m }),
      };
      await recordAudit(trx, entry);
    }
    const all = await measuresOf(trx, c.id, ctx.today);
    return { caseId: c.id, created: all.filter((m) => ids.includes(m.id)) };
  });
}

/**
 * Changes one measure (every editable field at once: kind, detail, due date, officer, status,
 * outcome, date done). NOT_FOUND for an unknown measure; an unchanged measure writes nothing.
 */
export async function updateMeasure(
  db: Kysely<Database>,
  ctx: PlanWriteContext,
  params: { id: number } & MeasureInput,
): Promise<MeasureView> {
  return inTransaction(db, async (trx) => {
    const before = await trx
      .selectFrom('plan_measures')
      .selectAll()
      .where('id', '=', params.id)
      .executeTakeFirst();
    if (!before)
      throw new DomainError('NOT_FOUND', `Không tìm thấy biện pháp số ${params.id}`, {
        id: params.id,
      });
    const c = await loadCase(trx, before.case_id);
    assertMayEdit(ctx.editor, c);
    const officers = await officersOf(trx, c.unit);
    const m = checkMeasure(params, c, officers, ctx.today, '', before.officer);
    const old = {
      caseId: c.id,
      kind: before.kind,
      detail: before.detail,
      dueOn: before.due_on,
      officer: before.officer,
      status: before.status,
      outcome: before.outcome,
      doneOn: before.done_on,
    };
    const next = { caseId: c.id, ...m };
    const changed =
      JSON.stringify(measureAuditValue(old)) !== JSON.stringify(measureAuditValue(next));
    if (changed) {
      const at = ctx.at.toISOString();
      await trx
        .updateTable('plan_measures')
        .set({
          kind: m.kind,
          detail: m.detail,
          due_on: m.dueOn,
          officer: m.officer,
          status: m.status,
          outcome: m.outcome,
          done_on: m.doneOn,
          updated_by: ctx.actor.username,
          updated_at: at,
        })
        .where('id', '=', params.id)
        .execute();
      await trx
        .updateTable('enforcement_plans')
        .set({ updated_by: ctx.actor.username, updated_at: at })
        .where('case_id', '=', c.id)
        .execute();
      await recordAudit(trx, {
        actor: ctx.actor,
        at: ctx.at,
        entity: 'plan_measure',
        entityId: String(params.id),
        action: 'update',
        unit: c.unit,
        before: measureAuditValue(old),
        after: measureAuditValue(next),
      });
    }
    const view = (await measuresOf(trx, c.id, ctx.today)).find((x) => x.id === params.id);
    return view!;
  });
}

/** A case's plan and measures; NOT_FOUND for an unknown case. */
export async function casePlan(
  db: Kysely<Database>,
  caseId: string,
  today: IsoDate,
): Promise<CasePlan> {
  const c = await db
    .selectFrom('cases')
    .select([
      'id',
      'unit',
      'state',
      'received_on',
      'decision_date',
      'current_officer',
      'amount',
      'settled',
    ])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (!c) throw new DomainError('NOT_FOUND', `Không tìm thấy việc mã "${caseId}"`, { caseId });
  const plan = await db
    .selectFrom('enforcement_plans')
    .selectAll()
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return {
    caseId: c.id,
    unit: c.unit,
    state: c.state as CaseState,
    receivedOn: c.received_on,
    decisionDate: c.decision_date,
    officer: c.current_officer,
    remaining: c.amount - c.settled,
    plan: plan
      ? {
          template: plan.template,
          createdBy: plan.created_by,
          createdAt: plan.created_at,
          updatedBy: plan.updated_by,
          updatedAt: plan.updated_at,
        }
      : null,
    measures: await measuresOf(db, caseId, today),
  };
}

/** Whether `officer` is responsible for any measure of the case (an officer account may read it). */
export async function isResponsibleFor(
  db: Kysely<Database>,
  caseId: string,
  officer: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('plan_measures')
    .select('id')
    .where('case_id', '=', caseId)
    .where('officer', '=', officer)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

// ---------------------------------------------------------------------------------------------
// "Việc của tôi" (my work).
// ---------------------------------------------------------------------------------------------

/** A measure of "my work" with its case. */
export interface WorkMeasure extends MeasureView {
  unit: string;
  debtorName: string | null;
  caseState: CaseState;
  remaining: bigint;
}

export interface WorkCaseView {
  caseId: string;
  debtorName: string | null;
  state: CaseState;
  remaining: bigint;
  /** Its open measures due by the end of the month (overdue ones included). */
  measures: number;
}

export interface MyWork {
  officer: string;
  officerName: string;
  unit: string;
  today: IsoDate;
  /** The calendar month of today: its first and last day, and its working year and month. */
  monthFirst: IsoDate;
  monthLast: IsoDate;
  year: number;
  month: number;
  /**
   * Open measures the officer is responsible for (or that name nobody, on a case it holds), due
   * before today (any month).
   */
  overdue: WorkMeasure[];
  /** The same, due from today to the end of the month. */
  dueThisMonth: WorkMeasure[];
  /** This month's cases: the open cases of those measures, by case id. */
  cases: WorkCaseView[];
  /** What completing this month's cases would add to casesCompleted and moneyCompleted. */
  gain: CompletionGain;
  /** The month's targets, what is completed so far, and with the gain. */
  outlook: { cases: MonthlyOutlookLine; money: MonthlyOutlookLine };
  /** Open cases the officer holds with no open measure. */
  casesWithoutPlan: number;
}

/**
 * An officer's work this month (today's calendar month in Hà Nội): its overdue measures, the
 * measures due by the end of the month, the open cases they belong to, and what completing those
 * cases would add to its monthly targets (against what it completed so far: X(n) − X(n−1) of its
 * reports, as `resolveProgress` counts it, and its targets of the month). NOT_FOUND for an
 * unknown officer.
 */
export async function myWork(
  db: Kysely<Database>,
  params: { officer: string; today: IsoDate },
): Promise<MyWork> {
  const { officer, today } = params;
  const o = await db
    .selectFrom('officers')
    .select(['code', 'name', 'unit'])
    .where('code', '=', officer)
    .executeTakeFirst();
  if (!o) throw new DomainError('NOT_FOUND', `Không có chấp hành viên mã ${officer}`, { officer });
  const { first, last } = monthOf(today);
  const rows = await db
    .selectFrom('plan_measures as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .leftJoin('officers as o', 'o.code', 'm.officer')
    .select([
      ...MEASURE_COLUMNS,
      'c.unit',
      'c.debtor_name',
      'c.state as case_state',
      'c.amount',
      'c.settled',
    ])
    .where((eb) =>
      eb.or([
        eb('m.officer', '=', officer),
        eb.and([eb('m.officer', 'is', null), eb('c.current_officer', '=', officer)]),
      ]),
    )
    .where('m.status', 'in', [...OPEN_MEASURE_STATUSES])
    .where('m.due_on', '<=', last)
    .orderBy('m.due_on')
    .orderBy('m.case_id')
    .orderBy('m.id')
    .execute();
  const work: WorkMeasure[] = rows.map((r) => ({
    ...measureView(r, today),
    unit: r.unit,
    debtorName: r.debtor_name,
    caseState: r.case_state as CaseState,
    remaining: r.amount - r.settled,
  }));
  const byCase = new Map<string, WorkCaseView>();
  for (const w of work) {
    if (!(OPEN_STATES as readonly string[]).includes(w.caseState)) continue;
    const seen = byCase.get(w.caseId);
    if (seen) seen.measures += 1;
    else
      byCase.set(w.caseId, {
        caseId: w.caseId,
        debtorName: w.debtorName,
        state: w.caseState,
        remaining: w.remaining,
        measures: 1,
      });
  }
  const cases = [...byCase.values()].sort((a, b) =>
    a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0,
  );
  const gain = completionGain(cases);
  const year = workingYearOf(today);
  const month = workingMonthOf(today);
  // What the officer completed in the month alone, X(n) − X(n−1), and its monthly targets: the
  // officer metrics of `resolveProgress`, without the previous year's reports it also reads.
  const report = await resolveReport(db, { unit: o.unit, year, month, officer });
  const previous =
    month > 1 ? await resolveReport(db, { unit: o.unit, year, month: month - 1, officer }) : null;
  const targets = await targetsFor(db, {
    unit: report.unit,
    scope: report.scope,
    year,
    month,
    officer: report.officer,
  });
  const completed = {
    cases: completedInMonth(report, previous, 'casesCompleted'),
    money: completedInMonth(report, previous, 'moneyCompleted'),
  };
  const target = {
    cases: targets.casesCompleted?.value ?? null,
    money: targets.moneyCompleted?.value ?? null,
  };
  const without = await uncoveredCases(db, {
    units: [o.unit],
    officer,
    offset: 0,
    limit: 1,
  });
  return {
    officer: o.code,
    officerName: o.name,
    unit: o.unit,
    today,
    monthFirst: first,
    monthLast: last,
    year,
    month,
    overdue: work.filter((w) => w.standing === 'overdue'),
    dueThisMonth: work.filter((w) => w.standing === 'due_this_month'),
    cases,
    gain,
    outlook: monthlyOutlook({ completed, target, gain }),
    casesWithoutPlan: without.total,
  };
}

// ---------------------------------------------------------------------------------------------
// Coverage.
// ---------------------------------------------------------------------------------------------

export interface CoverageRow {
  /** The officer's code or the unit's code; null for the cases no officer holds. */
  key: string | null;
  name: string;
  openCases: number;
  casesWithPlan: number;
  casesWithoutPlan: number;
  openMeasures: number;
  overdueMeasures: number;
  casesWithOverdue: number;
  rate: Centi | null;
}

export interface CoverageSummary {
  by: 'officer' | 'unit';
  rows: CoverageRow[];
  total: CoverageRow;
}

const OPEN_MEASURE_SQL = sql<SqlBool>`exists (select 1 from plan_measures pm where pm.case_id = c.id and pm.status in ('planned', 'in_progress'))`;

function emptyRow(key: string | null, name: string): CoverageRow {
  return {
    key,
    name,
    openCases: 0,
    casesWithPlan: 0,
    casesWithoutPlan: 0,
    openMeasures: 0,
    overdueMeasures: 0,
    casesWithOverdue: 0,
    rate: null,
  };
}

/**
 * Plan coverage of the cases of `units` (domain `planCoverage`, counted in SQL), by the officer
 * holding each case now (every officer of the units who is active or still holds an open case,
 * then "Chưa phân công") or by unit (every unit asked for). Closed cases count only for their open
 * measures; overdue is before `today`.
 */
export async function coverageSummary(
  db: Kysely<Database>,
  params: { units: readonly string[]; by: 'officer' | 'unit'; today: IsoDate },
): Promise<CoverageSummary> {
  const { units, by, today } = params;
  const rows = new Map<string | null, CoverageRow>();
  if (units.length === 0) return { by, rows: [], total: emptyRow(null, 'Tổng cộng') };
  if (by === 'unit') {
    const list = await db
      .selectFrom('units')
      .select(['code', 'name'])
      .where('code', 'in', [...units])
      .orderBy('code')
      .execute();
    for (const u of list) rows.set(u.code, emptyRow(u.code, u.name));
  } else {
    const list = await db
      .selectFrom('officers')
      .select(['code', 'name', 'active'])
      .where('unit', 'in', [...units])
      .orderBy('code')
      .execute();
    for (const o of list) if (fromFlag(o.active)) rows.set(o.code, emptyRow(o.code, o.name));
  }
  const row = async (key: string | null) => {
    let r = rows.get(key);
    if (!r) {
      let name = 'Chưa phân công';
      if (key !== null) {
        const o = await db
          .selectFrom('officers')
          .select('name')
          .where('code', '=', key)
          .executeTakeFirst();
        name = o ? `${o.name} (đã ngừng công tác)` : key;
      }
      r = emptyRow(key, name);
      rows.set(key, r);
    }
    return r;
  };
  const groupColumn =
    by === 'unit' ? sql<string | null>`c.unit` : sql<string | null>`c.current_officer`;

  const caseCounts = await db
    .selectFrom('cases as c')
    .select([
      groupColumn.as('k'),
      (eb) => eb.fn.countAll().as('open_cases'),
      sql<bigint | number | string>`sum(case when ${OPEN_MEASURE_SQL} then 1 else 0 end)`.as(
        'with_plan',
      ),
    ])
    .where('c.unit', 'in', [...units])
    .where('c.state', 'in', [...OPEN_STATES])
    .groupBy(groupColumn)
    .execute();
  for (const r of caseCounts) {
    const target = await row(r.k);
    target.openCases = Number(r.open_cases);
    target.casesWithPlan = Number(r.with_plan ?? 0);
  }
  const measureCounts = await db
    .selectFrom('plan_measures as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .select([
      groupColumn.as('k'),
      (eb) => eb.fn.countAll().as('open_measures'),
      sql<bigint | number | string>`sum(case when m.due_on < ${today} then 1 else 0 end)`.as(
        'overdue',
      ),
      sql<
        bigint | number | string
      >`count(distinct case when m.due_on < ${today} then m.case_id end)`.as('overdue_cases'),
    ])
    .where('c.unit', 'in', [...units])
    .where('m.status', 'in', [...OPEN_MEASURE_STATUSES])
    .groupBy(groupColumn)
    .execute();
  for (const r of measureCounts) {
    const target = await row(r.k);
    target.openMeasures = Number(r.open_measures);
    target.overdueMeasures = Number(r.overdue ?? 0);
    target.casesWithOverdue = Number(r.overdue_cases ?? 0);
  }
  const total = emptyRow(null, 'Tổng cộng');
  const out = [...rows.values()].sort((a, b) =>
    a.key === null ? 1 : b.key === null ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0,
  );
  for (const r of out) {
    r.casesWithoutPlan = r.openCases - r.casesWithPlan;
    r.rate = coverageRate(r.casesWithPlan, r.openCases);
    total.openCases += r.openCases;
    total.casesWithPlan += r.casesWithPlan;
    total.openMeasures += r.openMeasures;
    total.overdueMeasures += r.overdueMeasures;
    total.casesWithOverdue += r.casesWithOverdue;
  }
  total.casesWithoutPlan = total.openCases - total.casesWithPlan;
  total.rate = coverageRate(total.casesWithPlan, total.openCases);
  return { by, rows: out, total: { ...total, key: null } };
}

export interface UncoveredCase {
  id: string;
  unit: string;
  receivedOn: IsoDate;
  debtorName: string | null;
  state: CaseState;
  remaining: bigint;
  officer: string | null;
  officerName: string | null;
  /** It had a plan once (every measure done or cancelled). */
  hadPlan: boolean;
}

interface ListFilter {
  units: readonly string[];
  /** undefined: any; null: no officer holds it now; a code: the officer holding it now. */
  officer?: string | null;
  /** Case id, debtor name or decision number; folded, a substring. */
  q?: string;
  offset: number;
  limit: number;
}

/** Open cases without an open measure, by case id, a page of them and how many there are. */
export async function uncoveredCases(
  db: Kysely<Database>,
  filter: ListFilter,
): Promise<{ total: number; rows: UncoveredCase[] }> {
  if (filter.units.length === 0) return { total: 0, rows: [] };
  let q = db
    .selectFrom('cases as c')
    .where('c.unit', 'in', [...filter.units])
    .where('c.state', 'in', [...OPEN_STATES])
    .where(sql<SqlBool>`not ${OPEN_MEASURE_SQL}`);
  if (filter.officer === null) q = q.where('c.current_officer', 'is', null);
  else if (filter.officer !== undefined) q = q.where('c.current_officer', '=', filter.officer);
  const folded = foldForSearch(filter.q ?? '');
  if (folded !== '')
    q = q.where(sql<SqlBool>`c.search_text like ${likePattern(folded)} escape '\\'`);
  const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('officers as o', 'o.code', 'c.current_officer')
    .select([
      'c.id',
      'c.unit',
      'c.received_on',
      'c.debtor_name',
      'c.state',
      'c.amount',
      'c.settled',
      'c.current_officer',
      'o.name as officer_name',
      sql<SqlBool>`exists (select 1 from enforcement_plans ep where ep.case_id = c.id)`.as(
        'had_plan',
      ),
    ])
    .orderBy('c.id')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute();
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      id: r.id,
      unit: r.unit,
      receivedOn: r.received_on,
      debtorName: r.debtor_name,
      state: r.state as CaseState,
      remaining: r.amount - r.settled,
      officer: r.current_officer,
      officerName: r.officer_name,
      hadPlan: Boolean(Number(r.had_plan)),
    })),
  };
}

/** An overdue measure with its case, for the lists. */
export interface OverdueMeasure extends MeasureView {
  unit: string;
  debtorName: string | null;
  caseState: CaseState;
  /** The officer holding the case now. */
  caseOfficer: string | null;
  /** Whole days past the due date. */
  daysLate: number;
}

/**
 * Open measures due before `today` of the cases of `units` (the officer filter is the officer
 * holding the case now, as in the coverage table), oldest due first, a page of them and how many.
 */
export async function overdueMeasures(
  db: Kysely<Database>,
  filter: ListFilter & { today: IsoDate },
): Promise<{ total: number; rows: OverdueMeasure[] }> {
  if (filter.units.length === 0) return { total: 0, rows: [] };
  let q = db
    .selectFrom('plan_measures as m')
    .innerJoin('cases as c', 'c.id', 'm.case_id')
    .where('c.unit', 'in', [...filter.units])
    .where('m.status', 'in', [...OPEN_MEASURE_STATUSES])
    .where('m.due_on', '<', filter.today);
  if (filter.officer === null) q = q.where('c.current_officer', 'is', null);
  else if (filter.officer !== undefined) q = q.where('c.current_officer', '=', filter.officer);
  const folded = foldForSearch(filter.q ?? '');
  if (folded !== '')
    q = q.where(sql<SqlBool>`c.search_text like ${likePattern(folded)} escape '\\'`);
  const count = await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  const rows = await q
    .leftJoin('officers as o', 'o.code', 'm.officer')
    .select([
      ...MEASURE_COLUMNS,
      'c.unit',
      'c.debtor_name',
      'c.state as case_state',
      'c.current_officer',
    ])
    .orderBy('m.due_on')
    .orderBy('m.case_id')
    .orderBy('m.id')
    .offset(filter.offset)
    .limit(filter.limit)
    .execute();
  return {
    total: Number(count.n),
    rows: rows.map((r) => ({
      ...measureView(r, filter.today),
      unit: r.unit,
      debtorName: r.debtor_name,
      caseState: r.case_state as CaseState,
      caseOfficer: r.current_officer,
      daysLate: daysBetween(r.due_on, filter.today),
    })),
  };
}
