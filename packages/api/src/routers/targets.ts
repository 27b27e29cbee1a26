/**
 * Targets (chỉ tiêu, statistics.md §9, interfaces.md §7) for the console: the matrix of unit
 * targets per working year, officers' monthly targets with the proposal helper, provisional copies
 * and the history of a target.
 *
 * Who: only the Cục manager (cuc_manager) sets unit targets and makes provisional copies; only the
 * unit head (unit_head) of a unit sets the monthly targets of that unit's officers (not the head of
 * a unit above it). Every signed-in account reads the targets of the units it may see; an officer
 * account sees its unit's targets and its own monthly targets only. Values cross the wire as text:
 * percent with two decimals ("72.50"), counts and đồng as strings of digits.
 */
import {
  auditTargetChanges,
  canonicalScope,
  copyProvisionalTargets,
  formatTargetValue,
  listOfficers,
  listTargets,
  listUnits,
  prepareTargetWrites,
  proposeOfficerMonthlyTargets,
  targetHistory,
  unitsWithChildren,
  writeTargets,
  type TargetOrigin,
  type TargetWriteCounts,
  type TargetWrite,
} from '@thads/db';
import {
  DomainError,
  OFFICER_METRICS,
  UNIT_METRICS,
  formatCentiOrNull,
  type OfficerMetric,
  type Scope,
  type UnitMetric,
} from '@thads/domain';
import type { Database } from '@thads/db';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { accessOf, assertUnit } from '../access.js';
import type { SessionUser } from '../auth/sessions.js';
import type { Context } from '../context.js';
import {
  managerProcedure,
  procedureFor,
  router,
  signedInProcedure,
  unitHeadProcedure,
} from '../trpc.js';
import { officerCode, scope, unitCode, workingMonth, workingYear } from './schemas.js';
import { buildUnitTree, type UnitNode } from './units.js';

/** unit_head only: the monthly targets of the officers of the head's own unit. */
const headOfUnitProcedure = procedureFor('unit_head');

const unitMetric = z.enum(UNIT_METRICS as unknown as [UnitMetric, ...UnitMetric[]]);
const officerMetric = z.enum(OFFICER_METRICS as unknown as [OfficerMetric, ...OfficerMetric[]]);
/** A value as typed; null (or empty) removes the target. */
const valueText = z
  .string()
  .trim()
  .max(40, 'Giá trị quá dài')
  .nullable()
  .transform((v) => (v === '' ? null : v));

export interface TargetCellJson {
  value: string | null;
  provisional: boolean;
  origin: TargetOrigin | null;
}

export interface TargetMatrixRow {
  unit: string;
  name: string;
  /** 0 for a root, 1 for a unit under it, … (for indenting). */
  depth: number;
  scope: Scope;
  /** True for a unit with units under it (its `total` and `own` rows differ). */
  hasChildren: boolean;
  cells: Record<UnitMetric, TargetCellJson>;
}

export interface TargetMatrixJson {
  year: number;
  /** The caller may change unit targets (the Cục manager). */
  canEdit: boolean;
  rows: TargetMatrixRow[];
}

export interface OfficerMonthJson {
  month: number;
  casesCompleted: string | null;
  moneyCompleted: string | null;
}

export interface OfficerTargetsJson {
  unit: string;
  year: number;
  /** The caller may change these targets (the head of this unit). */
  canEdit: boolean;
  /** The unit's annual rate targets (the officers' by default), "72.50" or null. */
  unitTargets: { caseRate: string | null; moneyRate: string | null };
  officers: { code: string; name: string; months: OfficerMonthJson[] }[];
}

const EMPTY_CELL: TargetCellJson = { value: null, provisional: false, origin: null };

function actorOf(ctx: Context & { session: SessionUser }) {
  return { actor: { username: ctx.session.username, role: ctx.session.role }, at: ctx.now };
}

/** Writes and audits in one transaction; returns the counts. */
async function save(
  ctx: Context & { session: SessionUser },
  writes: TargetWrite[],
): Promise<TargetWriteCounts> {
  const context = actorOf(ctx);
  return ctx.db.transaction().execute(async (trx) => {
    const { counts, changes } = await writeTargets(trx, writes, {
      origin: 'console',
      ...context,
    });
    await auditTargetChanges(trx, context, changes);
    return counts;
  });
}

/** The head of `unit` itself (not of a unit above it); FORBIDDEN otherwise. */
function assertHeadOf(session: SessionUser, unit: string): void {
  if (session.role === 'unit_head' && session.unit === unit) return;
  throw new DomainError(
    'FORBIDDEN',
    `Chỉ thủ trưởng đơn vị ${unit} mới giao chỉ tiêu cho chấp hành viên của đơn vị`,
    { unit },
  );
}

async function officerMonths(
  db: Kysely<Database>,
  unit: string,
  year: number,
  onlyOfficer: string | null,
): Promise<OfficerTargetsJson['officers']> {
  const officers = (await listOfficers(db, unit)).filter(
    (o) => o.active && (onlyOfficer === null || o.code === onlyOfficer),
  );
  const targets = await listTargets(db, {
    year,
    units: [unit],
    holder: 'officers',
    metrics: OFFICER_METRICS,
  });
  return officers.map((o) => ({
    code: o.code,
    name: o.name,
    months: Array.from({ length: 12 }, (_, i) => {
      const month = i + 1;
      const find = (metric: OfficerMetric) =>
        targets.find((t) => t.officer === o.code && t.month === month && t.metric === metric)
          ?.value ?? null;
      return {
        month,
        casesCompleted: find('casesCompleted')?.toString() ?? null,
        moneyCompleted: find('moneyCompleted')?.toString() ?? null,
      };
    }),
  }));
}

export const targetsRouter = router({
  /**
   * The unit targets of a working year: one row per unit the account may see (a unit with units
   * under it has two, `total` then `own`), the four metrics in each. Any signed-in account.
   */
  matrix: signedInProcedure
    .input(z.object({ year: workingYear }))
    .query(async ({ ctx, input }): Promise<TargetMatrixJson> => {
      const access = await accessOf(ctx.db, ctx.session);
      const units = await listUnits(ctx.db);
      const parents = await unitsWithChildren(ctx.db);
      const visible = units.filter((u) => access.allUnits || access.units.has(u.code));
      const targets = await listTargets(ctx.db, {
        year: input.year,
        units: visible.map((u) => u.code),
        holder: 'unit',
      });
      // The tree of units.tree (a unit whose parent is hidden is a root), depth first.
      const shown = new Set(visible.map((u) => u.code));
      const tree = buildUnitTree(
        visible.map((u) => ({
          ...u,
          parent: u.parent !== null && shown.has(u.parent) ? u.parent : null,
        })),
      );
      const rows: TargetMatrixRow[] = [];
      const walk = (nodes: readonly UnitNode[], depth: number) => {
        for (const u of nodes) {
          const hasChildren = parents.has(u.code);
          for (const s of hasChildren ? (['total', 'own'] as const) : (['total'] as const)) {
            const cells = {} as Record<UnitMetric, TargetCellJson>;
            for (const metric of UNIT_METRICS) {
              const t = targets.find(
                (r) => r.unit === u.code && r.scope === s && r.metric === metric,
              );
              cells[metric] = t
                ? {
                    value: formatCentiOrNull(t.value),
                    provisional: t.provisional,
                    origin: t.origin,
                  }
                : EMPTY_CELL;
            }
            rows.push({ unit: u.code, name: u.name, depth, scope: s, hasChildren, cells });
          }
          walk(u.children, depth + 1);
        }
      };
      walk(tree, 0);
      return { year: input.year, canEdit: ctx.session.role === 'cuc_manager', rows };
    }),

  /**
   * Sets many unit targets of a year at once (the matrix page): a value replaces the one in force
   * (kept in the history), an empty value removes it, an identical one changes nothing. The Cục
   * manager only. All or nothing; every change is audited in the same transaction.
   */
  setMatrix: managerProcedure
    .input(
      z.object({
        year: workingYear,
        cells: z
          .array(
            z.object({
              unit: unitCode,
              scope,
              metric: unitMetric,
              value: valueText,
              provisional: z.boolean(),
            }),
          )
          .max(5000, 'Quá nhiều ô trong một lần lưu'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const writes = await prepareTargetWrites(
        ctx.db,
        input.cells.map((c) => ({ ...c, year: input.year })),
      );
      return save(ctx, writes);
    }),

  /**
   * Provisional targets for `year` copied from the previous year's targets or its month-12 results;
   * official targets already set are kept. The Cục manager only; audited.
   */
  copyProvisional: managerProcedure
    .input(z.object({ year: workingYear, from: z.enum(['targets', 'results']) }))
    .mutation(async ({ ctx, input }) => {
      const context = actorOf(ctx);
      return ctx.db.transaction().execute(async (trx) => {
        const result = await copyProvisionalTargets(trx, {
          year: input.year,
          from: input.from,
          ...context,
        });
        await auditTargetChanges(trx, context, result.changes);
        return { ...result.counts, skippedOfficial: result.skippedOfficial };
      });
    }),

  /**
   * The monthly targets of a unit's officers for a year, with the unit's rate targets. Any
   * signed-in account that may see the unit; an officer account sees its own row only.
   */
  officerMonthly: signedInProcedure
    .input(z.object({ unit: unitCode, year: workingYear }))
    .query(async ({ ctx, input }): Promise<OfficerTargetsJson> => {
      const access = await accessOf(ctx.db, ctx.session);
      assertUnit(access, input.unit);
      const parents = await unitsWithChildren(ctx.db);
      // The scope an officer report has (own; total for a unit without units under it).
      const unitScope = canonicalScope(parents.has(input.unit), 'own', null);
      const rates = await listTargets(ctx.db, {
        year: input.year,
        units: [input.unit],
        holder: 'unit',
        metrics: ['caseRate', 'moneyRate'],
      });
      const rate = (metric: UnitMetric) =>
        formatCentiOrNull(
          rates.find((r) => r.scope === unitScope && r.metric === metric)?.value ?? null,
        );
      return {
        unit: input.unit,
        year: input.year,
        canEdit: ctx.session.role === 'unit_head' && ctx.session.unit === input.unit,
        unitTargets: { caseRate: rate('caseRate'), moneyRate: rate('moneyRate') },
        officers: await officerMonths(ctx.db, input.unit, input.year, access.officer),
      };
    }),

  /**
   * Proposed monthly targets of every officer of a unit (the method of officer-targets.ts), from a
   * month on, for the head to adjust before saving. cuc_manager and unit_head, in scope.
   */
  proposeOfficers: unitHeadProcedure
    .input(z.object({ unit: unitCode, year: workingYear, fromMonth: workingMonth.default(1) }))
    .query(async ({ ctx, input }) => {
      assertUnit(await accessOf(ctx.db, ctx.session), input.unit);
      const rows = await proposeOfficerMonthlyTargets(ctx.db, input);
      const text = (v: bigint | null) => (v === null ? null : v.toString());
      return rows.map((r) => ({
        officer: r.officer,
        name: r.name,
        caseRate: formatCentiOrNull(r.caseRate),
        moneyRate: formatCentiOrNull(r.moneyRate),
        able: { cases: r.basis.able.cases.toString(), money: r.basis.able.money.toString() },
        completedBefore: {
          cases: r.basis.completedBefore.cases.toString(),
          money: r.basis.completedBefore.money.toString(),
        },
        goal: { cases: text(r.goal.cases), money: text(r.goal.money) },
        months: r.months.map((m) => ({
          month: m.month,
          casesCompleted: text(m.casesCompleted),
          moneyCompleted: text(m.moneyCompleted),
        })),
      }));
    }),

  /**
   * Sets monthly targets of the unit's officers (an empty value removes one). Only the head of
   * that very unit (FORBIDDEN for anyone else). All or nothing; audited.
   */
  setOfficerMonthly: headOfUnitProcedure
    .input(
      z.object({
        unit: unitCode,
        year: workingYear,
        cells: z
          .array(
            z.object({
              officer: officerCode,
              month: workingMonth,
              metric: officerMetric,
              value: valueText,
            }),
          )
          .max(5000, 'Quá nhiều ô trong một lần lưu'),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      assertHeadOf(ctx.session, input.unit);
      const writes = await prepareTargetWrites(
        ctx.db,
        input.cells.map((c) => ({ ...c, unit: input.unit, year: input.year })),
      );
      return save(ctx, writes);
    }),

  /** Every earlier value of one target, oldest first; same access as reading it. */
  history: signedInProcedure
    .input(
      z.object({
        unit: unitCode,
        scope,
        year: workingYear,
        metric: z.enum([...UNIT_METRICS, ...OFFICER_METRICS] as [string, ...string[]]),
        month: workingMonth.nullable().default(null),
        officer: officerCode.nullable().default(null),
      }),
    )
    .query(async ({ ctx, input }) => {
      const access = await accessOf(ctx.db, ctx.session);
      assertUnit(access, input.unit);
      if (access.officer !== null && input.officer !== null && input.officer !== access.officer)
        throw new DomainError('FORBIDDEN', 'Chấp hành viên chỉ xem được chỉ tiêu của chính mình');
      const parents = await unitsWithChildren(ctx.db);
      const metric = input.metric as UnitMetric | OfficerMetric;
      const rows = await targetHistory(ctx.db, {
        unit: input.unit,
        scope: canonicalScope(parents.has(input.unit), input.scope, input.officer),
        year: input.year,
        metric,
        month: input.month,
        officer: input.officer,
      });
      return rows.map((h) => ({
        value: formatTargetValue(metric, h.value),
        provisional: h.provisional,
        origin: h.origin,
        recordedAt: h.recordedAt,
        recordedBy: h.recordedBy,
        replacedAt: h.replacedAt,
        replacedBy: h.replacedBy,
      }));
    }),
});
