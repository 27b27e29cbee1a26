/**
 * Progress against targets (interfaces.md §8) for the console: a unit, and each officer of a unit.
 * Any signed-in account that may see the unit; an officer account sees only its own progress.
 */
import { listOfficers, resolveProgress } from '@thads/db';
import { progressToJson, type ProgressJson } from '@thads/domain';
import { z } from 'zod';
import { accessOf, assertReportAccess, assertUnit } from '../access.js';
import { router, signedInProcedure } from '../trpc.js';
import { scope, unitCode, workingMonth, workingYear } from './schemas.js';

export const progressRouter = router({
  /**
   * The progress JSON of a unit in a scope at working year Y, month n. NOT_FOUND for an unknown
   * unit; FORBIDDEN outside the account's scope (an officer account: use `officers`).
   */
  unit: signedInProcedure
    .input(z.object({ unit: unitCode, year: workingYear, month: workingMonth, scope }))
    .query(async ({ ctx, input }): Promise<ProgressJson> => {
      assertReportAccess(await accessOf(ctx.db, ctx.session), { unit: input.unit });
      return progressToJson(await resolveProgress(ctx.db, input));
    }),

  /**
   * The progress of every active officer of a unit (with the month's casesCompleted and
   * moneyCompleted), in code order; an officer account gets its own only.
   */
  officers: signedInProcedure
    .input(z.object({ unit: unitCode, year: workingYear, month: workingMonth }))
    .query(async ({ ctx, input }) => {
      const access = await accessOf(ctx.db, ctx.session);
      assertUnit(access, input.unit);
      const officers = (await listOfficers(ctx.db, input.unit)).filter(
        (o) => o.active && (access.officer === null || o.code === access.officer),
      );
      const out: { code: string; name: string; progress: ProgressJson }[] = [];
      for (const o of officers) {
        const progress = await resolveProgress(ctx.db, { ...input, officer: o.code });
        out.push({ code: o.code, name: o.name, progress: progressToJson(progress) });
      }
      return out;
    }),
});
