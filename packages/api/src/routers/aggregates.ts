/**
 * Aggregate reports in the console (issue 8): a Cục manager enters or corrects a report line by
 * line, with the derivation and findings of `import aggregate` (interfaces.md §4); and the
 * comparison of an aggregate report with what the registry gives for the same unit and period.
 *
 * Who: cuc_manager writes (and previews); admin, cuc_manager, unit_head, clerk and leadership read,
 * within their units. Lines cross the wire as strings of digits (counts and money alike).
 */
import {
  getAggregateEntry,
  listAggregatePeriods,
  previewAggregate,
  reconcileAggregateWithRegistry,
  saveAggregateReport,
  type AggregatePreview,
  type AggregateReconciliation,
} from '@thads/db';
import { MONEY_LINE_CODES, type LineCode, type ReportJson } from '@thads/domain';
import { z } from 'zod';
import { accessOf, assertUnit } from '../access.js';
import { managerProcedure, procedureFor, router } from '../trpc.js';
import { unitCode, workingMonth, workingYear } from './schemas.js';
import { WORKFLOW_READERS, workflowActor } from './workflow.js';

/** admin, cuc_manager, unit_head, clerk, leadership: stored aggregate lines and reconciliation, in scope. */
const readerProcedure = procedureFor(...WORKFLOW_READERS);

const lineValue = z
  .string()
  .trim()
  .max(20, 'Giá trị quá dài')
  .regex(/^\d*$/, 'Chỉ nhập chữ số (số nguyên không âm), hoặc để trống nếu không biết')
  .nullable()
  .optional();

const lines = z.object(
  Object.fromEntries(MONEY_LINE_CODES.map((c) => [c, lineValue])) as Record<
    LineCode,
    typeof lineValue
  >,
);

const period = z.object({ unit: unitCode, year: workingYear, month: workingMonth });

export const aggregatesRouter = router({
  /** The lines stored for a unit and period as given (null unknown), or null when none. */
  get: readerProcedure.input(period).query(async ({ ctx, input }) => {
    assertUnit(await accessOf(ctx.db, ctx.session), input.unit);
    return getAggregateEntry(ctx.db, input);
  }),

  /** The units and periods that have aggregate lines (of the account's units). */
  periods: readerProcedure.query(async ({ ctx }) => {
    const access = await accessOf(ctx.db, ctx.session);
    return listAggregatePeriods(ctx.db, access.allUnits ? {} : { units: access.units });
  }),

  /** Derives unknown lines and checks V1–V7 as the import does, storing nothing. */
  preview: managerProcedure
    .input(z.object({ cases: lines, money: lines }))
    .query(({ input }): AggregatePreview => previewAggregate(input)),

  /**
   * Stores the lines of both measures (a measure left empty removes its row), audited; LOCKED while
   * the report of that unit and period is approved. Returns the report as it now resolves.
   */
  save: managerProcedure
    .input(period.extend({ cases: lines, money: lines }))
    .mutation(async ({ ctx, input }): Promise<ReportJson | null> =>
      saveAggregateReport(ctx.db, input, workflowActor(ctx.session), ctx.now),
    ),

  /** The aggregate report against the registry, line by line where both exist. */
  reconcile: readerProcedure
    .input(period)
    .query(async ({ ctx, input }): Promise<AggregateReconciliation> => {
      assertUnit(await accessOf(ctx.db, ctx.session), input.unit);
      return reconcileAggregateWithRegistry(ctx.db, input);
    }),
});
