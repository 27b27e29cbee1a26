/**
 * The public list of "chưa có điều kiện" debtors (statistics.md §11, issue 10), for the console.
 * The public page itself is server-rendered HTML (apps/server, `/cong-khai`) and needs no procedure.
 *
 * Who: the Cục manager (cuc_manager) alone confirms publications, withholds or releases addresses,
 * withdraws records and sets automatic publication. Reads: admin, cuc_manager and leadership see
 * every unit; unit_head and clerk their unit (and the units under it); an officer only the
 * re-verification list of their own cases. Money crosses the wire as strings of digits.
 */
import {
  confirmPublication,
  confirmPublications,
  getPublicListSettings,
  listPublicListEntries,
  publicListReconciliation,
  releaseAddress,
  reverificationDueList,
  setAutoPublication,
  unitsOfScope,
  withdrawPublication,
  withholdAddress,
  type PublicListEntryView,
  type ReconciliationView,
  type ReverificationView,
} from '@thads/db';
import {
  ENTRY_STATUS_LABELS_VI,
  TT01_2013,
  isValidIsoDate,
  localDateOf,
  type EntryStatus,
  type Finding,
} from '@thads/domain';
import { z } from 'zod';
import { accessOf, assertUnit } from '../access.js';
import type { Context } from '../context.js';
import { managerProcedure, procedureFor, router, signedInProcedure } from '../trpc.js';
import { officerCode, scope, unitCode, workingMonth, workingYear } from './schemas.js';

/** Roles that read the public list's console views (every role but officer). */
export const PUBLIC_LIST_READERS = [
  'admin',
  'cuc_manager',
  'unit_head',
  'clerk',
  'leadership',
] as const;

/** admin, cuc_manager, unit_head, clerk, leadership: the entries, queue and reconciliation, in scope. */
const readerProcedure = procedureFor(...PUBLIC_LIST_READERS);

const isoDate = z
  .string()
  .trim()
  .refine(isValidIsoDate, 'Ngày cần dạng YYYY-MM-DD và là ngày có thật');

const caseId = z.string().trim().min(1, 'Thiếu mã việc').max(200, 'Mã việc quá dài');

const entryKey = z.object({
  caseId,
  decisionNo: z.string().trim().min(1, 'Thiếu số quyết định').max(200, 'Số quyết định quá dài'),
  decisionDate: isoDate,
});

const reason = z
  .string()
  .trim()
  .min(5, 'Cần ghi rõ lý do (ít nhất 5 ký tự)')
  .max(1000, 'Lý do quá dài (tối đa 1000 ký tự)');

const STATUSES = Object.keys(ENTRY_STATUS_LABELS_VI) as [EntryStatus, ...EntryStatus[]];

function today(ctx: Context): string {
  return localDateOf(ctx.now.toISOString(), TT01_2013.deadlines.timeZone);
}

function actorOf(ctx: Context & { session: { username: string; role: string } }) {
  return { actor: { username: ctx.session.username, role: ctx.session.role }, at: ctx.now };
}

export interface PublicListEntryJson extends Omit<PublicListEntryView, 'remaining'> {
  /** Đồng, a string of digits. */
  remaining: string;
}

function entryJson(e: PublicListEntryView): PublicListEntryJson {
  return { ...e, remaining: e.remaining.toString() };
}

export type ReconciliationJson = Omit<ReconciliationView, 'findings'> & {
  findings: Pick<Finding, 'rule' | 'severity' | 'measure' | 'message'>[];
};

export const publicListRouter = router({
  /**
   * Every entry of a unit (scope `total`: with the units under it), standing or ended, newest
   * decision first; `statuses` narrows to entries in those statuses today (the publication queue
   * is `['awaiting']`). FORBIDDEN outside the account's units.
   */
  entries: readerProcedure
    .input(
      z.object({
        unit: unitCode,
        scope: scope.default('total'),
        statuses: z.array(z.enum(STATUSES)).optional(),
      }),
    )
    .query(async ({ ctx, input }): Promise<PublicListEntryJson[]> => {
      assertUnit(await accessOf(ctx.db, ctx.session), input.unit);
      const units = await unitsOfScope(ctx.db, input.unit, input.scope);
      const entries = await listPublicListEntries(ctx.db, {
        units,
        today: today(ctx),
        ...(input.statuses ? { statuses: input.statuses } : {}),
      });
      return entries.map(entryJson);
    }),

  /** The automatic-publication setting. */
  settings: readerProcedure.query(({ ctx }) => getPublicListSettings(ctx.db)),

  /**
   * The Cục confirms an entry's publication from `publishedOn` (default: today in Hà Nội).
   * NOT_FOUND without such a decision in the registry; CONFLICT when already recorded or ended.
   */
  confirm: managerProcedure
    .input(entryKey.extend({ publishedOn: isoDate.optional() }))
    .mutation(async ({ ctx, input }) => {
      const record = await confirmPublication(ctx.db, {
        caseId: input.caseId,
        decisionNo: input.decisionNo,
        decisionDate: input.decisionDate,
        publishedOn: input.publishedOn ?? today(ctx),
        ...actorOf(ctx),
      });
      return record;
    }),

  /**
   * Confirms many entries at once, each published from `publishedOn` (default: today in Hà Nội),
   * all or nothing; entries that already have a record are left as they are.
   */
  confirmMany: managerProcedure
    .input(
      z.object({
        entries: z
          .array(entryKey)
          .min(1, 'Chưa chọn quyết định nào')
          .max(1000, 'Tối đa 1000 quyết định một lần'),
        publishedOn: isoDate.optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const publishedOn = input.publishedOn ?? today(ctx);
      return confirmPublications(ctx.db, {
        records: input.entries.map((e) => ({ ...e, publishedOn })),
        ...actorOf(ctx),
      });
    }),

  /** Withholds the debtor's address of a case from the public page (reason required, audited). */
  withholdAddress: managerProcedure
    .input(z.object({ caseId, reason }))
    .mutation(async ({ ctx, input }) => {
      await withholdAddress(ctx.db, { ...input, ...actorOf(ctx) });
      return { ok: true as const };
    }),

  /** Publishes a withheld address again (reason required, audited). */
  releaseAddress: managerProcedure
    .input(z.object({ caseId, reason }))
    .mutation(async ({ ctx, input }) => {
      await releaseAddress(ctx.db, { ...input, ...actorOf(ctx) });
      return { ok: true as const };
    }),

  /**
   * Withdraws a publication record whose decision the registry no longer has (reason required,
   * audited); CONFLICT while the decision is still in the registry.
   */
  withdrawRecord: managerProcedure
    .input(entryKey.extend({ withdrawnOn: isoDate.optional(), reason }))
    .mutation(async ({ ctx, input }) => {
      await withdrawPublication(ctx.db, {
        caseId: input.caseId,
        decisionNo: input.decisionNo,
        decisionDate: input.decisionDate,
        withdrawnOn: input.withdrawnOn ?? today(ctx),
        reason: input.reason,
        ...actorOf(ctx),
      });
      return { ok: true as const };
    }),

  /**
   * Switches automatic publication on from a date (unable decisions dated on or after it are
   * published on their decision date), or off with null. Audited.
   */
  setAutoPublish: managerProcedure
    .input(z.object({ autoPublishFrom: isoDate.nullable() }))
    .mutation(({ ctx, input }) =>
      setAutoPublication(ctx.db, { autoPublishFrom: input.autoPublishFrom, ...actorOf(ctx) }),
    ),

  /**
   * Per unit (and scope) and period: the cases N at the period end without a published entry, the
   * published entries whose case is not N, the records the registry no longer supports, and the
   * V12 warnings they make. FORBIDDEN outside the account's units.
   */
  reconciliation: readerProcedure
    .input(
      z.object({
        unit: unitCode,
        scope: scope.default('total'),
        year: workingYear,
        month: workingMonth,
      }),
    )
    .query(async ({ ctx, input }): Promise<ReconciliationJson> => {
      assertUnit(await accessOf(ctx.db, ctx.session), input.unit);
      const view = await publicListReconciliation(ctx.db, input);
      return {
        ...view,
        findings: view.findings.map(({ rule, severity, measure, message }) => ({
          rule,
          severity,
          measure,
          message,
        })),
      };
    }),

  /**
   * The re-verification due list (statistics.md §11) of the unable cases of a unit (with the units
   * under it), by due date; `officer` narrows to one officer (null: unassigned cases). An officer
   * account sees only its own cases.
   */
  reverification: signedInProcedure
    .input(
      z.object({
        unit: unitCode,
        officer: officerCode.nullable().optional(),
        overdueOnly: z.boolean().default(false),
      }),
    )
    .query(async ({ ctx, input }): Promise<ReverificationView[]> => {
      const access = await accessOf(ctx.db, ctx.session);
      assertUnit(access, input.unit);
      const officer = access.officer !== null ? access.officer : input.officer;
      return reverificationDueList(ctx.db, {
        units: await unitsOfScope(ctx.db, input.unit, 'total'),
        today: today(ctx),
        ruleSet: TT01_2013,
        overdueOnly: input.overdueOnly,
        ...(officer !== undefined ? { officer } : {}),
      });
    }),
});
