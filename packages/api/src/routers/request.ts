/** What a procedure reads from its request: today in Hà Nội, and who acts, when. */
import { TT01_2013, localDateOf } from '@thads/domain';
import type { Context } from '../context.js';

/** The signed-in request of a procedure built on a role builder. */
export type SignedInContext = Context & { session: NonNullable<Context['session']> };

/** Today's local date (Asia/Ho_Chi_Minh) of the request. */
export function todayOf(ctx: Context): string {
  return localDateOf(ctx.now.toISOString(), TT01_2013.deadlines.timeZone);
}

/** Who writes (for the audit trail) and when: the signed-in account, the request's clock. */
export function writerOf(ctx: SignedInContext) {
  return { actor: { username: ctx.session.username, role: ctx.session.role }, at: ctx.now };
}
