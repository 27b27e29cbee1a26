/**
 * Supervision of "chưa có điều kiện" decisions (issue 7): an `unable` decision entered in the
 * console waits as a pending decision until its reviewer confirms it (then it is an event) or
 * returns it with a reason. The rules are in @thads/db's pending-decisions.ts.
 *
 * Who:
 * - propose, repropose, withdraw: whoever enters the case's data (cuc_manager, unit_head, clerk in
 *   their units) and officers, for the cases they hold now;
 * - confirm, returnDecision: the unit head of the case's unit; for the Cục's own cases (unit kind
 *   `cuc`), a Cục manager (checked per decision in the db: `assertMayReview`);
 * - list, ofCase, count: every signed-in account, within its scope (an officer: the cases it holds
 *   now); leadership reads only.
 * Money crosses the wire as strings of digits.
 */
import {
  PENDING_DECISION_STATUSES,
  caseDetail,
  confirmDecision,
  decisionsOfCase,
  listPendingDecisions,
  listUnits,
  mayReview,
  pendingDecisionById,
  pendingDecisionCounts,
  proposeDecision,
  reproposeDecision,
  returnDecision,
  withdrawDecision,
  type PendingDecisionView,
  type RegistryWriteContext,
} from '@thads/db';
import { DomainError, type Role } from '@thads/domain';
import type { Kysely } from 'kysely';
import type { Database } from '@thads/db';
import { z } from 'zod';
import { accessOf, assertUnit, type Access } from '../access.js';
import { procedureFor, router, signedInProcedure, unitHeadProcedure } from '../trpc.js';
import { officerMayRead } from './cases.js';
import { todayOf, writerOf, type SignedInContext } from './request.js';
import { caseIdText, isoDateText, unitCode } from './schemas.js';

/** Who proposes: whoever enters data, and officers for the cases they hold. */
export const PROPOSERS: readonly Role[] = ['cuc_manager', 'unit_head', 'clerk', 'officer'];
const proposerProcedure = procedureFor(...PROPOSERS);

export interface PendingDecisionJson extends Omit<PendingDecisionView, 'remaining'> {
  remaining: string;
  /** Whether the account calling may confirm or return it (while pending). */
  mayReview: boolean;
}

const decisionFields = {
  decisionDate: isoDateText,
  ground: z.enum(['a', 'b', 'c'], { error: 'Căn cứ phải là điểm a, b hoặc c' }),
  decisionNo: z
    .string()
    .trim()
    .min(1, 'Cần nhập số quyết định')
    .max(200, 'Số quyết định tối đa 200 ký tự'),
  verificationNo: z
    .string()
    .trim()
    .min(1, 'Cần nhập số biên bản xác minh')
    .max(200, 'Số biên bản xác minh tối đa 200 ký tự'),
  verificationDate: isoDateText,
};

const decisionId = z.number().int().positive();

async function writeContext(ctx: SignedInContext, access: Access): Promise<RegistryWriteContext> {
  return { ...writerOf(ctx), today: todayOf(ctx), units: access.allUnits ? null : access.units };
}

function reviewerOf(ctx: SignedInContext) {
  return { role: ctx.session.role, unit: ctx.session.unit ?? null };
}

/** An officer account changes only the decisions of the cases it holds now. */
async function assertOfficerHolds(
  db: Kysely<Database>,
  access: Access,
  caseId: string,
): Promise<void> {
  if (access.officer === null) return;
  const row = await db
    .selectFrom('cases')
    .select(['current_officer'])
    .where('id', '=', caseId)
    .executeTakeFirst();
  if (row && row.current_officer !== access.officer)
    throw new DomainError(
      'FORBIDDEN',
      'Chấp hành viên chỉ đề xuất quyết định cho các việc mình đang được phân công',
      { caseId },
    );
}

async function unitKinds(db: Kysely<Database>): Promise<Map<string, string>> {
  return new Map((await listUnits(db)).map((u) => [u.code, u.kind]));
}

function json(
  d: PendingDecisionView,
  kinds: ReadonlyMap<string, string>,
  ctx: SignedInContext,
): PendingDecisionJson {
  return {
    ...d,
    remaining: d.remaining.toString(),
    mayReview:
      d.status === 'pending' && mayReview(kinds.get(d.unit) ?? '', d.unit, reviewerOf(ctx)),
  };
}

/** The units whose decisions `ctx` reviews among `units`. */
function reviewedUnits(
  units: readonly string[],
  kinds: ReadonlyMap<string, string>,
  ctx: SignedInContext,
): string[] {
  return units.filter((u) => mayReview(kinds.get(u) ?? '', u, reviewerOf(ctx)));
}

export const pendingDecisionsRouter = router({
  /**
   * A page of the decisions of the units the account may see (one unit with `unit`), optionally of
   * one status; `toReview`: only those the account reviews. Oldest decision date first.
   */
  list: signedInProcedure
    .input(
      z.object({
        unit: unitCode.optional(),
        status: z.enum(PENDING_DECISION_STATUSES).optional(),
        toReview: z.boolean().optional(),
        page: z.number().int().min(1, 'Trang bắt đầu từ 1').default(1),
        pageSize: z
          .number()
          .int()
          .min(10, 'Mỗi trang từ 10 đến 200 dòng')
          .max(200, 'Mỗi trang từ 10 đến 200 dòng')
          .default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const access = await accessOf(ctx.db, ctx.session);
      if (input.unit !== undefined) assertUnit(access, input.unit);
      const kinds = await unitKinds(ctx.db);
      let units = input.unit !== undefined ? [input.unit] : [...access.units];
      if (input.toReview) units = reviewedUnits(units, kinds, ctx);
      const result = await listPendingDecisions(ctx.db, {
        units,
        status: input.status,
        ...(access.officer !== null ? { officer: access.officer } : {}),
        offset: (input.page - 1) * input.pageSize,
        limit: input.pageSize,
      });
      return {
        total: result.total,
        page: input.page,
        pageSize: input.pageSize,
        rows: result.rows.map((d) => json(d, kinds, ctx)),
      };
    }),

  /** A case's decisions (any status), newest first; the same access as cases.get. */
  ofCase: signedInProcedure
    .input(z.object({ caseId: caseIdText }))
    .query(async ({ ctx, input }) => {
      const access = await accessOf(ctx.db, ctx.session);
      const detail = await caseDetail(ctx.db, input.caseId, todayOf(ctx));
      assertUnit(access, detail.facts.unit);
      if (!officerMayRead(access, detail))
        throw new DomainError(
          'FORBIDDEN',
          'Chấp hành viên chỉ xem được các việc mình đang hoặc đã được phân công',
        );
      const kinds = await unitKinds(ctx.db);
      return (await decisionsOfCase(ctx.db, input.caseId)).map((d) => json(d, kinds, ctx));
    }),

  /** How many decisions wait for the account's review (the navigation's badge). */
  count: signedInProcedure.query(async ({ ctx }) => {
    const access = await accessOf(ctx.db, ctx.session);
    const kinds = await unitKinds(ctx.db);
    const units = reviewedUnits([...access.units], kinds, ctx);
    const counts = await pendingDecisionCounts(ctx.db, units);
    let toReview = 0;
    for (const n of counts.values()) toReview += n;
    return { toReview };
  }),

  /** Proposes an `unable` decision on a case; it waits for review (no event yet). */
  propose: proposerProcedure
    .input(z.object({ caseId: caseIdText, ...decisionFields }))
    .mutation(async ({ ctx, input }) => {
      const access = await accessOf(ctx.db, ctx.session);
      await assertOfficerHolds(ctx.db, access, input.caseId);
      return proposeDecision(ctx.db, input, await writeContext(ctx, access));
    }),

  /** Corrects a returned decision and proposes it again. */
  repropose: proposerProcedure
    .input(z.object({ id: decisionId, ...decisionFields }))
    .mutation(async ({ ctx, input }) => {
      const access = await accessOf(ctx.db, ctx.session);
      const d = await pendingDecisionById(ctx.db, input.id);
      await assertOfficerHolds(ctx.db, access, d.caseId);
      await reproposeDecision(ctx.db, input, await writeContext(ctx, access));
      return { ok: true as const };
    }),

  /** Withdraws a pending or returned decision. */
  withdraw: proposerProcedure
    .input(z.object({ id: decisionId }))
    .mutation(async ({ ctx, input }) => {
      const access = await accessOf(ctx.db, ctx.session);
      const d = await pendingDecisionById(ctx.db, input.id);
      await assertOfficerHolds(ctx.db, access, d.caseId);
      await withdrawDecision(ctx.db, input, await writeContext(ctx, access));
      return { ok: true as const };
    }),

  /** Confirms a pending decision: it becomes an `unable` event on its decision date. */
  confirm: unitHeadProcedure
    .input(z.object({ id: decisionId }))
    .mutation(async ({ ctx, input }) => {
      const access = await accessOf(ctx.db, ctx.session);
      return confirmDecision(ctx.db, input, {
        ...(await writeContext(ctx, access)),
        reviewer: reviewerOf(ctx),
      });
    }),

  /** Returns a pending decision to its proposer, with a reason. */
  returnDecision: unitHeadProcedure
    .input(
      z.object({
        id: decisionId,
        reason: z
          .string()
          .trim()
          .min(5, 'Cần ghi lý do trả lại (ít nhất 5 ký tự)')
          .max(1000, 'Lý do tối đa 1000 ký tự'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const access = await accessOf(ctx.db, ctx.session);
      await returnDecision(ctx.db, input, {
        ...(await writeContext(ctx, access)),
        reviewer: reviewerOf(ctx),
      });
      return { ok: true as const };
    }),
});
