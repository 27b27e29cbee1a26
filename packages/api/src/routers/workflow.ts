/**
 * The monthly reports workflow (statistics.md §10, issue 8): the workflow of one report, its
 * versions, the status board of a period with timeliness, and unlock requests.
 *
 * Who (the role in each builder; the unit scope with access.ts; the signing rule in @thads/db's
 * report-workflow.ts, so a cuc_manager passes the role check of `submit` but may sign only the
 * Cục's reports, and only while the Cục has no unit_head account):
 * - reads: admin, cuc_manager and leadership every unit; unit_head and clerk their units;
 * - saveDraft, submit: unit_head (its own unit) and cuc_manager (the Cục's reports);
 * - approve, returnReport, decideUnlock: cuc_manager;
 * - requestUnlock: cuc_manager, unit_head, clerk, within their units.
 */
import {
  approveReport,
  assertMaySubmit,
  decideUnlock,
  getReportVersion,
  getReportWorkflow,
  listUnlockRequests,
  reportStatusBoard,
  requestUnlock,
  resolveReportKey,
  returnReport,
  saveReportDraft,
  submitReport,
  type ReportWorkflowView,
  type StatusBoardRow,
  type StoredVersion,
  type UnlockRequestView,
  type WorkflowActor,
} from '@thads/db';
import { DomainError } from '@thads/domain';
import { z } from 'zod';
import type { SessionUser } from '../auth/sessions.js';
import { accessOf, assertUnit } from '../access.js';
import type { Context } from '../context.js';
import {
  dataEntryProcedure,
  managerProcedure,
  procedureFor,
  router,
  unitHeadProcedure,
} from '../trpc.js';
import { scope, unitCode, workingMonth, workingYear } from './schemas.js';

/** Roles that read reports' workflow: every role but officer (whose data is its own cases). */
export const WORKFLOW_READERS = [
  'admin',
  'cuc_manager',
  'unit_head',
  'clerk',
  'leadership',
] as const;

/** admin, cuc_manager, unit_head, clerk, leadership: workflow views, in scope. */
const readerProcedure = procedureFor(...WORKFLOW_READERS);

const reportKey = z.object({
  unit: unitCode,
  scope: scope.optional(),
  year: workingYear,
  month: workingMonth,
});

const comment = z.string().max(2000, 'Ý kiến giải trình quá dài (tối đa 2000 ký tự)');
const acknowledgements = z
  .record(z.string().max(4000), comment)
  .refine((r) => Object.keys(r).length <= 10_000, 'Quá nhiều ý kiến giải trình');

const reason = z
  .string()
  .trim()
  .min(5, 'Cần ghi rõ lý do (ít nhất 5 ký tự)')
  .max(2000, 'Lý do quá dài (tối đa 2000 ký tự)');

/** The signed-in account as the workflow records it (its display name signs versions). */
export function workflowActor(session: SessionUser): WorkflowActor {
  return {
    username: session.username,
    name: session.displayName,
    role: session.role,
    unit: session.unit,
  };
}

type SignedIn = Context & { session: SessionUser };

async function checkUnit(ctx: SignedIn, unit: string): Promise<void> {
  assertUnit(await accessOf(ctx.db, ctx.session), unit);
}

/** What the caller may do to a report now (the server checks again on every call). */
export interface WorkflowPermissions {
  canPrepare: boolean;
  /** Why not, when the caller is a unit head or manager who may not sign this one. */
  prepareRefusal: string | null;
  canDecide: boolean;
  canRequestUnlock: boolean;
}

export interface WorkflowPage extends ReportWorkflowView {
  permissions: WorkflowPermissions;
}

export const workflowRouter = router({
  /**
   * One report's workflow: status, findings (with the acknowledgement comments saved so far),
   * versions with their hashes and verification, history, "changed since submitted" with the
   * line-by-line difference, timeliness, the lock; and what the caller may do.
   */
  get: readerProcedure.input(reportKey).query(async ({ ctx, input }): Promise<WorkflowPage> => {
    await checkUnit(ctx, input.unit);
    const view = await getReportWorkflow(ctx.db, input, ctx.now);
    let prepareRefusal: string | null = null;
    let canPrepare = false;
    if (ctx.session.role === 'unit_head' || ctx.session.role === 'cuc_manager') {
      try {
        await assertMaySubmit(
          ctx.db,
          await resolveReportKey(ctx.db, input),
          workflowActor(ctx.session),
        );
        canPrepare = true;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        prepareRefusal = error.message;
      }
    }
    return {
      ...view,
      permissions: {
        canPrepare,
        prepareRefusal,
        canDecide: ctx.session.role === 'cuc_manager',
        canRequestUnlock: ['cuc_manager', 'unit_head', 'clerk'].includes(ctx.session.role),
      },
    };
  }),

  /** One stored version whole: its content, the exact text that was hashed, its verification. */
  version: readerProcedure
    .input(reportKey.extend({ version: z.number().int().min(1).max(100_000) }))
    .query(async ({ ctx, input }): Promise<StoredVersion> => {
      await checkUnit(ctx, input.unit);
      return getReportVersion(ctx.db, input);
    }),

  /** Saves the warning comments of a report being prepared (creates the draft). */
  saveDraft: unitHeadProcedure
    .input(reportKey.extend({ acknowledgements }))
    .mutation(async ({ ctx, input }): Promise<{ ok: true }> => {
      await checkUnit(ctx, input.unit);
      await saveReportDraft(ctx.db, input, workflowActor(ctx.session), ctx.now);
      return { ok: true };
    }),

  /**
   * Signs and submits the report as it is now: a new immutable version. CONFLICT with an error
   * finding or a status that does not allow it; INVALID_INPUT for a warning without a comment.
   */
  submit: unitHeadProcedure
    .input(reportKey.extend({ acknowledgements }))
    .mutation(async ({ ctx, input }) => {
      await checkUnit(ctx, input.unit);
      return submitReport(ctx.db, input, workflowActor(ctx.session), ctx.now);
    }),

  /** Approves a submitted report (locks its unit's registry through E(n), except a total). */
  approve: managerProcedure.input(reportKey).mutation(async ({ ctx, input }) => {
    await approveReport(ctx.db, input, workflowActor(ctx.session), ctx.now);
    return { ok: true as const };
  }),

  /** Returns a submitted report to its unit, with a reason. */
  returnReport: managerProcedure
    .input(reportKey.extend({ reason }))
    .mutation(async ({ ctx, input }) => {
      await returnReport(ctx.db, input, workflowActor(ctx.session), ctx.now);
      return { ok: true as const };
    }),

  /**
   * Every unit's reports of a period (the account's units): status (not started, draft,
   * submitted, returned, approved), deadline and timeliness.
   */
  board: readerProcedure
    .input(z.object({ year: workingYear, month: workingMonth }))
    .query(async ({ ctx, input }): Promise<StatusBoardRow[]> => {
      const access = await accessOf(ctx.db, ctx.session);
      return reportStatusBoard(
        ctx.db,
        { ...input, ...(access.allUnits ? {} : { units: access.units }) },
        ctx.now,
      );
    }),

  /** Unlock requests of the account's units, newest first (optionally one status). */
  unlockRequests: readerProcedure
    .input(z.object({ status: z.enum(['pending', 'granted', 'rejected']).optional() }).optional())
    .query(async ({ ctx, input }): Promise<UnlockRequestView[]> => {
      const access = await accessOf(ctx.db, ctx.session);
      return listUnlockRequests(ctx.db, {
        ...(access.allUnits ? {} : { units: access.units }),
        ...(input?.status ? { status: input.status } : {}),
      });
    }),

  /** Asks the Cục to reopen a unit's locked registry from a working-year month on (reason required). */
  requestUnlock: dataEntryProcedure
    .input(z.object({ unit: unitCode, year: workingYear, month: workingMonth, reason }))
    .mutation(async ({ ctx, input }) => {
      await checkUnit(ctx, input.unit);
      return requestUnlock(ctx.db, input, workflowActor(ctx.session), ctx.now);
    }),

  /** Grants (reopens the reports on the unlocked dates) or rejects (note required) a request. */
  decideUnlock: managerProcedure
    .input(
      z.object({
        id: z.number().int().min(1),
        grant: z.boolean(),
        note: z.string().max(2000, 'Ghi chú quá dài (tối đa 2000 ký tự)').optional(),
      }),
    )
    .mutation(async ({ ctx, input }) =>
      decideUnlock(ctx.db, input, workflowActor(ctx.session), ctx.now),
    ),
});
