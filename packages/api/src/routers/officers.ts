import { listOfficers } from '@thads/db';
import { z } from 'zod';
import { publicProcedure, router } from '../trpc.js';
import { unitCode } from './schemas.js';

export const officersRouter = router({
  /** Officers (chấp hành viên), of one unit or of all, for picking an officer's report. */
  list: publicProcedure
    .input(z.object({ unit: unitCode.optional() }))
    .query(async ({ ctx, input }) => {
      const rows = await listOfficers(ctx.db, input.unit);
      return rows.map((o) => ({ code: o.code, name: o.name, unit: o.unit }));
    }),
});
