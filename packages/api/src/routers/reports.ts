import { resolveReport } from '@thads/db';
import { reportToJson, type ReportJson } from '@thads/domain';
import { z } from 'zod';
import { publicProcedure, router } from '../trpc.js';
import { officerCode, scope, unitCode, workingMonth, workingYear } from './schemas.js';

export const reportInput = z.object({
  unit: unitCode,
  year: workingYear,
  month: workingMonth,
  scope,
  officer: officerCode.optional(),
});

export const reportsRouter = router({
  /**
   * The report of a unit for working year Y, month n, in a scope, optionally for one officer:
   * the JSON of interfaces.md §5 (money as digit strings, so no bigint crosses the wire).
   * NOT_FOUND for an unknown unit or officer.
   */
  get: publicProcedure.input(reportInput).query(async ({ ctx, input }): Promise<ReportJson> => {
    const report = await resolveReport(ctx.db, {
      unit: input.unit,
      scope: input.scope,
      year: input.year,
      month: input.month,
      ...(input.officer !== undefined ? { officer: input.officer } : {}),
    });
    return reportToJson(report);
  }),
});
