// Supervision of "chưa có điều kiện" decisions through the API (issue 7), over the worked example
// of statistics.md §12: the console's `unable` goes through a proposal, who proposes, who reviews
// (the unit head of the case's unit; a Cục manager for the Cục's own cases), leadership reads
// only, and the list, the case's decisions and the badge's count.
import { testDialects, useTestDatabase } from '@thads/db/testing';
import { TRPCError } from '@trpc/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { callerFor, importWorkedExample, sessionFor } from './helpers.js';

async function rejection(promise: Promise<unknown>): Promise<TRPCError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

const C1 = {
  caseId: 'c1',
  decisionDate: '2017-08-01',
  ground: 'b' as const,
  decisionNo: '30/QĐ-CCTHADS',
  verificationNo: '12/BB-XM',
  verificationDate: '2017-07-20',
};

describe.each(await testDialects())('pending decisions over $label', (dialect) => {
  const t = useTestDatabase(dialect, { reset: true });
  beforeEach(async () => {
    await importWorkedExample(t.db);
  });

  it('the console records no unable event directly, nor turns an event into one', async () => {
    const clerk = callerFor(t.db, 'clerk');
    const refused = await rejection(
      clerk.cases.recordEvent({
        caseId: 'c1',
        event: { date: '2017-08-01', kind: 'unable', ground: 'b', decisionNo: '30/QĐ' },
      }),
    );
    expect([refused.code, refused.message]).toEqual([
      'BAD_REQUEST',
      expect.stringMatching(
        /^Quyết định chưa có điều kiện thi hành không ghi trực tiếp: hãy đề xuất/,
      ),
    ]);
    const c1 = await clerk.cases.get({ id: 'c1' });
    const pay = c1.timeline.find((e) => e.kind === 'pay')!;
    const corrected = await rejection(
      clerk.cases.correctEvent({
        caseId: 'c1',
        eventId: pay.id,
        event: { date: pay.date, kind: 'unable', ground: 'a', decisionNo: '1/QĐ' },
        reason: 'Nhập nhầm loại sự kiện',
      }),
    );
    expect(corrected.code).toBe('BAD_REQUEST');
    // c2's unable decision (imported: already checked) can still have its number corrected.
    const c2 = await clerk.cases.get({ id: 'c2' });
    const unable = c2.timeline.find((e) => e.kind === 'unable')!;
    await clerk.cases.correctEvent({
      caseId: 'c2',
      eventId: unable.id,
      event: { date: unable.date, kind: 'unable', ground: 'a', decisionNo: '12a/QĐ-CCTHADS' },
      reason: 'Sửa số quyết định cho đúng bản giấy',
    });
    expect((await clerk.cases.get({ id: 'c1' })).state).toBe('able');
  });

  it('an officer proposes for its own case; the unit head sees it, confirms it, and the case is unable', async () => {
    const officer = callerFor(t.db, 'officer'); // BDI-1, holding c1
    const { id } = await officer.pendingDecisions.propose(C1);
    // c8 is held by BDI-2.
    const other = await rejection(officer.pendingDecisions.propose({ ...C1, caseId: 'c8' }));
    expect(other.code).toBe('FORBIDDEN');

    const head = callerFor(t.db, 'unit_head'); // HN-BDI
    expect(await head.pendingDecisions.count()).toEqual({ toReview: 1 });
    expect(await callerFor(t.db, 'cuc_manager').pendingDecisions.count()).toEqual({ toReview: 0 });
    expect(await callerFor(t.db, 'clerk').pendingDecisions.count()).toEqual({ toReview: 0 });
    const list = await head.pendingDecisions.list({ status: 'pending', toReview: true });
    expect(list.total).toBe(1);
    expect(list.rows[0]).toMatchObject({
      id,
      caseId: 'c1',
      unit: 'HN-BDI',
      ground: 'b',
      verificationNo: '12/BB-XM',
      verificationDate: '2017-07-20',
      remaining: '500',
      proposedBy: 'test-officer',
      status: 'pending',
      mayReview: true,
    });
    const seen = await callerFor(t.db, 'leadership').pendingDecisions.list({ unit: 'HN-BDI' });
    expect(seen.rows.map((r) => [r.caseId, r.mayReview])).toEqual([['c1', false]]);
    expect(
      (await callerFor(t.db, 'leadership').pendingDecisions.ofCase({ caseId: 'c1' })).map(
        (d) => d.status,
      ),
    ).toEqual(['pending']);
    expect((await head.cases.get({ id: 'c1' })).state).toBe('able');

    // A Cục manager does not review a Chi cục's decisions.
    const manager = await rejection(
      callerFor(t.db, 'cuc_manager').pendingDecisions.confirm({ id }),
    );
    expect([manager.code, manager.message]).toEqual([
      'FORBIDDEN',
      'Quyết định chưa có điều kiện của việc thuộc Chi cục THADS quận Ba Đình (HN-BDI) do Thủ trưởng đơn vị đó duyệt',
    ]);
    const { eventId } = await head.pendingDecisions.confirm({ id });
    const c1 = await head.cases.get({ id: 'c1' });
    expect(c1.state).toBe('unable');
    expect(c1.timeline.find((e) => e.id === eventId)).toMatchObject({
      date: '2017-08-01',
      kind: 'unable',
      ground: 'b',
      decisionNo: '30/QĐ-CCTHADS',
    });
    const report = await head.reports.get({
      unit: 'HN-BDI',
      scope: 'total',
      year: 2017,
      month: 12,
    });
    // §12: N 1 case and 400 đồng; c1 adds 1 case and 700 − 200 = 500 đồng.
    expect([report.cases.unable, report.money.unable]).toEqual([2, '900']);
    expect(await head.pendingDecisions.count()).toEqual({ toReview: 0 });
  });

  it('a return needs a reason; the proposer re-proposes or withdraws', async () => {
    const clerk = callerFor(t.db, 'clerk');
    const head = callerFor(t.db, 'unit_head');
    const { id } = await clerk.pendingDecisions.propose(C1);
    const noReason = await rejection(head.pendingDecisions.returnDecision({ id, reason: ' ' }));
    expect(noReason.code).toBe('BAD_REQUEST');
    expect(noReason.message).toMatch(/lý do trả lại/);
    await head.pendingDecisions.returnDecision({ id, reason: 'Thiếu biên bản xác minh lần hai' });
    const [returned] = await clerk.pendingDecisions.ofCase({ caseId: 'c1' });
    expect(returned).toMatchObject({
      status: 'returned',
      returnReason: 'Thiếu biên bản xác minh lần hai',
      reviewedBy: 'test-unit_head',
      mayReview: false,
    });
    await clerk.pendingDecisions.repropose({
      id,
      decisionDate: '2017-08-01',
      ground: 'b',
      decisionNo: '30/QĐ-CCTHADS',
      verificationNo: '13/BB-XM',
      verificationDate: '2017-07-28',
    });
    expect((await head.pendingDecisions.list({ status: 'pending' })).rows[0]).toMatchObject({
      id,
      verificationNo: '13/BB-XM',
      mayReview: true,
    });
    await clerk.pendingDecisions.withdraw({ id });
    expect((await clerk.pendingDecisions.ofCase({ caseId: 'c1' }))[0]!.status).toBe('withdrawn');
    const confirm = await rejection(head.pendingDecisions.confirm({ id }));
    expect(confirm.code).toBe('CONFLICT');
  });

  it('the Cục’s own cases are reviewed by a Cục manager; leadership writes nothing', async () => {
    const manager = callerFor(t.db, 'cuc_manager');
    const h1 = { ...C1, caseId: 'h1', decisionNo: '5/QĐ-CTHADS' };
    const leadership = await rejection(callerFor(t.db, 'leadership').pendingDecisions.propose(h1));
    expect(leadership.code).toBe('FORBIDDEN');
    // A clerk of HN-BDI cannot reach HN's case.
    expect((await rejection(callerFor(t.db, 'clerk').pendingDecisions.propose(h1))).code).toBe(
      'FORBIDDEN',
    );
    const { id } = await manager.pendingDecisions.propose(h1);
    // The head of the Cục's unit is no reviewer: its cases go to a Cục manager.
    const hnHead = callerFor(t.db, sessionFor('unit_head', { unit: 'HN', username: 'truong-hn' }));
    expect((await rejection(hnHead.pendingDecisions.confirm({ id }))).code).toBe('FORBIDDEN');
    expect((await hnHead.pendingDecisions.list({ toReview: true })).total).toBe(0);
    expect(
      (await rejection(callerFor(t.db, 'unit_head').pendingDecisions.confirm({ id }))).code,
    ).toBe('FORBIDDEN');
    expect(await manager.pendingDecisions.count()).toEqual({ toReview: 1 });
    await manager.pendingDecisions.confirm({ id });
    expect((await manager.cases.get({ id: 'h1' })).state).toBe('unable');
  });
});
