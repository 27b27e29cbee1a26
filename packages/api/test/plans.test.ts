// Enforcement plans through the API (issue 7) over the worked example (statistics.md §12), today
// 25/11/2025 in Hà Nội: who may plan which case (an officer the cases it holds, a unit head its
// units, the Cục every unit, leadership and clerks nothing), what each role reads, money and rates
// as strings. Open cases: HN-BDI c1 (BDI-1, 500 đ), c8 and c12 (BDI-2), c2, c7, c9 (unassigned);
// HN h1 (unassigned, 4000 đ).
import { testDialects, useTestDatabase } from '@thads/db/testing';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { RoleDenied } from '../src/trpc.js';
import { callerFor, importWorkedExample } from './helpers.js';

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

const TODAY = '2025-11-25';

describe.each(await testDialects())('plans over $label', (dialect) => {
  const t = useTestDatabase(dialect);
  beforeAll(async () => {
    await importWorkedExample(t.db);
  });

  it('lets each role plan exactly the cases the issue says', async () => {
    const measure = { kind: 'verify' as const, dueOn: '2025-11-20' };
    // The officer (BDI-1) holds c1, not c8.
    expect(
      await callerFor(t.db, 'officer').plans.addMeasures({
        caseId: 'c1',
        template: 'money_voluntary',
        measures: [measure, { kind: 'voluntary', dueOn: '2025-11-28' }],
      }),
    ).toEqual({ caseId: 'c1', created: 2 });
    const notHeld = await rejection(
      callerFor(t.db, 'officer').plans.addMeasures({ caseId: 'c8', measures: [measure] }),
    );
    expect([notHeld.code, notHeld.message]).toEqual([
      'FORBIDDEN',
      'Chấp hành viên chỉ lập, sửa kế hoạch của việc mình đang thụ lý; việc c8 không do bạn thụ lý',
    ]);
    // The unit head of HN-BDI: its cases, not the Cục's own h1.
    await callerFor(t.db, 'unit_head').plans.addMeasures({ caseId: 'c8', measures: [measure] });
    expect(
      (
        await rejection(
          callerFor(t.db, 'unit_head').plans.addMeasures({ caseId: 'h1', measures: [measure] }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    // The Cục manager: any case.
    await callerFor(t.db, 'cuc_manager').plans.addMeasures({
      caseId: 'h1',
      measures: [{ kind: 'notify', dueOn: '2025-12-01' }],
    });
    // Leadership, clerk and admin read only: refused for their role.
    for (const role of ['leadership', 'clerk', 'admin'] as const) {
      const e = await rejection(
        callerFor(t.db, role).plans.addMeasures({ caseId: 'c1', measures: [measure] }),
      );
      expect([role, e.code, e.cause instanceof RoleDenied]).toEqual([role, 'FORBIDDEN', true]);
    }
  });

  it('updates a measure with its outcome; bad input names the field in Vietnamese', async () => {
    const plan = await callerFor(t.db, 'officer').plans.get({ caseId: 'c1' });
    const verify = plan.measures.find((m) => m.kind === 'verify')!;
    const done = await callerFor(t.db, 'officer').plans.updateMeasure({
      id: verify.id,
      kind: 'verify',
      dueOn: verify.dueOn,
      officer: 'BDI-1',
      status: 'done',
      doneOn: '2025-11-24',
      outcome: 'Người phải thi hành án có thu nhập từ lương',
    });
    expect([done.status, done.standing]).toEqual(['done', 'done']);
    const bad = await rejection(
      callerFor(t.db, 'officer').plans.updateMeasure({
        id: verify.id,
        kind: 'verify',
        dueOn: verify.dueOn,
        status: 'done',
        doneOn: '2025-11-26',
      }),
    );
    expect([bad.code, bad.message]).toEqual([
      'BAD_REQUEST',
      'Ngày thực hiện xong 26/11/2025 sau hôm nay (25/11/2025)',
    ]);
    const badDate = await rejection(
      callerFor(t.db, 'officer').plans.addMeasures({
        caseId: 'c1',
        measures: [{ kind: 'notify', dueOn: '25/11/2025' }],
      }),
    );
    // Over HTTP the error formatter joins the path and the message; here the zod issue is seen.
    expect(badDate.code).toBe('BAD_REQUEST');
    expect(JSON.parse(badDate.message)).toEqual([
      expect.objectContaining({
        path: ['measures', 0, 'dueOn'],
        message: 'Ngày cần dạng YYYY-MM-DD và là ngày có thật',
      }),
    ]);
  });

  it('shows a plan to the roles that may see the case', async () => {
    const plan = await callerFor(t.db, 'leadership').plans.get({ caseId: 'c1' });
    expect(plan.plan?.template).toBe('money_voluntary');
    expect(plan.remaining).toBe('500');
    expect(plan.measures.map((m) => [m.kind, m.dueOn, m.status, m.officer])).toEqual([
      ['verify', '2025-11-20', 'done', 'BDI-1'],
      ['voluntary', '2025-11-28', 'planned', 'BDI-1'],
    ]);
    expect((await rejection(callerFor(t.db, 'officer').plans.get({ caseId: 'c8' }))).code).toBe(
      'FORBIDDEN',
    );
    // Once BDI-1 is responsible for a measure of c8, it reads c8's plan.
    await callerFor(t.db, 'unit_head').plans.addMeasures({
      caseId: 'c8',
      measures: [{ kind: 'other', dueOn: '2025-11-27', officer: 'BDI-1' }],
    });
    expect((await callerFor(t.db, 'officer').plans.get({ caseId: 'c8' })).measures).toHaveLength(2);
    expect((await rejection(callerFor(t.db, 'clerk').plans.get({ caseId: 'h1' }))).code).toBe(
      'FORBIDDEN',
    );
  });

  it('gives an officer its own work; others name an officer they may see', async () => {
    const mine = await callerFor(t.db, 'officer').plans.myWork();
    expect([mine.officer, mine.today, mine.monthFirst, mine.monthLast]).toEqual([
      'BDI-1',
      TODAY,
      '2025-11-01',
      '2025-11-30',
    ]);
    expect([mine.year, mine.month]).toEqual([2026, 2]);
    expect(mine.overdue).toEqual([]);
    // c1's voluntary deadline (28/11) and c8's measure given to BDI-1 (27/11).
    expect(mine.dueThisMonth.map((m) => [m.caseId, m.kind, m.dueOn])).toEqual([
      ['c8', 'other', '2025-11-27'],
      ['c1', 'voluntary', '2025-11-28'],
    ]);
    // Completing c1 (500 đ left) and c8 (400 đ) adds 2 cases and 900 đ.
    expect(mine.gain).toEqual({ cases: '2', money: '900' });
    expect(mine.outlook.cases).toEqual({
      completed: '0',
      target: null,
      gain: '2',
      ifAllDone: '2',
      missingNow: null,
      missingIfAllDone: null,
      reachesTarget: null,
    });
    const other = await rejection(callerFor(t.db, 'officer').plans.myWork({ officer: 'BDI-2' }));
    expect(other.code).toBe('FORBIDDEN');
    const ofBdi2 = await callerFor(t.db, 'unit_head').plans.myWork({ officer: 'BDI-2' });
    // c8's verification, due 20/11, is overdue.
    expect(ofBdi2.overdue.map((m) => [m.caseId, m.kind])).toEqual([['c8', 'verify']]);
    expect(ofBdi2.casesWithoutPlan).toBe(1); // c12
    expect((await rejection(callerFor(t.db, 'unit_head').plans.myWork())).code).toBe('BAD_REQUEST');
  });

  it('shows coverage by officer to the unit head and by unit to the Cục', async () => {
    const head = await callerFor(t.db, 'unit_head').plans.coverage({ unit: 'HN-BDI' });
    expect(head.by).toBe('officer');
    expect(
      head.rows.map((r) => [r.key, r.openCases, r.casesWithPlan, r.overdueMeasures, r.rate]),
    ).toEqual([
      ['BDI-1', 1, 1, 0, '100.00'],
      ['BDI-2', 2, 1, 1, '50.00'],
      [null, 3, 0, 0, '0.00'],
    ]);
    expect([head.total.openCases, head.total.casesWithPlan, head.total.rate]).toEqual([
      6,
      2,
      '33.33',
    ]);
    const cuc = await callerFor(t.db, 'cuc_manager').plans.coverage({ unit: 'HN' });
    expect(cuc.by).toBe('unit');
    expect(cuc.rows.map((r) => [r.key, r.openCases, r.casesWithPlan, r.rate])).toEqual([
      ['HN', 1, 1, '100.00'],
      ['HN-BDI', 6, 2, '33.33'],
    ]);
    expect(cuc.total.rate).toBe('42.86'); // 3 of 7
    expect(
      (await rejection(callerFor(t.db, 'unit_head').plans.coverage({ unit: 'HN' }))).code,
    ).toBe('FORBIDDEN');
  });

  it('lists cases without a plan and overdue measures; an officer only its own', async () => {
    const head = await callerFor(t.db, 'unit_head').plans.uncovered({ unit: 'HN-BDI' });
    expect([head.total, head.rows.map((r) => [r.id, r.remaining])]).toEqual([
      4,
      [
        ['c12', '0'],
        ['c2', '400'],
        ['c7', '100'],
        ['c9', '200'],
      ],
    ]);
    const officer = await callerFor(t.db, 'officer').plans.uncovered({ unit: 'HN-BDI' });
    expect(officer.total).toBe(0);
    const overdue = await callerFor(t.db, 'clerk').plans.overdue({ unit: 'HN-BDI', q: 'C8' });
    expect(overdue.rows.map((r) => [r.caseId, r.kind, r.daysLate])).toEqual([['c8', 'verify', 5]]);
    const mineOverdue = await callerFor(t.db, 'officer').plans.overdue({ unit: 'HN-BDI' });
    expect(mineOverdue.total).toBe(0);
  });
});
