import { currentSignerName, resolveBreakdown, resolveReport } from '@thads/db';
import {
  TT01_2013,
  localDateOf,
  reportToJson,
  type BreakdownDimension,
  type ReportJson,
} from '@thads/domain';
import { renderReportForms } from '../services/forms.js';
import { z } from 'zod';
import { accessOf, assertReportAccess } from '../access.js';
import { router, signedInProcedure } from '../trpc.js';
import {
  breakdownDimension,
  flagFilter,
  judgmentTypeFilter,
  modeFilter,
  officerCode,
  scope,
  unitCode,
  workingMonth,
  workingYear,
} from './schemas.js';

export const reportInput = z.object({
  unit: unitCode,
  year: workingYear,
  month: workingMonth,
  scope,
  officer: officerCode.optional(),
  /** Classification filters (issue 7): registry only. */
  mode: modeFilter.optional(),
  judgmentType: judgmentTypeFilter.optional(),
  flag: flagFilter.optional(),
});

export const breakdownInput = reportInput.extend({ by: breakdownDimension });

export interface BreakdownJson {
  dimension: BreakdownDimension;
  label: string;
  /** True when every case is in exactly one bucket (the buckets add up to `total`, every line). */
  partition: boolean;
  total: ReportJson;
  buckets: { key: string; label: string; report: ReportJson }[];
}

/** The classification filters of a request, for the report service. */
function filtersOf(input: z.infer<typeof reportInput>) {
  return {
    ...(input.mode !== undefined ? { mode: input.mode } : {}),
    ...(input.judgmentType !== undefined ? { judgmentType: input.judgmentType } : {}),
    ...(input.flag !== undefined ? { flag: input.flag } : {}),
  };
}

export const formsInput = reportInput.extend({
  format: z.enum(['xlsx', 'pdf'], { error: 'Định dạng phải là xlsx hoặc pdf' }),
});

/** A file crossing tRPC's JSON: its bytes in base64. */
export interface FileDownload {
  fileName: string;
  mimeType: string;
  base64: string;
}

export const reportsRouter = router({
  /**
   * The report of a unit for working year Y, month n, in a scope, optionally for one officer:
   * the JSON of interfaces.md §5 (money as digit strings, so no bigint crosses the wire).
   * NOT_FOUND for an unknown unit or officer; FORBIDDEN outside the account's scope (an officer
   * account sees only its own report).
   */
  get: signedInProcedure.input(reportInput).query(async ({ ctx, input }): Promise<ReportJson> => {
    const officer = assertReportAccess(await accessOf(ctx.db, ctx.session), input);
    const report = await resolveReport(ctx.db, {
      unit: input.unit,
      scope: input.scope,
      year: input.year,
      month: input.month,
      ...(officer !== undefined ? { officer } : {}),
      ...filtersOf(input),
    });
    return reportToJson(report);
  }),
  /**
   * The report broken down by mode, judgment type or flag (issue 7): one registry report per
   * bucket and the registry total, with the request's own filters. Same access as `get`.
   */
  breakdown: signedInProcedure
    .input(breakdownInput)
    .query(async ({ ctx, input }): Promise<BreakdownJson> => {
      const officer = assertReportAccess(await accessOf(ctx.db, ctx.session), input);
      const b = await resolveBreakdown(ctx.db, {
        unit: input.unit,
        scope: input.scope,
        year: input.year,
        month: input.month,
        ...(officer !== undefined ? { officer } : {}),
        ...filtersOf(input),
        by: input.by,
      });
      return {
        dimension: b.dimension,
        label: b.label,
        partition: b.partition,
        total: reportToJson(b.total),
        buckets: b.buckets.map((x) => ({
          key: x.key,
          label: x.label,
          report: reportToJson(x.report),
        })),
      };
    }),
  /**
   * Biểu 01 and Biểu 02 (statistics.md §13) of the same report as an XLSX workbook or a PDF, for
   * download. Same access as `get`.
   */
  forms: signedInProcedure
    .input(formsInput)
    .query(async ({ ctx, input }): Promise<FileDownload> => {
      const { format, ...asked } = input;
      const officer = assertReportAccess(await accessOf(ctx.db, ctx.session), asked);
      const request = { ...asked, ...(officer !== undefined ? { officer } : {}) };
      const file = await renderReportForms(ctx.db, request, format, {
        // The footer date is today in Hà Nội.
        date: localDateOf(ctx.now.toISOString(), TT01_2013.deadlines.timeZone),
        // "Thủ trưởng đơn vị": the signer of the latest version while the report stands submitted
        // or approved (an officer's report is never signed).
        signer: officer === undefined ? await currentSignerName(ctx.db, asked) : null,
      });
      return {
        fileName: file.fileName,
        mimeType: file.mimeType,
        base64: Buffer.from(file.bytes).toString('base64'),
      };
    }),
});
