import { listUsers } from '@thads/db';
import { z } from 'zod';
import { displayName, newPassword, role, username } from '../auth/schemas.js';
import { createAccount, resetPassword, updateAccount } from '../services/accounts.js';
import { adminProcedure, router } from '../trpc.js';
import { officerCode, unitCode } from './schemas.js';

const userId = z.number().int('Mã tài khoản không hợp lệ').positive('Mã tài khoản không hợp lệ');

export const usersRouter = router({
  /** Every account (never a password hash), for the administration page. */
  list: adminProcedure.query(({ ctx }) => listUsers(ctx.db)),

  /** Creates an account with a first password (the admin passes it on to the person). */
  create: adminProcedure
    .input(
      z.object({
        username,
        displayName,
        role,
        unit: unitCode.nullish(),
        officer: officerCode.nullish(),
        password: newPassword,
      }),
    )
    .mutation(({ ctx, input }) =>
      createAccount(ctx.db, input, {
        actor: { username: ctx.session.username, role: ctx.session.role },
        now: ctx.now,
        cost: ctx.passwordCost,
      }),
    ),

  /** Changes name, role, unit, officer link, or deactivates (active: false) / reactivates. */
  update: adminProcedure
    .input(
      z.object({
        id: userId,
        displayName: displayName.optional(),
        role: role.optional(),
        unit: unitCode.nullish(),
        officer: officerCode.nullish(),
        active: z.boolean().optional(),
      }),
    )
    .mutation(({ ctx, input }) => {
      const { id, ...changes } = input;
      return updateAccount(
        ctx.db,
        id,
        {
          ...(changes.displayName !== undefined ? { displayName: changes.displayName } : {}),
          ...(changes.role !== undefined ? { role: changes.role } : {}),
          ...(changes.unit !== undefined ? { unit: changes.unit } : {}),
          ...(changes.officer !== undefined ? { officer: changes.officer } : {}),
          ...(changes.active !== undefined ? { active: changes.active } : {}),
        },
        {
          actor: { username: ctx.session.username, role: ctx.session.role },
          now: ctx.now,
          selfId: ctx.session.id,
        },
      );
    }),

  /** Sets a new password for an account and ends its sessions. */
  resetPassword: adminProcedure
    .input(z.object({ id: userId, password: newPassword }))
    .mutation(async ({ ctx, input }) => {
      await resetPassword(ctx.db, input.id, input.password, {
        actor: { username: ctx.session.username, role: ctx.session.role },
        now: ctx.now,
        cost: ctx.passwordCost,
      });
      return { ok: true as const };
    }),
});
