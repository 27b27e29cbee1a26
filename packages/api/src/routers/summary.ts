/**
 * The leadership summary (issue 11): read procedures only, for the roles that see every unit (admin,
 * cuc_manager, leadership). Every procedure here is a query; the role matrix test checks that
 * leadership can call no mutation of the whole router but its own password change.
 */
import { dataRange, type DataRange } from '@thads/db';
import { TT01_2013, localDateOf } from '@thads/domain';
import { renderSummaryPdf, renderSummaryTableXlsx } from '@thads/forms';
import { z } from 'zod';
import {
  summaryDocument,
  summaryFileStem,
  summaryOverview,
  summaryTable,
  summaryTrends,
  type OverviewJson,
  type SummaryTableJson,
  type TrendsJson,
} from '../services/summary.js';
import { oversightProcedure, router } from '../trpc.js';
import type { FileDownload } from './reports.js';
import { officerCode, scope, unitCode, workingMonth, workingYear } from './schemas.js';

/** A summary page: working year and month, and optionally a unit (default: the city), scope, officer. */
export const summaryInput = z.object({
  year: workingYear,
  month: workingMonth,
  unit: unitCode.optional(),
  scope: scope.optional(),
  officer: officerCode.optional(),
});

/**
 * The procedures whose HTTP answers the server may keep (answer-cache.ts): each answer is a function
 * of the input and of the data whose every change moves the registry version (cases and events,
 * units, officers, targets, aggregate lines); none reads the clock or the session. Not
 * `latestPeriod` (it reads today's date) nor the exports (they carry it).
 */
export const REGISTRY_CACHED_QUERIES: readonly string[] = [
  'summary.overview',
  'summary.table',
  'summary.trends',
];

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const summaryRouter = router({
  /**
   * The latest working month with data on or before today (Hà Nội's date), which the summary opens
   * on, and the first working year with data; null for an empty database.
   */
  latestPeriod: oversightProcedure.query(async ({ ctx }): Promise<DataRange | null> => {
    return dataRange(ctx.db, localDateOf(ctx.now.toISOString(), TT01_2013.deadlines.timeZone));
  }),

  /**
   * Where the city (default), a unit in a scope, or an officer stands at year Y, month n: the four
   * metrics against their targets with pace, forecast and the same period last year, the figures
   * behind them. NOT_FOUND for an unknown unit or officer.
   */
  overview: oversightProcedure
    .input(summaryInput)
    .query(({ ctx, input }): Promise<OverviewJson> => summaryOverview(ctx, input)),

  /**
   * The ranked table under the city (its units and its own office) or under a unit (its officers),
   * with the subject's total row.
   */
  table: oversightProcedure
    .input(summaryInput.omit({ officer: true }))
    .query(({ ctx, input }): Promise<SummaryTableJson> => summaryTable(ctx, input)),

  /** The monthly cumulative case and money rates of Y (to month n) and Y−1, and the pace line. */
  trends: oversightProcedure
    .input(summaryInput)
    .query(({ ctx, input }): Promise<TrendsJson> => summaryTrends(ctx, input)),

  /** The summary page as a PDF (A4): the metrics, the figures and the table. */
  pagePdf: oversightProcedure
    .input(summaryInput)
    .query(async ({ ctx, input }): Promise<FileDownload> => {
      const today = localDateOf(ctx.now.toISOString(), TT01_2013.deadlines.timeZone);
      const { document, subject } = await summaryDocument(ctx, input, today);
      return {
        fileName: `${summaryFileStem('tom-tat', input, subject)}.pdf`,
        mimeType: 'application/pdf',
        base64: Buffer.from(await renderSummaryPdf(document)).toString('base64'),
      };
    }),

  /** The ranked table (units of the city, or officers of a unit) as an XLSX workbook. */
  tableXlsx: oversightProcedure
    .input(summaryInput.omit({ officer: true }))
    .query(async ({ ctx, input }): Promise<FileDownload> => {
      const today = localDateOf(ctx.now.toISOString(), TT01_2013.deadlines.timeZone);
      const { document, subject } = await summaryDocument(ctx, input, today);
      return {
        fileName: `${summaryFileStem('bang', input, subject)}.xlsx`,
        mimeType: XLSX_MIME,
        base64: Buffer.from(await renderSummaryTableXlsx(document)).toString('base64'),
      };
    }),
});
