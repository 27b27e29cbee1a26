// The public list on both dialects (statistics.md §11, issue 10): the lifecycle from an unable
// decision to publication to its ending, the name search, the address withholding, the automatic
// setting, the reconciliation (V12) with planted mismatches, and the re-verification due list.
import { testDialects, useTestDatabase } from '@thads/db/testing';
import { TT01_2013 } from '@thads/domain';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  confirmPublication,
  confirmPublications,
  getPublicListSettings,
  importCases,
  listPublicListEntries,
  publicListPage,
  publicListReconciliation,
  publicListRows,
  releaseAddress,
  resolveReport,
  reverificationDueList,
  setAutoPublication,
  withdrawPublication,
  withholdAddress,
  type Database,
} from '../src/index.js';
import { TODAY, csv, expectDomainError, expectOk, importWorkedExample } from './helpers.js';

const ACTOR = { username: 'quanly', role: 'cuc_manager' };
const AT = new Date('2025-11-25T02:00:00Z');
const C2 = { caseId: 'c2', decisionNo: '12/QĐ-CCTHADS', decisionDate: '2017-02-01' };

const CASE_HEADER =
  'case_id,unit,received_on,amount,officer,judgment_ref,decision_no,decision_date,obligation,debtor_name,debtor_address,reverify_yearly';

/** Debtors of the public-list tests, all in HN-BDI, besides the worked example. */
async function importDebtors(db: Kysely<Database>): Promise<void> {
  expectOk(
    await importCases(
      db,
      {
        cases: csv(
          'cases.csv',
          CASE_HEADER,
          'p1,HN-BDI,2017-01-02,12345678901234567,BDI-1,"Bản án số 10/2016/DS-ST ngày 01/06/2016 của TAND quận Ba Đình",15/QĐ-CCTHADS,2017-01-03,Trả nợ vay,Đặng Văn Đức,"Số 1 phố Đội Cấn, Ba Đình",',
          'p2,HN-BDI,2017-01-02,900,BDI-2,BA 2/2016,16/QĐ-CCTHADS,2017-01-03,Bồi thường thiệt hại,Nguyễn Thị Hồng,"Số 2 Kim Mã",true',
          'p3,HN-BDI,2017-01-02,800,,BA 3/2016,17/QĐ-CCTHADS,2017-01-03,Án phí,Trần Văn Dũng,"Số 3 Liễu Giai",',
          'h2,HN,2017-01-02,700,,BA 4/2016,18/QĐ-THA,2017-01-03,Trả tiền,Đặng Thị Dung,"Số 4 Hàng Bông",',
        ),
        events: csv(
          'events.csv',
          'case_id,date,kind,amount,officer,ground,decision_no',
          'p1,2017-02-01,pay,1000,,,',
          'p1,2017-03-01,unable,,,a,20/QĐ-CCTHADS',
          'p2,2017-03-01,unable,,,c,21/QĐ-CCTHADS',
          'p3,2017-03-01,unable,,,b,22/QĐ-CCTHADS',
          'h2,2017-03-02,unable,,,a,23/QĐ-THA',
        ),
      },
      { today: TODAY },
    ),
  );
}

async function setEvents(db: Kysely<Database>, caseId: string, ...rows: string[]): Promise<void> {
  expectOk(
    await importCases(
      db,
      {
        cases: csv('cases.csv', 'case_id,unit,received_on,amount'),
        events: csv(
          'events.csv',
          'case_id,date,kind,amount,officer,ground,decision_no',
          ...rows.map((r) => `${caseId},${r}`),
        ),
      },
      { today: TODAY },
    ),
  );
}

function brief(r: { rule: string; severity: string; measure: string }): string {
  return `${r.rule} ${r.severity} ${r.measure}`;
}

describe.each(await testDialects())('public list on $label', (dialect) => {
  describe('the worked example (statistics.md §12)', () => {
    const t = useTestDatabase(dialect);
    beforeAll(async () => {
      await importWorkedExample(t.db);
    });

    it('shows exactly one V12 warning, for c2 (N, not published), on the reports that count c2', async () => {
      const report = (request: Parameters<typeof resolveReport>[1]) => resolveReport(t.db, request);
      for (const request of [
        { unit: 'HN-BDI', year: 2017, month: 12 },
        { unit: 'HN', year: 2017, month: 12, scope: 'total' as const },
        { unit: 'HN-BDI', year: 2017, month: 12, unassigned: true },
      ]) {
        const r = await report(request);
        expect(r.validation.map(brief), JSON.stringify(request)).toEqual(['V12 warning cases']);
        expect(r.validation[0]!.message).toMatch(
          /việc c2 chưa có điều kiện thi hành tại ngày 30\/09\/2017/,
        );
      }
      for (const request of [
        { unit: 'HN', year: 2017, month: 12, scope: 'own' as const },
        { unit: 'HN-BDI', year: 2017, month: 12, officer: 'BDI-1' },
        { unit: 'HN-BDI', year: 2017, month: 12, officer: 'BDI-2' },
        // c2's decision is dated 2017-02-01: month 4 (January) has no N case yet.
        { unit: 'HN-BDI', year: 2017, month: 4 },
      ])
        expect((await report(request)).validation, JSON.stringify(request)).toEqual([]);
    });

    it('once c2 is published on its decision date, the reports have no findings', async () => {
      await confirmPublication(t.db, { ...C2, publishedOn: '2017-02-01', actor: ACTOR, at: AT });
      expect(
        (await resolveReport(t.db, { unit: 'HN-BDI', year: 2017, month: 12 })).validation,
      ).toEqual([]);
      // Published only from 2017-02-10: the report of month 5 (up to 2017-02-28) is fine, and so
      // would be every later one; there is no earlier N period.
      expect(
        (await resolveReport(t.db, { unit: 'HN-BDI', year: 2017, month: 5 })).validation,
      ).toEqual([]);
    });
  });

  describe('lifecycle: decision → publication → ending', () => {
    const t = useTestDatabase(dialect);
    beforeAll(async () => {
      await importWorkedExample(t.db);
      await importDebtors(t.db);
    });

    it('an unable decision creates an entry awaiting publication, not on the public page', async () => {
      const queue = await listPublicListEntries(t.db, {
        units: ['HN-BDI'],
        today: TODAY,
        statuses: ['awaiting'],
      });
      expect(queue.map((e) => [e.caseId, e.decisionNo, e.ground, e.remaining])).toEqual([
        ['p1', '20/QĐ-CCTHADS', 'a', 12345678901233567n],
        ['p2', '21/QĐ-CCTHADS', 'c', 900n],
        ['p3', '22/QĐ-CCTHADS', 'b', 800n],
        ['c2', '12/QĐ-CCTHADS', 'a', 500n],
      ]);
      expect((await publicListPage(t.db, { today: TODAY })).total).toBe(0);
    });

    it('confirmed publication puts the §11 fields on the page; a later date only schedules it', async () => {
      await confirmPublication(t.db, {
        caseId: 'p1',
        decisionNo: '20/QĐ-CCTHADS',
        decisionDate: '2017-03-01',
        publishedOn: '2017-03-05',
        actor: ACTOR,
        at: AT,
      });
      await confirmPublication(t.db, {
        caseId: 'p2',
        decisionNo: '21/QĐ-CCTHADS',
        decisionDate: '2017-03-01',
        publishedOn: '2025-12-01',
        actor: ACTOR,
        at: AT,
      });
      const page = await publicListPage(t.db, { today: TODAY });
      expect(page.total).toBe(1);
      expect(page.rows).toEqual([
        {
          unit: 'HN-BDI',
          unitName: 'Chi cục THADS quận Ba Đình',
          debtorName: 'Đặng Văn Đức',
          debtorAddress: 'Số 1 phố Đội Cấn, Ba Đình',
          addressWithheld: false,
          judgmentRef: 'Bản án số 10/2016/DS-ST ngày 01/06/2016 của TAND quận Ba Đình',
          enforcementDecisionNo: '15/QĐ-CCTHADS',
          enforcementDecisionDate: '2017-01-03',
          obligation: 'Trả nợ vay',
          remaining: 12345678901233567n,
          ground: 'a',
          decisionNo: '20/QĐ-CCTHADS',
          decisionDate: '2017-03-01',
          publishedOn: '2017-03-05',
        },
      ]);
      // p2 appears on its publication date.
      expect((await publicListPage(t.db, { today: '2025-12-01' })).total).toBe(2);
      const audit = await t.db
        .selectFrom('audit_log')
        .select(['actor', 'entity', 'action', 'unit'])
        .where('entity', '=', 'public_list_publication')
        .execute();
      expect(audit).toEqual([
        { actor: 'quanly', entity: 'public_list_publication', action: 'confirm', unit: 'HN-BDI' },
        { actor: 'quanly', entity: 'public_list_publication', action: 'confirm', unit: 'HN-BDI' },
      ]);
    });

    it('refuses a second confirmation, a date before the decision, and an unknown decision', async () => {
      const p1 = { caseId: 'p1', decisionNo: '20/QĐ-CCTHADS', decisionDate: '2017-03-01' };
      await expectDomainError(
        confirmPublication(t.db, { ...p1, publishedOn: '2017-04-01', actor: ACTOR, at: AT }),
        'CONFLICT',
      );
      await expectDomainError(
        confirmPublication(t.db, {
          ...p1,
          caseId: 'p3',
          decisionNo: '22/QĐ-CCTHADS',
          publishedOn: '2017-02-28',
          actor: ACTOR,
          at: AT,
        }),
        'INVALID_INPUT',
        /trước ngày quyết định/,
      );
      await expectDomainError(
        confirmPublication(t.db, {
          ...p1,
          decisionNo: 'khác',
          publishedOn: '2017-04-01',
          actor: ACTOR,
          at: AT,
        }),
        'NOT_FOUND',
      );
    });

    it('a resume decision ends the entry at once: it keeps the ending decision and leaves the page', async () => {
      await setEvents(
        t.db,
        'p1',
        '2017-02-01,pay,1000,,,',
        '2017-03-01,unable,,,a,20/QĐ-CCTHADS',
        '2025-11-20,resume,,,,31/QĐ-CCTHADS',
      );
      expect((await publicListPage(t.db, { today: TODAY })).total).toBe(0);
      const [entry] = await listPublicListEntries(t.db, { units: ['HN-BDI'], today: TODAY }).then(
        (all) => all.filter((e) => e.caseId === 'p1'),
      );
      expect(entry).toMatchObject({
        status: 'ended',
        publishedOn: '2017-03-05',
        ending: { kind: 'resume', date: '2025-11-20', decisionNo: '31/QĐ-CCTHADS' },
      });
      // The day before the resume it was still on the page.
      expect((await publicListPage(t.db, { today: '2025-11-19' })).total).toBe(1);
    });

    it('termination, completion and exits end it too', async () => {
      await confirmPublication(t.db, {
        caseId: 'p3',
        decisionNo: '22/QĐ-CCTHADS',
        decisionDate: '2017-03-01',
        publishedOn: '2017-03-01',
        actor: ACTOR,
        at: AT,
      });
      expect((await publicListPage(t.db, { today: TODAY })).rows.map((r) => r.debtorName)).toEqual([
        'Trần Văn Dũng',
      ]);
      await setEvents(
        t.db,
        'p3',
        '2017-03-01,unable,,,b,22/QĐ-CCTHADS',
        '2025-11-21,terminate,,,,',
      );
      expect((await publicListPage(t.db, { today: TODAY })).total).toBe(0);
    });
  });

  describe('confirming many at once', () => {
    const t = useTestDatabase(dialect);
    beforeAll(async () => {
      await importWorkedExample(t.db);
      await importDebtors(t.db);
    });

    it('is all or nothing, and leaves existing records as they are', async () => {
      const p1 = { caseId: 'p1', decisionNo: '20/QĐ-CCTHADS', decisionDate: '2017-03-01' };
      const p2 = { caseId: 'p2', decisionNo: '21/QĐ-CCTHADS', decisionDate: '2017-03-01' };
      await confirmPublication(t.db, { ...p1, publishedOn: '2017-03-02', actor: ACTOR, at: AT });
      await expectDomainError(
        confirmPublications(t.db, {
          records: [
            { ...p2, publishedOn: '2017-03-01' },
            { ...C2, publishedOn: '2017-01-31' },
          ],
          actor: ACTOR,
          at: AT,
        }),
        'INVALID_INPUT',
        /việc c2/i,
      );
      expect((await publicListPage(t.db, { today: TODAY })).total).toBe(1);
      const result = await confirmPublications(t.db, {
        records: [
          { ...p1, publishedOn: '2017-04-01' },
          { ...p2, publishedOn: '2017-03-01' },
          { ...C2, publishedOn: '2017-02-01' },
        ],
        actor: ACTOR,
        at: AT,
      });
      expect(result).toEqual({ created: 2, unchanged: 1 });
      const rows = (await publicListPage(t.db, { today: TODAY })).rows;
      expect(rows.map((r) => [r.decisionNo, r.publishedOn])).toEqual([
        ['20/QĐ-CCTHADS', '2017-03-02'],
        ['21/QĐ-CCTHADS', '2017-03-01'],
        ['12/QĐ-CCTHADS', '2017-02-01'],
      ]);
    });
  });

  describe('search, unit filter, pagination, withholding', () => {
    const t = useTestDatabase(dialect);
    beforeAll(async () => {
      await importWorkedExample(t.db);
      await importDebtors(t.db);
      await setAutoPublication(t.db, { autoPublishFrom: '2017-01-01', actor: ACTOR, at: AT });
    });

    it('the automatic setting publishes every decision on its decision date', async () => {
      const page = await publicListPage(t.db, { today: TODAY });
      expect(page.rows.map((r) => [r.debtorName, r.publishedOn])).toEqual([
        ['Đặng Thị Dung', '2017-03-02'],
        ['Đặng Văn Đức', '2017-03-01'],
        ['Nguyễn Thị Hồng', '2017-03-01'],
        ['Trần Văn Dũng', '2017-03-01'],
        [null, '2017-02-01'],
      ]);
    });

    it('name search folds case, diacritics and đ, and matches substrings', async () => {
      const names = async (q: string) =>
        (await publicListPage(t.db, { today: TODAY, q })).rows.map((r) => r.debtorName);
      expect(await names('dang van duc')).toEqual(['Đặng Văn Đức']);
      expect(await names('ĐẶNG')).toEqual(['Đặng Thị Dung', 'Đặng Văn Đức']);
      expect(await names('dung')).toEqual(['Đặng Thị Dung', 'Trần Văn Dũng']);
      expect(await names('thi  hong')).toEqual(['Nguyễn Thị Hồng']);
      expect(await names('hoàng')).toEqual([]);
      // LIKE's wildcards are plain characters in a search.
      expect(await names('%')).toEqual([]);
      expect(await names('d_ng')).toEqual([]);
      expect(await names('   ')).toHaveLength(5);
    });

    it('filters by unit and pages 1-based with the total', async () => {
      expect(
        (await publicListPage(t.db, { today: TODAY, unit: 'HN' })).rows.map((r) => r.debtorName),
      ).toEqual(['Đặng Thị Dung']);
      const p1 = await publicListPage(t.db, { today: TODAY, unit: 'HN-BDI', pageSize: 2 });
      const p2 = await publicListPage(t.db, { today: TODAY, unit: 'HN-BDI', pageSize: 2, page: 2 });
      const p9 = await publicListPage(t.db, { today: TODAY, unit: 'HN-BDI', pageSize: 2, page: 9 });
      expect([p1.total, p1.pageCount, p1.page, p2.page, p9.page]).toEqual([4, 2, 1, 2, 2]);
      expect([...p1.rows, ...p2.rows].map((r) => r.debtorName)).toEqual([
        'Đặng Văn Đức',
        'Nguyễn Thị Hồng',
        'Trần Văn Dũng',
        null,
      ]);
    });

    it('withholds an address with a reason (audited), and publishes it again', async () => {
      await expectDomainError(
        withholdAddress(t.db, { caseId: 'p2', reason: '  ', actor: ACTOR, at: AT }),
        'INVALID_INPUT',
      );
      await withholdAddress(t.db, {
        caseId: 'p2',
        reason: 'Người phải thi hành án bị đe dọa',
        actor: ACTOR,
        at: AT,
      });
      const [row] = (await publicListRows(t.db, { today: TODAY, q: 'hong' })).filter(Boolean);
      expect(row).toMatchObject({ debtorAddress: null, addressWithheld: true });
      await expectDomainError(
        withholdAddress(t.db, { caseId: 'p2', reason: 'lại', actor: ACTOR, at: AT }),
        'CONFLICT',
      );
      await releaseAddress(t.db, { caseId: 'p2', reason: 'Hết nguy cơ', actor: ACTOR, at: AT });
      expect((await publicListRows(t.db, { today: TODAY, q: 'hong' }))[0]).toMatchObject({
        debtorAddress: 'Số 2 Kim Mã',
        addressWithheld: false,
      });
      const audit = await t.db
        .selectFrom('audit_log')
        .select(['entity', 'entity_id', 'action', 'after'])
        .where('entity', '=', 'public_list_withholding')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => [a.entity_id, a.action])).toEqual([
        ['p2', 'create'],
        ['p2', 'delete'],
      ]);
      expect(audit[0]!.after).toContain('bị đe dọa');
    });

    it('switching the setting off keeps what it published, as automatic records', async () => {
      const result = await setAutoPublication(t.db, {
        autoPublishFrom: null,
        actor: ACTOR,
        at: AT,
      });
      expect(result.recorded).toBe(5);
      expect(await getPublicListSettings(t.db)).toMatchObject({
        autoPublishFrom: null,
        updatedBy: 'quanly',
      });
      expect((await publicListPage(t.db, { today: TODAY })).total).toBe(5);
      // A new decision now waits for confirmation.
      await setEvents(
        t.db,
        'c1',
        '2016-06-01,pay,300,,,',
        '2017-01-10,pay,200,,,',
        '2025-11-01,unable,,,a,40/QĐ',
      );
      expect((await publicListPage(t.db, { today: TODAY })).total).toBe(5);
      expect(
        (
          await listPublicListEntries(t.db, {
            units: ['HN-BDI'],
            today: TODAY,
            statuses: ['awaiting'],
          })
        ).map((e) => [e.caseId, e.remaining]),
      ).toEqual([['c1', 500n]]);
    });
  });

  describe('reconciliation finds planted mismatches', () => {
    const t = useTestDatabase(dialect);
    beforeAll(async () => {
      await importWorkedExample(t.db);
      await importDebtors(t.db);
      // p1 and p2 published; c2 and p3 (N at the end of 2017) never published.
      for (const [caseId, decisionNo] of [
        ['p1', '20/QĐ-CCTHADS'],
        ['p2', '21/QĐ-CCTHADS'],
      ] as const)
        await confirmPublication(t.db, {
          caseId,
          decisionNo,
          decisionDate: '2017-03-01',
          publishedOn: '2017-03-01',
          actor: ACTOR,
          at: AT,
        });
      // p2's unable decision was entered by mistake: the registry is corrected, and the case was
      // in fact postponed and resumed. Its publication record now stands for no decision.
      await setEvents(t.db, 'p2', '2017-03-01,postpone,,,,', '2017-04-01,resume,,,,');
    });

    it('per unit and period: N without publication, and a published entry whose case is not N', async () => {
      const view = await publicListReconciliation(t.db, {
        unit: 'HN-BDI',
        scope: 'total',
        year: 2017,
        month: 12,
      });
      expect(view.unpublished.map((r) => [r.caseId, r.decisionNo, r.publishedOn])).toEqual([
        ['c2', '12/QĐ-CCTHADS', null],
        ['p3', '22/QĐ-CCTHADS', null],
      ]);
      expect(view.notUnable.map((r) => [r.caseId, r.state, r.matchesRegistry])).toEqual([
        ['p2', 'able', false],
      ]);
      expect(view.orphans.map((r) => r.caseId)).toEqual(['p2']);
      expect(view.findings.map((f) => f.message.slice(0, 40))).toHaveLength(3);

      const report = await resolveReport(t.db, { unit: 'HN-BDI', year: 2017, month: 12 });
      expect(report.validation.map(brief)).toEqual([
        'V12 warning cases',
        'V12 warning cases',
        'V12 warning cases',
      ]);
      expect(report.validation.map((f) => /việc (\w+)/.exec(f.message)![1])).toEqual([
        'c2',
        'p2',
        'p3',
      ]);
      // The Cục's total covers HN-BDI plus its own case h2 (N, unpublished).
      const total = await resolveReport(t.db, {
        unit: 'HN',
        scope: 'total',
        year: 2017,
        month: 12,
      });
      expect(total.validation.map((f) => /việc (\w+)/.exec(f.message)![1])).toEqual([
        'c2',
        'h2',
        'p2',
        'p3',
      ]);
    });

    it('the orphan record cannot end an entry by hand while it matches; once withdrawn it is reconciled', async () => {
      await expectDomainError(
        withdrawPublication(t.db, {
          caseId: 'p1',
          decisionNo: '20/QĐ-CCTHADS',
          decisionDate: '2017-03-01',
          withdrawnOn: '2017-04-01',
          reason: 'thử',
          actor: ACTOR,
          at: AT,
        }),
        'CONFLICT',
      );
      await withdrawPublication(t.db, {
        caseId: 'p2',
        decisionNo: '21/QĐ-CCTHADS',
        decisionDate: '2017-03-01',
        withdrawnOn: '2017-04-01',
        reason: 'Quyết định nhập nhầm, đã sửa sổ thụ lý',
        actor: ACTOR,
        at: AT,
      });
      const view = await publicListReconciliation(t.db, {
        unit: 'HN-BDI',
        scope: 'own',
        year: 2017,
        month: 12,
      });
      expect(view.notUnable).toEqual([]);
      expect(view.orphans).toMatchObject([{ caseId: 'p2', withdrawnOn: '2017-04-01' }]);
      // Still a mismatch for the period it was published in while the case was able.
      const march = await publicListReconciliation(t.db, {
        unit: 'HN-BDI',
        scope: 'own',
        year: 2017,
        month: 6,
      });
      expect(march.notUnable.map((r) => r.caseId)).toEqual(['p2']);
    });

    it('an unknown unit is NOT_FOUND, a bad month INVALID_INPUT', async () => {
      await expectDomainError(
        publicListReconciliation(t.db, { unit: 'XX', scope: 'total', year: 2017, month: 12 }),
        'NOT_FOUND',
      );
      await expectDomainError(
        publicListReconciliation(t.db, { unit: 'HN', scope: 'total', year: 2017, month: 13 }),
        'INVALID_INPUT',
      );
    });
  });

  describe('re-verification due list per officer', () => {
    const t = useTestDatabase(dialect);
    beforeAll(async () => {
      await importWorkedExample(t.db);
      await importDebtors(t.db);
      await setEvents(
        t.db,
        'p1',
        '2017-02-01,pay,1000,,,',
        '2017-03-01,unable,,,a,20/QĐ-CCTHADS',
        '2017-08-31,verify,,,,',
      );
    });

    it('6 months after the last verification, 12 when yearly, clamped; overdue flagged', async () => {
      const list = await reverificationDueList(t.db, {
        units: ['HN-BDI'],
        today: '2018-03-01',
        ruleSet: TT01_2013,
      });
      expect(list.map((i) => [i.caseId, i.officer, i.lastVerification, i.due, i.overdue])).toEqual([
        ['c2', null, '2017-02-01', '2017-08-01', true],
        ['p3', null, '2017-03-01', '2017-09-01', true],
        ['p1', 'BDI-1', '2017-08-31', '2018-02-28', true],
        ['p2', 'BDI-2', '2017-03-01', '2018-03-01', false],
      ]);
      const bdi2 = await reverificationDueList(t.db, {
        units: ['HN-BDI'],
        today: '2018-03-01',
        ruleSet: TT01_2013,
        officer: 'BDI-2',
      });
      expect(bdi2.map((i) => [i.caseId, i.debtorName, i.yearly])).toEqual([
        ['p2', 'Nguyễn Thị Hồng', true],
      ]);
      const overdue = await reverificationDueList(t.db, {
        units: ['HN-BDI'],
        today: '2018-03-01',
        ruleSet: TT01_2013,
        overdueOnly: true,
      });
      expect(overdue.map((i) => i.caseId)).toEqual(['c2', 'p3', 'p1']);
    });
  });
});
