import { listOfficers } from '@thads/db';
import { z } from 'zod';
import { accessOf, assertUnit } from '../access.js';
import { router, signedInProcedure } from '../trpc.js';
import { unitCode } from './schemas.js';

export const officersRouter = router({
  /**
   * Officers (chấp hành viên) the account may see, of one unit or of all, for picking an officer's
   * report: a branch account sees its units' officers; an officer account sees itself.
   */
  list: signedInProcedure
    .input(z.object({ unit: unitCode.optional() }))
    .query(async ({ ctx, input }) => {
      const access = await accessOf(ctx.db, ctx.session);
      if (input.unit !== undefined) assertUnit(access, input.unit);
      const rows = await listOfficers(ctx.db, input.unit);
      return rows
        .filter((o) => access.allUnits || access.units.has(o.unit))
        .filter((o) => access.officer === null || o.code === access.officer)
        .map((o) => ({ code: o.code, name: o.name, unit: o.unit }));
    }),
});
