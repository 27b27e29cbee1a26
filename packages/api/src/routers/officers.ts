import {
  createOfficer,
  listOfficers,
  officersWithLoad,
  setOfficerActive,
  unitsOfScope,
  updateOfficer,
} from '@thads/db';
import { z } from 'zod';
import { accessOf, assertUnit } from '../access.js';
import { procedureFor, router, signedInProcedure } from '../trpc.js';
import { writerOf as writer, type SignedInContext as SignedIn } from './request.js';
import { officerCode, unitCode } from './schemas.js';

/**
 * admin and unit_head: officers (chấp hành viên) of a unit; a unit head only those of its unit and
 * the units under it (the Decision of issue 5: the head knows who works in the unit, the admin
 * keeps the reference data; the Cục manager and clerks read).
 */
const officerAdminProcedure = procedureFor('admin', 'unit_head');

const officerInput = z.object({
  code: officerCode,
  name: z.string().trim().min(1, 'Cần họ tên chấp hành viên').max(200, 'Họ tên tối đa 200 ký tự'),
  unit: unitCode,
});

/** The unit of an existing officer, in the account's scope (FORBIDDEN otherwise). */
async function assertOfficerInScope(ctx: SignedIn, code: string): Promise<void> {
  const officer = (await listOfficers(ctx.db)).find((o) => o.code === code);
  if (officer) assertUnit(await accessOf(ctx.db, ctx.session), officer.unit);
}

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
        .map((o) => ({ code: o.code, name: o.name, unit: o.unit, active: o.active }));
    }),

  /**
   * The officers of a unit (scope `total`: and of the units under it) with the open cases each
   * holds now, for the officers page. A branch account sees its units; an officer account itself.
   */
  withLoad: signedInProcedure
    .input(z.object({ unit: unitCode, scope: z.enum(['own', 'total']).default('total') }))
    .query(async ({ ctx, input }) => {
      const access = await accessOf(ctx.db, ctx.session);
      assertUnit(access, input.unit);
      const units = (await unitsOfScope(ctx.db, input.unit, input.scope)).filter(
        (u) => access.allUnits || access.units.has(u),
      );
      return (await officersWithLoad(ctx.db, units)).filter(
        (o) => access.officer === null || o.code === access.officer,
      );
    }),

  /** Creates an officer of a unit in the account's scope. */
  create: officerAdminProcedure.input(officerInput).mutation(async ({ ctx, input }) => {
    assertUnit(await accessOf(ctx.db, ctx.session), input.unit);
    await createOfficer(ctx.db, input, writer(ctx));
    return { ok: true as const };
  }),

  /** Renames an officer, or moves one never named on a case to another unit (both in scope). */
  update: officerAdminProcedure.input(officerInput).mutation(async ({ ctx, input }) => {
    assertUnit(await accessOf(ctx.db, ctx.session), input.unit);
    await assertOfficerInScope(ctx, input.code);
    await updateOfficer(ctx.db, input, writer(ctx));
    return { ok: true as const };
  }),

  /**
   * An officer leaves or moves (deactivated: keeps the history of its cases, is assigned no new
   * one) or comes back. Answers how many open cases it still holds, to reassign.
   */
  setActive: officerAdminProcedure
    .input(z.object({ code: officerCode, active: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await assertOfficerInScope(ctx, input.code);
      return setOfficerActive(ctx.db, input, writer(ctx));
    }),
});
