import type { Database } from '@thads/db';
import { sql, type Kysely } from 'kysely';
import { publicProcedure, router } from '../trpc.js';

/** True when the database answers a trivial query. Never throws. */
export async function databaseAnswers(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

export const healthRouter = router({
  /** Whether the API and its database answer. */
  check: publicProcedure.query(async ({ ctx }) => ({ ok: await databaseAnswers(ctx.db) })),
});
