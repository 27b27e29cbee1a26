/**
 * The targets and progress procedures on both dialects, with the worked example of statistics.md
 * §12: who may set what (only the Cục manager sets unit targets; only the head of that very unit
 * sets its officers' monthly targets), what each account reads, and the progress the console shows.
 */
import { testDialects, useTestDatabase } from '@thads/db/testing';
import { DomainError } from '@thads/domain';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { RoleDenied } from '../src/index.js';
import { callerFor, importWorkedExample, sessionFor } from './helpers.js';

async function refusal(promise: Promise<unknown>): Promise<{ code: string; by: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  const e = error as TRPCError;
  return {
    code: e.code,
    by: e.cause instanceof RoleDenied ? 'role' : e.cause instanceof DomainError ? 'scope' : '?',
  };
}

const FORBIDDEN_BY_ROLE = { code: 'FORBIDDEN', by: 'role' };
const FORBIDDEN_BY_SCOPE = { code: 'FORBIDDEN', by: 'scope' };

describe.each(await testDialects())('targets and progress over $label', (dialect) => {
  const t = useTestDatabase(dialect);
  beforeAll(async () => {
    await importWorkedExample(t.db);
  });

  const HN_BDI_2017 = [
    {
      unit: 'HN-BDI',
      scope: 'total' as const,
      metric: 'caseRate' as const,
      value: '70',
      provisional: false,
    },
    {
      unit: 'HN-BDI',
      scope: 'total' as const,
      metric: 'moneyRate' as const,
      value: '60',
      provisional: false,
    },
    {
      unit: 'HN-BDI',
      scope: 'total' as const,
      metric: 'caseCarryOverReduction' as const,
      value: '0',
      provisional: false,
    },
    {
      unit: 'HN-BDI',
      scope: 'total' as const,
      metric: 'moneyCarryOverReduction' as const,
      value: '0',
      provisional: true,
    },
  ];

  it('only the Cục manager sets unit targets', async () => {
    const input = { year: 2017, cells: HN_BDI_2017 };
    for (const role of ['admin', 'unit_head', 'clerk', 'officer', 'leadership'] as const) {
      expect(await refusal(callerFor(t.db, role).targets.setMatrix(input)), role).toEqual(
        FORBIDDEN_BY_ROLE,
      );
    }
    expect(await callerFor(t.db, 'cuc_manager').targets.setMatrix(input)).toEqual({
      created: 4,
      updated: 0,
      unchanged: 0,
      removed: 0,
    });
    // The same again changes nothing.
    expect(await callerFor(t.db, 'cuc_manager').targets.setMatrix(input)).toMatchObject({
      created: 0,
      unchanged: 4,
    });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['actor', 'actor_role', 'action', 'entity_id'])
      .where('entity', '=', 'target')
      .orderBy('seq')
      .execute();
    expect(audit).toHaveLength(4);
    expect(audit[0]).toEqual({
      actor: 'test-cuc_manager',
      actor_role: 'cuc_manager',
      action: 'create',
      entity_id: '2017/HN-BDI/total/caseRate',
    });
  });

  it('the matrix: every unit for the Cục, its own unit for a head; edit rights shown', async () => {
    const cuc = await callerFor(t.db, 'cuc_manager').targets.matrix({ year: 2017 });
    expect(cuc.canEdit).toBe(true);
    expect(cuc.rows.map((r) => [r.unit, r.scope, r.depth])).toEqual([
      ['HN', 'total', 0],
      ['HN', 'own', 0],
      ['HN-BDI', 'total', 1],
    ]);
    expect(cuc.rows[2]!.cells).toEqual({
      caseRate: { value: '70.00', provisional: false, origin: 'console' },
      moneyRate: { value: '60.00', provisional: false, origin: 'console' },
      caseCarryOverReduction: { value: '0.00', provisional: false, origin: 'console' },
      moneyCarryOverReduction: { value: '0.00', provisional: true, origin: 'console' },
    });
    const head = await callerFor(t.db, 'unit_head').targets.matrix({ year: 2017 });
    expect([head.canEdit, head.rows.map((r) => r.unit)]).toEqual([false, ['HN-BDI']]);
  });

  it('a bad value is refused whole, naming the target', async () => {
    const error = await callerFor(t.db, 'cuc_manager')
      .targets.setMatrix({
        year: 2017,
        cells: [
          { unit: 'HN', scope: 'total', metric: 'caseRate', value: '70', provisional: false },
          { unit: 'HN', scope: 'own', metric: 'moneyRate', value: '70,5', provisional: false },
        ],
      })
      .then(
        () => null,
        (e: TRPCError) => e,
      );
    expect(error?.code).toBe('BAD_REQUEST');
    expect(error?.message).toMatch(/^Chỉ tiêu moneyRate của HN: cần tỷ lệ phần trăm/);
    const matrix = await callerFor(t.db, 'cuc_manager').targets.matrix({ year: 2017 });
    expect(matrix.rows[0]!.cells.caseRate.value).toBeNull();
  });

  it("only the head of the unit itself sets its officers' monthly targets", async () => {
    const input = {
      unit: 'HN-BDI',
      year: 2017,
      cells: [
        { officer: 'BDI-1', month: 4, metric: 'casesCompleted' as const, value: '1' },
        { officer: 'BDI-1', month: 4, metric: 'moneyCompleted' as const, value: '150' },
      ],
    };
    for (const role of ['admin', 'cuc_manager', 'clerk', 'officer', 'leadership'] as const) {
      expect(await refusal(callerFor(t.db, role).targets.setOfficerMonthly(input)), role).toEqual(
        FORBIDDEN_BY_ROLE,
      );
    }
    // The head of the Cục is not the head of HN-BDI.
    const cucHead = sessionFor('unit_head', { unit: 'HN', username: 'truong-cuc' });
    expect(await refusal(callerFor(t.db, cucHead).targets.setOfficerMonthly(input))).toEqual(
      FORBIDDEN_BY_SCOPE,
    );
    expect(await callerFor(t.db, 'unit_head').targets.setOfficerMonthly(input)).toMatchObject({
      created: 2,
    });
    const head = await callerFor(t.db, 'unit_head').targets.officerMonthly({
      unit: 'HN-BDI',
      year: 2017,
    });
    expect(head.canEdit).toBe(true);
    expect(head.unitTargets).toEqual({ caseRate: '70.00', moneyRate: '60.00' });
    expect(head.officers.map((o) => o.code)).toEqual(['BDI-1', 'BDI-2']);
    expect(head.officers[0]!.months[3]).toEqual({
      month: 4,
      casesCompleted: '1',
      moneyCompleted: '150',
    });
    // An officer account sees its own row only; the Cục manager reads but does not edit.
    const own = await callerFor(t.db, 'officer').targets.officerMonthly({
      unit: 'HN-BDI',
      year: 2017,
    });
    expect([own.canEdit, own.officers.map((o) => o.code)]).toEqual([false, ['BDI-1']]);
    const cuc = await callerFor(t.db, 'cuc_manager').targets.officerMonthly({
      unit: 'HN-BDI',
      year: 2017,
    });
    expect(cuc.canEdit).toBe(false);
  });

  it('proposes monthly targets from the caseload (BDI-1: KCS 1 and 700 đ, 70 % and 60 %)', async () => {
    const rows = await callerFor(t.db, 'unit_head').targets.proposeOfficers({
      unit: 'HN-BDI',
      year: 2017,
      fromMonth: 1,
    });
    // G = ⌈1 × 0.70⌉ = 1 case, ⌈700 × 0.60⌉ = 420 đồng = 35 a month.
    expect(rows[0]).toMatchObject({
      officer: 'BDI-1',
      caseRate: '70.00',
      moneyRate: '60.00',
      able: { cases: '1', money: '700' },
      goal: { cases: '1', money: '420' },
    });
    expect(rows[0]!.months.map((m) => m.moneyCompleted)).toEqual(Array(12).fill('35'));
    expect(
      await refusal(
        callerFor(t.db, 'officer').targets.proposeOfficers({ unit: 'HN-BDI', year: 2017 }),
      ),
    ).toEqual(FORBIDDEN_BY_ROLE);
  });

  it('progress of a unit: HN-BDI 2017 month 12 against the targets set above', async () => {
    const json = await callerFor(t.db, 'leadership').progress.unit({
      unit: 'HN-BDI',
      year: 2017,
      month: 12,
      scope: 'total',
    });
    expect(json.metrics.caseRate).toEqual({
      value: '42.86',
      target: '70.00',
      provisional: false,
      met: false,
      gapPoints: '-27.14',
      pace: '70.00',
      vsPacePoints: '-27.14',
      forecast: '42.86',
      onTrack: false,
    });
    expect(json.metrics.moneyCarryOverReduction).toMatchObject({
      value: '59.26',
      target: '0.00',
      provisional: true,
      met: true,
    });
    expect(json.allFour).toBe(false);
    // An officer account sees its own progress only.
    expect(
      await refusal(
        callerFor(t.db, 'officer').progress.unit({
          unit: 'HN-BDI',
          year: 2017,
          month: 12,
          scope: 'total',
        }),
      ),
    ).toEqual(FORBIDDEN_BY_SCOPE);
    const headOfAnother = sessionFor('unit_head', { unit: 'HN-XYZ' });
    expect(
      await refusal(
        callerFor(t.db, headOfAnother).progress.unit({
          unit: 'HN-BDI',
          year: 2017,
          month: 12,
          scope: 'total',
        }),
      ),
    ).toEqual(FORBIDDEN_BY_SCOPE);
  });

  it('progress of the officers: BDI-1 completed 200 đồng in January 2017 against 150', async () => {
    const all = await callerFor(t.db, 'unit_head').progress.officers({
      unit: 'HN-BDI',
      year: 2017,
      month: 4,
    });
    expect(all.map((o) => o.code)).toEqual(['BDI-1', 'BDI-2']);
    expect(all[0]!.progress.metrics.moneyCompleted).toMatchObject({
      value: '200',
      target: '150',
      met: true,
      gapPoints: '50',
    });
    // The officers inherit the unit's rate targets: 70 × 4 ÷ 12 = 23.33.
    expect(all[0]!.progress.metrics.caseRate).toMatchObject({ target: '70.00', pace: '23.33' });
    const mine = await callerFor(t.db, 'officer').progress.officers({
      unit: 'HN-BDI',
      year: 2017,
      month: 4,
    });
    expect(mine.map((o) => o.code)).toEqual(['BDI-1']);
  });

  it('provisional copies and the history of a target', async () => {
    const copied = await callerFor(t.db, 'cuc_manager').targets.copyProvisional({
      year: 2018,
      from: 'targets',
    });
    expect(copied).toEqual({
      created: 4,
      updated: 0,
      unchanged: 0,
      removed: 0,
      skippedOfficial: 0,
    });
    const matrix = await callerFor(t.db, 'cuc_manager').targets.matrix({ year: 2018 });
    expect(matrix.rows[2]!.cells.caseRate).toEqual({
      value: '70.00',
      provisional: true,
      origin: 'copy_targets',
    });
    expect(
      await refusal(
        callerFor(t.db, 'unit_head').targets.copyProvisional({ year: 2018, from: 'results' }),
      ),
    ).toEqual(FORBIDDEN_BY_ROLE);
    await callerFor(t.db, 'cuc_manager').targets.setMatrix({
      year: 2018,
      cells: [
        { unit: 'HN-BDI', scope: 'own', metric: 'caseRate', value: '72.5', provisional: false },
      ],
    });
    const history = await callerFor(t.db, 'clerk').targets.history({
      unit: 'HN-BDI',
      scope: 'total',
      year: 2018,
      metric: 'caseRate',
    });
    expect(history).toEqual([
      {
        value: '70.00',
        provisional: true,
        origin: 'copy_targets',
        recordedAt: '2025-11-25T02:00:00.000Z',
        recordedBy: 'test-cuc_manager',
        replacedAt: '2025-11-25T02:00:00.000Z',
        replacedBy: 'test-cuc_manager',
      },
    ]);
  });
});
