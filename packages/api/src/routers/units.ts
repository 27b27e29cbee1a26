import { listUnits } from '@thads/db';
import { accessOf } from '../access.js';
import { router, signedInProcedure } from '../trpc.js';

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
});
