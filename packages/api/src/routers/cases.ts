/**
 * The case registry in the console (issue 5): the case list and detail, intake, events, their
 * correction and removal, reassignment, and the cases behind a report line.
 *
 * Who: every signed-in account reads the cases of the units it may see (an officer account only
 * the cases it holds or held); cuc_manager, unit_head and clerk (dataEntryProcedure) write the cases
 * of their units (a branch account: its unit and the units under it). The rules of every write are
 * in @thads/db's registry.ts (whole history replayed, locks, audit, all or nothing). Money crosses
 * the wire as strings of digits.
 */
import {
  caseDetail,
  caseRowsById,
  casesBehind,
  correctEvent,
  createCase,
  listCases,
  reassignCases,
  recordEvent,
  removeEvent,
  storedEventsOf,
  updateCase,
  unitsOfScope,
  CASE_SORTS,
  type CaseDetail,
  type CaseListRow,
  type EventInput,
  type RegistryWriteContext,
} from '@thads/db';
import {
  CASE_STATES,
  DomainError,
  EVENT_KINDS,
  LINE_LABELS_VI,
  isLineCode,
  type CaseState,
  type EventKind,
  type LineCode,
} from '@thads/domain';
import { z } from 'zod';
import { accessOf, assertReportAccess, assertUnit, type Access } from '../access.js';
import { dataEntryProcedure, router, signedInProcedure } from '../trpc.js';
import { todayOf, writerOf, type SignedInContext } from './request.js';
import {
  caseIdText,
  flagCode,
  flagFilter,
  isoDateText,
  judgmentTypeCode,
  judgmentTypeFilter,
  modeFilter,
  moneyText,
  officerCode,
  scope,
  unitCode,
  workingMonth,
  workingYear,
} from './schemas.js';

async function writeContext(ctx: SignedInContext): Promise<RegistryWriteContext> {
  const access = await accessOf(ctx.db, ctx.session);
  return { ...writerOf(ctx), today: todayOf(ctx), units: access.allUnits ? null : access.units };
}

const STATE_FILTERS = ['open', 'closed', ...CASE_STATES] as [string, ...string[]];

const optionalText = (max: number, message: string) =>
  z.string().trim().max(max, message).nullable().optional();

const page = z.number().int('Trang phải là số nguyên').min(1, 'Trang bắt đầu từ 1').default(1);
const pageSize = z
  .number()
  .int()
  .min(10, 'Mỗi trang từ 10 đến 200 dòng')
  .max(200, 'Mỗi trang từ 10 đến 200 dòng')
  .default(50);

export const caseListInput = z
  .object({
    unit: unitCode,
    scope: scope.default('total'),
    officer: officerCode.optional(),
    /** Only the cases no officer holds now. */
    unassigned: z.boolean().optional(),
    state: z.enum(STATE_FILTERS, { error: 'Trạng thái không hợp lệ' }).optional(),
    stateOn: isoDateText.optional(),
    receivedFrom: isoDateText.optional(),
    receivedTo: isoDateText.optional(),
    amountMin: moneyText.optional(),
    amountMax: moneyText.optional(),
    q: z.string().max(200, 'Từ khoá tìm kiếm tối đa 200 ký tự').optional(),
    sort: z.enum(CASE_SORTS).default('id'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    page,
    pageSize,
  })
  .refine((v) => !(v.officer && v.unassigned), {
    message: 'Chọn một chấp hành viên hoặc các việc chưa phân công, không cả hai',
    path: ['unassigned'],
  });

export interface CaseRowJson extends Omit<CaseListRow, 'amount' | 'settled' | 'remaining'> {
  amount: string;
  settled: string;
  remaining: string;
}

function rowJson(r: CaseListRow): CaseRowJson {
  return {
    ...r,
    amount: r.amount.toString(),
    settled: r.settled.toString(),
    remaining: r.remaining.toString(),
  };
}

export interface CaseDetailJson {
  id: string;
  unit: string;
  unitName: string;
  receivedOn: string;
  amount: string;
  settled: string;
  remaining: string;
  state: CaseState;
  mode: string | null;
  judgmentType: string | null;
  flags: string[];
  intakeOfficer: string | null;
  intakeOfficerName: string | null;
  officer: string | null;
  officerName: string | null;
  judgmentRef: string | null;
  decisionNo: string | null;
  decisionDate: string | null;
  obligation: string | null;
  debtorName: string | null;
  debtorAddress: string | null;
  reverifyYearly: boolean;
  lastVerification: string | null;
  reverificationDue: string | null;
  timeline: {
    id: number;
    date: string;
    kind: EventKind;
    amount: string | null;
    officer: string | null;
    officerName: string | null;
    ground: string | null;
    decisionNo: string | null;
    stateAfter: CaseState;
    settledAfter: string;
    recordedBy: string | null;
    recordedAt: string | null;
  }[];
  publicList: {
    decisionNo: string;
    decisionDate: string;
    ground: string;
    remaining: string;
    status: string;
    publishedOn: string | null;
    ending: { kind: string; date: string; decisionNo: string | null } | null;
    addressWithheld: boolean;
  }[];
}

function detailJson(d: CaseDetail): CaseDetailJson {
  const f = d.facts;
  return {
    id: f.id,
    unit: f.unit,
    unitName: d.unitName,
    receivedOn: f.receivedOn,
    amount: d.amount.toString(),
    settled: d.settled.toString(),
    remaining: d.remaining.toString(),
    state: d.state,
    mode: f.mode,
    judgmentType: f.judgmentType,
    flags: [...f.flags],
    intakeOfficer: f.officer,
    intakeOfficerName: d.intakeOfficerName,
    officer: d.officer,
    officerName: d.officerName,
    judgmentRef: f.judgmentRef,
    decisionNo: f.decisionNo,
    decisionDate: f.decisionDate,
    obligation: f.obligation,
    debtorName: f.debtorName,
    debtorAddress: f.debtorAddress,
    reverifyYearly: f.reverifyYearly,
    lastVerification: d.lastVerification,
    reverificationDue: d.reverificationDue,
    timeline: d.timeline.map((e) => ({
      id: e.id,
      date: e.date,
      kind: e.kind,
      amount: e.amount === undefined || e.amount === null ? null : e.amount.toString(),
      officer: e.officer ?? null,
      officerName: e.officerName,
      ground: e.ground ?? null,
      decisionNo: e.decisionNo ?? null,
      stateAfter: e.stateAfter,
      settledAfter: e.settledAfter.toString(),
      recordedBy: e.recordedBy,
      recordedAt: e.recordedAt,
    })),
    publicList: d.publicList.map((p) => ({
      decisionNo: p.decisionNo,
      decisionDate: p.decisionDate,
      ground: p.ground,
      remaining: p.remaining.toString(),
      status: p.status,
      publishedOn: p.publishedOn,
      ending: p.ending,
      addressWithheld: p.addressWithheld,
    })),
  };
}

/**
 * Whether an officer account may read a case: one it holds now, took at intake, or was assigned
 * at some point (an officer keeps sight of the history it handled).
 */
export function officerMayRead(access: Access, d: CaseDetail): boolean {
  const me = access.officer;
  if (me === null) return true;
  return d.officer === me || d.facts.officer === me || d.timeline.some((e) => e.officer === me);
}

const caseFactsInput = z.object({
  id: caseIdText,
  receivedOn: isoDateText,
  amount: moneyText,
  mode: z.enum(['chu_dong', 'theo_yeu_cau']).nullable().optional(),
  judgmentType: judgmentTypeCode.nullable().optional(),
  flags: z.array(flagCode).max(20).optional(),
  officer: officerCode.nullable().optional(),
  judgmentRef: optionalText(500, 'Bản án, quyết định tối đa 500 ký tự'),
  decisionNo: optionalText(200, 'Số quyết định tối đa 200 ký tự'),
  decisionDate: isoDateText.nullable().optional(),
  obligation: optionalText(1000, 'Nghĩa vụ thi hành tối đa 1000 ký tự'),
  debtorName: optionalText(300, 'Họ tên tối đa 300 ký tự'),
  debtorAddress: optionalText(500, 'Địa chỉ tối đa 500 ký tự'),
  reverifyYearly: z.boolean().optional(),
});

const reason = z
  .string()
  .trim()
  .min(5, 'Cần ghi rõ lý do (ít nhất 5 ký tự)')
  .max(1000, 'Lý do tối đa 1000 ký tự');

const eventInput = z.object({
  date: isoDateText,
  kind: z.enum(EVENT_KINDS as unknown as [EventKind, ...EventKind[]], {
    error: 'Loại sự kiện không hợp lệ',
  }),
  amount: moneyText.nullable().optional(),
  officer: officerCode.nullable().optional(),
  ground: z.enum(['a', 'b', 'c']).nullable().optional(),
  decisionNo: optionalText(200, 'Số quyết định tối đa 200 ký tự'),
});

/**
 * An `unable` decision entered in the console waits for its reviewer (issue 7): it is proposed,
 * not recorded. Imports still record them directly.
 */
function unableNeedsReview(): DomainError {
  return new DomainError(
    'INVALID_INPUT',
    'Quyết định chưa có điều kiện thi hành không ghi trực tiếp: hãy đề xuất để Thủ trưởng đơn vị ' +
      '(việc của Cục: Quản lý cấp Cục) kiểm tra căn cứ và biên bản xác minh rồi xác nhận',
    { field: 'kind' },
  );
}

function eventOf(input: z.infer<typeof eventInput>): EventInput {
  return {
    date: input.date,
    kind: input.kind,
    amount: input.amount ?? null,
    officer: input.officer ?? null,
    ground: input.ground ?? null,
    decisionNo: input.decisionNo ?? null,
  };
}

export const casesBehindInput = z.object({
  unit: unitCode,
  year: workingYear,
  month: workingMonth,
  scope,
  officer: officerCode.optional(),
  unassigned: z.boolean().optional(),
  mode: modeFilter.optional(),
  judgmentType: judgmentTypeFilter.optional(),
  flag: flagFilter.optional(),
  line: z.string().refine((l) => isLineCode(l), 'Không có dòng báo cáo này'),
  measure: z.enum(['cases', 'money']).default('cases'),
  page,
  pageSize,
});

export interface CasesBehindJson {
  line: LineCode;
  lineLabel: string;
  measure: 'cases' | 'money';
  /** How many cases, and what they add up to (the line's number: a count, or đồng as digits). */
  count: number;
  sum: string;
  page: number;
  pageSize: number;
  rows: (CaseRowJson & { contribution: string })[];
}

export const casesRouter = router({
  /**
   * A page of the cases of a unit (scope `total`: with the units under it) that pass the filters,
   * with their number. An officer account gets only the cases it holds now.
   */
  list: signedInProcedure.input(caseListInput).query(async ({ ctx, input }) => {
    const access = await accessOf(ctx.db, ctx.session);
    assertUnit(access, input.unit);
    const units = (await unitsOfScope(ctx.db, input.unit, input.scope)).filter(
      (u) => access.allUnits || access.units.has(u),
    );
    const officer =
      access.officer !== null ? access.officer : input.unassigned ? null : input.officer;
    const result = await listCases(ctx.db, {
      units,
      ...(officer !== undefined ? { officer } : {}),
      ...(input.state !== undefined ? { state: input.state as CaseState } : {}),
      ...(input.stateOn !== undefined ? { stateOn: input.stateOn } : {}),
      ...(input.receivedFrom !== undefined ? { receivedFrom: input.receivedFrom } : {}),
      ...(input.receivedTo !== undefined ? { receivedTo: input.receivedTo } : {}),
      ...(input.amountMin !== undefined ? { amountMin: input.amountMin } : {}),
      ...(input.amountMax !== undefined ? { amountMax: input.amountMax } : {}),
      ...(input.q !== undefined ? { q: input.q } : {}),
      sort: input.sort,
      direction: input.direction,
      offset: (input.page - 1) * input.pageSize,
      limit: input.pageSize,
    });
    return {
      total: result.total,
      page: input.page,
      pageSize: input.pageSize,
      rows: result.rows.map(rowJson),
    };
  }),

  /** One case with its history and public-list status; FORBIDDEN outside the account's scope. */
  get: signedInProcedure
    .input(z.object({ id: caseIdText }))
    .query(async ({ ctx, input }): Promise<CaseDetailJson> => {
      const access = await accessOf(ctx.db, ctx.session);
      const detail = await caseDetail(ctx.db, input.id, todayOf(ctx));
      assertUnit(access, detail.facts.unit);
      if (!officerMayRead(access, detail))
        throw new DomainError(
          'FORBIDDEN',
          'Chấp hành viên chỉ xem được các việc mình đang hoặc đã được phân công',
        );
      return detailJson(detail);
    }),

  /** Intake of a new case (thụ lý), in the account's units. */
  create: dataEntryProcedure
    .input(caseFactsInput.extend({ unit: unitCode }))
    .mutation(async ({ ctx, input }) => createCase(ctx.db, input, await writeContext(ctx))),

  /** Corrects the facts of a case (not its unit), with a reason. */
  update: dataEntryProcedure
    .input(caseFactsInput.extend({ reason }))
    .mutation(async ({ ctx, input }) => {
      await updateCase(ctx.db, input, await writeContext(ctx));
      return { ok: true as const };
    }),

  /**
   * Records an event of statistics.md §5; refused with the reason in Vietnamese, nothing written.
   * Not an `unable` decision: in the console it is proposed for review (pendingDecisions.propose).
   */
  recordEvent: dataEntryProcedure
    .input(z.object({ caseId: caseIdText, event: eventInput }))
    .mutation(async ({ ctx, input }) => {
      if (input.event.kind === 'unable') throw unableNeedsReview();
      return recordEvent(
        ctx.db,
        { caseId: input.caseId, event: eventOf(input.event) },
        await writeContext(ctx),
      );
    }),

  /** Corrects a wrongly recorded event, with a reason (audited). */
  correctEvent: dataEntryProcedure
    .input(
      z.object({
        caseId: caseIdText,
        eventId: z.number().int().positive(),
        event: eventInput,
        reason,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.event.kind === 'unable') {
        const old = (await storedEventsOf(ctx.db, input.caseId)).find(
          (e) => e.id === input.eventId,
        );
        if (old && old.kind !== 'unable') throw unableNeedsReview();
      }
      await correctEvent(
        ctx.db,
        {
          caseId: input.caseId,
          eventId: input.eventId,
          event: eventOf(input.event),
          reason: input.reason,
        },
        await writeContext(ctx),
      );
      return { ok: true as const };
    }),

  /** Removes a wrongly recorded event, with a reason (audited). */
  removeEvent: dataEntryProcedure
    .input(z.object({ caseId: caseIdText, eventId: z.number().int().positive(), reason }))
    .mutation(async ({ ctx, input }) => {
      await removeEvent(ctx.db, input, await writeContext(ctx));
      return { ok: true as const };
    }),

  /** Reassigns cases to an officer of their unit, dated today; all or nothing. */
  reassign: dataEntryProcedure
    .input(
      z.object({
        caseIds: z
          .array(caseIdText)
          .min(1, 'Chưa chọn việc nào')
          .max(5000, 'Tối đa 5000 việc một lần'),
        officer: officerCode,
        decisionNo: optionalText(200, 'Số quyết định tối đa 200 ký tự'),
      }),
    )
    .mutation(async ({ ctx, input }) => reassignCases(ctx.db, input, await writeContext(ctx))),

  /**
   * The cases behind one line of a registry report (interfaces.md §5 `cases`): how many and what
   * they add up to (always the line's number), and one page of them with what each contributes.
   * Same access as reports.get.
   */
  behind: signedInProcedure
    .input(casesBehindInput)
    .query(async ({ ctx, input }): Promise<CasesBehindJson> => {
      const access = await accessOf(ctx.db, ctx.session);
      const officer = assertReportAccess(access, input);
      if (input.unassigned && access.officer !== null)
        throw new DomainError(
          'FORBIDDEN',
          'Chấp hành viên chỉ xem được số liệu các việc của chính mình',
        );
      const line = input.line as LineCode;
      const list = await casesBehind(ctx.db, {
        unit: input.unit,
        year: input.year,
        month: input.month,
        scope: input.scope,
        line,
        measure: input.measure,
        ...(officer !== undefined ? { officer } : {}),
        ...(input.unassigned ? { unassigned: true } : {}),
        ...(input.mode !== undefined ? { mode: input.mode } : {}),
        ...(input.judgmentType !== undefined ? { judgmentType: input.judgmentType } : {}),
        ...(input.flag !== undefined ? { flag: input.flag } : {}),
      });
      const sum = list.reduce((total, c) => total + c.amount, 0n);
      const slice = list.slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
      const rows = await caseRowsById(
        ctx.db,
        slice.map((c) => c.caseId),
      );
      return {
        line,
        lineLabel: LINE_LABELS_VI[line],
        measure: input.measure,
        count: list.length,
        sum: sum.toString(),
        page: input.page,
        pageSize: input.pageSize,
        rows: slice.map((c) => ({
          ...rowJson(rows.get(c.caseId)!),
          contribution: c.amount.toString(),
        })),
      };
    }),
});
