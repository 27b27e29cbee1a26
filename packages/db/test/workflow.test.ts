// The monthly reports workflow on both dialects (statistics.md §10, issue 8): the state machine with
// who may do each step, immutable versions and their hashes (recomputed here independently), the
// registry lock against console-style edits and imports, unlock requests, "changed since
// submitted", timeliness at the day boundaries in Asia/Ho_Chi_Minh, aggregate entry and its
// reconciliation with the registry. Expected values are worked out by hand from §12.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { testDialects, useTestDatabase, withoutVersionGuards } from '@thads/db/testing';
import { sql, type Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  approveReport,
  assertCaseChangesUnlocked,
  assertRegistryUnlocked,
  currentSignerName,
  decideUnlock,
  getReportVersion,
  getReportWorkflow,
  importAggregate,
  importCases,
  listUnlockRequests,
  loadCasesById,
  recordEvent,
  reconcileAggregateWithRegistry,
  registryLockOf,
  reportStatusBoard,
  requestUnlock,
  returnReport,
  saveAggregateReport,
  saveReportDraft,
  submitReport,
  updateCase,
  verifyVersionRow,
  type Database,
  type ReportKeyInput,
  type WorkflowActor,
} from '../src/index.js';
import { TODAY, csv, expectDomainError, expectOk, importWorkedExample } from './helpers.js';

const HEAD_BDI: WorkflowActor = {
  username: 'truongbadinh',
  name: 'Nguyễn Văn Trưởng',
  role: 'unit_head',
  unit: 'HN-BDI',
};
const HEAD_HN: WorkflowActor = {
  username: 'truongcuc',
  name: 'Lê Thị Cục Trưởng',
  role: 'unit_head',
  unit: 'HN',
};
const MANAGER: WorkflowActor = {
  username: 'quanly',
  name: 'Trần Văn Quản Lý',
  role: 'cuc_manager',
  unit: null,
};
const CLERK: WorkflowActor = { username: 'vanthu', name: 'Văn Thư', role: 'clerk', unit: 'HN-BDI' };

/** Long after every period of the worked example. */
const NOW = new Date('2025-11-25T03:00:00Z');
const BDI_12: ReportKeyInput = { unit: 'HN-BDI', year: 2017, month: 12 };
const HN_OWN_12: ReportKeyInput = { unit: 'HN', scope: 'own', year: 2017, month: 12 };
const HN_TOTAL_12: ReportKeyInput = { unit: 'HN', scope: 'total', year: 2017, month: 12 };

/** A comment for every warning the report has now. */
async function acknowledgeAll(
  db: Kysely<Database>,
  key: ReportKeyInput,
  now = NOW,
): Promise<Record<string, string>> {
  const view = await getReportWorkflow(db, key, now);
  return Object.fromEntries(
    view.findings
      .filter((f) => f.severity === 'warning')
      .map((f) => [f.key, `Đã kiểm tra: ${f.rule}`]),
  );
}

async function submit(db: Kysely<Database>, key: ReportKeyInput, actor: WorkflowActor, now = NOW) {
  return submitReport(
    db,
    { ...key, acknowledgements: await acknowledgeAll(db, key, now) },
    actor,
    now,
  );
}

/**
 * RFC 8785 for the JSON a version holds (objects, arrays, strings, integers, booleans, null),
 * written here independently of the `canonicalize` package: keys sorted by UTF-16 code units,
 * strings as ECMAScript's JSON.stringify writes them, integers in ECMAScript's shortest form.
 */
function jcs(value: unknown): string {
  if (value === null || typeof value === 'boolean') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`unexpected number ${value}`);
    return String(value);
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${jcs(v)}`).join(',')}}`;
}

async function versionRow(
  db: Kysely<Database>,
  key: ReportKeyInput & { scope?: string },
  version: number,
) {
  return db
    .selectFrom('report_versions')
    .selectAll()
    .where('unit', '=', key.unit)
    .where('scope', '=', key.scope ?? 'total')
    .where('year', '=', key.year)
    .where('month', '=', key.month)
    .where('version', '=', version)
    .executeTakeFirstOrThrow();
}

async function count(
  db: Kysely<Database>,
  table: 'case_events' | 'cases' | 'audit_log',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const EVENTS_HEADER = 'case_id,date,kind,amount,officer,ground,decision_no';
const CASES_HEADER = 'case_id,unit,received_on,amount,officer,debtor_name';

/** c1 of §12 with its two payments, plus `extra` event rows; c1's facts as given. */
function c1Extract(facts: string, ...extra: string[]) {
  return {
    cases: csv('cases.csv', CASES_HEADER, facts),
    events: csv(
      'events.csv',
      EVENTS_HEADER,
      'c1,2016-06-01,pay,300,,,',
      'c1,2017-01-10,pay,200,,,',
      ...extra,
    ),
  };
}
const C1 = 'c1,HN-BDI,2016-05-01,1000,BDI-1,';

describe.each(await testDialects())('report workflow on $label', (dialect) => {
  const t = useTestDatabase(dialect, { reset: true });
  beforeEach(async () => {
    await importWorkedExample(t.db);
  });

  describe('the state machine and who may do each step', () => {
    it('draft → submitted (unit head, warnings acknowledged) → returned (reason) → new version → approved', async () => {
      const db = t.db;
      expect((await getReportWorkflow(db, BDI_12, NOW)).status).toBe('not_started');

      // The worked example has one warning: V12 for c2 (N, not published).
      const first = await getReportWorkflow(db, BDI_12, NOW);
      expect(first.findings.map((f) => [f.rule, f.severity])).toEqual([['V12', 'warning']]);
      const key = first.findings[0]!.key;

      await saveReportDraft(db, { ...BDI_12, acknowledgements: { [key]: '  ' } }, HEAD_BDI, NOW);
      expect((await getReportWorkflow(db, BDI_12, NOW)).status).toBe('draft');

      // A warning without a comment blocks the submission.
      await expectDomainError(
        submitReport(db, { ...BDI_12, acknowledgements: {} }, HEAD_BDI, NOW),
        'INVALID_INPUT',
        /giải trình cho 1 cảnh báo/,
      );
      // Nobody but the head of HN-BDI signs it.
      for (const who of [MANAGER, HEAD_HN, CLERK])
        await expectDomainError(
          submitReport(db, { ...BDI_12, acknowledgements: { [key]: 'Đã rà soát' } }, who, NOW),
          'FORBIDDEN',
        );
      const v1 = await submitReport(
        db,
        { ...BDI_12, acknowledgements: { [key]: 'Việc c2 chờ công khai' } },
        HEAD_BDI,
        NOW,
      );
      expect(v1.version).toBe(1);
      expect(v1.hash).toMatch(/^[0-9a-f]{64}$/);
      await expectDomainError(
        submitReport(db, { ...BDI_12, acknowledgements: { [key]: 'x' } }, HEAD_BDI, NOW),
        'CONFLICT',
        /Đã gửi, chờ duyệt/,
      );
      expect(await currentSignerName(db, BDI_12)).toBe('Nguyễn Văn Trưởng');

      // Only a Cục manager approves or returns; returning needs a reason.
      await expectDomainError(approveReport(db, BDI_12, HEAD_BDI, NOW), 'FORBIDDEN');
      await expectDomainError(
        returnReport(db, { ...BDI_12, reason: 'sai' }, HEAD_BDI, NOW),
        'FORBIDDEN',
      );
      await expectDomainError(
        returnReport(db, { ...BDI_12, reason: '   ' }, MANAGER, NOW),
        'INVALID_INPUT',
        /lý do trả lại/,
      );
      const later = new Date('2025-11-26T03:00:00Z');
      await returnReport(
        db,
        { ...BDI_12, reason: 'Cần giải trình rõ hơn về việc c2' },
        MANAGER,
        later,
      );
      const returned = await getReportWorkflow(db, BDI_12, later);
      expect(returned.status).toBe('returned');
      expect(await currentSignerName(db, BDI_12)).toBeNull();
      // The comment of the latest version is offered again.
      expect(returned.findings[0]!.comment).toBe('Việc c2 chờ công khai');
      await expectDomainError(approveReport(db, BDI_12, MANAGER, later), 'CONFLICT');

      const v2 = await submitReport(
        db,
        {
          ...BDI_12,
          acknowledgements: { [key]: 'Việc c2: quyết định số 12 sẽ công khai ngày 01/12' },
        },
        HEAD_BDI,
        later,
      );
      expect(v2.version).toBe(2);
      await approveReport(db, BDI_12, MANAGER, later);
      const approved = await getReportWorkflow(db, BDI_12, later);
      expect(approved.status).toBe('approved');
      expect(approved.currentVersion).toBe(2);
      // Timeliness is the first submission's.
      expect(approved.firstSubmittedAt).toBe(NOW.toISOString());
      expect(approved.locksThrough).toBe('2017-09-30');
      expect(approved.registryLock).toMatchObject({
        unit: 'HN-BDI',
        through: '2017-09-30',
        year: 2017,
        month: 12,
      });
      expect(approved.versions.map((v) => [v.version, v.signerName, v.verified])).toEqual([
        [2, 'Nguyễn Văn Trưởng', true],
        [1, 'Nguyễn Văn Trưởng', true],
      ]);
      expect(approved.actions.map((a) => [a.action, a.version, a.actor, a.reason])).toEqual([
        ['submit', 1, 'truongbadinh', null],
        ['return', 1, 'quanly', 'Cần giải trình rõ hơn về việc c2'],
        ['submit', 2, 'truongbadinh', null],
        ['approve', 2, 'quanly', null],
      ]);
      // The old version stays readable, with its own acknowledgement.
      const old = await getReportVersion(db, { ...BDI_12, version: 1 });
      expect(old.content.findings[0]!.acknowledgement).toEqual({
        comment: 'Việc c2 chờ công khai',
      });
      expect(old.content.previousHash).toBeNull();
      const latest = await getReportVersion(db, { ...BDI_12, version: 2 });
      expect(latest.content.previousHash).toBe(v1.hash);
      await expectDomainError(submit(db, BDI_12, HEAD_BDI, later), 'CONFLICT', /Đã duyệt/);
      await expectDomainError(approveReport(db, BDI_12, MANAGER, later), 'CONFLICT');

      // Every step wrote its audit record.
      const audit = await db
        .selectFrom('audit_log')
        .select(['entity', 'action', 'actor'])
        .where('entity', '=', 'report')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => `${a.action}:${a.actor}`)).toEqual([
        'save_draft:truongbadinh',
        'submit:truongbadinh',
        'return:quanly',
        'submit:truongbadinh',
        'approve:quanly',
      ]);
    });

    it('the Cục: a Cục manager signs its own and the total unless it has a unit head; the total waits for every unit', async () => {
      const db = t.db;
      // No unit head of HN: the Cục manager acts as the Cục's head.
      await expectDomainError(submit(db, HN_OWN_12, HEAD_BDI), 'FORBIDDEN');
      await submit(db, HN_OWN_12, MANAGER);
      await approveReport(db, HN_OWN_12, MANAGER, NOW);
      // The total needs HN-BDI approved too.
      await submit(db, HN_TOTAL_12, MANAGER);
      await expectDomainError(
        approveReport(db, HN_TOTAL_12, MANAGER, NOW),
        'CONFLICT',
        /còn 1 báo cáo chưa được duyệt: HN-BDI – Chưa lập/,
      );
      await submit(db, BDI_12, HEAD_BDI);
      await expectDomainError(
        approveReport(db, HN_TOTAL_12, MANAGER, NOW),
        'CONFLICT',
        /HN-BDI – Đã gửi/,
      );
      await approveReport(db, BDI_12, MANAGER, NOW);
      await approveReport(db, HN_TOTAL_12, MANAGER, NOW);
      const total = await getReportWorkflow(db, HN_TOTAL_12, NOW);
      expect(total.status).toBe('approved');
      // A total adds no lock of its own: HN's registry is locked by its `own` report.
      expect(total.bearsLock).toBe(false);
      expect(total.locksThrough).toBeNull();
      expect((await getReportWorkflow(db, HN_OWN_12, NOW)).locksThrough).toBe('2017-09-30');

      // With an active unit head of HN, the Cục manager no longer signs for the Cục.
      await db
        .insertInto('users')
        .values({
          username: 'truongcuc',
          display_name: 'Lê Thị Cục Trưởng',
          password_hash: 'scrypt$unused',
          role: 'unit_head',
          unit: 'HN',
          officer: null,
          active: 1,
          created_at: NOW.toISOString(),
          updated_at: NOW.toISOString(),
        })
        .execute();
      const HN_OWN_11 = { ...HN_OWN_12, month: 11 };
      await expectDomainError(submit(db, HN_OWN_11, MANAGER), 'FORBIDDEN', /truongcuc/);
      await submit(db, HN_OWN_11, HEAD_HN);
      // A unit head of the Cục does not sign for a Chi cục.
      await expectDomainError(submit(db, { ...BDI_12, month: 11 }, HEAD_HN), 'FORBIDDEN');
    });

    it('a unit without units under it has one report: own is total', async () => {
      await submit(t.db, { ...BDI_12, scope: 'own' }, HEAD_BDI);
      const view = await getReportWorkflow(t.db, BDI_12, NOW);
      expect(view.scope).toBe('total');
      expect(view.status).toBe('submitted');
    });

    it('refuses a period that has not ended, and a report with an error finding (V1–V7)', async () => {
      await expectDomainError(
        submit(t.db, BDI_12, HEAD_BDI, new Date('2017-09-30T16:59:59Z')),
        'CONFLICT',
        /chưa kết thúc/,
      );
      // 2015, month 12 entered as an aggregate report that breaks V1 (T ≠ C + M).
      const bad = { unit: 'HN-BDI', year: 2015, month: 12 };
      await saveAggregateReport(
        t.db,
        {
          ...bad,
          cases: { broughtForward: '3', newlyReceived: '4', totalReceived: '8' },
          money: {},
        },
        MANAGER,
        NOW,
      );
      await expectDomainError(submit(t.db, bad, HEAD_BDI), 'CONFLICT', /còn 1 lỗi.*V1/);
    });
  });

  describe('versions', () => {
    it('stores canonical JSON whose SHA-256 recomputes independently, and never changes', async () => {
      const db = t.db;
      const { hash } = await submit(db, BDI_12, HEAD_BDI);
      const row = await versionRow(db, BDI_12, 1);
      const parsed = JSON.parse(row.content) as Record<string, unknown>;
      // Independent RFC 8785 and SHA-256, and the RFC author's package, agree with what is stored.
      expect(jcs(parsed)).toBe(row.content);
      expect(canonicalize(parsed)).toBe(row.content);
      expect(createHash('sha256').update(row.content, 'utf8').digest('hex')).toBe(hash);
      expect(row.hash).toBe(hash);
      expect(verifyVersionRow(row)).toEqual({ ok: true });
      // What it holds: every line of both measures (money as strings), the finding with its
      // acknowledgement, the signer and the time.
      expect(parsed).toMatchObject({
        format: 'thads-report-version/1',
        unit: 'HN-BDI',
        scope: 'total',
        year: 2017,
        month: 12,
        version: 1,
        submittedAt: NOW.toISOString(),
        signer: { username: 'truongbadinh', name: 'Nguyễn Văn Trưởng', role: 'unit_head' },
        source: 'registry',
      });
      expect(parsed.cases).toMatchObject({
        totalReceived: 10,
        able: 7,
        completed: 3,
        rate: '42.86',
      });
      expect(parsed.money).toMatchObject({
        totalReceived: '5100',
        completed: '1700',
        reduced: '100',
        rate: '60.71',
      });
      expect(parsed.findings).toEqual([
        expect.objectContaining({
          rule: 'V12',
          severity: 'warning',
          acknowledgement: { comment: 'Đã kiểm tra: V12' },
        }),
      ]);

      // The registry changes: the stored version does not.
      expectOk(await importCases(db, c1Extract(C1, 'c1,2017-07-01,pay,100,,,'), { today: TODAY }));
      const again = await versionRow(db, BDI_12, 1);
      expect(again).toEqual(row);

      // The database refuses to change or delete a version.
      await expect(
        db
          .updateTable('report_versions')
          .set({ signer_name: 'Người khác' })
          .where('version', '=', 1)
          .execute(),
      ).rejects.toThrow(/immutable/);
      await expect(db.deleteFrom('report_versions').execute()).rejects.toThrow(/immutable/);

      // Edited behind the database's back (triggers dropped), it no longer verifies.
      await withoutVersionGuards(db, async () => {
        await db
          .updateTable('report_versions')
          .set({ content: row.content.replace('"completed":"1700"', '"completed":"1800"') })
          .where('version', '=', 1)
          .execute();
      });
      const edited = await versionRow(db, BDI_12, 1);
      expect(verifyVersionRow(edited)).toEqual({
        ok: false,
        reason: expect.stringMatching(/SHA-256 không khớp/) as unknown as string,
      });
      const view = await getReportWorkflow(db, BDI_12, NOW);
      expect(view.versions[0]).toMatchObject({ version: 1, verified: false });
      // Its signer edited (hash left alone): the columns no longer match what was hashed.
      await withoutVersionGuards(db, () =>
        db
          .updateTable('report_versions')
          .set({ content: row.content, signer_name: 'Người khác' })
          .execute(),
      );
      expect(verifyVersionRow(await versionRow(db, BDI_12, 1)).ok).toBe(false);
    });

    it('shows "changed since submitted" with the line-by-line difference, and refuses to approve it', async () => {
      const db = t.db;
      await submit(db, BDI_12, HEAD_BDI);
      expect((await getReportWorkflow(db, BDI_12, NOW)).changes).toEqual([]);
      // c1 pays 100 more on 2017-07-01: A = 700, s = 300 (was 200).
      expectOk(await importCases(db, c1Extract(C1, 'c1,2017-07-01,pay,100,,,'), { today: TODAY }));
      const view = await getReportWorkflow(db, BDI_12, NOW);
      expect(view.changed).toBe(true);
      expect(view.changes).toEqual([
        { measure: 'money', line: 'completed', submitted: '1700', current: '1800', change: '100' },
        {
          measure: 'money',
          line: 'completedFull',
          submitted: '1100',
          current: '1200',
          change: '100',
        },
        { measure: 'money', line: 'inProgress', submitted: '500', current: '400', change: '-100' },
        {
          measure: 'money',
          line: 'carriedOver',
          submitted: '1500',
          current: '1400',
          change: '-100',
        },
        {
          measure: 'money',
          line: 'ableCarriedOver',
          submitted: '1100',
          current: '1000',
          change: '-100',
        },
      ]);
      await expectDomainError(
        approveReport(db, BDI_12, MANAGER, NOW),
        'CONFLICT',
        /đã thay đổi sau khi gửi \(5 dòng/,
      );
      await returnReport(db, { ...BDI_12, reason: 'Số liệu đã thay đổi' }, MANAGER, NOW);
      await submit(db, BDI_12, HEAD_BDI);
      expect((await getReportWorkflow(db, BDI_12, NOW)).changed).toBe(false);
      await approveReport(db, BDI_12, MANAGER, NOW);
    });
  });

  describe('the registry lock', () => {
    beforeEach(async () => {
      await submit(t.db, BDI_12, HEAD_BDI);
      await approveReport(t.db, BDI_12, MANAGER, NOW);
    });

    it('refuses console-style edits on or before E(n), naming the unit, the approved month and the date', async () => {
      const db = t.db;
      const error = await db
        .transaction()
        .execute((trx) =>
          assertRegistryUnlocked(trx, {
            kind: 'event',
            unit: 'HN-BDI',
            date: '2017-09-30',
            caseId: 'c1',
            action: 'add',
          }),
        )
        .then(
          () => null,
          (e: unknown) => e as Error & { code: string; details: Record<string, unknown> },
        );
      expect(error?.code).toBe('LOCKED');
      expect(error?.message).toBe(
        'Sổ thụ lý của đơn vị Chi cục THADS quận Ba Đình (HN-BDI) đã khóa đến hết ngày 30/09/2017 vì báo cáo ' +
          '12 tháng năm 2017 (đến tháng 09/2017) đã được duyệt: không thể thêm sự kiện ngày 30/09/2017 của việc c1. ' +
          'Cần gửi yêu cầu mở khóa để Cục duyệt.',
      );
      expect(error?.details).toMatchObject({
        unit: 'HN-BDI',
        year: 2017,
        month: 12,
        lockedThrough: '2017-09-30',
        date: '2017-09-30',
      });
      await db.transaction().execute(async (trx) => {
        // The day after E(n), and another unit, are open.
        await assertRegistryUnlocked(trx, { kind: 'event', unit: 'HN-BDI', date: '2017-10-01' });
        await assertRegistryUnlocked(trx, { kind: 'event', unit: 'HN', date: '2017-05-01' });
        await assertRegistryUnlocked(trx, {
          kind: 'case',
          unit: 'HN-BDI',
          receivedOn: '2017-10-05',
          action: 'add',
        });
      });
      await expectDomainError(
        db.transaction().execute((trx) =>
          assertRegistryUnlocked(trx, [
            { kind: 'case', unit: 'HN-BDI', receivedOn: '2017-10-05', action: 'add' },
            {
              kind: 'case',
              unit: 'HN-BDI',
              receivedOn: '2016-11-01',
              caseId: 'c2',
              action: 'remove',
            },
          ]),
        ),
        'LOCKED',
        /không thể xóa việc c2 thụ lý ngày 01\/11\/2016/,
      );

      // Whole cases before and after, as an editor that rewrites a case would pass them.
      const c1 = (await loadCasesById(db, ['c1'])).get('c1')!;
      const check = (after: typeof c1 | null, before: typeof c1 | null = c1) =>
        db.transaction().execute((trx) => assertCaseChangesUnlocked(trx, [{ before, after }]));
      await check(c1); // unchanged
      await check({ ...c1, facts: { ...c1.facts, debtorName: 'Tên mới' } }); // not a locked fact
      await check({
        ...c1,
        events: [...c1.events, { date: '2017-10-02', kind: 'pay', amount: 1n }],
      });
      await expectDomainError(
        check({ ...c1, events: [...c1.events, { date: '2017-09-01', kind: 'pay', amount: 1n }] }),
        'LOCKED',
        /thêm sự kiện ngày 01\/09\/2017 của việc c1/,
      );
      await expectDomainError(
        check({ ...c1, events: [c1.events[0]!, { ...c1.events[1]!, amount: 250n }] }),
        'LOCKED',
        /sửa sự kiện ngày 10\/01\/2017/,
      );
      await expectDomainError(
        check({ ...c1, events: [c1.events[0]!] }),
        'LOCKED',
        /xóa sự kiện ngày 10\/01\/2017/,
      );
      for (const facts of [{ amount: 999n }, { officer: 'BDI-2' }, { receivedOn: '2016-05-02' }])
        await expectDomainError(
          check({ ...c1, facts: { ...c1.facts, ...facts } }),
          'LOCKED',
          /sửa đơn vị, số tiền/,
        );
      await expectDomainError(check(null), 'LOCKED', /xóa việc c1/);
      await expectDomainError(
        check({ facts: { ...c1.facts, id: 'n1', receivedOn: '2017-09-30' }, events: [] }, null),
        'LOCKED',
        /thêm việc n1 thụ lý ngày 30\/09\/2017/,
      );
      await check({ facts: { ...c1.facts, id: 'n2', receivedOn: '2017-10-01' }, events: [] }, null);
    });

    it("the console's case editing (registry.ts) meets the lock, and an unlock opens it again", async () => {
      const db = t.db;
      const ctx = { actor: { username: 'vanthu', role: 'clerk' }, at: NOW, today: TODAY };
      await expectDomainError(
        recordEvent(db, { caseId: 'c1', event: { date: '2017-09-01', kind: 'verify' } }, ctx),
        'LOCKED',
        /HN-BDI.*30\/09\/2017.*12 tháng năm 2017/,
      );
      await expectDomainError(
        updateCase(
          db,
          {
            id: 'c1',
            receivedOn: '2016-05-01',
            amount: 900n,
            officer: 'BDI-1',
            reason: 'Sửa số tiền',
          },
          ctx,
        ),
        'LOCKED',
      );
      await recordEvent(db, { caseId: 'c1', event: { date: '2017-10-02', kind: 'verify' } }, ctx);
      const { id } = await requestUnlock(db, { ...BDI_12, reason: 'Bổ sung xác minh' }, CLERK, NOW);
      await decideUnlock(db, { id, grant: true }, MANAGER, NOW);
      await recordEvent(db, { caseId: 'c1', event: { date: '2017-09-01', kind: 'verify' } }, ctx);
    });

    it('refuses an import touching a locked date with LOCKED, writing nothing; the rest imports', async () => {
      const db = t.db;
      const before = {
        events: await count(db, 'case_events'),
        cases: await count(db, 'cases'),
        audit: await count(db, 'audit_log'),
      };
      const refused = [
        c1Extract(C1, 'c1,2017-08-01,pay,100,,,'), // an event dated before E(n)
        c1Extract('c1,HN-BDI,2016-05-01,900,BDI-1,'), // the amount of a case received before E(n)
        {
          cases: csv(
            'cases.csv',
            CASES_HEADER,
            'n1,HN-BDI,2017-09-15,100,,',
            'n2,HN-BDI,2017-10-15,100,,',
          ),
          events: csv('events.csv', EVENTS_HEADER),
        },
      ];
      for (const extract of refused) {
        await expectDomainError(
          importCases(db, extract, { today: TODAY }),
          'LOCKED',
          /HN-BDI.*12 tháng năm 2017/,
        );
        await expectDomainError(importCases(db, extract, { today: TODAY, dryRun: true }), 'LOCKED');
      }
      expect({
        events: await count(db, 'case_events'),
        cases: await count(db, 'cases'),
        audit: await count(db, 'audit_log'),
      }).toEqual(before);

      // Allowed: the same extract again (nothing changes), facts the lock does not cover, events
      // and cases after E(n).
      await importWorkedExample(db);
      expectOk(
        await importCases(
          db,
          c1Extract('c1,HN-BDI,2016-05-01,1000,BDI-1,Nguyễn Văn Nợ', 'c1,2017-10-20,pay,100,,,'),
          { today: TODAY },
        ),
      );
      expectOk(
        await importCases(
          db,
          {
            cases: csv('cases.csv', CASES_HEADER, 'n2,HN-BDI,2017-10-15,100,,'),
            events: csv('events.csv', EVENTS_HEADER),
          },
          { today: TODAY },
        ),
      );
      // The Cục's own registry is not locked by HN-BDI's report.
      expectOk(
        await importCases(
          db,
          {
            cases: csv('cases.csv', CASES_HEADER, 'h9,HN,2017-03-01,100,,'),
            events: csv('events.csv', EVENTS_HEADER),
          },
          { today: TODAY },
        ),
      );
    });

    it('an aggregate report stands locked while approved', async () => {
      const db = t.db;
      const key = { unit: 'HN-BDI', year: 2016, month: 12 };
      await saveAggregateReport(
        db,
        { ...key, cases: { broughtForward: '1', newlyReceived: '1' }, money: {} },
        MANAGER,
        NOW,
      );
      await submit(db, key, HEAD_BDI);
      await approveReport(db, key, MANAGER, NOW);
      await expectDomainError(
        saveAggregateReport(
          db,
          { ...key, cases: { broughtForward: '2' }, money: {} },
          MANAGER,
          NOW,
        ),
        'LOCKED',
        /12 tháng năm 2016.*đã được duyệt/,
      );
      await expectDomainError(
        importAggregate(
          db,
          csv('a.csv', 'unit,year,month,measure,broughtForward', 'HN-BDI,2016,12,cases,5'),
        ),
        'LOCKED',
      );
    });

    it('unlocking a Chi cục reopens the approved city total above it, not the Cục office', async () => {
      const db = t.db;
      for (const key of [HN_OWN_12, HN_TOTAL_12]) {
        await submit(db, key, MANAGER);
        await approveReport(db, key, MANAGER, NOW);
      }
      const { id } = await requestUnlock(
        db,
        { ...BDI_12, reason: 'Sửa sự kiện tháng 9/2017' },
        HEAD_BDI,
        NOW,
      );
      const { reopened } = await decideUnlock(db, { id, grant: true }, MANAGER, NOW);
      expect(reopened.map((k) => `${k.unit}/${k.scope}`).sort()).toEqual([
        'HN-BDI/total',
        'HN/total',
      ]);
      expect((await getReportWorkflow(db, HN_OWN_12, NOW)).status).toBe('approved');
      expect((await getReportWorkflow(db, HN_TOTAL_12, NOW)).status).toBe('returned');
      expect(await registryLockOf(db, 'HN-BDI')).toBeNull();
      expect((await registryLockOf(db, 'HN'))?.through).toBe('2017-09-30');
      // A rejected request needs a reason and changes nothing.
      await submit(db, BDI_12, HEAD_BDI);
      await approveReport(db, BDI_12, MANAGER, NOW);
      const second = await requestUnlock(db, { ...BDI_12, reason: 'Lần nữa' }, HEAD_BDI, NOW);
      expect(
        await decideUnlock(
          db,
          { id: second.id, grant: false, note: 'Không có căn cứ' },
          MANAGER,
          NOW,
        ),
      ).toEqual({ reopened: [] });
      expect((await getReportWorkflow(db, BDI_12, NOW)).status).toBe('approved');
      expect((await listUnlockRequests(db)).map((r) => [r.id, r.status, r.decisionNote])).toEqual([
        [second.id, 'rejected', 'Không có căn cứ'],
        [id, 'granted', null],
      ]);
    });

    it('unlock: asked with a reason, granted by a Cục manager, reopens the reports on the unlocked dates', async () => {
      const db = t.db;
      // Month 11 approved too: the lock reaches 30/09/2017 from month 12.
      const BDI_11 = { ...BDI_12, month: 11 };
      const BDI_10 = { ...BDI_12, month: 10 };
      for (const key of [BDI_10, BDI_11]) {
        await submit(db, key, HEAD_BDI);
        await approveReport(db, key, MANAGER, NOW);
      }
      await expectDomainError(
        requestUnlock(db, { unit: 'HN-BDI', year: 2017, month: 11, reason: '' }, HEAD_BDI, NOW),
        'INVALID_INPUT',
        /lý do mở khóa/,
      );
      await expectDomainError(
        requestUnlock(
          db,
          { unit: 'HN', year: 2017, month: 11, reason: 'Sửa sự kiện' },
          MANAGER,
          NOW,
        ),
        'CONFLICT',
        /không bị khóa/,
      );
      const { id } = await requestUnlock(
        db,
        {
          unit: 'HN-BDI',
          year: 2017,
          month: 11,
          reason: 'Nhập thiếu khoản thu ngày 15/08/2017 của việc c1',
        },
        CLERK,
        NOW,
      );
      expect(await listUnlockRequests(db, { status: 'pending' })).toEqual([
        expect.objectContaining({
          id,
          unit: 'HN-BDI',
          from: '2017-08-01',
          requestedBy: 'vanthu',
          status: 'pending',
        }),
      ]);
      await expectDomainError(decideUnlock(db, { id, grant: true }, HEAD_BDI, NOW), 'FORBIDDEN');
      await expectDomainError(
        decideUnlock(db, { id, grant: false, note: '' }, MANAGER, NOW),
        'INVALID_INPUT',
      );
      const { reopened } = await decideUnlock(
        db,
        { id, grant: true, note: 'Đồng ý' },
        MANAGER,
        NOW,
      );
      expect(reopened.map((k) => k.month).sort()).toEqual([11, 12]);
      expect((await getReportWorkflow(db, BDI_11, NOW)).status).toBe('returned');
      expect((await getReportWorkflow(db, BDI_10, NOW)).status).toBe('approved');
      // The lock now stops at month 10's end (31/07/2017).
      expect(await registryLockOf(db, 'HN-BDI')).toMatchObject({
        through: '2017-07-31',
        month: 10,
      });
      expectOk(await importCases(db, c1Extract(C1, 'c1,2017-08-15,pay,100,,,'), { today: TODAY }));
      await expectDomainError(
        importCases(db, c1Extract(C1, 'c1,2017-07-15,pay,100,,,'), { today: TODAY }),
        'LOCKED',
      );
      await expectDomainError(
        decideUnlock(db, { id, grant: true }, MANAGER, NOW),
        'CONFLICT',
        /đã được chấp thuận/,
      );
      const audit = await db
        .selectFrom('audit_log')
        .select(['entity', 'action'])
        .where('entity', '=', 'unlock_request')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['create', 'grant']);
      // Resubmitted and approved, month 12 locks again.
      await submit(db, BDI_11, HEAD_BDI);
      await approveReport(db, BDI_11, MANAGER, NOW);
      await submit(db, BDI_12, HEAD_BDI);
      await approveReport(db, BDI_12, MANAGER, NOW);
      expect((await registryLockOf(db, 'HN-BDI'))?.through).toBe('2017-09-30');
      const versions = (await getReportWorkflow(db, BDI_12, NOW)).versions;
      expect(versions.map((v) => v.version)).toEqual([2, 1]);
    });
  });

  describe('timeliness (Asia/Ho_Chi_Minh, UTC+7)', () => {
    it('day 3 for a Chi cục and day 6 for the Cục, by the local date of the first submission', async () => {
      const db = t.db;
      // HN-BDI month 12 (ends 30/09/2017): deadline 03/10/2017; 16:59:59Z is 23:59:59 local.
      const lastSecond = new Date('2017-10-03T16:59:59Z');
      const nextDay = new Date('2017-10-03T17:00:00Z');
      let board = await reportStatusBoard(db, { year: 2017, month: 12 }, lastSecond);
      expect(board.map((r) => [r.unit, r.scope, r.status, r.deadline, r.timeliness])).toEqual([
        ['HN', 'own', 'not_started', '2017-10-06', 'pending'],
        ['HN', 'total', 'not_started', '2017-10-06', 'pending'],
        ['HN-BDI', 'total', 'not_started', '2017-10-03', 'pending'],
      ]);
      board = await reportStatusBoard(db, { year: 2017, month: 12 }, nextDay);
      expect(board.map((r) => r.timeliness)).toEqual(['pending', 'pending', 'overdue']);

      await submit(db, BDI_12, HEAD_BDI, lastSecond);
      // Month 11 (ends 31/08/2017, deadline 03/09/2017) submitted at 00:00 local on the 4th.
      await submit(db, { ...BDI_12, month: 11 }, HEAD_BDI, new Date('2017-09-03T17:00:00Z'));
      // The Cục: 06/10/2017.
      await submit(db, HN_OWN_12, MANAGER, new Date('2017-10-06T16:59:59Z'));
      await submit(db, HN_TOTAL_12, MANAGER, new Date('2017-10-06T17:00:00Z'));
      board = await reportStatusBoard(db, { year: 2017, month: 12 }, NOW);
      expect(board.map((r) => [r.unit, r.scope, r.status, r.timeliness])).toEqual([
        ['HN', 'own', 'submitted', 'on_time'],
        ['HN', 'total', 'submitted', 'late'],
        ['HN-BDI', 'total', 'submitted', 'on_time'],
      ]);
      expect(
        (await reportStatusBoard(db, { year: 2017, month: 11 }, NOW)).find(
          (r) => r.unit === 'HN-BDI',
        )?.timeliness,
      ).toBe('late');

      // A resubmission after a return, days later, does not change it.
      await returnReport(
        db,
        { ...BDI_12, reason: 'Bổ sung giải trình' },
        MANAGER,
        new Date('2017-10-04T02:00:00Z'),
      );
      await submit(db, BDI_12, HEAD_BDI, new Date('2017-10-10T02:00:00Z'));
      const view = await getReportWorkflow(db, BDI_12, NOW);
      expect([view.status, view.currentVersion, view.timeliness, view.firstSubmittedAt]).toEqual([
        'submitted',
        2,
        'on_time',
        '2017-10-03T16:59:59.000Z',
      ]);
      // The board can be limited to the units an account sees.
      expect(
        (await reportStatusBoard(db, { year: 2017, month: 12, units: new Set(['HN-BDI']) }, NOW))
          .length,
      ).toBe(1);
    });
  });

  describe('aggregate reports', () => {
    it('entered line by line: stored as given, derived and checked like an import, audited', async () => {
      const db = t.db;
      const key = { unit: 'HN-BDI', year: 2015, month: 12 };
      const report = await saveAggregateReport(
        db,
        {
          ...key,
          cases: {
            broughtForward: '4',
            newlyReceived: '6',
            exited: '2',
            able: '7',
            unable: '1',
            completedFull: '2',
            terminated: '1',
          },
          money: { broughtForward: '2700', newlyReceived: '2400', reduced: '' },
        },
        MANAGER,
        NOW,
      );
      // T = C + M, P = T − U, X = X1 + X2, CKS = P − X, KCS = K − X derived; D, H, S stay unknown.
      expect(report).toMatchObject({
        source: 'aggregate',
        cases: {
          totalReceived: 10,
          toEnforce: 8,
          completed: 3,
          carriedOver: 5,
          ableCarriedOver: 4,
          inProgress: null,
          rate: '42.86',
        },
        money: { totalReceived: '5100', toEnforce: null },
      });
      expect(report!.validation.filter((f) => f.severity === 'error')).toEqual([]);
      await expectDomainError(
        saveAggregateReport(db, { ...key, cases: { reduced: '1' }, money: {} }, MANAGER, NOW),
        'INVALID_INPUT',
      );
      await expectDomainError(
        saveAggregateReport(db, { ...key, cases: { able: '-1' }, money: {} }, MANAGER, NOW),
        'INVALID_INPUT',
      );
      await expectDomainError(
        saveAggregateReport(db, { ...key, cases: {}, money: {} }, HEAD_BDI, NOW),
        'FORBIDDEN',
      );
      // Emptying both measures removes the rows.
      expect(
        await saveAggregateReport(db, { ...key, cases: {}, money: {} }, MANAGER, NOW),
      ).toBeNull();
      const audit = await db
        .selectFrom('audit_log')
        .select(['entity', 'action', 'entity_id'])
        .where('entity', '=', 'aggregate_line')
        .orderBy('seq')
        .execute();
      expect(audit.map((a) => `${a.action} ${a.entity_id}`)).toEqual([
        'create HN-BDI/2015/12/cases',
        'create HN-BDI/2015/12/money',
        'delete HN-BDI/2015/12/cases',
        'delete HN-BDI/2015/12/money',
      ]);
    });

    it('an approved aggregate report locks its lines, not the registry; an unlock reopens it', async () => {
      const db = t.db;
      const key = { unit: 'HN-BDI', year: 2015, month: 12 };
      await saveAggregateReport(
        db,
        { ...key, cases: { broughtForward: '1', newlyReceived: '1' }, money: {} },
        MANAGER,
        NOW,
      );
      await submit(db, key, HEAD_BDI);
      await approveReport(db, key, MANAGER, NOW);
      const view = await getReportWorkflow(db, key, NOW);
      expect([view.status, view.bearsLock, view.locksThrough]).toEqual(['approved', false, null]);
      expect(await registryLockOf(db, 'HN-BDI')).toBeNull();
      // A case received before its period end still imports (its figures are not the registry's).
      expectOk(
        await importCases(
          db,
          {
            cases: csv('cases.csv', CASES_HEADER, 'old1,HN-BDI,2015-03-01,100,,'),
            events: csv('events.csv', EVENTS_HEADER),
          },
          { today: TODAY },
        ),
      );
      await expectDomainError(
        saveAggregateReport(
          db,
          { ...key, cases: { broughtForward: '2' }, money: {} },
          MANAGER,
          NOW,
        ),
        'LOCKED',
      );
      const { id } = await requestUnlock(
        db,
        { ...key, reason: 'Sửa số liệu năm 2015' },
        HEAD_BDI,
        NOW,
      );
      expect((await decideUnlock(db, { id, grant: true }, MANAGER, NOW)).reopened).toEqual([
        { unit: 'HN-BDI', scope: 'total', year: 2015, month: 12 },
      ]);
      await saveAggregateReport(
        db,
        { ...key, cases: { broughtForward: '2' }, money: {} },
        MANAGER,
        NOW,
      );
    });

    it('compares an aggregate report with the registry line by line where both exist', async () => {
      const db = t.db;
      expectOk(
        await importAggregate(
          db,
          csv(
            'a.csv',
            'unit,year,month,measure,broughtForward,newlyReceived,completed',
            'HN-BDI,2017,12,cases,4,7,',
            'HN-BDI,2017,12,money,2700,2400,1600',
          ),
        ),
      );
      const result = await reconcileAggregateWithRegistry(db, BDI_12);
      expect(
        result.lines.map(
          (l) => `${l.measure} ${l.line} ${l.aggregate} ${l.registry} ${l.difference} ${l.given}`,
        ),
      ).toEqual([
        'cases broughtForward 4 4 0 true',
        'cases newlyReceived 7 6 1 true',
        'cases totalReceived 11 10 1 false',
        'money broughtForward 2700 2700 0 true',
        'money newlyReceived 2400 2400 0 true',
        'money totalReceived 5100 5100 0 false',
        'money completed 1600 1700 -100 true',
      ]);
      expect(result.differing).toBe(3);
      await expectDomainError(
        reconcileAggregateWithRegistry(db, { ...BDI_12, month: 11 }),
        'NOT_FOUND',
      );
    });
  });

  it('keeps the lock and version tables intact across dialect specifics (the immutability triggers exist)', async () => {
    await submit(t.db, BDI_12, HEAD_BDI);
    await expect(sql`delete from report_versions`.execute(t.db)).rejects.toThrow();
  });
});
