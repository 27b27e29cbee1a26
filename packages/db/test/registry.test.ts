// The case registry in the console (issue 5) on both dialects: the columns kept beside each case
// (filled by the migration, the imports and every console write), the case list's filters, sorts,
// pagination and accent-insensitive search, the case detail, intake, recording, correcting and
// removing events (refusals in plain Vietnamese, nothing written), reassignment one by one and in
// bulk (all or nothing), approval locks, and units and officers. Expected values are worked out by
// hand from the worked example of statistics.md §12.
import {
  caseSummaryOf,
  caseSearchText,
  foldForSearch,
  replayCase,
  type CaseState,
} from '@thads/domain';
import { Migrator, sql, type Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  caseDetail,
  correctEvent,
  createCase,
  createOfficer,
  createUnit,
  listCases,
  loadCasesById,
  migrateToLatest,
  migrationProvider,
  recordEvent,
  reassignCases,
  removeEvent,
  resolveReport,
  setOfficerActive,
  setUnitActive,
  updateCase,
  updateOfficer,
  updateUnit,
  type CaseListQuery,
  type Database,
  type RegistryWriteContext,
} from '../src/index.js';
import { testDialects, useTestDatabase } from '../src/testing.js';
import { TODAY, expectDomainError, importWorkedExample } from './helpers.js';

const dialects = await testDialects();

const CLERK = { username: 'vanthu', role: 'clerk' };
const AT = new Date('2025-11-25T03:00:00Z');
const CTX: RegistryWriteContext = { actor: CLERK, at: AT, today: TODAY };
const BDI = ['HN-BDI'];

async function count(db: Kysely<Database>, table: 'case_events' | 'audit_log' | 'cases') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Every case's stored derived columns equal what replaying it gives. */
async function expectDerivedConsistent(db: Kysely<Database>): Promise<void> {
  const rows = await db.selectFrom('cases').selectAll().execute();
  const loaded = await loadCasesById(
    db,
    rows.map((r) => r.id),
  );
  for (const row of rows) {
    const c = loaded.get(row.id)!;
    const r = replayCase({ ...c.facts, events: c.events });
    if (!r.ok) throw new Error(r.violation.message);
    const s = caseSummaryOf(r.replayed);
    expect(
      {
        id: row.id,
        state: row.state,
        since: row.state_since,
        settled: row.settled,
        officer: row.current_officer,
        last: row.last_event_on,
        search: row.search_text,
        debtor: row.debtor_folded,
      },
      row.id,
    ).toEqual({
      id: row.id,
      state: s.state,
      since: s.stateSince,
      settled: s.settled,
      officer: s.officer,
      last: s.lastEventOn,
      search: caseSearchText(c.facts, c.events),
      debtor: foldForSearch(c.facts.debtorName ?? ''),
    });
  }
}

async function ids(db: Kysely<Database>, query: Partial<CaseListQuery>): Promise<string[]> {
  const page = await listCases(db, { units: BDI, offset: 0, limit: 100, ...query });
  expect(page.rows.length).toBe(page.total);
  return page.rows.map((r) => r.id);
}

describe.each(dialects)('the case registry on $label', (dialect) => {
  const t = useTestDatabase(dialect, { reset: true });
  beforeEach(async () => {
    await importWorkedExample(t.db);
  });

  describe('what the imports store beside each case', () => {
    it('state, settled, current officer, last event date and who recorded each event', async () => {
      const rows = await t.db
        .selectFrom('cases')
        .select(['id', 'state', 'settled', 'current_officer', 'last_event_on'])
        .orderBy('id')
        .execute();
      const got = Object.fromEntries(
        rows.map((r) => [
          r.id,
          [r.state, Number(r.settled), r.current_officer, r.last_event_on].join(' '),
        ]),
      );
      expect(got).toEqual({
        c1: 'able 500 BDI-1 2017-01-10',
        c2: 'unable 100  2017-03-01',
        c3: 'transferred 100  2017-05-01',
        c4: 'completed 1000  2016-02-01',
        c5: 'terminated 100  2017-03-01',
        c6: 'withdrawn 0  2017-02-01',
        c7: 'able 0  ',
        c8: 'postponed 0 BDI-2 2016-09-01',
        c9: 'suspended 0  2017-04-01',
        c10: 'completed 700  2017-06-01',
        c11: 'transferred 0  2016-12-01',
        c12: 'able 0 BDI-2 2017-03-01',
        h1: 'able 1000  2017-05-01',
      });
      const recorded = await t.db
        .selectFrom('case_events')
        .select(['recorded_by'])
        .distinct()
        .execute();
      expect(recorded.map((r) => r.recorded_by)).toEqual(['cli']);
      await expectDerivedConsistent(t.db);
    });
  });

  describe('the case list', () => {
    it('pages in byte order of the case id, with the total', async () => {
      const page = await listCases(t.db, { units: BDI, offset: 0, limit: 5 });
      expect(page.total).toBe(12);
      expect(page.rows.map((r) => r.id)).toEqual(['c1', 'c10', 'c11', 'c12', 'c2']);
      const next = await listCases(t.db, { units: BDI, offset: 10, limit: 5 });
      expect(next.rows.map((r) => r.id)).toEqual(['c8', 'c9']);
      const c1 = page.rows[0]!;
      expect(c1).toEqual({
        id: 'c1',
        unit: 'HN-BDI',
        receivedOn: '2016-05-01',
        amount: 1000n,
        settled: 500n,
        remaining: 500n,
        state: 'able',
        stateOn: null,
        officer: 'BDI-1',
        officerName: 'Nguyễn Văn An',
        debtorName: null,
        decisionNo: null,
        lastEventOn: '2017-01-10',
      });
    });

    it('filters by the state now, open or closed, and by officer or unassigned', async () => {
      expect(await ids(t.db, { state: 'able' })).toEqual(['c1', 'c12', 'c7']);
      expect(await ids(t.db, { state: 'open' })).toEqual(['c1', 'c12', 'c2', 'c7', 'c8', 'c9']);
      expect(await ids(t.db, { state: 'closed' })).toEqual(['c10', 'c11', 'c3', 'c4', 'c5', 'c6']);
      expect(await ids(t.db, { officer: 'BDI-2' })).toEqual(['c12', 'c8']);
      expect(await ids(t.db, { officer: null })).toEqual([
        'c10',
        'c11',
        'c2',
        'c3',
        'c4',
        'c5',
        'c6',
        'c7',
        'c9',
      ]);
    });

    it('filters by the state at a date, leaving out cases received after it', async () => {
      // 2017-09-30: D of the §12 report is c1 and c12; N is c2.
      expect(await ids(t.db, { state: 'able', stateOn: '2017-09-30' })).toEqual(['c1', 'c12']);
      expect(await ids(t.db, { state: 'unable', stateOn: '2017-09-30' })).toEqual(['c2']);
      // 2016-10-31: received by then c1, c4, c8, c10, c11; c4 completed, c8 postponed.
      expect(await ids(t.db, { state: 'able', stateOn: '2016-10-31' })).toEqual([
        'c1',
        'c10',
        'c11',
      ]);
      const postponed = await listCases(t.db, {
        units: BDI,
        state: 'postponed',
        stateOn: '2016-10-31',
        offset: 0,
        limit: 10,
      });
      expect(postponed.rows.map((r) => [r.id, r.stateOn, r.state])).toEqual([
        ['c8', 'postponed', 'postponed'],
      ]);
      // Once c8 resumes in 2017, its state at 2016-10-31 comes from its events, not from now.
      await recordEvent(t.db, { caseId: 'c8', event: { date: '2017-01-02', kind: 'resume' } }, CTX);
      const again = await listCases(t.db, {
        units: BDI,
        state: 'postponed',
        stateOn: '2016-10-31',
        offset: 0,
        limit: 10,
      });
      expect(again.rows.map((r) => [r.id, r.stateOn, r.state])).toEqual([
        ['c8', 'postponed', 'able'],
      ]);
      // 2016-12-31: received by then c1, c2, c3, c4, c8, c10, c11; c2 is unable only from
      // 2017-02-01, c8 still postponed, c11 transferred on 2016-12-01.
      expect(await ids(t.db, { state: 'able', stateOn: '2016-12-31' })).toEqual([
        'c1',
        'c10',
        'c2',
        'c3',
      ]);
      const all = await listCases(t.db, {
        units: BDI,
        stateOn: '2017-02-15',
        offset: 0,
        limit: 20,
      });
      expect(Object.fromEntries(all.rows.map((r) => [r.id, r.stateOn]))).toEqual({
        c1: 'able',
        c10: 'able',
        c11: 'transferred',
        c12: 'able',
        c2: 'unable',
        c3: 'able',
        c4: 'completed',
        c5: 'able',
        c6: 'withdrawn',
        c8: 'able', // resumed on 2017-01-02 above
      } satisfies Record<string, CaseState>);
    });

    it('filters by intake period and amount, and sorts by what remains', async () => {
      expect(await ids(t.db, { receivedFrom: '2017-01-01', receivedTo: '2017-03-01' })).toEqual([
        'c12',
        'c5',
        'c6',
        'c9',
      ]);
      expect(await ids(t.db, { amountMin: 500n, amountMax: 800n })).toEqual([
        'c10',
        'c2',
        'c3',
        'c5',
      ]);
      expect(await ids(t.db, { sort: 'remaining', direction: 'desc' })).toEqual([
        'c11',
        'c3',
        'c1',
        'c5',
        'c2',
        'c8',
        'c6',
        'c9',
        'c7',
        'c10',
        'c12',
        'c4',
      ]);
      expect((await ids(t.db, { sort: 'receivedOn' })).slice(0, 3)).toEqual(['c4', 'c10', 'c11']);
    });

    it('searches case ids, debtor names and decision numbers without accents', async () => {
      await createCase(
        t.db,
        {
          id: 'HN-BDI-2025-001',
          unit: 'HN-BDI',
          receivedOn: '2025-01-02',
          amount: 5_000_000n,
          debtorName: 'Nguyễn Văn An',
          decisionNo: '15/QĐ-CCTHADS',
        },
        CTX,
      );
      await createCase(
        t.db,
        {
          id: 'HN-BDI-2025-002',
          unit: 'HN-BDI',
          receivedOn: '2025-01-03',
          amount: 1n,
          debtorName: 'Đặng Văn Đức',
        },
        CTX,
      );
      expect(await ids(t.db, { q: 'nguyen van an' })).toEqual(['HN-BDI-2025-001']);
      expect(await ids(t.db, { q: '  NGUYỄN   văn ' })).toEqual(['HN-BDI-2025-001']);
      expect(await ids(t.db, { q: 'dang van duc' })).toEqual(['HN-BDI-2025-002']);
      expect(await ids(t.db, { q: '15/qd' })).toEqual(['HN-BDI-2025-001']);
      // An event's decision number: c2's unable decision.
      expect(await ids(t.db, { q: '12/QĐ-CCTHADS' })).toEqual(['c2']);
      expect(await ids(t.db, { q: 'hn-bdi-2025' })).toEqual(['HN-BDI-2025-001', 'HN-BDI-2025-002']);
      // LIKE's wildcards are literal; no match spans two fields.
      expect(await ids(t.db, { q: '%' })).toEqual([]);
      expect(await ids(t.db, { q: 'c_' })).toEqual([]);
      expect(await ids(t.db, { q: 'an 15' })).toEqual([]);
      expect(await ids(t.db, { q: 'nguyen', sort: 'debtor' })).toEqual(['HN-BDI-2025-001']);
    });
  });

  describe('the case detail', () => {
    it('facts, money, state, officer, timeline with who recorded, public-list status', async () => {
      const d = await caseDetail(t.db, 'c2', TODAY);
      expect({
        amount: d.amount,
        settled: d.settled,
        remaining: d.remaining,
        state: d.state,
        officer: d.officer,
        unitName: d.unitName,
        lastVerification: d.lastVerification,
        reverificationDue: d.reverificationDue,
      }).toEqual({
        amount: 500n,
        settled: 100n,
        remaining: 400n,
        state: 'unable',
        officer: null,
        unitName: 'Chi cục THADS quận Ba Đình',
        lastVerification: '2017-02-01',
        reverificationDue: '2017-08-01',
      });
      expect(
        d.timeline.map((e) => [e.date, e.kind, e.decisionNo ?? null, e.stateAfter, e.recordedBy]),
      ).toEqual([
        ['2017-02-01', 'unable', '12/QĐ-CCTHADS', 'unable', 'cli'],
        ['2017-03-01', 'pay', null, 'unable', 'cli'],
      ]);
      expect(d.publicList.map((e) => [e.decisionNo, e.status, e.remaining])).toEqual([
        ['12/QĐ-CCTHADS', 'awaiting', 500n],
      ]);
      await expectDomainError(caseDetail(t.db, 'nope', TODAY), 'NOT_FOUND');
    });
  });

  describe('recording events', () => {
    it('records a payment: settled and remaining change, audited, recorded by the clerk', async () => {
      const audits = await count(t.db, 'audit_log');
      const { id } = await recordEvent(
        t.db,
        { caseId: 'c1', event: { date: '2017-02-01', kind: 'pay', amount: 200n } },
        CTX,
      );
      const d = await caseDetail(t.db, 'c1', TODAY);
      expect([d.settled, d.remaining]).toEqual([700n, 300n]);
      expect(d.timeline.at(-1)).toMatchObject({
        id,
        kind: 'pay',
        amount: 200n,
        recordedBy: 'vanthu',
        recordedAt: AT.toISOString(),
      });
      expect(await count(t.db, 'audit_log')).toBe(audits + 1);
      const audit = await t.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect([audit.entity, audit.entity_id, audit.action, audit.actor, audit.unit]).toEqual([
        'case',
        'c1',
        'event_record',
        'vanthu',
        'HN-BDI',
      ]);
      // The unit's report sees it: money X of HN-BDI 2017 goes from 1700 to 1900.
      const report = await resolveReport(t.db, { unit: 'HN-BDI', year: 2017, month: 12 });
      expect(report.money.lines.completed).toBe(1900n);
      await expectDerivedConsistent(t.db);
    });

    it('refuses a forbidden transition, an over-settlement, a date before intake or after today; nothing written', async () => {
      const before = [await count(t.db, 'case_events'), await count(t.db, 'audit_log')];
      await expectDomainError(
        recordEvent(t.db, { caseId: 'c8', event: { date: '2017-01-01', kind: 'postpone' } }, CTX),
        'INVALID_EVENT',
        /^Không thể ghi “QĐ hoãn thi hành án” ngày 01\/01\/2017: khi đó việc đang hoãn, mà sự kiện này chỉ được ghi khi việc có điều kiện \(đang thi hành\)\.$/,
      );
      await expectDomainError(
        recordEvent(
          t.db,
          { caseId: 'c1', event: { date: '2017-02-01', kind: 'pay', amount: 600n } },
          CTX,
        ),
        'INVALID_EVENT',
        /số tiền 600 đ vượt quá số còn phải thi hành khi đó \(500 đ\)/,
      );
      await expectDomainError(
        recordEvent(t.db, { caseId: 'c9', event: { date: '2017-02-01', kind: 'verify' } }, CTX),
        'INVALID_EVENT',
        /ngày đó trước ngày thụ lý 01\/03\/2017/,
      );
      await expectDomainError(
        recordEvent(t.db, { caseId: 'c1', event: { date: '2025-11-26', kind: 'verify' } }, CTX),
        'INVALID_EVENT',
        /sau ngày hôm nay/,
      );
      // Back-dated: withdrawing c8 before its postponement makes that postponement invalid.
      await expectDomainError(
        recordEvent(t.db, { caseId: 'c8', event: { date: '2016-08-15', kind: 'withdraw' } }, CTX),
        'INVALID_EVENT',
        /^Không thể ghi: khi đó “QĐ hoãn thi hành án” ngày 01\/09\/2016 đã ghi sẽ không còn hợp lệ vì việc đã bị thu hồi/,
      );
      await expectDomainError(
        recordEvent(t.db, { caseId: 'c3', event: { date: '2017-06-01', kind: 'verify' } }, CTX),
        'INVALID_EVENT',
        /việc đã ủy thác đi trước đó/,
      );
      await expectDomainError(
        recordEvent(t.db, { caseId: 'c2', event: { date: '2017-06-01', kind: 'unable' } }, CTX),
        'INVALID_EVENT',
        /căn cứ a, b hoặc c/,
      );
      expect([await count(t.db, 'case_events'), await count(t.db, 'audit_log')]).toEqual(before);
      await expectDerivedConsistent(t.db);
    });

    it('refuses a case outside the account units (FORBIDDEN) and an unknown case (NOT_FOUND)', async () => {
      const branch = { ...CTX, units: new Set(BDI) };
      await expectDomainError(
        recordEvent(t.db, { caseId: 'h1', event: { date: '2017-06-01', kind: 'verify' } }, branch),
        'FORBIDDEN',
      );
      await expectDomainError(
        recordEvent(t.db, { caseId: 'zz', event: { date: '2017-06-01', kind: 'verify' } }, branch),
        'NOT_FOUND',
      );
    });

    it('corrects an event with a reason, replaying the whole history; audited before and after', async () => {
      const c1 = await caseDetail(t.db, 'c1', TODAY);
      const second = c1.timeline[1]!;
      await expectDomainError(
        correctEvent(
          t.db,
          { caseId: 'c1', eventId: second.id, event: { ...second, amount: 250n }, reason: 'sai' },
          CTX,
        ),
        'INVALID_INPUT',
        /lý do/,
      );
      await correctEvent(
        t.db,
        {
          caseId: 'c1',
          eventId: second.id,
          event: { date: '2017-01-10', kind: 'pay', amount: 250n },
          reason: 'Nhập nhầm số tiền theo biên lai',
        },
        CTX,
      );
      const after = await caseDetail(t.db, 'c1', TODAY);
      expect([after.settled, after.timeline[1]!.amount, after.timeline[1]!.recordedBy]).toEqual([
        550n,
        250n,
        'vanthu',
      ]);
      const audit = await t.db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq', 'desc')
        .executeTakeFirstOrThrow();
      expect(audit.action).toBe('event_correct');
      expect(JSON.parse(audit.before!)).toMatchObject({ amount: '200', recordedBy: 'cli' });
      expect(JSON.parse(audit.after!)).toMatchObject({
        amount: '250',
        reason: 'Nhập nhầm số tiền theo biên lai',
      });
      // A correction that breaks a later event is refused.
      await expectDomainError(
        correctEvent(
          t.db,
          {
            caseId: 'c10',
            eventId: (await caseDetail(t.db, 'c10', TODAY)).timeline[0]!.id,
            event: { date: '2017-06-01', kind: 'pay', amount: 600n },
            reason: 'Sửa số tiền đã thu',
          },
          CTX,
        ),
        'INVALID_EVENT',
        /^Không thể sửa thành: khi đó “Thi hành xong” ngày 01\/06\/2017 đã ghi sẽ không còn hợp lệ vì còn 100 đ chưa thi hành/,
      );
      await expectDerivedConsistent(t.db);
    });

    it('removes an event with a reason unless the rest breaks; the public list follows', async () => {
      const c10 = await caseDetail(t.db, 'c10', TODAY);
      await expectDomainError(
        removeEvent(
          t.db,
          { caseId: 'c10', eventId: c10.timeline[0]!.id, reason: 'Ghi trùng biên lai' },
          CTX,
        ),
        'INVALID_EVENT',
        /^Không thể xóa sự kiện này: khi đó “Thi hành xong” ngày 01\/06\/2017 đã ghi sẽ không còn hợp lệ vì còn 700 đ chưa thi hành/,
      );
      const c2 = await caseDetail(t.db, 'c2', TODAY);
      await removeEvent(
        t.db,
        { caseId: 'c2', eventId: c2.timeline[0]!.id, reason: 'Quyết định ghi nhầm việc' },
        CTX,
      );
      const after = await caseDetail(t.db, 'c2', TODAY);
      expect([after.state, after.timeline.length, after.publicList.length]).toEqual(['able', 1, 0]);
      expect(await ids(t.db, { q: '12/qd' })).toEqual([]);
      await expectDerivedConsistent(t.db);
    });
  });

  describe('intake and facts', () => {
    it('takes in a case with its intake officer; refuses duplicates, bad officers and future dates', async () => {
      await createCase(
        t.db,
        {
          id: 'n1',
          unit: 'HN-BDI',
          receivedOn: '2025-11-25',
          amount: 12_000_000_000_000_000n,
          officer: 'BDI-1',
          mode: 'chu_dong',
          debtorName: ' Trần Thị Bình ',
        },
        CTX,
      );
      const n1 = await caseDetail(t.db, 'n1', TODAY);
      expect([n1.state, n1.officer, n1.remaining, n1.facts.debtorName]).toEqual([
        'able',
        'BDI-1',
        12_000_000_000_000_000n,
        'Trần Thị Bình',
      ]);
      await expectDomainError(
        createCase(t.db, { id: 'n1', unit: 'HN-BDI', receivedOn: TODAY, amount: 0n }, CTX),
        'CONFLICT',
      );
      await expectDomainError(
        createCase(
          t.db,
          { id: 'n2', unit: 'HN', receivedOn: TODAY, amount: 0n, officer: 'BDI-1' },
          CTX,
        ),
        'INVALID_INPUT',
        /không thuộc đơn vị HN/,
      );
      await expectDomainError(
        createCase(t.db, { id: 'n2', unit: 'HN-BDI', receivedOn: '2025-11-26', amount: 0n }, CTX),
        'INVALID_INPUT',
        /sau ngày hôm nay/,
      );
      await expectDomainError(
        createCase(
          t.db,
          { id: 'n2', unit: 'HN', receivedOn: TODAY, amount: 0n },
          {
            ...CTX,
            units: new Set(BDI),
          },
        ),
        'FORBIDDEN',
      );
      expect(await count(t.db, 'cases')).toBe(14);
    });

    it('corrects facts with a reason, replaying the history against them', async () => {
      await expectDomainError(
        updateCase(
          t.db,
          {
            id: 'c1',
            receivedOn: '2016-05-01',
            amount: 400n,
            officer: 'BDI-1',
            reason: 'Sửa số tiền',
          },
          CTX,
        ),
        'INVALID_EVENT',
        /^Không thể sửa thông tin của việc: khi đó “Thu tiền, chi trả” ngày 10\/01\/2017 đã ghi sẽ không còn hợp lệ vì số tiền 200 đ vượt quá số còn phải thi hành khi đó \(100 đ\)\.$/,
      );
      await updateCase(
        t.db,
        {
          id: 'c1',
          receivedOn: '2016-05-01',
          amount: 1000n,
          officer: 'BDI-1',
          debtorName: 'Phạm Thị Hoa',
          reason: 'Bổ sung tên người phải thi hành án',
        },
        CTX,
      );
      expect(await ids(t.db, { q: 'pham thi hoa' })).toEqual(['c1']);
      await expectDerivedConsistent(t.db);
    });
  });

  describe('reassignment', () => {
    it('assigns in bulk with an event dated today; the same officer is left unchanged', async () => {
      const result = await reassignCases(
        t.db,
        { caseIds: ['c1', 'c2', 'c7', 'c8'], officer: 'BDI-2', decisionNo: '30/QĐ-CCTHADS' },
        CTX,
      );
      expect(result).toEqual({ assigned: 3, unchanged: 1 });
      expect(await ids(t.db, { officer: 'BDI-2' })).toEqual(['c1', 'c12', 'c2', 'c7', 'c8']);
      const c7 = await caseDetail(t.db, 'c7', TODAY);
      expect(c7.timeline).toMatchObject([
        { date: TODAY, kind: 'assign', officer: 'BDI-2', decisionNo: '30/QĐ-CCTHADS' },
      ]);
      await expectDerivedConsistent(t.db);
    });

    it('is all or nothing: a closed case or a case of another unit refuses the whole batch', async () => {
      const before = [await count(t.db, 'case_events'), await count(t.db, 'audit_log')];
      await expectDomainError(
        reassignCases(t.db, { caseIds: ['c1', 'c3'], officer: 'BDI-2' }, CTX),
        'INVALID_EVENT',
        /^Việc c3: Không thể phân công “Phân công chấp hành viên” ngày 25\/11\/2025: việc đã ủy thác đi/,
      );
      await expectDomainError(
        reassignCases(t.db, { caseIds: ['c1', 'h1'], officer: 'BDI-2' }, CTX),
        'INVALID_INPUT',
        /Việc h1 thuộc đơn vị HN/,
      );
      expect([await count(t.db, 'case_events'), await count(t.db, 'audit_log')]).toEqual(before);
      expect(await ids(t.db, { officer: 'BDI-1' })).toEqual(['c1']);
    });
  });

  describe('approval locks', () => {
    it('refuses an event dated on or before the locked date with LOCKED; later dates pass', async () => {
      await t.db
        .insertInto('reports')
        .values({
          unit: 'HN-BDI',
          scope: 'total',
          year: 2017,
          month: 12,
          status: 'approved',
          current_version: 1,
          first_submitted_at: AT.toISOString(),
          locks_through: '2017-09-30',
          draft_acknowledgements: null,
          created_at: AT.toISOString(),
          created_by: 'test',
          updated_at: AT.toISOString(),
          updated_by: 'test',
        })
        .execute();
      await expectDomainError(
        recordEvent(t.db, { caseId: 'c1', event: { date: '2017-09-01', kind: 'verify' } }, CTX),
        'LOCKED',
      );
      const c1 = await caseDetail(t.db, 'c1', TODAY);
      await expectDomainError(
        removeEvent(
          t.db,
          { caseId: 'c1', eventId: c1.timeline[0]!.id, reason: 'Thử xóa khi đã khóa' },
          CTX,
        ),
        'LOCKED',
      );
      await expectDomainError(
        createCase(t.db, { id: 'old', unit: 'HN-BDI', receivedOn: '2017-05-01', amount: 0n }, CTX),
        'LOCKED',
      );
      await recordEvent(t.db, { caseId: 'c1', event: { date: '2017-10-02', kind: 'verify' } }, CTX);
      expect(await reassignCases(t.db, { caseIds: ['c1'], officer: 'BDI-2' }, CTX)).toEqual({
        assigned: 1,
        unchanged: 0,
      });
    });
  });

  describe('units and officers', () => {
    const admin = { actor: { username: 'admin', role: 'admin' }, at: AT };

    it('creates, edits and deactivates units; refuses a cycle and a parent with active children', async () => {
      await createUnit(
        t.db,
        { code: 'HN-HKI', name: 'Chi cục THADS quận Hoàn Kiếm', kind: 'quan', parent: 'HN' },
        admin,
      );
      await expectDomainError(
        createUnit(t.db, { code: 'HN-HKI', name: 'x', kind: 'quan', parent: 'HN' }, admin),
        'CONFLICT',
      );
      await expectDomainError(
        updateUnit(
          t.db,
          { code: 'HN', name: 'Cục THADS Hà Nội', kind: 'cuc', parent: 'HN-HKI' },
          admin,
        ),
        'INVALID_INPUT',
        /vòng lặp/,
      );
      await expectDomainError(
        setUnitActive(t.db, { code: 'HN', active: false }, admin),
        'CONFLICT',
        /còn đơn vị trực thuộc đang hoạt động/,
      );
      await setUnitActive(t.db, { code: 'HN-HKI', active: false }, admin);
      await expectDomainError(
        createCase(t.db, { id: 'k1', unit: 'HN-HKI', receivedOn: TODAY, amount: 0n }, CTX),
        'INVALID_INPUT',
        /ngừng hoạt động/,
      );
      const audits = await t.db
        .selectFrom('audit_log')
        .select(['entity', 'entity_id', 'action'])
        .where('entity', '=', 'unit')
        .orderBy('seq')
        .execute();
      expect(audits.slice(-2)).toEqual([
        { entity: 'unit', entity_id: 'HN-HKI', action: 'create' },
        { entity: 'unit', entity_id: 'HN-HKI', action: 'disable' },
      ]);
    });

    it('an officer who leaves keeps the history of its cases; new assignments are refused', async () => {
      const before = await resolveReport(t.db, {
        unit: 'HN-BDI',
        officer: 'BDI-2',
        year: 2017,
        month: 12,
      });
      expect(await setOfficerActive(t.db, { code: 'BDI-2', active: false }, admin)).toEqual({
        openCases: 2,
      });
      const after = await resolveReport(t.db, {
        unit: 'HN-BDI',
        officer: 'BDI-2',
        year: 2017,
        month: 12,
      });
      expect([after.cases, after.money]).toEqual([before.cases, before.money]);
      expect((await caseDetail(t.db, 'c12', TODAY)).timeline[0]!.officer).toBe('BDI-2');
      await expectDomainError(
        reassignCases(t.db, { caseIds: ['c1'], officer: 'BDI-2' }, CTX),
        'INVALID_INPUT',
        /đã ngừng công tác/,
      );
      await expectDomainError(
        recordEvent(
          t.db,
          { caseId: 'c7', event: { date: '2017-10-06', kind: 'assign', officer: 'BDI-2' } },
          CTX,
        ),
        'INVALID_INPUT',
        /đã ngừng công tác/,
      );
      // Its open cases go to a new officer.
      await createOfficer(t.db, { code: 'BDI-3', name: 'Hoàng Văn Cường', unit: 'HN-BDI' }, admin);
      expect(await reassignCases(t.db, { caseIds: ['c8', 'c12'], officer: 'BDI-3' }, CTX)).toEqual({
        assigned: 2,
        unchanged: 0,
      });
      await expectDomainError(
        updateOfficer(t.db, { code: 'BDI-1', name: 'Nguyễn Văn An', unit: 'HN' }, admin),
        'INVALID_INPUT',
        /không chuyển sang đơn vị khác/,
      );
      await updateOfficer(
        t.db,
        { code: 'BDI-3', name: 'Hoàng Văn Cường (CHV)', unit: 'HN-BDI' },
        admin,
      );
    });
  });
});

describe.each(dialects)('migration 2025-11-30-registry-console on $label', (dialect) => {
  const t = useTestDatabase(dialect);

  it('fills the derived columns of the cases already there', async () => {
    const migrator = new Migrator({ db: t.db, provider: migrationProvider });
    const down = await migrator.migrateTo('2025-11-29-workflow');
    if (down.error) throw down.error;
    const db = t.db as unknown as Kysely<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    await db
      .insertInto('units')
      .values({ code: 'U', name: 'Đơn vị', kind: 'quan', parent: null, active: 1 })
      .execute();
    await db
      .insertInto('officers')
      .values({ code: 'O1', name: 'A', unit: 'U', active: 1 })
      .execute();
    await db
      .insertInto('officers')
      .values({ code: 'O2', name: 'B', unit: 'U', active: 1 })
      .execute();
    await db
      .insertInto('cases')
      .values({
        id: 'x1',
        unit: 'U',
        received_on: '2017-01-01',
        amount: 900n,
        officer: 'O1',
        debtor_name: 'Lê Thị Đào',
        decision_no: '7/QĐ',
        reverify_yearly: 0,
      })
      .execute();
    await db
      .insertInto('cases')
      .values({ id: 'x2', unit: 'U', received_on: '2017-02-01', amount: 0n, reverify_yearly: 0 })
      .execute();
    const events = [
      { seq: 1, date: '2017-02-01', kind: 'pay', amount: 400n },
      { seq: 2, date: '2017-03-01', kind: 'unable', ground: 'c', decision_no: '9/QĐ' },
      { seq: 3, date: '2017-03-02', kind: 'assign', officer: 'O2' },
    ];
    for (const e of events)
      await db
        .insertInto('case_events')
        .values({ case_id: 'x1', ...e })
        .execute();
    await migrateToLatest(t.db);
    const rows = await t.db
      .selectFrom('cases')
      .select([
        'id',
        'state',
        'state_since',
        'settled',
        'current_officer',
        'last_event_on',
        'search_text',
        'debtor_folded',
      ])
      .orderBy('id')
      .execute();
    expect(rows).toEqual([
      {
        id: 'x1',
        state: 'unable',
        state_since: '2017-03-01',
        settled: 400n,
        current_officer: 'O2',
        last_event_on: '2017-03-02',
        search_text: 'x1\nle thi dao\n7/qd\n9/qd',
        debtor_folded: 'le thi dao',
      },
      {
        id: 'x2',
        state: 'able',
        state_since: '2017-02-01',
        settled: 0n,
        current_officer: null,
        last_event_on: null,
        search_text: 'x2',
        debtor_folded: '',
      },
    ]);
    const recorded = await t.db
      .selectFrom('case_events')
      .select(['recorded_by', 'recorded_at'])
      .execute();
    expect(recorded.every((r) => r.recorded_by === null && r.recorded_at === null)).toBe(true);
    await sql`select 1`.execute(t.db);
  });
});
