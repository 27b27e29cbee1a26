/**
 * The role matrix (issue 4): every procedure of the router, called as every role and as an
 * anonymous visitor, is allowed or refused exactly as this table says. A procedure missing from
 * the table, or a table entry without a procedure, fails the test.
 *
 * Adding a procedure: add one line `'area.name': ROLES_IT_DECLARES,` below. "Allowed" here means
 * "not refused for its role" (the call may still fail on its input or its scope: the matrix calls
 * every procedure without input, and the role check runs before input parsing).
 */
import { ROLES } from '@thads/domain';
import { sqliteMemory, type TestDatabase } from '@thads/db/testing';
import { TRPCError, type AnyProcedure } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter, type Caller } from '../src/index.js';
import { EVERYONE, OVERSIGHT, RoleDenied, SIGNED_IN, WRITERS } from '../src/trpc.js';
import { callerFor, importWorkedExample } from './helpers.js';

const ADMIN = ['admin'] as const;
const CUC_MANAGER = ['cuc_manager'] as const;
/** The public list's console views (routers/public-list.ts): every role but officer. */
const PUBLIC_LIST_READERS = ['admin', 'cuc_manager', 'unit_head', 'clerk', 'leadership'] as const;
/** Officers' monthly targets: proposals for the Cục manager and unit heads; only a unit head saves. */
const UNIT_HEADS = ['cuc_manager', 'unit_head'] as const;
const UNIT_HEAD = ['unit_head'] as const;
/** Reports' workflow and aggregate lines (routers/workflow.ts, aggregates.ts): every role but officer. */
const WORKFLOW_READERS = ['admin', 'cuc_manager', 'unit_head', 'clerk', 'leadership'] as const;
/** Unlock requests are asked by whoever enters data. */
const DATA_ENTRY = ['cuc_manager', 'unit_head', 'clerk'] as const;
/** "Chưa có điều kiện" decisions are proposed by whoever enters data and by officers. */
const PROPOSERS = ['cuc_manager', 'unit_head', 'clerk', 'officer'] as const;
/** Enforcement plans are edited by officers (their cases), unit heads and Cục managers. */
const PLAN_EDITORS = ['cuc_manager', 'unit_head', 'officer'] as const;
/** Plan coverage: every role but officer (an officer has its own work instead). */
const COVERAGE_READERS = ['admin', 'cuc_manager', 'unit_head', 'clerk', 'leadership'] as const;
/** Officers are managed by the admin and the unit heads (of their units). */
const OFFICER_ADMINS = ['admin', 'unit_head'] as const;

/** Who may call each procedure, by path. Keep it sorted by path. */
const EXPECTED: Readonly<Record<string, readonly Caller[]>> = {
  'aggregates.get': WORKFLOW_READERS,
  'aggregates.periods': WORKFLOW_READERS,
  'aggregates.preview': CUC_MANAGER,
  'aggregates.reconcile': WORKFLOW_READERS,
  'aggregates.save': CUC_MANAGER,
  'audit.entities': OVERSIGHT,
  'audit.list': OVERSIGHT,
  'audit.verify': OVERSIGHT,
  'auth.changePassword': SIGNED_IN,
  'auth.me': EVERYONE,
  'cases.behind': SIGNED_IN,
  'cases.correctEvent': DATA_ENTRY,
  'cases.create': DATA_ENTRY,
  'cases.get': SIGNED_IN,
  'cases.list': SIGNED_IN,
  'cases.reassign': DATA_ENTRY,
  'cases.recordEvent': DATA_ENTRY,
  'cases.removeEvent': DATA_ENTRY,
  'cases.update': DATA_ENTRY,
  'classification.review': ['cuc_manager', 'unit_head', 'clerk', 'officer'],
  'classification.reviewList': SIGNED_IN,
  'classification.reviewProgress': SIGNED_IN,
  'health.check': EVERYONE,
  'imports.start': DATA_ENTRY,
  'imports.status': DATA_ENTRY,
  'officers.create': OFFICER_ADMINS,
  'officers.list': SIGNED_IN,
  'officers.setActive': OFFICER_ADMINS,
  'officers.update': OFFICER_ADMINS,
  'officers.withLoad': SIGNED_IN,
  'pendingDecisions.confirm': UNIT_HEADS,
  'pendingDecisions.count': SIGNED_IN,
  'pendingDecisions.list': SIGNED_IN,
  'pendingDecisions.ofCase': SIGNED_IN,
  'pendingDecisions.propose': PROPOSERS,
  'pendingDecisions.repropose': PROPOSERS,
  'pendingDecisions.returnDecision': UNIT_HEADS,
  'pendingDecisions.withdraw': PROPOSERS,
  'plans.addMeasures': PLAN_EDITORS,
  'plans.coverage': COVERAGE_READERS,
  'plans.get': SIGNED_IN,
  'plans.myWork': SIGNED_IN,
  'plans.overdue': SIGNED_IN,
  'plans.uncovered': SIGNED_IN,
  'plans.updateMeasure': PLAN_EDITORS,
  'progress.officers': SIGNED_IN,
  'progress.unit': SIGNED_IN,
  'reports.forms': SIGNED_IN,
  'publicList.confirm': CUC_MANAGER,
  'publicList.confirmMany': CUC_MANAGER,
  'publicList.entries': PUBLIC_LIST_READERS,
  'publicList.reconciliation': PUBLIC_LIST_READERS,
  'publicList.releaseAddress': CUC_MANAGER,
  'publicList.reverification': SIGNED_IN,
  'publicList.setAutoPublish': CUC_MANAGER,
  'publicList.settings': PUBLIC_LIST_READERS,
  'publicList.withdrawRecord': CUC_MANAGER,
  'publicList.withholdAddress': CUC_MANAGER,
  'reports.breakdown': SIGNED_IN,
  'reports.get': SIGNED_IN,
  'summary.latestPeriod': OVERSIGHT,
  'summary.overview': OVERSIGHT,
  'summary.pagePdf': OVERSIGHT,
  'summary.table': OVERSIGHT,
  'summary.tableXlsx': OVERSIGHT,
  'summary.trends': OVERSIGHT,
  'targets.copyProvisional': CUC_MANAGER,
  'targets.history': SIGNED_IN,
  'targets.matrix': SIGNED_IN,
  'targets.officerMonthly': SIGNED_IN,
  'targets.proposeOfficers': UNIT_HEADS,
  'targets.setMatrix': CUC_MANAGER,
  'targets.setOfficerMonthly': UNIT_HEAD,
  'units.create': ADMIN,
  'units.setActive': ADMIN,
  'units.tree': SIGNED_IN,
  'units.update': ADMIN,
  'users.create': ADMIN,
  'users.list': ADMIN,
  'users.resetPassword': ADMIN,
  'users.update': ADMIN,
  'workflow.approve': CUC_MANAGER,
  'workflow.board': WORKFLOW_READERS,
  'workflow.decideUnlock': CUC_MANAGER,
  'workflow.get': WORKFLOW_READERS,
  'workflow.requestUnlock': DATA_ENTRY,
  'workflow.returnReport': CUC_MANAGER,
  'workflow.saveDraft': UNIT_HEADS,
  'workflow.submit': UNIT_HEADS,
  'workflow.unlockRequests': WORKFLOW_READERS,
  'workflow.version': WORKFLOW_READERS,
};

/** Mutations leadership may call anyway: its own account, not data. */
const SELF_SERVICE = new Set(['auth.changePassword']);

const CALLERS: readonly Caller[] = ['anonymous', ...ROLES];
const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;
const paths = Object.keys(procedures).sort();

function declaredRoles(path: string): readonly Caller[] | undefined {
  return (procedures[path]!._def.meta as { roles?: readonly Caller[] } | undefined)?.roles;
}

describe('the role matrix', () => {
  it('lists every procedure of the router, and nothing else', () => {
    const missing = paths.filter((p) => !(p in EXPECTED));
    const extra = Object.keys(EXPECTED).filter((p) => !paths.includes(p));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  });

  it('agrees with what each procedure declares in its meta', () => {
    for (const path of paths) {
      const declared = declaredRoles(path);
      expect(declared, `${path} declares no roles`).toBeDefined();
      expect([...declared!].sort(), path).toEqual([...(EXPECTED[path] ?? [])].sort());
    }
  });

  it('lets leadership write nothing but its own account', () => {
    const writes = paths.filter(
      (p) => procedures[p]!._def.type === 'mutation' && !SELF_SERVICE.has(p),
    );
    for (const path of writes) expect(declaredRoles(path), path).not.toContain('leadership');
    for (const path of writes)
      expect(WRITERS).toEqual(
        expect.arrayContaining([...(declaredRoles(path) ?? [])].filter((r) => r !== 'anonymous')),
      );
  });

  describe('calls every procedure as every caller', () => {
    let test: TestDatabase;
    beforeAll(async () => {
      test = await sqliteMemory.open();
      await importWorkedExample(test.db);
    });
    afterAll(async () => {
      await test.close();
    });

    const cases = CALLERS.flatMap((caller) => paths.map((path) => [caller, path] as const));
    it.each(cases)('as %s: %s', async (caller, path) => {
      const api = callerFor(test.db, caller === 'anonymous' ? null : caller) as unknown as Record<
        string,
        unknown
      >;
      const call = path
        .split('.')
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api) as (
        input?: unknown,
      ) => Promise<unknown>;
      const error = await call(undefined).then(
        () => null,
        (e: unknown) => e,
      );
      const refusedForRole = error instanceof TRPCError && error.cause instanceof RoleDenied;
      const allowed = (EXPECTED[path] ?? []).includes(caller);
      expect(refusedForRole ? 'refused' : 'allowed').toBe(allowed ? 'allowed' : 'refused');
      if (refusedForRole)
        expect((error as TRPCError).code).toBe(
          caller === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN',
        );
    });
  });
});
