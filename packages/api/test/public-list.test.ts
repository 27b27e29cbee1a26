// The publicList procedures over the worked example (statistics.md §11, §12): who may do what,
// scope by unit, and the JSON that crosses the wire.
import { testDialects, useTestDatabase } from '@thads/db/testing';
import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { callerFor, importWorkedExample } from './helpers.js';

const C2 = { caseId: 'c2', decisionNo: '12/QĐ-CCTHADS', decisionDate: '2017-02-01' };

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe.each(await testDialects())('publicList over $label', (dialect) => {
  const t = useTestDatabase(dialect);
  beforeAll(async () => {
    await importWorkedExample(t.db);
  });

  it('the queue holds c2, awaiting confirmation; money as a string', async () => {
    const queue = await callerFor(t.db, 'unit_head').publicList.entries({
      unit: 'HN-BDI',
      statuses: ['awaiting'],
    });
    expect(queue).toMatchObject([
      {
        ...C2,
        unit: 'HN-BDI',
        ground: 'a',
        remaining: '500',
        status: 'awaiting',
        publishedOn: null,
      },
    ]);
  });

  it('a branch account sees only its units; leadership reads everything but writes nothing', async () => {
    expect(
      (await rejection(callerFor(t.db, 'clerk').publicList.entries({ unit: 'HN' }))).code,
    ).toBe('FORBIDDEN');
    expect(await callerFor(t.db, 'leadership').publicList.entries({ unit: 'HN' })).toHaveLength(1);
    expect((await rejection(callerFor(t.db, 'leadership').publicList.confirm(C2))).code).toBe(
      'FORBIDDEN',
    );
    expect((await rejection(callerFor(t.db, 'unit_head').publicList.confirm(C2))).code).toBe(
      'FORBIDDEN',
    );
    expect((await rejection(callerFor(t.db, null).publicList.entries({ unit: 'HN' }))).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it('reconciliation: the V12 warning for c2 until the Cục confirms its publication', async () => {
    const api = callerFor(t.db, 'cuc_manager');
    const before = await api.publicList.reconciliation({ unit: 'HN', year: 2017, month: 12 });
    expect(before.unpublished.map((r) => r.caseId)).toEqual(['c2']);
    expect(before.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(['V12 warning']);
    expect(
      (await api.reports.get({ unit: 'HN-BDI', year: 2017, month: 12, scope: 'total' })).validation,
    ).toHaveLength(1);

    const record = await api.publicList.confirm({ ...C2, publishedOn: '2017-02-01' });
    expect(record).toMatchObject({
      publishedOn: '2017-02-01',
      source: 'confirmed',
      recordedBy: 'test-cuc_manager',
    });
    expect(
      (await api.publicList.reconciliation({ unit: 'HN', year: 2017, month: 12 })).findings,
    ).toEqual([]);
    expect(
      (await api.reports.get({ unit: 'HN-BDI', year: 2017, month: 12, scope: 'total' })).validation,
    ).toEqual([]);
    expect((await rejection(api.publicList.confirm(C2))).code).toBe('CONFLICT');
  });

  it('confirmMany: today by default, idempotent', async () => {
    const api = callerFor(t.db, 'cuc_manager');
    expect(await api.publicList.confirmMany({ entries: [C2] })).toEqual({
      created: 0,
      unchanged: 1,
    });
    expect((await rejection(api.publicList.confirmMany({ entries: [] }))).code).toBe('BAD_REQUEST');
    expect(
      (await rejection(callerFor(t.db, 'clerk').publicList.confirmMany({ entries: [C2] }))).code,
    ).toBe('FORBIDDEN');
  });

  it('address withholding needs a reason; the audit trail names the manager', async () => {
    const api = callerFor(t.db, 'cuc_manager');
    const bad = await rejection(api.publicList.withholdAddress({ caseId: 'c2', reason: ' ' }));
    expect(bad.code).toBe('BAD_REQUEST');
    await api.publicList.withholdAddress({
      caseId: 'c2',
      reason: 'Người phải thi hành án bị đe dọa',
    });
    const [entry] = await api.publicList.entries({ unit: 'HN-BDI' });
    expect(entry).toMatchObject({
      addressWithheld: true,
      withholdingReason: 'Người phải thi hành án bị đe dọa',
    });
    const audit = await api.audit.list({ entity: 'public_list_withholding' });
    expect(audit.records.map((r) => [r.actor, r.action, r.entityId])).toEqual([
      ['test-cuc_manager', 'create', 'c2'],
    ]);
  });

  it('automatic publication: set and read back', async () => {
    const api = callerFor(t.db, 'cuc_manager');
    expect(await api.publicList.setAutoPublish({ autoPublishFrom: '2025-11-25' })).toEqual({
      recorded: 0,
    });
    expect(await api.publicList.settings()).toMatchObject({ autoPublishFrom: '2025-11-25' });
    expect(
      (await rejection(api.publicList.setAutoPublish({ autoPublishFrom: '2025-02-30' }))).code,
    ).toBe('BAD_REQUEST');
  });

  it('re-verification: c2 is overdue; an officer account sees only its own cases', async () => {
    const list = await callerFor(t.db, 'unit_head').publicList.reverification({ unit: 'HN-BDI' });
    expect(list.map((i) => [i.caseId, i.lastVerification, i.due, i.overdue])).toEqual([
      ['c2', '2017-02-01', '2017-08-01', true],
    ]);
    expect(await callerFor(t.db, 'officer').publicList.reverification({ unit: 'HN-BDI' })).toEqual(
      [],
    );
  });
});
