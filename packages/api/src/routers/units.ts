import { createUnit, listUnits, setUnitActive, updateUnit } from '@thads/db';
import { UNIT_KINDS, type UnitKind } from '@thads/domain';
import { z } from 'zod';
import { accessOf } from '../access.js';
import { adminProcedure, router, signedInProcedure } from '../trpc.js';
import { writerOf as writer } from './request.js';
import { unitCode } from './schemas.js';

const unitInput = z.object({
  code: unitCode,
  name: z.string().trim().min(1, 'Cần tên đơn vị').max(200, 'Tên đơn vị tối đa 200 ký tự'),
  kind: z.enum(UNIT_KINDS as unknown as [UnitKind, ...UnitKind[]], {
    error: 'Loại đơn vị không hợp lệ',
  }),
  parent: unitCode.nullable(),
});

/** One unit with the units directly under it. */
export interface UnitNode {
  code: string;
  name: string;
  kind: string;
  active: boolean;
  children: UnitNode[];
}

interface UnitRow {
  code: string;
  name: string;
  kind: string;
  parent: string | null;
  active: boolean;
}

/**
 * The hierarchy as a forest: roots are units without a parent (or whose parent is unknown), children
 * in code order.
 */
export function buildUnitTree(rows: readonly UnitRow[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const r of rows)
    nodes.set(r.code, { code: r.code, name: r.name, kind: r.kind, active: r.active, children: [] });
  const roots: UnitNode[] = [];
  for (const r of [...rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))) {
    const node = nodes.get(r.code)!;
    const parent = r.parent === null ? undefined : nodes.get(r.parent);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

export const unitsRouter = router({
  /**
   * The unit hierarchy the account may see, for the unit pickers: all of it for Cục-wide roles; a
   * branch account's own unit with the units under it; an officer's unit.
   */
  tree: signedInProcedure.query(async ({ ctx }) => {
    const access = await accessOf(ctx.db, ctx.session);
    const units = await listUnits(ctx.db);
    const visible = access.allUnits ? units : units.filter((u) => access.units.has(u.code));
    // A unit whose parent is hidden becomes a root of the visible forest.
    return buildUnitTree(
      visible.map((u) => ({
        ...u,
        parent: u.parent !== null && access.units.has(u.parent) ? u.parent : null,
      })),
    );
  }),

  /** Creates a unit of the hierarchy (admin); CONFLICT when the code exists. */
  create: adminProcedure.input(unitInput).mutation(async ({ ctx, input }) => {
    await createUnit(ctx.db, input, writer(ctx));
    return { ok: true as const };
  }),

  /** Renames a unit, changes its kind or moves it under another unit (no cycles). Admin. */
  update: adminProcedure.input(unitInput).mutation(async ({ ctx, input }) => {
    await updateUnit(ctx.db, input, writer(ctx));
    return { ok: true as const };
  }),

  /**
   * Deactivates a unit (it keeps its cases and reports, takes no new case or officer) or
   * reactivates it. Admin.
   */
  setActive: adminProcedure
    .input(z.object({ code: unitCode, active: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      await setUnitActive(ctx.db, input, writer(ctx));
      return { ok: true as const };
    }),
});
