// The reports workflow through the API (issue 8): each step as each role, within and outside the
// account's units, what the page is told the caller may do, the status board by scope, LOCKED as
// an HTTP-mapped error, and the signer on the official forms.
import { testDialects, useTestDatabase } from '@thads/db/testing';
import { TRPCError } from '@trpc/server';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { domainCodeOf } from '../src/index.js';
import { callerFor, importWorkedExample } from './helpers.js';

const BDI = { unit: 'HN-BDI', year: 2017, month: 12 } as const;

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

/** Every text cell of a workbook. */
async function texts(base64: string): Promise<string[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const out: string[] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === 'string') out.push(cell.value);
      }),
    ),
  );
  return out;
}

describe.each(await testDialects())('workflow API over $label', (dialect) => {
  const t = useTestDatabase(dialect);
  beforeAll(async () => {
    await importWorkedExample(t.db);
  });

  it('walks HN-BDI 2017/12 from not started to approved, each step as the roles allowed to take it', async () => {
    const head = callerFor(t.db, 'unit_head');
    const manager = callerFor(t.db, 'cuc_manager');
    const clerk = callerFor(t.db, 'clerk');

    const page = await head.workflow.get(BDI);
    expect(page.status).toBe('not_started');
    expect(page.permissions).toEqual({
      canPrepare: true,
      prepareRefusal: null,
      canDecide: false,
      canRequestUnlock: true,
    });
    const managerView = await manager.workflow.get(BDI);
    expect(managerView.permissions.canPrepare).toBe(false);
    expect(managerView.permissions.prepareRefusal).toMatch(/do thủ trưởng đơn vị ký và gửi/);
    const warning = page.findings.find((f) => f.severity === 'warning')!;
    const acknowledgements = { [warning.key]: 'Việc c2 đang chờ Cục xác nhận công khai' };

    // Forms carry no signer before submission.
    const unsigned = await manager.reports.forms({ ...BDI, scope: 'total', format: 'xlsx' });
    expect(await texts(unsigned.base64)).not.toContain('Tài khoản thử (unit_head)');

    // Role refusals (before the input is read) and scope/signing refusals (inside).
    expect((await rejection(clerk.workflow.submit({ ...BDI, acknowledgements }))).code).toBe(
      'FORBIDDEN',
    );
    const byManager = await rejection(manager.workflow.submit({ ...BDI, acknowledgements }));
    expect([byManager.code, domainCodeOf(byManager)]).toEqual(['FORBIDDEN', 'FORBIDDEN']);
    expect((await rejection(head.workflow.submit({ ...BDI, acknowledgements: {} }))).code).toBe(
      'BAD_REQUEST',
    );

    await head.workflow.saveDraft({ ...BDI, acknowledgements });
    expect(
      (await head.workflow.get(BDI)).findings.find((f) => f.key === warning.key)?.comment,
    ).toBe('Việc c2 đang chờ Cục xác nhận công khai');
    const submitted = await head.workflow.submit({ ...BDI, acknowledgements });
    expect(submitted.version).toBe(1);
    expect((await rejection(head.workflow.approve(BDI))).code).toBe('FORBIDDEN');
    expect((await rejection(callerFor(t.db, 'leadership').workflow.approve(BDI))).code).toBe(
      'FORBIDDEN',
    );
    expect((await rejection(manager.workflow.returnReport({ ...BDI, reason: '' }))).code).toBe(
      'BAD_REQUEST',
    );
    await manager.workflow.returnReport({ ...BDI, reason: 'Cần bổ sung giải trình' });
    expect((await head.workflow.get(BDI)).status).toBe('returned');
    await head.workflow.submit({ ...BDI, acknowledgements });
    await manager.workflow.approve(BDI);

    const approved = await manager.workflow.get(BDI);
    expect([approved.status, approved.currentVersion, approved.locksThrough]).toEqual([
      'approved',
      2,
      '2017-09-30',
    ]);
    expect(approved.versions.every((v) => v.verified && /^[0-9a-f]{64}$/.test(v.hash))).toBe(true);
    const v1 = await clerk.workflow.version({ ...BDI, version: 1 });
    expect(v1.content.signer.name).toBe('Tài khoản thử (unit_head)');

    // The forms now carry the signer under "Thủ trưởng đơn vị".
    const signed = await manager.reports.forms({ ...BDI, scope: 'total', format: 'xlsx' });
    expect(await texts(signed.base64)).toContain('Tài khoản thử (unit_head)');

    // The lock answers 412 with the domain code LOCKED.
    const locked = await rejection(
      manager.aggregates.save({ ...BDI, cases: { broughtForward: '4' }, money: {} }),
    );
    expect([locked.code, domainCodeOf(locked)]).toEqual(['PRECONDITION_FAILED', 'LOCKED']);

    // Unlock: a clerk asks within its unit, not for the Cục; the manager grants.
    expect(
      (
        await rejection(
          clerk.workflow.requestUnlock({
            unit: 'HN',
            year: 2017,
            month: 12,
            reason: 'Sửa số liệu',
          }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    const { id } = await clerk.workflow.requestUnlock({
      ...BDI,
      reason: 'Nhập thiếu một khoản thu',
    });
    expect((await head.workflow.unlockRequests({ status: 'pending' })).map((r) => r.id)).toEqual([
      id,
    ]);
    expect((await rejection(head.workflow.decideUnlock({ id, grant: true }))).code).toBe(
      'FORBIDDEN',
    );
    const decided = await manager.workflow.decideUnlock({ id, grant: true });
    expect(decided.reopened).toEqual([{ unit: 'HN-BDI', scope: 'total', year: 2017, month: 12 }]);
    expect((await head.workflow.get(BDI)).status).toBe('returned');
  });

  it('keeps branch accounts to their units and officers out', async () => {
    const head = callerFor(t.db, 'unit_head');
    expect((await rejection(head.workflow.get({ unit: 'HN', year: 2017, month: 12 }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await rejection(callerFor(t.db, 'officer').workflow.get(BDI))).code).toBe('FORBIDDEN');
    const board = await head.workflow.board({ year: 2017, month: 11 });
    expect(board.map((r) => `${r.unit}/${r.scope}`)).toEqual(['HN-BDI/total']);
    const all = await callerFor(t.db, 'leadership').workflow.board({ year: 2017, month: 11 });
    expect(all.map((r) => `${r.unit}/${r.scope}:${r.status}:${r.timeliness}`)).toEqual([
      'HN/own:not_started:overdue',
      'HN/total:not_started:overdue',
      'HN-BDI/total:not_started:overdue',
    ]);
  });

  it('aggregate entry: preview and save by the Cục manager, reconciliation for readers', async () => {
    const manager = callerFor(t.db, 'cuc_manager');
    const preview = await manager.aggregates.preview({
      cases: { broughtForward: '4', newlyReceived: '6', totalReceived: '11' },
      money: {},
    });
    expect(preview.findings.map((f) => f.rule)).toEqual(['V1']);
    const period = { unit: 'HN-BDI', year: 2017, month: 6 };
    const saved = await manager.aggregates.save({
      ...period,
      cases: { broughtForward: '4', newlyReceived: '5' },
      money: { broughtForward: '2700' },
    });
    expect(saved).toMatchObject({ source: 'aggregate', cases: { totalReceived: 9 } });
    expect(await callerFor(t.db, 'clerk').aggregates.get(period)).toMatchObject({
      cases: { broughtForward: '4', newlyReceived: '5', totalReceived: null },
    });
    expect(await callerFor(t.db, 'clerk').aggregates.periods()).toEqual([
      { unit: 'HN-BDI', year: 2017, month: 6, measures: ['cases', 'money'] },
    ]);
    const reconciliation = await callerFor(t.db, 'leadership').aggregates.reconcile(period);
    expect(
      reconciliation.lines.find((l) => l.line === 'broughtForward' && l.measure === 'cases'),
    ).toMatchObject({
      aggregate: '4',
      registry: '4',
      difference: '0',
    });
    expect(
      (
        await rejection(
          callerFor(t.db, 'unit_head').aggregates.save({ ...period, cases: {}, money: {} }),
        )
      ).code,
    ).toBe('FORBIDDEN');
    await manager.aggregates.save({ ...period, cases: {}, money: {} });
  });
});
