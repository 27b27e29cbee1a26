// Supervision of "chưa có điều kiện" decisions (issue 7) on both dialects: a proposed decision
// changes nothing in the report, the case or the public list; confirmed, it is an `unable` event on
// its own decision date and the report's N line moves by exactly that case and its remaining money;
// a return needs a reason; a locked period refuses the confirmation until the unlock; who reviews
// what; every step audited. Expected values are worked out by hand from statistics.md §12.
import { Migrator, type Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  assertMayReview,
  caseDetail,
  confirmDecision,
  decisionsOfCase,
  listPendingDecisions,
  listPublicListEntries,
  migrationProvider,
  pendingDecisionCounts,
  proposeDecision,
  publicListPage,
  setAutoPublication,
  recordEvent,
  reproposeDecision,
  resolveReport,
  returnDecision,
  verifyAuditChain,
  withdrawDecision,
  type Database,
  type DecisionInput,
  type RegistryWriteContext,
} from '../src/index.js';
import { testDialects, useTestDatabase } from '../src/testing.js';
import { TODAY, expectDomainError, importWorkedExample } from './helpers.js';

const dialects = await testDialects();

const AT = new Date('2025-11-25T03:00:00Z');
const CLERK: RegistryWriteContext = {
  actor: { username: 'vanthu', role: 'clerk' },
  at: AT,
  today: TODAY,
  units: new Set(['HN-BDI']),
};
const HEAD_BDI = {
  actor: { username: 'truongbdi', role: 'unit_head' },
  at: new Date('2025-11-26T03:00:00Z'),
  today: TODAY,
  units: new Set(['HN-BDI']),
  reviewer: { role: 'unit_head', unit: 'HN-BDI' },
};
const MANAGER = {
  actor: { username: 'quanly', role: 'cuc_manager' },
  at: new Date('2025-11-26T04:00:00Z'),
  today: TODAY,
  units: null,
  reviewer: { role: 'cuc_manager', unit: null },
};

/** c2's decision in the worked example's events. */
const C2_DECISION = '12/QĐ-CCTHADS';

/** c1 (HN-BDI, able, 1000 đồng, 300 paid before S and 200 inside the period). */
const C1: DecisionInput = {
  decisionDate: '2017-08-01',
  ground: 'b',
  decisionNo: '30/QĐ-CCTHADS',
  verificationNo: '12/BB-XM',
  verificationDate: '2017-07-20',
};

async function bdiLines(db: Kysely<Database>) {
  const r = await resolveReport(db, { unit: 'HN-BDI', year: 2017, month: 12 });
  const pick = (lines: typeof r.cases.lines) => ({
    N: lines.unable,
    K: lines.able,
    D: lines.inProgress,
    P: lines.toEnforce,
  });
  return { cases: pick(r.cases.lines), money: pick(r.money.lines) };
}

async function audits(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('audit_log')
    .select(['actor', 'entity', 'entity_id', 'action', 'unit', 'before', 'after'])
    .where('entity', '=', 'pending_decision')
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    actor: r.actor,
    id: r.entity_id,
    action: r.action,
    unit: r.unit,
    after: r.after === null ? null : JSON.parse(r.after),
  }));
}

async function eventCount(db: Kysely<Database>, caseId: string): Promise<number> {
  const row = await db
    .selectFrom('case_events')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('case_id', '=', caseId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function lockBdi(db: Kysely<Database>, through: string | null): Promise<void> {
  if (through === null) {
    await db.updateTable('reports').set({ locks_through: null }).execute();
    return;
  }
  await db
    .insertInto('reports')
    .values({
      unit: 'HN-BDI',
      scope: 'total',
      year: 2017,
      month: 12,
      status: 'approved',
      current_version: 1,
      first_submitted_at: AT.toISOString(),
      locks_through: through,
      draft_acknowledgements: null,
      created_at: AT.toISOString(),
      created_by: 'test',
      updated_at: AT.toISOString(),
      updated_by: 'test',
    })
    .execute();
}

describe.each(dialects)('pending "chưa có điều kiện" decisions on $label', (dialect) => {
  const t = useTestDatabase(dialect, { reset: true });
  beforeEach(async () => {
    await importWorkedExample(t.db);
  });

  it('the worked example before any decision: N 1 case, 400 đồng (§12)', async () => {
    // §12, HN-BDI: cases K 7, N 1, D 2, P 8; money K 2800, N 400, D 500, P 3200.
    expect(await bdiLines(t.db)).toEqual({
      cases: { N: 1n, K: 7n, D: 2n, P: 8n },
      money: { N: 400n, K: 2800n, D: 500n, P: 3200n },
    });
  });

  it('a proposal changes nothing in the report, the case or the public list', async () => {
    // Every decision from 2017 on is published on its decision date: only c2's (§12) is there.
    await setAutoPublication(t.db, { autoPublishFrom: '2017-01-01', actor: MANAGER.actor, at: AT });
    const events = await eventCount(t.db, 'c1');
    const { id } = await proposeDecision(t.db, { caseId: 'c1', ...C1 }, CLERK);
    expect(await bdiLines(t.db)).toEqual({
      cases: { N: 1n, K: 7n, D: 2n, P: 8n },
      money: { N: 400n, K: 2800n, D: 500n, P: 3200n },
    });
    expect(await eventCount(t.db, 'c1')).toBe(events);
    const c1 = await caseDetail(t.db, 'c1', TODAY);
    expect(c1.state).toBe('able');
    expect(c1.publicList).toEqual([]);
    const page = await publicListPage(t.db, { today: TODAY });
    expect(page.rows.map((r) => r.decisionNo)).toEqual([C2_DECISION]);
    expect(
      await listPublicListEntries(t.db, { units: ['HN-BDI'], caseIds: ['c1'], today: TODAY }),
    ).toEqual([]);
    const row = await t.db
      .selectFrom('cases')
      .select('state')
      .where('id', '=', 'c1')
      .executeTakeFirstOrThrow();
    expect(row.state).toBe('able');

    const [pending] = await decisionsOfCase(t.db, 'c1');
    expect(pending).toMatchObject({
      id,
      caseId: 'c1',
      unit: 'HN-BDI',
      unitName: 'Chi cục THADS quận Ba Đình',
      status: 'pending',
      ground: 'b',
      decisionNo: '30/QĐ-CCTHADS',
      decisionDate: '2017-08-01',
      verificationNo: '12/BB-XM',
      verificationDate: '2017-07-20',
      proposedBy: 'vanthu',
      proposedAt: AT.toISOString(),
      reviewedBy: null,
      eventId: null,
      // 1000 − 300 − 200 paid.
      remaining: 500n,
    });
    expect(await pendingDecisionCounts(t.db, ['HN-BDI', 'HN'])).toEqual(new Map([['HN-BDI', 1]]));
    expect(await audits(t.db)).toEqual([
      {
        actor: 'vanthu',
        id: String(id),
        action: 'propose',
        unit: 'HN-BDI',
        after: {
          caseId: 'c1',
          decisionDate: '2017-08-01',
          ground: 'b',
          decisionNo: '30/QĐ-CCTHADS',
          verificationNo: '12/BB-XM',
          verificationDate: '2017-07-20',
          status: 'pending',
        },
      },
    ]);
  });

  it('confirmed, it is an unable event on its decision date: N gains c1 and its 500 đồng', async () => {
    await setAutoPublication(t.db, { autoPublishFrom: '2017-01-01', actor: MANAGER.actor, at: AT });
    const { id } = await proposeDecision(t.db, { caseId: 'c1', ...C1 }, CLERK);
    const { eventId } = await confirmDecision(t.db, { id }, HEAD_BDI);
    // c1 leaves D and K for N: cases N 1 → 2, K 7 → 6, D 2 → 1; money: c1's 200 settled inside the
    // period stays completed, its remainder A − s = 700 − 200 = 500 moves: N 400 → 900,
    // K 2800 → 2300, D 500 → 0. P does not move.
    expect(await bdiLines(t.db)).toEqual({
      cases: { N: 2n, K: 6n, D: 1n, P: 8n },
      money: { N: 900n, K: 2300n, D: 0n, P: 3200n },
    });
    const c1 = await caseDetail(t.db, 'c1', TODAY);
    expect(c1.state).toBe('unable');
    const event = c1.timeline.find((e) => e.id === eventId)!;
    expect(event).toMatchObject({
      date: '2017-08-01',
      kind: 'unable',
      ground: 'b',
      decisionNo: '30/QĐ-CCTHADS',
      recordedBy: 'truongbdi',
    });
    const entries = await listPublicListEntries(t.db, {
      units: ['HN-BDI'],
      caseIds: ['c1'],
      today: TODAY,
    });
    expect(entries.map((e) => [e.decisionNo, e.decisionDate, e.ground])).toEqual([
      ['30/QĐ-CCTHADS', '2017-08-01', 'b'],
    ]);
    const page = await publicListPage(t.db, { today: TODAY });
    expect(page.rows.map((r) => r.decisionNo).sort()).toEqual(
      [C2_DECISION, '30/QĐ-CCTHADS'].sort(),
    );
    const [decision] = await decisionsOfCase(t.db, 'c1');
    expect(decision).toMatchObject({
      status: 'confirmed',
      reviewedBy: 'truongbdi',
      reviewedAt: HEAD_BDI.at.toISOString(),
      eventId,
    });
    expect(await pendingDecisionCounts(t.db, ['HN-BDI'])).toEqual(new Map());
    expect((await audits(t.db)).map((a) => [a.actor, a.action, a.after?.status])).toEqual([
      ['vanthu', 'propose', 'pending'],
      ['truongbdi', 'confirm', 'confirmed'],
    ]);
    const caseAudit = await t.db
      .selectFrom('audit_log')
      .select(['actor', 'action'])
      .where('entity', '=', 'case')
      .where('entity_id', '=', 'c1')
      .where('actor', '<>', 'cli')
      .execute();
    // The check at the proposal (rolled back) left no record: only the confirmation's event.
    expect(caseAudit).toEqual([{ actor: 'truongbdi', action: 'event_record' }]);
    expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true });
  });

  it('a return needs a reason; the returned decision is corrected and re-proposed, or withdrawn', async () => {
    const { id } = await proposeDecision(t.db, { caseId: 'c1', ...C1 }, CLERK);
    await expectDomainError(
      returnDecision(t.db, { id, reason: '  ' }, HEAD_BDI),
      'INVALID_INPUT',
      /lý do/,
    );
    await expectDomainError(returnDecision(t.db, { id, reason: 'sai' }, HEAD_BDI), 'INVALID_INPUT');
    await returnDecision(
      t.db,
      { id, reason: 'Biên bản xác minh chưa có chữ ký người được thi hành án' },
      HEAD_BDI,
    );
    let [d] = await decisionsOfCase(t.db, 'c1');
    expect(d).toMatchObject({
      status: 'returned',
      reviewedBy: 'truongbdi',
      returnReason: 'Biên bản xác minh chưa có chữ ký người được thi hành án',
    });
    // Not confirmable while returned, and the case takes no second open decision.
    await expectDomainError(confirmDecision(t.db, { id }, HEAD_BDI), 'CONFLICT', /Bị trả lại/);
    await expectDomainError(
      proposeDecision(t.db, { caseId: 'c1', ...C1 }, CLERK),
      'CONFLICT',
      /bị trả lại/,
    );
    await reproposeDecision(
      t.db,
      { id, ...C1, verificationNo: '14/BB-XM', verificationDate: '2017-07-25' },
      CLERK,
    );
    [d] = await decisionsOfCase(t.db, 'c1');
    expect(d).toMatchObject({
      status: 'pending',
      verificationNo: '14/BB-XM',
      verificationDate: '2017-07-25',
      returnReason: null,
      reviewedBy: null,
    });
    await returnDecision(t.db, { id, reason: 'Căn cứ b không phù hợp với biên bản' }, HEAD_BDI);
    await withdrawDecision(t.db, { id }, CLERK);
    [d] = await decisionsOfCase(t.db, 'c1');
    expect(d).toMatchObject({ status: 'withdrawn', withdrawnBy: 'vanthu' });
    await expectDomainError(reproposeDecision(t.db, { id, ...C1 }, CLERK), 'CONFLICT');
    // A new proposal is allowed once the case has no open decision.
    await proposeDecision(t.db, { caseId: 'c1', ...C1, ground: 'a' }, CLERK);
    expect(
      (await listPendingDecisions(t.db, { units: ['HN-BDI'], offset: 0, limit: 10 })).rows.map(
        (r) => [r.id === id, r.status, r.ground],
      ),
    ).toEqual([
      [true, 'withdrawn', 'b'],
      [false, 'pending', 'a'],
    ]);
    expect((await audits(t.db)).map((a) => a.action)).toEqual([
      'propose',
      'return',
      'repropose',
      'return',
      'withdraw',
      'propose',
    ]);
    const returned = (await audits(t.db))[1]!;
    expect(returned.after).toEqual({
      status: 'returned',
      reason: 'Biên bản xác minh chưa có chữ ký người được thi hành án',
    });
    expect(await bdiLines(t.db)).toMatchObject({ cases: { N: 1n }, money: { N: 400n } });
  });

  it('only one pending decision per case', async () => {
    await proposeDecision(t.db, { caseId: 'c1', ...C1 }, CLERK);
    await expectDomainError(
      proposeDecision(t.db, { caseId: 'c1', ...C1, decisionNo: '31/QĐ-CCTHADS' }, CLERK),
      'CONFLICT',
      /đang chờ duyệt/,
    );
    // The partial unique index holds even against a write that skips the check.
    await expect(
      t.db
        .insertInto('pending_decisions')
        .values({
          case_id: 'c1',
          unit: 'HN-BDI',
          decision_date: '2017-08-02',
          ground: 'a',
          decision_no: 'x',
          verification_no: 'y',
          verification_date: '2017-08-01',
          status: 'returned',
          return_reason: 'thử',
          proposed_by: 'test',
          proposed_at: AT.toISOString(),
        })
        .execute(),
    ).rejects.toThrow();
  });

  // PGlite is one session without a driver lock: concurrent transactions would interleave there.
  it.skipIf(dialect.label.includes('PGlite'))(
    'two proposals at once for one case: one waits for the other, then is refused',
    async () => {
      const both = await Promise.allSettled([
        proposeDecision(t.db, { caseId: 'c1', ...C1, decisionNo: 'A' }, CLERK),
        proposeDecision(t.db, { caseId: 'c1', ...C1, decisionNo: 'B' }, CLERK),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'CONFLICT' });
      expect((await decisionsOfCase(t.db, 'c1')).map((d) => d.status)).toEqual(['pending']);
    },
  );

  it('refuses what the registry would refuse, and bad fields, naming them; nothing written', async () => {
    // c4 closed in 2016; c8 is postponed and a decision before its intake is refused.
    await expectDomainError(
      proposeDecision(
        t.db,
        { caseId: 'c4', ...C1, decisionDate: '2017-03-01', verificationDate: '2017-02-01' },
        CLERK,
      ),
      'INVALID_EVENT',
    );
    await expectDomainError(
      proposeDecision(t.db, { caseId: 'c1', ...C1, verificationDate: '2017-08-02' }, CLERK),
      'INVALID_INPUT',
      /lập sau ngày quyết định 01\/08\/2017/,
    );
    await expectDomainError(
      proposeDecision(t.db, { caseId: 'c1', ...C1, verificationDate: '2016-04-30' }, CLERK),
      'INVALID_INPUT',
      /trước ngày thụ lý 01\/05\/2016/,
    );
    await expectDomainError(
      proposeDecision(t.db, { caseId: 'c1', ...C1, verificationNo: ' ' }, CLERK),
      'INVALID_INPUT',
      /số biên bản xác minh/,
    );
    await expectDomainError(
      proposeDecision(t.db, { caseId: 'c1', ...C1, decisionDate: '2025-11-26' }, CLERK),
      'INVALID_INPUT',
      /sau ngày hôm nay/,
    );
    await expectDomainError(proposeDecision(t.db, { caseId: 'h1', ...C1 }, CLERK), 'FORBIDDEN');
    await expectDomainError(proposeDecision(t.db, { caseId: 'zz', ...C1 }, CLERK), 'NOT_FOUND');
    expect(await audits(t.db)).toEqual([]);
    expect((await t.db.selectFrom('pending_decisions').selectAll().execute()).length).toBe(0);
    // The rolled-back check left no event or audit record behind.
    expect(await eventCount(t.db, 'c4')).toBe(2);
  });

  it('a date in a locked period: proposed, but confirmed only after the unlock', async () => {
    await lockBdi(t.db, '2017-09-30');
    const { id } = await proposeDecision(t.db, { caseId: 'c1', ...C1 }, CLERK);
    await expectDomainError(
      confirmDecision(t.db, { id }, HEAD_BDI),
      'LOCKED',
      /^Chưa thể xác nhận quyết định số 30\/QĐ-CCTHADS ngày 01\/08\/2017 của việc c1: .*đã khóa đến hết ngày 30\/09\/2017.*yêu cầu mở khóa/,
    );
    const [d] = await decisionsOfCase(t.db, 'c1');
    expect(d!.status).toBe('pending');
    expect((await caseDetail(t.db, 'c1', TODAY)).state).toBe('able');
    expect((await audits(t.db)).map((a) => a.action)).toEqual(['propose']);
    // The unlock (a granted request clears the lock), then the confirmation passes.
    await lockBdi(t.db, null);
    await confirmDecision(t.db, { id }, HEAD_BDI);
    expect((await caseDetail(t.db, 'c1', TODAY)).state).toBe('unable');
  });

  it('a confirmation the history no longer allows is refused with the reason', async () => {
    const { id } = await proposeDecision(t.db, { caseId: 'c1', ...C1 }, CLERK);
    // The case is completed meanwhile (500 paid, then completed).
    await recordEvent(
      t.db,
      { caseId: 'c1', event: { date: '2017-07-01', kind: 'pay', amount: 500n } },
      CLERK,
    );
    await recordEvent(
      t.db,
      { caseId: 'c1', event: { date: '2017-07-02', kind: 'complete' } },
      CLERK,
    );
    await expectDomainError(
      confirmDecision(t.db, { id }, HEAD_BDI),
      'INVALID_EVENT',
      /^Chưa thể xác nhận .*Hãy trả lại quyết định để sửa\.$/,
    );
    expect((await decisionsOfCase(t.db, 'c1'))[0]!.status).toBe('pending');
  });

  it('who reviews: the unit head of the case’s unit; a Cục manager for the Cục’s own cases', async () => {
    const { id } = await proposeDecision(t.db, { caseId: 'c1', ...C1 }, CLERK);
    await expectDomainError(confirmDecision(t.db, { id }, MANAGER), 'FORBIDDEN', /Thủ trưởng/);
    await expectDomainError(
      returnDecision(
        t.db,
        { id, reason: 'Không đủ căn cứ' },
        {
          ...HEAD_BDI,
          units: new Set(['HN', 'HN-BDI']),
          reviewer: { role: 'unit_head', unit: 'HN' },
        },
      ),
      'FORBIDDEN',
    );
    await expectDomainError(
      confirmDecision(t.db, { id }, { ...HEAD_BDI, reviewer: { role: 'clerk', unit: 'HN-BDI' } }),
      'FORBIDDEN',
    );
    // h1 belongs to HN, of kind cuc.
    const manager = { ...MANAGER, reviewer: { role: 'cuc_manager', unit: null } };
    const h1 = await proposeDecision(
      t.db,
      { caseId: 'h1', ...C1, decisionNo: '5/QĐ-CTHADS' },
      { ...CLERK, units: null },
    );
    await expectDomainError(
      assertMayReview(t.db, 'HN', { role: 'unit_head', unit: 'HN' }),
      'FORBIDDEN',
      /Quản lý cấp Cục/,
    );
    await confirmDecision(t.db, { id: h1.id }, manager);
    const r = await resolveReport(t.db, { unit: 'HN', scope: 'own', year: 2017, month: 12 });
    // §12 HN own: h1 is C, D with A = 5000, s = 1000; now N 1 and 4000 (5000 − 1000).
    expect([r.cases.lines.unable, r.money.lines.unable, r.money.lines.inProgress]).toEqual([
      1n,
      4000n,
      0n,
    ]);
  });

  it('the migration goes down and up again', async () => {
    const migrator = new Migrator({ db: t.db, provider: migrationProvider });
    // Down to the migration before it (the later ones go down first).
    const down = await migrator.migrateTo('2025-12-02-plans');
    expect(down.error).toBeUndefined();
    expect(down.results?.map((r) => r.migrationName)).toEqual([
      '2025-12-08-movements-clustered',
      '2025-12-06-public-list-v12',
      '2025-12-05-movement-deltas',
      '2025-12-04-movements',
      '2025-12-03-pending-decisions',
    ]);
    const up = await migrator.migrateToLatest();
    expect(up.error).toBeUndefined();
  });
});
