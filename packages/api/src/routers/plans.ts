/**
 * Enforcement plans (kế hoạch thi hành án, issue 7): a case's plan and its measures, an officer's
 * "my work", and plan coverage with the cases without a plan and the overdue measures.
 *
 * Who:
 * - writes (`addMeasures`, `updateMeasure`): an officer the cases it holds now; a unit head the
 *   cases of its unit and the units under it; a Cục manager every case. Leadership, admin and
 *   clerks read only. The rule is checked again inside the write's transaction (@thads/db plans.ts).
 * - reads: every signed-in account within its scope; an officer account the plans of the cases it
 *   holds or has a measure in, its own work, and its own lists; `coverage` is for every role but
 *   officer (the unit head sees its officers, the Cục its units).
 * Money crosses the wire as strings of digits, rates as "33.33".
 */
import {
  addMeasures,
  caseOwner,
  casePlan,
  coverageSummary,
  isResponsibleFor,
  listUnits,
  myWork,
  overdueMeasures,
  uncoveredCases,
  unitsOfScope,
  updateMeasure,
  type CasePlan,
  type CoverageRow,
  type MeasureView,
  type MyWork,
  type PlanWriteContext,
  type WorkMeasure,
} from '@thads/db';
import {
  DomainError,
  MEASURE_KINDS,
  MEASURE_STATUSES,
  PLAN_TEMPLATE_CODES,
  formatCentiOrNull,
  type MonthlyOutlookLine,
} from '@thads/domain';
import { z } from 'zod';
import { accessOf, assertUnit, type Access } from '../access.js';
import { procedureFor, router, signedInProcedure } from '../trpc.js';
import { todayOf, writerOf, type SignedInContext } from './request.js';
import { caseIdText, isoDateText, officerCode, scope, unitCode } from './schemas.js';

/** Who edits plans: officers (their cases), unit heads (their units), Cục managers (all). */
const planEditorProcedure = procedureFor('cuc_manager', 'unit_head', 'officer');
/** Coverage: every role but officer (an officer has "my work"). */
const coverageProcedure = procedureFor('admin', 'cuc_manager', 'unit_head', 'clerk', 'leadership');

async function writeContext(ctx: SignedInContext): Promise<PlanWriteContext> {
  const access = await accessOf(ctx.db, ctx.session);
  return {
    ...writerOf(ctx),
    today: todayOf(ctx),
    editor: { units: access.allUnits ? null : access.units, officer: access.officer },
  };
}

const text = (max: number, message: string) =>
  z.string().trim().max(max, message).nullable().optional();

const measureInput = z.object({
  kind: z.enum(MEASURE_KINDS, { error: 'Loại biện pháp không hợp lệ' }),
  detail: text(500, 'Nội dung cụ thể tối đa 500 ký tự'),
  dueOn: isoDateText,
  officer: officerCode.nullable().optional(),
  status: z.enum(MEASURE_STATUSES, { error: 'Tình trạng không hợp lệ' }).optional(),
  outcome: text(2000, 'Kết quả tối đa 2000 ký tự'),
  doneOn: isoDateText.nullable().optional(),
});

const page = z.number().int('Trang phải là số nguyên').min(1, 'Trang bắt đầu từ 1').default(1);
const pageSize = z
  .number()
  .int()
  .min(10, 'Mỗi trang từ 10 đến 200 dòng')
  .max(200, 'Mỗi trang từ 10 đến 200 dòng')
  .default(50);

const listInput = z
  .object({
    unit: unitCode,
    scope: scope.default('total'),
    officer: officerCode.optional(),
    unassigned: z.boolean().optional(),
    q: z.string().max(200, 'Từ khoá tìm kiếm tối đa 200 ký tự').optional(),
    page,
    pageSize,
  })
  .refine((v) => !(v.officer && v.unassigned), {
    message: 'Chọn một chấp hành viên hoặc các việc chưa phân công, không cả hai',
    path: ['unassigned'],
  });

export type MeasureJson = MeasureView;

export interface CasePlanJson extends Omit<CasePlan, 'remaining'> {
  remaining: string;
}

function planJson(p: CasePlan): CasePlanJson {
  return { ...p, remaining: p.remaining.toString() };
}

export interface WorkMeasureJson extends Omit<WorkMeasure, 'remaining'> {
  remaining: string;
}

function outlookLineJson(l: MonthlyOutlookLine) {
  const s = (v: bigint | null) => (v === null ? null : v.toString());
  return {
    completed: s(l.completed),
    target: s(l.target),
    gain: l.gain.toString(),
    ifAllDone: s(l.ifAllDone),
    missingNow: s(l.missingNow),
    missingIfAllDone: s(l.missingIfAllDone),
    reachesTarget: l.reachesTarget,
  };
}

export type OutlookLineJson = ReturnType<typeof outlookLineJson>;

function workJson(w: MyWork) {
  const measure = (m: WorkMeasure): WorkMeasureJson => ({
    ...m,
    remaining: m.remaining.toString(),
  });
  return {
    ...w,
    overdue: w.overdue.map(measure),
    dueThisMonth: w.dueThisMonth.map(measure),
    cases: w.cases.map((c) => ({ ...c, remaining: c.remaining.toString() })),
    gain: { cases: w.gain.cases.toString(), money: w.gain.money.toString() },
    outlook: { cases: outlookLineJson(w.outlook.cases), money: outlookLineJson(w.outlook.money) },
  };
}

function coverageRowJson(r: CoverageRow) {
  return { ...r, rate: formatCentiOrNull(r.rate) };
}

export type CoverageRowJson = ReturnType<typeof coverageRowJson>;

/** The units of a list or coverage request that the account may see. */
async function unitsFor(
  ctx: SignedInContext,
  access: Access,
  unit: string,
  unitScope: 'own' | 'total',
): Promise<string[]> {
  assertUnit(access, unit);
  return (await unitsOfScope(ctx.db, unit, unitScope)).filter(
    (u) => access.allUnits || access.units.has(u),
  );
}

/** An officer account sees only its own; others the officer asked for (or none: every one). */
function officerFilter(
  access: Access,
  input: { officer?: string | undefined; unassigned?: boolean | undefined },
): string | null | undefined {
  if (access.officer !== null) return access.officer;
  return input.unassigned ? null : input.officer;
}

export const plansRouter = router({
  /**
   * A case's plan with its measures (empty while it has none). FORBIDDEN outside the account's
   * units; an officer account reads the cases it holds now or has a measure in.
   */
  get: signedInProcedure
    .input(z.object({ caseId: caseIdText }))
    .query(async ({ ctx, input }): Promise<CasePlanJson> => {
      const access = await accessOf(ctx.db, ctx.session);
      const owner = await caseOwner(ctx.db, input.caseId);
      if (!owner)
        throw new DomainError('NOT_FOUND', `Không tìm thấy việc mã "${input.caseId}"`, {
          caseId: input.caseId,
        });
      assertUnit(access, owner.unit);
      if (
        access.officer !== null &&
        owner.officer !== access.officer &&
        !(await isResponsibleFor(ctx.db, input.caseId, access.officer))
      )
        throw new DomainError(
          'FORBIDDEN',
          'Chấp hành viên chỉ xem được kế hoạch của việc mình thụ lý hoặc được giao biện pháp',
        );
      return planJson(await casePlan(ctx.db, input.caseId, todayOf(ctx)));
    }),

  /**
   * Adds measures to a case's plan (creating it, with the template they came from): all or
   * nothing, audited. INVALID_INPUT naming the measure's field; CONFLICT for a closed case.
   */
  addMeasures: planEditorProcedure
    .input(
      z.object({
        caseId: caseIdText,
        template: z.enum(PLAN_TEMPLATE_CODES).nullable().optional(),
        measures: z
          .array(measureInput)
          .min(1, 'Kế hoạch cần ít nhất một biện pháp')
          .max(50, 'Mỗi lần thêm tối đa 50 biện pháp'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const result = await addMeasures(ctx.db, await writeContext(ctx), {
        caseId: input.caseId,
        template: input.template ?? null,
        measures: input.measures.map((m) => ({
          kind: m.kind,
          dueOn: m.dueOn,
          ...(m.detail !== undefined ? { detail: m.detail } : {}),
          ...(m.officer !== undefined ? { officer: m.officer } : {}),
          ...(m.status !== undefined ? { status: m.status } : {}),
          ...(m.outcome !== undefined ? { outcome: m.outcome } : {}),
          ...(m.doneOn !== undefined ? { doneOn: m.doneOn } : {}),
        })),
      });
      return { caseId: result.caseId, created: result.created.length };
    }),

  /** Changes one measure: every field at once (status, outcome, date done, due date, officer…). */
  updateMeasure: planEditorProcedure
    .input(measureInput.extend({ id: z.number().int().positive('Mã biện pháp không hợp lệ') }))
    .mutation(async ({ ctx, input }): Promise<MeasureJson> => {
      return updateMeasure(ctx.db, await writeContext(ctx), {
        id: input.id,
        kind: input.kind,
        dueOn: input.dueOn,
        detail: input.detail ?? null,
        officer: input.officer ?? null,
        status: input.status ?? 'planned',
        outcome: input.outcome ?? null,
        doneOn: input.doneOn ?? null,
      });
    }),

  /**
   * "Việc của tôi": an officer's overdue measures, those due by the end of this month, the cases
   * they belong to and what completing them adds to its monthly targets. An officer account gets
   * its own (no input needed); others name an officer of a unit they may see.
   */
  myWork: signedInProcedure
    .input(z.object({ officer: officerCode.optional() }).optional())
    .query(async ({ ctx, input }) => {
      const access = await accessOf(ctx.db, ctx.session);
      let officer = input?.officer;
      if (access.officer !== null) {
        if (officer !== undefined && officer !== access.officer)
          throw new DomainError(
            'FORBIDDEN',
            'Chấp hành viên chỉ xem được công việc của chính mình',
          );
        officer = access.officer;
      }
      if (!officer)
        throw new DomainError('INVALID_INPUT', 'Chọn chấp hành viên để xem công việc', {
          field: 'officer',
        });
      const row = await ctx.db
        .selectFrom('officers')
        .select(['unit'])
        .where('code', '=', officer)
        .executeTakeFirst();
      if (!row) throw new DomainError('NOT_FOUND', `Không có chấp hành viên mã ${officer}`);
      assertUnit(access, row.unit);
      return workJson(await myWork(ctx.db, { officer, today: todayOf(ctx) }));
    }),

  /**
   * Plan coverage of a unit: by officer for a unit alone (scope `own`, or a unit without units
   * under it), by unit for a unit with units under it in scope `total` (the Cục: its office and
   * every Chi cục).
   */
  coverage: coverageProcedure
    .input(z.object({ unit: unitCode, scope: scope.default('total') }))
    .query(async ({ ctx, input }) => {
      const access = await accessOf(ctx.db, ctx.session);
      const units = await unitsFor(ctx, access, input.unit, input.scope);
      const all = await listUnits(ctx.db);
      const hasChildren = all.some((u) => u.parent === input.unit);
      const by = input.scope === 'total' && hasChildren ? 'unit' : 'officer';
      const summary = await coverageSummary(ctx.db, { units, by, today: todayOf(ctx) });
      return {
        by: summary.by,
        today: todayOf(ctx),
        rows: summary.rows.map(coverageRowJson),
        total: coverageRowJson(summary.total),
      };
    }),

  /** A page of the open cases without an open measure (an officer account: its own). */
  uncovered: signedInProcedure.input(listInput).query(async ({ ctx, input }) => {
    const access = await accessOf(ctx.db, ctx.session);
    const units = await unitsFor(ctx, access, input.unit, input.scope);
    const officer = officerFilter(access, input);
    const result = await uncoveredCases(ctx.db, {
      units,
      ...(officer !== undefined ? { officer } : {}),
      ...(input.q !== undefined ? { q: input.q } : {}),
      offset: (input.page - 1) * input.pageSize,
      limit: input.pageSize,
    });
    return {
      total: result.total,
      page: input.page,
      pageSize: input.pageSize,
      rows: result.rows.map((r) => ({ ...r, remaining: r.remaining.toString() })),
    };
  }),

  /** A page of the overdue measures, oldest first (an officer account: of the cases it holds). */
  overdue: signedInProcedure.input(listInput).query(async ({ ctx, input }) => {
    const access = await accessOf(ctx.db, ctx.session);
    const units = await unitsFor(ctx, access, input.unit, input.scope);
    const officer = officerFilter(access, input);
    const result = await overdueMeasures(ctx.db, {
      units,
      today: todayOf(ctx),
      ...(officer !== undefined ? { officer } : {}),
      ...(input.q !== undefined ? { q: input.q } : {}),
      offset: (input.page - 1) * input.pageSize,
      limit: input.pageSize,
    });
    return {
      total: result.total,
      page: input.page,
      pageSize: input.pageSize,
      rows: result.rows,
    };
  }),
});
