import { ROLE_LABELS } from '@thads/domain';
import { z } from 'zod';
import { newPassword } from '../auth/schemas.js';
import { changeOwnPassword } from '../services/accounts.js';
import { publicProcedure, router, signedInProcedure } from '../trpc.js';

export const authRouter = router({
  /**
   * The signed-in account (null for a visitor): the apps' login gate reads it. Logging in and out
   * are plain HTTP (POST /auth/login, /auth/logout) because they set and clear the cookie.
   */
  me: publicProcedure.query(({ ctx }) => {
    const s = ctx.session;
    if (!s) return null;
    return {
      username: s.username,
      displayName: s.displayName,
      role: s.role,
      roleLabel: ROLE_LABELS[s.role],
      unit: s.unit,
      officer: s.officer,
    };
  }),

  /** Changes the caller's own password (every role, leadership included: it is their account). */
  changePassword: signedInProcedure
    .input(
      z.object({
        currentPassword: z.string().min(1, 'Chưa nhập mật khẩu hiện tại').max(256),
        newPassword,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await changeOwnPassword(
        ctx.db,
        ctx.session.id,
        { current: input.currentPassword, next: input.newPassword },
        {
          actor: { username: ctx.session.username, role: ctx.session.role },
          now: ctx.now,
          cost: ctx.passwordCost,
          keepSession: ctx.session.sessionId,
        },
      );
      return { ok: true as const };
    }),
});
