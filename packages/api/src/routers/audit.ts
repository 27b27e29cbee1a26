import { auditEntities, listAudit, listUnits, verifyAuditChain } from '@thads/db';
import { z } from 'zod';
import { subtreeOf } from '../access.js';
import { oversightProcedure, router } from '../trpc.js';
import { unitCode } from './schemas.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Ngày cần dạng YYYY-MM-DD');

export const auditRouter = router({
  /**
   * A page of the audit trail, newest first, filtered by user, unit (with the units under it),
   * entity and dates (inclusive, YYYY-MM-DD, UTC days).
   */
  list: oversightProcedure
    .input(
      z.object({
        actor: z.string().trim().min(1).max(64).optional(),
        unit: unitCode.optional(),
        entity: z.string().trim().min(1).max(64).optional(),
        entityId: z.string().trim().min(1).max(200).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        page: z.number().int().min(1, 'Trang bắt đầu từ 1').max(1_000_000).default(1),
        pageSize: z.number().int().min(1).max(200, 'Tối đa 200 dòng một trang').default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const units =
        input.unit === undefined ? undefined : [...subtreeOf(await listUnits(ctx.db), input.unit)];
      const { total, records } = await listAudit(
        ctx.db,
        {
          ...(input.actor !== undefined ? { actor: input.actor } : {}),
          ...(units !== undefined ? { units } : {}),
          ...(input.entity !== undefined ? { entity: input.entity } : {}),
          ...(input.entityId !== undefined ? { entityId: input.entityId } : {}),
          ...(input.from !== undefined ? { from: input.from } : {}),
          ...(input.to !== undefined ? { to: input.to } : {}),
        },
        { offset: (input.page - 1) * input.pageSize, limit: input.pageSize },
      );
      return { total, page: input.page, pageSize: input.pageSize, records };
    }),

  /** The entity names present in the log, for the filter. */
  entities: oversightProcedure.query(({ ctx }) => auditEntities(ctx.db)),

  /** Checks the hash chain (as `pnpm thads audit verify`). */
  verify: oversightProcedure.query(async ({ ctx }) => {
    const result = await verifyAuditChain(ctx.db);
    return result.ok
      ? { ok: true as const, count: result.count, brokenSeq: null, reason: null }
      : {
          ok: false as const,
          count: result.count,
          brokenSeq: result.seq.toString(),
          reason: result.reason,
        };
  }),
});
